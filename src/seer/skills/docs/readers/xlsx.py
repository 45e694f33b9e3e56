"""XLSX with openpyxl (read-only, values not formulas): one section per sheet holding its used range."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ....errors import InputError
from ..document import DocumentBuilder
from .registry import ReadOptions, register

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
    try:
        sheets = wb.worksheets
        for n, ws in enumerate(sheets, 1):
            opts.ctx.report(n - 1, len(sheets), f"sheet {ws.title}")
            b.heading(ws.title, 1, page=n)
            rows: list[list[str]] = []
            for r in ws.iter_rows(values_only=True, max_col=MAX_COLS):
                if len(rows) >= MAX_ROWS:
                    b.doc.warnings.append(f"sheet '{ws.title}' has more than {MAX_ROWS} rows; only the first {MAX_ROWS} were read")
                    break
                rows.append([_cell(v) for v in r])
            rows = _trim(rows)
            if rows:
                b.table(rows, page=n)
        title = wb.properties.title if wb.properties else None
    finally:
        wb.close()
    return b.finish(title=title or path.stem, pages=len(sheets))


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
