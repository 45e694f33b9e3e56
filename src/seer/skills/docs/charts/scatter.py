"""Scatter markers: one point per dot; touching dots are split by their area."""

from __future__ import annotations

import cv2
import numpy as np

from ....perception.geometry import Box
from .axis_calibration import Axis


def marker_centres(mask: np.ndarray) -> list[tuple[float, float]]:
    """Centres of the markers in a mask (mask coordinates), splitting clumps of touching markers."""
    n, lab, stats, cents = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    keep = np.flatnonzero(areas >= 10) + 1
    if not len(keep):
        return []
    unit = float(np.median(stats[keep, cv2.CC_STAT_AREA]))
    out = []
    for i in keep:
        k = int(round(stats[i, cv2.CC_STAT_AREA] / unit))
        if k <= 1:
            out.append((float(cents[i][0]), float(cents[i][1])))
            continue
        ys, xs = np.nonzero(lab == i)
        pts = np.column_stack([xs, ys]).astype(np.float32)
        crit = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
        _, _, centres = cv2.kmeans(pts, min(k, 8), None, crit, 2, cv2.KMEANS_PP_CENTERS)
        out += [(float(c[0]), float(c[1])) for c in centres]
    return out


def points(mask: np.ndarray, plot: Box, x_axis: Axis, y_axis: Axis) -> list[tuple[float, float]]:
    """(x, y) data values of the markers, sorted by x."""
    pts = [(float(x_axis.value(cx + plot.x0)), float(y_axis.value(cy + plot.y0))) for cx, cy in marker_centres(mask)]
    return sorted((float(f"{x:.4g}"), float(f"{y:.4g}")) for x, y in pts)
