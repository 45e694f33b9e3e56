"""The text pieces a printed-value reader works with: words and their blocks (wrapped labels),
numbers OCR read as one line, the axis ticks that are not data, and a row of years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ....perception.geometry import Box
from ....perception.ocr import TextLine
from .ink import mode_colour
from .tick_format import parse_number


@dataclass
class Word:
    text: str
    box: Box

    @property
    def cx(self) -> float:
        return (self.box.x0 + self.box.x1) / 2

    @property
    def cy(self) -> float:
        return (self.box.y0 + self.box.y1) / 2


def blocks(words: list[Word], h: float) -> list[Word]:
    """Lines of one label wrapped over two or three rows, joined (top to bottom) into one word."""
    out: list[Word] = []
    for w in sorted(words, key=lambda w: w.box.y0):
        for k, b in enumerate(out):
            gap = w.box.y0 - b.box.y1
            aligned = (abs(w.cx - b.cx) < 0.5 * max(w.box.width, b.box.width) or abs(w.box.x1 - b.box.x1) < h
                       or abs(w.box.x0 - b.box.x0) < h)
            if -0.5 * h <= gap <= 0.9 * h and aligned and min(w.box.x1, b.box.x1) > max(w.box.x0, b.box.x0):
                out[k] = Word(f"{b.text} {w.text}", Box.union([b.box, w.box]))
                break
        else:
            out.append(w)
    return out


def split_merged(lines: list[TextLine], pixels: np.ndarray, page: np.ndarray, h: float) -> list[TextLine]:
    """Lines such as '49 21' (two labels read as one) split at their widest ink gap; '23 738'
    (a thousands separator: a narrow gap) kept whole; words far apart ('Disapprove   Approve',
    two legend names read as one line) split too."""
    out = []
    for l in lines:
        tokens = l.text.split()
        if len(tokens) < 2:
            out.append(l)
            continue
        b = l.box
        px = pixels[b.y0 : b.y1, b.x0 : b.x1]
        bg = mode_colour(px.reshape(-1, 3))
        far = np.abs(px.astype(int) - (page if bg is None else bg).astype(int)).max(axis=-1) > 60
        far = far[[max((e - s for s, e in _runs(r)), default=0) < 2 * b.height for r in far]]  # rows of a bar: not text
        cols, tall = far.any(axis=0), max(1, int(far.any(axis=1).sum()))  # tall: the ink's height
        gaps = _runs(~cols)
        if not all(parse_number(t) is not None for t in tokens):
            out.extend(_split_words(l, tokens, [g for g in gaps if g[1] - g[0] >= 0.9 * tall and g[0] > 0 and g[1] < len(cols)]))
            continue
        wide = [g for g in gaps if g[1] - g[0] >= 0.6 * b.height and g[0] > 0 and g[1] < len(cols)]
        if len(wide) != len(tokens) - 1:
            if all(re.fullmatch(r"\d{3}", t) for t in tokens[1:]):
                out.append(l)
            else:  # no clear gaps: split by character count
                n = sum(len(t) for t in tokens)
                x = b.x0
                for t in tokens:
                    w = b.width * len(t) / n
                    out.append(TextLine(t, Box(int(x), b.y0, int(x + w), b.y1), l.confidence))
                    x += w
            continue
        edges = [b.x0] + [b.x0 + (g[0] + g[1]) // 2 for g in wide] + [b.x1]
        out.extend(TextLine(t, Box(edges[k], b.y0, edges[k + 1], b.y1), l.confidence) for k, t in enumerate(tokens))
    return out


def _split_words(l: TextLine, tokens: list[str], gaps: list[tuple[int, int]]) -> list[TextLine]:
    if not gaps or len(gaps) >= len(tokens):
        return [l]
    b, n = l.box, sum(len(t) + 1 for t in tokens) - 1
    cuts = [(g[0] + g[1]) / 2 for g in gaps]
    parts: list[list[str]] = [[] for _ in range(len(cuts) + 1)]
    at = 0
    for t in tokens:  # a token goes to the piece its middle falls in, by character position
        mid = b.width * (at + len(t) / 2) / n
        parts[sum(mid > c for c in cuts)].append(t)
        at += len(t) + 1
    edges = [0] + [int(c) for c in cuts] + [b.width]
    return [TextLine(" ".join(p), Box(b.x0 + edges[k], b.y0, b.x0 + edges[k + 1], b.y1), l.confidence)
            for k, p in enumerate(parts) if p] if all(parts) else [l]


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    out, start = [], None
    for i, m in enumerate(mask):
        if m and start is None:
            start = i
        elif not m and start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(mask)))
    return out


def _even(values: list[float]) -> bool:
    """Evenly stepped, as ticks are: most steps equal (one misread tick allowed), or equal ratios."""
    d = np.diff(values)
    if len(d) < 2 or np.any(d == 0):
        return False
    step = float(np.median(d))
    if np.mean(np.isclose(d, step, rtol=0.02, atol=1e-9)) >= (1.0 if len(d) < 4 else 0.7):
        return True
    v = np.array(values)
    return bool(np.all(v > 0) and np.allclose(v[1:] / v[:-1], v[1] / v[0], rtol=0.02))


def axis_ticks(numeric: list[TextLine], h: float) -> set[int]:
    """ids of numbers that are axis ticks: a column (or row) of three or more, evenly stepped
    in value, in order along it."""
    out: set[int] = set()
    for horizontal in (False, True):
        key = (lambda l: (l.box.y0 + l.box.y1) / 2) if horizontal else (lambda l: l.box.x1)
        for group in _aligned(numeric, key, 0.6 * h):
            along = sorted(group, key=lambda l: l.box.x0 if horizontal else -l.box.y0)
            vals = [parse_number(l.text) for l in along]
            if len(along) >= 3 and _even(vals) and not (horizontal and _years(vals)):
                out |= {id(l) for l in along}
    return out


def year_row(numeric: list[TextLine], ticks: set[int], h: float) -> set[int]:
    """ids of a row of years under the marks (the categories of a line or bar chart over time)."""
    rows = []
    for g in _aligned([l for l in numeric if id(l) not in ticks], lambda l: (l.box.y0 + l.box.y1) / 2, 0.5 * h):
        g = sorted((l for l in g if re.fullmatch(r"\d{4}", l.text.strip())), key=lambda l: l.box.x0)
        if len(g) >= 3 and _years([parse_number(l.text) for l in g]):
            rows.append(g)
    if not rows:
        return set()
    low = max(rows, key=lambda g: g[0].box.y0)
    return {id(l) for l in low}


def _years(vals: list[float]) -> bool:
    return all(v is not None and float(v).is_integer() and 1900 <= v <= 2100 for v in vals) and all(np.diff(vals) > 0)


def _aligned(items: list[TextLine], key, tol: float) -> list[list[TextLine]]:
    order = sorted(items, key=key)
    groups: list[list[TextLine]] = []
    for l in order:
        if groups and key(l) - key(groups[-1][-1]) <= tol:
            groups[-1].append(l)
        else:
            groups.append([l])
    return groups


def word_parts(numeric: list[TextLine], words: list[TextLine], h: float) -> set[int]:
    """ids of a row of numbers that each sit right under a word ("Jun" over "98"): the second
    line of wrapped category labels, not values."""
    under = []
    for l in numeric:
        lc = (l.box.x0 + l.box.x1) / 2
        if any(0 <= l.box.y0 - w.box.y1 <= 0.9 * h and abs((w.box.x0 + w.box.x1) / 2 - lc) < 0.5 * max(w.box.width, l.box.width)
               for w in words):
            under.append(l)
    rows = _aligned(under, lambda l: (l.box.y0 + l.box.y1) / 2, 0.5 * h)
    return {id(l) for g in rows if len(g) >= 3 for l in g}
