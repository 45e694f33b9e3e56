"""parse_chart end to end on generated charts with exact data (one OCR pass per image, shared)."""

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from bench.bench_charts import ChartSpec, SeriesSpec, point_f1, render
from seer.context import Context
from seer.errors import InputError
from seer.skills.docs.charts import ParseChartInput, parse_chart
from seer.skills.registry import get

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]
WORDS = ["Retail", "Online", "Export", "Wholesale", "Partner"]

SPECS = {
    "bar": ChartSpec(
        "bar",
        [SeriesSpec("Sales", [12.0, 30.5, 22.0, -8.0, 18.0, 26.0])],
        MONTHS,
        title="Monthly sales",
        y_label="Value",
        legend=False,
        grid=True,
        width=640,
    ),
    "bar_labels_pil": ChartSpec(
        "bar",
        [SeriesSpec("Units", [1500.0, 3200.0, 2100.0, 4100.0])],
        MONTHS[:4],
        style="pil",
        value_labels=True,
        legend=False,
        fmt="k",
        width=640,
    ),
    "bar_rotated_labels": ChartSpec(
        "bar",
        [SeriesSpec("Orders", [310.0, 120.0, 480.0, 260.0, 390.0])],
        WORDS,
        rotate=45,
        style="bmh",
        legend=False,
        width=640,
    ),
    "hbar": ChartSpec(
        "hbar",
        [SeriesSpec("Score", [40.0, 72.0, 55.0, 90.0])],
        ["North", "South", "East", "West"],
        style="ggplot",
        legend=False,
        fmt="%",
        width=640,
    ),
    "grouped_bar": ChartSpec(
        "grouped_bar",
        [SeriesSpec("Plan", [20.0, 35.0, 30.0, 45.0]), SeriesSpec("Actual", [25.0, 28.0, 33.0, 50.0])],
        ["Q1", "Q2", "Q3", "Q4"],
        style="seaborn-v0_8-whitegrid",
        width=640,
    ),
    "stacked_bar": ChartSpec(
        "stacked_bar",
        [SeriesSpec("Online", [10.0, 20.0, 15.0, 25.0]), SeriesSpec("Retail", [30.0, 15.0, 25.0, 10.0])],
        ["2021", "2022", "2023", "2024"],
        style="dark_background",
        width=640,
    ),
    "line": ChartSpec(
        "line",
        [SeriesSpec("Visits", [120.0, 180.0, 150.0, 240.0, 210.0, 300.0])],
        MONTHS,
        title="Traffic",
        legend=False,
        grid=True,
        width=640,
    ),
    "multi_line_log": ChartSpec(
        "multi_line",
        [SeriesSpec("Alpha", [3.0, 40.0, 250.0, 900.0, 2000.0]), SeriesSpec("Beta", [10.0, 15.0, 60.0, 80.0, 500.0])],
        ["2019", "2020", "2021", "2022", "2023"],
        log=True,
        style="classic",
        width=640,
    ),
    "area": ChartSpec(
        "area",
        [SeriesSpec("Mobile", [20.0, 25.0, 30.0, 28.0, 35.0]), SeriesSpec("Desktop", [30.0, 28.0, 26.0, 30.0, 27.0])],
        MONTHS[:5],
        width=640,
    ),
    "scatter": ChartSpec(
        "scatter",
        [
            SeriesSpec(
                "Trial", [5.0, 12.0, 30.0, 22.0, 41.0, 8.0, 35.0, 18.0], [2.0, 15.0, 31.0, 44.0, 58.0, 67.0, 80.0, 93.0]
            )
        ],
        legend=False,
        width=640,
    ),
    "pie": ChartSpec(
        "pie",
        [SeriesSpec("share", [45.0, 25.0, 20.0, 10.0])],
        ["Rent", "Food", "Travel", "Other"],
        value_labels=True,
        legend=False,
        title="Budget",
        width=560,
    ),
    "pie_legend_pil": ChartSpec(
        "pie", [SeriesSpec("share", [50.0, 30.0, 20.0])], ["North", "South", "East"], style="pil", width=560
    ),
}


@pytest.fixture(scope="session")
def charts(tmp_path_factory):
    d = tmp_path_factory.mktemp("charts")
    out = {}
    for name, spec in SPECS.items():
        path = d / f"{name}.png"
        path.write_bytes(render(spec))
        out[name] = (spec, parse_chart(ParseChartInput(image=str(path)), Context()), path)
    return out


@pytest.mark.parametrize(
    "name, min_f1",
    [
        ("bar", 0.99),
        ("bar_labels_pil", 0.99),
        ("bar_rotated_labels", 0.99),
        ("hbar", 0.99),
        ("grouped_bar", 0.99),
        ("stacked_bar", 0.99),
        ("line", 0.99),
        ("multi_line_log", 0.8),
        ("area", 0.8),
        ("scatter", 0.9),
        ("pie", 0.99),
        ("pie_legend_pil", 0.99),
    ],
)
def test_chart_type_and_values(charts, name, min_f1):
    spec, res, _ = charts[name]
    assert res.chart_type == spec.chart_type, res.warnings
    assert point_f1(spec, res) >= min_f1, res.markdown


def test_bar_reads_negatives_title_and_categories(charts):
    _, res, _ = charts["bar"]
    pts = res.series[0].points
    assert [p.x for p in pts] == MONTHS
    assert pts[3].y == pytest.approx(-8.0, abs=0.6)
    assert res.title == "Monthly sales"
    assert 0.5 < res.confidence <= 1


