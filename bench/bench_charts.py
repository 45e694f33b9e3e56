"""Chart parsing benchmark: charts with exact data, drawn by matplotlib (many styles) and by a
plain-PIL renderer, read back by `parse_chart`, scored by DePlot-style point F1 and type accuracy.

    python -m bench charts [--quick]

A point matches when its x matches (same category, or within 2% of the x range) and its y is within
5% relative or 1% of the axis range; series are matched by name (ignored for single series).
The tests in tests/charts/ reuse `ChartSpec` and `render`.
"""

from __future__ import annotations

import io
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

OUT = Path(__file__).parent / "out" / "charts"
KINDS = ("bar", "hbar", "grouped_bar", "stacked_bar", "line", "multi_line", "area", "scatter", "pie")
MPL_STYLES = ("default", "ggplot", "seaborn-v0_8-whitegrid", "dark_background", "bmh", "fivethirtyeight", "classic")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WORDS = ["North", "South", "East", "West", "Alpha", "Beta", "Gamma", "Delta", "Retail", "Online", "Export", "Other"]
NAMES = ["Revenue", "Costs", "Profit", "Europe", "Asia", "America", "Plan", "Actual"]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@dataclass
class SeriesSpec:
    name: str
    ys: list[float]
    xs: list[float] | None = None  # scatter and numeric-x lines


@dataclass
class ChartSpec:
    kind: str
    series: list[SeriesSpec]
    categories: list[str] | None = None
    title: str = ""
    x_label: str = ""
    y_label: str = ""
    style: str = "default"  # a matplotlib style, or "pil" for the plain-PIL renderer
    value_labels: bool = False
    legend: bool = True
    grid: bool = False
    rotate: int = 0
    log: bool = False
    fmt: str = "plain"  # plain, k, $, %, M
    width: int = 800

    @property
    def chart_type(self) -> str:
        return "line" if self.kind == "multi_line" else self.kind

    def truth(self) -> list[tuple[str, list[tuple[object, float]]]]:
        if self.kind == "pie":
            total = sum(self.series[0].ys)
            return [(self.series[0].name, [(c, 100 * v / total) for c, v in zip(self.categories, self.series[0].ys)])]
        out = []
        for s in self.series:
            xs = s.xs if s.xs is not None else self.categories
            out.append((s.name, list(zip(xs, s.ys))))
        return out


# ---------------------------------------------------------------- data


def make_spec(kind: str, rng: random.Random, style: str = "default", **over) -> ChartSpec:
    n = rng.randint(4, 7)
    cats = rng.choice([MONTHS[:n], WORDS[:n], [str(2016 + i) for i in range(n)]])
    scale = rng.choice([1, 10, 100, 1000, 50000])
    negative = rng.random() < 0.2 and kind in ("bar", "hbar", "line", "multi_line")

    def vals(k: int) -> list[float]:
        lo = -0.6 if negative else 0.15
        return [round(scale * rng.uniform(lo, 1.0), 2 if scale < 10 else 0) or scale * 0.3 for _ in range(k)]

    nser = {
        "grouped_bar": rng.randint(2, 3),
        "stacked_bar": rng.randint(2, 3),
        "multi_line": rng.randint(2, 3),
        "area": rng.randint(1, 3),
        "scatter": rng.randint(1, 2),
    }.get(kind, 1)
    names = rng.sample(NAMES, nser)
    spec = ChartSpec(
        kind=kind,
        series=[],
        categories=cats,
        style=style,
        width=rng.choice([480, 640, 800, 1000, 1280, 1600]),
        title=rng.choice(["", "Quarterly results", "Sales by region", "Growth 2024"]),
        x_label=rng.choice(["", "Month", "Region"]),
        y_label=rng.choice(["", "Value"]),
        value_labels=rng.random() < 0.35,
        grid=rng.random() < 0.5,
        legend=nser > 1 or rng.random() < 0.3,
        rotate=rng.choice([0, 0, 0, 45]) if kind != "hbar" else 0,
        fmt=rng.choice(["plain", "plain", "$", "%"] + (["k"] if scale >= 1000 else [])),
    )
    if kind == "scatter":
        spec.categories = None
        for nm in names:
            xs = [round(rng.uniform(0, 100), 1) for _ in range(rng.randint(8, 16))]
            spec.series.append(SeriesSpec(nm, [round(rng.uniform(0, 1) * scale, 2) for _ in xs], xs))
        spec.value_labels = False
    elif kind == "pie":
        ys = [rng.randint(5, 40) for _ in range(rng.randint(3, 6))]
        spec.categories = WORDS[: len(ys)]
        spec.series = [SeriesSpec("share", ys)]
    else:
        for nm in names:
            spec.series.append(SeriesSpec(nm, vals(len(cats))))
        if kind in ("line", "multi_line", "area") and rng.random() < 0.3:
            spec.categories = [str(2010 + i) for i in range(len(cats))]
    if (
        kind in ("line", "bar") and not negative and style != "pil" and rng.random() < 0.12
    ):  # the PIL renderer draws linear axes only
        spec.log = True
        spec.series = [SeriesSpec(s.name, [round(10 ** rng.uniform(0, 4), 1) for _ in s.ys]) for s in spec.series]
        spec.fmt = "plain"
    if spec.fmt == "%" and kind != "pie":
        spec.series = [SeriesSpec(s.name, [round(100 * y / (2 * scale), 1) for y in s.ys], s.xs) for s in spec.series]
    for k, v in over.items():
        setattr(spec, k, v)
    return spec


