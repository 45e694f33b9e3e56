"""Only figures the chart reader has evidence for get chart data: logos, illustrations and photos stay pictures."""

import io

import matplotlib
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from seer.context import Context
from seer.skills.docs.read import load_document

matplotlib.use("Agg")
import matplotlib.pyplot as plt

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
SHARES = [40, 25, 20, 15]
REGIONS = ["North", "South", "East", "West"]


def _png_of(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def _chart(kind: str) -> bytes:
    fig, ax = plt.subplots(figsize=(5, 3.5), dpi=100)
    if kind == "pie_labels":
        ax.pie(SHARES, labels=REGIONS)
    elif kind == "pie_percent":
        ax.pie(SHARES, autopct="%1.0f%%")
    elif kind == "pie_legend":
        wedges, _ = ax.pie(SHARES)
        ax.legend(wedges, REGIONS, loc="center left", bbox_to_anchor=(1, 0.5))
    elif kind == "bar":
        ax.bar(["Q1", "Q2", "Q3", "Q4"], [12, 18, 9, 15])
        ax.set_title("Sales")
    return _png_of(fig)


def _png(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def _badge() -> bytes:
    """A mascot badge: a dark ring around a flat-colour face, a few colours, no text."""
    im = Image.new("RGB", (300, 300), "white")
    d = ImageDraw.Draw(im)
    d.ellipse((20, 20, 280, 280), fill=(20, 20, 20))
    d.ellipse((34, 34, 266, 266), fill=(60, 150, 220))
    for x in (90, 170):
        d.ellipse((x, 100, x + 40, 140), fill="white")
        d.ellipse((x + 10, 110, x + 30, 130), fill="black")
    d.polygon([(120, 170), (180, 170), (150, 200)], fill=(250, 200, 60))
    d.pieslice((60, 60, 240, 240), 200, 250, fill=(230, 90, 40))
    return _png(im)


def _wordmark() -> bytes:
    """A four-colour wheel logo with a word under it: splits into slices, but nothing names them."""
    im = Image.new("RGB", (300, 300), "white")
    d = ImageDraw.Draw(im)
    for k, colour in enumerate([(230, 60, 50), (250, 190, 40), (60, 160, 80), (40, 110, 200)]):
        d.pieslice((40, 20, 260, 240), 90 * k, 90 * k + 90, fill=colour)
    d.ellipse((110, 90, 190, 170), fill="white")
    d.text((95, 250), "ACME", fill=(30, 30, 30), font=ImageFont.truetype(FONT, 36))
    return _png(im)


def _photo() -> bytes:
    """Smooth shading with sensor noise: thousands of colours, no flat areas."""
    y, x = np.mgrid[0:240, 0:320]
    img = np.stack([120 + 80 * np.sin(x / 23.0), 100 + 60 * np.cos(y / 17.0), 90 + 0.3 * x], -1)
    img += np.random.default_rng(1).normal(0, 18, img.shape)
    return _png(Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)))


FIGURES = {
    "pie_labels": lambda: _chart("pie_labels"),
    "pie_percent": lambda: _chart("pie_percent"),
    "pie_legend": lambda: _chart("pie_legend"),
    "bar": lambda: _chart("bar"),
    "badge": _badge,
    "wordmark": _wordmark,
    "photo": _photo,
}


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    import docx
    from docx.shared import Inches

    d = docx.Document()
    d.add_heading("Figures", 1)
    for name, make in FIGURES.items():
        d.add_paragraph(f"The next figure is the {name}.")
        d.add_picture(io.BytesIO(make()), width=Inches(4))
    path = tmp_path_factory.mktemp("evidence") / "figures.docx"
    d.save(str(path))
    got = load_document(str(path), Context()).figures()
    assert len(got) == len(FIGURES)
    return dict(zip(FIGURES, got))


@pytest.mark.parametrize("name", ["badge", "wordmark", "photo"])
def test_pictures_that_are_not_charts_get_no_data(figures, name):
    f = figures[name]
    assert f.chart is None
    assert f.note and f.note.startswith("kept as an image")


def test_unnamed_disc_says_why(figures):
    assert "no legend, labels or printed shares" in figures["wordmark"].note


@pytest.mark.parametrize("name", ["pie_labels", "pie_percent", "pie_legend"])
def test_real_pies_keep_their_data(figures, name):
    chart = figures[name].chart
    assert chart is not None and chart.kind == "pie"
    values = sorted(v for v in chart.series[0].values if v is not None)
    assert values == pytest.approx(sorted(SHARES), abs=1.5)


def test_bar_chart_keeps_its_data(figures):
    chart = figures["bar"].chart
    assert chart is not None and chart.categories == ["Q1", "Q2", "Q3", "Q4"]
    assert chart.series[0].values == pytest.approx([12, 18, 9, 15], rel=0.03)
