"""Decks opened with python-pptx: titles, native tables and charts, notes, nothing beyond the slide, no overflow."""

import pytest

from bench.docs_score import cells_preserved, deck_facts, heading_recall, numbers_present
from seer.config import Settings
from seer.context import Context
from seer.errors import InputError
from seer.skills.docs.deck import document_to_slides
from seer.skills.docs.schema import SlidesInput
from seer.skills.docs.slides import preview
from seer.skills.docs.slides.check import check_deck


@pytest.fixture(scope="session")
def decks(corpus, deck_dir):
    out = {}
    for fmt in ("docx", "pptx", "pdf"):
        res = document_to_slides(
            SlidesInput(
                path=str(corpus[fmt]), output=str(deck_dir / f"{fmt}.pptx"), markdown=str(deck_dir / f"{fmt}.md")
            ),
            Context(),
        )
        out[fmt] = (res, deck_facts(res.pptx))
    return out


@pytest.mark.parametrize("fmt", ["docx", "pptx", "pdf"])
def test_deck_structure(decks, spec, fmt):
    res, f = decks[fmt]
    assert f.width == 12192000 and f.height == 6858000  # 16:9
    assert res.slides == len(f.titles) and res.titles == f.titles
    assert f.titles[0] == spec.title and f.titles[1] == "Agenda" and f.titles[-1] == "Summary"
    assert heading_recall(spec.headings(with_scanned=fmt == "pdf"), f.titles) == 1.0
    assert cells_preserved(spec.table_cells(), f.table_cells) == 1.0
    assert numbers_present(spec.key_numbers, "\n".join(f.text)) == 1.0
    assert f.outside == [] and res.overflow == 0 and check_deck(res.pptx) == []
    assert all(n.strip() for n in f.notes), "every slide has speaker notes"
    assert res.tables >= 1


def test_native_chart_from_pptx_chart(decks, spec):
    res, f = decks["pptx"]
    cats, values = next(s.chart[1:] for s in spec.sections if s.chart)
    assert res.charts == 1 and f.charts == [(cats, [values])]


def test_notes_hold_the_full_text(decks, spec):
    _, f = decks["docx"]
    full = spec.sections[0].paragraphs[0]
    assert any(full in n for n in f.notes)


def test_marp_twin(decks, spec):
    res, f = decks["docx"]
    md = open(res.markdown, encoding="utf-8").read()
    assert md.startswith("---\nmarp: true")
    assert md.count("\n---\n") == res.slides - 1 + 1  # front matter close + one separator between slides
    assert f"# {spec.title}" in md and "| North America | $18.4M | $20.9M | +13.6% |" in md
    assert "<!--" in md


def test_long_section_and_big_table_are_split(tmp_path):
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi".split()
    paras = [" ".join(f"{words[(i + j) % len(words)]}" for j in range(9)) + f" item {i}." for i in range(30)]
    rows = [["Name"] + [f"Metric {c}" for c in range(1, 10)]] + [
        [f"Row {r}"] + [f"{r * 10 + c}.5" for c in range(1, 10)] for r in range(1, 41)
    ]
    md = ["# Long Document", "", "## Very Long Section", ""] + [p + "\n" for p in paras]
    md += ["## Wide Data", "", "| " + " | ".join(rows[0]) + " |", "|" + "---|" * 10] + [
        "| " + " | ".join(r) + " |" for r in rows[1:]
    ]
    src = tmp_path / "long.md"
    src.write_text("\n".join(md))
    res = document_to_slides(SlidesInput(path=str(src), output=str(tmp_path / "long.pptx")), Context())
    f = deck_facts(res.pptx)
    long_slides = [t for t in f.titles if t.startswith("Very Long Section")]
    assert long_slides[0] == "Very Long Section" and len(long_slides) <= 2, f.titles  # summarised, not split into many
    data_slides = [t for t in f.titles if t.startswith("Wide Data")]
    assert data_slides == ["Wide Data", "Wide Data (cont.)"]  # one continuation; the rest of the rows in the notes
    notes = "\n".join(f.notes)
    cells = [c for r in rows[1:] for c in r[1:]]
    assert all(c in f.table_cells or c in notes for c in cells)
    assert res.overflow == 0 and f.outside == []
    from pptx import Presentation

    for slide in Presentation(res.pptx).slides:
        for s in slide.shapes:
            if s.has_text_frame and s.shape_type != 13:
                bullets = [p for p in s.text_frame.paragraphs if p.text.strip()]
                assert len(bullets) <= 8


