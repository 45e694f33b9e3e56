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


class Boxed:
    """Something placed on the chart by its `box`, with its float centre (values and words alike)."""

    box: Box

    @property
    def cx(self) -> float:
        return (self.box.x0 + self.box.x1) / 2

    @property
    def cy(self) -> float:
        return (self.box.y0 + self.box.y1) / 2


@dataclass
class Word(Boxed):
    text: str
    box: Box


def blocks(words: list[Word], h: float) -> list[Word]:
    """Lines of one label wrapped over two or three rows, joined (top to bottom) into one word."""
    out: list[Word] = []
    for w in sorted(words, key=lambda w: w.box.y0):
        for k, b in enumerate(out):
            gap = w.box.y0 - b.box.y1
            aligned = (
                abs(w.cx - b.cx) < 0.5 * max(w.box.width, b.box.width)
                or abs(w.box.x1 - b.box.x1) < h
                or abs(w.box.x0 - b.box.x0) < h
            )
            if -0.5 * h <= gap <= 0.9 * h and aligned and min(w.box.x1, b.box.x1) > max(w.box.x0, b.box.x0):
                out[k] = Word(f"{b.text} {w.text}", Box.union([b.box, w.box]))
                break
        else:
            out.append(w)
    return out


def anchored_blocks(words: list[Word], centres: list[float], h: float) -> list[Word]:
    """Category labels beside rows of values: a line level with a row of values is a label of its
    own; a line level with none is the wrapped part of the label next to it."""
    rows: list[list[float]] = []
    for c in sorted(centres):
        if rows and c - rows[-1][-1] <= 0.5 * h:
            rows[-1].append(c)
        else:
            rows.append([c])
    anchors = []
    for r in rows:  # each row of values has one label line level with it: the nearest
        c = float(np.mean(r))
        w = min(words, key=lambda w: abs(w.cy - c), default=None)
        if w is not None and abs(w.cy - c) <= h and all(a is not w for a in anchors):
            anchors.append(w)
    if not anchors:
        return blocks(words, h)
    parts: dict[int, list[Word]] = {id(a): [a] for a in anchors}
    for w in words:
        if id(w) in parts:
            continue
        near = [
            a
            for a in anchors
            if min(abs(w.box.y0 - a.box.y1), abs(a.box.y0 - w.box.y1)) <= 0.9 * h
            and min(w.box.x1, a.box.x1) > max(w.box.x0, a.box.x0)
        ]
        if near:
            parts[id(min(near, key=lambda a: abs(a.cy - w.cy)))].append(w)
    out = []
    for a in anchors:
        ws = sorted(parts[id(a)], key=lambda w: w.box.y0)
        out.append(Word(" ".join(w.text for w in ws), Box.union([w.box for w in ws])))
    return out


def split_merged(lines: list[TextLine], pixels: np.ndarray, page: np.ndarray, h: float) -> list[TextLine]:
    """Lines such as '49 21' (two labels read as one) split into their numbers, '23 738' (a
    thousands space) kept whole; words far apart ('Disapprove   Approve', two legend names read
    as one line) split at the wide ink gap between them."""
    out = []
    for l in _at_swatches(lines, pixels, page):
        tokens = l.text.split()
        if len(tokens) < 2:
            out.append(l)
            continue
        b = l.box
        px = pixels[b.y0 : b.y1, b.x0 : b.x1]
        bg = mode_colour(px.reshape(-1, 3))
        inked = np.abs(px.astype(int) - (page if bg is None else bg).astype(int)).max(axis=-1) > 60
        far = inked[
            [max((e - s for s, e in _runs(r)), default=0) < 2 * b.height for r in inked]
        ]  # rows of a bar: not text
        # tall: the ink's height, at most a line's (a box over two rows of text is no taller a line)
        cols, tall = far.any(axis=0), max(1, min(int(far.any(axis=1).sum()), int(round(h))))
        gaps = _runs(~cols)
        if not all(parse_number(t) is not None for t in tokens):
            inner = [g for g in gaps if g[0] > 0 and g[1] < len(cols)]
            wide = [g for g in inner if g[1] - g[0] >= 0.9 * tall]
            if (
                not wide
                and _number(tokens[-1])
                and not re.fullmatch(r"(19|20)\d\d|\d", tokens[-1])
                and not any(c.isdigit() for c in tokens[-2])
            ):
                # a label with its value beside it ('Hungary   76%', not 'June 2018' or 'Route 9'): a gap wider than a space
                wide = [g for g in inner if g[1] - g[0] >= 0.55 * tall][-1:]
            spaces = sorted(inner, key=lambda g: g[1] - g[0])[-(len(tokens) - 1) :]  # the widest gaps: between words
            if (
                not wide
                and len(tokens) >= 3
                and len(inner) >= len(tokens) - 1
                and spaces[-1][1] - spaces[-1][0] >= max(0.6 * tall, 2.5 * (spaces[-2][1] - spaces[-2][0]))
            ):
                wide = spaces[-1:]  # one space far wider than the others: two labels side by side
            out.extend(_split_words(l, tokens, wide, inked))
            continue
        # numbers side by side: a new number starts at every token that is not a 3-digit group
        # ("97 665 97 107" is two labels; ink gaps cannot tell a thousands space from the next label)
        groups: list[list[str]] = []
        for t in tokens:
            if groups and re.fullmatch(r"\d{3}(?:[.,]\d+)?%?", t) and re.fullmatch(r"[-+$€£]?\d{1,3}", groups[-1][-1]):
                groups[-1].append(t)
            else:
                groups.append([t])
        n, at = len(l.text), 0
        for g in groups:
            text = " ".join(g)
            x0 = b.x0 + b.width * at / n
            at += len(text) + 1
            out.append(TextLine(text, Box(int(x0), b.y0, int(b.x0 + b.width * min(n, at - 1) / n), b.y1), l.confidence))
    return out


