"""Charts read from the numbers printed on them, drawn as reports publish them: no value axis,
labels on the marks, legends as column headers, a title and a source line that are not data."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from seer.context import Context  # noqa: E402
from seer.skills.docs.charts import ParseChartInput, parse_chart  # noqa: E402
from seer.skills.docs.charts.tick_format import parse_number  # noqa: E402

COLOURS = ["#1f4e79", "#9dc3e6", "#c55a11"]


def _page(fig, title: str, source: str):
    fig.text(0.02, 0.97, title, fontsize=13, fontweight="bold", va="top")
    fig.text(0.02, 0.02, source, fontsize=9, color="#777777")


def _save(fig, path):
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return parse_chart(ParseChartInput(image=str(path)), Context())


def _table(res) -> dict[tuple[str, str], float]:
    return {(s.name, str(p.x)): p.y for s in res.series for p in s.points}


@pytest.fixture(scope="module")
def stacked(tmp_path_factory):
    cats = ["Zorvex", "Quillon", "Marbeth", "Tessaly"]
    data = {"Agree": [52, 38, 61, 27], "Unsure": [17, 24, 9, 31], "Oppose": [31, 38, 30, 42]}
    fig, ax = plt.subplots(figsize=(5.2, 3.6))
    left = [0] * len(cats)
    for (name, vals), colour in zip(data.items(), COLOURS):
        ax.barh(range(len(cats)), vals, left=left, color=colour, height=0.6)
        for i, (v, l0) in enumerate(zip(vals, left)):
            ax.text(
                l0 + v / 2,
                i,
                str(v),
                ha="center",
                va="center",
                fontsize=10,
                color="white" if colour != COLOURS[1] else "black",
            )
        ax.text(
            sum(left) / len(left) + sum(vals) / len(vals) / 2, -0.75, name, ha="center", fontsize=10
        )  # column header
        left = [a + b for a, b in zip(left, vals)]
    ax.set_yticks(range(len(cats)), cats)
    ax.invert_yaxis()
    ax.set_xticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    ax.tick_params(left=False)
    fig.subplots_adjust(top=0.78, bottom=0.12, left=0.2)
    _page(fig, "Views of the Velmar plan", "Source: Survey of 1,204 adults, Nov. 3-9.")
    return cats, data, _save(fig, tmp_path_factory.mktemp("printed") / "stacked.png")


def test_stacked_percent_bars_are_read_from_their_labels(stacked):
    cats, data, res = stacked
    assert res.chart_type == "stacked_bar", res.warnings
    got = _table(res)
    want = {(name, c): float(v) for name, vals in data.items() for c, v in zip(cats, vals)}
    assert got == want


def test_title_and_source_line_are_not_data(stacked):
    _, _, res = stacked
    names = {s.name for s in res.series} | {str(p.x) for s in res.series for p in s.points}
    assert not any("Source" in n or "Velmar" in n or "1,204" in n for n in names)
    assert all(p.y != 1204 for s in res.series for p in s.points)
    assert res.title and "Velmar" in res.title


def test_line_labels_in_series_colours_without_a_y_axis(tmp_path):
    years = [2011, 2013, 2015, 2017, 2019]
    lines = {"Corvane": [34, 41, 38, 47, 44], "Ostrel": [71, 66, 69, 62, 64]}
    fig, ax = plt.subplots(figsize=(5.6, 3.6))
    for (name, ys), colour in zip(lines.items(), ["#d9822b", "#4d7c0f"]):
        ax.plot(years, ys, color=colour, lw=2, marker="o", ms=4)
        for x, y in zip(years, ys):
            ax.text(x, y + 3, str(y), color=colour, ha="center", fontsize=10)
        ax.text(years[-1] + 0.9, ys[-1], name, color=colour, fontsize=10, fontweight="bold", va="center")
    ax.set_xlim(2010.5, 2021.5)
    res = _year_lines(
        fig, ax, years, (20, 85), 0.16, "Trust in the Harwick council", "Source: Annual panel.", tmp_path / "line.png"
    )
    assert res.chart_type == "line", res.warnings
    want = {(n, str(x)): float(y) for n, ys in lines.items() for x, y in zip(years, ys)}
    assert _table(res) == want


def _year_lines(fig, ax, years, ylim, bottom, title, source, path):
    """A line chart's finish: year ticks only, no value axis, open frame, then read."""
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_yticks([])
    ax.set_ylim(*ylim)
    for k in ("left", "right", "top"):
        ax.spines[k].set_visible(False)
    fig.subplots_adjust(top=0.82, bottom=bottom)
    _page(fig, title, source)
    return _save(fig, path)


