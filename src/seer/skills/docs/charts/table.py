"""The series as a table: CSV and Markdown (x in the first column, one column per series)."""

from __future__ import annotations

import csv
import io

from .schema import ChartData, Series


def _cell(v: float | str | None) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else f"{v:.6g}"
    return str(v)


def rows(series: list[Series]) -> tuple[list[str], list[list[str]]]:
    """Header and rows; a scatter's points keep their own x per series (one row per point)."""
    header = ["x"] + [s.name for s in series]
    xs: list[float | str] = []
    seen: set[str] = set()
    for s in series:
        for p in s.points:
            key = _cell(p.x)
            if key not in seen:
                seen.add(key)
                xs.append(p.x)
    lookup = [{_cell(p.x): p.y for p in s.points} for s in series]
    return header, [[_cell(x)] + [_cell(col.get(_cell(x))) for col in lookup] for x in xs]


def to_csv(series: list[Series]) -> str:
    header, body = rows(series)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(body)
    return buf.getvalue()


def to_markdown(series: list[Series]) -> str:
    header, body = rows(series)
    def esc(s):
        return s.replace("|", "\\|")
    out = ["| " + " | ".join(map(esc, header)) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(map(esc, r)) + " |" for r in body]
    return "\n".join(out)


def summary(data: ChartData) -> str:
    """One line for MCP text content and logs."""
    if data.chart_type == "other":
        return "not readable as a chart: " + ("; ".join(data.warnings) or "no axes or pie found")
    n = sum(len(s.points) for s in data.series)
    head = f"{data.chart_type} chart" + (f" '{data.title}'" if data.title else "")
    return f"{head}: {len(data.series)} series, {n} points (confidence {data.confidence:.2f})\n{data.markdown}"


def render(data: ChartData):
    """A rich table for the CLI's human output."""
    from rich.table import Table

    if data.chart_type == "other":
        return "[yellow]not readable as a chart:[/] " + "; ".join(data.warnings)
    header, body = rows(data.series)
    caption = "; ".join(data.warnings) if data.warnings else None
    t = Table(*header, title=f"{data.chart_type}" + (f": {data.title}" if data.title else ""), caption=caption)
    for r in body:
        t.add_row(*r)
    return t
