"""What changed between two frames of the same screen: regions as `Box`es and a 0–1 similarity.

    detect_changes(a, b) -> Change(boxes, similarity, mask, ignored)
    find_scroll(a, b, region) -> dy | None

Pixels differ when a channel moves by more than `pixel_threshold` (antialiasing and video noise stay
below it); specks under `min_pixels` are dropped; a text caret (a thin vertical bar) and a mouse
pointer that only moved are ignored. What is left is grouped on a grid of `tile`-px tiles: a 32-px
tile difference caught every scripted UI event at about 10 ms a 720p frame (perceptual hashes miss
an error banner).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import cv2
import numpy as np

from ..errors import InputError
from .geometry import Box


@dataclass(frozen=True, slots=True)
class ChangeOptions:
    tile: int = 32  # grid cell for grouping changes
    pixel_threshold: int = 40  # per-channel difference that counts as a change (0-255)
    min_pixels: int = 4  # connected specks smaller than this are noise
    ignore_caret: bool = True  # a blinking text caret is not a change
    ignore_pointer: bool = True  # a mouse pointer that only moved is not a change


@dataclass(frozen=True, slots=True, eq=False)  # holds a mask: compared by identity, never by value
class Change:
    """The changed regions of `b` against `a`, and how alike the two frames are (1 = identical)."""

    boxes: list[Box]
    similarity: float
    mask: np.ndarray = field(repr=False)  # H×W bool: the pixels that count as changed
    ignored: list[Box] = field(default_factory=list)  # carets and pointers left out

    @property
    def changed(self) -> bool:
        return bool(self.boxes)

    @property
    def area(self) -> int:
        return sum(b.area for b in self.boxes)


def difference_mask(a: np.ndarray, b: np.ndarray, threshold: int) -> np.ndarray:
    """Pixels where any channel differs by more than `threshold`."""
    if a.shape != b.shape:
        raise InputError(
            f"cannot compare frames of different sizes {a.shape[1]}×{a.shape[0]} and {b.shape[1]}×{b.shape[0]}"
        )
    diff = cv2.absdiff(a, b)
    if diff.ndim == 3:
        # cv2 per-channel max: numpy's max over the last axis is 15x slower here
        c = cv2.split(diff)
        diff = cv2.max(cv2.max(c[0], c[1]), c[2]) if len(c) == 3 else diff.max(axis=2)
    return diff > threshold


def detect_changes(a: np.ndarray, b: np.ndarray, opts: ChangeOptions = ChangeOptions()) -> Change:
    """Changed regions of `b` relative to `a` (two RGB arrays of one size)."""
    mask = difference_mask(a, b, opts.pixel_threshold)
    ignored: list[Box] = []
    if mask.any() and (opts.min_pixels > 1 or opts.ignore_caret or opts.ignore_pointer):
        # only around what changed (a typed word in a 1080p frame): the same components, a fraction of the work
        x, y, w, h = cv2.boundingRect(mask.view(np.uint8))
        win = Box(x, y, x + w, y + h).pad(24).clip(mask.shape[1], mask.shape[0])  # the dilation and `_nudged`'s reach
        rows, cols = slice(win.y0, win.y1), slice(win.x0, win.x1)
        mask[rows, cols], ignored = _drop_noise(a[rows, cols], b[rows, cols], mask[rows, cols], opts)
        ignored = [box.shift(win.x0, win.y0) for box in ignored]
    return mask_change(mask, opts.tile, ignored)


def mask_change(mask: np.ndarray, tile: int = 32, ignored: list[Box] | None = None) -> Change:
    """The regions of a mask of changed pixels, grouped on a `tile`-px grid."""
    ignored = ignored or []
    if not mask.any():
        return Change([], 1.0, mask, ignored)
    tiles = _tile_grid(mask, tile)
    boxes = _regions(mask, tiles, tile) if tiles.any() else []
    similarity = 1.0 - float(tiles.sum()) / tiles.size
    return Change(boxes, round(similarity, 4), mask, ignored)


MAX_SPRITES = 24  # small changes looked at as a possibly moved pointer


def _drop_noise(a: np.ndarray, b: np.ndarray, mask: np.ndarray, opts: ChangeOptions) -> tuple[np.ndarray, list[Box]]:
    # Join antialiasing fragments of one glyph before judging component sizes.
    joined = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    if n <= 1:
        return mask, []
    drop = np.zeros(n, bool)
    ignored: list[Box] = []
    small: list[int] = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        count = int(np.count_nonzero(mask[y : y + bh, x : x + bw] & (labels[y : y + bh, x : x + bw] == i)))
        # the dilation adds one pixel on each side
        tw, th = bw - 2, bh - 2
        if count < opts.min_pixels:
            drop[i] = True
        elif opts.ignore_caret and tw <= 3 and 8 <= th <= 48:
            drop[i] = True
            ignored.append(Box(int(x) + 1, int(y) + 1, int(x) + 1 + int(tw), int(y) + 1 + int(th)))
        elif opts.ignore_pointer and bw <= 40 and bh <= 40:
            small.append(i)
    if opts.ignore_pointer and small and len(small) > MAX_SPRITES:
        small = []  # many small changes are text being written or scrolled, not a pointer (and pairing is quadratic)
    if opts.ignore_pointer and small:
        paired = _moved_sprites(a, b, mask, labels, stats, small) if len(small) >= 2 else []
        for i, j in paired:
            drop[i] = drop[j] = True
            for k in (i, j):
                x, y, bw, bh, _ = stats[k]
                ignored.append(Box(int(x), int(y), int(x + bw), int(y + bh)))
        done = {k for pair in paired for k in pair}
        for k in small:
            x, y, bw, bh, _ = stats[k]
            box = Box(int(x), int(y), int(x + bw), int(y + bh))
            if k not in done and _nudged(a, b, box):
                drop[k] = True
                ignored.append(box)
    if drop.any():
        mask = mask & ~drop[labels]
    return mask, ignored


def _moved_sprites(
    a: np.ndarray, b: np.ndarray, mask: np.ndarray, labels: np.ndarray, stats: np.ndarray, small: list[int]
) -> list[tuple[int, int]]:
    """Pairs of small changes where the shape that left one place (in `a`) arrived at the other (in `b`).

    Compared on the changed pixels only, so a pointer moving over text still matches itself."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()

    def shape(k: int) -> tuple[np.ndarray, tuple[int, int]]:
        x, y, w, h, _ = stats[k]
        m = mask[y : y + h, x : x + w] & (labels[y : y + h, x : x + w] == k)
        ys, xs = np.nonzero(m)
        return m[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1], (int(x + xs.min()), int(y + ys.min()))

    shapes = {k: shape(k) for k in small}
    for i in small:
        if i in used:
            continue
        mi, (xi, yi) = shapes[i]
        for j in small:
            if j == i or j in used:
                continue
            mj, (xj, yj) = shapes[j]
            if abs(mi.shape[0] - mj.shape[0]) > 2 or abs(mi.shape[1] - mj.shape[1]) > 2:
                continue
            hh, ww = min(mi.shape[0], mj.shape[0]), min(mi.shape[1], mj.shape[1])
            both = mi[:hh, :ww] & mj[:hh, :ww]
            either = mi[:hh, :ww] | mj[:hh, :ww]
            if either.sum() == 0 or both.sum() / either.sum() < 0.6:
                continue
            for src, dst in (((xi, yi), (xj, yj)), ((xj, yj), (xi, yi))):
                # the sprite is in `a` where it left and in `b` where it arrived
                pa = a[src[1] : src[1] + hh, src[0] : src[0] + ww][both].astype(np.int16)
                pb = b[dst[1] : dst[1] + hh, dst[0] : dst[0] + ww][both].astype(np.int16)
                if pa.shape == pb.shape and pa.size and float(np.abs(pa - pb).mean()) < 30:
                    pairs.append((i, j))
                    used.update((i, j))
                    break
            if i in used:
                break
    return pairs