def test_crossing_lines_named_in_their_colours_over_two_lines(tmp_path):
    """Two lines that cross, each named in its colour with the name wrapped over two lines: the
    name is both lines, and each label goes to the line of its colour, not the nearer one."""
    years = [2012, 2014, 2016, 2018, 2020]
    lines = {
        "Tenants in the Velcourt district": [58, 57, 44, 39, 47],
        "Owners in the Velcourt district": [36, 38, 49, 55, 50],
    }
    fig, ax = plt.subplots(figsize=(5.8, 3.8))
    for (name, ys), colour, dy in zip(lines.items(), ["#b8452e", "#2c5d8f"], [-20, 20]):
        ax.plot(years, ys, color=colour, lw=2, marker="o", ms=5, markerfacecolor="white")
        for x, y in zip(years, ys):
            ax.text(x, y + (4 if dy > 0 else -7), str(y), color=colour, ha="center", fontsize=10)
        first, second = name.split(" in ")
        ax.text(
            2016,
            ys[2] + dy,
            f"{first} in\n{second}",
            color=colour,
            ha="center",
            fontsize=10,
            fontweight="bold",
            va="center",
            linespacing=1.1,
        )
    res = _year_lines(
        fig, ax, years, (5, 95), 0.12, "Housing costs in Velcourt", "Source: City survey.", tmp_path / "crossing.png"
    )
    assert res.chart_type == "line", res.warnings
    want = {(n, str(x)): float(y) for n, ys in lines.items() for x, y in zip(years, ys)}
    assert _table(res) == want


def test_pie_shares_are_the_printed_numbers(tmp_path):
    parts = {"Brindle": 46, "Sorrel": 29, "Juniper": 17, "Other": 8}
    fig, ax = plt.subplots(figsize=(4.4, 4.4))
    wedges, _ = ax.pie(
        list(parts.values()), colors=["#2e75b6", "#f4b183", "#a9d18e", "#bfbfbf"], startangle=90, counterclock=False
    )
    for w, (name, v) in zip(wedges, parts.items()):
        import math

        a = math.radians((w.theta1 + w.theta2) / 2)
        ax.text(0.62 * math.cos(a), 0.62 * math.sin(a), f"{name}\n{v}%", ha="center", va="center", fontsize=10)
    fig.subplots_adjust(top=0.85)
    _page(fig, "Which tea do you drink?", "Source: Kettle poll.")
    res = _save(fig, tmp_path / "pie.png")
    assert res.chart_type == "pie", res.warnings
    assert {str(p.x): p.y for p in res.series[0].points} == {k: float(v) for k, v in parts.items()}


def test_columns_without_an_axis_keep_thousands_separators(tmp_path):
    cats = ["Arlo", "Bexley", "Corran", "Dunmore", "Elsby"]
    vals = [23738, 18402, 30155, 9870, 26011]
    fig, ax = plt.subplots(figsize=(5.6, 3.6))
    ax.bar(cats, vals, color="#2f5597", width=0.6)
    for i, v in enumerate(vals):
        ax.text(i, v + 600, f"{v:,}".replace(",", " "), ha="center", fontsize=10)
    ax.set_yticks([])
    for k in ("left", "right", "top"):
        ax.spines[k].set_visible(False)
    fig.subplots_adjust(top=0.84)
    _page(fig, "Registrations by town", "Source: Register office.")
    res = _save(fig, tmp_path / "bars.png")
    assert res.chart_type == "bar", res.warnings
    assert _table(res) == {(res.series[0].name, c): float(v) for c, v in zip(cats, vals)}


@pytest.mark.parametrize(
    "text, value", [("23 738", 23738.0), ("1,2k", 1200.0), ("3,5%", 3.5), ("1,200", 1200.0), ("-4,5", -4.5)]
)
def test_printed_number_formats(text, value):
    assert parse_number(text) == value


