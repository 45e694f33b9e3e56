"""Screens rendered once per session with real fonts, so OCR tests can assert exact text and boxes."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from bench.screens import font

LINES = [  # planted strings: a pass cannot be a coincidence
    ("sans", 22, (40, 30), "Quarterly Settings"),
    ("sans", 14, (40, 80), "Invoice 4471 was approved"),
    ("sans", 13, (40, 110), "Export CSV"),
    ("sans", 13, (420, 110), "Delete project"),
    ("mono", 13, (40, 150), "error: disk quota 93% full"),
    ("sans", 12, (40, 190), "kestrel-amber@example.com"),
]


@pytest.fixture(scope="session")
def known_screen(tmp_path_factory):
    """A 640×240 light screenshot and the exact ink box of every line drawn on it."""
    img = Image.new("RGB", (640, 240), (255, 255, 255))
    d = ImageDraw.Draw(img)
    truth = []
    for family, px, xy, text in LINES:
        f = font(family, px)
        truth.append((text, list(d.textbbox(xy, text, font=f))))
        d.text(xy, text, font=f, fill=(20, 20, 20))
    path = tmp_path_factory.mktemp("screens") / "known.png"
    img.save(path)
    return path, truth
