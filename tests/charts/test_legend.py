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


def test_numeric_names_are_read_only_as_a_legend():
    # series named by year: "2024", "2025" beside swatches; a value label above a bar is not an entry
    img = Image.new("RGB", (500, 320), "white")
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 14)
    d.rectangle([60, 120, 110, 300], fill=RED)
    d.rectangle([110, 160, 160, 300], fill=BLUE)
    lines = []
    for text, xy in (("2024", (385, 30)), ("2025", (385, 54)), ("41", (120, 140))):
        d.text(xy, text, fill="black", font=font)
        lines.append(TextLine(text, Box.of(d.textbbox(xy, text, font=font)), 0.99))
    for i, c in enumerate((RED, BLUE)):
        d.rectangle([350, 33 + 24 * i, 374, 43 + 24 * i], fill=c)
    pixels = np.asarray(img)
    palette = separate(pixels, Box(0, 0, 500, 320))
    assert read_legend(lines, [], palette, 14.0, numeric=[2]) == ([], None)  # a lone number is no legend
    entries, _ = read_legend(lines, [], palette, 14.0, numeric=[0, 1, 2])
    got = {e.name: tuple(int(v) for v in palette.colours[e.colour]) for e in entries}
    assert set(got) == {"2024", "2025"}
    assert _close(got["2024"], RED) and _close(got["2025"], BLUE)


def test_a_legend_over_an_area_takes_its_own_swatches():
    # the area behind the legend runs on past the search strip: it is not the entry's swatch
    img = Image.new("RGB", (500, 320), "white")
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 14)
    d.rectangle([200, 20, 480, 200], fill=BLUE)
    d.rectangle([346, 25, 460, 86], fill=(240, 240, 250))
    lines = []
    for i, (name, c) in enumerate((("Plan", BLUE), ("America", RED))):
        y = 30 + 26 * i
        d.rectangle([350, y + 3, 368, y + 13], fill=c)
        d.text((372, y), name, fill="black", font=font)
        b = Box.of(d.textbbox((372, y), name, font=font))
        lines.append(TextLine(name, Box(b.x0, b.y0 - 4, b.x1, b.y1 + 4), 0.99))  # OCR boxes run tall
    got, _ = _names_by_colour(np.asarray(img), lines)
    assert _close(got["Plan"], BLUE) and _close(got["America"], RED)
