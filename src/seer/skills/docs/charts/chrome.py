"""Page chrome is not data: titles and subtitles above a chart, source lines, notes, copyright
lines and publisher marks below it.

    data_lines = [i for i in range(len(lines)) if i not in chrome_lines(lines, pixels)]
"""

from __future__ import annotations

import re

import numpy as np

from ....perception.ocr import TextLine
from .ink import neutral, text_colour
from .tick_format import parse_number

_FOOTER = re.compile(r"^\s*(sources?\b|notes?\b|survey\b|data\b|\*|©|\(c\)|copyright)|statista|additional information"
                     r"|show source|research cent|\bdata source|^\s*figures? may", re.IGNORECASE)


def chrome_lines(lines: list[TextLine], pixels: np.ndarray) -> set[int]:
    """Indices of the lines that are title, subtitle, source, note or publisher text."""
    h, w = pixels.shape[:2]
    out: set[int] = set()
    footer_top = h
    for i, l in enumerate(lines):
        if _FOOTER.search(l.text) and l.box.y0 > 0.5 * h:
            footer_top = min(footer_top, l.box.y0)
        if _FOOTER.search(l.text) and ("©" in l.text or "statista" in l.text.lower()):
            out.add(i)  # a copyright mark may sit beside the chart, not under it
    out |= {i for i, l in enumerate(lines) if l.box.y0 >= footer_top - 2}
    # the title block: from the top, lines flush with the left text margin, wide or run on, in plain ink
    left = min(l.box.x0 for l in lines)
    for i in sorted(range(len(lines)), key=lambda i: lines[i].box.y0):
        l = lines[i]
        if i in out:
            continue
        flush = l.box.x0 <= left + 0.04 * w
        if not flush or parse_number(l.text) is not None or not neutral(text_colour(pixels, l.box)):
            break
        if l.box.width < 0.3 * w and len(l.text.split()) < 3:
            break
        out.add(i)
    return out