def _fmt(fmt: str):
    def f(v, _pos=None):
        if fmt == "k":
            return f"{v / 1000:g}k"
        if fmt == "$":
            a = abs(v)
            s = f"${a / 1e6:g}M" if a >= 1e6 else f"${a / 1e3:g}k" if a >= 1e3 else f"${a:g}"
            return "-" + s if v < 0 else s
        if fmt == "%":
            return f"{v:g}%"
        return f"{v:g}"

    return f


# ---------------------------------------------------------------- matplotlib


def render(spec: ChartSpec) -> bytes:
    """PNG bytes of the chart, drawn by the renderer the spec names."""
    return _render_pil(spec) if spec.style == "pil" else _render_mpl(spec)


def _render_mpl(spec: ChartSpec) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    dpi = max(80, min(200, spec.width / 8))
    with plt.style.context(spec.style):
        fig, ax = plt.subplots(figsize=(spec.width / dpi, spec.width * 0.62 / dpi), dpi=dpi)
        cats = spec.categories
        n = len(spec.series)
        fmt = FuncFormatter(_fmt(spec.fmt))
        if spec.kind in ("bar", "grouped_bar", "stacked_bar"):
            x = np.arange(len(cats))
            w = 0.8 / (n if spec.kind == "grouped_bar" else 1)
            bottom = np.zeros(len(cats))
            for i, s in enumerate(spec.series):
                if spec.kind == "grouped_bar":
                    cont = ax.bar(x - 0.4 + w * (i + 0.5), s.ys, w, label=s.name)
                else:
                    cont = ax.bar(x, s.ys, 0.6, bottom=bottom if spec.kind == "stacked_bar" else None, label=s.name)
                    bottom = bottom + np.array(s.ys)
                if spec.value_labels:
                    ax.bar_label(
                        cont,
                        fmt=_fmt(spec.fmt),
                        label_type="center" if spec.kind == "stacked_bar" else "edge",
                        fontsize=8,
                    )
            ax.set_xticks(x, cats, rotation=spec.rotate, ha="right" if spec.rotate else "center")
            ax.yaxis.set_major_formatter(fmt)
            if spec.log:
                ax.set_yscale("log")
        elif spec.kind == "hbar":
            y = np.arange(len(cats))
            cont = ax.barh(y, spec.series[0].ys, 0.6, label=spec.series[0].name)
            if spec.value_labels:
                ax.bar_label(cont, fmt=_fmt(spec.fmt), fontsize=8)
            ax.set_yticks(y, cats)
            ax.invert_yaxis()
            ax.xaxis.set_major_formatter(fmt)
        elif spec.kind in ("line", "multi_line", "area"):
            numeric = cats[0].isdigit()
            x = [int(c) for c in cats] if numeric else np.arange(len(cats))
            if spec.kind == "area":
                ax.stackplot(x, *[s.ys for s in spec.series], labels=[s.name for s in spec.series])
            else:
                marker = "o" if spec.value_labels or len(spec.title) % 2 else None
                for s in spec.series:
                    ax.plot(x, s.ys, marker=marker, label=s.name, linewidth=2)
                    if spec.value_labels:
                        for xi, yi in zip(x, s.ys):
                            ax.annotate(
                                _fmt(spec.fmt)(yi),
                                (xi, yi),
                                textcoords="offset points",
                                xytext=(0, 6),
                                ha="center",
                                fontsize=8,
                            )
            if not numeric:
                ax.set_xticks(x, cats, rotation=spec.rotate, ha="right" if spec.rotate else "center")
            else:
                ax.set_xticks(x, cats, rotation=spec.rotate, ha="right" if spec.rotate else "center")
            ax.yaxis.set_major_formatter(fmt)
            if spec.log:
                ax.set_yscale("log")
        elif spec.kind == "scatter":
            for s in spec.series:
                ax.scatter(s.xs, s.ys, label=s.name, s=30)
            ax.yaxis.set_major_formatter(fmt)
        elif spec.kind == "pie":
            ax.pie(
                spec.series[0].ys,
                labels=None if spec.legend else cats,
                autopct="%1.0f%%" if spec.value_labels else None,
                startangle=90 if len(cats) % 2 else 0,
            )
            if spec.legend:
                ax.legend(cats, loc="center left", bbox_to_anchor=(0.95, 0.5))
        if spec.kind != "pie":
            if spec.grid:
                ax.grid(True)
            if spec.legend:
                ax.legend()
            ax.set_xlabel(spec.x_label)
            ax.set_ylabel(spec.y_label)
        if spec.title:
            ax.set_title(spec.title)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        plt.close(fig)
    return buf.getvalue()


