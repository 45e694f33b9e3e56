"""seer's default OCR engine: PP-OCR text detection (DB) and recognition (CTC) run directly on
ONNX Runtime, with the models that ship inside the `rapidocr` wheel (no download, no network).

Tuned for screens: detection runs only where there is text-like ink, boxes stay axis-aligned, recognition
batches crops of similar width, and identical crops (repeated labels, unchanged regions of the
next frame) are recognised once per process.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import numpy as np

from ..errors import SeerError
from .geometry import Box
from .ocr_base import TextLine
from .ocr_recognize import LATIN, Charset, Recognizer, session
from .ocr_tesseract import PAD, with_margin

DET_THRESH = 0.3  # probability that a pixel is text
BOX_THRESH = 0.5  # mean probability a detected box needs
UNCLIP = 1.6  # DB's expansion of the shrunk text kernel back to the text
SMALL_PX = 9  # short lines whose ink is at most this tall are read again at twice the size
SMALL_THRESH = 0.7  # peak probability a component too thin to box needs to be looked at again, larger
# Recognition crops are the detector's line height times this: a taller crop scales the text down,
# so the recogniser's input is narrower (its cost is proportional to width). 1.2 cut the work by a
# sixth with the same CER on screens but misread short chart tick labels ("Jan" as "lan"), so the
# default keeps the detector's height; the no-Tesseract `fast` fallback trades that accuracy for speed.
ACCURATE_MARGIN = 1.0
FAST_MARGIN = 1.4


DET_MODEL = Path(__file__).parent / "models" / "ch_PP-OCRv4_det_infer.onnx"


class OnnxOcr:
    name = "seer-onnx (PP-OCRv4 det + PP-OCRv6 rec)"

    def __init__(self, threads: int = 0, charset: Charset = "auto") -> None:
        workers = threads or os.cpu_count() or 1
        if not DET_MODEL.is_file():
            raise SeerError(f"OCR model missing: {DET_MODEL}; reinstall seer")
        self._det = session(str(DET_MODEL), workers)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="seer-ocr")
        self.recognize = Recognizer(self._pool, charset)
        self._lock = threading.Lock()  # one image at a time: detection already uses every core

    # -- detection -------------------------------------------------------------------------
    def detect(self, bgr: np.ndarray) -> tuple[list[Box], list[Box]]:
        """Line boxes, and the spots where the detector saw text too small to box (see `_db_boxes`)."""
        h, w = bgr.shape[:2]
        boxes: list[Box] = []
        hints: list[Box] = []
        for region in _ink_regions(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)):
            crop = bgr[region.y0 : region.y1, region.x0 : region.x1]
            ch, cw = crop.shape[:2]
            crop = cv2.copyMakeBorder(crop, 0, -ch % 32, 0, -cw % 32, cv2.BORDER_REPLICATE)
            x = (crop.transpose(2, 0, 1)[None] / 127.5 - 1.0).astype(np.float32)
            prob = self._det.run(None, {"x": x})[0][0, 0, :ch, :cw]
            found, small = _db_boxes(prob)
            hints += [b.shift(region.x0, region.y0) for b in small]
            for b in found:
                b = b.shift(region.x0, region.y0).clip(w, h)
                # regions' bounding boxes may overlap (an L-shaped one): keep each line once
                if b.width > 0 and b.height > 0 and not any(b.iou(k) > 0.5 for k in boxes):
                    boxes.append(b)
        return boxes, hints

    def read(self, pixels: np.ndarray, detail: str = "accurate") -> list[TextLine]:
        """`accurate` reads tiny text (under 8 px) again at twice the size, and looks again at twice
        the size where the detector saw text too small to box (avatar initials, badges, single letters);
        `fast` gives the recogniser a little more margin above and below each line, so each line costs less."""
        h, w = pixels.shape[:2]
        canvas = with_margin(pixels)  # text touching the edge (a cropped region) is detected too
        accurate = detail == "accurate"
        with self._lock:
            lines = self._read(canvas, ACCURATE_MARGIN if accurate else FAST_MARGIN, small=accurate)
            if accurate and lines and float(np.median([l.box.height for l in lines])) < 8 and max(h, w) <= 4000:
                big = cv2.resize(canvas, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
                lines = [
                    TextLine(l.text, l.box.scale(0.5), l.confidence)
                    for l in self._read(big, ACCURATE_MARGIN, small=False)
                ]
        return [TextLine(l.text, l.box.shift(-PAD, -PAD).clip(w, h), l.confidence) for l in lines]

    def _read(self, pixels: np.ndarray, margin: float, small: bool) -> list[TextLine]:
        bgr = np.ascontiguousarray(pixels[:, :, ::-1])
        gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
        found, hints = self.detect(bgr)
        tight, crops = _line_crops(bgr, found, margin)
        strict: set[int] = set()
        if small:
            # short lines of tiny glyphs (initials, counts, column letters) and spots too small to box
            # are read at twice the size, where the detector and the recogniser both see them
            tiny = [t for t in tight if t.height <= SMALL_PX and t.width <= 3 * t.height]
            glyphs = [b for b in _glyph_spots(bgr, tight) if not _covered(b, found)]
            others = [t for t in tight if t not in tiny]
            more: list[Box] = []
            for window in _windows([b for b in hints if not _covered(b, found)] + glyphs + tiny, bgr.shape):
                big = cv2.resize(
                    bgr[window.y0 : window.y1, window.x0 : window.x1], None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC
                )
                boxes, big_crops = _line_crops(big, self.detect(big)[0], margin)
                seen = [b.scale(0.5).shift(window.x0, window.y0) for b in boxes]
                for box, crop in zip(seen, big_crops):
                    if not any(box.intersection(t) > 0 for t in others) and not _covered(box, more):
                        more.append(box)
                        crops.append(crop)
                # glyphs the detector passed over even at twice the size: read as they are, and
                # kept only when the recogniser is sure (an icon is rarely read with confidence)
                for g in _words([g for g in glyphs if window.intersection(g) == g.area and not _covered(g, seen)]):
                    m = max(2, g.height // 4)
                    strict.add(len(tight) + len(more))
                    more.append(_tighten(gray, g.pad(1).clip(bgr.shape[1], bgr.shape[0])))
                    local = g.pad(m).shift(-window.x0, -window.y0).clip(window.width, window.height).scale(2)
                    crops.append(big[local.y0 : local.y1, local.x0 : local.x1])
            keep = [i for i, t in enumerate(tight) if t not in tiny or not _covered(t, more)]
            strict = {len(keep) + j - len(tight) for j in strict}
            tight, crops = [tight[i] for i in keep] + more, [crops[i] for i in keep] + crops[len(tight) :]
        texts = self.recognize(crops)
        return _in_context(
            [
                TextLine(t.strip(), b, c)
                for i, (b, (t, c)) in enumerate(zip(tight, texts))
                if _plausible(t.strip(), c, b, i in strict)
            ]
        )


def _in_context(lines: list[TextLine]) -> list[TextLine]:
    """Single characters read in the light of their neighbours: a series of them (a sheet's column
    letters, its row numbers) is text, and a 0 among letters is an O (an O among digits a 0); a lone
    one read unsure is an icon's glyph (a close cross read as X, a gear as 0), not text."""
    singles = [l for l in lines if len(l.text) <= 2]
    out = []
    for l in lines:
        if len(l.text) != 1:
            out.append(l)
            continue
        b, h = l.box, max(1, l.box.height)
        kin = [
            o.text
            for o in singles
            if o is not l
            and (
                abs(o.box.center[1] - b.center[1]) <= 0.5 * h
                and abs(o.box.center[0] - b.center[0]) <= 8 * h
                or abs(o.box.center[0] - b.center[0]) <= h
                and abs(o.box.center[1] - b.center[1]) <= 3 * h
            )
        ]
        if not kin and l.confidence < 0.8:
            continue
        swap = {"0": "O", "O": "0"}.get(l.text)
        if swap and kin and all(k.isalpha() if swap == "O" else k.isdigit() for k in kin):
            l = TextLine(swap, l.box, l.confidence)
        out.append(l)
    return out


