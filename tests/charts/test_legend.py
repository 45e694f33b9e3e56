"""Legend matching on a drawn image with known text boxes (no OCR: the boxes come from the drawing)."""

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from seer.perception.geometry import Box
from seer.perception.ocr import TextLine
from seer.skills.docs.charts.colours import separate
from seer.skills.docs.charts.legend import read_legend

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
RED, BLUE, GREEN = (214, 39, 40), (31, 119, 180), (44, 160, 44)


def _legend_image(swatch_w: int = 24, marker: str = "patch"):
    img = Image.new("RGB", (500, 320), "white")
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 14)
    for i, c in enumerate((RED, BLUE, GREEN)):  # bars in the plot
        d.rectangle([60 + 90 * i, 120 + 20 * i, 110 + 90 * i, 300], fill=c)
    lines = []
    for i, (name, c) in enumerate((("Revenue", BLUE), ("Costs", RED), ("Profit", GREEN))):
        y = 30 + 24 * i
        if marker == "patch":
            d.rectangle([350, y + 3, 350 + swatch_w, y + 13], fill=c)
        else:  # a line handle with a marker, as line charts draw it
            d.line([(350, y + 8), (350 + swatch_w, y + 8)], fill=c, width=3)
            d.ellipse([350 + swatch_w / 2 - 4, y + 4, 350 + swatch_w / 2 + 4, y + 12], fill=c)
        d.text((385, y), name, fill="black", font=font)
        lines.append(TextLine(name, Box.of(d.textbbox((385, y), name, font=font)), 0.99))
    d.text((60, 40), "Unrelated note", fill="black", font=font)
    lines.append(TextLine("Unrelated note", Box.of(d.textbbox((60, 40), "Unrelated note", font=font)), 0.99))
    return np.asarray(img), lines


def _names_by_colour(pixels, lines):
    palette = separate(pixels, Box(0, 0, pixels.shape[1], pixels.shape[0]))
    entries, box = read_legend(lines, list(range(len(lines))), palette, text_height=14.0)
    got = {e.name: tuple(int(v) for v in palette.colours[e.colour]) for e in entries}
    return got, box


def _close(a, b):
    return max(abs(x - y) for x, y in zip(a, b)) <= 20


def test_patch_swatches_match_their_names():
    pixels, lines = _legend_image()
    got, box = _names_by_colour(pixels, lines)
    assert set(got) == {"Revenue", "Costs", "Profit"}  # the note without a swatch is not an entry
    assert _close(got["Revenue"], BLUE) and _close(got["Costs"], RED) and _close(got["Profit"], GREEN)
    assert box.contains(352, 35) and box.contains(420, 85) and not box.contains(100, 250)


def test_line_handles_with_markers_match_their_names():
    pixels, lines = _legend_image(swatch_w=28, marker="line")
    got, _ = _names_by_colour(pixels, lines)
    assert _close(got["Revenue"], BLUE) and _close(got["Costs"], RED) and _close(got["Profit"], GREEN)
