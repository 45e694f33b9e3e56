"""The model path: ask the configured vision model for the chart's table (DePlot-style, strict JSON),
then check it against what perception measured and keep the reading that agrees with the pixels.

    data = with_model(local, image, model)   # -> ChartData, disagreements in warnings
"""

from __future__ import annotations

from typing import Any

from ....errors import ModelError
from ....models import Request
from ....perception.image import Image
from .schema import ChartData, Point, Series
from .table import to_csv, to_markdown

TYPES = ["bar", "hbar", "grouped_bar", "stacked_bar", "line", "scatter", "pie", "area", "other"]
SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["chart_type", "title", "x_label", "y_label", "series"],
    "properties": {
        "chart_type": {"type": "string", "enum": TYPES},
        "title": {"type": ["string", "null"]},
        "x_label": {"type": ["string", "null"]},
        "y_label": {"type": ["string", "null"]},
        "series": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "points"],
                "properties": {
                    "name": {"type": "string"},
                    "points": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["x", "y"],
                            "properties": {"x": {"type": ["string", "number"]}, "y": {"type": "number"}},
                        },
                    },
                },
            },
        },
    },
}
PROMPT = (
    "Extract the data table of this chart. Answer only JSON matching the schema: chart_type (one of "
    + ", ".join(TYPES)
    + "), title, x_label, y_label (null when not printed), and series: one per legend "
    "entry (name from the legend; the y-axis label when there is no legend), each with points {x, y} in x order. "
    "x is the category label exactly as printed, or the number on a numeric x axis; y is the value in axis units "
    "(for a pie: the slice's percent of the whole, and x the slice label). Read printed value labels when present. "
    "Never guess values you cannot see: use chart_type 'other' with no series for images that are not charts."
)


def ask(model: Any, image: Image) -> ChartData:
    """The model's reading, validated into ChartData (raises ModelError when it is unusable)."""
    resp = model.complete(Request.ask(PROMPT, image, json_schema=SCHEMA, max_tokens=4096))
    data = resp.json
    if not isinstance(data, dict):
        raise ModelError(
            f"{getattr(model, 'name', 'the model')} did not answer the chart table as JSON; "
            "try a model with JSON output, or parse locally without a model"
        )
    try:
        series = [
            Series(
                name=str(s.get("name") or "value"),
                points=[Point(x=p["x"], y=float(p["y"])) for p in s.get("points", []) if p.get("y") is not None],
            )
            for s in data.get("series", [])
        ]
        kind = data.get("chart_type") if data.get("chart_type") in TYPES else "other"
        return ChartData(
            chart_type=kind,
            title=data.get("title"),
            x_label=data.get("x_label"),
            y_label=data.get("y_label"),
            series=[s for s in series if s.points],
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(
            f"the model's chart table does not fit the schema ({exc}); parse locally without a model"
        ) from None


def _key(x: float | str) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x).strip().lower()


def _close(a: float, b: float, span: float) -> bool:
    return abs(a - b) <= max(0.05 * abs(b), 0.02 * span)


def reconcile(local: ChartData, model: ChartData, y_range: tuple[float, float] | None) -> ChartData:
    """One reading from both: perception's numbers where it measured, the model's names where perception
    had none, the model's table where perception read nothing (checked against the axis range)."""
    warnings = list(local.warnings)
    if local.chart_type == "other" or not local.series:
        if model.chart_type == "other" or not model.series:
            return local
        out = model.model_copy()
        notes = ["values read by the vision model; perception could not measure this chart to check them"]
        conf = 0.5
        if y_range is not None:
            lo, hi = y_range
            span = hi - lo or 1.0
            outside = [p for s in model.series for p in s.points if not lo - 0.1 * span <= p.y <= hi + 0.1 * span]
            if outside:
                notes.append(f"{len(outside)} model value(s) fall outside the axis range {lo:g}..{hi:g}")
                conf = 0.3
        if any("photo" in w or "table" in w for w in local.warnings):
            return local  # a photo or a table stays refused, whatever the model says
        out.warnings = notes
        out.csv, out.markdown, out.confidence = to_csv(out.series), to_markdown(out.series), conf
        return out
    out = local.model_copy(deep=True)
    if model.chart_type != local.chart_type and model.chart_type != "other":
        warnings.append(f"the model read this as a {model.chart_type} chart; the pixels say {local.chart_type}")
    span = (
        (y_range[1] - y_range[0]) if y_range else max((abs(p.y) for s in local.series for p in s.points), default=1.0)
    )
    # pair series: by name, else by value agreement
    pairs: list[tuple[Series, Series]] = []
    free = list(model.series)
    for s in out.series:
        same = [m for m in free if m.name.strip().lower() == s.name.strip().lower()]
        best = same[0] if same else max(free, key=lambda m: _agreement(s, m, span), default=None)
        if best is not None and (same or _agreement(s, best, span) > 0):
            pairs.append((s, best))
            free.remove(best)
    agree = total = 0
    for s, m in pairs:
        if _generic(s.name) and not _generic(m.name):
            s.name = m.name
        mp = {_key(p.x): p.y for p in m.points}
        if all(_generic(_key(p.x)) for p in s.points) and len(m.points) == len(s.points):
            for p, q in zip(s.points, m.points):  # perception numbered the categories; the model read them
                p.x = q.x
            mp = {_key(p.x): p.y for p in m.points}
        for p in s.points:
            if _key(p.x) in mp:
                total += 1
                agree += _close(mp[_key(p.x)], p.y, span)
    if len(model.series) != len(local.series):
        warnings.append(f"the model saw {len(model.series)} series, perception measured {len(local.series)}")
    if total:
        off = total - agree
        if off:
            warnings.append(
                f"the model's values disagree with the measured ones at {off} of {total} points; kept the measured values"
            )
        out.confidence = round(min(1.0, local.confidence * (0.85 + 0.25 * agree / total)), 3)
    else:
        warnings.append("the model's table could not be matched to the measured points")
    out.warnings = warnings
    out.title = out.title or model.title
    out.x_label = out.x_label or model.x_label
    out.y_label = out.y_label or model.y_label
    out.csv, out.markdown = to_csv(out.series), to_markdown(out.series)
    return out


def _generic(name: str) -> bool:
    n = name.strip().lower()
    return n in ("value", "share") or n.startswith("series ") or n.startswith("slice ") or n.isdigit()


def _agreement(s: Series, m: Series, span: float) -> int:
    mp = {_key(p.x): p.y for p in m.points}
    hits = sum(1 for p in s.points if _key(p.x) in mp and _close(mp[_key(p.x)], p.y, span))
    if not hits and len(s.points) == len(m.points):  # unnamed categories: compare in order
        hits = sum(1 for p, q in zip(s.points, m.points) if _close(q.y, p.y, span))
    return hits
