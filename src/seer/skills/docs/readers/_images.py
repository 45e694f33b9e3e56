"""Embedded pictures, normalised to PNG bytes with their size (vector formats are skipped)."""

from __future__ import annotations

import io

from PIL import Image as PILImage
from PIL import UnidentifiedImageError

MAX_FIGURE_PIXELS = 12_000_000


def to_png(blob: bytes) -> tuple[bytes, int, int] | None:
    """PNG bytes and size of a raster picture, or None for formats PIL cannot decode (EMF, WMF, SVG)."""
    try:
        img = PILImage.open(io.BytesIO(blob))
        if img.width * img.height > MAX_FIGURE_PIXELS:
            return None
        img.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    if img.mode not in ("RGB", "L"):
        rgba = img.convert("RGBA")
        flat = PILImage.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        img = flat
    if img.format == "PNG" and img.mode == "RGB":
        return blob, img.width, img.height
    buf = io.BytesIO()
    img.convert("RGB").save(buf, format="PNG")
    return buf.getvalue(), img.width, img.height
