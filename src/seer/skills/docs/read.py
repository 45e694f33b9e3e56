"""read_document: any supported file into one `Document` (and Markdown)."""

from __future__ import annotations

import re

from ...context import Context
from ...errors import InputError
from .chart_link import attach_charts
from .document import Document
from .markdown_render import to_markdown
from .readers import ReadOptions, read_path
from .schema import ReadDocumentInput


def parse_pages(spec: str | None) -> tuple[int, int] | None:
    if not spec:
        return None
    m = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)?\s*)?", spec)
    if not m or int(m.group(1)) < 1:
        raise InputError(f"pages '{spec}' is not a range like '3', '1-20' or '5-'")
    first = int(m.group(1))
    last = int(m.group(2)) if m.group(2) else (first if "-" not in spec else 10**9)
    if last < first:
        raise InputError(f"pages '{spec}': the range ends before it starts")
    return first, last


def load_document(
    path: str, ctx: Context, *, pages: str | None = None, max_pages: int = 300, ocr: bool = True, charts: bool = True
) -> Document:
    """Read a file and, when asked, the data of its chart figures."""
    doc = read_path(path, ReadOptions(ctx=ctx, max_pages=max_pages, pages=parse_pages(pages), ocr=ocr))
    if charts:
        attach_charts(doc, ctx)
    return doc


def read_document(inp: ReadDocumentInput, ctx: Context) -> Document:
    """Read a document (PDF, DOCX, PPTX, XLSX, HTML, Markdown or an image) into one structure: title,
    sections with heading levels and page numbers, paragraphs, lists, tables (every cell), figures
    (caption, page, and chart data when the figure is a chart) and key numbers. Scanned PDF pages are
    OCR'd. Use it before quoting, summarising or converting a document; set `markdown` to also get the
    whole document as Markdown. Large documents: pass `pages` (e.g. '1-20')."""
    doc = load_document(inp.path, ctx, pages=inp.pages, max_pages=inp.max_pages, ocr=inp.ocr, charts=inp.charts)
    if inp.markdown:
        doc.markdown = to_markdown(doc)
    return doc
