"""Read a chart from the numbers printed on it: value labels are the data, geometry only says
which category and which series each number belongs to.

    table = read_printed(pixels, lines, chrome)   # -> Printed | None

Categories are the words beside the marks: left of the bars (horizontal) or under them (vertical,
also a row of years). A value joins the nearest category; inside a category its series is its ink
colour (labels written in their line's colour), else its rank along the bar and its fill colour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ....perception.geometry import Box
from ....perception.ocr import TextLine
from . import ink
from .printed_series import Value, assign_series, coloured_blocks, ink_clusters, label_colour, series_names
from .printed_text import Word, anchored_blocks, axis_ticks, join_pieces, split_merged, word_parts, year_row
from .schema import Point, Series
from .tick_format import parse_number


@dataclass
class Printed:
    kind: str
    series: list[Series]
    horizontal: bool
    warnings: list[str] = field(default_factory=list)


def read_printed(
    pixels: np.ndarray,
    lines: list[TextLine],
    chrome: set[int],
    ticks: set[int] = frozenset(),
    columns: list[Word] | None = None,
) -> Printed | None:
    """The table the printed value labels spell, or None when fewer than two labels are found.
    `chrome` and `ticks` index lines that are page text and calibrated axis ticks; `columns`, the
    category labels under the plot when the layout read them (turned labels, read level)."""
    page = ink.background(pixels)
    given = {id(lines[i]) for i in ticks}
    pieces = [l for i, l in enumerate(lines) if i not in chrome]
    h = float(np.median([l.box.height for l in pieces])) if pieces else 10.0
    pieces = _unnested(join_pieces(split_merged(pieces, pixels, page, h), h))
    # a lone digit far taller or shorter than the text is a marker or a tick read as one ('8', '1')
    numeric = [
        l
        for l in pieces
        if parse_number(l.text) is not None
        and any(c.isdigit() for c in l.text)
        and (len(l.text.strip()) > 1 or 0.6 * h <= l.box.height <= 1.6 * h)
    ]
    # a label inside a bar, or standing at a bar's end, is no tick (the bars' numbers can step evenly)
    ticks_ = axis_ticks(
        [
            l
            for l in numeric
            if ink.fill(pixels, l.box, page) is None
            and all(ink.on_ground(ink.bar_end(pixels, l.box, page, across, h)) for across in (True, False))
        ],
        h,
    )
    ticks_ |= given
    years = year_row(numeric, ticks_, h)
    # a lone year ("Sep 2015" wrapped, "2015" beside a bar) is a category word, not a value
    numeric = [l for l in numeric if id(l) in years or not _year_text(l.text)]
    parts = word_parts(numeric, [l for l in pieces if parse_number(l.text) is None], h)
    numeric = [l for l in numeric if id(l) not in parts]
    spaced = sum(bool(re.fullmatch(r"\d{1,3}(?: \d{3})+", l.text.strip())) for l in numeric) >= 0.5 * max(
        1, len(numeric)
    )
    values = [
        Value(_value(l.text, spaced), l.box, ink.fill(pixels, l.box, page), label_colour(pixels, l.box))
        for l in numeric
        if id(l) not in ticks_ and id(l) not in years
    ]
    # a zero inside a mark or in a series colour is a line's marker read as "0": a zero has no area
    values = [v for v in values if v.value != 0 or (v.fill is None and v.colour is None)]
    coloured = [v.cx for v in values if v.colour is not None]
    if len(coloured) >= 0.6 * len(values):  # labels in series colours: plain numbers beside them are ticks
        values = [v for v in values if v.colour is not None or min(coloured) <= v.cx <= max(coloured)]
    if len(values) < 2:
        return None
    words = [
        Word(l.text, l.box)
        for l in pieces
        if (parse_number(l.text) is None and len(l.text.strip()) > 1)
        or id(l) in parts
        or (_year_text(l.text) and id(l) not in years)
    ]
    year_words = [Word(l.text, l.box) for l in numeric if id(l) in years]
    if year_words:  # a year with a footnote mark ('2020*', a forecast) belongs to the row
        row = float(np.median([w.cy for w in year_words]))
        year_words += [
            w for w in words if re.fullmatch(r"(19|20)\d\d\*+", w.text.strip()) and abs(w.cy - row) <= 0.5 * h
        ]
    top = min(v.box.y0 for v in values) - h
    left = anchored_blocks(
        [w for w in words if w.box.x1 <= _row_edge(w, values, h) + 0.5 * h and w.cy >= top], [v.cy for v in values], h
    )
    low = max(v.box.y1 for v in values)
    below = year_words or _first_row([w for w in words if w.box.y0 >= low - 0.3 * h], h)
    hz = _attach(values, left, horizontal=True)
    if columns and not year_words and len(columns) >= 1.5 * len(below) and hz[0] < 0.6 * len(values):
        below = columns
    vt = _attach(values, below, horizontal=False)
    horizontal = hz[0] > vt[0] or (hz[0] == vt[0] and len(left) >= 2)
    # attached again: each trial above set the values' categories its own way
    cats, assigned = (
        _attach(values, left, horizontal=True)[1:]
        if horizontal
        else _attach(values, below, horizontal=False, shift=_shift(values, below))[1:]
    )
    if len(assigned) < 2:
        return None
    if not horizontal and year_words and ink_clusters(assigned, check=False):
        # labels in line colours over a row of years: points between the ticks are placed by interpolation
        _, cats, assigned = _attach(values, below, horizontal=False, interpolate=True)
    k, by_ink = assign_series(assigned, cats, horizontal, h)
    out = Printed(kind="", series=[], horizontal=horizontal)
    if len(assigned) < len(values):
        out.warnings.append(f"{len(values) - len(assigned)} printed number(s) could not be placed in a category")
    used = {id(w) for w in (left if horizontal else below)}
    names_from = coloured_blocks([w for w in words if id(w) not in used], pixels, h)
    for v in assigned:
        v.mark = v.fill if v.fill is not None else ink.bar_end(pixels, v.box, page, horizontal, h)
    if not any(v.mark is not None or v.colour is not None for v in assigned) and not ink.coloured_strokes(
        pixels, Box.union([v.box for v in values]), [l.box for l in pieces]
    ):
        return None  # numbers in rows and columns with no marks among them: a table, not a chart
    out.series = _table(assigned, cats, k, series_names(assigned, k, names_from, pixels, page, horizontal, h))
    out.kind = _kind(assigned, cats, k, by_ink, horizontal, h)
    return out


def _row_edge(w: Word, values: list[Value], h: float) -> float:
    """Where the values start, for a category word left of them: in its own row (bars of a
    diverging chart start at different places, their labels with them), else the leftmost value."""
    row = [v.box.x0 for v in values if abs(v.cy - w.cy) <= 0.6 * h]
    return min(row) if row else min(v.box.x0 for v in values)


def _value(text: str, spaced: bool) -> float:
    """The label's number; where the chart writes thousands with a space, OCR's '106.319' or
    '106,319' for '106 319' is read as the thousands it is."""
    if spaced and re.fullmatch(r"\d{1,3}[.,]\d{3}", text.strip()):
        return float(re.sub(r"\D", "", text))
    return parse_number(text)


def _unnested(lines: list[TextLine]) -> list[TextLine]:
    """Without fragments read again inside a longer line ('3' inside '2013'); a line of other text
    under a box that spans two rows is no fragment."""
    return [
        l
        for l in lines
        if not any(
            o is not l
            and len(o.text) > len(l.text)
            and l.text.strip().lower() in o.text.lower()
            and o.box.intersection(l.box) >= 0.7 * l.box.area
            for o in lines
        )
    ]


def _year_text(text: str) -> bool:
    t = text.strip()
    return len(t) == 4 and t.isdigit() and 1900 <= int(t) <= 2100


def _first_row(bl: list[Word], h: float) -> list[Word]:
    """The row of category labels: the highest row of two or more words under the marks (a
    single word there is a series name or an axis title)."""
    for w in sorted(bl, key=lambda w: w.box.y0):
        row = [o for o in bl if abs(o.cy - w.cy) <= 0.8 * h]
        if len(row) >= 2:
            return _wrapped(row, [o for o in bl if all(o is not r for r in row)], h)
    return []


def _wrapped(row: list[Word], rest: list[Word], h: float) -> list[Word]:
    """The row's labels with the lines they wrap onto (two, three or more), when most of them wrap
    (one line under a single label is an axis title or a note, not part of it)."""

    def next_line(w: Word, free: list[Word]) -> Word | None:
        lower = [
            o
            for o in free
            if -0.3 * h <= o.box.y0 - w.box.y1 <= 0.9 * h and min(o.box.x1, w.box.x1) > max(o.box.x0, w.box.x0)
        ]
        return min(lower, key=lambda o: o.box.y0) if lower else None

    if sum(next_line(w, rest) is not None for w in row) < 0.5 * len(row):
        return row
    out, free = [], list(rest)
    for w in row:
        while (o := next_line(w, free)) is not None:
            free.remove(o)
            w = Word(f"{w.text} {o.text}", Box.union([w.box, o.box]))
        out.append(w)
    return out


def _shift(values: list[Value], cats: list[Word]) -> float:
    """How far a single row of labels sits beside its columns (a line's labels set off to one
    side of their points): the offset that gives each column at most one label, nearest."""
    if len(cats) < 3 or len(values) > len(cats):
        return 0.0
    pos = np.sort([c.cx for c in cats])
    gap = float(np.median(np.diff(pos)))
    xs = np.array([v.cx for v in values])

    def cost(d: float) -> float:
        near = np.abs((xs - d)[:, None] - pos[None, :])
        j = near.argmin(axis=1)
        return float(near.min(axis=1).sum() + gap * (len(j) - len(set(j.tolist()))))

    best = min(np.linspace(-0.6 * gap, 0.6 * gap, 25), key=cost)
    return float(best) if cost(best) < 0.7 * cost(0.0) else 0.0


def _attach(
    values: list[Value], cats: list[Word], horizontal: bool, interpolate: bool = False, shift: float = 0.0
) -> tuple[int, list[str], list[Value]]:
    """Each value to its nearest category along the category axis (after `shift`); returns
    (count, names, values)."""
    if len(cats) < 2:
        return 0, [], []
    pos = np.array([c.cy if horizontal else c.cx for c in cats])
    order = np.argsort(pos)
    pos, names = pos[order], [cats[i].text for i in order]
    gap = float(np.median(np.diff(pos))) if len(pos) > 1 else float("inf")
    fit = _year_fit(pos, names) if interpolate else None
    out: list[Value] = []
    extra: dict[str, float] = {}
    for v in values:
        p = (v.cy if horizontal else v.cx) - shift
        j = int(np.abs(pos - p).argmin())
        d = abs(pos[j] - p)
        if fit is not None and d > 0.3 * gap:
            year = fit[0] * p + fit[1]
            if abs(year - round(year)) > 0.3 or not pos[0] - gap <= p <= pos[-1] + gap:
                continue
            name = str(int(round(year)))
            if name not in names:
                extra[name] = float(round(year))
            v.cat = name
            out.append(v)
            continue
        if d <= 0.75 * gap:
            v.cat, v.offset = names[j], p - pos[j]
            out.append(v)
    all_names = names + sorted(extra, key=lambda n: extra[n])
    if fit is not None:
        all_names.sort(key=float)
    return len(out), all_names, out


def _year_fit(pos: np.ndarray, names: list[str]) -> tuple[float, float] | None:
    years = [parse_number(n) for n in names]
    if len(pos) < 2 or any(y is None for y in years):
        return None
    a, b = np.polyfit(pos, np.array(years, float), 1)
    return float(a), float(b)


def _table(values: list[Value], cats: list[str], k: int, names: list[str]) -> list[Series]:
    out = []
    for r in range(k):
        mine = {v.cat: v.value for v in values if v.series == r}
        out.append(Series(name=names[r], points=[Point(x=c, y=mine[c]) for c in cats if c in mine]))
    return [s for s in out if s.points]


def _kind(values: list[Value], cats: list[str], k: int, by_ink: bool, horizontal: bool, h: float) -> str:
    """Bars when the labels sit in bars or at their ends (a fill behind, or a solid block just
    past them); a line when they are in series colours or beside thin strokes."""
    if by_ink or sum(v.mark is not None for v in values) < 0.35 * len(values):
        return "line"
    if k == 1:
        return "hbar" if horizontal else "bar"
    spread = []
    for c in cats:
        g = [v for v in values if v.cat == c]
        if len(g) > 1:
            spread.append(np.ptp([v.cy for v in g]) if horizontal else np.ptp([v.cx for v in g]))
    return "stacked_bar" if spread and np.median(spread) < h else "grouped_bar"
