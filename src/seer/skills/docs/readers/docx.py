"""DOCX with python-docx: body paragraphs and tables in document order, headings from styles."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ....errors import InputError
from ..document import DocumentBuilder, Figure, clean
from ._images import to_png
from .registry import ReadOptions, register

_CAPTION = re.compile(r"^(?:figure|fig\.|chart|exhibit|graph)\s*\d*[:.\s]", re.I)
_TABLE_CAPTION = re.compile(r"^table\s*\d*[:.\s]", re.I)
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


@register(
    "docx",
    suffixes=(".docx", ".docm"),
    mimes=("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
)
def read_docx(path: Path, opts: ReadOptions) -> object:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    from docx.opc.exceptions import PackageNotFoundError

    try:
        d = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(f"{path.name} is not a readable DOCX ({exc}); is it a Word 2007+ file?") from None
    b = DocumentBuilder(str(path), "docx")
    title = clean(d.core_properties.title) or None
    pending_table_caption: str | None = None
    last_figure: Figure | None = None
    children = list(d.element.body.iterchildren())
    for i, el in enumerate(children):
        if i % 200 == 0:
            opts.ctx.report(i, len(children), "reading body")
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            rows = _table_rows(DocxTable(el, d))
            b.table(rows, caption=pending_table_caption)
            pending_table_caption = None
            last_figure = None
            continue
        if tag != "p":
            continue
        p = DocxParagraph(el, d)
        style = (p.style.name if p.style is not None else "") or ""
        text = clean(p.text)
        for fig_png in _pictures(el, d):
            last_figure = b.figure(fig_png[0], fig_png[1], fig_png[2])
        if not text:
            continue
        low = style.lower()
        if low == "title":
            title = title or text
            continue
        m = re.match(r"heading\s*(\d)", low)
        if m:
            b.heading(text, int(m.group(1)))
            last_figure = None
            continue
        if low == "caption" or _CAPTION.match(text) or _TABLE_CAPTION.match(text):
            if last_figure is not None and not last_figure.caption and not _TABLE_CAPTION.match(text):
                last_figure.caption = text
                last_figure = None
                continue
            if _TABLE_CAPTION.match(text) or (low == "caption" and _next_is_table(children, i)):
                pending_table_caption = text
                continue
        last_figure = None
        if "list" in low or el.pPr is not None and el.pPr.numPr is not None:
            b.list_item(text, ordered="number" in low)
        else:
            b.paragraph(text)
    opts.ctx.report(len(children), len(children), "body read")
    return b.finish(title=title, pages=1)


def _next_is_table(children: list, i: int) -> bool:
    return i + 1 < len(children) and children[i + 1].tag.endswith("}tbl")


def _table_rows(table) -> list[list[str]]:
    rows = []
    for r in table.rows:
        cells, last = [], None
        for c in r.cells:
            if c._tc is last:  # a horizontally merged cell repeats; keep it once
                continue
            last = c._tc
            cells.append(c.text)
        rows.append(cells)
    return rows


def _pictures(el, d) -> list[tuple[bytes, int, int]]:
    found = []
    for blip in el.iter(_BLIP):
        rid = blip.get(_EMBED)
        part = d.part.related_parts.get(rid) if rid else None
        if part is None:
            continue
        png = to_png(part.blob)
        if png:
            found.append(png)
    return found
