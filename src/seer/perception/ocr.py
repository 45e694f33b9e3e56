"""OCR: one protocol, one default engine, results cached by image content hash (in memory, and on
disk between processes: `ocr_disk`).

    read_lines(image, region=None, detail="accurate") -> list[TextLine]

Boxes are integer pixels of the *original* image even when a region is read.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from functools import cache
from pathlib import Path

from ..config import Settings
from .geometry import Box
from .image import Image
from .ocr_base import Detail, OcrEngine, TextLine
from .ocr_disk import DiskCache
from .ocr_disk import key as disk_key

__all__ = ["Detail", "OcrEngine", "TextLine", "configure", "engine", "read_lines"]

_engines: dict[str, OcrEngine] = {}
_engine_lock = threading.Lock()
_cache: OrderedDict[tuple, list[TextLine]] = OrderedDict()
_cache_lock = threading.Lock()
_settings = Settings()  # built-in until a call's Context applies its own (`configure`)


def configure(settings: Settings) -> None:
    """Apply a call's OCR settings; `Context` does as it is made. The cache size holds from the next
    read; threads and charset from the next engine loaded (an engine is loaded once per process)."""
    global _settings
    _settings = settings


def engine(detail: Detail = "accurate") -> OcrEngine:
    """The process-wide engine for a detail level, loaded once on first use: `accurate` is the ONNX
    engine; `fast` is Tesseract when its PyPI wheels are installed, else the ONNX engine's fast mode."""
    with _engine_lock:
        if detail not in _engines:
            from .ocr_tesseract import TesseractOcr, tessdata

            if detail == "fast" and tessdata() is not None:
                _engines[detail] = TesseractOcr()
            else:
                from .ocr_onnx import OnnxOcr

                onnx = next((e for e in _engines.values() if isinstance(e, OnnxOcr)), None)
                _engines[detail] = onnx or OnnxOcr(threads=_settings.ocr_threads, charset=_settings.ocr_charset)
        return _engines[detail]


def _engine_id(detail: Detail) -> str:
    """What `engine(detail)` is and reads with, known without loading it."""
    from .ocr_tesseract import tessdata

    if detail == "fast" and tessdata() is not None:
        return "tesseract"
    return f"onnx/{_settings.ocr_charset}"


@cache
def _disk(where: str) -> DiskCache:
    return DiskCache(Path(where).expanduser())


def disk_cache() -> DiskCache | None:
    """The on-disk results cache the settings name (`ocr_cache_dir`; "" turns it off)."""
    where = _settings.ocr_cache_dir
    if where is None:
        where = str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "seer")
    return _disk(str(Path(where) / "ocr.sqlite")) if where else None


def read_lines(
    image: Image, region: Box | None = None, detail: Detail = "accurate", on_disk: bool = True
) -> list[TextLine]:
    """Text lines of the image (or of one region of it), in original-image pixels; cached in memory
    and on disk, so the same pixels are never read twice. `on_disk=False` for callers that keep
    their results themselves (memory's store keeps each changed region's lines with the frame)."""
    area = (region or image.box).clip(image.width, image.height)
    key = (image.digest, area.as_list().__repr__(), detail)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    disk = disk_cache() if on_disk else None
    disk_k = disk_key(image.digest, area, detail, _engine_id(detail)) if disk else ""
    found = disk.get(disk_k) if disk else None
    if found is not None:
        lines = found
    else:
        pixels = image.pixels[area.y0 : area.y1, area.x0 : area.x1]
        lines = [
            TextLine(l.text, l.box.shift(area.x0, area.y0), l.confidence) for l in engine(detail).read(pixels, detail)
        ]
        if disk:
            disk.put(disk_k, lines)
    with _cache_lock:
        _cache[key] = lines
        while len(_cache) > max(1, _settings.cache_size):
            _cache.popitem(last=False)
    return lines
