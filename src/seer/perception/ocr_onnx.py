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
from .ocr import TextLine
from .ocr_recognize import Charset, Recognizer, session
from .ocr_tesseract import PAD, with_margin

DET_THRESH = 0.3  # probability that a pixel is text
BOX_THRESH = 0.5  # mean probability a detected box needs
UNCLIP = 1.6  # DB's expansion of the shrunk text kernel back to the text
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
    def detect(self, bgr: np.ndarray) -> list[Box]:
        h, w = bgr.shape[:2]
        boxes: list[Box] = []
        for region in _ink_regions(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)):
            crop = bgr[region.y0 : region.y1, region.x0 : region.x1]
            ch, cw = crop.shape[:2]
            crop = cv2.copyMakeBorder(crop, 0, -ch % 32, 0, -cw % 32, cv2.BORDER_REPLICATE)
            x = (crop.transpose(2, 0, 1)[None] / 127.5 - 1.0).astype(np.float32)
            prob = self._det.run(None, {"x": x})[0][0, 0, :ch, :cw]
            for b in _db_boxes(prob):
                b = b.shift(region.x0, region.y0).clip(w, h)
                # regions' bounding boxes may overlap (an L-shaped one): keep each line once
                if b.width > 0 and b.height > 0 and not any(b.iou(k) > 0.5 for k in boxes):
                    boxes.append(b)
        return boxes

    def read(self, pixels: np.ndarray, detail: str = "accurate") -> list[TextLine]:
        """`accurate` reads tiny text (under 8 px) again at twice the size; `fast` gives the
        recogniser a little more margin above and below each line, so each line costs less."""
        h, w = pixels.shape[:2]
        canvas = with_margin(pixels)  # text touching the edge (a cropped region) is detected too
        with self._lock:
            lines, heights = self._read(canvas, ACCURATE_MARGIN if detail == "accurate" else FAST_MARGIN)
            if detail == "accurate" and heights and float(np.median(heights)) < 8 and max(h, w) <= 4000:
                big = cv2.resize(canvas, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
                lines = [TextLine(l.text, l.box.scale(0.5), l.confidence) for l in self._read(big, ACCURATE_MARGIN)[0]]
        return [TextLine(l.text, l.box.shift(-PAD, -PAD).clip(w, h), l.confidence) for l in lines]

    def _read(self, pixels: np.ndarray, margin: float) -> tuple[list[TextLine], list[int]]:
        bgr = np.ascontiguousarray(pixels[:, :, ::-1])
        gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
        h = bgr.shape[0]
        tight, crops = [], []
        for found in self.detect(bgr):
            for t in _split_wide_gaps(gray, _tighten(gray, found)):
                # Recognise the detector's full height but only a small margin left and right of the
                # ink: the horizontal unclip padding is pure cost (a fifth of all the work).
                m, extra = max(2, t.height // 4), int(found.height * (margin - 1) / 2)
                tight.append(t)
                crops.append(Box(max(found.x0, t.x0 - m), max(0, found.y0 - extra), min(found.x1, t.x1 + m), min(h, found.y1 + extra)))
        texts = self.recognize([bgr[b.y0 : b.y1, b.x0 : b.x1] for b in crops])
        lines = [TextLine(t.strip(), b, c) for b, (t, c) in zip(tight, texts) if t.strip() and c >= 0.5]
        return lines, [l.box.height for l in lines]


def _split_wide_gaps(gray: np.ndarray, box: Box) -> list[Box]:
    """Split a detection that spans separate items (menu entries, table cells) at blank runs wider
    than the text is tall; the gaps between words of one sentence are far narrower."""
    ink = _ink(gray, box)
    if ink is None:
        return [box]
    cols = ink.any(axis=0)
    min_gap = max(8, box.height)
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


def _ink(gray: np.ndarray, box: Box) -> np.ndarray | None:
    """Pixels of the box that differ from its background (the median of its border)."""
    region = gray[box.y0 : box.y1, box.x0 : box.x1].astype(np.int16)
    if region.size == 0:
        return None
    border = np.concatenate([region[0], region[-1], region[:, 0], region[:, -1]])
    diff = np.abs(region - int(np.median(border)))
    return diff > max(24, int(diff.max()) // 3)


def _tighten(gray: np.ndarray, box: Box) -> Box:
    """Shrink a detection box (padded by DB's unclip) to the ink it holds, so boxes hug the text."""
    ink = _ink(gray, box)
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
    regions = [Box(int(x) * cell, int(y) * cell, min(W, int(x + w) * cell), min(H, int(y + h) * cell)) for x, y, w, h, _ in stats[1:n]]
    return regions


def _db_boxes(prob: np.ndarray) -> list[Box]:
    """Axis-aligned text boxes from a DB probability map: threshold, components, score, unclip."""
    mask = (prob > DET_THRESH).astype(np.uint8)
    mask = cv2.dilate(mask, np.ones((2, 2), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=4)
    boxes = []
    for k in range(1, n):
        x, y, w, h, area = stats[k]
        if min(w, h) < 3:
            continue
        region = prob[y : y + h, x : x + w]
        if float(region[labels[y : y + h, x : x + w] == k].mean()) < BOX_THRESH:
            continue
        d = UNCLIP * w * h / (2 * (w + h))
        boxes.append(Box.of((x - d, y - d, x + w + d, y + h + d)))
    return boxes
