"""Colours around a text line: the ink it is written in, the fill it sits on, the swatch beside it.

Published charts key series by colour three ways: a label inside a bar sits on the bar's fill, a
label beside a line is written in the line's colour, and a legend name has a swatch to its left.
"""

from __future__ import annotations

import numpy as np

from ....perception.geometry import Box

NEAR = 40  # max channel difference for two colours to count as one


def distance(a: np.ndarray | None, b: np.ndarray | None) -> int:
    if a is None or b is None:
        return 999
    return int(np.abs(a.astype(int) - b.astype(int)).max())


def hue(c: np.ndarray) -> float:
    r, g, b = (float(v) for v in c)
    mx, mn = max(r, g, b), min(r, g, b)
    if mx == mn:
        return 0.0
    if mx == r:
        return (60 * (g - b) / (mx - mn)) % 360
    if mx == g:
        return 60 * (b - r) / (mx - mn) + 120
    return 60 * (r - g) / (mx - mn) + 240


def same_hue(a: np.ndarray, b: np.ndarray) -> bool:
    """Two series colours alike: hue within 25° (text ink is too thin for exact colours), and
    lightness not far apart (a dark and a light shade of one hue are two series)."""
    d = abs(hue(a) - hue(b))
    return distance(a, b) <= 48 or (min(d, 360 - d) <= 25 and abs(int(a.sum()) - int(b.sum())) <= 250)


def neutral(c: np.ndarray | None) -> bool:
    """Black, white or grey: the colour of ordinary text, not of a series."""
    return c is None or int(c.max()) - int(c.min()) < 36 or int(c.max()) < 90 or int(c.min()) > 200


def on_ground(fill: np.ndarray | None) -> bool:
    """No colour, or the page's or a pale, greyish plot background's: not a bar."""
    return fill is None or int(fill.min()) >= 200 and int(fill.max()) - int(fill.min()) <= 40


def mode_colour(px: np.ndarray) -> np.ndarray | None:
    if len(px) == 0:
        return None
    q = (px[:, 0].astype(np.int32) >> 4 << 8) | (px[:, 1].astype(np.int32) >> 4 << 4) | (px[:, 2].astype(np.int32) >> 4)
    key = np.bincount(q).argmax()
    return np.median(px[q == key], axis=0).astype(np.int32)


def background(pixels: np.ndarray) -> np.ndarray:
    """The page colour: the commonest colour of the image border."""
    border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    return mode_colour(border)


def _strip(pixels: np.ndarray, x0: int, x1: int, y0: int, y1: int) -> np.ndarray:
    h, w = pixels.shape[:2]
    x0, x1, y0, y1 = max(0, x0), min(w, x1), max(0, y0), min(h, y1)
    if x1 <= x0 or y1 <= y0:
        return np.zeros((0, 3), np.uint8)
    return pixels[y0:y1, x0:x1].reshape(-1, 3)


def fill(pixels: np.ndarray, box: Box, page: np.ndarray) -> np.ndarray | None:
    """The fill a label sits on (a bar segment), or None when it sits on the page: text is
    thin, so the commonest colour of its box is what lies behind it."""
    bg = mode_colour(_strip(pixels, box.x0, box.x1, box.y0, box.y1))
    return bg if bg is not None and distance(bg, page) > 24 else None


def text_colour(pixels: np.ndarray, box: Box) -> np.ndarray | None:
    """The ink of the text in `box`: its pixels far from the box's commonest colour, in the
    middle of the box (a marker or line the loose box overlaps sits at its edge)."""
    whole = _strip(pixels, box.x0, box.x1, box.y0, box.y1)
    dy, dx = box.height // 4, box.width // 10
    px = _strip(pixels, box.x0 + dx, box.x1 - dx, box.y0 + dy, box.y1 - dy)
    if not len(px) or not len(whole):
        return None
    bg = mode_colour(whole)
    far = np.abs(px.astype(np.int16) - bg.astype(np.int16)).max(axis=1)
    # the glyphs' cores, not their anti-aliased or sub-pixel (coloured) fringes
    ink = px[far >= max(60, float(np.percentile(far, 85)), int(far.max()) * 3 // 4)]
    return np.median(ink, axis=0).astype(np.int32) if len(ink) >= 3 else None


def swatch(pixels: np.ndarray, box: Box, page: np.ndarray, line: float | None = None) -> np.ndarray | None:
    """The colour of a legend swatch just left of a name (`line`: the height of one text line,
    when the box holds a wrapped name), or None when there is none."""
    h = max(6, int(line or box.height))
    # a patch or a line handle up to three text heights left of the name (matplotlib's handles are long)
    px = _strip(pixels, box.x0 - int(3 * h), box.x0 - 1, box.y0 + box.height // 5, box.y1 - box.height // 5)
    if not len(px):
        return None
    text = text_colour(pixels, box)
    far = np.abs(px.astype(np.int16) - page.astype(np.int16)).max(axis=1) > 40
    if text is not None:  # the end of the previous legend name is not a swatch
        far &= np.abs(px.astype(np.int16) - text.astype(np.int16)).max(axis=1) > 40
    off = px[far]
    return mode_colour(off) if len(off) >= 0.12 * len(px) and len(off) >= 6 else None


def coloured_strokes(pixels: np.ndarray, box: Box, text: list[Box]) -> bool:
    """Whether coloured strokes (a line, markers) run inside `box`, outside the text boxes."""
    px = pixels[box.y0 : box.y1, box.x0 : box.x1].astype(int)
    coloured = (px.max(axis=-1) - px.min(axis=-1)) > 40
    for b in text:
        coloured[max(0, b.y0 - box.y0) : max(0, b.y1 - box.y0), max(0, b.x0 - box.x0) : max(0, b.x1 - box.x0)] = False
    return bool(coloured.size) and coloured.mean() > 0.003


def bar_end(pixels: np.ndarray, box: Box, page: np.ndarray, horizontal: bool, h: float) -> np.ndarray | None:
    """The colour of the solid block a label stands at the end of: under a column's label, left
    of a horizontal bar's label; None when there is none within 1.5 lines, or it is thin."""
    H, W = pixels.shape[:2]
    n = max(2, int(h))
    cx, cy = (box.x0 + box.x1) // 2, (box.y0 + box.y1) // 2
    ray = (
        pixels[cy, max(0, box.x0 - int(1.5 * h)) : box.x0][::-1]
        if horizontal
        else pixels[box.y1 : min(H, box.y1 + int(1.5 * h)), cx]
    )
    off = np.flatnonzero(np.abs(ray.astype(int) - page.astype(int)).max(axis=-1) > 30) if len(ray) else []
    if not len(off):
        return None
    start = (box.x0 - 1 - off[0]) if horizontal else (box.y1 + off[0])
    half = max(1, box.height // 4) if horizontal else max(1, box.width // 4)
    block = (
        pixels[max(0, cy - half) : cy + half + 1, max(0, start - n + 1) : start + 1]
        if horizontal
        else pixels[start : min(H, start + n), max(0, cx - half) : min(W, cx + half + 1)]
    )
    if not block.size or (np.abs(block.astype(int) - page.astype(int)).max(axis=-1) > 30).mean() < 0.9:
        return None
    return mode_colour(block.reshape(-1, 3))
