"""A document's embedded pictures, decoded safely into PNG bytes within per-document limits.

One `Pictures` per document read: each distinct picture is decoded once (a picture drawn N times is
kept once), only raster formats on an allow-list are opened (never EPS/PS, ICO or anything else Pillow
could hand to an outside program), dimensions are checked from the header before any pixel is decoded,
progressive JPEGs with absurd scan counts are refused, and the document's pictures together stay under a
pixel and a byte budget. Every picture left out is named in the document's warnings.
"""

from __future__ import annotations

import hashlib
import io
import warnings as _warnings
from dataclasses import dataclass, field

from PIL import Image as PILImage

from ...perception.encode import encode_png
from ...perception.image import FORMATS as ALLOWED_FORMATS  # raster only: never EPS/PS, ICO, or a vector format
from ...perception.image import MAX_JPEG_SCANS, jpeg_scans, rgb_on_white

MAX_FIGURE_PIXELS = 12_000_000


@dataclass(frozen=True)
class PictureLimits:
    """Per-document limits on embedded pictures (defaults listed in docs/security.md)."""

    max_pixels_each: int = MAX_FIGURE_PIXELS
    max_total_pixels: int = 100_000_000
    max_total_bytes: int = 96 * 1024 * 1024
    max_jpeg_scans: int = MAX_JPEG_SCANS


@dataclass
class Pictures:
    """Decodes the pictures of one document; `png()` returns (png_bytes, width, height) or None."""

    warnings: list[str]
    limits: PictureLimits = field(default_factory=PictureLimits)
    total_pixels: int = 0
    total_bytes: int = 0
    repeats: int = 0
    _seen: set[bytes] = field(default_factory=set)
    _budget_warned: bool = False

    def png(self, blob: bytes, name: str = "picture") -> tuple[bytes, int, int] | None:
        if not self._first(hashlib.blake2b(blob, digest_size=16).digest()):
            return None
        return self._decode(blob, name)

    def seen(self, key: object) -> bool:
        """True when `key` (e.g. a PDF image object id) was seen before; marks it seen."""
        return not self._first(hashlib.blake2b(repr(key).encode(), digest_size=16).digest())

    def _first(self, key: bytes) -> bool:
        if key in self._seen:
            self.repeats += 1
            return False
        self._seen.add(key)
        return True

    def room(self, width: int, height: int, name: str) -> bool:
        """Whether a width×height picture still fits the document's pixel budget (warns once if not)."""
        if (
            self.total_pixels + width * height <= self.limits.max_total_pixels
            and self.total_bytes <= self.limits.max_total_bytes
        ):
            return True
        if not self._budget_warned:
            self._budget_warned = True
            self.warnings.append(
                f"{name} and later pictures were left out: the document's pictures passed the per-document budget "
                f"of {self.limits.max_total_pixels // 1_000_000} MP / {self.limits.max_total_bytes // (1024 * 1024)} MB"
            )
        return False

    def add(self, width: int, height: int, nbytes: int) -> None:
        self.total_pixels += width * height
        self.total_bytes += nbytes

    def finish(self) -> None:
        """Add the one summary warning for pictures drawn more than once."""
        if self.repeats:
            self.warnings.append(f"{self.repeats} repeated drawing(s) of an already-read picture were kept once")

    def _decode(self, blob: bytes, name: str) -> tuple[bytes, int, int] | None:
        scans = jpeg_scans(blob)
        if scans > self.limits.max_jpeg_scans:
            self.warnings.append(
                f"{name} was left out: a JPEG with {scans} scans (over {self.limits.max_jpeg_scans}) is too costly to decode"
            )
            return None
        try:
            with _warnings.catch_warnings():
                _warnings.simplefilter("ignore")
                img = PILImage.open(io.BytesIO(blob), formats=ALLOWED_FORMATS)
        except Exception:  # vector formats (EMF, WMF, SVG), EPS and anything off the allow-list
            self.warnings.append(f"{name} was left out: not a raster picture seer opens ({_kind(blob)})")
            return None
        w, h = img.size
        if w <= 0 or h <= 0 or w * h > self.limits.max_pixels_each:
            self.warnings.append(
                f"{name} was left out: {w}×{h} is over the {self.limits.max_pixels_each // 1_000_000} MP limit for one picture"
            )
            return None
        if any((t[1][2] - t[1][0]) * (t[1][3] - t[1][1]) > w * h for t in getattr(img, "tile", None) or []):
            self.warnings.append(f"{name} was left out: its data declares tiles larger than the picture (damaged)")
            return None
        if not self.room(w, h, name):
            return None
        try:
            img.load()
            out = _as_png(img, blob)
        except Exception as exc:  # truncated or corrupt data
            self.warnings.append(f"{name} was left out: it could not be decoded ({type(exc).__name__})")
            return None
        self.add(w, h, len(out))
        return out, w, h


def _as_png(img: PILImage.Image, blob: bytes) -> bytes:
    if img.format == "PNG" and img.mode == "RGB":
        return blob
    return encode_png(rgb_on_white(img))


def _kind(blob: bytes) -> str:
    head = blob[:8]
    for magic, kind in (
        (b"%!PS", "PostScript/EPS"),
        (b"\xc5\xd0\xd3\xc6", "EPS"),
        (b"\x00\x00\x01\x00", "ICO"),
        (b"\x01\x00\x00\x00", "EMF"),
        (b"\xd7\xcd\xc6\x9a", "WMF"),
        (b"<svg", "SVG"),
        (b"<?xml", "SVG/XML"),
    ):
        if head.startswith(magic):
            return kind
    return "unknown format"
