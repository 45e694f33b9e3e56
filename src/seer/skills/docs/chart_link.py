"""Figures that are charts get their data from `parse_chart` (the charts package), when it is there.

The charts package is optional at import time: without it, or when a figure does not read as a
chart, the figure stays a picture and says why in `Figure.note`.
"""

from __future__ import annotations

import base64
import logging
import math

from ...context import Context
from ...errors import SeerError
from .document import ChartData, Document, Figure, Series

log = logging.getLogger(__name__)
MIN_CONFIDENCE = 0.5
_KINDS = {
    "bar": "column",
    "grouped_bar": "column",
    "stacked_bar": "column",
    "hbar": "bar",
    "line": "line",
    "scatter": "scatter",
    "pie": "pie",
    "area": "area",
}


def attach_charts(doc: Document, ctx: Context, limit: int = 8) -> int:
    """Read chart data for up to `limit` figures; returns how many became charts."""
    figures = [(f, png) for f in doc.figures() if f.chart is None and (png := f.png)]
    if not figures:
        return 0
    from .charts import ParseChartInput
    from .charts import parse_chart as parse

    done = 0
    for i, (f, png) in enumerate(figures):
        if i >= limit:
            f.note = f"kept as an image: only the first {limit} figures are checked for charts"
            continue
        ctx.report(i, min(len(figures), limit), "reading charts")
        if is_photo(png):
            f.note = "kept as an image: a photograph or illustration, not a chart (too many colours and no flat areas)"
            continue
        uri = "data:image/png;base64," + base64.b64encode(png).decode()
        try:
            out = parse(ParseChartInput(image=uri), ctx)
        except SeerError as exc:
            f.note = f"kept as an image: not readable as a chart ({exc})"
            continue
        except Exception as exc:  # a bug in chart parsing must not lose the document
            log.warning("parse_chart failed on a figure: %s", exc)
            f.note = f"kept as an image: chart parsing failed ({type(exc).__name__})"
            continue
        why = weak_reading(out)
        chart = None if why else to_chart_data(out)
        if chart is None:
            f.note = f"kept as an image: {why or 'not recognised as a chart'}"
            continue
        f.chart = chart
        done += 1
    if doc.format == "image" and done:
        # The picture is a chart: its OCR'd text is axis and legend labels, now held as data.
        for s in doc.sections:
            s.blocks = [b for b in s.blocks if isinstance(b, Figure)]
        first = doc.figures()[0].chart
        chart_title = first.title if first else None
        doc.title = chart_title or doc.title
    return done


FLAT_SHARE = 0.6  # charts: the 12 commonest colours (background, fills, ink) cover most of the picture


def is_photo(png: bytes) -> bool:
    """A photograph (or shaded illustration) rather than a chart: its commonest few colours, at 4 bits
    a channel, cover little of it. A chart is flat background, flat fills and thin ink."""
    import io

    import numpy as np
    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(png), formats=("PNG",)) as im:
            im.draft("RGB", (160, 160))
            small = np.asarray(im.convert("RGB").resize((128, 128)))
    except Exception:  # unreadable pixels are for parse_chart to report
        return False
    q = (small >> 4).astype(np.int32)
    keys = (q[..., 0] << 8) | (q[..., 1] << 4) | q[..., 2]
    counts = np.sort(np.bincount(keys.ravel(), minlength=4096))[::-1]
    return counts[:12].sum() / keys.size < FLAT_SHARE


def weak_reading(out) -> str | None:
    """Why parse_chart's reading is not evidence enough that the figure is a chart, or None when it is.

    Axis charts carry their evidence in the confidence (ticks calibrated, marks measured). A pie's
    confidence is the reader's default, and any flat-colour disc (a logo, a badge) splits into slices,
    so a pie also needs at least half its slices named by a legend or label, or every share printed:
    the reader keeps printed shares only when they agree with the angles, and they have one decimal at most."""
    if _KINDS.get(getattr(out, "chart_type", "other")) is None:
        return (getattr(out, "warnings", None) or ["not recognised as a chart"])[-1]
    confidence = getattr(out, "confidence", 0.0)
    if confidence < MIN_CONFIDENCE:
        return f"the chart reading is too uncertain (confidence {confidence:.2f} < {MIN_CONFIDENCE})"
    if out.chart_type != "pie":
        return None
    from .charts.pie import is_unnamed_slice

    points = [p for s in out.series for p in s.points]
    named = sum(not is_unnamed_slice(p.x) for p in points)
    printed = bool(points) and all(abs(p.y * 10 - round(p.y * 10)) < 1e-6 for p in points)
    if 2 * named >= len(points) or printed:
        return None
    return (
        f"a disc of {len(points)} coloured parts with no legend, labels or printed shares "
        f"({named} named): an illustration or logo, not a pie chart"
    )


def to_chart_data(out) -> ChartData | None:
    """Convert parse_chart's output (points per series) into categories x series for a native chart."""
    kind = _KINDS.get(getattr(out, "chart_type", "other"))
    series_in = getattr(out, "series", None) or []
    if kind is None or not series_in:
        return None
    categories: list[str] = []
    for s in series_in:
        for p in s.points:
            label = _label(p.x)
            if label not in categories:
                categories.append(label)
    top = max((abs(p.y) for s in series_in for p in s.points), default=0.0)
    digits = (
        2 - math.floor(math.log10(top)) if top > 0 else 2
    )  # values read from pixels: keep 3 significant digits of the axis
    series = []
    for s in series_in:
        by_x = {_label(p.x): round(float(p.y), digits) for p in s.points}
        name = (
            s.name
            if s.name and s.name != "value"
            else (getattr(out, "y_label", None) or getattr(out, "title", None) or "Value")
        )
        series.append(Series(name=name, values=[by_x.get(c) for c in categories]))
    if not categories:
        return None
    return ChartData(
        kind=kind, title=getattr(out, "title", None), categories=categories, series=series, source="parse_chart"
    )


def _label(x: float | str) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)
