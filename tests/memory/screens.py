"""Screens rendered with PIL for the memory tests: text we choose, a caret, a pointer, pop-ups."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

W, H = 800, 480


def font(size: int = 15) -> ImageFont.ImageFont:
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


PROMPT = "dev@bench:~/work$ "


def mono(size: int = 18) -> ImageFont.ImageFont:
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", "/usr/share/fonts/dejavu/DejaVuSansMono.ttf"):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return font(size)


def terminal(rows: list[tuple[str, tuple[int, int, int]]], size: tuple[int, int] = (960, 540)) -> np.ndarray:
    """A dark terminal with coloured monospace rows (text, colour), as a terminal recording shows it."""
    img = Image.new("RGB", size, (18, 19, 20))
    d = ImageDraw.Draw(img)
    f = mono()
    for i, (text, colour) in enumerate(rows):
        d.text((12, 10 + 26 * i), text, fill=colour, font=f)
    return np.asarray(img).copy()


def screen(
    lines: list[str],
    *,
    caret: bool = True,
    pointer: tuple[int, int] | None = (600, 120),
    popup: str | None = None,
    top: int = 40,
    title: str = "notes.txt - Editor",
) -> np.ndarray:
    """An editor-like screen; the caret sits after the last line."""
    img = Image.new("RGB", (W, H), (250, 250, 250))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, W, 28), fill=(45, 52, 64))
    d.text((10, 6), title, fill=(235, 235, 235), font=font(13))
    f = font()
    for i, line in enumerate(lines):
        d.text((20, top + i * 24), line, fill=(20, 20, 20), font=f)
    if caret and lines:
        x = 20 + int(d.textlength(lines[-1], font=f)) + 2
        y = top + (len(lines) - 1) * 24
        d.rectangle((x, y, x + 1, y + 17), fill=(0, 0, 0))
    if popup:
        d.rectangle((200, 180, 640, 300), fill=(244, 244, 244), outline=(120, 120, 120))
        d.text((220, 220), popup, fill=(10, 10, 10), font=f)
    px = np.asarray(img).copy()
    if pointer:
        x, y = pointer
        for r in range(16):
            px[y + r, x : x + max(1, r // 2 + 1)] = 0
    return px


TEXT = [
    "Meeting notes for the quarterly review",
    "Budget approved for the design team",
    "Next step: deploy the billing service",
    "Owner: Dana, due Friday",
]
