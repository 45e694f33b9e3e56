"""OCR of changed regions, cheaply: each distinct region's pixels are read once.

Memory reads every new line of a long recording, so it reads with the `fast` engine of
`seer.perception.ocr` (Tesseract; misreads are absorbed by fuzzy search). Results are cached by the
crop's content hash in the process (by `read_lines`) and, through `cache_get`/`cache_put`, in the
store, so a screen seen again (an app switched back to, a dialog that reappears) is never read twice.
Also here: which boxes to read together and how the pieces an engine returns become lines.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np

from ..perception.geometry import Box
from ..perception.image import from_array
from ..perception.ocr import TextLine, read_lines


def read_region(
    pixels: np.ndarray,
    box: Box,
    cache_get: Callable[[str], str | None] | None = None,
    cache_put: Callable[[str, str], None] | None = None,
    fast: bool = True,
) -> list[TextLine]:
    """Text lines inside `box` of an RGB frame, boxes in frame pixels; cached by the crop's content."""
    b = box.clip(pixels.shape[1], pixels.shape[0])
    if b.width < 4 or b.height < 6:
        return []
    crop = from_array(pixels[b.y0 : b.y1, b.x0 : b.x1])
    detail = "fast" if fast else "accurate"
    key = f"{crop.digest}{detail[0]}"
    cached = cache_get(key) if cache_get else None
    if cached is not None:
        found = [(text, rel, conf) for text, rel, conf in json.loads(cached)]
    else:
        found = [
            (ln.text, ln.box.as_list(), round(ln.confidence, 3))
            for ln in read_lines(crop, detail=detail, on_disk=False)
        ]
        if cache_put:
            cache_put(key, json.dumps(found))
    return [TextLine(text, Box(*rel).shift(b.x0, b.y0), conf) for text, rel, conf in found]


def widen(r: Box, lines: list[Box]) -> Box:
    """A one-line change widened to the text lines on its row (a progress figure three spaces
    after its label is still the label's line)."""
    if r.height > 48:
        return r
    for box in lines:
        overlap = min(r.y1, box.y1) - max(r.y0, box.y0)
        gap = max(box.x0 - r.x1, r.x0 - box.x1)
        if overlap >= 0.5 * min(r.height, box.height) and gap < max(24, 3 * box.height):
            r = Box.union([r, box])
    return r


def join_rows(lines: list[TextLine]) -> list[TextLine]:
    """Pieces of one row a few spaces apart are one line: "Downloading data.tar.gz   25%", a title
    spaced out, a label and its value (OCR engines split them at wide gaps). Pieces are taken left
    to right: a figure's box may start a few pixels above its label's."""
    out: list[TextLine] = []
    for ln in sorted(lines, key=lambda ln: (ln.box.x0, ln.box.y0)):
        for i, o in enumerate(out):
            b, c = o.box, ln.box
            overlap = min(b.y1, c.y1) - max(b.y0, c.y0)
            # pieces may overlap by part of a glyph (the accurate engine splits long lines so)
            if overlap >= 0.6 * min(b.height, c.height) and -0.5 * min(b.height, c.height) <= c.x0 - b.x1 <= 3 * max(
                b.height, c.height
            ):
                out[i] = TextLine(f"{o.text} {ln.text}", Box.union([b, c]), min(o.confidence, ln.confidence))
                break
        else:
            out.append(ln)
    return sorted(out, key=lambda ln: (ln.box.y0, ln.box.x0))


def merge_close(boxes: list[Box], gap: int = 24) -> list[Box]:
    """Regions a few pixels apart read as one (one OCR call instead of one per scattered line);
    the same box given twice is read once. Beside one row of text the gap may be three line heights:
    a figure redrawn after its label ("...tar.gz   0%") is read with it, or alone it means nothing."""
    out: list[Box] = []
    for b in sorted(set(boxes), key=lambda b: (b.y0, b.x0)):
        for i, o in enumerate(out):
            across = gap
            if min(b.height, o.height) <= 60 and min(b.y1, o.y1) - max(b.y0, o.y0) >= 0.5 * min(b.height, o.height):
                across = max(gap, 3 * min(b.height, o.height))
            if b.x0 <= o.x1 + across and o.x0 <= b.x1 + across and b.y0 <= o.y1 + gap and o.y0 <= b.y1 + gap:
                out[i] = Box.union([o, b])
                break
        else:
            out.append(b)
    if len(out) < len(set(boxes)):
        return merge_close(out, gap)
    return out


def meaningful(text: str) -> bool:
    """Line numbers, lone glyphs and carets are noise for search."""
    core = "".join(ch for ch in text if ch.isalnum())
    return len(core) >= 3 and not (core.isdigit() and len(core) < 4)


def ink_ends(crop: np.ndarray, background: np.ndarray) -> np.ndarray:
    """For each row of `crop`, the column just right of its last ink (a pixel off `background` by
    over 48 in a channel); 0 for a row without ink."""
    ink = np.abs(crop.astype(np.int16) - background).max(axis=2) > 48
    return np.where(ink.any(axis=1), ink.shape[1] - np.argmax(ink[:, ::-1], axis=1), 0)


def _colour_bins(pixels: np.ndarray) -> np.ndarray:
    q = (pixels >> 4).astype(np.int32)  # 16 levels a channel: antialiasing and codec noise fall in one bin
    return (q[..., 0] * 256 + q[..., 1] * 16 + q[..., 2]).ravel()


def panel_share(crop: np.ndarray, frame: np.ndarray) -> float:
    """The share of `crop` in its commonest colour other than the screen's background (the
    commonest colour of `frame`): a filled panel, button or banner is a large share, text on the
    page a small one (glyph strokes are thin)."""
    background = np.bincount(_colour_bins(frame[::8, ::8]), minlength=4096).argmax()
    counts = np.bincount(_colour_bins(crop), minlength=4096)
    counts[background] = 0
    return float(counts.max()) / max(1, crop.shape[0] * crop.shape[1])
