"""XLSX with openpyxl (read-only, values not formulas): one section per sheet holding its used range."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ....errors import InputError
from ..document import metadata_title
from .registry import ReadOptions, register
from .xlsx_charts import sheet_charts

MAX_ROWS = 2000
MAX_COLS = 60


@register(
    "xlsx",
    suffixes=(".xlsx", ".xlsm"),
    mimes=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
)
def read_xlsx(path: Path, opts: ReadOptions) -> object:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{path.name} is not a readable XLSX ({exc})") from None
    b = opts.builder(path, "xlsx")
    charts = _charts(path, wb, b)
    budget = opts.max_cell_text_chars
    try:
        sheets = wb.worksheets
        for n, ws in enumerate(sheets, 1):
            if b.out_of_time(f"sheet '{ws.title}'"):
                break
            opts.ctx.report(n - 1, len(sheets), f"sheet {ws.title}")
            b.heading(ws.title, 1, page=n)
            rows, used = _read_rows(ws, b, min(opts.max_sheet_chars, budget))
            budget -= used
            rows = _trim(rows)
            if rows:
                b.table(rows, page=n)
            for chart in charts.get(ws.title, []):
                b.figure(None, 0, 0, page=n, caption=chart.title, chart=chart)
            if budget <= 0:
                b.doc.warnings.append(
                    f"sheets after '{ws.title}' were left out: the workbook's cell text passed "
                    f"{opts.max_cell_text_chars:,} characters"
                )
                break
        title = metadata_title(wb.properties.title) if wb.properties else None
    finally:
        wb.close()
    return b.finish(title=title or path.stem, pages=len(sheets))


def _read_rows(ws, b, max_chars: int) -> tuple[list[list[str]], int]:
    """The sheet's rows as text, within MAX_ROWS and `max_chars` of cell text; the characters used."""
    rows: list[list[str]] = []
    used = 0
    for r in ws.iter_rows(values_only=True, max_col=MAX_COLS):
        if len(rows) >= MAX_ROWS:
            b.doc.warnings.append(
                f"sheet '{ws.title}' has more than {MAX_ROWS} rows; only the first {MAX_ROWS} were read"
            )
            break
        row = [_cell(v) for v in r]
        used += sum(len(c) for c in row)
        if used > max_chars:  # one shared string repeated in every cell must not become gigabytes
            b.doc.warnings.append(
                f"sheet '{ws.title}' was cut after {len(rows)} rows: its cell text passed {max_chars:,} characters"
            )
            break
        rows.append(row)
    return rows, used


def _charts(path: Path, wb, b) -> dict:
    def resolve(ref: str) -> list[str]:
        """Cell texts of a reference like 'Sheet 1'!$B$2:$B$9 (at most one row or column of MAX_ROWS)."""
        from openpyxl.utils import range_boundaries

        sheet, _, cells = ref.rpartition("!")
        sheet = sheet.strip("'").replace("''", "'")
        if sheet not in wb.sheetnames:
            return []
        c0, r0, c1, r1 = range_boundaries(cells.replace("$", ""))
        rows = wb[sheet].iter_rows(
            min_row=r0, max_row=min(r1, r0 + MAX_ROWS), min_col=c0, max_col=min(c1, c0 + MAX_COLS), values_only=True
        )
        return [_cell(v) for row in rows for v in row]

    try:
        return sheet_charts(str(path), resolve)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        b.doc.warnings.append(f"the workbook's charts could not be read ({type(exc).__name__})")
        return {}


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.10g}"
    return str(v)


def _trim(rows: list[list[str]]) -> list[list[str]]:
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        return []
    used = [i for i in range(max(len(r) for r in rows)) if any(i < len(r) and r[i].strip() for r in rows)]
    if not used:
        return []
    lo, hi = used[0], used[-1] + 1
    return [(r + [""] * hi)[lo:hi] for r in rows]
