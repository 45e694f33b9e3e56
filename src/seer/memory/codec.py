"""Frame compression: a keyframe image, or changed-region crops (plus an optional scroll, and rows
copied from elsewhere in the base: a prompt printed again) against a base.

    encode_image(pixels, quality=None, tolerance=0) -> bytes
        WebP; lossless unless a quality is given; with a quality and a tolerance, the smaller of lossy
        WebP and a palette image (lossless WebP of the crop in at most 256 colours, each pixel moved
        by at most `tolerance` per channel)
    make_delta(base, frame, tolerance) -> Delta | None   None: too much changed, store a keyframe
    apply_delta(base, delta, atlas) -> pixels

The base is an earlier kept frame (usually the previous one) as the encoder gave it: the exact
pixels of each tile when it was last stored, so deltas chain like P-frames in a video codec and a
typed word costs a few hundred bytes. It is never the lossy rebuild: a codec's error on glyph edges
would make every tile of unchanged text look changed and be stored again each frame.

A delta's crops are packed into one atlas image (stacked vertically), so one frame is one blob.
Reconstruction is pixel-exact at `tolerance=0`; otherwise every pixel is within `tolerance` per
channel of the original (unchanged tiles are only skipped when all their pixels are that close),
plus the lossy codec's own error when a `quality` is given.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image as PILImage

from ..perception.change import Change, difference_mask, find_scroll, mask_change, shift_rows
from ..perception.geometry import Box

WEBP_MAX = 16383
MIN_TILE_PIXELS = 4  # changed pixels a tile of a lossy source needs to hold more than noise


@dataclass(frozen=True, slots=True, eq=False)  # holds pixels: compared by identity, never by value
class Delta:
    """What to do to the keyframe: move rows of `shift[0]` by `shift[1]`, copy each of `copies` (a
    box, and the row its pixels start at in the moved keyframe), then paste `boxes` from the atlas."""

    shift: tuple[Box, int] | None
    boxes: list[Box]
    atlas: np.ndarray | None  # the crops stacked top to bottom, left-aligned
    copies: list[tuple[Box, int]] = field(default_factory=list)

    def spec(self) -> dict:
        spec = {
            "shift": [*self.shift[0].as_list(), self.shift[1]] if self.shift else None,
            "boxes": [b.as_list() for b in self.boxes],
        }
        if self.copies:
            spec["copies"] = [[*b.as_list(), sy] for b, sy in self.copies]
        return spec

    @property
    def area(self) -> int:
        return sum(b.area for b in self.boxes)


def encode_image(pixels: np.ndarray, quality: int | None = None, tolerance: int = 0) -> bytes:
    """WebP bytes (lossless when `quality` is None); PNG when a side is over WebP's limit.

    Lossy frames (a `quality`) with a `tolerance` are also tried as a palette image: screen text and
    flat UI have few colours, and a lossless WebP of the quantised pixels is often half the size of a
    lossy one, with a stated error bound where lossy WebP has none. The smaller one is kept."""
    img = PILImage.fromarray(pixels)
    buf = io.BytesIO()
    if max(img.size) > WEBP_MAX:
        img.save(buf, format="PNG", compress_level=6)
    elif quality is None:
        # effort 0 at full quality: 11% larger than effort 1 on 1080p screens, in 0.14 s against
        # 0.25 s (memory_add waits for it)
        img.save(buf, format="WEBP", lossless=True, quality=100, method=0)
    else:
        img.save(buf, format="WEBP", quality=quality, method=2)
        palette = _palette_webp(pixels, tolerance) if tolerance > 0 else None
        if palette is not None and len(palette) < buf.tell():
            return palette
    return buf.getvalue()


def _palette_webp(pixels: np.ndarray, tolerance: int) -> bytes | None:
    """Lossless WebP of `pixels` with every colour moved to a palette colour within `tolerance` per
    channel, or None when over 256 colours would be needed (a photo, a gradient).

    The palette is error-bounded, not fitted: the commonest colour leads and takes every colour
    close to it, then the commonest left, and so on. A screen's background and text colours come
    out exact-ish and flat, and a lossy video's ringing around glyphs snaps back onto them, so the
    image compresses like the clean screen (a third smaller than lossy WebP on decoded terminal video)."""
    palettised = bounded_palette(pixels, tolerance)
    if palettised is None:
        return None
    buf = io.BytesIO()
    PILImage.fromarray(palettised).save(buf, format="WEBP", lossless=True, quality=100, method=2)
    return buf.getvalue()


def bounded_palette(pixels: np.ndarray, tolerance: int, limit: int = 256) -> np.ndarray | None:
    """`pixels` (RGB) in at most `limit` colours, each channel moved by at most `tolerance`; None when
    more are needed. Colours are grouped in bins of 4 levels a channel; a leading bin gives its
    first pixel's colour to the bins up to `(tolerance - 3) // 4` away, so a flat colour stays exact."""
    reach = (tolerance - 3) // 4
    if reach < 0:
        return None
    flat = pixels.reshape(-1, 3)
    b = (flat >> 2).astype(np.int32)
    bins = (b[:, 0] << 12) | (b[:, 1] << 6) | b[:, 2]
    counts = np.bincount(bins, minlength=1 << 18)
    first = np.zeros(1 << 18, np.int64)
    first[bins[::-1]] = np.arange(len(bins) - 1, -1, -1)  # the last write wins: each bin's first pixel
    used = np.flatnonzero(counts)
    order = used[np.argsort(-counts[used], kind="stable")]
    coords = np.stack([order >> 12, (order >> 6) & 63, order & 63], axis=1).astype(np.int16)
    lut = np.zeros(1 << 18, np.uint8)
    palette: list[np.ndarray] = []
    left = np.arange(len(order))
    while left.size:
        if len(palette) == limit:
            return None
        near = np.abs(coords[left] - coords[left[0]]).max(axis=1) <= reach
        lut[order[left[near]]] = len(palette)
        palette.append(flat[first[order[left[0]]]])
        left = left[~near]
    return np.asarray(palette, np.uint8)[lut[bins]].reshape(pixels.shape)