def test_printed_value_labels_win(charts):
    _, res, _ = charts["bar_labels_pil"]
    assert [p.y for p in res.series[0].points] == [1500.0, 3200.0, 2100.0, 4100.0]  # exact: read from the labels


def test_legend_names_series(charts):
    for name, names in (
        ("grouped_bar", {"Plan", "Actual"}),
        ("stacked_bar", {"Online", "Retail"}),
        ("area", {"Mobile", "Desktop"}),
    ):
        _, res, _ = charts[name]
        assert {s.name for s in res.series} == names


def test_log_axis_is_reported(charts):
    _, res, _ = charts["multi_line_log"]
    assert any("log" in w for w in res.warnings)


def test_pie_percentages_sum_to_100(charts):
    _, res, _ = charts["pie"]
    assert sum(p.y for p in res.series[0].points) == pytest.approx(100, abs=1.5)
    assert {p.x for p in res.series[0].points} == {"Rent", "Food", "Travel", "Other"}


def test_csv_and_markdown_hold_the_table(charts):
    _, res, _ = charts["grouped_bar"]
    rows = res.csv.strip().splitlines()
    assert rows[0].split(",")[0] == "x" and len(rows) == 5
    assert res.markdown.count("\n") == 5 and "Q3" in res.markdown


def test_skill_writes_csv(charts, tmp_path):
    _, _, path = charts["line"]
    out = tmp_path / "t.csv"
    res = get("chart").invoke({"image": str(path), "output": str(out)})
    assert out.read_text() == res.csv and "Jun" in res.csv


def test_photo_is_refused(tmp_path):
    rng = np.random.default_rng(3)
    small = rng.integers(0, 255, (12, 16, 3)).astype(np.uint8)
    photo = Image.fromarray(small).resize((640, 480), Image.BICUBIC)
    noise = rng.normal(0, 12, (480, 640, 3))
    arr = np.clip(np.asarray(photo, dtype=float) + noise, 0, 255).astype(np.uint8)
    path = tmp_path / "photo.jpg"
    Image.fromarray(arr).save(path, quality=85)
    res = parse_chart(ParseChartInput(image=str(path)), Context())
    assert res.chart_type == "other" and res.series == [] and "photo" in res.warnings[0]


def test_table_image_is_refused(tmp_path):
    img = Image.new("RGB", (560, 260), "white")
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 16)
    rows = [
        ["Region", "Q1", "Q2", "Q3"],
        ["North", "1,204", "988", "1,530"],
        ["South", "733", "1,912", "604"],
        ["East", "2,045", "377", "1,118"],
        ["West", "59", "1,420", "870"],
    ]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            d.text((20 + 130 * c, 20 + 45 * r), cell, fill="black", font=font)
        d.line([(10, 52 + 45 * r), (550, 52 + 45 * r)], fill=(160, 160, 160))
    path = tmp_path / "table.png"
    img.save(path)
    res = parse_chart(ParseChartInput(image=str(path)), Context())
    assert res.chart_type == "other" and res.series == []
    assert "table" in " ".join(res.warnings)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        parse_chart(ParseChartInput(image=str(tmp_path / "nope.png")), Context())


def test_numeric_legend_names_a_grouped_bar_chart(tmp_path):
    """Series named by year ("2024", "2025"): the legend's numbers are names, not ticks or values."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cats, y24, y25 = ["Q1", "Q2", "Q3", "Q4"], [12.5, 14, 15.5, 18], [13, 16.5, 17, 21.5]
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=100)
    x = np.arange(len(cats))
    ax.bar(x - 0.2, y24, 0.4, label="2024")
    ax.bar(x + 0.2, y25, 0.4, label="2025")
    ax.set_xticks(x, cats)
    ax.set_title("Revenue by quarter")
    ax.set_ylabel("Revenue ($M)")
    ax.legend()
    path = tmp_path / "revenue.png"
    fig.savefig(path)
    plt.close(fig)
    res = parse_chart(ParseChartInput(image=str(path)), Context())
    assert res.chart_type == "grouped_bar", res.warnings
    assert res.title == "Revenue by quarter"
    got = {s.name: {p.x: p.y for p in s.points} for s in res.series}
    assert sorted(got) == ["2024", "2025"]
    for name, ys in (("2024", y24), ("2025", y25)):
        assert list(got[name]) == cats
        assert all(abs(got[name][c] - y) <= 0.05 * y for c, y in zip(cats, ys)), got[name]


def test_a_chart_without_any_text_still_answers(tmp_path):
    """Bars with no title, ticks, labels or legend: OCR finds nothing, and the reading says so
    instead of failing inside the parser."""
    img = Image.new("RGB", (480, 320), "white")
    d = ImageDraw.Draw(img)
    d.line([(40, 280), (440, 280)], fill=(60, 60, 60), width=2)
    for i, h in enumerate((120, 200, 90, 160)):
        d.rectangle([70 + 90 * i, 280 - h, 120 + 90 * i, 279], fill=(66, 114, 196))
    path = tmp_path / "bare.png"
    img.save(path)
    res = parse_chart(ParseChartInput(image=str(path)), Context())
    assert res.chart_type in ("bar", "other") and res.warnings
