"""What each colour's marks look like (rectangles, a thin trace, a filled area, separate dots),
and the chart type those shapes make together. Also the refusals: photos and tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import cv2
import numpy as np

from ....perception.geometry import Box

MarkKind = Literal["rects", "line", "area", "points", "none"]


@dataclass
class Marks:
    colour: int
    mask: np.ndarray  # plot-region coordinates
    kind: MarkKind = "none"
    rects: list[Box] = field(default_factory=list)  # plot-region coordinates
    blobs: list[tuple[float, float, int]] = field(default_factory=list)  # (cx, cy, area) of dots
    pixels: int = 0


def describe(colour: int, mask: np.ndarray, blended: bool = False) -> Marks:
    """Classify one colour's pixels by the shape of their connected components. `blended`: the mask
    holds a line's anti-aliased blends too, so a trace thinner than 1.5 px is a line, not a fringe."""
    H, W = mask.shape
    marks = Marks(colour, mask, pixels=int(mask.sum()))
    if marks.pixels < 20:
        return marks
    n, _, stats, cents = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    comps = [(stats[i], cents[i]) for i in range(1, n) if stats[i, cv2.CC_STAT_AREA] >= 10]
    if not comps:
        return marks
    total = sum(int(s[cv2.CC_STAT_AREA]) for s, _ in comps)
    rects, rect_px = [], 0
    for s, _ in comps:
        x, y, w, h, a = (int(v) for v in s[:5])
        if a / (w * h) >= 0.85 and min(w, h) >= 4 and min(w / W, h / H) <= 0.35:  # bars are narrow one way
            rects.append(Box(x, y, x + w, y + h))
            rect_px += a
    sizes = np.array([max(int(s[2]), int(s[3])) for s, _ in comps])
    areas = np.array([int(s[4]) for s, _ in comps])
    small = sizes <= 0.045 * max(H, W) + 4
    same_size = False
    if len(rects) >= 3:  # many equal small squares are markers, not bars
        ws, hs = np.array([r.width for r in rects]), np.array([r.height for r in rects])
        mw, mh = np.median(ws), np.median(hs)
        same_size = (
            np.mean((np.abs(ws - mw) <= 2) & (np.abs(hs - mh) <= 2)) >= 0.7
            and max(mw, mh) < 0.04 * max(H, W) + 4
            and abs(mw - mh) <= 3
        )
    if rect_px >= 0.7 * total and not same_size:
        marks.kind, marks.rects = "rects", rects
        return marks
    if len(comps) >= 3 and areas[small].sum() >= 0.7 * total:
        marks.kind = "points"
        marks.blobs = [(float(c[0]), float(c[1]), int(s[4])) for s, c in comps]
        return marks
    ys, xs = np.nonzero(mask)
    edge = 3
    on_frame = (
        (ys - ys.min() < edge) | (ys.max() - ys < edge) | (xs - xs.min() < edge) | (xs.max() - xs < edge)
    ).mean()
    if on_frame >= 0.8 and np.ptp(ys) > 4 * edge and np.ptp(xs) > 4 * edge:
        return marks  # a frame (a legend's box), not data
    cols = np.flatnonzero(mask.any(axis=0))
    extent = cols.max() - cols.min() + 1
    thickness = total / max(1, len(cols))
    if len(cols) < 0.6 * extent:
        return marks  # dotted grid remnants, not a trace
    rows = np.flatnonzero(mask.any(axis=1))
    thin = thickness <= max(7.0, 0.035 * H)
    if thin and rows.max() - rows.min() + 1 <= max(6, 2 * thickness):
        return marks  # flat: a rule left over, not data
    if extent >= 0.15 * W and thin and thickness >= (1.0 if blended else 1.5):  # thinner: fringes of another colour
        marks.kind = "line"
    elif extent >= 0.15 * W and not thin:
        marks.kind = "area"
    return marks


def chart_kind(marks: list[Marks], vertical: bool) -> str:
    """The chart type from the mark shapes of all colours (bars: by overlap between colours)."""
    kinds = [m.kind for m in marks]
    rect_marks = [m for m in marks if m.kind == "rects"]
    px = {k: sum(m.pixels for m in marks if m.kind == k) for k in ("rects", "line", "area", "points")}
    if rect_marks and px["rects"] >= 0.5 * sum(px.values()):
        if len(rect_marks) == 1:
            return "bar" if vertical else "hbar"
        return "stacked_bar" if _stacked(rect_marks, vertical) else "grouped_bar"
    if "area" in kinds and px["area"] >= 0.3 * sum(px.values()):
        return "area"
    if "line" in kinds:
        return "line"
    if "points" in kinds:
        return "scatter"
    return "other"


def _stacked(rect_marks: list[Marks], vertical: bool) -> bool:
    spans = [((r.x0, r.x1) if vertical else (r.y0, r.y1), m.colour) for m in rect_marks for r in m.rects]
    same, total = 0, 0
    for i, ((a0, a1), ci) in enumerate(spans):
        for (b0, b1), cj in spans[i + 1 :]:
            if ci == cj:
                continue
            inter = min(a1, b1) - max(a0, b0)
            if inter > 0:
                total += 1
                same += inter >= 0.7 * min(a1 - a0, b1 - b0)
    return total > 0 and same >= 0.5 * total


def looks_like_photo(pixels: np.ndarray) -> bool:
    """Charts are a few flat colours; photos spread over thousands."""
    small = pixels[:: max(1, pixels.shape[0] // 200), :: max(1, pixels.shape[1] // 200)].reshape(-1, 3).astype(np.int32)
    q = (small[:, 0] >> 3 << 10) | (small[:, 1] >> 3 << 5) | (small[:, 2] >> 3)
    counts = np.sort(np.bincount(q, minlength=32768))[::-1]
    return counts[:12].sum() < 0.5 * len(q)