def _plausible(text: str, conf: float, box: Box, lone: bool) -> bool:
    """Whether a reading is text rather than an icon read as a character: a glyph read without the
    detector must be a letter or digit read with confidence, and a lone symbol needs confidence too;
    one or two characters outside the Latin set (a toolbar icon often reads as 日 or 回) need near
    certainty; nothing under 4 px is legible."""
    if not text or conf < 0.5 or (len(text) == 1 and box.height < 4):
        return False
    if lone or (len(text) == 1 and not text.isalnum()):
        return conf >= 0.9 and (text.isalnum() or not lone)
    return len(text) > 2 or conf >= 0.97 or all(ch in LATIN for ch in text)


def _line_crops(bgr: np.ndarray, found: list[Box], margin: float) -> tuple[list[Box], list[np.ndarray]]:
    """Each detection tightened to its ink and split at wide gaps, with the crop the recogniser reads:
    the detector's full height but only a small margin left and right of the ink (the horizontal
    unclip padding is pure cost, a fifth of all the work)."""
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    h = bgr.shape[0]
    tight, crops = [], []
    for f in found:
        for t in _split_wide_gaps(gray, _tighten(gray, f, frame=True)):
            m, extra = max(2, t.height // 4), int(f.height * (margin - 1) / 2)
            tight.append(t)
            crops.append(bgr[max(0, f.y0 - extra) : min(h, f.y1 + extra), max(f.x0, t.x0 - m) : min(f.x1, t.x1 + m)])
    return tight, crops


def _windows(spots: list[Box], shape: tuple[int, ...]) -> list[Box]:
    """Windows around small spots, with a margin of context for the detector, neighbours merged."""
    h, w = shape[:2]
    windows: list[Box] = []
    for b in sorted((b.pad(12).clip(w, h) for b in spots), key=lambda b: (b.y0, b.x0)):
        near = next((i for i, k in enumerate(windows) if k.intersection(b) > 0), None)
        if near is None:
            windows.append(b)
        else:
            windows[near] = Box.union([windows[near], b])
    return windows


def _glyph_spots(bgr: np.ndarray, lines: list[Box]) -> list[Box]:
    """Outlines of glyph-sized ink (5-13 px tall) away from every line found: initials on an avatar,
    a count on a badge, a lone column letter, which the detector can miss at their own size."""
    g = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY).astype(np.int16)
    edges = np.zeros(g.shape, np.uint8)
    edges[:, 1:] |= np.abs(np.diff(g, axis=1)) > 40
    edges[1:, :] |= np.abs(np.diff(g, axis=0)) > 40
    for b in lines:
        edges[max(0, b.y0 - 2) : b.y1 + 2, max(0, b.x0 - 2) : b.x1 + 2] = 0
    n, _, stats, _ = cv2.connectedComponentsWithStats(edges, connectivity=8)
    x, y, w, h = (stats[1:, i] for i in range(4))
    ok = (h >= 5) & (h <= 13) & (w <= 2 * h)
    return [Box(int(a), int(b), int(a + c), int(b + d)) for a, b, c, d in zip(x[ok], y[ok], w[ok], h[ok])]


