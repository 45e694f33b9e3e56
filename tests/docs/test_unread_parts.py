"""Parts of office files besides the body text: read where seer can (3-D charts), named in warnings where not."""

from __future__ import annotations

from seer.context import Context
from seer.skills.docs.readers import ReadOptions, read_path


def _read(path):
    return read_path(path, ReadOptions(ctx=Context(model=None)))


def test_docx_page_headers_and_footers_are_named(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Body text of the Shrike-5151 memo.")
    d.sections[0].header.paragraphs[0].text = "Confidential Shrike-5151 header"
    d.save(tmp_path / "h.docx")
    warnings = _read(tmp_path / "h.docx").warnings
    assert any("page headers" in w and "not read" in w for w in warnings)
    assert not any("footers" in w for w in warnings)
    d2 = docx.Document()
    d2.add_paragraph("No header here.")
    d2.save(tmp_path / "plain.docx")
    assert _read(tmp_path / "plain.docx").warnings == []


def test_pptx_speaker_notes_are_named(tmp_path):
    from pptx import Presentation

    prs = Presentation()
    for i in range(3):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"Slide {i + 1}"
        if i == 1:
            slide.notes_slide.notes_text_frame.text = "Say the Wryneck-6262 figure aloud."
    prs.save(tmp_path / "n.pptx")
    assert any("speaker notes of slide(s) 2 " in w for w in _read(tmp_path / "n.pptx").warnings)


def test_pptx_3d_chart_data_is_read_with_its_series_names(tmp_path):
    """python-pptx has no plot class for 3-D charts: the data comes from the values the chart part caches,
    and a series is named by its cached text, not by the cell reference it came from."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Rail-9393 counts"
    data = CategoryChartData()
    data.categories = ["Q1", "Q2", "Q3"]
    data.add_series("Water rail", (11, 23, 37))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1.5), Inches(6), Inches(4), data)
    space = frame.chart._chartSpace
    for el in space.iter("{http://schemas.openxmlformats.org/drawingml/2006/chart}barChart"):
        el.tag = "{http://schemas.openxmlformats.org/drawingml/2006/chart}bar3DChart"
    prs.save(tmp_path / "c3d.pptx")
    (fig,) = _read(tmp_path / "c3d.pptx").figures()
    assert fig.chart is not None and fig.chart.categories == ["Q1", "Q2", "Q3"]
    assert [(s.name, s.values) for s in fig.chart.series] == [("Water rail", [11.0, 23.0, 37.0])]