def decode_image(data: bytes) -> np.ndarray:
    with PILImage.open(io.BytesIO(data)) as img:
        return np.asarray(img.convert("RGB"))


def make_delta(
    key: np.ndarray,
    frame: np.ndarray,
    tolerance: int = 0,
    max_fraction: float = 0.4,
    tile: int = 32,
    scroll: tuple[Box, int] | None = None,
    search: bool = True,
) -> Delta | None:
    """Crops of `frame` where it differs from `key` by more than `tolerance`; None when over `max_fraction`.

    `scroll` is a (region, dy) the caller already found between the original frames; it is tried
    first. `search=False`: the caller has looked for a scroll already, do not look again."""
    if key.shape != frame.shape:
        return None

    def changes(shift: tuple[Box, int] | None) -> Change:
        return mask_change(
            changed_pixels(key if shift is None else shift_rows(key, *shift), frame, tolerance, tile), tile
        )

    change = changes(None)
    total = frame.shape[0] * frame.shape[1]
    shift = None
    if scroll and change.area > total * 0.05:
        moved = changes(scroll)
        if moved.area < change.area * 0.6:
            change, shift = moved, scroll
    if search and shift is None and change.area > total * 0.1:
        # a scrolled pane: move the base frame's rows first, then only the new rows differ
        region = max(change.boxes, key=lambda b: b.area)
        dy = find_scroll(key, frame, region)
        if dy:
            moved = changes((region, dy))
            if moved.area < change.area * 0.6:
                change, shift = moved, (region, dy)
    if change.area > total * max_fraction:
        return None
    copies, boxes = repeats(key if shift is None else shift_rows(key, *shift), frame, change.boxes, tolerance)
    if not boxes:
        return Delta(shift, [], None, copies)
    width = max(b.width for b in boxes)
    atlas = np.zeros((sum(b.height for b in boxes), width, 3), np.uint8)
    y = 0
    for b in boxes:
        atlas[y : y + b.height, : b.width] = frame[b.y0 : b.y1, b.x0 : b.x1]
        y += b.height
    return Delta(shift, boxes, atlas, copies)


