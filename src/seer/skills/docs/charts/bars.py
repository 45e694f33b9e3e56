"""Bar measurement: simple, grouped and stacked, vertical or horizontal.

A bar's value is read at its far end (from the zero line), a stacked segment's as the difference
of its two ends; a printed value label next to (or inside) the bar wins when it agrees.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ....perception.geometry import Box
from .axis_calibration import Axis
from .classify import Marks
from .layout import Label


@dataclass
class Bar:
    colour: int
    cat_lo: float  # extent across the category axis (image pixels)
    cat_hi: float
    val_lo: float  # extent along the value axis (image pixels)
    val_hi: float
    value: float = 0.0
    category: str = ""

    @property
    def cat_mid(self) -> float:
        return (self.cat_lo + self.cat_hi) / 2


@dataclass(frozen=True)
class ValueLabel:
    cat: float  # label centre across the category axis
    val: float  # label centre along the value axis
    value: float
    size: float  # text height


def measure(
    marks: list[Marks],
    plot: Box,
    axis: Axis,
    labels: list[Label],
    vertical: bool,
    stacked: bool,
    value_labels: list[ValueLabel],
    warnings: list[str],
    cat_axis: Axis | None = None,
) -> list[Bar]:
    """Every bar with its value and category; labels are the category labels along the other axis."""
    bars: list[Bar] = []
    for m in marks:
        for r in m.rects:
            b = r.shift(plot.x0, plot.y0)
            if vertical:
                bars.append(Bar(m.colour, b.x0, b.x1, b.y0, b.y1))
            else:
                bars.append(Bar(m.colour, b.y0, b.y1, b.x0, b.x1))
    if not bars:
        return bars
    zero = axis.pixel(0.0) if axis.scale == "linear" else None
    lo, hi = (plot.y0, plot.y1) if vertical else (plot.x0, plot.x1)
    if zero is not None and not lo - 5 <= zero <= hi + 5:
        zero = None  # 0 is off the chart: the bars are cut at the axis
    if zero is None:  # log axis, or 0 off the chart: bars rise from their common base
        ends = [b.val_hi if vertical else b.val_lo for b in bars]
        zero = float(np.median(ends))
    on_base = max(4.0, 0.02 * (plot.height if vertical else plot.width))  # axis lines blur the base
    for b in bars:
        near, far = (b.val_hi, b.val_lo) if abs(b.val_hi - zero) <= abs(b.val_lo - zero) else (b.val_lo, b.val_hi)
        if abs(near - zero) <= on_base or axis.scale == "log":
            b.value = float(axis.value(far))
        else:
            b.value = float(axis.value(far) - axis.value(near))
    _apply_value_labels(bars, axis, value_labels, stacked, warnings)
    if cat_axis is not None and all(float(v).is_integer() for _, v in cat_axis.ticks):
        # numeric categories (years): every bar gets its value, even where OCR missed the label
        for b in bars:
            b.category = str(int(round(float(cat_axis.value(b.cat_mid)))))
    else:
        _name_categories(bars, labels)
    return bars


def _apply_value_labels(
    bars: list[Bar], axis: Axis, labels: list[ValueLabel], stacked: bool, warnings: list[str]
) -> None:
    free = list(labels)
    disagreements = 0
    for b in bars:
        width = b.cat_hi - b.cat_lo
        best, best_d = None, 1e9
        for lab in free:
            if not (b.cat_lo - 0.3 * width <= lab.cat <= b.cat_hi + 0.3 * width):
                continue
            lo, hi = b.val_lo, b.val_hi
            if stacked:
                d = 0.0 if lo <= lab.val <= hi else min(abs(lab.val - lo), abs(lab.val - hi)) + 1e3
            else:
                far = lo if abs(b.value - float(axis.value(lo))) < abs(b.value - float(axis.value(hi))) else hi
                d = abs(lab.val - far)
                if d > 2.5 * lab.size + 4:
                    continue
            if d < best_d:
                best, best_d = lab, d
        if best is None or best_d >= 1e3:
            continue
        tol = 0.25 * abs(b.value) if axis.scale == "log" else 0.08 * axis.span
        if abs(best.value - b.value) <= tol:
            b.value = best.value
            free.remove(best)
        else:
            disagreements += 1
    if disagreements:
        warnings.append(
            f"{disagreements} printed value label(s) disagreed with the bar lengths; kept the measured values"
        )


def _name_categories(bars: list[Bar], labels: list[Label]) -> None:
    if labels:
        pos = np.array([l.pos for l in labels])
        for b in bars:
            b.category = labels[int(np.abs(pos - b.cat_mid).argmin())].text
        return
    # no readable labels: number the bar groups in order
    mids = sorted({round(b.cat_mid) for b in bars})
    groups: list[list[int]] = []
    for m in mids:
        if groups and m - groups[-1][-1] <= 3:
            groups[-1].append(m)
        else:
            groups.append([m])
    for b in bars:
        b.category = str(1 + next(i for i, g in enumerate(groups) if any(abs(b.cat_mid - m) <= 3 for m in g)))
