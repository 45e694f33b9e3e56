"""PDF: pdfplumber for text with positions and exact ruled tables, pypdfium2 to render.

Pages are read one at a time (progress per page) into items (lines, tables, pictures) in reading order;
`pdf_sections` turns them into sections. A page with (almost) no text layer is a scan: it is rendered
at 150 dpi and its lines come from OCR.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from ....errors import InputError, LimitError
from ..document import DocumentBuilder, metadata_title
from .pdf_layout import WORD_GAP, borderless_tables, page_rows, reading_order, regrid
from .pdf_sections import Item, Line, assemble
from .registry import ReadOptions, register
from .scan import DROP, doubt_warnings, upright_lines

SCAN_DPI = 150
_PAGE_NO = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
PAGE_NUMBERS_LEFT_OUT = "page numbers printed in the top or bottom margin are left out: every block carries its page"


def _page_number(text: str, top: float, bottom: float, height: float, b: DocumentBuilder) -> bool:
    """Whether a line is a printed page number in the margin (left out, and said so once)."""
    if not ((top < 0.07 * height or bottom > 0.93 * height) and _PAGE_NO.match(text)):
        return False
    _once(b, PAGE_NUMBERS_LEFT_OUT)
    return True


def _once(b: DocumentBuilder, warning: str) -> None:
    if warning not in b.doc.warnings:
        b.doc.warnings.append(warning)


@register("pdf", suffixes=(".pdf",), mimes=("application/pdf",), magic=(b"%PDF",))
def read_pdf(path: Path, opts: ReadOptions) -> object:
    import pdfplumber
    import pypdfium2 as pdfium
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        rdoc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise InputError(
                f"{path.name} is encrypted (password-protected); decrypt it first (e.g. `qpdf --decrypt`)"
            ) from None
        raise InputError(f"{path.name} is not a readable PDF ({msg}); check the file is complete") from None
    try:
        n = len(rdoc)
        first, last = _page_range(n, opts, path.name)
        b = opts.builder(path, "pdf")
        items: list[Item] = []
        try:
            plumb = pdfplumber.open(str(path))
        except PDFPasswordIncorrect:
            raise InputError(f"{path.name} is encrypted (password-protected); decrypt it first") from None
        except Exception as exc:  # pdfminer raises many types for malformed files
            raise InputError(f"{path.name} is a malformed PDF ({type(exc).__name__}: {exc})") from None
        with plumb:
            meta_title = (plumb.metadata or {}).get("Title")
            for i in range(first, last + 1):
                opts.ctx.report(i - first, last - first + 1, f"page {i}/{last}")
                try:
                    page = plumb.pages[i - 1]
                    items.extend(_read_page(page, rdoc[i - 1], i, opts, b))
                except (InputError, LimitError):
                    raise
                except Exception as exc:  # one broken page must not lose the rest
                    b.doc.warnings.append(f"page {i} could not be read ({type(exc).__name__}: {exc})")
                finally:
                    try:
                        page.close()
                    except Exception:
                        pass
            opts.ctx.report(last - first + 1, last - first + 1, "pages read")
        title = assemble(items, b)
        doc = b.finish(title=title or metadata_title(meta_title), pages=n)
        if last - first + 1 < n:
            doc.warnings.append(f"read pages {first}-{last} of {n}")
        return doc
    finally:
        rdoc.close()


def _page_range(n: int, opts: ReadOptions, name: str) -> tuple[int, int]:
    if n == 0:
        raise InputError(f"{name} has no pages")
    first, last = opts.pages or (1, n)
    if first > n:
        raise InputError(f"{name} has {n} pages; page {first} does not exist")
    last = min(last, n)
    if last - first + 1 > opts.max_pages:
        raise LimitError(
            f"{name} has {last - first + 1} pages to read, over the {opts.max_pages}-page limit; "
            "pass max_pages to raise it, or pages (e.g. '1-50') to read a range"
        )
    return first, last


def _read_page(page, rpage, number: int, opts: ReadOptions, b: DocumentBuilder) -> list[Item]:
    width, height = float(page.width), float(page.height)
    chars = page.chars
    if len("".join(c["text"] for c in chars).strip()) < 20:
        return _read_scanned(rpage, number, width, height, opts, b)
    items: list[Item] = []
    text_rows = page_rows(page)
    tables = page.find_tables()
    table_boxes = [t.bbox for t in tables]
    for t in tables:
        rows = _cell_rows(page, t)
        if _collapsed(rows):  # ruled only around the outside: its cells come from text alignment
            inside = [[sg for sg in r if _inside(sg, [t.bbox])] for r in text_rows]
            rows = regrid([r for r in inside if r]) or rows
        items.append(Item(top=t.bbox[1], page=number, left=t.bbox[0], right=t.bbox[2], rows=rows))
    image_boxes = []
    for im in page.images:
        x0, top, x1, bottom = im["x0"], im["top"], im["x1"], im["bottom"]
        if (x1 - x0) < 40 or (bottom - top) < 40:
            _once(b, "images under 40 pt across (icons, bullets, rules) are not kept as pictures")
            continue
        if (x1 - x0) * (bottom - top) > 0.85 * width * height:
            _once(b, "page-size background images are not kept as pictures (the text over them is read)")
            continue
        image_boxes.append((x0, top, x1, bottom))
        stream = im.get("stream")
        if (
            stream is not None
            and getattr(stream, "objid", None) is not None
            and b.pictures.seen(("pdf-image", stream.objid))
        ):
            continue  # one image object drawn again: rendered once
        rendered = _render_region(rpage, (x0, top, x1, bottom), width, height, b, f"page {number} picture")
        if rendered:
            items.append(Item(top=top, page=number, left=x0, right=x1, png=rendered[0], size=rendered[1]))
    # text inside a ruled table is in its cells; text drawn over a picture belongs to the picture
    rows = [[s for s in row if not _inside(s, table_boxes + image_boxes)] for row in text_rows]
    contents, rows = _contents_tables([r for r in rows if r], number)
    items += contents
    grids, rows = borderless_tables(rows, width)
    for g in grids:
        items.append(Item(top=g.top, page=number, left=g.left, right=g.right, rows=g.rows))
    for seg in (s for row in rows for s in row):
        text = seg.text.strip()
        if not text or _page_number(text, seg.top, seg.bottom, height, b):
            continue
        items.append(
            Item(
                top=seg.top,
                page=number,
                left=seg.x0,
                right=seg.x1,
                line=Line(text, seg.size, seg.weight, seg.top, seg.bottom, seg.x0, number, italic=seg.italic),
            )
        )
    return reading_order(items, width)


_LEADER = re.compile(r"^(?P<entry>.*?[^\s.])\s*(?:\.\s*){4,}(?P<page>\d{1,4}|[ivxlcdm]{1,7})$", re.IGNORECASE)


def _contents_tables(rows: list[list], number: int) -> tuple[list[Item], list[list]]:
    """A table of contents (three or more rows in a row of an entry, a dot leader and a page number)
    becomes a two-column table of entry and page instead of a paragraph of dots; the other rows are
    returned as they were."""
    tables: list[Item] = []
    rest: list[list] = []
    run: list[tuple[list, re.Match]] = []

    def flush() -> None:
        if len(run) >= 3:
            segs = [sg for r, _ in run for sg in r]
            tables.append(
                Item(
                    top=run[0][0][0].top,
                    page=number,
                    left=min(sg.x0 for sg in segs),
                    right=max(sg.x1 for sg in segs),
                    rows=[[m["entry"].strip(), m["page"]] for _, m in run],
                    header=False,
                )
            )
        else:
            rest.extend(r for r, _ in run)
        run.clear()

    for row in rows:
        m = _LEADER.match(" ".join(sg.text.strip() for sg in row))
        if m:
            run.append((row, m))
            continue
        flush()
        rest.append(row)
    flush()
    return tables, rest


def _cell_rows(page, table) -> list[list[str]]:
    """The table's cell text, row by row. A cell pdfplumber could not close (a rule missing between two
    rows of one column) is read from the characters inside its row band and column that no closed
    cell holds, instead of coming back empty."""
    from pdfplumber.utils import extract_text

    rows = table.extract(x_tolerance_ratio=WORD_GAP)
    if not any(c is None for r in rows for c in r):
        return [[c.strip() for c in r] for r in rows]
    closed = [c for r in table.rows for c in r.cells if c]
    free = [ch for ch in page.chars if _centre_in(ch, table.bbox) and not any(_centre_in(ch, c) for c in closed)]
    columns = table.columns
    for i, r in enumerate(table.rows):
        for j, cell in enumerate(r.cells):
            if cell is None and rows[i][j] is None and j < len(columns):
                region = (columns[j].bbox[0], r.bbox[1], columns[j].bbox[2], r.bbox[3])
                chars = [ch for ch in free if _centre_in(ch, region)]
                rows[i][j] = extract_text(chars, x_tolerance_ratio=WORD_GAP) if chars else ""
    return [[(c or "").strip() for c in r] for r in rows]


def _centre_in(ch: dict, box) -> bool:
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _collapsed(rows: list[list[str]]) -> bool:
    """A ruled table whose cells each hold many printed rows (its inner lines are missing)."""
    return any(c.count("\n") >= 3 for r in rows for c in r)


def _inside(seg, boxes) -> bool:
    cx, cy = (seg.x0 + seg.x1) / 2, (seg.top + seg.bottom) / 2
    return any(x0 <= cx <= x1 and t <= cy <= bt for x0, t, x1, bt in boxes)


def _fit_scale(scale: float, width: float, height: float, max_pixels: int) -> float:
    """The render scale, lowered so a page (or region) of width×height points stays within max_pixels:
    a hostile PDF can declare a page of 200×200 inches, which would be a 900 MP render at 150 dpi."""
    area = max(width, 1.0) * max(height, 1.0)
    return min(scale, 0.99 * (max_pixels / area) ** 0.5)  # 1% spare: the renderer rounds sizes up


def _render_region(
    rpage, box, width: float, height: float, b: DocumentBuilder, name: str, dpi: int = 144
) -> tuple[bytes, tuple[int, int]] | None:
    """The region rendered as PNG, or None when the document's picture budget is spent (with a warning)."""
    x0, top, x1, bottom = (max(0.0, v) for v in box)
    x1, bottom = min(x1, width), min(bottom, height)
    scale = _fit_scale(dpi / 72, x1 - x0, bottom - top, b.pictures.limits.max_pixels_each)
    if not b.pictures.room(int((x1 - x0) * scale), int((bottom - top) * scale), name):
        return None
    pil = rpage.render(scale=scale, crop=(x0, height - bottom, width - x1, top)).to_pil().convert("RGB")
    buf = io.BytesIO()
    pil.save(buf, format="PNG", optimize=False)
    b.pictures.add(pil.width, pil.height, buf.tell())
    return buf.getvalue(), pil.size


