"""Numbers printed on a line that runs through them (no value axis): OCR drops a label its own
stroke crosses, so the stroke is erased and the plot read again; each point keeps its printed
number, not a measured guess."""

import random

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from seer.context import Context  # noqa: E402
from seer.skills.docs.charts import ParseChartInput, parse_chart  # noqa: E402
from seer.skills.docs.charts.line_strokes import find_segment  # noqa: E402


def _zigzag(rng: random.Random, n: int) -> list[int]:
    """Values that jump up and down, so the steep segments beside a point cross its label."""
    return [rng.randint(55, 80) if k % 2 else rng.randint(20, 42) for k in range(n)]


def _touching(path, years, series, colours):
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    for (name, ys), colour in zip(series.items(), colours):
        ax.plot(years, ys, color=colour, lw=2.2, marker="o", ms=5)
        for k, (x, y) in enumerate(zip(years, ys)):  # above a peak, below a trough, close enough to touch
            up = k == 0 and ys[1] < y or 0 < k and ys[k - 1] < y
            ax.text(
                x,
                y + (1.6 if up else -1.6),
                str(y),
                color=colour,
                ha="center",
                va="bottom" if up else "top",
                fontsize=10,
            )
        ax.text(years[-1] + 0.4, ys[-1], name, color=colour, fontsize=10, fontweight="bold", va="center")
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_yticks([])
    ax.set_xlim(years[0] - 0.6, years[-1] + 1.8)
    ax.set_ylim(10, 90)
    for k in ("left", "right", "top"):
        ax.spines[k].set_visible(False)
    fig.subplots_adjust(top=0.84, bottom=0.14)
    fig.text(0.02, 0.96, "Trust in the Harwick council", fontsize=13, fontweight="bold", va="top")
    fig.text(0.02, 0.02, "Source: Annual panel.", fontsize=9, color="#777777")
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return parse_chart(ParseChartInput(image=str(path)), Context())


@pytest.mark.parametrize("seed", [3, 8])
def test_numbers_their_line_runs_through_are_read(tmp_path, seed):
    rng = random.Random(seed)
    years = list(range(2012, 2020))
    ys = _zigzag(rng, len(years))
    res = _touching(tmp_path / "touch.png", years, {"Ostrel": ys}, ["#b03a2e"])
    assert res.chart_type == "line", res.warnings
    got = {str(p.x): p.y for s in res.series for p in s.points}
    right = sum(got.get(str(x)) == float(y) for x, y in zip(years, ys))
    assert right >= len(years) - 1, (got, ys)  # exact: a measured value is off by a pixel's worth


def test_the_stroke_is_erased_not_the_text_beside_it():
    """On a mask holding a straight stroke and a glyph-like blob touching it, the segment found
    covers the stroke and leaves most of the blob."""
    h, w = 60, 80
    mask = np.zeros((h, w), bool)
    xs = np.arange(w)
    rows = np.round(10 + 0.5 * xs).astype(int)
    for dy in (-1, 0, 1):
        mask[rows + dy, xs] = True
    blob = np.zeros_like(mask)
    blob[14:26, 30:34] = True  # a digit's stem beside the line, touching it
    mask |= blob
    seg = find_segment(mask, 0, w - 1)
    assert seg is not None
    pixels = seg.pixels(mask.shape, 2.0)
    assert pixels[rows, xs].all()
    assert (pixels & blob).sum() < 0.4 * blob.sum()
    assert abs(seg.row_a - 10) <= 1 and abs(seg.row_b - (10 + 0.5 * (w - 1))) <= 1


def test_a_sharp_corner_without_its_number_is_measured_where_its_segments_meet(tmp_path):
    """Zigzag lines with the numbers at some corners left off: each such point is measured on the
    scale the other numbers set, at the corner the straight segments either side make (a local
    centre there sits inside the V, off the point), so it rounds to its exact value."""
    years = list(range(2010, 2019))
    ys = [12, 31, 15, 19, 22, 28, 28, 12, 30]
    hidden = {2010, 2012, 2017}
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    ax.plot(years, ys, color="#3d6b35", lw=3.0, marker="o", ms=8)
    for x, y in zip(years, ys):
        if x not in hidden:
            ax.text(x, y + 2.2, str(y), color="#3d6b35", ha="center", va="bottom", fontsize=10)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_yticks([])
    ax.set_ylim(8, 36)
    for k in ("left", "right", "top"):
        ax.spines[k].set_visible(False)
    fig.subplots_adjust(top=0.84, bottom=0.14)
    fig.text(0.02, 0.96, "Members of the Harwick club", fontsize=13, fontweight="bold", va="top")
    fig.savefig(tmp_path / "corners.png", dpi=100)
    plt.close(fig)
    res = parse_chart(ParseChartInput(image=str(tmp_path / "corners.png")), Context())
    assert res.chart_type == "line", res.warnings
    got = {str(p.x): p.y for s in res.series for p in s.points}
    assert got == {str(x): float(y) for x, y in zip(years, ys)}, got
