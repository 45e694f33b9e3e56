"""Published-style charts from a third renderer: plotly.js (the copy inside the `plotly` wheel)
drawn by Debian's Chromium through playwright, offline. The same specs as the Vega-Lite family
(value labels on the marks, no value axis, a title, a source line, stacked percent bars labelled
inside under a legend row, lines labelled in their colour and named at their end, pies labelled
"Name" over "NN%"), in plotly's own look. The truth is the data that was plotted.

    shots = render_plotly(specs)   # [(spec, png bytes)]
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from bench.bench_charts import ChartSpec
from bench.published_charts import KINDS, PALETTES, make_published, score_published

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SOURCE = "Source: National survey, 2023. Figures may not add to 100%."


def _figure(spec: ChartSpec, colours: list[str]) -> dict:
    """The plotly figure (data and layout) for one spec."""
    cats = spec.categories or []
    text = [[f"{y:,.0f}" for y in s.ys] for s in spec.series]
    layout = {
        "title": {"text": f"<b>{spec.title}</b>", "x": 0.02, "font": {"size": 17}},
        "font": {"family": "DejaVu Sans", "size": 13},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "showlegend": False,
        "width": 640,
        "height": 420,
        "margin": {"l": 40, "r": 40, "t": 70, "b": 80},
        "annotations": [
            {
                "text": SOURCE,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.2,
                "showarrow": False,
                "xanchor": "left",
                "font": {"size": 11, "color": "#777777"},
            }
        ],
    }
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    if spec.kind == "pie":
        s = spec.series[0]
        data = [
            {
                "type": "pie",
                "labels": cats,
                "values": s.ys,
                "sort": False,
                "direction": "clockwise",
                "rotation": 0,
                "marker": {"colors": colours + ["#999999", "#cccccc"], "line": {"color": "white", "width": 1}},
                "texttemplate": "%{label}<br>%{value:.0f}%",
                "textposition": "inside",
                "insidetextorientation": "horizontal",
                "textfont": {"size": 13},
            }
        ]
        return {"data": data, "layout": layout}
    if spec.kind in ("bar", "grouped_bar"):
        data = [
            {
                "type": "bar",
                "x": cats,
                "y": s.ys,
                "name": s.name,
                "text": t,
                "textposition": "outside",
                "marker": {"color": colours[k]},
                "cliponaxis": False,
            }
            for k, (s, t) in enumerate(zip(spec.series, text))
        ]
        layout.update(
            yaxis=hidden,
            xaxis={"type": "category", "showline": True, "linecolor": "#444444"},
            barmode="group",
            showlegend=spec.kind == "grouped_bar",
            legend={"orientation": "h", "x": 0, "y": 1.08},
        )
        return {"data": data, "layout": layout}
    if spec.kind in ("hbar", "stacked_bar"):
        stacked = spec.kind == "stacked_bar"
        data = [
            {
                "type": "bar",
                "orientation": "h",
                "y": cats,
                "x": s.ys,
                "name": s.name,
                "text": t,
                "textposition": "inside" if stacked else "outside",
                "insidetextanchor": "middle",
                "cliponaxis": False,
                "marker": {"color": colours[k]},
                "textfont": {"color": "#111111"},
            }
            for k, (s, t) in enumerate(zip(spec.series, text))
        ]
        layout.update(
            xaxis=hidden,
            yaxis={"type": "category", "autorange": "reversed", "ticksuffix": "  "},
            barmode="stack" if stacked else "group",
            bargap=0.35,
            showlegend=stacked,
            legend={"orientation": "h", "x": 0, "y": 1.1, "traceorder": "normal"},
            margin={"l": 110, "r": 40, "t": 90, "b": 80},
        )
        return {"data": data, "layout": layout}
    # lines: labelled at every point in their colour, named at their end, no legend
    data, notes = [], []
    xs = list(range(len(cats)))
    for k, (s, t) in enumerate(zip(spec.series, text)):
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers+text",
                "x": xs,
                "y": s.ys,
                "text": t,
                "name": s.name,
                "textposition": "top center",
                "line": {"color": colours[k], "width": 2.5},
                "marker": {"size": 7},
                "textfont": {"color": colours[k]},
                "cliponaxis": False,
            }
        )
        notes.append(
            {
                "x": xs[-1],
                "y": s.ys[-1],
                "text": f"<b>{s.name}</b>",
                "showarrow": False,
                "xanchor": "left",
                "xshift": 14,
                "font": {"color": colours[k]},
            }
        )
    layout["annotations"] += notes
    layout.update(
        yaxis=hidden,
        xaxis={"tickmode": "array", "tickvals": xs, "ticktext": cats, "showgrid": False, "zeroline": False},
        margin={"l": 40, "r": 120, "t": 70, "b": 80},
    )
    return {"data": data, "layout": layout}


def render_plotly(specs: list[ChartSpec], seed: int = 5) -> list[tuple[ChartSpec, bytes]]:
    """Each spec drawn by plotly.js in one headless Chromium page."""
    import plotly
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise RuntimeError("Chromium is not installed (tools/system-deps.sh bench)")
    js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    rng = random.Random(seed)
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=FLAGS)
        page = browser.new_page(viewport={"width": 680, "height": 460})
        page.set_content("<html><body style='margin:0;background:white'><div id='c'></div></body></html>")
        page.add_script_tag(path=str(js))
        for spec in specs:
            fig = _figure(spec, rng.choice(PALETTES))
            page.evaluate(
                f"Plotly.newPlot('c', {json.dumps(fig['data'])}, {json.dumps(fig['layout'])}, {{staticPlot: true}})"
            )
            out.append((spec, page.locator("#c").screenshot()))
        browser.close()
    return out


def run_plotly(quick: bool) -> dict:
    """Point F1 and type accuracy per chart type on plotly charts (skipped without plotly or Chromium)."""
    from bench.bench_charts import OUT

    try:
        import playwright  # noqa: F401
        import plotly  # noqa: F401
    except ImportError:
        return {"skipped": "plotly or playwright is not installed (pip install -e '.[bench]')"}
    rng = random.Random(13)
    specs = [make_published(kind, rng) for kind in KINDS for _ in range(2 if quick else 6)]
    try:
        shots = render_plotly(specs)
    except RuntimeError as exc:
        return {"skipped": str(exc)}
    OUT.mkdir(parents=True, exist_ok=True)
    charts = []
    for i, (spec, png) in enumerate(shots):
        path = OUT / f"plotly_{spec.kind}_{i}.png"
        path.write_bytes(png)
        charts.append((spec, path))
    return score_published("plotly.js in Chromium", charts)


if __name__ == "__main__":
    run_plotly(quick=True)
