"""Page chrome is not data: titles and subtitles above a chart, source lines, notes, copyright
lines and publisher marks below it.

    data_lines = [i for i in range(len(lines)) if i not in chrome_lines(lines, pixels)]
"""

from __future__ import annotations

import re

import numpy as np

from ....perception.ocr import TextLine
from .ink import background, bar_end, neutral, text_colour
from .tick_format import parse_number

_FOOTER = re.compile(
    r"^\s*(sources?\b|notes?\b|survey\b|data\b|\*|©|\(c\)|copyright)|statista|additional information"
    r"|show source|research cent|\bdata source|^\s*figures? may",
    re.IGNORECASE,
)


def chrome_lines(lines: list[TextLine], pixels: np.ndarray) -> set[int]:
    """Indices of the lines that are title, subtitle, source, note or publisher text."""
    h, w = pixels.shape[:2]
    out: set[int] = set()
    if not lines:
        return out
    footer_top = h
    for i, l in enumerate(lines):
        if _FOOTER.search(l.text) and l.box.y0 > 0.5 * h:
            footer_top = min(footer_top, l.box.y0)
        if _FOOTER.search(l.text) and ("©" in l.text or "statista" in l.text.lower()):
            out.add(i)  # a copyright mark may sit beside the chart, not under it
    out |= {i for i, l in enumerate(lines) if l.box.y0 >= footer_top - 2}
    # a column of icon buttons at the right edge (share, print, bookmark), read as one or two glyphs
    # (a number just past the end of a bar is that bar's value, not a button)
    page = background(pixels)
    icons = [
        i
        for i, l in enumerate(lines)
        if l.box.x0 > 0.92 * w
        and l.box.x1 > 0.955 * w
        and len(l.text.strip()) <= 2
        and bar_end(pixels, l.box, page, True, l.box.height) is None
    ]
    numbers = sum(parse_number(lines[i].text) is not None for i in icons)
    # (one alone is an icon when read unsurely: a printed number is crisp, a glyph read as '99' is not)
    alone = len(icons) == 1 and lines[icons[0]].confidence < 0.9
    if (len(icons) >= 2 or alone) and not (
        len(icons) >= 4 and numbers == len(icons)
    ):  # four numbers or more: a column of totals
        out |= set(icons)
    # the title block: from the top, rows starting flush with the left text margin, wide or run on
    # from the row above, in plain ink and without numbers
    left = min(l.box.x0 for l in lines)
    rows: list[list[int]] = []
    for i in sorted(range(len(lines)), key=lambda i: lines[i].box.y0):
        if i in out:
            continue
        if rows and lines[i].box.y0 < max(lines[j].box.y1 for j in rows[-1]) - 0.3 * lines[i].box.height:
            rows[-1].append(i)
        else:
            rows.append([i])
    last = None
    for row in rows:
        first = min(row, key=lambda i: lines[i].box.x0)
        l = lines[first]
        span = max(lines[i].box.x1 for i in row) - l.box.x0
        if (
            l.box.x0 > left + 0.04 * w
            or any(parse_number(lines[i].text) is not None for i in row)
            or not neutral(text_colour(pixels, l.box))
        ):
            break
        run_on = last is not None and l.box.y0 - last <= 0.7 * l.box.height
        if span < 0.3 * w and len(l.text.split()) < 3 and not run_on:
            break
        out |= set(row)
        last = max(lines[i].box.y1 for i in row)
    return out
