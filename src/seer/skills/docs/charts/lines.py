"""Line and area tracing: where the data points sit along x, and their values.

Points sit at the category labels, or on the tick grid (a fraction of the tick step) when the
line's corners agree with it, or else at the corners themselves. A line's value at a point comes
from straight fits of the two segments beside it, so markers and steep corners do not bias it.
"""

from __future__ import annotations

import numpy as np

from ....perception.geometry import Box
from .axis_calibration import Axis
from .layout import Layout


def centre_trace(mask: np.ndarray) -> np.ndarray:
    """Per column of the mask, the mean row of its pixels (NaN where the column is empty)."""
    rows = np.arange(mask.shape[0], dtype=float)[:, None]
    n = mask.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, (mask * rows).sum(axis=0) / n, np.nan)


def corners(xs: np.ndarray, ys: np.ndarray, eps: float) -> list[int]:
    """Douglas–Peucker: indices of the polyline's corners (always the two ends)."""
    keep = {0, len(xs) - 1}
    stack = [(0, len(xs) - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        x0, y0, x1, y1 = xs[i], ys[i], xs[j], ys[j]
        seg = np.hypot(x1 - x0, y1 - y0) or 1.0
        d = np.abs((x1 - x0) * (ys[i + 1 : j] - y0) - (y1 - y0) * (xs[i + 1 : j] - x0)) / seg
        k = int(d.argmax())
        if d[k] > eps:
            keep.add(i + 1 + k)
            stack += [(i, i + 1 + k), (i + 1 + k, j)]
    return sorted(keep)


def positions(
    trace: np.ndarray, plot: Box, layout: Layout, mask: np.ndarray | None = None
) -> tuple[list[float], list[float | str], float]:
    """Sample columns (image pixels), their x values, and the grid step in pixels (0 if none).
    On a whole-number grid finer than the ticks (years between year ticks), where the line
    (`mask`) has dots, only the grid positions they mark."""
    valid = np.flatnonzero(~np.isnan(trace))
    c0, c1 = valid[0] + plot.x0, valid[-1] + plot.x0
    eps = max(2.0, 0.008 * len(trace))
    idx = corners(valid.astype(float), trace[valid], eps)
    vx = valid[idx] + plot.x0
    if layout.x_axis is None and layout.x_labels:
        labs = layout.x_labels
        pos = np.array([l.pos for l in labs])
        step = float(np.median(np.diff(pos))) if len(labs) > 1 else float(c1 - c0)
        if len(labs) >= 3:  # labels are evenly spaced: a grid fit removes OCR box jitter
            a, b = np.polyfit(np.arange(len(pos)), pos, 1)
            pos = a * np.arange(len(pos)) + b
            near = [v - pos[np.abs(pos - v).argmin()] for v in vx]
            near = [d for d in near if abs(d) <= 0.3 * step]
            if len(near) >= 2:  # the line's corners say where the ticks really are
                pos = pos + float(np.median(near))
        picked = [(p, l.text) for p, l in zip(pos, labs) if c0 - 0.3 * step <= p <= c1 + 0.3 * step]
        return [float(min(max(p, c0), c1)) for p, _ in picked], [t for _, t in picked], step
    if layout.x_axis is not None and len(layout.x_axis.ticks) >= 2:
        axis = layout.x_axis
        tp = sorted(p for p, _ in axis.ticks)
        tick_step = float(np.median(np.diff(tp)))
        inner = vx[(vx > c0 + 3) & (vx < c1 - 3)]
        # whole-number ticks (years) have no points between whole numbers; a unit grid is the finest
        value_step = float(np.median(np.diff(sorted(v for _, v in axis.ticks))))
        whole = axis.scale == "linear" and all(float(v).is_integer() for _, v in axis.ticks)
        ks = [k for k in (1, 2, 4, 5, 10) if not whole or round(value_step / k, 6).is_integer()]
        for k in ks:
            step = tick_step / k
            if step < 4:
                break
            off = (inner - tp[0]) / step
            unit = whole and k == ks[-1] and round(value_step / k, 6) == 1
            if unit or not len(inner) or np.mean(np.abs(off - np.round(off)) * step <= max(3.0, 0.12 * step)) >= 0.8:
                j0, j1 = int(np.ceil((c0 - tp[0]) / step - 0.3)), int(np.floor((c1 - tp[0]) / step + 0.3))
                ps = [tp[0] + j * step for j in range(j0, j1 + 1)]
                dots = dot_columns(mask) + plot.x0 if mask is not None and unit and k > 1 else np.zeros(0)
                if len(dots) >= 2 and ps:  # the finest grid of whole numbers: keep what the dots mark
                    grid = np.array(ps)
                    ps = sorted(
                        {
                            float(grid[np.abs(grid - d).argmin()])
                            for d in dots
                            if np.abs(grid - d).min() <= 0.3 * step + 2
                        }
                    )
                # a line ends at a data point, on the grid or not (a last year after the last tick)
                ps = ([float(c0)] if not ps or c0 < ps[0] - 0.35 * step - 3 else []) + ps
                ps += [float(c1)] if c1 > ps[-1] + 0.35 * step + 3 else []
                return ps, [_snap(float(axis.value(p)), axis, step) for p in ps], step
        merged = _merge(vx, 6)
        return merged, [_snap(float(axis.value(v)), axis, 0) for v in merged], 0.0
    merged = _merge(vx, 6)
    return merged, [str(i + 1) for i in range(len(merged))], 0.0


def dot_columns(mask: np.ndarray) -> np.ndarray:
    """Columns (plot pixels) of the dots drawn on a line: short runs of columns where the line is
    at least twice as tall, and two pixels taller, than along its neighbourhood."""
    counts = mask.sum(axis=0).astype(float)
    if len(counts) < 20:
        return np.zeros(0)
    pad = np.pad(counts, 8, mode="edge")
    base = np.median(np.lib.stride_tricks.sliding_window_view(pad, 17), axis=1)
    peak = (counts >= 2 * base) & (counts >= base + 2) & (base > 0)
    idx = np.flatnonzero(peak)
    if not len(idx):
        return np.zeros(0)
    runs = np.split(idx, np.flatnonzero(np.diff(idx) > 1) + 1)
    return np.array([r.mean() for r in runs if len(r) <= 8], dtype=float)


def _merge(xs: np.ndarray, gap: float) -> list[float]:
    groups: list[list[float]] = []
    for x in sorted(float(v) for v in xs):
        if groups and x - groups[-1][-1] <= gap:
            groups[-1].append(x)
        else:
            groups.append([x])
    return [float(np.mean(g)) for g in groups]


def _snap(x: float, axis: Axis, step_px: float) -> float:
    if axis.scale == "linear" and all(float(v).is_integer() for _, v in axis.ticks):
        step_v = abs(axis.a) * step_px
        if step_px == 0 or step_v >= 0.9:
            return float(round(x))
    return float(f"{x:.4g}")


def line_values(trace: np.ndarray, plot: Box, ps: list[float], step: float, axis: Axis) -> list[float | None]:
    """Values at sample columns from segment fits either side (or the local centre)."""
    out: list[float | None] = []
    cols = np.arange(len(trace)) + plot.x0
    ok = ~np.isnan(trace)
    for p in ps:
        ests = []
        if step >= 12:
            for lo, hi in ((p - 0.75 * step, p - 0.25 * step), (p + 0.25 * step, p + 0.75 * step)):
                sel = ok & (cols >= lo) & (cols <= hi)
                if sel.sum() >= 3:
                    a, b = np.polyfit(cols[sel], trace[sel], 1)
                    ests.append(a * p + b)
        if not ests:
            sel = ok & (np.abs(cols - p) <= max(1.5, 0.1 * step))
            if sel.sum():
                ests.append(float(np.median(trace[sel])))
        if not ests:
            out.append(None)
            continue
        out.append(float(axis.value(float(np.mean(ests)) + plot.y0)))
    return out


def area_values(mask: np.ndarray, plot: Box, ps: list[float], axis: Axis) -> list[float | None]:
    """A filled layer's value at sample columns: its top edge, less its bottom edge when stacked."""
    zero = axis.zero_pixel()
    out: list[float | None] = []
    W = mask.shape[1]
    any_col = np.flatnonzero(mask.any(axis=0))
    for p in ps:
        c = int(round(p - plot.x0))
        c = min(max(c, any_col[0]), any_col[-1]) if len(any_col) else c
        if not (0 <= c < W) or not mask[:, c].any():
            out.append(None)
            continue
        rows = np.flatnonzero(mask[:, c])
        top, bottom = rows[0] + plot.y0, rows[-1] + 1 + plot.y0
        v = float(axis.value(top))
        if zero is None or abs(bottom - zero) > 3:
            v -= float(axis.value(bottom))
        out.append(v)
    return out
