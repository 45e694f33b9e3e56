"""Lines with numbers printed at their points and no value axis: the numbers that were read set
the scale, the traced lines give every point, and a point whose number OCR missed (a label
touching its line) is measured on that scale instead.

    data = read(printed, line_marks, layout, lines)   # the printed reading, completed
"""

from __future__ import annotations

from itertools import permutations

import numpy as np

from ....perception.geometry import Box
from ....perception.ocr import TextLine
from .axis_calibration import Axis
from .classify import Marks
from .layout import Layout
from .lines import centre_trace, line_values
from .schema import ChartData, Point, Series
from .table import to_csv, to_markdown
from .tick_format import parse_number

REACH = 6  # px either side of a category's column to find its line (labels hide some columns)
ROWS = Axis("y", "linear", 1.0, 0.0, (), 0.0)  # pixel rows as they are: segment fits give rows, not values


def read(printed: ChartData, marks: list[Marks], lay: Layout, lines: list[TextLine]) -> ChartData:
    """`printed` (a line chart read from its numbers) with the points it lacks measured on the
    traced `marks`; unchanged when the numbers do not fit one scale over the lines."""
    traces = []
    for m in marks:
        mask = m.mask.copy()
        for l in lines:  # numbers written in the line's colour are not the line
            b = l.box.shift(-lay.plot.x0, -lay.plot.y0)
            mask[max(0, b.y0) : max(0, b.y1), max(0, b.x0) : max(0, b.x1)] = False
        traces.append(centre_trace(mask))
    positions = {l.text: l.pos for l in lay.x_labels}
    done = complete(printed.series, traces, lay.plot, positions) if traces and positions else None
    if done is None:
        return printed
    series, fixed = done
    warnings = list(printed.warnings) + (
        [f"{fixed} point(s) measured on the scale the printed numbers set (their numbers were not read)"]
        if fixed
        else []
    )
    return printed.model_copy(
        update={"series": series, "csv": to_csv(series), "markdown": to_markdown(series), "warnings": warnings}
    )


def complete(
    series: list[Series], traces: list[np.ndarray], plot: Box, positions: dict[str, float]
) -> tuple[list[Series], int] | None:
    """The series with every category measured on the scale the printed numbers set; None when
    the numbers do not fit one straight scale over the traced lines."""
    rows = [_rows(t, plot, positions) for t in traces]
    keep = sorted(series, key=lambda s: -len(s.points))[: len(traces)]  # more series than lines: misread leftovers
    best = None
    for order in permutations(range(len(traces)), len(keep)):
        pairs = [(rows[k][str(p.x)], p.y) for s, k in zip(keep, order) for p in s.points if str(p.x) in rows[k]]
        fit = _fit(pairs)
        if fit is not None and (best is None or fit[2] > best[2]):
            best = (*fit, order)
    if best is None or best[2] < 4:
        return None
    a, b, _, order = best
    whole = all(float(p.y).is_integer() for s in keep for p in s.points)
    out, fixed = [], 0
    for s, k in zip(keep, order):
        printed = {str(p.x): p.y for p in s.points}
        pts = []
        for cat in positions:
            v = printed.get(cat)
            if v is None and cat in rows[k]:  # a printed number wins over a trace that text may disturb
                measured = a * rows[k][cat] + b
                v, fixed = (round(measured) if whole else round(measured, 1)), fixed + 1
            if v is not None:
                pts.append(Point(x=cat, y=float(v)))
        pts += [p for p in s.points if str(p.x) not in positions]
        if all(parse_number(str(p.x)) is not None for p in pts):  # years between the ticks: in x order
            pts.sort(key=lambda p: float(parse_number(str(p.x)) or 0.0))
        out.append(Series(name=s.name, points=pts))
    return out, fixed


def _rows(trace: np.ndarray, plot: Box, positions: dict[str, float]) -> dict[str, float]:
    """The line's row (image pixels) at each category's column: where the straight segments
    either side meet (a marker, a label's remnant or a sharp corner there would pull a local
    centre off the point), else from the nearest traced columns."""
    cats = list(positions)
    ps = [positions[c] for c in cats]
    step = float(np.median(np.diff(sorted(ps)))) if len(ps) > 1 else 0.0
    fitted = line_values(trace, plot, ps, step, ROWS)
    out = {}
    for cat, p, row in zip(cats, ps, fitted):
        if row is not None:
            out[cat] = float(row)
            continue
        c = int(round(p - plot.x0))
        near = [
            (abs(k - c), trace[k])
            for k in range(max(0, c - REACH), min(len(trace), c + REACH + 1))
            if not np.isnan(trace[k])
        ]
        if near:
            d = min(k for k, _ in near)
            out[cat] = float(np.median([r for k, r in near if k <= d + 1])) + plot.y0
    return out


def _fit(pairs: list[tuple[float, float]]) -> tuple[float, float, int] | None:
    """value = a·row + b fitted to (row, value) pairs with outliers (misread numbers) left out;
    (a, b, inliers), or None when too few or the scale runs the wrong way."""
    if len(pairs) < 3:
        return None
    r, v = np.array(pairs, dtype=float).T
    span = float(np.ptp(v)) or 1.0
    best = None  # the line through two of the pairs that most others agree with, then refitted on those
    for i in range(len(r)):
        for j in range(i + 1, len(r)):
            if abs(r[i] - r[j]) < 4 or (v[i] - v[j]) / (r[i] - r[j]) >= 0:
                continue  # values grow upwards
            a = (v[i] - v[j]) / (r[i] - r[j])
            use = np.abs(a * (r - r[i]) + v[i] - v) <= 0.03 * span
            if best is None or use.sum() > best.sum():
                best = use
    if best is None or best.sum() < 3:
        return None
    a, b = np.polyfit(r[best], v[best], 1)
    return float(a), float(b), int(best.sum())
