"""Images sent well: each model family's resize rule, its image-token estimate, PNG vs JPEG, crop and zoom.

We resize on our side to exactly the size the model itself would use, so the pixels the model
reasons about are the pixels we sent, and every coordinate maps back through one known `Frame`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..perception.encode import encode_jpeg, encode_png
from ..perception.geometry import Box
from ..perception.image import Image
from .coords import Frame


class ImageRule(Protocol):
    """How one model family sizes an image and what it costs."""

    @property
    def name(self) -> str:
        """What the rule is called in profiles and bench output."""
        ...

    def size(self, width: int, height: int) -> tuple[int, int]:
        """The size the model works at for an input of this size (what we send)."""
        ...

    def tokens(self, width: int, height: int) -> int:
        """Estimated image tokens for an image of this size after `size()`."""
        ...


@dataclass(frozen=True)
class PatchRule:
    """Qwen2.5-VL / Qwen3-VL / GLM-4.xV: `smart_resize` to multiples of `factor`, one token per factor² px."""

    factor: int = 28
    min_pixels: int = 4 * 28 * 28
    max_pixels: int = 4096 * 28 * 28
    name: str = "patch-28"

    def size(self, width: int, height: int) -> tuple[int, int]:
        h, w = smart_resize(height, width, self.factor, self.min_pixels, self.max_pixels)
        return w, h

    def tokens(self, width: int, height: int) -> int:
        w, h = self.size(width, height)
        return (w // self.factor) * (h // self.factor)


@dataclass(frozen=True)
class AreaRule:
    """Claude: fit the long edge and the megapixels; tokens ≈ w·h/750."""

    long_edge: int = 1568
    max_pixels: int = 1_150_000
    per_token: float = 750.0
    name: str = "claude"

    def size(self, width: int, height: int) -> tuple[int, int]:
        s = min(1.0, self.long_edge / max(width, height), math.sqrt(self.max_pixels / (width * height)))
        return max(1, math.floor(width * s)), max(1, math.floor(height * s))

    def tokens(self, width: int, height: int) -> int:
        w, h = self.size(width, height)
        return math.ceil(w * h / self.per_token)


@dataclass(frozen=True)
class TileRule:
    """GPT-4o / GPT-4.1 high detail: fit 2048², shortest side ≤ 768, 85 + 170 per 512-px tile."""

    fit: int = 2048
    short_side: int = 768
    tile: int = 512
    base_tokens: int = 85
    tile_tokens: int = 170
    name: str = "openai-tile"

    def size(self, width: int, height: int) -> tuple[int, int]:
        s = min(1.0, self.fit / max(width, height))
        s *= min(1.0, self.short_side / (min(width, height) * s))
        return max(1, math.floor(width * s + 1e-9)), max(1, math.floor(height * s + 1e-9))

    def tokens(self, width: int, height: int) -> int:
        w, h = self.size(width, height)
        return self.base_tokens + self.tile_tokens * math.ceil(w / self.tile) * math.ceil(h / self.tile)


@dataclass(frozen=True)
class FitRule:
    """Unknown models: cap the long edge; estimate one token per 28×28 px (labelled as an estimate)."""

    long_edge: int = 1920
    per_token: int = 28 * 28
    name: str = "generic"

    def size(self, width: int, height: int) -> tuple[int, int]:
        s = min(1.0, self.long_edge / max(width, height))
        return max(1, math.floor(width * s)), max(1, math.floor(height * s))

    def tokens(self, width: int, height: int) -> int:
        w, h = self.size(width, height)
        return math.ceil(w * h / self.per_token)


def smart_resize(height: int, width: int, factor: int, min_pixels: int, max_pixels: int) -> tuple[int, int]:
    """Qwen-VL's resize: both sides multiples of `factor`, pixels within [min_pixels, max_pixels]."""
    h_bar = max(factor, round(height / factor) * factor)
    w_bar = max(factor, round(width / factor) * factor)
    if h_bar * w_bar > max_pixels:
        beta = math.sqrt(height * width / max_pixels)
        h_bar = max(factor, math.floor(height / beta / factor) * factor)
        w_bar = max(factor, math.floor(width / beta / factor) * factor)
    elif h_bar * w_bar < min_pixels:
        beta = math.sqrt(min_pixels / (height * width))
        h_bar = math.ceil(height * beta / factor) * factor
        w_bar = math.ceil(width * beta / factor) * factor
    return h_bar, w_bar