# ---------------------------------------------------------------- plain PIL (the "other renderer")

PIL_COLOURS = [(52, 101, 164), (204, 0, 0), (78, 154, 6), (245, 121, 0), (117, 80, 123)]


def _render_pil(spec: ChartSpec) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    W, H = spec.width, int(spec.width * 0.62)
    fs = max(11, W // 55)
    font = ImageFont.truetype(FONT, fs)
    img = Image.new("RGB", (W, H), (250, 250, 245))
    d = ImageDraw.Draw(img)
    L, R, T, B = int(W * 0.12), int(W * (0.8 if spec.legend else 0.95)), int(H * 0.12), int(H * 0.85)
    if spec.title:
        d.text((W / 2, T / 2), spec.title, fill=(20, 20, 20), font=font, anchor="mm")
    if spec.kind == "pie":
        ys = spec.series[0].ys
        cx, cy, r = W / 2, (T + B) / 2 + 10, (B - T) / 2
        a = -90.0
        for i, (c, v) in enumerate(zip(spec.categories, ys)):
            sweep = 360 * v / sum(ys)
            d.pieslice([cx - r, cy - r, cx + r, cy + r], a, a + sweep, fill=PIL_COLOURS[i % 5])
            mid = np.radians(a + sweep / 2)
            d.text(
                (cx + 1.2 * r * np.cos(mid), cy + 1.2 * r * np.sin(mid)), c, fill=(20, 20, 20), font=font, anchor="mm"
            )
            if spec.value_labels:
                d.text(
                    (cx + 0.6 * r * np.cos(mid), cy + 0.6 * r * np.sin(mid)),
                    f"{100 * v / sum(ys):.0f}%",
                    fill=(255, 255, 255),
                    font=font,
                    anchor="mm",
                )
            a += sweep
        buf = io.BytesIO()
        img.save(buf, "PNG")
        return buf.getvalue()
    allv = [y for s in spec.series for y in s.ys]
    if spec.kind == "stacked_bar":
        allv = list(np.sum([s.ys for s in spec.series], axis=0))
    hi = max(allv) * 1.1
    lo = min(0.0, min(allv) * 1.1)
    ticks = _nice_ticks(lo, hi)
    lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
    f = _fmt(spec.fmt)
    horizontal = spec.kind == "hbar"

    def vpix(v):  # value -> pixel along the value axis
        return L + (v - lo) / (hi - lo) * (R - L) if horizontal else B - (v - lo) / (hi - lo) * (B - T)

    for t in ticks:
        p = vpix(t)
        if horizontal:
            d.line([(p, T), (p, B)], fill=(215, 215, 215))
            d.text((p, B + 6), f(t), fill=(60, 60, 60), font=font, anchor="mt")
        else:
            d.line([(L, p), (R, p)], fill=(215, 215, 215))
            d.text((L - 6, p), f(t), fill=(60, 60, 60), font=font, anchor="rm")
    d.line([(L, T), (L, B), (R, B)], fill=(60, 60, 60), width=2)
    if spec.kind == "scatter":
        xs = [x for s in spec.series for x in s.xs]
        xt = _nice_ticks(0, max(xs) * 1.05)

        def xpix(x):
            return L + (x - xt[0]) / (xt[-1] - xt[0]) * (R - L)

        for t in xt:
            d.text((xpix(t), B + 6), f"{t:g}", fill=(60, 60, 60), font=font, anchor="mt")
        for i, s in enumerate(spec.series):
            for x, y in zip(s.xs, s.ys):
                d.ellipse([xpix(x) - 4, vpix(y) - 4, xpix(x) + 4, vpix(y) + 4], fill=PIL_COLOURS[i])
    else:
        n = len(spec.categories)
        step = ((B - T) if horizontal else (R - L)) / n
        base = T if horizontal else L
        for j, c in enumerate(spec.categories):
            mid = base + step * (j + 0.5)
            if horizontal:
                d.text((L - 6, mid), c, fill=(60, 60, 60), font=font, anchor="rm")
            else:
                d.text((mid, B + 6), c, fill=(60, 60, 60), font=font, anchor="mt")
        acc = np.zeros(n)
        for i, s in enumerate(spec.series):
            col = PIL_COLOURS[i]
            if spec.kind in ("line", "multi_line", "area"):
                pts = [(base + step * (j + 0.5), vpix(y)) for j, y in enumerate(s.ys)]
                d.line(pts, fill=col, width=3)
                for p in pts:
                    d.ellipse([p[0] - 4, p[1] - 4, p[0] + 4, p[1] + 4], fill=col)
                continue
            for j, y in enumerate(s.ys):
                bw = step * 0.7 / (len(spec.series) if spec.kind == "grouped_bar" else 1)
                c0 = base + step * (j + 0.15) + (bw * i if spec.kind == "grouped_bar" else 0)
                v0 = acc[j] if spec.kind == "stacked_bar" else 0.0
                p0, p1 = vpix(v0), vpix(v0 + y)
                box = [p0, c0, p1, c0 + bw] if horizontal else [c0, p1, c0 + bw, p0]
                d.rectangle(
                    [min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])], fill=col
                )
                if spec.value_labels and spec.kind != "stacked_bar":
                    if horizontal:
                        d.text((p1 + 4, c0 + bw / 2), f(y), fill=(20, 20, 20), font=font, anchor="lm")
                    else:
                        d.text(
                            (c0 + bw / 2, p1 - 3 if y >= 0 else p1 + 3),
                            f(y),
                            fill=(20, 20, 20),
                            font=font,
                            anchor="mb" if y >= 0 else "mt",
                        )
                if spec.kind == "stacked_bar":
                    acc[j] += y
    if spec.legend:  # to the right of the plot
        ly = T + 4
        for i, s in enumerate(spec.series):
            d.rectangle([R + 12, ly + 3, R + 27, ly + fs], fill=PIL_COLOURS[i])
            d.text((R + 34, ly), s.name, fill=(20, 20, 20), font=font, anchor="lt")
            ly += int(fs * 1.6)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def _nice_ticks(lo: float, hi: float) -> list[float]:
    raw = (hi - lo) / 5
    mag = 10 ** np.floor(np.log10(raw))
    step = min((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=10 * mag)
    start = np.floor(lo / step) * step
    return [float(start + k * step) for k in range(int(np.ceil((hi - start) / step)) + 1)]


# ---------------------------------------------------------------- scoring


def _x_match(tx, px, x_range: float) -> bool:
    if isinstance(tx, (int, float)) or (isinstance(tx, str) and tx.isdigit() and not isinstance(px, str)):
        try:
            return abs(float(tx) - float(px)) <= 0.02 * x_range + 1e-9
        except (TypeError, ValueError):
            return False
    return str(tx).strip().lower() == str(px).strip().lower()


def point_f1(spec: ChartSpec, result) -> float:
    """DePlot-style F1 over (series, x, y) triples."""
    truth = spec.truth()
    preds = [(s.name, [(p.x, p.y) for p in s.points]) for s in result.series]
    n_true = sum(len(p) for _, p in truth)
    n_pred = sum(len(p) for _, p in preds)
    if not n_true or not n_pred:
        return 0.0
    ys = [y for _, pts in truth for _, y in pts]
    if spec.kind == "stacked_bar":
        ys += list(np.sum([s.ys for s in spec.series], axis=0))
    y_range = max(max(ys), 0) - min(min(ys), 0) or 1.0
    xs = [x for _, pts in truth for x, _ in pts if isinstance(x, (int, float))]
    x_range = (max(xs) - min(xs)) if xs else 1.0

    def matches(tp, pp) -> int:
        used, hit = set(), 0
        for tx, ty in tp:
            for k, (px, py) in enumerate(pp):
                if k in used or not _x_match(tx, px, x_range):
                    continue
                tol = max(0.05 * abs(ty), (1.0 if spec.kind == "pie" else 0.01 * y_range))
                if abs(py - ty) <= tol:
                    used.add(k)
                    hit += 1
                    break
        return hit

    if len(truth) == 1:
        hit = max(matches(truth[0][1], pp) for _, pp in preds)
        n_pred = max(len(pp) for _, pp in preds) if len(preds) == 1 else n_pred
    else:
        hit, free = 0, list(range(len(preds)))
        for name, tp in truth:
            same = [k for k in free if preds[k][0].strip().lower() == name.lower()]
            if same:
                hit += matches(tp, preds[same[0]][1])
                free.remove(same[0])
    p, r = hit / n_pred, hit / n_true
    return 2 * p * r / (p + r) if p + r else 0.0


# ---------------------------------------------------------------- run


def specs(quick: bool, seed: int = 7) -> list[ChartSpec]:
    rng = random.Random(seed)
    out = []
    per_kind = 3 if quick else 9
    for kind in KINDS:
        for i in range(per_kind):
            style = "pil" if i % 4 == 2 and kind != "area" else MPL_STYLES[(i + KINDS.index(kind)) % len(MPL_STYLES)]
            out.append(make_spec(kind, rng, style))
    return out


def run(quick: bool = False, seed: int = 7) -> dict:
    from seer.context import Context
    from seer.skills.docs.charts import parse_chart
    from seer.skills.docs.charts.schema import ParseChartInput

    OUT.mkdir(parents=True, exist_ok=True)
    rows: dict[str, dict[str, list]] = {}
    failures = []
    ctx = Context()
    for k, spec in enumerate(specs(quick, seed)):
        path = OUT / f"{k:03d}_{spec.kind}_{spec.style}.png"
        path.write_bytes(render(spec))
        t = time.perf_counter()
        try:
            res = parse_chart(ParseChartInput(image=str(path)), ctx)
        except Exception as exc:  # a crash is a result too: scored zero, listed below
            failures.append(f"{path.name}: CRASH {type(exc).__name__}: {exc}")
            res = None
        dt = time.perf_counter() - t
        f1 = point_f1(spec, res) if res else 0.0
        ok = res is not None and res.chart_type == spec.chart_type
        if res is None:
            pass
        elif f1 < 0.8 or not ok:
            failures.append(f"{path.name}: type {res.chart_type} f1 {f1:.2f} {res.warnings[:2]}")
        r = rows.setdefault(spec.kind, {"f1": [], "type": [], "sec": []})
        r["f1"].append(f1)
        r["type"].append(ok)
        r["sec"].append(dt)
    table = {
        k: {
            "n": len(v["f1"]),
            "f1": round(float(np.mean(v["f1"])), 3),
            "type_acc": round(float(np.mean(v["type"])), 3),
            "sec_per_chart": round(float(np.mean(v["sec"])), 2),
        }
        for k, v in rows.items()
    }
    allf = [x for v in rows.values() for x in v["type"]]
    alls = [x for v in rows.values() for x in v["sec"]]
    summary = {
        "charts": len(allf),
        "type_acc": round(float(np.mean(allf)), 3),
        "sec_per_chart": round(float(np.mean(alls)), 2),
    }
    print("| chart type | n | point F1 | type accuracy | s/chart |\n|---|---|---|---|---|")
    for k, v in table.items():
        print(f"| {k} | {v['n']} | {v['f1']:.2f} | {v['type_acc']:.0%} | {v['sec_per_chart']:.2f} |")
    print(f"| **all** | {summary['charts']} | | {summary['type_acc']:.0%} | {summary['sec_per_chart']:.2f} |")
    if failures:
        print("\nweakest:\n" + "\n".join("- " + f for f in failures[:40]))
    from bench.plotly_charts import run_plotly
    from bench.published_charts import run_published
    from bench.realism_charts import run_realism

    return {
        "per_type": table,
        "summary": summary,
        "failures": failures,
        "published": {"vega-lite": run_published(quick), "plotly": run_plotly(quick)},
        "realism": run_realism(quick),
    }


if __name__ == "__main__":
    run(quick=True)
