"""Pie charts: find the disc, split it into slices by angle, name them from labels or the legend,
and prefer printed percentages when they agree with the measured angles.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import cv2
import numpy as np

from ....perception.geometry import Box
from ....perception.ocr import TextLine
from .colours import Palette
from .legend import LegendEntry
from .tick_format import parse_number


def unnamed_slice(k: int) -> str:
    """The name of the k-th slice (from 1) that no legend or label names."""
    return f"slice {k}"


def is_unnamed_slice(name: object) -> bool:
    return re.fullmatch(r"slice \d+", str(name)) is not None


@dataclass
class Slice:
    colour: int
    start: float  # degrees, counter-clockwise from east
    end: float
    percent: float
    name: str = ""

    @property
    def mid(self) -> float:
        return (self.start + self.end) / 2


def find_disc(palette: Palette, exclude: list[Box]) -> tuple[float, float, float] | None:
    """(cx, cy, r) of the largest round blob of mark colours, or None."""
    m = (palette.labels >= 0).astype(np.uint8)
    for b in exclude:
        m[b.y0 : b.y1, b.x0 : b.x1] = 0
    m = cv2.morphologyEx(m, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(m, connectivity=8)
    if n < 2:
        return None
    i = 1 + int(stats[1:, cv2.CC_STAT_AREA].argmax())
    x, y, w, h, a = (int(v) for v in stats[i][:5])
    if min(w, h) < 40 or not 0.85 <= w / h <= 1.18:
        return None
    r = (w + h) / 4
    if not 0.72 <= a / (math.pi * r * r) <= 1.12:
        return None
    return x + w / 2, y + h / 2, r


def slices(palette: Palette, cx: float, cy: float, r: float) -> list[Slice]:
    """Slices by sampling colours around rings of the disc (majority over radii per angle)."""
    H, W = palette.labels.shape
    angles = np.arange(0, 360, 0.5)
    rad = np.radians(angles)
    votes = []
    for f in (0.3, 0.45, 0.62, 0.78, 0.9):
        xs = np.clip(np.round(cx + f * r * np.cos(rad)).astype(int), 0, W - 1)
        ys = np.clip(np.round(cy - f * r * np.sin(rad)).astype(int), 0, H - 1)
        votes.append(palette.labels[ys, xs])
    votes = np.stack(votes, axis=1)
    colour = np.array([np.bincount(v[v >= 0]).argmax() if (v >= 0).any() else -1 for v in votes])
    # absorb short runs (edges, text) into their neighbours
    runs = _runs(colour)
    min_len = 4
    for _k, (c, s, e) in enumerate(runs):
        if c < 0 or e - s < min_len:
            colour[s:e] = -2
    valid = np.flatnonzero(colour >= 0)
    if not len(valid):
        return []
    for i in np.flatnonzero(colour < 0):  # nearest valid angle, circularly
        d = np.minimum(np.abs(valid - i), len(colour) - np.abs(valid - i))
        colour[i] = colour[valid[d.argmin()]]
    runs = _runs(colour)
    if len(runs) > 1 and runs[0][0] == runs[-1][0]:
        c, s, e = runs.pop()
        runs[0] = (c, s - len(colour), runs[0][2])
    return [Slice(int(c), s * 0.5, e * 0.5, (e - s) / len(colour) * 100) for c, s, e in runs]


def _runs(seq: np.ndarray) -> list[tuple[int, int, int]]:
    out, start = [], 0
    for i in range(1, len(seq) + 1):
        if i == len(seq) or seq[i] != seq[start]:
            out.append((int(seq[start]), start, i))
            start = i
    return out


def name_and_value(
    sl: list[Slice],
    cx: float,
    cy: float,
    r: float,
    lines: list[TextLine],
    free: list[int],
    legend: list[LegendEntry],
    warnings: list[str],
) -> None:
    """Names from the legend (by colour) or outside labels (by angle); printed percentages if consistent."""
    by_colour = {e.colour: e.name for e in legend}
    printed: dict[int, float] = {}
    for i in free:
        b = lines[i].box
        x, y = (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2
        dist = math.hypot(x - cx, y - cy)
        ang = math.degrees(math.atan2(cy - y, x - cx)) % 360
        k = _slice_at(sl, ang)
        if k is None:
            continue
        value = parse_number(lines[i].text)
        if dist < r and value is not None:
            printed.setdefault(k, value)
        elif dist >= 0.9 * r and value is None and dist < 1.6 * r and not sl[k].name:
            sl[k].name = lines[i].text.strip()
    for k, s in enumerate(sl):
        s.name = by_colour.get(s.colour) or s.name or unnamed_slice(k + 1)
    if printed and len(printed) == len(sl):
        total = sum(printed.values())
        pct = {k: v if abs(total - 100) <= 3 else 100 * v / total for k, v in printed.items()} if total else {}
        off = [k for k, v in pct.items() if abs(v - sl[k].percent) > 6]
        if off:
            warnings.append(
                f"{len(off)} printed slice value(s) disagreed with the slice angles; kept the measured shares"
            )
        else:
            for k, v in pct.items():
                sl[k].percent = v


def _slice_at(sl: list[Slice], ang: float) -> int | None:
    for k, s in enumerate(sl):
        if s.start <= ang < s.end or s.start <= ang - 360 < s.end or s.start <= ang + 360 < s.end:
            return k
    return None