def _nudged(a: np.ndarray, b: np.ndarray, box: Box, reach: int = 16, tol: float = 10.0) -> bool:
    """A small sprite moved by a few pixels, its old and new places overlapping (one change).

    True when `b` around the box is `a` shifted by some d, and `a` is `b` shifted back: a glyph
    typed next to an identical one fails the second test."""
    h, w = a.shape[:2]
    win = box.pad(reach).clip(w, h)
    ga = cv2.cvtColor(np.ascontiguousarray(a[win.y0 : win.y1, win.x0 : win.x1]), cv2.COLOR_RGB2GRAY).astype(np.int16)
    gb = cv2.cvtColor(np.ascontiguousarray(b[win.y0 : win.y1, win.x0 : win.x1]), cv2.COLOR_RGB2GRAY).astype(np.int16)
    x0, y0, x1, y1 = box.x0 - win.x0, box.y0 - win.y0, box.x1 - win.x0, box.y1 - win.y0
    ra, rb = ga[y0:y1, x0:x1], gb[y0:y1, x0:x1]
    if float(np.abs(ra - rb).mean()) < tol:
        return False
    # every shift at once: where in `a` does b's patch come from?
    rms = np.sqrt(cv2.matchTemplate(ga.astype(np.float32), rb.astype(np.float32), cv2.TM_SQDIFF) / rb.size)
    for py, px in np.argwhere(rms < tol * 1.5)[np.argsort(rms[rms < tol * 1.5])][:6]:
        dx, dy = x0 - int(px), y0 - int(py)  # b[R] ≈ a[R - d]
        if abs(dx) + abs(dy) < 2:
            continue
        ys, xs = y0 + dy, x0 + dx
        if ys < 0 or xs < 0 or ys + ra.shape[0] > gb.shape[0] or xs + ra.shape[1] > gb.shape[1]:
            continue
        if float(np.abs(ra - gb[ys : ys + ra.shape[0], xs : xs + ra.shape[1]]).mean()) < tol:
            return True
    return False


