"""parse_chart: a chart image → a typed data table (chart type, series, points, CSV, Markdown)."""

from __future__ import annotations

from ....context import Context
from ....errors import NotConfigured
from ....models import CONFIGURE_HINT
from ....perception.image import load_image
from ....security import write_output
from . import model_reading
from .parse import read_chart
from .schema import ChartData, ParseChartInput, Point, Series

__all__ = ["ChartData", "ParseChartInput", "Point", "Series", "parse_chart"]


def parse_chart(inp: ParseChartInput, ctx: Context) -> ChartData:
    """Read the numbers inside a chart image (bar, horizontal bar, grouped or stacked bar, line,
    area, scatter or pie) into a typed table. Use it on charts from reports, dashboards and slides
    when you need the data, not a description. Returns chart_type, title, axis labels, series of
    {x, y} points (x: category or number; pie: y is percent of the whole), the same table as CSV
    and Markdown, a 0-1 confidence, and warnings. Works locally (OCR + pixel measurement); with a
    vision model configured it also asks the model and reports where the model disagrees with the
    pixels. Images that are not readable charts (photos, tables, unknown kinds) come back as
    chart_type 'other' with a warning instead of invented numbers."""
    image = load_image(inp.image, ctx.settings)
    if inp.use_model and ctx.model is None:
        raise NotConfigured("use_model was requested but no vision model is configured; " + CONFIGURE_HINT)
    steps = 2 if ctx.model is not None and inp.use_model is not False else 1
    ctx.report(0, steps, "reading chart")
    ranges: list[tuple[float, float]] = []
    data = read_chart(image, ranges)
    if steps == 2 and ctx.model is not None:
        ctx.report(1, steps, f"asking {ctx.model.name}")
        data = model_reading.reconcile(data, model_reading.ask(ctx.model, image), ranges[0] if ranges else None)
    if inp.output:
        write_output(inp.output, data.csv, ctx.settings, what="CSV output", suffixes=(".csv", ".txt"))
    ctx.report(steps, steps, "done")
    return data
