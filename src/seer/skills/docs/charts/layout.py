"""Where the text of a chart sits and what it is: tick labels (calibrated), category labels,
title, axis titles, and the region left for the marks.

    layout = read_layout(lines, width, height)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ....perception.geometry import Box
from ....perception.ocr import TextLine
from .axis_calibration import Axis, calibrate, log_notation, tick_values
from .tick_format import parse_number, parse_power


@dataclass(frozen=True)
class Label:
    """A text label and its position along the axis it labels (pixel), e.g. a category name."""

    pos: float
    text: str
    box: Box


@dataclass
class Layout:
    y_axis: Axis | None = None
    x_axis: Axis | None = None
    x_labels: list[Label] = field(default_factory=list)  # the row under the plot (categories or ticks)
    y_labels: list[Label] = field(default_factory=list)  # the column left of the plot
    title: str | None = None
    x_label: str | None = None
    y_label: str | None = None
    plot: Box = Box(0, 0, 0, 0)
    used: set[int] = field(default_factory=set)  # indices of lines consumed as ticks, labels, titles
    title_lines: list[int] = field(default_factory=list)
    y_tick_boxes: list[tuple[float, Box]] = field(default_factory=list)  # (tick pixel, its label's box)
    x_tick_boxes: list[tuple[float, Box]] = field(default_factory=list)
    text_height: float = 12.0


def _clusters(values: list[float], tol: float) -> list[list[int]]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    groups: list[list[int]] = []
    for i in order:
        if groups and values[i] - values[groups[-1][-1]] <= tol:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _yc(b: Box) -> float:
    return (b.y0 + b.y1) / 2


def _xc(b: Box) -> float:
    return (b.x0 + b.x1) / 2


def _is_numberish(text: str) -> bool:
    return tick_values([text])[0] is not None


def read_layout(lines: list[TextLine], width: int, height: int) -> Layout:
    """Find the axes (calibrated from numeric tick labels), category labels, titles and plot region."""
    lay = Layout(plot=Box(0, 0, width, height))
    if not lines:
        return lay
    # text height from level lines only (45° labels have square boxes)
    heights = [
        l.box.height
        for l in lines
        if l.box.width >= l.box.height * 1.5 or (len(l.text) <= 2 and l.box.width >= 0.5 * l.box.height)
    ] or [l.box.height for l in lines]
    h = float(np.median(heights))
    lay.text_height = h
    numeric = [i for i, l in enumerate(lines) if _is_numberish(l.text)]

    # y axis: a right-aligned column of numbers; the one with most agreeing ticks, then the leftmost.
    best_y: tuple | None = None
    for group in _clusters([lines[i].box.x1 for i in numeric], max(4.0, 1.5 * h)):  # boxes may swallow tick marks
        idx = [numeric[g] for g in group]
        if len(idx) < 2 or len({round(_yc(lines[i].box) / h) for i in idx}) < 2:
            continue
        # two decades of a log axis (`10¹`, `10²`) are enough to calibrate it
        axis = calibrate(
            [(_tick_y(lines[i], h), lines[i].text) for i in idx],
            "y",
            min_ticks=2 if log_notation([lines[i].text for i in idx]) else 3,
        )
        if axis is None:
            continue
        score = (len(axis.ticks), -min(lines[i].box.x1 for i in idx))
        if best_y is None or score > best_y[0]:
            best_y = (score, axis, idx)
    if best_y:
        lay.y_axis = best_y[1]
        lay.used |= {i for i in best_y[2] if any(abs(_tick_y(lines[i], h) - p) < 0.5 for p, _ in lay.y_axis.ticks)}
        lay.y_tick_boxes = [(_tick_y(lines[i], h), lines[i].box) for i in best_y[2]]

    # x axis: a row of numbers; most agreeing ticks, then the lowest row.
    free_num = [i for i in numeric if i not in lay.used]
    if lay.y_axis is not None:  # x tick labels sit below the lowest y tick
        lowest = max(p for p, _ in lay.y_axis.ticks)
        free_num = [i for i in free_num if _yc(lines[i].box) > lowest + 0.3 * h]
    best_x: tuple | None = None
    for group in _clusters([lines[i].box.y0 for i in free_num], max(3.0, 0.5 * h)):  # tops align, even at 45°
        idx = [free_num[g] for g in group]
        if len(idx) < 2:
            continue
        pos = {i: _tick_x(lines[i].box, h) for i in idx}
        axis = calibrate(
            [(pos[i], lines[i].text) for i in idx],
            "x",
            min_ticks=2 if log_notation([lines[i].text for i in idx]) else 3,
        )
        if axis is None:
            continue
        score = (len(axis.ticks), max(_yc(lines[i].box) for i in idx))
        if best_x is None or score > best_x[0]:
            best_x = (score, axis, idx, pos)
    if best_x:
        lay.x_axis = best_x[1]
        lay.used |= set(best_x[2])
        lay.x_labels = [
            Label(best_x[3][i], lines[i].text, lines[i].box) for i in sorted(best_x[2], key=lambda i: best_x[3][i])
        ]
        lay.x_tick_boxes = [(best_x[3][i], lines[i].box) for i in best_x[2]]

    free = [i for i in range(len(lines)) if i not in lay.used]
    # category row under the plot (when the x axis is not numeric)
    if lay.y_axis is not None and not lay.x_labels:
        lowest_tick = max(p for p, _ in lay.y_axis.ticks)
        left = min(lines[i].box.x0 for i in best_y[2])
        rows = []
        for group in _clusters([lines[i].box.y0 for i in free], max(3.0, 0.6 * h)):
            idx = [free[g] for g in group]
            if min(_yc(lines[i].box) for i in idx) > lowest_tick + 0.4 * h and min(lines[i].box.x1 for i in idx) > left:
                rows.append(idx)
        rows = [r for r in rows if len(r) >= 2 and sum(lines[i].box.height > 1.8 * h for i in r) <= len(r) // 2]
        # value labels inside bars also form rows of numbers: category rows are words (or years)
        wordy = [r for r in rows if sum(_is_category(lines[i].text) for i in r) > len(r) / 2]
        rows = wordy or rows
        if rows:
            row = min(rows, key=lambda r: min(lines[i].box.y0 for i in r))
            lay.x_labels = [
                Label(_tick_x(lines[i].box, h), lines[i].text, lines[i].box)
                for i in sorted(row, key=lambda i: lines[i].box.x0)
            ]
            lay.used |= set(row)
    # category column left of the plot (horizontal bars)
    if lay.x_axis is not None and lay.y_axis is None:
        first_tick = min(p for p, _ in lay.x_axis.ticks)
        top_of_ticks = min(l.box.y0 for l in lay.x_labels)
        cols = []
        for group in _clusters([lines[i].box.x1 for i in free], max(4.0, 1.5 * h)):
            idx = [
                free[g]
                for g in group
                if lines[free[g]].box.y1 < top_of_ticks and lines[free[g]].box.x1 < first_tick + h
            ]
            if idx:
                cols.append(idx)
        if cols:
            col = max(cols, key=len)
            lay.y_labels = [
                Label(_yc(lines[i].box), lines[i].text, lines[i].box)
                for i in sorted(col, key=lambda i: lines[i].box.y0)
            ]
            lay.used |= set(col)

    lay.x_labels, lay.y_labels = _distinct(lay.x_labels), _distinct(lay.y_labels)
    # the marks' region: right of the y labels, above the x labels
    left_boxes = [lines[i].box for i in (best_y[2] if best_y else [])] + [l.box for l in lay.y_labels]
    # medians: an OCR box that swallowed a neighbouring label must not eat into the plot
    x0 = int(np.median([b.x1 for b in left_boxes])) + 2 if left_boxes else 0
    y1 = int(np.median([l.box.y0 for l in lay.x_labels])) - 2 if lay.x_labels else height
    free = [i for i in range(len(lines)) if i not in lay.used]

    # title: top-most free line near the top, centred or large
    y0 = 0
    ceiling = min((p for p, _ in lay.y_axis.ticks), default=height) if lay.y_axis else height
    top_free = sorted(
        (
            i
            for i in free
            if lines[i].box.y0 < 0.2 * height and lines[i].box.y1 <= ceiling and not _is_numberish(lines[i].text)
        ),
        key=lambda i: lines[i].box.y0,
    )
    if top_free:
        i = top_free[0]
        b = lines[i].box
        centred = abs(_xc(b) - (x0 + width) / 2) < 0.2 * width or abs(_xc(b) - width / 2) < 0.15 * width
        if centred:
            row = [j for j in top_free if abs(_yc(lines[j].box) - _yc(b)) < 0.5 * h]
            lay.title = " ".join(lines[j].text for j in sorted(row, key=lambda j: lines[j].box.x0))
            lay.used |= set(row)
            lay.title_lines = sorted(row)
            y0 = max(lines[j].box.y1 for j in row) + 2

    # axis titles: under the x labels; left of the y ticks
    free = [i for i in range(len(lines)) if i not in lay.used]
    if lay.x_labels:
        bottom = max(l.box.y1 for l in lay.x_labels)
        below = [i for i in free if lines[i].box.y0 >= bottom - 2 and not _is_numberish(lines[i].text)]
        if below:
            i = min(below, key=lambda i: lines[i].box.y0)
            lay.x_label = lines[i].text
            lay.used.add(i)
    if left_boxes:
        left_edge = min(b.x0 for b in left_boxes)
        side = [
            i
            for i in free
            if lines[i].box.x1 <= left_edge + 2 and i not in lay.used and not _is_numberish(lines[i].text)
        ]
        if side:
            i = max(side, key=lambda i: lines[i].box.height)
            lay.y_label = lines[i].text
            lay.used.add(i)
    lay.plot = Box(min(x0, width - 1), min(y0, height - 1), width, max(y1, min(y0, height - 1) + 1))
    return lay


def _distinct(labels: list[Label]) -> list[Label]:
    """One label per text and place: OCR sometimes reports a (rotated) label twice."""
    out: list[Label] = []
    for l in labels:
        if any(o.text == l.text and o.box.intersection(l.box) > 0 for o in out):
            continue
        out.append(l)
    return out


def _is_category(text: str) -> bool:
    v = parse_number(text)
    return v is None or (float(v).is_integer() and 1900 <= v <= 2100 and text.strip().isdigit())


def _tick_y(line: TextLine, h: float) -> float:
    """Where a y tick sits for its label: the middle, or the middle of the base of `10³`."""
    b = line.box
    if parse_power(line.text) is not None and b.height < 1.6 * h:
        return b.y1 - 0.375 * b.height  # the base "10" fills the lower three quarters
    return _yc(b)


def _tick_x(b: Box, h: float) -> float:
    """Where an x tick sits for its label: the centre, or the right end of a label rotated 45°."""
    if b.height > 1.8 * h and b.width > 1.2 * h:
        return b.x1 - 0.5 * h
    return _xc(b)


def snap_left_edge(lay: Layout, pixels: np.ndarray) -> None:
    """Move the plot's left edge onto the y-axis spine when one is drawn just left of it (points
    on the spine, e.g. the first point of a line chart, must stay inside the plot region)."""
    if lay.y_axis is None or len(lay.y_axis.ticks) < 2:
        return
    ys = [p for p, _ in lay.y_axis.ticks]
    y0, y1 = int(min(ys)), int(max(ys)) + 1
    x_lo, x_hi = max(0, int(lay.plot.x0 - 2 * lay.text_height)), lay.plot.x0 + 1
    if y1 - y0 < 10 or x_hi <= x_lo:
        return
    band = pixels[y0:y1, x_lo:x_hi].astype(np.int16)
    bg = pixels[y0:y1, min(pixels.shape[1] - 1, lay.plot.x0 + 3)].astype(np.int16)
    # a spine differs from what is right of it on (almost) every row
    differ = (np.abs(band - np.median(bg, axis=0)).max(axis=2) > 40).mean(axis=0)
    cols = np.flatnonzero(differ >= 0.9)
    if len(cols):
        x = x_lo + int(cols.max())
        lay.plot = Box(x, lay.plot.y0, lay.plot.x1, lay.plot.y1)