def _read_scanned(rpage, number: int, width: float, height: float, opts: ReadOptions, b: DocumentBuilder) -> list[Item]:
    if not opts.ocr:
        b.doc.warnings.append(f"page {number} has no text layer (a scan) and OCR is off; its text is missing")
        return []
    scale = _fit_scale(SCAN_DPI / 72, width, height, opts.ctx.settings.max_pixels)
    if scale < SCAN_DPI / 72:
        b.doc.warnings.append(
            f"page {number} is {width:.0f}×{height:.0f} pt; it was OCR'd at {scale * 72:.0f} dpi to stay within max_pixels"
        )
    pil = rpage.render(scale=scale).to_pil().convert("RGB")
    lines, img, turned = upright_lines(pil, opts.ctx.settings)
    if turned:
        b.doc.warnings.append(f"page {number} is a scan turned {turned}°; it was read after turning it upright")
    b.doc.warnings.extend(doubt_warnings(lines, number))
    height = img.height / scale
    b.doc.ocr_pages.append(number)
    items = []
    for ln in sorted(lines, key=lambda l: (l.box.y0, l.box.x0)):
        if ln.confidence < DROP:
            continue
        top, bottom = ln.box.y0 / scale, ln.box.y1 / scale
        text = ln.text.strip()
        if _page_number(text, top, bottom, height, b):
            continue
        # An OCR box spans ascender to descender: about 1.15 x the font size.
        size = round((bottom - top) / 1.15 * 2) / 2
        items.append(
            Item(top=top, page=number, line=Line(text, size, 2, top, bottom, ln.box.x0 / scale, number, ocr=True))
        )
    return _merge_same_row(items)


def _merge_same_row(items: list[Item]) -> list[Item]:
    """OCR may split one printed line into pieces; join pieces whose vertical spans mostly overlap."""
    out: list[Item] = []
    for it in items:
        prev = out[-1].line if out else None
        ln = it.line
        if prev and ln and min(prev.bottom, ln.bottom) - max(prev.top, ln.top) > 0.6 * (ln.bottom - ln.top):
            prev.text = f"{prev.text} {ln.text}" if ln.x0 > prev.x0 else f"{ln.text} {prev.text}"
            continue
        out.append(it)
    return out