def _tile_grid(mask: np.ndarray, tile: int) -> np.ndarray:
    h, w = mask.shape
    rows = np.logical_or.reduceat(mask, np.arange(0, h, tile), axis=0)
    return np.logical_or.reduceat(rows, np.arange(0, w, tile), axis=1)


def _regions(mask: np.ndarray, tiles: np.ndarray, tile: int) -> list[Box]:
    """Touching changed tiles form one region; its box is tight around the changed pixels."""
    n, labels = cv2.connectedComponents(tiles.astype(np.uint8), connectivity=8)
    h, w = mask.shape
    boxes: list[Box] = []
    for i in range(1, n):
        ys, xs = np.nonzero(labels == i)
        x0, y0 = int(xs.min()) * tile, int(ys.min()) * tile
        x1, y1 = min(w, (int(xs.max()) + 1) * tile), min(h, (int(ys.max()) + 1) * tile)
        sub = mask[y0:y1, x0:x1]
        rows, cols = np.flatnonzero(sub.any(axis=1)), np.flatnonzero(sub.any(axis=0))
        boxes.append(Box(x0 + int(cols[0]), y0 + int(rows[0]), x0 + int(cols[-1]) + 1, y0 + int(rows[-1]) + 1))
    boxes.sort(key=lambda b: (b.y0, b.x0))
    return boxes


