"""The series as a table: CSV and Markdown (x in the first column, one column per series)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .schema import Series


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
