"""A legend row that OCR reads as one line is cut at its colour squares, and a label written with
its value beside it ('Hungary   76%') is two pieces; drawn with a real font, read by the real cutter."""

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from seer.perception.geometry import Box
from seer.perception.ocr import TextLine
from seer.skills.docs.charts.printed_text import split_merged

FONT = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 13)
WHITE = np.array([255, 255, 255])


def _row(parts):
    """Draw `parts` (a colour for a square, or a string) left to right; returns pixels and the row's box."""
    img = Image.new("RGB", (420, 40), "white")
    d = ImageDraw.Draw(img)
    x = 10
    for p in parts:
        if isinstance(p, tuple):
            d.rectangle([x, 14, x + 9, 23], fill=p)
            x += 14
        elif p.isspace():
            x += 2 * len(p)
        else:
            d.text((x, 12), p, fill=(40, 40, 40), font=FONT)
            x += int(d.textlength(p, font=FONT)) + 4
    return np.array(img), Box(10, 10, x, 28)


def test_legend_names_read_as_one_word_are_cut_at_their_swatches():
    px, box = _row([(31, 90, 140), "Quorn", (150, 190, 230), "Talvenbright", (120, 120, 120), "Not sure"])
    got = split_merged([TextLine("QuornTalvenbright Not sure", box, 0.99)], px, WHITE, 13)
    assert [l.text for l in got] == ["Quorn", "Talvenbright", "Not sure"]
    # each name's box starts after its own square, so the swatch beside it names its colour
    squares = [10, 10 + 14 + 4 + int(ImageDraw.Draw(Image.new("RGB", (1, 1))).textlength("Quorn", font=FONT))]
    assert all(l.box.x0 >= s + 9 for l, s in zip(got, squares))


def test_words_without_squares_stay_one_line():
    px, box = _row(["Ages", "65", "and", "older"])
    got = split_merged([TextLine("Ages 65 and older", box, 0.99)], px, WHITE, 13)
    assert [l.text for l in got] == ["Ages 65 and older"]


def test_a_value_set_apart_from_its_label_is_split_off():
    px, box = _row(["Wexland", " ", "76%"])  # wider than a space, narrower than a column gap
    got = split_merged([TextLine("Wexland 76%", box, 0.99)], px, WHITE, 13)
    assert [l.text for l in got] == ["Wexland", "76%"]
    px, box = _row(["Ages", "18-29"])  # a number that is part of the label, one space away
    assert [l.text for l in split_merged([TextLine("Ages 18-29", box, 0.99)], px, WHITE, 13)] == ["Ages 18-29"]
