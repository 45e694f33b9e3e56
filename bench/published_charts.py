"""Published-style charts from a renderer other than matplotlib: Vega-Lite through vl-convert
(no browser). Styled as reports print them: value labels on the marks, no value axis, a title,
a subtitle and a source line; stacked percent bars labelled inside, headed by their legend;
lines labelled at every point in their own colour and named at their end; pies labelled
"Name NN%". The truth is the data that was plotted.

    png = render_vega(spec)   # spec: bench_charts.ChartSpec
"""

from __future__ import annotations

import json
import random

from bench.bench_charts import ChartSpec, SeriesSpec

KINDS = ("bar", "hbar", "grouped_bar", "stacked_bar", "line", "pie")
PALETTES = (
    ["#1f5a8c", "#8fb7d9", "#c9c9c9", "#e3a33b"],
    ["#3d6b35", "#a4c28c", "#d9a441", "#7f4f8f"],
    ["#b03a2e", "#f0b27a", "#5d6d7e", "#48c9b0"],
)
PLACES = ["Canada", "Brazil", "Kenya", "Norway", "Japan", "Chile", "Poland", "India"]
GROUPS = ["All adults", "Ages 18-29", "Ages 30-49", "Ages 50-64", "Ages 65+", "Women", "Men"]
ANSWERS = [["Approve", "Disapprove"], ["Agree", "Neither", "Disagree"], ["Very", "Somewhat", "Not too", "Not at all"]]
PARTS = ["Housing", "Transport", "Food", "Health", "Leisure", "Savings"]


def make_published(kind: str, rng: random.Random) -> ChartSpec:
    """A chart as a report would print it, with rounded values (what a reader can read back)."""
    if kind in ("bar", "hbar"):
        n = rng.randint(4, 7)
        cats = [str(2015 + i) for i in range(n)] if kind == "bar" and rng.random() < 0.5 else rng.sample(PLACES, n)
        scale = rng.choice([1, 10, 1000])
        ys = [float(round(rng.uniform(0.1, 1.0) * 90 * scale)) for _ in cats]
        return ChartSpec(
            kind, [SeriesSpec("value", ys)], cats, title="How much was spent", value_labels=True, legend=False
        )
    if kind == "grouped_bar":
        cats = rng.sample(PLACES, rng.randint(3, 5))
        names = ["2019", "2023"] if rng.random() < 0.5 else ["Urban", "Rural"]
        series = [SeriesSpec(nm, [float(rng.randint(5, 95)) for _ in cats]) for nm in names]
        return ChartSpec(kind, series, cats, title="Share with access", value_labels=True)
    if kind == "stacked_bar":
        cats = rng.sample(GROUPS, rng.randint(3, 6))
        answers = rng.choice(ANSWERS)
        rows = []
        for _ in cats:
            cuts = sorted(rng.sample(range(8, 92), len(answers) - 1))
            parts = [b - a for a, b in zip([0] + cuts, cuts + [100])]
            rows.append([float(p) for p in parts])
        series = [SeriesSpec(a, [r[k] for r in rows]) for k, a in enumerate(answers)]
        return ChartSpec(kind, series, cats, title="Views of the new policy", value_labels=True)
    if kind == "line":
        n = rng.randint(6, 9)
        start = rng.choice([2008, 2010, 2012])
        cats = [str(start + i) for i in range(n)]
        names = rng.sample(["Favorable", "Unfavorable", "Rural", "Urban", "Online"], rng.choice([1, 2]))
        series = []
        for k, nm in enumerate(names):  # apart, as published lines are drawn so their labels do not collide
            lo = 12 + 45 * k
            series.append(SeriesSpec(nm, [float(rng.randint(lo, lo + 30)) for _ in cats]))
        return ChartSpec(kind, series, cats, title="Opinion over time", value_labels=True, legend=False)
    n = rng.randint(3, 5)
    cuts = sorted(rng.sample(range(6, 94, 5), n - 1))  # slices of 5% and more: each wide enough for its label
    shares = [float(b - a) for a, b in zip([0] + cuts, cuts + [100])]
    return ChartSpec(
        "pie", [SeriesSpec("share", shares)], rng.sample(PARTS, n), title="Where the money goes", value_labels=True
    )


def _text(ys: list[float]) -> list[str]:
    return [f"{y:,.0f}" for y in ys]


