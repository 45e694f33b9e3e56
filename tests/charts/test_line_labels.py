"""Line charts with a value axis and a number printed beside every marker (statistics-portal
style): the line is measured for where its points are, the printed numbers are their values."""

import random

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from seer.context import Context  # noqa: E402
from seer.skills.docs.charts import ParseChartInput, parse_chart  # noqa: E402


def _spaced(v: int) -> str:
    return f"{v:,}".replace(",", " ")  # thousands written with a space, as many publishers do


def _line_chart(path, years, values, rotate: int, fmt):
    fig, ax = plt.subplots(figsize=(9, 5.2))
    ax.plot(years, values, color="#2f6fd0", linewidth=2.5, marker="o", markersize=5)
    for x, y in zip(years, values):
        ax.annotate(
            fmt(y),
            (x, y),
            textcoords="offset points",
            xytext=(0, 8),
            ha="center",
            fontsize=9,
            color="#333333",
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"},
        )
    span = max(values) - min(values)
    ax.set_ylim(min(values) - 0.3 * span, max(values) + 0.2 * span)
    ax.set_xticks(years, [str(y) for y in years], rotation=rotate)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: fmt(int(v))))
    ax.grid(axis="y", color="#dddddd")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return parse_chart(ParseChartInput(image=str(path)), Context())


def _year(x) -> int | None:
    """A point's x as a whole year (categories are strings, a numeric axis gives floats)."""
    return int(float(x)) if float(x).is_integer() else None


def _walk(rng: random.Random, n: int, start: int, step: int) -> list[int]:
    out = [start]
    for _ in range(n - 1):
        out.append(max(step, out[-1] + rng.randint(-step, step)))
    return out


@pytest.mark.parametrize("rotate", [0, 45])
def test_printed_numbers_are_the_values_of_a_measured_line(tmp_path, rotate):
    rng = random.Random(rotate + 11)
    years = list(range(1996, 1996 + (24 if rotate else 12)))
    values = _walk(rng, len(years), 640, 60)
    res = _line_chart(tmp_path / "line.png", years, values, rotate, str)
    assert res.chart_type == "line", res.warnings
    got = {_year(p.x): p.y for s in res.series for p in s.points}
    want = {y: float(v) for y, v in zip(years, values)}
    right = sum(got.get(k) == v for k, v in want.items())
    # exact: a measured value is off by a pixel's worth; only the printed number is exactly right
    assert right >= 0.9 * len(want), (got, want)
    assert set(got) <= set(want)


def test_year_axis_has_no_points_between_years(tmp_path):
    """Whole-number ticks (years) put points on whole numbers only, however the line bends."""
    rng = random.Random(5)
    years = list(range(2001, 2019))
    values = _walk(rng, len(years), 90_000, 9_000)
    res = _line_chart(tmp_path / "thousands.png", years, values, 45, _spaced)
    xs = [_year(p.x) for s in res.series for p in s.points]
    assert len(xs) == len(set(xs)), xs
    got = {_year(p.x): p.y for s in res.series for p in s.points}
    right = sum(got.get(y) == float(v) for y, v in zip(years, values))
    assert right >= 0.8 * len(years), (got, values)