def test_template_is_honoured(tmp_path, corpus):
    from pptx import Presentation
    from pptx.util import Inches

    t = Presentation()  # 4:3, with a slide that must not survive
    t.slide_width, t.slide_height = Inches(10), Inches(7.5)
    t.slides.add_slide(t.slide_layouts[0]).shapes.title.text = "old slide zebra-5521"
    path = tmp_path / "brand.pptx"
    t.save(path)
    res = document_to_slides(
        SlidesInput(path=str(corpus["md"]), output=str(tmp_path / "t.pptx"), template=str(path)), Context()
    )
    f = deck_facts(res.pptx)
    assert (f.width, f.height) == (Inches(10), Inches(7.5))
    assert "old slide zebra-5521" not in f.titles
    assert Presentation(res.pptx).slides[2].slide_layout.name == "Title Only"
    assert res.overflow == 0 and f.outside == []


def test_preview_without_libreoffice_says_so(monkeypatch, tmp_path, corpus):
    monkeypatch.setattr(preview, "soffice", lambda: None)
    res = document_to_slides(
        SlidesInput(path=str(corpus["md"]), output=str(tmp_path / "p.pptx"), preview=True), Context()
    )
    assert res.previews == [] and "LibreOffice" in res.preview_note


@pytest.mark.skipif(
    preview.soffice() is None, reason="LibreOffice is not installed (apt-get install libreoffice-impress)"
)
def test_preview_renders_thumbnails(tmp_path, corpus):
    from PIL import Image

    res = document_to_slides(
        SlidesInput(path=str(corpus["md"]), output=str(tmp_path / "p.pptx"), preview=True), Context()
    )
    assert len(res.previews) == res.slides and res.preview_note is None
    img = Image.open(res.previews[0])
    assert img.width == 640 and abs(img.height - 360) <= 2
    assert not [w for w in res.warnings if w.startswith("render check")]  # seer's own deck, as LibreOffice lays it out


@pytest.mark.skipif(
    preview.soffice() is None, reason="LibreOffice is not installed (apt-get install libreoffice-impress)"
)
def test_render_check_finds_spilled_text_and_near_empty_slides(tmp_path):
    """A hand-made deck: slide 1's text box is far too small for its text (no autofit), slide 2 holds
    two characters. LibreOffice's layout shows both; a well-made slide 3 passes."""
    from pptx import Presentation
    from pptx.util import Pt

    prs = Presentation()
    blank = prs.slide_layouts[6]
    box = prs.slides.add_slide(blank).shapes.add_textbox(Pt(40), Pt(40), Pt(200), Pt(30))
    box.text_frame.word_wrap = True
    box.text_frame.text = " ".join(["The Shearwater survey counted birds on every headland."] * 12)
    prs.slides.add_slide(blank).shapes.add_textbox(Pt(40), Pt(40), Pt(200), Pt(30)).text_frame.text = "Hi"
    fine = prs.slides.add_slide(blank).shapes.add_textbox(Pt(40), Pt(40), Pt(500), Pt(200))
    fine.text_frame.word_wrap = True
    fine.text_frame.text = "Counts rose in every region this year."
    prs.save(tmp_path / "hand.pptx")
    _, note, problems = preview.render_previews(tmp_path / "hand.pptx", tmp_path / "previews", Settings())
    assert note is None
    by_slide = {p.slide: p.what for p in problems}
    assert "outside every box" in by_slide.get(1, "") and "near-empty" in by_slide.get(2, "") and 3 not in by_slide


def test_bad_inputs(tmp_path, corpus):
    with pytest.raises(InputError, match=".pptx"):
        document_to_slides(SlidesInput(path=str(corpus["md"]), output=str(tmp_path / "x.pdf")), Context())
    with pytest.raises(InputError, match="template not found"):
        document_to_slides(
            SlidesInput(path=str(corpus["md"]), output=str(tmp_path / "x.pptx"), template=str(tmp_path / "no.pptx")),
            Context(),
        )


def test_chart_pictures_become_native_charts(decks, spec):
    res, f = decks["docx"]
    cats, values = next(s.chart[1:] for s in spec.sections if s.chart)
    assert res.charts == 1 and res.pictures == 0
    got_cats, got_values = f.charts[0]
    assert got_cats == cats
    assert all(abs(a - b) <= 0.02 * b for a, b in zip(got_values[0], values))
