"""Input and output of `parse_chart`: the typed table a chart image turns into."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ...common import Output, Untrusted, untrusted

ChartType = Literal["bar", "hbar", "grouped_bar", "stacked_bar", "line", "scatter", "pie", "area", "other"]


class ParseChartInput(BaseModel):
    image: str = Field(description="The chart image: a file path, a data: URI or base64-encoded PNG/JPEG bytes.")
    output: str | None = Field(None, description="Optional path to write the table to as CSV (the CLI's --output).")
    use_model: bool | None = Field(
        None,
        description="Also ask the configured vision model for the table and check it against the pixels. "
        "Default: when a model is configured. False: local only. True: fail if no model is configured.",
    )


class Point(BaseModel):
    x: float | str = Field(description="The category label (a string) or the numeric x value.")
    y: float = Field(description="The value read from the chart, in axis units (pie: percent of the whole).")


class Series(BaseModel):
    name: str = Field(description="The series name from the legend; the y-axis label or 'value' when there is none.")
    points: list[Point] = Field(default_factory=list, description="The series' data points in x order.")


class ChartData(Output):
    chart_type: ChartType = Field(
        description="bar, hbar, grouped_bar, stacked_bar, line, scatter, pie, area, or other (not readable as a chart)."
    )
    title: str | None = Field(None, description="The chart title, when printed.")
    x_label: str | None = Field(None, description="The x-axis title, when printed.")
    y_label: str | None = Field(None, description="The y-axis title, when printed and readable.")
    series: list[Series] = Field(default_factory=list, description="One entry per data series, empty for 'other'.")
    csv: str = Field("", description="The table as CSV: first column x, one column per series.")
    markdown: str = Field("", description="The same table as a Markdown table.")
    confidence: float = Field(
        0.0, ge=0.0, le=1.0, description="0..1: how well the axes calibrated and the marks agreed."
    )
    warnings: list[str] = Field(default_factory=list, description="What could not be read or looked doubtful.")
    untrusted: Untrusted = untrusted()

    def summary_text(self) -> str:
        if self.chart_type == "other":
            return "not readable as a chart: " + ("; ".join(self.warnings) or "no axes or pie found")
        n = sum(len(s.points) for s in self.series)
        head = f"{self.chart_type} chart" + (f" '{self.title}'" if self.title else "")
        return f"{head}: {len(self.series)} series, {n} points (confidence {self.confidence:.2f})\n{self.markdown}"

    def __rich__(self):
        from rich.table import Table

        from .table import rows

        if self.chart_type == "other":
            return "[yellow]not readable as a chart:[/] " + "; ".join(self.warnings)
        header, body = rows(self.series)
        caption = "; ".join(self.warnings) if self.warnings else None
        t = Table(*header, title=f"{self.chart_type}" + (f": {self.title}" if self.title else ""), caption=caption)
        for r in body:
            t.add_row(*r)
        return t