MIN_COPY = 48  # columns a repeat must span to be copied rather than stored


def repeats(
    base: np.ndarray, frame: np.ndarray, boxes: list[Box], tolerance: int
) -> tuple[list[tuple[Box, int]], list[Box]]:
    """Of each changed box up to two lines tall, the columns that show rows of `base` found elsewhere
    (a shell prompt printed again on a new line, a list item moved down): (box, source row) to copy;
    and the boxes left to store. The source is the best match of the box's grey levels in the same
    columns of `base` at another height, kept only where no pixel differs by over `tolerance`."""
    copies: list[tuple[Box, int]] = []
    rest: list[Box] = []
    todo = [b for b in boxes if 8 <= b.height <= 80 and b.width >= 2 * MIN_COPY]
    if not todo:
        return copies, boxes
    grey_base, grey_frame = (cv2.cvtColor(np.ascontiguousarray(x), cv2.COLOR_RGB2GRAY) for x in (base, frame))
    for b in boxes:
        if b not in todo:
            rest.append(b)
            continue
        x1 = min(b.x1, b.x0 + 4 * MIN_COPY)  # its left part finds the row (a prompt starts a line): a third of the time
        fit = cv2.matchTemplate(grey_base[:, b.x0 : x1], grey_frame[b.y0 : b.y1, b.x0 : x1], cv2.TM_SQDIFF)[:, 0]
        fit[max(0, b.y0 - 2) : b.y0 + 3] = np.inf  # the box's own place is what changed
        sy = int(np.argmin(fit))
        bad = np.asarray(
            changed_pixels(base[sy : sy + b.height, b.x0 : b.x1], frame[b.y0 : b.y1, b.x0 : b.x1], tolerance).any(
                axis=0
            )
        )
        x = 0
        while x < b.width:  # runs of columns alike: copy the long matching ones, store the rest
            end = x + int(np.argmax(bad[x:] != bad[x])) if (bad[x:] != bad[x]).any() else b.width
            part = Box(b.x0 + x, b.y0, b.x0 + end, b.y1)
            if not bad[x] and end - x >= MIN_COPY:
                copies.append((part, sy))
            elif rest and rest[-1].y0 == b.y0 and rest[-1].x1 == part.x0:
                rest[-1] = Box.union([rest[-1], part])
            else:
                rest.append(part)
            x = end
    return copies, rest