def _words(glyphs: list[Box]) -> list[Box]:
    """Glyph boxes joined into words: side by side on one row, less than a glyph's height apart."""
    words: list[Box] = []
    for g in sorted(glyphs, key=lambda b: b.x0):
        i = next(
            (
                i
                for i, w in enumerate(words)
                if g.x0 - w.x1 < g.height and min(g.y1, w.y1) - max(g.y0, w.y0) > g.height // 2
            ),
            None,
        )
        if i is None:
            words.append(g)
        else:
            words[i] = Box.union([words[i], g])
    return words


def _covered(box: Box, found: list[Box]) -> bool:
    return any(box.intersection(k) >= 0.3 * max(1, box.area) for k in found)


def _split_wide_gaps(gray: np.ndarray, box: Box) -> list[Box]:
    """Split a detection that spans separate items (menu entries, table cells) at blank runs wider
    than the text is tall and than 2.2 glyphs; the gaps between words of one sentence are far
    narrower, and a monospace space (a terminal's, one glyph cell) stays inside the line."""
    ink = _ink(gray, box)
    if ink is None:
        return [box]
    cols = ink.any(axis=0)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], cols.astype(np.int8), [0]])))
    glyph = float(np.median(edges[1::2] - edges[::2])) if len(edges) else 0.0
    min_gap = max(8, box.height, 2.2 * glyph)
    pieces, start, blank = [], None, 0
    for x, on in enumerate(cols):
        if on:
            if start is None:
                start = x
            elif blank >= min_gap:
                pieces.append((start, x - blank))
                start = x
            blank = 0
        elif start is not None:
            blank += 1
    if start is None:
        return [box]
    pieces.append((start, len(cols) - blank))
    if len(pieces) == 1:
        return [box]
    return [_tighten(gray, Box(box.x0 + a, box.y0, box.x0 + b, box.y1)) for a, b in pieces]


