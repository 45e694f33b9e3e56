"""Thin (about 1 px) anti-aliased lines on a grey-ticked year axis with no legend, each series
named at its line's end in the line's colour (Our World in Data style): the lines are traced
from their blended pixels, named from the text in their colour, and read to their last year."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from seer.context import Context  # noqa: E402
from seer.skills.docs.charts import ParseChartInput, parse_chart  # noqa: E402

SERIES = {  # name: (colour, values per year); the dark slate line is close to grey text in colour
    "Northland": ("#b03507", [62.0, 58.5, 57.0, 55.2, 56.1, 53.0, 51.4, 50.2, 48.8]),
    "Southmark": ("#3c4e66", [21.0, 22.4, 24.9, 26.0, 27.5, 29.1, 30.0, 32.6, 33.1]),
}
YEARS = list(range(2001, 2010))  # ticks every other year from 2000: the last year has no tick


def _render(path):
    fig, ax = plt.subplots(figsize=(8.5, 5.5), dpi=100)
    for name, (colour, values) in SERIES.items():
        ax.plot(YEARS, values, color=colour, linewidth=0.9)
        ax.text(YEARS[-1] + 0.15, values[-1], name, color=colour, fontsize=10, va="center")
    ax.set_xticks(range(2000, 2010, 2))
    ax.set_xlim(2000.5, 2010.2)
    ax.set_ylim(0, 70)
    ax.set_yticks(range(0, 71, 10))
    ax.tick_params(colors="#666666", length=0)
    ax.grid(axis="y", color="#dddddd", linestyle=(0, (3, 3)), linewidth=0.8)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_title("Share of something, 2001 to 2009", loc="left", color="#555555")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def test_thin_lines_named_at_their_ends_are_traced_to_the_last_year(tmp_path):
    _render(tmp_path / "thin.png")
    res = parse_chart(ParseChartInput(image=str(tmp_path / "thin.png")), Context())
    assert res.chart_type == "line", res.warnings
    got = {s.name: {round(float(p.x)): p.y for p in s.points} for s in res.series}
    assert set(got) == set(SERIES), got.keys()
    for name, (_, values) in SERIES.items():
        want = dict(zip(YEARS, values))
        assert YEARS[-1] in got[name], (name, sorted(got[name]))  # the end after the last tick
        right = [y for y, v in want.items() if y in got[name] and abs(got[name][y] - v) <= 0.02 * 70]
        assert len(right) >= len(YEARS) - 1, (name, got[name])


def test_dots_on_a_thin_line_mark_its_points_between_year_ticks(tmp_path):
    years, values = [1995, 2000, 2005, 2010], [0.55, 0.52, 0.53, 0.49]  # data every 5 years, ticks every 2
    fig, ax = plt.subplots(figsize=(8.5, 5.5), dpi=100)
    ax.plot(years, values, color="#b03507", linewidth=0.9, marker="o", markersize=3.5)
    ax.set_xticks([1995, 1996] + list(range(1998, 2011, 2)))
    ax.set_ylim(0, 0.7)
    ax.tick_params(colors="#666666", length=0)
    ax.grid(axis="y", color="#dddddd", linestyle=(0, (3, 3)), linewidth=0.8)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    fig.savefig(tmp_path / "dots.png")
    plt.close(fig)
    res = parse_chart(ParseChartInput(image=str(tmp_path / "dots.png")), Context())
    assert res.chart_type == "line", res.warnings
    (series,) = res.series
    got = {round(float(p.x)): p.y for p in series.points}
    assert sorted(got) == years, got  # not every year of the grid: the dotted ones
    assert all(abs(got[y] - v) <= 0.02 * 0.7 for y, v in zip(years, values)), got
