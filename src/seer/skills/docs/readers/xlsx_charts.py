"""Native charts of a workbook, read from their cached data (openpyxl's read-only mode skips them).

Workbook → sheet → drawing → chart, through the parts' relationships; each chart becomes `ChartData`
with the categories, series names and values the file itself stores. `chart_data` also reads the
chart parts of a presentation (every chart kind, 3-D ones included).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable

from lxml import etree

from ..document import ChartData, Series, clean

_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_KINDS = {
    "barChart": "column",
    "bar3DChart": "column",
    "lineChart": "line",
    "line3DChart": "line",
    "pieChart": "pie",
    "pie3DChart": "pie",
    "doughnutChart": "pie",
    "areaChart": "area",
    "area3DChart": "area",
    "scatterChart": "scatter",
}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


Resolve = Callable[[str], list[str]]


def sheet_charts(path: str, resolve: Resolve) -> dict[str, list[ChartData]]:
    """Charts by sheet name, in drawing order; sheets without charts are absent. `resolve` turns a
    formula reference ("'Sheet 1'!$B$2:$B$9") into cell texts, for charts saved without cached values."""
    out: dict[str, list[ChartData]] = {}
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        book = _xml(zf, "xl/workbook.xml", names)
        if book is None:
            return out
        targets = _rels(zf, "xl/workbook.xml", names)
        for sheet in book.iter("{*}sheet"):
            part = targets.get(sheet.get(_RID, ""))
            charts = (
                [c for d in _related(zf, part, "/drawing", names) for c in _related(zf, d, "/chart", names)]
                if part
                else []
            )
            read = [cd for cd in (chart_data(_xml(zf, c, names), resolve) for c in charts) if cd is not None]
            if read:
                out[sheet.get("name", "")] = read
    return out


def _xml(zf: zipfile.ZipFile, name: str, names: set[str]):
    if name not in names:
        return None
    try:
        return etree.fromstring(zf.read(name), _PARSER)
    except etree.XMLSyntaxError:
        return None


def _rels(zf: zipfile.ZipFile, part: str, names: set[str], kind: str = "") -> dict[str, str]:
    folder, base = posixpath.split(part)
    root = _xml(zf, posixpath.join(folder, "_rels", base + ".rels"), names)
    if root is None:
        return {}
    return {
        r.get("Id", ""): _target(folder, r.get("Target", ""))
        for r in root.iter(_REL + "Relationship")
        if r.get("Type", "").endswith(kind) and r.get("TargetMode") != "External"
    }


def _target(folder: str, target: str) -> str:
    """A relationship target as a part name: absolute ('/xl/charts/chart1.xml') or relative to the part."""
    return posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))


def _related(zf: zipfile.ZipFile, part: str, kind: str, names: set[str]) -> list[str]:
    return list(_rels(zf, part, names, kind).values())


def chart_data(root, resolve: Resolve) -> ChartData | None:
    """A chart part's data (`root`: its `c:chartSpace`, from a workbook or a presentation), 2-D or 3-D,
    from the values it caches; None when it holds no series."""
    if root is None:
        return None
    plot = root.find(f"{_C}chart/{_C}plotArea")
    if plot is None:
        return None
    kind_el = next((el for el in plot if isinstance(el.tag, str) and el.tag.split("}")[-1] in _KINDS), None)
    if kind_el is None:
        return None
    kind = _KINDS[kind_el.tag.split("}")[-1]]
    bar_dir = kind_el.find(_C + "barDir")
    if bar_dir is not None and bar_dir.get("val") == "bar":
        kind = "bar"
    categories: list[str] = []
    series: list[Series] = []
    for i, ser in enumerate(kind_el.iter(_C + "ser")):
        cats = _points(ser.find(_C + "cat"), resolve) or _points(ser.find(_C + "xVal"), resolve)
        vals = _points(ser.find(_C + "val"), resolve) or _points(ser.find(_C + "yVal"), resolve)
        if not categories:
            categories = [cats.get(k, str(k + 1)) for k in range(max(len(vals), len(cats)))] if (cats or vals) else []
        tx = ser.find(_C + "tx")
        # the cached name (c:v) or rich text (a:t), never the formula (c:f) it was taken from
        name = clean(" ".join(t.text or "" for t in tx.iter(_C + "v", _A + "t"))) if tx is not None else ""
        ref = tx.find(f".//{_C}f") if tx is not None else None
        if ref is not None and not name:  # a reference without its cached text
            name = " ".join(resolve(ref.text or ""))
        series.append(
            Series(name=name or f"Series {i + 1}", values=[_num(vals.get(k)) for k in range(len(categories))])
        )
    if not series or not categories:
        return None
    title_el = root.find(f"{_C}chart/{_C}title")
    title = clean(" ".join(t.text or "" for t in title_el.iter(_A + "t"))) if title_el is not None else ""
    return ChartData(kind=kind, title=title or None, categories=categories, series=series)


def _points(el, resolve: Resolve) -> dict[int, str]:
    if el is None:
        return {}
    pts = {}
    for pt in el.iter(_C + "pt"):
        v = pt.find(_C + "v")
        idx = pt.get("idx", "")
        if v is not None and idx.isdigit():
            pts[int(idx)] = clean(v.text)
    if not pts:
        ref = el.find(f".//{_C}f")
        if ref is not None and ref.text:
            pts = dict(enumerate(resolve(ref.text)))
    return pts


def _num(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None
