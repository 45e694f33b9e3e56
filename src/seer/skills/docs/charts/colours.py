"""Colour separation: the backgrounds, the distinct mark colours, and one pixel mask per colour.

Charts are drawn in a few flat colours; anti-aliased edges are blends that belong to no colour.
Grid lines, spines and frames are long thin runs and are removed from every mask by shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from ....perception.geometry import Box

MAX_COLOURS = 12
MATCH = 48  # max channel difference for a pixel to belong to a colour
_BIN_CENTRES = (
    np.stack([(np.arange(32768) >> 10) << 3, ((np.arange(32768) >> 5) & 31) << 3, (np.arange(32768) & 31) << 3], axis=1)
    + 4
).astype(np.float32)


@dataclass
class Palette:
    background: list[np.ndarray]
    colours: list[np.ndarray]  # mark colour candidates, RGB int
    labels: np.ndarray  # H×W int16 over the whole image: index into `colours`, -1 for none
    pixels: np.ndarray | None = None  # the image, for masks that look past `labels` (thin lines)
    own_blend: dict[Box, tuple[np.ndarray, np.ndarray]] = field(
        default_factory=dict
    )  # per plot: its pixels' colour bins, each bin's fit to its own colour's blend


def _mode_colour(px: np.ndarray) -> np.ndarray:
    q = (
        (px[:, 0].astype(np.int32) >> 3 << 10)
        | (px[:, 1].astype(np.int32) >> 3 << 5)
        | (px[:, 2].astype(np.int32) >> 3)
    )
    key = np.bincount(q, minlength=32768).argmax()
    return px[q == key].mean(axis=0).astype(np.int32)


def distance(px: np.ndarray, colour: np.ndarray) -> np.ndarray:
    return np.abs(px.astype(np.int16) - colour.astype(np.int16)).max(axis=-1)


def separate(pixels: np.ndarray, plot: Box) -> Palette:
    """Find background colours and mark colours; label every pixel of the image by its colour."""
    h, w = pixels.shape[:2]
    border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    bgs = [_mode_colour(border)]
    region = pixels[plot.y0 : plot.y1, plot.x0 : plot.x1]
    if region.shape[0] > 16 and region.shape[1] > 16:
        # the plot's own background (ggplot grey, dark styles): what fills the inside of its top and
        # right edges, where marks rarely reach both
        rh, rw = region.shape[:2]
        edge = np.concatenate(
            [
                region[3 : 3 + max(3, rh // 12)].reshape(-1, 3),
                region[:, rw - 4 - max(3, rw // 16) : rw - 4].reshape(-1, 3),
            ]
        )
        plot_bg = _mode_colour(edge)
        if (
            distance(plot_bg[None], bgs[0])[0] > 12
            and (distance(edge, plot_bg) <= 10).mean() > 0.5
            and (distance(region, plot_bg) <= 10).mean() > 0.25
        ):
            bgs.append(plot_bg)
    px = pixels.reshape(-1, 3)
    # classify the 32 768 colour bins once, then look every pixel up (exact to ±4 per channel)
    bins = (
        (px[:, 0].astype(np.int32) >> 3 << 10)
        | (px[:, 1].astype(np.int32) >> 3 << 5)
        | (px[:, 2].astype(np.int32) >> 3)
    )
    centres = _BIN_CENTRES.astype(np.int32)
    bg_bin = np.zeros(32768, dtype=bool)
    for c in bgs:
        bg_bin |= distance(centres, c) <= 30
    near_bg = bg_bin[bins]
    # candidate colours from the marks' region only (titles and labels are text colour)
    rmask = np.zeros((h, w), dtype=bool)
    rmask[plot.y0 : plot.y1, plot.x0 : plot.x1] = True
    cand = px[rmask.reshape(-1) & ~near_bg]
    colours: list[np.ndarray] = []
    if len(cand):
        q = (
            (cand[:, 0].astype(np.int32) >> 4 << 8)
            | (cand[:, 1].astype(np.int32) >> 4 << 4)
            | (cand[:, 2].astype(np.int32) >> 4)
        )
        counts = np.bincount(q, minlength=4096)
        min_count = max(20, int(0.0003 * max(1, rmask.sum())))
        for key in np.argsort(counts)[::-1]:
            if counts[key] < min_count or len(colours) >= MAX_COLOURS:
                break
            mean = cand[q == key].mean(axis=0).astype(np.int32)
            if all(np.abs(mean - c).max() > 40 for c in colours) and not _is_blend(mean, colours, bgs):
                colours.append(mean)
    lut = np.full(32768, -1, dtype=np.int16)
    if colours:
        d = np.stack([distance(centres, c) for c in colours], axis=1)
        best = d.argmin(axis=1)
        ok = (d[np.arange(32768), best] <= MATCH) & ~bg_bin
        lut[ok] = best[ok]
    return Palette(bgs, colours, lut[bins].reshape(h, w), pixels)


def _is_blend(c: np.ndarray, colours: list[np.ndarray], bgs: list[np.ndarray]) -> bool:
    """An anti-aliased edge colour: on the segment between a stronger colour and a background."""
    for a in colours:
        for b in bgs:
            d = (b - a).astype(float)
            n = float(d @ d)
            if n < 1:
                continue
            t = float((c - a) @ d) / n
            if 0.15 <= t <= 0.85 and np.abs(a + t * d - c).max() <= 12:
                return True
    return False


def mark_mask(palette: Palette, k: int, plot: Box, exclude: list[Box]) -> np.ndarray:
    """Pixels of colour k inside the plot region, without grid lines, frames and excluded boxes."""
    m = palette.labels[plot.y0 : plot.y1, plot.x0 : plot.x1] == k
    for b in exclude:
        m[max(0, b.y0 - plot.y0) : max(0, b.y1 - plot.y0), max(0, b.x0 - plot.x0) : max(0, b.x1 - plot.x0)] = False
    m = remove_rules(m)
    # grid lines drawn over bars and areas cut them; bridge gaps that thin
    u8 = m.astype(np.uint8)
    u8 = cv2.morphologyEx(u8, cv2.MORPH_CLOSE, np.ones((6, 1), np.uint8))
    u8 = cv2.morphologyEx(u8, cv2.MORPH_CLOSE, np.ones((1, 6), np.uint8))
    return u8.astype(bool)


def line_mask(palette: Palette, k: int, plot: Box, exclude: list[Box]) -> np.ndarray:
    """Colour k's pixels as `mark_mask` gives them, plus the anti-aliased ones of a thin line: pixels
    that are mostly ink on the blend from colour k to the background (a 1-px line drawn off the
    pixel grid is such blends, often nearer in distance to grey text or grid than to its own
    colour), unless their own colour's blend explains them as well (a lighter line of a darker hue).
    Judged per colour bin (±4 per channel), as `separate` labels pixels."""
    if plot not in palette.own_blend:  # once per plot, not once per colour
        px = palette.pixels[plot.y0 : plot.y1, plot.x0 : plot.x1].astype(np.int32)
        bins = (px[..., 0] >> 3 << 10) | (px[..., 1] >> 3 << 5) | (px[..., 2] >> 3)
        own = np.full(32768, np.inf, np.float32)
        labels = palette.labels[plot.y0 : plot.y1, plot.x0 : plot.x1]
        for j in np.unique(labels[labels >= 0]):
            sel = np.unique(bins[labels == j])
            own[sel] = _blend_fit(_BIN_CENTRES[sel], palette.colours[j], palette.background)
        palette.own_blend[plot] = (bins, own)
    bins, own = palette.own_blend[plot]
    off_k = _blend_fit(_BIN_CENTRES, palette.colours[k], palette.background)
    near = (off_k <= 14) & (off_k < own)
    m = (palette.labels[plot.y0 : plot.y1, plot.x0 : plot.x1] == k) | near[bins]
    for b in exclude:
        m[max(0, b.y0 - plot.y0) : max(0, b.y1 - plot.y0), max(0, b.x0 - plot.x0) : max(0, b.x1 - plot.x0)] = False
    return remove_rules(m)


def _blend_fit(px: np.ndarray, colour: np.ndarray, backgrounds: list[np.ndarray]) -> np.ndarray:
    """How far each pixel is from the blend of `colour` into a background, counting only blends that
    are mostly ink (at most 60% background); inf where none fits."""
    a = colour.astype(np.float32)
    best = np.full(px.shape[:-1], np.inf, np.float32)
    for bg in backgrounds:
        d = bg.astype(np.float32) - a
        n = float(d @ d)
        if n < 900:
            continue
        t = ((px - a) @ d) / n
        off = np.abs(a + t[..., None] * d - px).max(axis=-1)
        off[(t < -0.1) | (t > 0.6)] = np.inf
        best = np.minimum(best, off)
    return best


def remove_rules(mask: np.ndarray) -> np.ndarray:
    """Drop long thin horizontal and vertical runs (grid lines, spines, frames) and specks."""
    m = mask.copy()
    H, W = m.shape
    thin = max(4, int(0.012 * max(H, W)))
    for axis, length in ((1, W), (0, H)):
        count = m.sum(axis=axis)
        idx = np.flatnonzero(count >= 0.35 * length)
        if len(idx):
            runs = np.split(idx, np.flatnonzero(np.diff(idx) > 1) + 1)
            for run in runs:
                # a rule stands alone; rows of bars cut short by a grid line have full neighbours
                gap = thin + 1
                beside = max(
                    count[run[0] - gap] if run[0] >= gap else 0,
                    count[run[-1] + gap] if run[-1] + gap < len(count) else 0,
                )
                if len(run) <= thin and beside <= 0.3 * count[run].min():
                    if axis == 1:
                        m[run[0] - 1 if run[0] else 0 : run[-1] + 2] = False
                    else:
                        m[:, run[0] - 1 if run[0] else 0 : run[-1] + 2] = False
    n, lab, stats, _ = cv2.connectedComponentsWithStats(m.astype(np.uint8), connectivity=8)
    w, h, a = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_AREA]
    lo, hi = np.minimum(w, h), np.maximum(w, h)
    # specks, and tick marks: short sticks that are left where a spine was removed
    drop = (a < 10) | ((lo <= max(2, thin // 2)) & (hi <= 0.04 * max(H, W)) & (hi >= 2 * lo))
    drop[0] = False
    if drop.any():
        m[drop[lab]] = False
    return m