def test_labels_in_plain_ink_join_the_series_their_category_lacks():
    """Series by label colour survive a few labels whose ink could not be read (a label on its
    own line's marker): each joins the one series missing from its category."""
    import numpy as np

    from seer.perception.geometry import Box
    from seer.skills.docs.charts.printed_series import Value, ink_clusters

    red, blue = np.array([190, 60, 40]), np.array([60, 100, 140])
    rows = [("A", 50, red, 47, blue), ("B", 46, red, 54, blue), ("C", 55, red, 68, None), ("D", 66, None, 57, blue)]
    values = []
    for k, (cat, a, ca, b, cb) in enumerate(rows):
        for v, c, y in ((a, ca, 100 - a), (b, cb, 100 - b)):  # placed by value, so the lines cross
            values.append(Value(float(v), Box(40 * k, y, 40 * k + 14, y + 8), None, c, cat=cat))
    assert ink_clusters(values) == 2
    series = {(v.cat, v.value): v.series for v in values}
    assert series[("C", 68)] == series[("B", 54)] and series[("D", 66)] == series[("A", 50)]


def _columns(path, cats, values, labels):
    fig, ax = plt.subplots(figsize=(8, 4.6))
    ax.bar(range(len(cats)), values, color="#2b6fd6", width=0.7)
    for i, (v, t) in enumerate(zip(values, labels)):
        ax.text(i, v * 1.01, t, ha="center", va="bottom", fontsize=9, fontweight="bold", color="#333333")
    ax.set_xticks(range(len(cats)), cats, fontsize=9)
    ax.set_ylim(0, max(values) * 1.25)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{int(v):,}".replace(",", " ")))
    ax.grid(axis="y", color="#dddddd")
    for k in ("top", "right"):
        ax.spines[k].set_visible(False)
    fig.tight_layout()
    return _save(fig, path)


def test_close_values_in_a_row_are_values_and_a_footnoted_year_is_a_category(tmp_path):
    """Values within a few percent of each other line up like a log axis's ticks would, if equal
    ratios were enough; and '2024*' (a forecast) stays in the row of years."""
    cats = ["2019", "2020", "2021", "2022", "2023", "2024*"]
    values = [418_658, 419_246, 415_585, 421_870, 434_501, 467_499]
    res = _columns(tmp_path / "close.png", cats, values, [f"{v:,}".replace(",", " ") for v in values])
    assert res.chart_type == "bar", res.warnings
    got = {str(p.x): p.y for s in res.series for p in s.points}
    assert got == {c: float(v) for c, v in zip(cats, values)}


def test_category_labels_wrapped_over_three_lines_are_whole(tmp_path):
    cats = ["Harbour\nfreight\nterminals", "Cargo\nyards", "Inland\nwaterway\nports", "Airports", "Pipeline\nhubs"]
    values = [79, 64, 58, 41, 33]
    res = _columns(tmp_path / "wrapped.png", cats, values, [str(v) for v in values])
    got = {str(p.x): p.y for s in res.series for p in s.points}
    assert got == {c.replace("\n", " "): float(v) for c, v in zip(cats, values)}


def test_a_column_of_totals_at_the_right_edge_is_data_not_icon_buttons():
    """Publisher pages put share and print buttons at the right edge (OCR reads them as '99', 'B');
    a column of four or more numbers there is a totals column."""
    import numpy as np

    from seer.perception.geometry import Box
    from seer.perception.ocr import TextLine
    from seer.skills.docs.charts.chrome import chrome_lines

    page = np.full((300, 400, 3), 255, np.uint8)
    totals = [
        TextLine(t, Box(372, 60 + 30 * k, 390, 70 + 30 * k), 0.99) for k, t in enumerate(["95", "86", "85", "79", "70"])
    ]
    rows = [
        TextLine(t, Box(10, 60 + 30 * k, 80, 70 + 30 * k), 0.99)
        for k, t in enumerate(["Arvel", "Bostrum", "Cindermoor", "Dalk", "Esk"])
    ]
    assert not chrome_lines(rows + totals, page) & set(range(len(rows), len(rows) + len(totals)))
    icons = [TextLine(t, Box(380, 40 + 40 * k, 394, 52 + 40 * k), 0.9) for k, t in enumerate(["99", "B", "5"])]
    assert chrome_lines(rows + icons, page) >= set(range(len(rows), len(rows) + len(icons)))


