"""Image input, done once and done safely.

`load_image` accepts a file path, a `data:` URI, raw base64, bytes, a PIL image or an RGB array,
decodes it once (EXIF orientation applied, alpha flattened on white, first frame of animations),
enforces the byte and pixel limits *before* decoding, and names the pixels by a content hash.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from ..config import Settings
from ..errors import InputError, LimitError, SeerError
from ..lru import LRU
from ..security import check_input_file, check_path, check_pixels, expand, fetch_url
from .geometry import Box

ImageSource = str | Path | bytes | bytearray | PILImage.Image | np.ndarray

FORMATS = ("PNG", "JPEG", "WEBP", "GIF", "BMP", "TIFF")
MAX_JPEG_SCANS = 64  # a progressive JPEG has about 10; each scan is one more pass over every pixel
_B64 = re.compile(r"^[A-Za-z0-9+/=\s_-]+$")
# PIL's own bomb check would raise its own exception type; we check limits ourselves, first.
PILImage.MAX_IMAGE_PIXELS = None


@dataclass(frozen=True, eq=False)
class Image:
    """Decoded RGB pixels (H×W×3 uint8) plus their content hash, the cache key for everything."""

    pixels: np.ndarray
    digest: str
    source: str = "image"
    _pil: list = field(default_factory=list, repr=False)

    @property
    def width(self) -> int:
        return int(self.pixels.shape[1])

    @property
    def height(self) -> int:
        return int(self.pixels.shape[0])

    @property
    def box(self) -> Box:
        return Box(0, 0, self.width, self.height)

    def pil(self) -> PILImage.Image:
        if not self._pil:
            self._pil.append(PILImage.fromarray(self.pixels))
        return self._pil[0]

    def region(self, values: list[int] | None) -> Box | None:
        """A tool's `region` argument, [x0, y0, x1, y1] in this image's pixels, clipped to it; None for
        the whole image; `InputError` when it is not four numbers or misses the image."""
        if values is None:
            return None
        if len(values) != 4:
            raise InputError(f"region must be 4 numbers [x0, y0, x1, y1], got {values}")
        b = Box.of(values).clip(self.width, self.height)
        if b.width <= 0 or b.height <= 0:
            raise InputError(
                f"region {values} is outside the {self.width}×{self.height} image; give [x0, y0, x1, y1] inside it"
            )
        return b

    def crop(self, box: Box) -> Image:
        """A view of a region (clipped to the image); raises if the region is empty."""
        b = box.clip(self.width, self.height)
        if b.width <= 0 or b.height <= 0:
            raise InputError(f"region {box.as_list()} is outside the {self.width}×{self.height} image")
        return from_array(self.pixels[b.y0 : b.y1, b.x0 : b.x1], source=f"{self.source}{b.as_list()}")


def content_digest(pixels: np.ndarray) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(repr(pixels.shape).encode())
    h.update(np.ascontiguousarray(pixels).data)
    return h.hexdigest()


def from_array(pixels: np.ndarray, source: str = "array") -> Image:
    arr = np.ascontiguousarray(pixels)
    if arr.dtype != np.uint8 or arr.ndim != 3 or arr.shape[2] != 3:
        raise InputError(f"expected an H×W×3 uint8 RGB array, got shape {arr.shape} of {arr.dtype}")
    arr.setflags(write=False)
    return Image(arr, content_digest(arr), source)


def load_image(src: ImageSource, settings: Settings) -> Image:
    """Decode any supported input into an `Image` under the call's limits and allowed folders, or
    raise `InputError`/`LimitError` saying why."""
    if isinstance(src, np.ndarray):
        if src.ndim == 2:
            src = np.repeat(src[:, :, None], 3, axis=2)
        _check_pixels(src.shape[1], src.shape[0], settings, "array")
        return from_array(src.astype(np.uint8, copy=False)[:, :, :3])
    if isinstance(src, PILImage.Image):
        _check_pixels(src.width, src.height, settings, "image")
        return _finish(src, "image")
    data, name = _read_bytes(src, settings)
    return decode(data, name, settings)


_decoded: LRU[tuple[bytes, int], Image] = LRU(8)  # the same file twice is decoded once


def decode(data: bytes, name: str, settings: Settings) -> Image:
    """Decode encoded bytes, checking the header's size against the limits before any pixels.
    The last few decoded files are kept by a hash of their bytes, so a repeated call skips decoding."""
    if len(data) > settings.max_bytes:
        raise LimitError(
            f"{name} is {len(data):,} bytes, over the {settings.max_bytes:,}-byte limit; raise max_bytes to allow it"
        )
    if not data:
        raise InputError(f"{name} is empty (0 bytes), not an image")
    key = (hashlib.blake2b(data, digest_size=16).digest(), settings.max_pixels)
    image = _decoded.get(key)
    if image is None:
        image = _decode(data, name, settings)
        _decoded.put(key, image)
    return image


def jpeg_scans(data: bytes) -> int:
    """How many scans (SOS markers) a JPEG holds. Inside entropy-coded data every 0xFF byte is
    followed by 0x00 or a restart marker, so each FF DA is a real start of scan."""
    return data.count(b"\xff\xda") if data[:2] == b"\xff\xd8" else 0


def _decode(data: bytes, name: str, s: Settings) -> Image:
    scans = jpeg_scans(data)
    if scans > MAX_JPEG_SCANS:
        raise LimitError(
            f"{name} is a JPEG with {scans} scans, over the {MAX_JPEG_SCANS}-scan limit (decoding it would take "
            "minutes); re-encode it as a baseline JPEG or PNG"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            img = PILImage.open(io.BytesIO(data), formats=FORMATS)
            _check_pixels(img.width, img.height, s, name)
            if getattr(img, "tile", None):
                # a tile larger than the canvas makes some decoders allocate past the pixel limit
                for tile in img.tile:
                    x0, y0, x1, y1 = tile[1] or (0, 0, 0, 0)
                    if (x1 - x0) * (y1 - y0) > max(img.width * img.height, 1):
                        raise InputError(
                            f"{name} declares a {x1 - x0}×{y1 - y0} tile inside a {img.width}×{img.height} image; it is damaged"
                        )
            img.load()
            return _finish(img, name)
    except SeerError:
        raise
    except UnidentifiedImageError:
        raise InputError(f"{name} is not an image seer can read (supported: PNG, JPEG, WebP, GIF, BMP, TIFF)") from None
    except MemoryError:
        raise LimitError(
            f"{name} needs more memory to decode than is free; lower max_pixels or send a smaller image"
        ) from None
    except Exception as exc:  # decoders raise many types (OSError, SyntaxError, struct.error, ...) on hostile files
        raise InputError(
            f"{name} is corrupt or truncated and cannot be decoded ({type(exc).__name__}: {str(exc)[:200]})"
        ) from None


def _finish(img: PILImage.Image, name: str) -> Image:
    try:
        img = ImageOps.exif_transpose(img) or img
    except Exception:  # a broken EXIF block must not lose the pixels
        pass
    return from_array(np.asarray(rgb_on_white(img)), source=name)


def rgb_on_white(img: PILImage.Image) -> PILImage.Image:
    """The picture in RGB, any transparency flattened onto white (as a page or screen shows it)."""
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        flat = PILImage.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return img if img.mode == "RGB" else img.convert("RGB")


def _check_pixels(width: int, height: int, s: Settings, name: str) -> None:
    if width <= 0 or height <= 0:
        raise InputError(f"{name} has no pixels ({width}×{height})")
    check_pixels(width, height, s, name)


def _read_bytes(src: str | Path | bytes | bytearray, s: Settings) -> tuple[bytes, str]:
    if isinstance(src, (bytes, bytearray)):
        return bytes(src), "image bytes"
    if isinstance(src, Path):
        return _read_file(src, s), str(src)
    text = src.strip()
    if "\x00" in text:
        raise InputError("image input contains a NUL character; pass a file path, data: URI or base64")
    if text.startswith("data:"):
        return _decode_data_uri(text), "data URI"
    if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I):
        if re.match(r"^https?://", text, re.I) or not s.allow_urls:
            return fetch_url(text, s), text[:200]
        raise InputError(f"only http(s) URLs can be fetched, not {text.split(':', 1)[0]!r}")
    path = expand(text)
    refusal: InputError | None = None
    if len(text) < 4096:
        try:  # the roots first: whether a file outside them exists is never told (no existence oracle)
            check_path(path, s, what="image")
        except InputError as exc:
            refusal = exc
        if refusal is None and _exists(path):
            return _read_file(path, s), str(path)
    if len(text) >= 64 and _B64.match(text):
        return _b64(text, "base64 input"), "base64 image"
    if refusal is not None:
        raise refusal
    raise InputError(f"image file not found: {text[:200]}")


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # a name too long for the file system, say: not a path
        return False


def _read_file(path: Path, s: Settings) -> bytes:
    """The bytes of an image file under the allowed folders (a regular file, within max_bytes)."""
    real = check_input_file(path, s, what="image")
    try:
        size = real.stat().st_size
        if size > s.max_bytes:
            raise LimitError(
                f"{path} is {size:,} bytes, over the {s.max_bytes:,}-byte limit; raise max_bytes to allow it"
            )
        with real.open("rb") as fh:
            data = fh.read(s.max_bytes + 1)  # the file may grow between stat and read
        if len(data) > s.max_bytes:
            raise LimitError(f"{path} is over the {s.max_bytes:,}-byte limit; raise max_bytes to allow it")
        return data
    except FileNotFoundError:
        raise InputError(f"image file not found: {path}") from None
    except PermissionError:
        raise InputError(f"cannot read {path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def _decode_data_uri(uri: str) -> bytes:
    head, sep, body = uri.partition(",")
    if not sep:
        raise InputError("data URI has no ',' separating the header from the data")
    if ";base64" not in head:
        raise InputError("data URI is not base64-encoded (expected data:image/...;base64,...)")
    return _b64(body, "data URI")


def _b64(text: str, what: str) -> bytes:
    cleaned = re.sub(r"\s+", "", text)
    try:
        if "-" in cleaned or "_" in cleaned:
            return base64.urlsafe_b64decode(cleaned + "=" * (-len(cleaned) % 4))
        return base64.b64decode(cleaned + "=" * (-len(cleaned) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise InputError(f"{what} is not valid base64") from None
