"""Write planned slides to a 16:9 PPTX with python-pptx: native tables and charts, notes, measured text.

Every text box gets a font size chosen by measuring (text_fit), autofit off and word wrap on, so
what is measured is what is drawn. A template's title layout and theme are used when one is given.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from ....config import Settings
from ....errors import InputError
from ....security import write_output
from ..document import ChartData
from .planner import LEAD_SIZE, Picture, SlideSpec
from .slide_layout import EMU_PER_PT, Rect, SlideLayout, default_layout, template_layout
from .text_fit import (
    BULLET_INDENT,
    CELL_MARGIN_X,
    CELL_MARGIN_Y,
    DECK_FONT,
    MARGIN_X,
    MARGIN_Y,
    PARA_SPACE,
    Para,
    column_widths,
    fit_size,
    row_heights,
    truncate_to_fit,
)

NAVY = (0x1F, 0x38, 0x64)
ACCENT = (0x2E, 0x68, 0xAA)
GREY = (0x59, 0x59, 0x59)
SLIDE_W_EMU, SLIDE_H_EMU = 12192000, 6858000


def _emu(pt: float) -> int:
    return int(round(pt * EMU_PER_PT))


def open_presentation(template: str | None):
    """A presentation and its layout: the template (its slides removed) or a blank 16:9 deck."""
    from pptx import Presentation
    from pptx.util import Emu

    if template:
        p = Path(template).expanduser()
        if not p.is_file():
            raise InputError(f"template not found: {p}")
        try:
            prs = Presentation(str(p))
        except Exception as exc:  # python-pptx raises several types for a bad package
            raise InputError(f"template {p.name} is not a readable .pptx ({type(exc).__name__}: {exc})") from None
        _remove_slides(prs)
        lay = _title_only_layout(prs)
        ph = next((s for s in lay.placeholders if s.placeholder_format.type in _TITLE_TYPES()), None)
        geom = (ph.left, ph.top, ph.width, ph.height) if ph is not None and ph.width else None
        return prs, template_layout(prs.slide_width or SLIDE_W_EMU, prs.slide_height or SLIDE_H_EMU, geom), True
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_W_EMU), Emu(SLIDE_H_EMU)
    return prs, default_layout(), False


def _TITLE_TYPES():
    from pptx.enum.shapes import PP_PLACEHOLDER

    return (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def _remove_slides(prs) -> None:
    ids = prs.slides._sldIdLst
    for sld in list(ids):
        prs.part.drop_rel(sld.rId)
        ids.remove(sld)


def _title_only_layout(prs):
    layouts = list(prs.slide_layouts)
    for lay in layouts:
        if lay.name.lower().replace(" ", "") in ("titleonly", "onlytitle"):
            return lay
    with_title = [l for l in layouts if any(p.placeholder_format.type in _TITLE_TYPES() for p in l.placeholders)]
    return min(with_title, key=lambda l: len(l.placeholders)) if with_title else layouts[-1]


def write_deck(
    slides: list[SlideSpec], path: Path, template: str | None, settings: Settings
) -> tuple[SlideLayout, dict[str, int]]:
    prs, layout, templated = open_presentation(template)
    counts = {"tables": 0, "charts": 0, "pictures": 0}
    title_layout = _title_only_layout(prs)
    for spec in slides:
        slide = prs.slides.add_slide(title_layout)
        _clear_placeholders(slide)
        if spec.kind in ("title", "section"):
            _cover(slide, spec, layout, templated)
        else:
            _title(slide, spec.title, layout, templated)
            if spec.kind in ("bullets", "agenda", "summary"):
                _bullets(slide, spec.bullets, layout.body, layout)
                _notes(slide, spec)
                continue
            lead_h = spec.lead_height(layout)
            area = layout
            if lead_h:
                b = layout.body
                _bullets(slide, spec.bullets, Rect(b.x, b.y, b.w, lead_h), layout, max_size=LEAD_SIZE)
                area = layout.below(lead_h)
            if spec.kind == "table" and spec.rows:
                _table(slide, spec, area)
                counts["tables"] += 1
            elif spec.kind == "chart" and spec.chart is not None:
                _chart(slide, spec.chart, area)
                counts["charts"] += 1
                if spec.caption:
                    _caption(slide, spec.caption, area)
            elif spec.kind == "picture" and spec.pictures:
                _pictures(slide, spec, area)
                counts["pictures"] += len(spec.pictures)
        _notes(slide, spec)
    buf = io.BytesIO()
    prs.save(buf)
    write_output(path, buf.getvalue(), settings, what="deck output", suffixes=(".pptx",))
    return layout, counts


def _notes(slide, spec: SlideSpec) -> None:
    if spec.notes:
        slide.notes_slide.notes_text_frame.text = spec.notes


def _clear_placeholders(slide) -> None:
    for ph in list(slide.placeholders):
        if ph.placeholder_format.type not in _TITLE_TYPES():
            ph._element.getparent().remove(ph._element)


def _style_frame(tf, anchor_middle: bool = False) -> None:
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
    from pptx.util import Emu

    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = Emu(_emu(MARGIN_X))
    tf.margin_top = tf.margin_bottom = Emu(_emu(MARGIN_Y))
    tf.vertical_anchor = MSO_ANCHOR.MIDDLE if anchor_middle else MSO_ANCHOR.TOP


def _run(p, text: str, size: float, bold: bool = False, color=None) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    r = p.add_run()
    r.text = text
    f = r.font
    f.size = Pt(size)
    f.bold = bold
    f.name = DECK_FONT
    if color:
        f.color.rgb = RGBColor(*color)


def _place(shape, rect: Rect) -> None:
    shape.left, shape.top, shape.width, shape.height = _emu(rect.x), _emu(rect.y), _emu(rect.w), _emu(rect.h)


def _title(slide, text: str, layout: SlideLayout, templated: bool) -> None:
    r = layout.title
    shape = slide.shapes.title
    if shape is None:
        shape = slide.shapes.add_textbox(0, 0, 1, 1)
    _place(shape, r)
    size = fit_size([Para(text, 0, True)], r.w, r.h, layout.title_max, layout.title_min)
    if size is None:
        size = layout.title_min
        text = truncate_to_fit(text, r.w, r.h, size, bold=True)
    tf = shape.text_frame
    _style_frame(tf, anchor_middle=True)
    tf.clear()
    _run(tf.paragraphs[0], text, size, bold=True, color=None if templated else NAVY)
    if not templated:
        from pptx.enum.text import PP_ALIGN

        tf.paragraphs[0].alignment = PP_ALIGN.LEFT
        bar = slide.shapes.add_shape(1, _emu(r.x), _emu(r.bottom + 4), _emu(min(r.w, 120)), _emu(3))
        bar.fill.solid()
        from pptx.dml.color import RGBColor

        bar.fill.fore_color.rgb = RGBColor(*ACCENT)
        bar.line.fill.background()


def _cover(slide, spec: SlideSpec, layout: SlideLayout, templated: bool) -> None:
    h = layout.height
    title_r = Rect(layout.body.x, h * 0.30, layout.body.w, h * 0.25)
    shape = slide.shapes.title or slide.shapes.add_textbox(0, 0, 1, 1)
    _place(shape, title_r)
    size = fit_size([Para(spec.title, 0, True)], title_r.w, title_r.h, 40, 24)
    text = spec.title
    if size is None:
        size, text = 24, truncate_to_fit(spec.title, title_r.w, title_r.h, 24, True)
    tf = shape.text_frame
    _style_frame(tf, anchor_middle=True)
    tf.clear()
    _run(tf.paragraphs[0], text, size, bold=True, color=None if templated else NAVY)
    if spec.subtitle:
        sub_r = Rect(layout.body.x, title_r.bottom + 8, layout.body.w, 40)
        box = slide.shapes.add_textbox(_emu(sub_r.x), _emu(sub_r.y), _emu(sub_r.w), _emu(sub_r.h))
        s = fit_size([Para(spec.subtitle)], sub_r.w, sub_r.h, 20, 10) or 10
        _style_frame(box.text_frame)
        _run(box.text_frame.paragraphs[0], truncate_to_fit(spec.subtitle, sub_r.w, sub_r.h, s), s, color=GREY)


def _set_bullet(p, level: int) -> None:
    """A real bullet (•) with a hanging indent of BULLET_INDENT points per level."""
    from lxml import etree

    pPr = p._p.get_or_add_pPr()
    pPr.set("marL", str(_emu(BULLET_INDENT * level)))
    pPr.set("indent", str(-_emu(BULLET_INDENT)))
    ns = "http://schemas.openxmlformats.org/drawingml/2006/main"
    for tag in ("buNone", "buChar", "buAutoNum", "buFont"):
        for el in pPr.findall(f"{{{ns}}}{tag}"):
            pPr.remove(el)
    font = etree.SubElement(pPr, f"{{{ns}}}buFont")
    font.set("typeface", DECK_FONT)
    ch = etree.SubElement(pPr, f"{{{ns}}}buChar")
    ch.set("char", "•")


def _bullets(slide, paras: list[Para], r: Rect, layout: SlideLayout, max_size: float | None = None) -> None:
    from pptx.util import Pt

    size = fit_size(paras, r.w, r.h, max_size or layout.body_max, layout.body_min)
    if size is None:  # the planner splits before this happens; shrink further rather than overflow
        size = fit_size(paras, r.w, r.h, layout.body_min, 6.0) or 6.0
    box = slide.shapes.add_textbox(_emu(r.x), _emu(r.y), _emu(r.w), _emu(r.h))
    tf = box.text_frame
    _style_frame(tf)
    for i, para in enumerate(paras):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        if para.level:
            _set_bullet(p, para.level)
        p.line_spacing = 1.0
        p.space_before = Pt(PARA_SPACE if i else 0)
        p.space_after = Pt(0)
        _run(p, para.text, size, bold=para.bold)


def _caption(slide, text: str, layout: SlideLayout) -> None:
    _caption_in(slide, text, layout.caption_rect())


def _caption_in(slide, text: str, r: Rect) -> None:
    size = fit_size([Para(text)], r.w, r.h, 14, 9)
    if size is None:
        size, text = 9, truncate_to_fit(text, r.w, r.h, 9)
    box = slide.shapes.add_textbox(_emu(r.x), _emu(r.y), _emu(r.w), _emu(r.h))
    _style_frame(box.text_frame)
    _run(box.text_frame.paragraphs[0], text, size, color=GREY)


def _table(slide, spec: SlideSpec, layout: SlideLayout) -> None:
    from pptx.util import Emu, Pt

    rows = spec.rows or []
    body = layout.body
    avail = body.h - (layout.caption_h if spec.caption else 0)
    size = layout.table_max
    while True:
        widths = column_widths(rows, body.w, size)
        heights = row_heights(rows, widths, size, spec.header)
        if sum(heights) <= avail or size <= layout.table_min:
            break
        size -= 1
    frame = slide.shapes.add_table(
        len(rows), len(rows[0]), _emu(body.x), _emu(body.y), _emu(body.w), _emu(sum(heights))
    )
    table = frame.table
    table.first_row = spec.header
    for c, w in enumerate(widths):
        table.columns[c].width = Emu(_emu(w))
    for r, (row, h) in enumerate(zip(rows, heights)):
        table.rows[r].height = Emu(_emu(h))
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = Emu(_emu(CELL_MARGIN_X))
            cell.margin_top = cell.margin_bottom = Emu(_emu(CELL_MARGIN_Y))
            tf = cell.text_frame
            tf.word_wrap = True
            p = tf.paragraphs[0]
            p.line_spacing = 1.0
            p.space_before = Pt(0)
            _run(p, text, size, bold=spec.header and r == 0)
    frame.height = Emu(sum(_emu(h) for h in heights))
    if spec.caption:
        _caption(slide, spec.caption, layout)


def _chart(slide, chart: ChartData, layout: SlideLayout) -> None:
    from pptx.chart.data import CategoryChartData, XyChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.util import Pt

    kinds = {
        "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
        "bar": XL_CHART_TYPE.BAR_CLUSTERED,
        "line": XL_CHART_TYPE.LINE_MARKERS,
        "pie": XL_CHART_TYPE.PIE,
        "area": XL_CHART_TYPE.AREA,
        "scatter": XL_CHART_TYPE.XY_SCATTER,
    }
    r = layout.figure_rect()
    data: XyChartData | CategoryChartData
    if chart.kind == "scatter":
        data = xy = XyChartData()
        for s in chart.series:
            ser = xy.add_series(s.name)
            for cat, v in zip(chart.categories, s.values):
                try:
                    x = float(cat)
                except ValueError:
                    continue
                if v is not None:
                    ser.add_data_point(x, v)
    else:
        data = by_category = CategoryChartData()
        by_category.categories = chart.categories
        series = chart.series[:1] if chart.kind == "pie" else chart.series
        for s in series:
            by_category.add_series(s.name, [v for v in s.values])
    gf = slide.shapes.add_chart(kinds[chart.kind], _emu(r.x), _emu(r.y), _emu(r.w), _emu(r.h), data)
    ch = gf.chart
    ch.font.size = Pt(12)
    ch.font.name = DECK_FONT
    ch.has_legend = len(chart.series) > 1 or chart.kind == "pie"
    if ch.has_legend:
        ch.legend.position = XL_LEGEND_POSITION.BOTTOM
        ch.legend.include_in_layout = False
    if chart.title:
        ch.has_title = True
        ch.chart_title.text_frame.text = chart.title
    values = [v for s in chart.series for v in s.values if v is not None]
    if chart.kind in ("column", "bar", "area") and values and min(values) >= 0:
        ch.value_axis.minimum_scale = 0  # bars must start at zero or they exaggerate differences
    if chart.kind != "scatter" and len(chart.categories) <= 12:
        plot = ch.plots[0]
        plot.has_data_labels = True
        plot.data_labels.font.size = Pt(11)
        plot.data_labels.number_format = "#,##0.##"
        plot.data_labels.number_format_is_linked = False


def _pictures(slide, spec: SlideSpec, layout: SlideLayout) -> None:
    """One picture over the body with its caption below; a gallery in a grid (2 or 3 across), each
    picture with its own caption under it."""
    n = len(spec.pictures)
    if n == 1:
        _picture(slide, spec.pictures[0], layout.figure_rect())
        if spec.pictures[0].caption:
            _caption(slide, spec.pictures[0].caption, layout)
        return
    b, gap = layout.body, 12.0
    cols = 3 if n == 3 else min(n, 2)
    rows = math.ceil(n / cols)
    cw, chh = (b.w - gap * (cols - 1)) / cols, (b.h - gap * (rows - 1)) / rows
    for k, pic in enumerate(spec.pictures):
        x, y = b.x + (k % cols) * (cw + gap), b.y + (k // cols) * (chh + gap)
        cap_h = layout.caption_h if pic.caption else 0.0
        _picture(slide, pic, Rect(x, y, cw, chh - cap_h - (4 if cap_h else 0)))
        if pic.caption:
            _caption_in(slide, pic.caption, Rect(x, y + chh - cap_h, cw, cap_h))


def _picture(slide, pic: Picture, r: Rect) -> None:
    w, h = pic.size
    if not w or not h:
        from PIL import Image

        w, h = Image.open(io.BytesIO(pic.png)).size
    scale = min(r.w / w, r.h / h)
    pw, ph = w * scale, h * scale
    x, y = r.x + (r.w - pw) / 2, r.y + (r.h - ph) / 2
    slide.shapes.add_picture(io.BytesIO(pic.png), _emu(x), _emu(y), _emu(pw), _emu(ph))