def test_line_labels_over_two_digit_year_ticks_without_a_y_axis(tmp_path):
    """Years written '96 '00 '04 under the lines: a row of numbers that names the columns, not values."""
    years = [1996, 2000, 2004, 2008, 2012]
    lines = {"Louder": [58, 47, 66, 51, 69], "Quieter": [22, 31, 18, 27, 15]}
    fig, ax = plt.subplots(figsize=(4.4, 3.4))
    for (name, ys), colour in zip(lines.items(), ["#b07d1a", "#5b7fb0"]):
        ax.plot(years, ys, color=colour, lw=2.5, marker="o", ms=5)
        for x, y in zip(years, ys):
            ax.text(x, y + 5, str(y), color=colour, ha="center", fontsize=10)
        ax.text(
            2004,
            ys[2] + (14 if name == "Louder" else -14),
            name,
            color=colour,
            ha="center",
            fontsize=10,
            fontweight="bold",
        )
    ax.set_xlim(1994.5, 2013.5)
    ax.set_xticks(years, [f"{y % 100:02d}" for y in years])
    ax.set_yticks([])
    ax.set_ylim(0, 95)
    for k in ("left", "right", "top"):
        ax.spines[k].set_visible(False)
    fig.subplots_adjust(top=0.82, bottom=0.14)
    _page(fig, "Noise at the Harwick fair", "Source: Fair survey.")
    res = _save(fig, tmp_path / "short_years.png")
    assert res.chart_type == "line", res.warnings
    want = {(n, f"{x % 100:02d}"): float(y) for n, ys in lines.items() for x, y in zip(years, ys)}
    assert _table(res) == want


def test_diverging_bars_with_values_outside_their_ends(tmp_path):
    """Pew-style diverging bars: the negative side drawn left of a centre line, each number printed
    beyond its bar's end, so a long category name reaches past where a short row's numbers start."""
    cats = ["All voters", "Follow closely", "Mostly rural counties", "Large cities", "Suburbs"]
    data = {"Poor job": [51, 42, 71, 34, 52], "Fair job": [47, 58, 27, 64, 46]}
    fig, ax = plt.subplots(figsize=(5.6, 3.8))
    for name, vals, colour, sign in (
        ("Poor job", data["Poor job"], "#8a9a2c", -1),
        ("Fair job", data["Fair job"], "#1f3d7a", 1),
    ):
        ax.barh(range(len(cats)), [sign * v for v in vals], color=colour, height=0.55)
        for i, v in enumerate(vals):
            ax.text(sign * (v + 3), i, str(v), ha="right" if sign < 0 else "left", va="center", fontsize=10)
        ax.text(sign * 22, -0.85, name, ha="center", fontsize=10, color="#333333")  # the legend as a column header
    ax.set_yticks(range(len(cats)), cats, fontsize=10)
    ax.invert_yaxis()
    ax.set_xlim(-90, 75)
    ax.set_xticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    ax.tick_params(left=False)
    fig.subplots_adjust(top=0.78, bottom=0.1, left=0.3, right=0.97)
    _page(fig, "How the council handled the flood", "Source: Regional poll, May 2-9.")
    res = _save(fig, tmp_path / "diverging.png")
    assert res.chart_type == "stacked_bar", res.warnings
    got = _table(res)
    want = {(name, c): float(v) for name, vals in data.items() for c, v in zip(cats, vals)}
    assert got == want, (res.chart_type, res.warnings)


def test_values_at_the_right_edge_beside_their_bars_are_not_icon_buttons(tmp_path):
    """The longest bars' numbers end at the image's right edge, where a publisher's icon buttons sit."""
    cats = ["Listened to carefully", "Doctor really cared", "Got the information", "Felt rushed", "Were confused"]
    vals = [87, 85, 80, 23, 15]
    fig, ax = plt.subplots(figsize=(4.2, 3.2))
    ax.barh(range(len(cats)), vals, color="#1f3d6b", height=0.6)
    for i, v in enumerate(vals):
        ax.text(v + 2, i, str(v), va="center", fontsize=10)
    ax.set_yticks(range(len(cats)), cats, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 86)  # the two longest bars' numbers start past 92% of the width
    ax.set_xticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    ax.tick_params(left=False)
    fig.subplots_adjust(top=0.85, bottom=0.1, left=0.38, right=0.92)
    _page(fig, "Most felt listened to", "Source: Patient survey.")
    res = _save(fig, tmp_path / "edge.png")
    assert res.chart_type == "hbar", res.warnings
    assert {str(p.x): p.y for s in res.series for p in s.points} == {c: float(v) for c, v in zip(cats, vals)}