def changed_pixels(a: np.ndarray, b: np.ndarray, tolerance: int = 0, tile: int = 32) -> np.ndarray:
    """Pixels of `b` that differ from `a` by more than `tolerance`, as a change to store.

    Exact at `tolerance=0`. Otherwise the frames come from a lossy video: its noise (ringing on glyph
    edges, text redrawn a fraction of a pixel off after a scroll, chroma subsampling) is not a change,
    so a pixel counts only when no pixel of the other frame within one pixel explains it (it lies
    outside the 3×3 neighbourhood's range, both ways), and a tile with fewer than `MIN_TILE_PIXELS`
    such pixels holds only specks of noise."""
    plain = difference_mask(a, b, tolerance)
    if tolerance == 0 or not plain.any():
        return plain
    h, w = plain.shape
    ty, tx = -(-h // tile), -(-w // tile)
    grid = np.zeros((ty * tile, tx * tile), np.uint8)
    grid[:h, :w] = plain
    tiles = grid.reshape(ty, tile, tx, tile).max(axis=(1, 3))
    mask = np.zeros_like(plain)
    k = np.ones((3, 3), np.uint8)
    # only around what differs at all (a typed word, a clock and a caret are three small windows)
    n, _, stats, _ = cv2.connectedComponentsWithStats(tiles, connectivity=8)
    for gx, gy, gw, gh, _ in stats[1:n]:
        win = Box(gx * tile, gy * tile, (gx + gw) * tile, (gy + gh) * tile).pad(1).clip(w, h)
        ra, rb = a[win.y0 : win.y1, win.x0 : win.x1], b[win.y0 : win.y1, win.x0 : win.x1]
        outside = cv2.max(
            cv2.max(cv2.subtract(cv2.erode(ra, k), rb), cv2.subtract(rb, cv2.dilate(ra, k))),
            cv2.max(cv2.subtract(cv2.erode(rb, k), ra), cv2.subtract(ra, cv2.dilate(rb, k))),
        )
        c = cv2.split(outside)
        mask[win.y0 : win.y1, win.x0 : win.x1] |= (
            cv2.max(cv2.max(c[0], c[1]), c[2]) if len(c) == 3 else outside
        ) > tolerance
    # specks: a tile of the grid `mask_change` groups on with few such pixels holds only noise
    grid[:h, :w] = mask
    quiet = grid.reshape(ty, tile, tx, tile).sum(axis=(1, 3), dtype=np.int32) < MIN_TILE_PIXELS
    return mask & ~np.repeat(np.repeat(quiet, tile, axis=0), tile, axis=1)[:h, :w]


def apply_delta(key: np.ndarray, spec: dict, atlas: np.ndarray | None) -> np.ndarray:
    """Rebuild a frame from its keyframe pixels, its delta spec and its decoded atlas.

    Raises ValueError when the spec does not fit (a box off the frame or past the atlas)."""
    h, w = key.shape[:2]

    def inside(x0: int, y0: int, x1: int, y1: int) -> Box:
        if not all(isinstance(v, int) for v in (x0, y0, x1, y1)) or not (0 <= x0 <= x1 <= w and 0 <= y0 <= y1 <= h):
            raise ValueError(f"box {[x0, y0, x1, y1]} is not inside the {w}×{h} frame")
        return Box(x0, y0, x1, y1)

    out = key.copy()
    if spec.get("shift"):
        x0, y0, x1, y1, dy = spec["shift"]
        out = shift_rows(out, inside(x0, y0, x1, y1), int(dy))
    if spec.get("copies"):
        moved = out.copy()
        for x0, y0, x1, y1, sy in spec["copies"]:
            b = inside(x0, y0, x1, y1)
            src = inside(x0, sy, x1, sy + b.height) if isinstance(sy, int) else inside(x0, -1, x1, -1)
            out[b.y0 : b.y1, b.x0 : b.x1] = moved[src.y0 : src.y1, src.x0 : src.x1]
    y = 0
    for b in (inside(*box) for box in spec.get("boxes", [])):
        if atlas is not None and b.width > 0 and b.height > 0:
            if y + b.height > atlas.shape[0] or b.width > atlas.shape[1]:
                raise ValueError(f"the atlas ({atlas.shape[1]}×{atlas.shape[0]}) is smaller than its boxes")
            out[b.y0 : b.y1, b.x0 : b.x1] = atlas[y : y + b.height, : b.width]
        y += b.height
    return out


def downscale(pixels: np.ndarray, max_side: int | None = None, scale: float | None = None) -> np.ndarray:
    """A smaller copy (area resampling), by factor or to fit `max_side`; the input when already small."""
    h, w = pixels.shape[:2]
    s = scale if scale is not None else (min(1.0, max_side / max(h, w)) if max_side else 1.0)
    if s >= 1.0:
        return pixels
    size = (max(1, round(w * s)), max(1, round(h * s)))
    return np.asarray(
        PILImage.fromarray(pixels).resize(size, PILImage.Resampling.BOX if s <= 0.5 else PILImage.Resampling.LANCZOS)
    )


def png_bytes(pixels: np.ndarray) -> bytes:
    buf = io.BytesIO()
    PILImage.fromarray(pixels).save(buf, format="PNG", compress_level=6)
    return buf.getvalue()
