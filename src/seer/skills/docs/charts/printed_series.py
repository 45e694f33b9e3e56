"""Which series each printed value belongs to, and the series' names.

A value's series is its ink colour when the labels are written in series colours, else its rank
across its category (by offset in a group of bars, along a stack) and its fill colour. A series
is named by a word in its colour or beside its swatch, the rest of a legend row, or a column
header above it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ....perception.geometry import Box
from . import ink
from .printed_text import Boxed, Word, blocks

SWATCH_GLYPHS = "●•■▪◆◼ "


@dataclass
class Value(Boxed):
    value: float
    box: Box
    fill: np.ndarray | None
    colour: np.ndarray | None  # its ink, when it is not plain text colour
    cat: str = ""
    series: int = -1
    mark: np.ndarray | None = None  # the colour of its bar: behind it, or under (beside) it
    offset: float = 0.0  # from its category label, along the category axis


def label_colour(pixels: np.ndarray, box: Box) -> np.ndarray | None:
    """The text's ink colour, or None when it is plain (grey or black) text."""
    c = ink.text_colour(pixels, box)
    return None if ink.neutral(c) else c


def assign_series(values: list[Value], cats: list[str], horizontal: bool, h: float) -> tuple[int, bool]:
    """Give each value its series index; returns (how many series, whether keyed by ink colour)."""
    keys = ink_clusters(values)
    if keys is not None:
        return keys, True
    groups: dict[str, list[Value]] = {}
    for v in values:
        groups.setdefault(v.cat, []).append(v)
    multi = [g for g in groups.values() if len(g) > 1]
    spread = np.median([np.ptp([u.cy if horizontal else u.cx for u in g]) for g in multi]) if multi else 0.0
    grouped = spread > (0.6 if horizontal else 1.0) * h
    # across a group of bars: by offset from the category label; across a stack: left to right, or bottom up

    def along(v: Value) -> float:
        return v.offset if grouped else (v.cx if horizontal else -v.cy)

    k = max(len(g) for g in groups.values())
    for g in groups.values():
        if len(g) == k:
            for r, v in enumerate(sorted(g, key=along)):
                v.series = r
    fills = [_mean([v.fill for v in values if v.series == r]) for r in range(k)]
    where = [float(np.mean([along(v) for v in values if v.series == r])) for r in range(k)]
    for g in groups.values():
        if len(g) == k:
            continue
        free = list(range(k))
        for v in sorted(g, key=along):
            if v.fill is not None and any(
                fills[r] is not None and ink.distance(fills[r], v.fill) <= ink.NEAR for r in free
            ):
                r = min((r for r in free if fills[r] is not None), key=lambda r: ink.distance(fills[r], v.fill))
            else:
                r = min(free, key=lambda r: abs(along(v) - where[r]))
            v.series = r
            free.remove(r)
    return k, False


def _mean(cs: list[np.ndarray | None]) -> np.ndarray | None:
    cs = [c for c in cs if c is not None]
    return np.median(np.array(cs), axis=0).astype(np.int32) if cs else None


def ink_clusters(values: list[Value], check: bool = True) -> int | None:
    """Series by label colour, when the labels are written in two or more series colours."""
    centres: list[np.ndarray] = []
    for v in values:
        if v.colour is None:
            continue
        for j, c in enumerate(centres):
            if ink.same_hue(c, v.colour):
                v.series = j
                break
        else:
            centres.append(v.colour)
            v.series = len(centres) - 1
    coloured = sum(v.colour is not None for v in values)
    if len(centres) < 2 or coloured < 0.7 * len(values):
        for v in values:
            v.series = -1
        return None
    _untangle(values, len(centres))
    dup = coloured - len({(v.cat, v.series) for v in values if v.series >= 0})
    if check and dup > 0.2 * coloured:
        for v in values:
            v.series = -1
        return None
    for v in values:  # a plain-ink label joins the one series its category lacks, else the nearest label's
        if v.series < 0:
            have = {u.series for u in values if u.cat == v.cat and u.series >= 0}
            lacking = [r for r in range(len(centres)) if r not in have]
            if len(lacking) == 1:
                v.series = lacking[0]
                continue
            near = min((u for u in values if u.colour is not None), key=lambda u: abs(u.cx - v.cx) + abs(u.cy - v.cy))
            v.series = near.series
    return len(centres)


def _untangle(values: list[Value], k: int) -> None:
    """Two labels of one category in one colour cluster while another series has none there (two
    shades of one hue told apart badly): the one farther from its cluster's mean colour moves."""
    means = [_mean([v.colour for v in values if v.series == r]) for r in range(k)]
    for cat in {v.cat for v in values}:
        mine = [v for v in values if v.cat == cat and v.series >= 0]
        have = {v.series for v in mine}
        lacking = [r for r in range(k) if r not in have]
        for r in have:
            same = [v for v in mine if v.series == r]
            if len(same) == 2 and len(lacking) == 1 and means[lacking[0]] is not None:
                far = max(
                    same, key=lambda v: ink.distance(v.colour, means[r]) - ink.distance(v.colour, means[lacking[0]])
                )
                far.series = lacking.pop()