def _ink(gray: np.ndarray, box: Box, frame: bool = False) -> np.ndarray | None:
    """Pixels of the box that differ from the background behind the text (the commonest shade of its
    middle rows). With `frame`, for a detection box (whose unclip margin keeps glyphs clear of its
    edge), ink touching the edge is dropped: a chip's outline, a badge's rim, a neighbour's edge."""
    region = gray[box.y0 : box.y1, box.x0 : box.x1].astype(np.int16)
    if region.size == 0:
        return None
    h = region.shape[0]
    band = region[h // 4 : h - h // 4] if h >= 4 else region
    diff = np.abs(region - (int(np.bincount((band // 8).ravel()).argmax()) * 8 + 4))
    ink = diff > 24
    if frame and ink.any():
        # solid bands at the box's sides first (a neighbouring fill, a pie slice, a thick border):
        # cut them off so a glyph that touches one stays a component of its own
        ink = _strip_edge_bands(ink)
        # frame: ink that lies mostly in the box's outer fifth and runs along the edge it touches,
        # touches two edges (an outline, a rim's corner), is a sliver at the top or bottom, or is a
        # short mark at a side (an axis tick); a glyph cut by the edge reaches inward, and a lone "I"
        # at the side spans the text's height
        n, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
        x, y, w, hh, area = (stats[1:, i] for i in range(5))
        W = region.shape[1]
        sides = np.stack([x == 0, x + w == W, y == 0, y + hh == h])
        along = ((sides[0] | sides[1]) & (hh >= 0.8 * h)) | ((sides[2] | sides[3]) & (w >= 0.8 * W))
        rim = np.ones(region.shape, bool)
        m = max(2, min(region.shape) // 5)
        rim[m:-m, m:-m] = False
        outer = np.bincount(labels[rim], minlength=n)[1:] / np.maximum(1, area)
        sliver = (sides[2] | sides[3]) & (hh <= m)  # the tops or tails of the next row's glyphs
        tick = (sides[0] | sides[1]) & (hh <= 0.3 * h) & (w <= 0.15 * W)  # a short mark at a side
        kept = ~((outer >= 0.7) & ((sides.sum(axis=0) >= 2) | along | sliver | tick))
        if kept.any() and not kept.all():
            ink = np.isin(labels, 1 + np.flatnonzero(kept))
    return ink & (diff > int(diff[ink].max()) // 3) if ink.any() else ink


def _strip_edge_bands(ink: np.ndarray, solid: float = 0.8) -> np.ndarray:
    """`ink` without the columns (rows) at its left and right (top and bottom) edges that are nearly
    all ink, contiguous from the edge: a fill or border, never a glyph, which leaves gaps."""
    out = ink.copy()
    for axis, size in ((0, ink.shape[1]),):  # columns only: rows at the top or bottom are slivers' business
        share = ink.mean(axis=axis)
        for order in (range(size), range(size - 1, -1, -1)):
            band = []
            for i in order:
                if share[i] < solid:
                    break
                band.append(i)
            if band and len(band) <= size // 4 and len(band) < size:  # a band at the side, not the line
                if axis == 0:
                    out[:, band] = False
                else:
                    out[band, :] = False
    return out if out.any() else ink


def _tighten(gray: np.ndarray, box: Box, frame: bool = False) -> Box:
    """Shrink a box to the ink it holds, so boxes hug the text (`frame`: see `_ink`)."""
    ink = _ink(gray, box, frame)
    if ink is None or not ink.any():
        return box
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return Box(box.x0 + int(cols[0]), box.y0 + int(rows[0]), box.x0 + int(cols[-1]) + 1, box.y0 + int(rows[-1]) + 1)


def _ink_regions(gray: np.ndarray, cell: int = 16) -> list[Box]:
    """Parts of the image that hold text-like ink, so detection never runs on blank space.

    Edges between neighbouring pixels mark ink; long straight edges (panel borders, separators,
    table rules) are dropped so they do not join everything into one region; what is left is pooled
    into 16-px cells, grown by one cell, and each connected group of cells becomes a region.
    """
    g = gray.astype(np.int16)
    edges = np.zeros(g.shape, np.uint8)
    edges[:, 1:] |= np.abs(np.diff(g, axis=1)) > 24
    edges[1:, :] |= np.abs(np.diff(g, axis=0)) > 24
    lines = cv2.morphologyEx(edges, cv2.MORPH_OPEN, np.ones((48, 1), np.uint8))
    lines |= cv2.morphologyEx(edges, cv2.MORPH_OPEN, np.ones((1, 96), np.uint8))
    edges &= 1 - lines
    H, W = g.shape
    ph, pw = -(-H // cell) * cell, -(-W // cell) * cell
    padded = np.zeros((ph, pw), np.uint8)
    padded[:H, :W] = edges
    cells = padded.reshape(ph // cell, cell, pw // cell, cell).max(axis=(1, 3))
    cells = cv2.dilate(cells, np.ones((3, 3), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(cells, connectivity=8)
    regions = [
        Box(int(x) * cell, int(y) * cell, min(W, int(x + w) * cell), min(H, int(y + h) * cell))
        for x, y, w, h, _ in stats[1:n]
    ]
    return regions


def _db_boxes(prob: np.ndarray) -> tuple[list[Box], list[Box]]:
    """Axis-aligned text boxes from a DB probability map (threshold, components, score, unclip), and
    the confident components too thin to box: text under about 8 px, read again at twice the size."""
    mask = (prob > DET_THRESH).astype(np.uint8)
    mask = cv2.dilate(mask, np.ones((2, 2), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=4)
    boxes, small = [], []
    for k in range(1, n):
        x, y, w, h, area = stats[k]
        region = prob[y : y + h, x : x + w]
        score = region[labels[y : y + h, x : x + w] == k]
        if min(w, h) < 3:
            if score.max() >= SMALL_THRESH:
                small.append(Box(int(x), int(y), int(x + w), int(y + h)))
            continue
        if float(score.mean()) < BOX_THRESH:
            continue
        d = UNCLIP * w * h / (2 * (w + h))
        boxes.append(Box.of((x - d, y - d, x + w + d, y + h + d)))
    return boxes, small
