"""Tick positions from the drawn tick marks and grid lines next to the labels.

A label's centre is only near its tick (fonts sit above or below the anchor by a few pixels,
OCR boxes are padded); the short tick mark or the grid line beside it is exact.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ....perception.geometry import Box
from .axis_calibration import Axis


def _ink(pixels: np.ndarray) -> np.ndarray:
    ref = np.median(pixels.reshape(-1, 3), axis=0)
    return np.abs(pixels.astype(np.int16) - ref.astype(np.int16)).max(axis=-1) > 20


def _peak(profile: np.ndarray) -> float | None:
    """Centre of the strongest narrow peak in a 1-D ink profile (structures present at every
    position, like a spine crossing the window, are subtracted first)."""
    if profile.size < 3:
        return None
    excess = profile - np.median(profile)
    top = excess.max()
    if top < 3:
        return None
    rows = np.flatnonzero(excess >= 0.6 * top)
    if rows.max() - rows.min() > 5:  # not one thin mark
        return None
    w = excess[rows]
    return float((rows * w).sum() / w.sum()) + 0.5


def refine(axis: Axis, boxes: list[tuple[float, Box]], pixels: np.ndarray, h: float) -> Axis:
    """The axis refitted on tick marks found beside its labels, when most labels have one."""
    H, W = pixels.shape[:2]
    snapped: dict[float, float] = {}
    for p, b in boxes:
        r = int(0.7 * h) + 2
        if axis.along == "y":
            y0, y1 = max(0, int(p) - r), min(H, int(p) + r + 1)
            x0, x1 = min(W, b.x1 + 1), min(W, b.x1 + 1 + int(2.5 * h))
            if x1 - x0 < 3 or y1 - y0 < 3:
                continue
            prof = _ink(pixels[y0:y1, x0:x1]).sum(axis=1).astype(float)
            c = _peak(prof)
            if c is not None:
                snapped[p] = y0 + c
        else:
            x0, x1 = max(0, int(p) - r), min(W, int(p) + r + 1)
            y0, y1 = max(0, b.y0 - 1 - int(2.5 * h)), max(0, b.y0 - 1)
            if x1 - x0 < 3 or y1 - y0 < 3:
                continue
            prof = _ink(pixels[y0:y1, x0:x1]).sum(axis=0).astype(float)
            c = _peak(prof)
            if c is not None:
                snapped[p] = x0 + c
    if len(snapped) < max(2, 0.6 * len(axis.ticks)):
        return axis
    offsets = np.array([snapped[p] - p for p in snapped])
    if np.ptp(offsets) > max(3.0, 0.4 * h):
        return axis  # marks disagree with each other: keep the labels
    shift = float(np.median(offsets))
    ticks = tuple((snapped.get(p, p + shift), v) for p, v in axis.ticks)
    ps = np.array([p for p, _ in ticks])
    vs = np.array([np.log10(v) if axis.scale == "log" else v for _, v in ticks])
    a, b = np.polyfit(ps, vs, 1)
    return replace(axis, a=float(a), b=float(b), ticks=ticks)