def find_scroll(a: np.ndarray, b: np.ndarray, region: Box, max_error: float = 6.0) -> int | None:
    """Vertical shift `dy` such that b[y] ≈ a[y - dy] inside `region` (content scrolled), or None.

    Rows are compared by coarse profiles (grey means of 8-px column blocks), which video noise does not
    disturb; the few best shifts are then checked at full resolution, and the winner must fit clearly
    better than no shift at all. When that finds nothing, it is tried again on the moving pixels only
    (those that differ at no shift), so a dialog or toast standing still over scrolling text does not
    hide the scroll.
    """
    x0, y0, x1, y1 = region.x0, region.y0, region.x1, region.y1
    h, w = y1 - y0, x1 - x0
    if h < 48 or w < 32:
        return None
    cols = max(1, min(w // 8, 96))  # coarse column blocks: enough to tell rows apart, a bounded matmul
    pa = cv2.resize(
        cv2.cvtColor(np.ascontiguousarray(a[y0:y1, x0:x1]), cv2.COLOR_RGB2GRAY), (cols, h), interpolation=cv2.INTER_AREA
    ).astype(np.float32)
    pb = cv2.resize(
        cv2.cvtColor(np.ascontiguousarray(b[y0:y1, x0:x1]), cv2.COLOR_RGB2GRAY), (cols, h), interpolation=cv2.INTER_AREA
    ).astype(np.float32)
    if float(pa.std()) < 1.0:
        return None
    ga = cv2.cvtColor(np.ascontiguousarray(a[y0:y1, x0:x1]), cv2.COLOR_RGB2GRAY).astype(np.int16)
    gb = cv2.cvtColor(np.ascontiguousarray(b[y0:y1, x0:x1]), cv2.COLOR_RGB2GRAY).astype(np.int16)
    dy = _best_shift(pa, pb, ga, gb, max_error, None, None)
    if dy is None:
        moving = np.abs(pa - pb) > 2.0  # profile cells that differ unshifted; the rest stands still
        if moving.mean() > 0.05:
            dy = _best_shift(pa, pb, ga, gb, max_error, moving.astype(np.float32), np.abs(ga - gb) > 8)
    return dy


def _best_shift(
    pa: np.ndarray,
    pb: np.ndarray,
    ga: np.ndarray,
    gb: np.ndarray,
    max_error: float,
    cells: np.ndarray | None,
    pixels: np.ndarray | None,
) -> int | None:
    """The scroll that fits best (see find_scroll), comparing only the `cells`/`pixels` marked moving when given."""
    h, cols = pa.shape
    if cells is None:
        # squared row distances for every (row of a, row of b) pair, then the mean along each diagonal
        d2 = (pa * pa).sum(1)[:, None] + (pb * pb).sum(1)[None, :] - 2.0 * pa @ pb.T
        d2 = np.maximum(d2, 0.0) / cols
        busy_a, busy_b = pa.std(axis=1) > 2.0, pb.std(axis=1) > 2.0
        weight = (busy_a[:, None] | busy_b[None, :]).astype(np.float32)
    else:  # the same over the cells moving in both rows of a pair
        ma, mb = cells * pa, cells * pb
        n = cells @ cells.T
        d2 = (ma * pa) @ cells.T + cells @ (mb * pb).T - 2.0 * ma @ mb.T
        d2 = np.maximum(d2, 0.0) / np.maximum(n, 1.0)
        weight = (n >= max(2.0, cols / 8)).astype(np.float32)
    # sums along every diagonal at once: pairs (ya, ya + dy) mean b's row ya + dy shows a's row ya
    off = _offsets(h)
    n_dy = np.bincount(off, weights=weight.ravel(), minlength=2 * h - 1)
    e_dy = np.bincount(off, weights=(d2 * weight).ravel(), minlength=2 * h - 1)
    reach = int(h * 0.75)
    dys = np.arange(-reach, reach + 1)
    n_sel, e_sel = n_dy[dys + h - 1], e_dy[dys + h - 1]
    ok = (dys != 0) & (n_sel >= 12)
    if not ok.any():
        return None
    errs = sorted(zip(np.sqrt(e_sel[ok] / n_sel[ok]).tolist(), dys[ok].tolist()))

    # profiles shortlist; full-resolution grey decides (lines of similar text fool coarse profiles)
    def full(dy: int) -> float:
        rows_a, rows_b = (slice(0, h - dy), slice(dy, h)) if dy >= 0 else (slice(-dy, h), slice(0, h + dy))
        diff = np.abs(ga[rows_a][::2] - gb[rows_b][::2])
        if pixels is None:
            return float(diff.mean())
        keep = pixels[rows_a][::2] & pixels[rows_b][::2]
        return float(diff[keep].mean()) if keep.sum() >= 64 else float("inf")

    zero = full(0)
    shortlist = [dy for err, dy in errs[:4] if err <= max_error * 3]
    if not shortlist:
        return None
    best_err, best = min((full(dy), dy) for dy in shortlist)
    if best_err > max_error or best_err > zero * 0.5:
        return None
    return best


@lru_cache(maxsize=2)
def _offsets(h: int) -> np.ndarray:
    """For an h×h matrix flattened, each element's diagonal (column − row), shifted to start at 0."""
    i = np.arange(h)
    return (i[None, :] - i[:, None] + h - 1).ravel()


def shift_rows(a: np.ndarray, region: Box, dy: int) -> np.ndarray:
    """A copy of `a` with the rows inside `region` moved by `dy` (rows with no source keep `a`)."""
    out = a.copy()
    x0, y0, x1, y1 = region.x0, region.y0, region.x1, region.y1
    if dy > 0:
        out[y0 + dy : y1, x0:x1] = a[y0 : y1 - dy, x0:x1]
    elif dy < 0:
        out[y0 : y1 + dy, x0:x1] = a[y0 - dy : y1, x0:x1]
    return out
