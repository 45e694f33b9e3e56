"""A pie's printed shares: "55% Higher", "Same 41%", or a name over its number ("Same" / "41%").
The value is the printed share; the name is the label's text without the number.

    shares = printed_shares(lines, h)   # -> [("Higher", 55.0), ...]
"""

from __future__ import annotations

import re

from ....perception.ocr import TextLine
from .printed_text import Word, blocks

_SHARE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s?%")


def printed_shares(lines: list[TextLine], h: float) -> list[tuple[str, float]]:
    """(name, percent) for every printed share, in reading order; names may be ''."""
    shares: list[tuple[Word, float, str]] = []
    words: list[Word] = []
    for l in lines:
        m = _SHARE.search(l.text)
        if m is None:  # a bare share, or one at the end of its name ("Do not know 5.2")
            m = re.search(r"(?:^|\s)(\d{1,3}(?:[.,]\d+)?)\s*$", l.text)
        if m is None:
            words.append(Word(l.text, l.box))
            continue
        name = (l.text[: m.start()] + " " + l.text[m.end() :]).strip(" :-–,()")
        shares.append((Word(l.text, l.box), float(m.group(1).replace(",", ".")), name))
    total = sum(v for _, v, _ in shares)
    if not any("%" in w.text for w, _, _ in shares) and not 95 <= total <= 105:
        return []
    free = blocks(words, h)
    out = []
    for w, value, name in sorted(shares, key=lambda s: (s[0].box.y0, s[0].box.x0)):
        j = _nearest(w, free, h, above_only=bool(name))
        if j is not None:  # the label's first line(s) above it, or its name beside it
            name = f"{free.pop(j).text} {name}".strip()
        out.append((w, name, value))
    # a small slice's label sits outside the disc, its name a little way off (a leader line between)
    for k, (w, name, value) in enumerate(out):
        gaps = [(_gap(w, f), j) for j, f in enumerate(free) if any(c.isalpha() for c in f.text)]
        if not name and gaps and min(gaps)[0] <= 3.5 * h:
            out[k] = (w, free.pop(min(gaps)[1]).text, value)
    return [(name, value) for _, name, value in out]


def _gap(a: Word, b: Word) -> float:
    dx = max(0, b.box.x0 - a.box.x1, a.box.x0 - b.box.x1)
    dy = max(0, b.box.y0 - a.box.y1, a.box.y0 - b.box.y1)
    return float((dx * dx + dy * dy) ** 0.5)


def _nearest(w: Word, free: list[Word], h: float, above_only: bool) -> int | None:
    best = None
    for j, f in enumerate(free):
        overlap = min(f.box.x1, w.box.x1) - max(f.box.x0, w.box.x0) > 0
        gap_above = w.box.y0 - f.box.y1
        gap_below = f.box.y0 - w.box.y1
        same_row = abs(f.cy - w.cy) < 0.6 * h and min(abs(f.box.x0 - w.box.x1), abs(w.box.x0 - f.box.x1)) < 1.5 * h
        if overlap and -0.5 * h <= gap_above <= (1.0 if above_only else 1.6) * h:
            d = gap_above
        elif not above_only and overlap and -0.5 * h <= gap_below <= 1.0 * h:
            d = gap_below + 0.5 * h
        elif not above_only and same_row:
            d = h
        else:
            continue
        if best is None or d < best[0]:
            best = (d, j)
    return None if best is None else best[1]