def _at_swatches(lines: list[TextLine], pixels: np.ndarray, page: np.ndarray) -> list[TextLine]:
    """Legend rows OCR read as one line ('■ Very ■ Somewhat' as 'VerySomewhat') cut at the solid
    colour squares inside them; a square at a line's start is left out of its box, so the name
    keeps its swatch beside it."""
    out = []
    for l in lines:
        b = l.box
        runs = _solid_runs(pixels[b.y0 : b.y1, b.x0 : b.x1], page)
        if not runs or any(c.isdigit() for c in l.text):
            out.append(l)
            continue
        edges = [0] + [x for r in runs for x in r] + [b.width]
        spans = [(edges[k], edges[k + 1]) for k in range(0, len(edges), 2) if edges[k + 1] - edges[k] >= 2]
        inked = sum(e - s for s, e in spans) or 1
        texts, at, done = [], 0, 0
        for s, e in spans:  # each span of text gets its share of the characters, cut at a word start
            done += e - s
            cut = len(l.text) if done >= inked else _word_start(l.text, round(len(l.text) * done / inked))
            texts.append(l.text[at:cut].strip())
            at = cut
        out.extend(
            TextLine(t, Box(b.x0 + s, b.y0, b.x0 + e, b.y1), l.confidence) for t, (s, e) in zip(texts, spans) if t
        )
    return out


def _solid_runs(px: np.ndarray, page: np.ndarray) -> list[tuple[int, int]]:
    """Column runs of a text box that hold a solid square of one colour (a legend swatch): at
    least half the ink's height filled in every column, as wide as half that height (glyph
    strokes are thinner, and have holes)."""
    if px.size == 0:
        return []
    far = np.abs(px.astype(int) - page.astype(int)).max(axis=-1) > 40
    rows = np.flatnonzero(far.any(axis=1))
    if len(rows) < 4:
        return []
    tall = rows[-1] - rows[0] + 1
    out = []
    for s, e in _runs(far.sum(axis=0) >= 0.5 * tall):
        block = px[:, s:e][far[:, s:e].all(axis=1)]
        if (
            e - s >= max(4, 0.45 * tall)
            and len(block) >= 0.5 * tall
            and np.ptp(block.reshape(-1, 3).astype(int), axis=0).max() <= 40
        ):
            out.append((s, e))
    return out


def _word_start(text: str, k: int) -> int:
    """The word boundary nearest character `k`: a space, or a capital after a small letter."""
    starts = [i for i in range(1, len(text)) if text[i - 1] == " " or (text[i].isupper() and text[i - 1].islower())]
    return min(starts, key=lambda i: abs(i - k)) if starts and min(abs(i - k) for i in starts) <= 3 else k


def join_pieces(lines: list[TextLine], h: float) -> list[TextLine]:
    """One label OCR read as two touching pieces ('102' and '.31') joined back into one."""
    out = sorted(lines, key=lambda l: (l.box.x0, l.box.y0))
    k = 0
    while k < len(out):
        a = out[k]
        for j in range(len(out)):
            b = out[j]
            overlap = min(a.box.y1, b.box.y1) - max(a.box.y0, b.box.y0)
            if (
                j != k
                and overlap >= 0.5 * min(a.box.height, b.box.height)
                and -0.3 * h <= b.box.x0 - a.box.x1 <= 0.25 * h
                and (b.text.startswith((".", ",")) or a.text.endswith((".", ",")))
                and parse_number(a.text + b.text) is not None
            ):
                out[k] = TextLine(a.text + b.text, Box.union([a.box, b.box]), min(a.confidence, b.confidence))
                del out[j]
                k = -1
                break
        k += 1
    return out


def _number(token: str) -> bool:
    return parse_number(token) is not None and any(c.isdigit() for c in token)


