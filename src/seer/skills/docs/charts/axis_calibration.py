"""Pixel ↔ value maps for chart axes, fitted robustly from tick labels (linear or log).

axis = calibrate([(412.0, "0"), (312.0, "10"), (212.0, "20")], along="y")
axis.value(262.0) -> 15.0
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .tick_format import explicit_power, parse_number, parse_power

Scale = Literal["linear", "log"]


@dataclass(frozen=True)
class Axis:
    """value = a·pixel + b (linear) or 10^(a·pixel + b) (log), fitted on `ticks` (pixel, value)."""

    along: Literal["x", "y"]
    scale: Scale
    a: float
    b: float
    ticks: tuple[tuple[float, float], ...]
    error: float  # worst tick misfit, as a fraction of the tick range (0 = perfect)

    def value(self, pixel: float | np.ndarray) -> float | np.ndarray:
        t = self.a * np.asarray(pixel, dtype=float) + self.b
        out = np.power(10.0, t) if self.scale == "log" else t
        return float(out) if np.ndim(out) == 0 else out

    def pixel(self, value: float) -> float:
        t = math.log10(value) if self.scale == "log" else value
        return (t - self.b) / self.a

    @property
    def low(self) -> float:
        return min(v for _, v in self.ticks)

    @property
    def high(self) -> float:
        return max(v for _, v in self.ticks)

    @property
    def span(self) -> float:
        """The value range the ticks cover (the unit of the '1% of axis range' tolerance)."""
        return self.high - self.low or abs(self.high) or 1.0

    def zero_pixel(self) -> float | None:
        """Where value 0 sits, when it is on (or near) the axis: the baseline of bars and areas."""
        if self.scale == "log":
            return None
        if self.low - 0.5 * self.span <= 0 <= self.high + 0.5 * self.span:
            return self.pixel(0.0)
        return None


def tick_values(texts: list[str]) -> list[float | None]:
    """Numbers of tick texts; powers of ten (`10³`, OCR's `103`) when every text reads as one."""
    powers = [parse_power(t) for t in texts]
    exps = sorted({round(math.log10(p)) for p in powers if p})
    if (
        len(exps) >= 2
        and sum(p is not None for p in powers) > len(texts) / 2
        and exps == list(range(exps[0], exps[0] + len(exps)))
    ):
        return powers  # the rest (another axis's label caught in the column) drop out
    return [parse_number(t) for t in texts]


def log_notation(texts: list[str]) -> bool:
    """Two or more tick texts written as powers of ten (`10¹`, `10^2`): a log axis, even with two ticks."""
    return sum(explicit_power(t) for t in texts) >= 2


def calibrate(ticks: list[tuple[float, str]], along: Literal["x", "y"], min_ticks: int = 3) -> Axis | None:
    """Fit the axis from (pixel, label text) pairs; None when fewer than `min_ticks` labels agree."""
    values = tick_values([t for _, t in ticks])
    pairs = [(p, v) for (p, _), v in zip(ticks, values) if v is not None]
    if len(pairs) < max(2, min_ticks):
        return None
    fits: dict[str, Axis] = {}
    for scale in ("linear", "log"):
        pts = pairs if scale == "linear" else [(p, math.log10(v)) for p, v in pairs if v > 0]
        if scale == "log" and len(pts) < len(pairs):
            continue
        fit = _ransac(pts, min_ticks)
        if fit is None:
            continue
        a, b, inliers, err = fit
        if along == "y" and a >= 0 or along == "x" and a <= 0:
            continue  # values must grow upwards / rightwards
        kept = tuple((p, v) for p, v in pairs if any(abs(p - q) < 1e-9 for q, _ in inliers))
        fits[scale] = Axis(along, scale, a, b, kept, err)
    lin, log = fits.get("linear"), fits.get("log")
    if lin is None or log is None:
        return lin or log
    if log_notation([t for _, t in ticks]):
        return log  # `10¹`, `10²`: printed only on log axes (two such ticks fit a line as well)
    # a narrow range (years) fits a log as well as a line: the log must explain clearly more
    if len(log.ticks) > len(lin.ticks) or (
        len(log.ticks) == len(lin.ticks) and lin.error > 0.01 and log.error < 0.3 * lin.error
    ):
        return log
    return lin


def _ransac(pts: list[tuple[float, float]], min_ticks: int) -> tuple[float, float, list, float] | None:
    """Best line through the most points (tolerance 1.2% of the value range), refitted by least squares."""
    ps = np.array([p for p, _ in pts])
    vs = np.array([v for _, v in pts])
    vrange = float(np.ptp(vs)) or 1.0
    best = None
    for i, j in itertools.combinations(range(len(pts)), 2):
        if abs(ps[i] - ps[j]) < 2 or vs[i] == vs[j]:
            continue
        a = (vs[j] - vs[i]) / (ps[j] - ps[i])
        b = vs[i] - a * ps[i]
        inl = np.abs(a * ps + b - vs) <= 0.012 * vrange
        if best is None or inl.sum() > best.sum():
            best = inl
    if best is None or best.sum() < max(2, min(min_ticks, len(pts))):
        return None
    a, b = np.polyfit(ps[best], vs[best], 1)
    # one tick per value: a second "0" is another axis's label
    resid = np.abs(a * ps + b - vs)
    for v in set(vs[best].tolist()):
        same = np.flatnonzero(best & (vs == v))
        if len(same) > 1:
            best[same[resid[same] > resid[same].min()]] = False
    if best.sum() < max(2, min(min_ticks, len(pts))):
        return None
    a, b = np.polyfit(ps[best], vs[best], 1)
    err = float(np.max(np.abs(a * ps[best] + b - vs[best]))) / (float(np.ptp(vs[best])) or 1.0)
    if err > 0.03:
        return None
    return float(a), float(b), [(float(p), float(v)) for p, v in zip(ps[best], vs[best])], err
