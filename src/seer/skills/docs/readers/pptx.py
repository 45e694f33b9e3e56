"""PPTX with python-pptx: one section per slide (its title), body text, tables, pictures, native charts."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ....errors import InputError, LimitError
from ..document import ChartData, DocumentBuilder, clean, metadata_title
from .registry import ReadOptions, register
from .xlsx_charts import chart_data


@register(
    "pptx",
    suffixes=(".pptx", ".pptm"),
    mimes=("application/vnd.openxmlformats-officedocument.presentationml.presentation",),
)
def read_pptx(path: Path, opts: ReadOptions) -> object:
    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    try:
        prs = Presentation(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(f"{path.name} is not a readable PPTX ({exc})") from None
    slides = list(prs.slides)
    first, last = opts.pages or (1, len(slides))
    last = min(last, len(slides))
    if last - first + 1 > opts.max_pages:
        raise LimitError(
            f"{path.name} has {last - first + 1} slides to read, over the {opts.max_pages}-slide limit; pass max_pages or pages"
        )
    b = opts.builder(path, "pptx")
    title = metadata_title(prs.core_properties.title)
    for n in range(first, last + 1):
        if b.out_of_time(f"slide {n}"):
            break
        opts.ctx.report(n - first, last - first + 1, f"slide {n}/{last}")
        slide = slides[n - 1]
        title_shape = slide.shapes.title
        heading = clean(title_shape.text_frame.text) if title_shape is not None and title_shape.has_text_frame else ""
        if heading:
            b.heading(heading, 1, page=n)
        shapes = sorted(slide.shapes, key=lambda s: ((s.top or 0), (s.left or 0)))
        for shape in shapes:
            if title_shape is not None and shape.shape_id == title_shape.shape_id:
                continue
            _read_shape(shape, n, b)
    noted = [
        n
        for n in range(first, last + 1)
        if slides[n - 1].has_notes_slide
        and clean(slides[n - 1].notes_slide.notes_text_frame.text if slides[n - 1].notes_slide.notes_text_frame else "")
    ]
    if noted:
        b.doc.warnings.append(
            f"the speaker notes of slide(s) {', '.join(map(str, noted))} were not read: only the slides' own text is"
        )
    opts.ctx.report(last - first + 1, last - first + 1, "slides read")
    return b.finish(title=title, pages=len(slides))


def _read_shape(shape, page: int, b: DocumentBuilder) -> None:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        for s in shape.shapes:
            _read_shape(s, page, b)
        return
    if getattr(shape, "has_table", False) and shape.has_table:
        b.table(_table_rows(shape.table), page=page)
        return
    if getattr(shape, "has_chart", False) and shape.has_chart:
        data = _chart_data(shape.chart)
        fig = b.figure(None, 0, 0, page=page, caption=_chart_title(shape.chart), chart=data)
        if data is None:
            fig.note = "a chart that stores no data series"
            b.doc.warnings.append(f"slide {page}: a chart was kept without its data: it stores no data series")
        return
    if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
        _picture(shape, page, b)
        return
    if shape.has_text_frame:
        for p in shape.text_frame.paragraphs:
            text = clean(p.text)
            if not text:
                continue
            bullet = p.level > 0 or _has_bullet(p)
            if bullet:
                b.list_item(text, page=page)
            else:
                b.paragraph(text, page=page)


def _table_rows(table) -> list[list[str]]:
    """Cell text on the table's grid; a merged cell's text fills every cell it covers."""
    rows = [[c.text for c in r.cells] for r in table.rows]
    for i, r in enumerate(table.rows):
        for j, c in enumerate(r.cells):
            if c.is_merge_origin:
                for di in range(min(c.span_height, len(rows) - i)):
                    for dj in range(min(c.span_width, len(rows[i + di]) - j)):
                        rows[i + di][j + dj] = c.text
    return rows


def _picture(shape, page: int, b: DocumentBuilder) -> None:
    name = f"slide {page} picture '{shape.name}'"
    try:
        blob = shape.image.blob
    except (ValueError, KeyError, AttributeError):  # linked to an outside file, or a broken relationship
        b.doc.warnings.append(f"{name} was left out: it links to an outside file instead of embedding the picture")
        return
    png = b.pictures.png(blob, name)
    if png:
        caption = shape.name if not shape.name.startswith("Picture") else None
        b.figure(png[0], png[1], png[2], page=page, caption=_alt_text(shape) or caption)


def _alt_text(shape) -> str | None:
    descr = shape._element.xpath("./p:nvPicPr/p:cNvPr/@descr")
    return clean(descr[0]) or None if descr else None


def _has_bullet(p) -> bool:
    ppr = p._p.pPr
    if ppr is None:
        return False
    return any(child.tag.endswith(("}buChar", "}buAutoNum")) for child in ppr)


def _chart_title(chart) -> str | None:
    try:
        if chart.has_title and chart.chart_title.has_text_frame:
            return clean(chart.chart_title.text_frame.text) or None
    except (AttributeError, ValueError):
        pass
    return None


def _chart_data(chart) -> ChartData | None:
    """The chart's data from the values its part caches (any kind, 3-D too), titled as PowerPoint shows it."""
    data = chart_data(chart._chartSpace, lambda ref: [])
    if data is not None:
        data.title = _chart_title(chart) or data.title
    return data