def coloured_blocks(words: list[Word], pixels: np.ndarray, h: float) -> list[Word]:
    """Series names written in their line's colour and wrapped over two or three lines, joined
    (lines in plain ink are left alone: a legend's rows are stacked just as closely)."""
    hues: list[tuple[np.ndarray, list[Word]]] = []
    plain = []
    for w in words:
        c = label_colour(pixels, w.box)
        if c is None:
            plain.append(w)
            continue
        for first, g in hues:
            if ink.same_hue(first, c):
                g.append(w)
                break
        else:
            hues.append((c, [w]))
    return plain + [b for _, g in hues for b in blocks(g, h)]


def series_names(
    values: list[Value], k: int, words: list[Word], pixels: np.ndarray, page: np.ndarray, horizontal: bool, h: float
) -> list[str]:
    """Series names: a word in the series' colour or with its swatch, else a column header above it."""
    names = [""] * k
    taken: set[int] = set()
    for r in range(k):
        mine = [v for v in values if v.series == r]
        marked = sum(v.mark is not None for v in mine) >= 0.5 * len(mine)
        inked = sum(v.colour is not None for v in mine) >= 0.5 * len(mine)
        colour = _mean([v.mark for v in mine]) if marked else _mean([v.colour for v in mine]) if inked else None
        if colour is None:
            continue
        best = None
        for j, w in enumerate(words):
            if j in taken:
                continue
            c = ink.text_colour(pixels, w.box)
            crowded = any(
                o is not w
                and o.box.x1 >= w.box.x0 - 3 * h
                and o.box.x0 < w.box.x0
                and min(o.box.y1, w.box.y1) > max(o.box.y0, w.box.y0)
                for o in words
            )
            sw = None if crowded else ink.swatch(pixels, w.box, page, h)  # another word's ink is no swatch
            d = min(
                ink.distance(c, colour) if c is not None and not ink.neutral(c) and ink.same_hue(c, colour) else 999,
                ink.distance(sw, colour) if ink.distance(sw, colour) <= ink.NEAR else 999,
            )
            if d < 999 and (best is None or d < best[0]):
                best = (d, j)
        if best is not None:
            names[r] = words[best[1]].text
            taken.add(best[1])
    legend = [
        w
        for j, w in enumerate(words)
        if j not in taken and any(min(w.box.y1, words[t].box.y1) > max(w.box.y0, words[t].box.y0) for t in taken)
    ]
    todo = [r for r in range(k) if not names[r]]
    if todo and len(legend) == len(todo):  # the rest of a legend row names the rest of the series
        for r, w in zip(todo, sorted(legend, key=lambda w: w.box.x0)):
            names[r] = w.text
            taken.add(next(j for j, o in enumerate(words) if o is w))
    top = min(v.box.y0 for v in values)
    rest = [w for j, w in enumerate(words) if j not in taken]
    words = blocks(rest, h)  # column headers may be wrapped over two or three lines
    taken = set()
    heads = [(j, w) for j, w in enumerate(words) if w.box.y1 <= top + 0.3 * h or w.cy < top]
    if horizontal and heads and k > 1:
        todo = [r for r in range(k) if not names[r]]
        xs = [float(np.mean([v.cx for v in values if v.series == r])) for r in todo]
        for r, head in zip(todo, _in_order(sorted(xs), [(w.cx, j) for j, w in sorted(heads, key=lambda jw: jw[1].cx)])):
            if head is not None:
                names[r] = words[head].text
    names = [n.lstrip(SWATCH_GLYPHS) for n in names]  # a round swatch OCR read as a bullet
    return [n or ("value" if k == 1 else f"series {r + 1}") for r, n in enumerate(names)]


def _in_order(xs: list[float], heads: list[tuple[float, int]]) -> list[int | None]:
    """Match sorted positions to sorted headers, keeping their order, at the least total distance
    (headers stand over their columns, not always over the labels' centres)."""
    n, m = len(xs), len(heads)
    if m < n:  # fewer headers than columns: each header names the column nearest it, once
        out: list[int | None] = [None] * n
        for hx, j in heads:
            free = [i for i in range(n) if out[i] is None]
            out[min(free, key=lambda i: abs(xs[i] - hx))] = j
        return out
    cost = np.full((n + 1, m + 1), np.inf)
    cost[0, :] = 0
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            cost[i, j] = min(cost[i, j - 1], cost[i - 1, j - 1] + abs(xs[i - 1] - heads[j - 1][0]))
    out, j = [], m
    for i in range(n, 0, -1):
        while j > i and cost[i, j] == cost[i, j - 1]:
            j -= 1
        out.append(heads[j - 1][1])
        j -= 1
    return out[::-1]
