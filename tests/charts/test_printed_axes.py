"""Printed numbers that look like an axis but are data, and an axis that looks like data: values
inside bars that happen to step evenly down the rows, a row of labels that steps by one, and a
value axis labelled only at its two ends ('100%' over '0')."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from seer.context import Context  # noqa: E402
from seer.perception.geometry import Box  # noqa: E402
from seer.perception.ocr import TextLine  # noqa: E402
from seer.skills.docs.charts import ParseChartInput, parse_chart  # noqa: E402
from seer.skills.docs.charts.printed_text import axis_ticks  # noqa: E402


def _read(fig, path):
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return parse_chart(ParseChartInput(image=str(path)), Context())


def _table(res) -> dict[tuple[str, str], float]:
    return {(s.name, str(p.x)): p.y for s in res.series for p in s.points}


def test_values_inside_bars_that_step_evenly_are_not_an_axis(tmp_path):
    """The first segment's numbers fall by two a row (66, 64, 62, 60) on evenly spaced rows: a
    straight scale, but printed inside the bars, so they are values."""
    cats = ["Vorland", "Quessa", "Maribel", "Tolvane", "Heskin"]
    data = {"Very": [79, 66, 64, 62, 60], "Some": [14, 17, 25, 17, 21], "Not": [6, 16, 10, 18, 16]}
    colours = ["#2f5d8f", "#8fb3dd", "#cccccc"]
    fig, ax = plt.subplots(figsize=(6.0, 3.8))
    left = [0] * len(cats)
    for (name, vals), colour in zip(data.items(), colours):
        ax.barh(range(len(cats)), vals, left=left, color=colour, height=0.62)
        for i, (v, l0) in enumerate(zip(vals, left)):
            ax.text(
                l0 + v / 2,
                i,
                str(v),
                ha="center",
                va="center",
                fontsize=11,
                color="white" if colour == colours[0] else "black",
            )
        mid = sum(l0 + v / 2 for l0, v in zip(left, vals)) / len(vals)
        ax.text(mid, -0.8, name, ha="center", fontsize=10, fontweight="bold")  # the legend as column headers
        left = [a + b for a, b in zip(left, vals)]
    ax.set_yticks(range(len(cats)), cats)
    ax.invert_yaxis()
    ax.set_xticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    ax.tick_params(left=False)
    fig.subplots_adjust(top=0.8, bottom=0.1, left=0.2)
    fig.text(0.02, 0.96, "Concern about the Velmar plan", fontsize=13, fontweight="bold", va="top")
    res = _read(fig, tmp_path / "even.png")
    assert res.chart_type == "stacked_bar", res.warnings
    want = {(name, c): float(v) for name, vals in data.items() for c, v in zip(cats, vals)}
    assert _table(res) == want


def test_a_value_axis_labelled_only_at_its_ends_is_not_data(tmp_path):
    """Two lines with their first and last points labelled in plain ink, and an axis written only
    as '100%' at the top and '0' at the bottom: those two are no series."""
    years = list(range(2006, 2017))
    up = [71, 69, 78, 70, 70, 65, 82, 88, 87, 86, 86]
    down = [27, 29, 17, 24, 24, 30, 14, 8, 9, 10, 11]
    fig, ax = plt.subplots(figsize=(4.4, 3.6))
    for ys, colour in ((up, "#e8951c"), (down, "#6d8a24")):
        ax.plot(years, ys, color=colour, lw=2.2)
        for k in (0, len(years) - 1):
            ax.text(years[k], ys[k] + 8, str(ys[k]), color="#555555", ha="center", fontsize=10)
    ax.set_ylim(0, 100)
    ax.set_yticks([0, 100], ["0", "100%"])
    ax.set_xticks([2006, 2016], ["2006", "2016"])
    for k in ("right", "top", "left"):
        ax.spines[k].set_visible(False)
    ax.tick_params(left=False)
    fig.subplots_adjust(top=0.8, bottom=0.12, left=0.14)
    fig.text(0.02, 0.96, "Views of the Harwick council", fontsize=13, fontweight="bold", va="top")
    res = _read(fig, tmp_path / "ends.png")
    values = sorted(p.y for s in res.series for p in s.points)
    assert 100.0 not in values and 0.0 not in values, _table(res)
    assert len(res.series) == 2 and values == sorted([71.0, 86.0, 27.0, 11.0]), _table(res)


def _row(values_at: list[tuple[str, int]]) -> list[TextLine]:
    return [TextLine(t, Box(x, 100, x + 16, 110), 1.0) for t, x in values_at]


def test_a_row_steps_evenly_in_value_and_place_to_be_ticks():
    """'73 74 75' printed at points anywhere along a line are labels; the same numbers evenly
    spaced are ticks."""
    labels = _row([("73", 160), ("74", 370), ("75", 480)])
    assert axis_ticks(labels, 10.0) == set()
    ticks = _row([("73", 160), ("74", 260), ("75", 360)])
    assert axis_ticks(ticks, 10.0) == {id(t) for t in ticks}


def test_a_link_under_the_source_line_is_no_legend_entry(tmp_path):
    """A publisher's link under the chart, its round icon in the line's own colour, looks like a
    legend entry with its swatch; it is page text, not the series' name."""
    years = list(range(2004, 2016))
    ys = [410, 432, 455, 441, 470, 498, 505, 487, 512, 530, 548, 561]
    blue = "#2f6fd0"
    fig, ax = plt.subplots(figsize=(7.0, 4.2))
    ax.plot(years, ys, color=blue, lw=2.2)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylim(300, 600)
    ax.grid(axis="y", color="#dddddd")
    for k in ("right", "top"):
        ax.spines[k].set_visible(False)
    fig.subplots_adjust(top=0.9, bottom=0.22)
    fig.text(0.02, 0.08, "Source: Federal statistics office", fontsize=9, color="#777777")
    fig.text(0.035, 0.025, "\u25cf", fontsize=10, color=blue, va="bottom")
    fig.text(0.06, 0.025, "Further details", fontsize=10, color=blue, va="bottom")
    res = _read(fig, tmp_path / "link.png")
    assert res.chart_type == "line", res.warnings
    assert [s.name for s in res.series] != ["Further details"], [s.name for s in res.series]
    got = {str(int(float(p.x))): p.y for p in res.series[0].points}
    assert sum(abs(got.get(str(x), 0) - y) <= 0.02 * y for x, y in zip(years, ys)) >= len(years) - 1, got