def test_value_axis_ticks_on_a_pale_plot_background_are_not_values(tmp_path):
    """Columns with their numbers printed over them, on a pale blue plot (OECD style), with a value
    axis whose tick labels sit on that background: the ticks are no data."""
    cats, vals = ["Arlo", "Bexley", "Corran"], [37.3, 59.3, 61.3]
    fig, ax = plt.subplots(figsize=(8.6, 5.0))
    ax.set_facecolor("#dee9f1")
    fig.patch.set_facecolor("white")
    ax.bar(range(3), vals, color=["#e0521f", "#138fd9", "#983586"], width=0.65)
    for i, v in enumerate(vals):
        ax.text(i, v + 1, f"{v}", ha="center", fontsize=9, fontweight="bold")
    ax.set_xticks(range(3), cats, rotation=45, fontsize=9)
    ax.set_yticks(range(0, 70, 10))
    ax.tick_params(axis="y", direction="in", pad=-22, labelsize=9, length=0)
    ax.grid(axis="y", color="white")
    ax.set_axisbelow(True)
    for side in ax.spines.values():
        side.set_visible(False)
    fig.text(0.02, 0.95, "Stocks held abroad, % of GDP", fontsize=13)
    res = _save(fig, tmp_path / "pale.png")
    assert res.chart_type == "bar", res.warnings
    assert [p.y for s in res.series for p in s.points] == vals


def test_category_names_that_end_in_a_small_number_keep_it(tmp_path):
    """ "Route 9" is a name, not the label "Route" with the value 9 beside it."""
    cats, vals = ["Harbour Line", "Route 9", "Crosstown", "Line 4", "Night Bus"], [512.3, 465.0, 372.5, 269.1, 237.1]
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    ax.barh(range(len(cats)), vals, color="#2b6fd6", height=0.6)
    for i, v in enumerate(vals):
        ax.text(v + 6, i, f"{v:.1f}", va="center", fontsize=9, fontweight="bold")
    ax.set_yticks(range(len(cats)), cats, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 600)
    ax.set_xticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    ax.tick_params(left=False)
    fig.subplots_adjust(left=0.2, right=0.95, top=0.85, bottom=0.08)
    _page(fig, "Riders per day", "Source: Transit office.")
    res = _save(fig, tmp_path / "names.png")
    assert res.chart_type == "hbar", res.warnings
    assert {str(p.x): p.y for s in res.series for p in s.points} == dict(zip(cats, vals))


def test_a_point_without_its_number_is_measured_on_the_printed_numbers_scale(tmp_path):
    """No value axis and one point's number left off: the other numbers set the scale and the
    traced line gives the missing point."""
    years = [2010, 2011, 2012, 2013, 2014, 2015, 2016]
    ys = [34, 41, 38, 47, 44, 52, 49]
    fig, ax = plt.subplots(figsize=(5.6, 3.6))
    ax.plot(years, ys, color="#2c5d8f", lw=2, marker="o", ms=4)
    for x, y in zip(years, ys):
        if x != 2013:
            ax.text(x, y + 2.5, str(y), color="#2c5d8f", ha="center", fontsize=10)
    res = _year_lines(
        fig, ax, years, (20, 65), 0.16, "Members of the Harwick club", "Source: Club records.", tmp_path / "gap.png"
    )
    assert res.chart_type == "line", res.warnings
    got = {str(p.x): p.y for s in res.series for p in s.points}
    assert {k: v for k, v in got.items() if k != "2013"} == {str(x): float(y) for x, y in zip(years, ys) if x != 2013}
    assert abs(got["2013"] - 47) <= 0.05 * 47, got


@pytest.mark.parametrize(
    "ticks, axis",
    [([0, 2, 3, 5], True), ([0, 20, 40, 80, 100], True), ([61, 71, 76], False), ([55, 61, 71, 76], False)],
)
def test_ticks_with_some_unread_step_by_one_round_amount(ticks, axis):
    """A value axis with ticks left unread still steps by a round amount from a multiple of it;
    a column of printed values that happens to fit a straight scale does not."""
    from seer.skills.docs.charts.printed_chart import _multiples

    assert _multiples([float(t) for t in ticks]) is axis