@dataclass(frozen=True)
class Prepared:
    """One image ready to send: encoded bytes, its MIME type, where it came from, what it costs."""

    data: bytes
    mime: str
    frame: Frame
    tokens_est: int
    digest: str  # content hash of the original image (cache key part)


def plan(image: Image, rule: ImageRule, region: Box | None = None, zoom: float = 1.0) -> tuple[Frame, int]:
    """The frame (crop, sent size) and token estimate for an image, without touching pixels."""
    crop = (region or image.box).clip(image.width, image.height)
    if crop.width <= 0 or crop.height <= 0:
        from ..errors import InputError

        raise InputError(
            f"region {region.as_list() if region else None} is outside the {image.width}×{image.height} image"
        )
    zw, zh = max(1, round(crop.width * zoom)), max(1, round(crop.height * zoom))
    sw, sh = rule.size(zw, zh)
    return Frame(crop, sw, sh), rule.tokens(zw, zh)


def zoom_for(crop: Box, target_long_edge: int = 1024, max_zoom: float = 4.0) -> float:
    """How much to enlarge a small crop so small text fills a useful part of the model's budget."""
    long = max(crop.width, crop.height)
    if long >= target_long_edge:
        return 1.0
    return max(1.0, min(max_zoom, target_long_edge / long))


def zoom_region(bounds: Box, target: Box, context: float = 1.0, min_side: int = 160) -> Box:
    """A crop around `target` with `context`× its size as margin on each side, at least `min_side`, inside `bounds`."""
    mx = max(round(target.width * context), (min_side - target.width + 1) // 2, 0)
    my = max(round(target.height * context), (min_side - target.height + 1) // 2, 0)
    b = Box(target.x0 - mx, target.y0 - my, target.x1 + mx, target.y1 + my)
    # slide back inside the bounds rather than just clipping, so the crop keeps its size
    dx = max(0, bounds.x0 - b.x0) - max(0, b.x1 - bounds.x1)
    dy = max(0, bounds.y0 - b.y0) - max(0, b.y1 - bounds.y1)
    return b.shift(dx, dy).clip(bounds.x1, bounds.y1)


def prepare(image: Image, rule: ImageRule, region: Box | None = None, zoom: float = 1.0) -> Prepared:
    """Crop, resize to the model's own working size, and encode (PNG for screens, JPEG for photos)."""
    frame, tokens = plan(image, rule, region, zoom)
    c = frame.crop
    pixels = image.pixels[c.y0 : c.y1, c.x0 : c.x1]
    if (frame.sent_w, frame.sent_h) != (c.width, c.height):
        pixels = _resize(pixels, frame.sent_w, frame.sent_h)
    photo = looks_like_photo(image.pixels[c.y0 : c.y1, c.x0 : c.x1])
    data, mime = (encode_jpeg(pixels), "image/jpeg") if photo else (encode_png(pixels), "image/png")
    return Prepared(data, mime, frame, tokens, image.digest)


def _resize(pixels: np.ndarray, width: int, height: int) -> np.ndarray:
    import cv2

    h, w = pixels.shape[:2]
    # area averaging when shrinking, so 1-px text strokes fade instead of vanishing; cubic when enlarging,
    # except by a few percent (1920 -> 1932 to reach a multiple of 28): nearest keeps flat screens flat,
    # which halves the PNG encoding time, and moves nothing by more than a pixel
    if width * height < w * h:
        mode = cv2.INTER_AREA
    else:
        mode = cv2.INTER_NEAREST if width <= 1.05 * w and height <= 1.05 * h else cv2.INTER_CUBIC
    return cv2.resize(np.ascontiguousarray(pixels), (width, height), interpolation=mode)


def looks_like_photo(pixels: np.ndarray) -> bool:
    """True for photographic content (few equal neighbouring pixels); screens and diagrams are flat."""
    sample = pixels[::8, ::2]
    if sample.shape[0] < 2 or sample.shape[1] < 4:
        return False
    same = (sample[:, 1::2] == sample[:, :-1:2][:, : sample[:, 1::2].shape[1]]).all(axis=-1).mean()
    return bool(same < 0.35)
