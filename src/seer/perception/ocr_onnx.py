"""seer's default OCR engine: PP-OCR text detection (DB) and recognition (CTC) run directly on
ONNX Runtime, with the models that ship inside the `rapidocr` wheel (no download, no network).

Tuned for screens: detection runs only where there is text-like ink, boxes stay axis-aligned, recognition
batches crops of similar width, and identical crops (repeated labels, unchanged regions of the
next frame) are recognised once per process.
"""

from __future__ import annotations

import hashlib
import math
import os
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

import cv2
import numpy as np

from ..errors import SeerError
from .geometry import Box
from .ocr import TextLine
from .ocr_tesseract import PAD, with_margin

REC_HEIGHT = 48
DET_THRESH = 0.3  # probability that a pixel is text
BOX_THRESH = 0.5  # mean probability a detected box needs
UNCLIP = 1.6  # DB's expansion of the shrunk text kernel back to the text
BATCH_PIXELS = 48 * 320 * 4  # recognition batch size, in input pixels: small batches keep both cores busy to the end
# Recognition crops are the detector's line height times this: a taller crop scales the text down,
# so the recogniser's input is narrower (its cost is proportional to width). 1.2 cut the work by a
# sixth with the same CER on screens but misread short chart tick labels ("Jan" as "lan"), so the
# default keeps the detector's height; the no-Tesseract `fast` fallback trades that accuracy for speed.
ACCURATE_MARGIN = 1.0
FAST_MARGIN = 1.4


DET_MODEL = Path(__file__).parent / "models" / "ch_PP-OCRv4_det_infer.onnx"
# Characters kept by the "latin" recogniser: ASCII, Latin-1 letters and common UI symbols.
LATIN = "".join(chr(c) for c in range(32, 127)) + "€£¥©®°±×÷•…–—‘’“”·§¶→←↑↓✓✔✕✗★☆♥√∞≤≥≠µ½¼¾²³¹ÀÁÂÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÖØÙÚÛÜßàáâãäåæçèéêëìíîïñòóôõöøùúûüÿ"


def _rec_model(charset: str) -> Path:
    """The recognition model: the full multilingual one, or a copy whose output layer keeps only the
    Latin characters (a quarter less work per line), derived once from the shipped model and cached."""
    full = Path(str(resources.files("rapidocr") / "models" / "PP-OCRv6_rec_small.onnx"))
    if charset == "all":
        return full
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "seer" / "models"
    stat = full.stat()
    target = cache / f"PP-OCRv6_rec_small.latin.{stat.st_size}.{int(stat.st_mtime)}.onnx"
    if target.is_file():
        return target
    try:
        import onnx
        from onnx import numpy_helper

        model = onnx.load(str(full))
        chars = ["", *_metadata_chars(model), " "]
        keep = [i for i, ch in enumerate(chars) if i == 0 or ch in LATIN]
        head = [n for n in model.graph.node if n.op_type == "MatMul"][-1]
        bias = [n for n in model.graph.node if n.op_type == "Add" and n.input[0] == head.output[0]][0]
        for init in model.graph.initializer:
            if init.name == head.input[1]:
                init.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(init)[:, keep].copy(), init.name))
            elif init.name == bias.input[1]:
                init.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(init)[keep].copy(), init.name))
        del model.graph.output[0].type.tensor_type.shape.dim[:]
        entry = next(p for p in model.metadata_props if p.key == "character")
        entry.value = "\n".join(chars[i] for i in keep[1:-1])
        cache.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        onnx.save(model, str(tmp))
        tmp.replace(target)
        return target
    except (OSError, ImportError, StopIteration, IndexError):
        return full  # no writable cache or no onnx: the full model reads the same text, a little slower


def _metadata_chars(model) -> list[str]:
    return next(p.value for p in model.metadata_props if p.key == "character").splitlines()


def _session(path: Path, threads: int):
    import onnxruntime as ort

    if not path.is_file():
        raise SeerError(f"OCR model missing: {path}; reinstall seer (pip install --force-reinstall rapidocr)")
    opts = ort.SessionOptions()
    opts.enable_cpu_mem_arena = True
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.intra_op_num_threads = threads or (os.cpu_count() or 1)
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


class OnnxOcr:
    name = "seer-onnx (PP-OCRv4 det + PP-OCRv6 rec)"

    def __init__(self, threads: int = 0, charset: str = "latin") -> None:
        workers = threads or os.cpu_count() or 1
        self._det = _session(DET_MODEL, workers)
        self._rec = _session(_rec_model(charset), 1)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="seer-ocr")
        meta = self._rec.get_modelmeta().custom_metadata_map
        self._chars = np.array(["", *meta["character"].splitlines(), " "], dtype=object)
        self._lock = threading.Lock()  # one inference at a time: ORT already uses every core
        self._memo: OrderedDict[bytes, tuple[str, float]] = OrderedDict()

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

    # -- recognition -----------------------------------------------------------------------
    def recognize(self, bgr: np.ndarray, boxes: list[Box]) -> list[tuple[str, float]]:
        results: list[tuple[str, float] | None] = [None] * len(boxes)
        todo: list[tuple[int, np.ndarray, bytes]] = []
        for i, b in enumerate(boxes):
            crop = bgr[b.y0 : b.y1, b.x0 : b.x1]
            key = hashlib.blake2b(crop.tobytes(), digest_size=16, person=repr(crop.shape).encode()[:16]).digest()
            if key in self._memo:
                results[i] = self._memo[key]
            else:
                todo.append((i, crop, key))
        todo.sort(key=lambda t: t[1].shape[1] / max(1, t[1].shape[0]))
        batches: list[list[tuple[int, np.ndarray, bytes]]] = []
        for item in todo:
            r = item[1].shape[1] / max(1, item[1].shape[0])
            if batches and (len(batches[-1]) + 1) * REC_HEIGHT * REC_HEIGHT * r <= BATCH_PIXELS:
                batches[-1].append(item)
            else:
                batches.append([item])
        # batches run side by side, one core each: small convolutions parallelise poorly inside one run
        for batch, texts in zip(batches, self._pool.map(self._recognize_batch, batches)):
            for (i, _, key), text in zip(batch, texts):
                results[i] = self._memo[key] = text
        while len(self._memo) > 20000:
            self._memo.popitem(last=False)
        return [r for r in results if r is not None]

    def _recognize_batch(self, batch: list[tuple[int, np.ndarray, bytes]]) -> list[tuple[str, float]]:
        width = max(8, math.ceil(REC_HEIGHT * max(c.shape[1] / max(1, c.shape[0]) for _, c, _ in batch)))
        x = np.zeros((len(batch), 3, REC_HEIGHT, width), np.float32)
        for k, (_, crop, _) in enumerate(batch):
            cw = min(width, max(1, math.ceil(REC_HEIGHT * crop.shape[1] / max(1, crop.shape[0]))))
            x[k, :, :, :cw] = cv2.resize(crop, (cw, REC_HEIGHT), interpolation=cv2.INTER_LINEAR).transpose(2, 0, 1) / 127.5 - 1.0
        return [self._decode(p) for p in self._rec.run(None, {"x": x})[0]]

    def _decode(self, probs: np.ndarray) -> tuple[str, float]:
        idx = probs.argmax(axis=1)
        conf = probs[np.arange(len(idx)), idx]
        keep = idx != 0
        keep[1:] &= idx[1:] != idx[:-1]
        if not keep.any():
            return "", 0.0
        return "".join(self._chars[idx[keep]]), float(conf[keep].mean())

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
        texts = self.recognize(bgr, crops)
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