def render_vega(spec: ChartSpec, rng: random.Random | None = None) -> bytes:
    import vl_convert

    rng = rng or random.Random(len(spec.categories or []))
    colours = rng.choice(PALETTES)
    layers, enc, width, height = _layers(spec, colours)
    chart = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": width,
        "height": height,
        "title": {
            "text": spec.title,
            "subtitle": "Survey of adults, share who say each",
            "anchor": "start",
            "fontSize": 15,
            "subtitleColor": "#666666",
            "offset": 14,
        },
        "layer": layers,
        "config": {"view": {"stroke": None}, "font": "DejaVu Sans", "axis": {"labelFontSize": 12}},
    }
    chart.update(enc)
    png = vl_convert.vegalite_to_png(json.dumps(chart), scale=1.5)
    return _with_source(png)


def _with_source(png: bytes) -> bytes:
    """A source line and a publisher mark under the chart, as published charts carry."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    from bench.bench_charts import FONT

    im = Image.open(io.BytesIO(png)).convert("RGB")
    out = Image.new("RGB", (im.width, im.height + 48), "white")
    out.paste(im, (0, 0))
    d = ImageDraw.Draw(out)
    f = ImageFont.truetype(FONT, 13)
    d.text(
        (8, im.height + 6), "Source: National survey, 2023. Figures may not add to 100%.", fill=(120, 120, 120), font=f
    )
    d.text((8, im.height + 26), "RESEARCH DESK", fill=(40, 40, 40), font=ImageFont.truetype(FONT, 12))
    buf = io.BytesIO()
    out.save(buf, "PNG")
    return buf.getvalue()


def _layers(spec: ChartSpec, colours: list[str]) -> tuple[list, dict, int, int]:
    cats = spec.categories or []
    if spec.kind == "pie":
        s = spec.series[0]
        rows = [{"c": c, "v": v, "label": f"{c} {v:.0f}%"} for c, v in zip(cats, s.ys)]
        theta = {"field": "v", "type": "quantitative", "stack": True}
        colour = {
            "field": "c",
            "type": "nominal",
            "legend": None,
            "sort": None,
            "scale": {"range": colours + ["#999999"]},
        }
        return (
            [
                {"mark": {"type": "arc", "outerRadius": 120, "stroke": "white"}},
                {"mark": {"type": "text", "radius": 160, "fontSize": 13}, "encoding": {"text": {"field": "label"}}},
            ],
            {"data": {"values": rows}, "encoding": {"theta": theta, "color": colour, "order": {"field": "i"}}},
            360,
            320,
        )
    rows = []
    for k, s in enumerate(spec.series):
        for i, (c, y) in enumerate(zip(cats, s.ys)):
            rows.append({"c": c, "s": s.name, "v": y, "t": f"{y:,.0f}", "i": i, "k": k})
    colour = {
        "field": "s",
        "type": "nominal",
        "sort": [s.name for s in spec.series],
        "scale": {"range": colours},
        "legend": {"orient": "top", "title": None, "labelFontSize": 12}
        if spec.legend and len(spec.series) > 1
        else None,
    }
    if spec.kind == "stacked_bar":
        ends: dict[str, float] = {}
        for r in rows:
            r["x0"] = ends.get(r["c"], 0.0)
            r["x1"] = r["x0"] + r["v"]
            r["mid"] = (r["x0"] + r["x1"]) / 2
            ends[r["c"]] = r["x1"]
        y = {"field": "c", "type": "nominal", "sort": cats, "title": None, "axis": {"domain": False, "ticks": False}}
        return (
            [
                {
                    "mark": {"type": "bar", "height": 22},
                    "encoding": {
                        "x": {"field": "x0", "type": "quantitative", "axis": None},
                        "x2": {"field": "x1"},
                        "color": colour,
                    },
                },
                {
                    "mark": {"type": "text", "fontSize": 12, "color": "#111111"},
                    "encoding": {"x": {"field": "mid", "type": "quantitative"}, "text": {"field": "t"}},
                },
            ],
            {"data": {"values": rows}, "encoding": {"y": y}},
            380,
            40 * len(cats),
        )
    if spec.kind == "hbar":
        y = {"field": "c", "type": "nominal", "sort": cats, "title": None, "axis": {"domain": False, "ticks": False}}
        x = {"field": "v", "type": "quantitative", "axis": None}
        return (
            [
                {"mark": {"type": "bar", "color": colours[0]}},
                {
                    "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 12},
                    "encoding": {"text": {"field": "t"}},
                },
            ],
            {"data": {"values": rows}, "encoding": {"y": y, "x": x}},
            380,
            34 * len(cats),
        )
    x = {
        "field": "c",
        "type": "ordinal" if spec.kind == "line" else "nominal",
        "sort": cats,
        "title": None,
        "axis": {"labelAngle": 0, "domain": spec.kind != "line", "ticks": False},
    }
    yv = {"field": "v", "type": "quantitative", "axis": None, "scale": {"zero": spec.kind != "line"}}
    if spec.kind == "line":
        last = [r for r in rows if r["i"] == len(cats) - 1]
        for r in last:
            r["name"] = r["s"]
        return (
            [
                {"mark": {"type": "line", "point": True, "strokeWidth": 2}, "encoding": {"color": colour}},
                {
                    "mark": {"type": "text", "dy": -12, "fontSize": 12},
                    "encoding": {"text": {"field": "t"}, "color": colour},
                },
                {
                    "mark": {"type": "text", "align": "left", "dx": 10, "fontSize": 12, "fontWeight": "bold"},
                    "transform": [{"filter": f"datum.i == {len(cats) - 1}"}],
                    "encoding": {"text": {"field": "s"}, "color": colour},
                },
            ],
            {"data": {"values": rows}, "encoding": {"x": x, "y": yv}},
            420,
            240,
        )
    enc = {"x": x, "y": yv}
    if spec.kind == "grouped_bar":
        enc["xOffset"] = {"field": "s", "sort": [s.name for s in spec.series]}
    return (
        [
            {
                "mark": {"type": "bar"},
                "encoding": {"color": colour if spec.kind == "grouped_bar" else {"value": colours[0]}},
            },
            {"mark": {"type": "text", "dy": -8, "fontSize": 12}, "encoding": {"text": {"field": "t"}}},
        ],
        {"data": {"values": rows}, "encoding": enc},
        60 * len(cats) * (len(spec.series)) + 40,
        240,
    )


def run_published(quick: bool) -> dict:
    """Point F1 and type accuracy per chart type on Vega-Lite charts (skipped when vl-convert is absent)."""

    from bench.bench_charts import OUT

    try:
        import vl_convert  # noqa: F401
    except ImportError:
        return {"skipped": "vl-convert-python is not installed (pip install -e '.[dev]')"}
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)

    def charts():
        for kind in KINDS:
            for i in range(2 if quick else 6):
                spec = make_published(kind, rng)
                path = OUT / f"vega_{kind}_{i}.png"
                path.write_bytes(render_vega(spec, rng))
                yield spec, path

    return score_published("Vega-Lite", charts())


def score_published(renderer: str, charts) -> dict:
    """Point F1, type accuracy and median seconds per chart type over (spec, written PNG path) pairs,
    printed as a table; the weakest charts listed."""
    import time

    import numpy as np

    from bench.bench_charts import point_f1
    from seer.context import Context
    from seer.skills.docs.charts import parse_chart
    from seer.skills.docs.charts.schema import ParseChartInput

    ctx, rows, failures = Context(), {}, []
    for spec, path in charts:
        t = time.perf_counter()
        res = parse_chart(ParseChartInput(image=str(path)), ctx)
        r = rows.setdefault(spec.kind, {"f1": [], "type": [], "sec": []})
        r["sec"].append(time.perf_counter() - t)
        r["f1"].append(point_f1(spec, res))
        r["type"].append(res.chart_type == spec.chart_type)
        if r["f1"][-1] < 0.9 or not r["type"][-1]:
            failures.append(f"{path.name}: type {res.chart_type} f1 {r['f1'][-1]:.2f} {res.warnings[:2]}")
    table = {
        k: {
            "n": len(v["f1"]),
            "f1": round(float(np.mean(v["f1"])), 3),
            "type_acc": round(float(np.mean(v["type"])), 3),
            "sec_per_chart": round(float(np.median(v["sec"])), 2),
        }
        for k, v in rows.items()
    }
    print(f"\n| {renderer}, published style | n | point F1 | type accuracy | median s |\n|---|---|---|---|---|")
    for k, v in table.items():
        print(f"| {k} | {v['n']} | {v['f1']:.2f} | {v['type_acc']:.0%} | {v['sec_per_chart']:.2f} |")
    if failures:
        print(f"\nweakest ({renderer}):\n" + "\n".join("- " + f for f in failures[:20]))
    return {"per_type": table, "failures": failures}