def test_bars_keep_their_categories_when_words_sit_under_the_plot(tmp_path):
    """Horizontal bars with their numbers at the ends and a two-part axis title under them: the
    numbers are tried against the words under the plot too, and must end with the category
    labels beside their bars."""
    cats = ["Arvale", "Bexmoor", "Calder Vale", "Dunmere", "Eskby"]
    vals = [15822, 4536, 3884, 2683, 447]
    fig, ax = plt.subplots(figsize=(7.0, 4.2))
    ax.barh(range(len(cats)), vals, color="#2a6fdb", height=0.6)
    for i, v in enumerate(vals):
        ax.text(v + 200, i, f"{v:,}", va="center", fontsize=10, fontweight="bold")
    ax.set_yticks(range(len(cats)), cats)
    ax.invert_yaxis()
    ax.set_xticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    ax.tick_params(left=False)
    fig.subplots_adjust(top=0.9, bottom=0.16, left=0.18, right=0.92)
    fig.text(0.36, 0.06, "Capital spending", fontsize=9, color="#666666")
    fig.text(0.62, 0.06, "in millions of dollars", fontsize=9, color="#666666")
    res = _read(fig, tmp_path / "under.png")
    assert res.chart_type == "hbar", (res.chart_type, res.warnings)
    assert {str(p.x): p.y for s in res.series for p in s.points} == {c: float(v) for c, v in zip(cats, vals)}


def test_two_labels_of_one_colour_in_a_category_are_two_series():
    """Two shades of one hue (a light orange line over a dark red one): a few dark labels read
    lighter fall in with the orange ones; each category keeps one label per series."""
    import numpy as np

    from seer.skills.docs.charts.printed_series import Value, ink_clusters

    orange, red, pale_red = np.array([240, 178, 122]), np.array([176, 58, 46]), np.array([215, 120, 90])
    values = []
    for k, (o, r) in enumerate(
        [(60, 12), (57, 30), (75, 40), (61, 13), (66, 27), (59, 38), (85, 28), (85, 17), (72, 16)]
    ):
        values.append(Value(float(o), Box(40 * k, 60, 40 * k + 14, 68), None, orange, cat=str(2008 + k)))
        values.append(
            Value(float(r), Box(40 * k, 200, 40 * k + 14, 208), None, pale_red if k >= 6 else red, cat=str(2008 + k))
        )
    assert ink_clusters(values) == 2
    for k in range(9):
        assert {v.series for v in values if v.cat == str(2008 + k)} == {0, 1}


def test_numbers_at_bar_ends_that_step_evenly_are_not_an_axis(tmp_path):
    """Diverging bars with each number just past its bar's end, the right-hand numbers falling
    by two a row (47, 45, 43, 41) on evenly spaced rows: a straight scale, but each stands at a
    bar, so they are values."""
    cats = ["Solar farms", "Wind farms", "Offshore rigs", "Nuclear plants", "Coal mines"]
    data = {"Oppose": [9, 14, 52, 54, 57], "Support": [89, 47, 45, 43, 41]}
    fig, ax = plt.subplots(figsize=(5.6, 3.8))
    for name, vals, colour, sign in (
        ("Oppose", data["Oppose"], "#8a9a2c", -1),
        ("Support", data["Support"], "#1f3d7a", 1),
    ):
        ax.barh(range(len(cats)), [sign * v for v in vals], color=colour, height=0.6)
        for i, v in enumerate(vals):
            ax.text(sign * (v + 3), i, str(v), ha="right" if sign < 0 else "left", va="center", fontsize=10)
        ax.text(sign * 25, -0.9, name, ha="center", fontsize=10, fontweight="bold", color=colour)
    ax.set_yticks(range(len(cats)), cats, fontsize=10)
    ax.invert_yaxis()
    ax.set_xlim(-75, 105)
    ax.set_xticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    ax.tick_params(left=False)
    fig.subplots_adjust(top=0.8, bottom=0.08, left=0.26, right=0.97)
    fig.text(0.02, 0.96, "Support for each energy source", fontsize=13, fontweight="bold", va="top")
    res = _read(fig, tmp_path / "ends.png")
    assert res.chart_type == "stacked_bar", (res.chart_type, res.warnings)
    want = {(name, c): float(v) for name, vals in data.items() for c, v in zip(cats, vals)}
    assert _table(res) == want
