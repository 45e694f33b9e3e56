"""OCR of changed regions, cheaply: each distinct region's pixels are read once.

Memory reads every new line of a long recording, so it reads with the `fast` engine of
`seer.perception.ocr` (Tesseract; misreads are absorbed by fuzzy search). Results are cached by the
crop's content hash in the process (by `read_lines`) and, through `cache_get`/`cache_put`, in the
store, so a screen seen again (an app switched back to, a dialog that reappears) is never read twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np

from ..perception.geometry import Box
from ..perception.image import from_array
from ..perception.ocr import TextLine, read_lines


def read_region(pixels: np.ndarray, box: Box, cache_get: Callable[[str], str | None] | None = None,
                cache_put: Callable[[str, str], None] | None = None, fast: bool = True) -> list[TextLine]:
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
        found = [(ln.text, ln.box.as_list(), round(ln.confidence, 3)) for ln in read_lines(crop, detail=detail)]
        if cache_put:
            cache_put(key, json.dumps(found))
    return [TextLine(text, Box(*rel).shift(b.x0, b.y0), conf) for text, rel, conf in found]
