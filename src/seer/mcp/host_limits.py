"""Fit tool results inside what MCP hosts accept (Claude Code's limits are the tightest we know).

A host caps one tool result near 25,000 tokens (images count), saves text over 50,000 characters to a
file, rejects images over 8000 px a side (2000 px when several are sent), and feeds base64 that leaks
into structured output to the model as text. So: images are downscaled to <= 2000 px a side and
1 MiB encoded (JPEG when PNG cannot fit), text is
cut with a note saying where the rest is, oversized structured results are shrunk (longest lists and
strings first) while staying valid against their schema, and base64 blobs never reach structured output.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

MAX_IMAGE_SIDE = 2000  # px; the many-images limit, so any number of our images is accepted
MAX_IMAGE_BYTES = 1 << 20  # encoded; a returned image never costs more than 1 MiB of the result
MAX_TEXT_CHARS = 40_000  # under the 50k save-to-file threshold, about 10k tokens
MAX_STRUCTURED_CHARS = 60_000  # about 15k tokens of JSON; text + image stay well under 25k tokens
CHARS_PER_TOKEN = 4

_B64 = re.compile(r"^[A-Za-z0-9+/=\r\n]+$")
_IMAGE_MAGIC = ("iVBORw0KGgo", "/9j/", "R0lGOD", "UklGR")  # PNG, JPEG, GIF, WebP in base64


def fit_image(
    png: bytes, max_side: int = MAX_IMAGE_SIDE, max_bytes: int = MAX_IMAGE_BYTES, jpeg: bool = True
) -> tuple[bytes, str]:
    """(bytes, MIME type) of an image that fits both limits: the PNG itself when it does, else a
    downscaled PNG, else (when `jpeg`) a JPEG, shrunk further until it is under `max_bytes`."""
    import numpy as np
    from PIL import Image

    from ..perception.encode import encode_jpeg, encode_png

    with Image.open(io.BytesIO(png)) as im:
        if max(im.size) <= max_side and len(png) <= max_bytes:
            return png, "image/png"
        rgb = np.asarray(im.convert("RGB"))
    scale = min(1.0, max_side / max(rgb.shape[:2]))
    for _ in range(8):
        pixels = _scaled(rgb, scale)
        data, mime = encode_png(pixels), "image/png"
        if len(data) > max_bytes and jpeg:
            data, mime = encode_jpeg(pixels, quality=85), "image/jpeg"
        if len(data) <= max_bytes:
            return data, mime
        scale *= max(0.5, min(0.9, (max_bytes / len(data)) ** 0.5))
    return data, mime


def _scaled(rgb, scale: float):
    import cv2

    if scale >= 1.0:
        return rgb
    h, w = rgb.shape[:2]
    return cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)


def cut_text(text: str, limit: int = MAX_TEXT_CHARS, where: str | None = None) -> str:
    """`text` when it fits, else its head with a note saying how much was left out and where to find it."""
    if len(text) <= limit:
        return text
    note = f"\n\n[truncated: showing {limit:,} of {len(text):,} characters"
    note += f"; the full result is at {where}]" if where else "]"
    return text[: max(0, limit - len(note))] + note


def looks_like_blob(value: str) -> bool:
    """A data: URI or a long run of base64: image bytes that must not reach a model as text."""
    if value.startswith("data:") and ";base64," in value[:100]:
        return True
    if len(value) >= 64 and value.startswith(_IMAGE_MAGIC) and _B64.match(value[:4000]):
        return True
    return len(value) > 2000 and " " not in value[:2000] and bool(_B64.match(value[:4000]))


def scrub_blobs(value: Any) -> Any:
    """A copy of a JSON value with every base64 blob replaced by a short placeholder."""
    if isinstance(value, str):
        return f"[binary data omitted: {len(value):,} characters]" if looks_like_blob(value) else value
    if isinstance(value, list):
        return [scrub_blobs(v) for v in value]
    if isinstance(value, dict):
        return {k: scrub_blobs(v) for k, v in value.items()}
    return value


@dataclass
class Shrunk:
    """A structured value cut to fit, and what was cut (JSON-pointer-ish path -> (kept, total))."""

    value: Any
    cuts: dict[str, tuple[int, int]] = field(default_factory=dict)

    def note(self) -> str:
        parts = [f"{path}: {kept:,} of {total:,}" for path, (kept, total) in self.cuts.items()]
        return "shortened to fit the host's result limit (" + "; ".join(parts) + ")"


def _size(value: Any) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def _largest(value: Any, path: str = "", best: tuple | None = None) -> tuple[int, str, Any, Any] | None:
    """(size, path, parent, key) of the largest list or string (of more than one item) inside `value`."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        child_path = f"{path}/{key}"
        if isinstance(child, (list, str)) and len(child) > 1:
            size = _size(child)
            if best is None or size > best[0]:
                best = (size, child_path, value, key)
        if isinstance(child, (list, dict)):
            best = _largest(child, child_path, best)
    return best


def shrink(value: Any, limit: int = MAX_STRUCTURED_CHARS) -> Shrunk:
    """Cut the largest lists (halving) and strings (to fit) until the JSON is under `limit` characters.

    Each cut takes what is needed or half, whichever is less, so several large fields share the loss.
    Lists keep their first items and strings their head, so the result stays valid against the output
    schema (no required field disappears). Gives up after 60 cuts; the caller then checks the size.
    """
    import copy

    out = Shrunk(copy.deepcopy(value))
    originals: dict[str, int] = {}
    for _ in range(60):
        size = _size(out.value)
        if size <= limit:
            return out
        found = _largest(out.value)
        if found is None:
            break
        child_size, path, parent, key = found
        child = parent[key]
        originals.setdefault(path, len(child))
        excess = size - limit
        if isinstance(child, list):
            keep = max(1, len(child) // 2, int(len(child) * (1 - excess / child_size)) - 1)
            parent[key] = child[:keep]
            out.cuts[path] = (keep, originals[path])
        else:
            keep = max(len(child) // 2, len(child) - excess - 40)
            parent[key] = child[:keep] + " …[cut]"
            out.cuts[path] = (keep, originals[path])
    return out