def _split_words(l: TextLine, tokens: list[str], gaps: list[tuple[int, int]], inked: np.ndarray) -> list[TextLine]:
    """The line cut at `gaps` (ink columns of its box), each piece's box tightened to the rows its
    own ink fills (a box over two rows of text holds pieces of different heights)."""
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
    if not all(parts):
        return [l]
    out = []
    for k, p in enumerate(parts):
        rows = np.nonzero(inked[:, edges[k] : edges[k + 1]].any(axis=1))[0]
        y0, y1 = (b.y0 + int(rows[0]), b.y0 + int(rows[-1]) + 1) if len(rows) else (b.y0, b.y1)
        out.append(
            TextLine(
                " ".join(p),
                Box(b.x0 + edges[k], max(b.y0, y0 - 1), b.x0 + edges[k + 1], min(b.y1, y1 + 1)),
                l.confidence,
            )
        )
    return out


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


def evenly_stepped(values: list[float]) -> bool:
    """Evenly stepped, as ticks are: most steps equal (one misread tick allowed), or equal ratios."""
    d = np.diff(values)
    if len(d) < 2 or np.any(d == 0):
        return False
    step = float(np.median(d))
    if np.mean(np.isclose(d, step, rtol=0.02, atol=1e-9)) >= (1.0 if len(d) < 4 else 0.7):
        return True
    v = np.array(values)
    ratio = v[1] / v[0] if v[0] > 0 else 0.0
    # a log axis steps by a real factor (2, 10); values within a few percent of each other are no ticks
    return bool(np.all(v > 0) and abs(ratio - 1) > 0.25 and np.allclose(v[1:] / v[:-1], ratio, rtol=0.02))


def axis_ticks(numeric: list[TextLine], h: float) -> set[int]:
    """ids of numbers that are axis ticks: a column (or row) of three or more, evenly stepped
    in value, in order along it."""
    out: set[int] = set()
    for horizontal in (False, True):
        key = (lambda l: (l.box.y0 + l.box.y1) / 2) if horizontal else (lambda l: l.box.x1)
        for group in _aligned(numeric, key, 0.6 * h):
            along = sorted(group, key=lambda l: l.box.x0 if horizontal else -l.box.y0)
            vals = [parse_number(l.text) for l in along]
            pos = [(l.box.x0 + l.box.x1) / 2 if horizontal else (l.box.y0 + l.box.y1) / 2 for l in along]
            if (
                len(along) >= 3
                and evenly_stepped(vals)
                and not (horizontal and _years(vals))
                and _spaced_as_valued(pos, vals)
            ):
                out |= {id(l) for l in along}
    return out | _axis_ends(numeric, h)


def _axis_ends(numeric: list[TextLine], h: float) -> set[int]:
    """ids of a value axis labelled only at its ends ('100%' over '0'): two numbers one above the
    other, the highest and the lowest of all, whose values bracket those of three or more numbers
    between them."""
    numeric = [l for l in numeric if not re.fullmatch(r"(19|20)\d\d", l.text.strip())]  # a row of years is no value
    if len(numeric) < 5:
        return set()
    top = min(numeric, key=lambda l: l.box.y0)
    low = max(numeric, key=lambda l: l.box.y1)
    a, b = parse_number(top.text), parse_number(low.text)
    aligned = (
        min(
            abs(top.box.x0 - low.box.x0),
            abs(top.box.x1 - low.box.x1),
            abs(top.box.x0 + top.box.x1 - low.box.x0 - low.box.x1) / 2,
        )
        <= 0.6 * h
    )
    if top is low or a is None or b is None or not a > b or not aligned:
        return set()
    inner = [
        parse_number(l.text)
        for l in numeric
        if l is not top and l is not low and top.box.y0 < (l.box.y0 + l.box.y1) / 2 < low.box.y1
    ]
    if len(inner) < 3 or len(inner) < len(numeric) - 2 or not all(v is not None and b <= v <= a for v in inner):
        return set()
    return {id(top), id(low)}


def _spaced_as_valued(pos: list[float], vals: list[float]) -> bool:
    """Ticks stand where their values put them: positions on a straight scale of the values (or of
    their logarithms); printed labels that happen to step evenly ('73 74 75') stand anywhere."""
    p = np.array(pos, float)
    gap = float(np.median(np.abs(np.diff(p)))) or 1.0
    for v in (np.array(vals, float), np.log(np.abs(vals) + 1e-9) if all(x > 0 for x in vals) else None):
        if v is None or np.ptp(v) == 0:
            continue
        fit = np.polyval(np.polyfit(v, p, 1), v)
        if np.abs(fit - p).max() <= 0.15 * gap:
            return True
    return False


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
        if any(
            0 <= l.box.y0 - w.box.y1 <= 0.9 * h
            and abs((w.box.x0 + w.box.x1) / 2 - lc) < 0.5 * max(w.box.width, l.box.width)
            for w in words
        ):
            under.append(l)
    rows = _aligned(under, lambda l: (l.box.y0 + l.box.y1) / 2, 0.5 * h)
    return {id(l) for g in rows if len(g) >= 3 for l in g}
