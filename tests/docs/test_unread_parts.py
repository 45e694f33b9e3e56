"""Parts of office files that the reader does not take into the body are named in warnings."""

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
