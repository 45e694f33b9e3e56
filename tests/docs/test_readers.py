"""Every input format round-trips the same known outline, table cells, figures and key numbers."""

import pytest
from PIL import Image

from seer.context import Context
from seer.errors import InputError, LimitError
from seer.skills.docs.document import Figure, ListBlock, Table
from seer.skills.docs.read import load_document, parse_pages
from seer.skills.docs.readers import ReadOptions, find, read_path

FORMATS = ["docx", "pdf", "pptx", "html", "md"]


def _all_text(doc) -> str:
    parts = [doc.title or ""] + doc.headings()
    for b in doc.blocks():
        if isinstance(b, Table):
            parts += [c for r in b.rows for c in r]
        elif isinstance(b, ListBlock):
            parts += b.items
        elif isinstance(b, Figure):
            parts.append(b.caption or "")
        else:
            parts.append(b.text)
    return "\n".join(parts)


@pytest.mark.parametrize("fmt", FORMATS)
def test_outline_round_trips(docs, spec, fmt):
    doc = docs[fmt]
    assert doc.title == spec.title
    expected = spec.headings(with_scanned=fmt == "pdf")
    assert doc.headings() == expected
    levels = {s.heading: s.level for s in doc.sections if s.heading}
    if fmt != "pptx":  # slides have no heading levels
        assert levels["Product Adoption"] == 2 and levels["Revenue by Region"] == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_table_cells_round_trip(docs, spec, fmt):
    tables = docs[fmt].tables()
    assert len(tables) == 1
    truth = next(s.table for s in spec.sections if s.table)
    assert tables[0].rows == truth


@pytest.mark.parametrize("fmt", FORMATS)
def test_figures_and_key_numbers(docs, spec, fmt):
    doc = docs[fmt]
    figs = doc.figures()
    assert len(figs) == spec.n_figures()
    fig = figs[0]
    if fmt == "pptx":  # a native chart: its data comes straight from the file
        assert fig.chart is not None and fig.chart.series[0].values == next(
            s.chart[2] for s in spec.sections if s.chart
        )
    else:
        assert fig.png and fig.width > 100 and fig.height > 50
    text = _all_text(doc)
    for number in spec.key_numbers:
        assert number.split()[0] in text, number
    values = {k.value for k in doc.key_figures()}
    assert "$48.2 million" in values and "12.4%" in values


def test_lists_and_pages(docs):
    pdf = docs["pdf"]
    lists = [b for b in pdf.blocks() if isinstance(b, ListBlock)]
    assert any("Uptime for the quarter was 99.97% against a 99.9% target" in b.items for b in lists)
    assert pdf.pages == 3 and pdf.ocr_pages == [3]
    scanned = next(s for s in pdf.sections if s.heading == "Appendix: Signed Board Memo")
    assert scanned.page == 3 and "$2.4 million" in scanned.text()
    assert all(s.page for s in pdf.sections)


def test_markdown_output(docs):
    from seer.skills.docs.markdown_render import to_markdown

    text = to_markdown(docs["docx"])
    assert text.startswith("# Quarterly Business Review Q3 2024\n")
    assert "## Revenue by Region" in text and "### Product Adoption" in text
    assert "| North America | $18.4M | $20.9M | +13.6% |" in text


def test_xlsx(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Pipeline"
    ws.append(["Stage", "Deals", "Value"])
    ws.append(["Qualified", 41, 1250000.5])
    ws.append(["Closed won", 9, "=B3*2"])
    wb.create_sheet("Notes")["B2"] = "zebra-7731"
    p = tmp_path / "book.xlsx"
    wb.save(p)
    doc = read_path(p)
    assert doc.headings() == ["Pipeline", "Notes"]
    assert doc.tables()[0].rows[:2] == [["Stage", "Deals", "Value"], ["Qualified", "41", "1250000.5"]]
    assert doc.tables()[1].rows == [["zebra-7731"]]


def test_image_without_ocr(tmp_path):
    p = tmp_path / "photo.png"
    Image.new("RGB", (64, 48), "red").save(p)
    doc = read_path(p, ReadOptions(ocr=False))
    assert doc.format == "image" and len(doc.figures()) == 1 and doc.figures()[0].width == 64


def test_registry_by_suffix_mime_and_magic(tmp_path):
    from pathlib import Path

    assert find(Path("a.PDF")).name == "pdf"
    assert find(Path("noext"), b"%PDF-1.7").name == "pdf"
    assert find(Path("x.bin"), mime="text/html").name == "html"
    with pytest.raises(InputError, match="unsupported document type"):
        find(Path("x.bin"), b"\x00\x01")


def test_errors_say_what_to_do(tmp_path, corpus):
    with pytest.raises(InputError, match="not found"):
        read_path(tmp_path / "missing.pdf")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(corpus["pdf"].read_bytes()[:300])
    with pytest.raises(InputError):
        read_path(broken)
    bad_docx = tmp_path / "bad.docx"
    bad_docx.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="DOCX"):
        read_path(bad_docx)
    with pytest.raises(LimitError, match="page limit|pages to read"):
        read_path(corpus["pdf"], ReadOptions(max_pages=1))
    with pytest.raises(InputError):
        parse_pages("3-1")


def test_encrypted_pdf(tmp_path):
    from reportlab.pdfgen import canvas

    p = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(p), encrypt="secret")
    c.drawString(72, 720, "hidden")
    c.save()
    with pytest.raises(InputError, match="encrypted"):
        read_path(p)


def test_page_range_and_progress(corpus):
    seen = []
    ctx = Context(progress=lambda d, t=None, m=None: seen.append((d, t, m)))
    doc = load_document(str(corpus["pdf"]), ctx, pages="1", charts=False)
    assert doc.ocr_pages == [] and "read pages 1-1 of 3" in doc.warnings
    assert (0, 1, "page 1/1") in seen and seen[-1][0] == seen[-1][1]


def test_read_document_skill(corpus):
    from seer.skills.registry import get

    skill = get("read-doc")
    out = skill.invoke({"path": str(corpus["html"]), "markdown": True})
    assert out.markdown and "Revenue by Region" in out.markdown
    assert "figures" in out.summary_text()
    assert '"_png"' not in out.model_dump_json()


def test_pdf_parts_left_out_are_named(tmp_path):
    """A printed page number in the footer, a 20-pt icon and a page-size background are not kept,
    and the warnings say so; the body text is read."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from seer.skills.docs.readers.pdf import PAGE_NUMBERS_LEFT_OUT

    p = tmp_path / "furniture.pdf"
    w, h = A4
    c = canvas.Canvas(str(p), pagesize=A4)
    for n in (1, 2):
        c.drawImage(ImageReader(Image.new("RGB", (60, 80), (250, 246, 236))), 0, 0, w, h)
        c.drawImage(ImageReader(Image.new("RGB", (20, 20), (200, 30, 30))), 72, h - 100, 20, 20)
        c.setFont("Helvetica", 11)
        c.drawString(100, h - 96, f"Harbour survey notes, part {n}: terns nested on the north mole.")
        c.drawString(w / 2, 30, str(n + 6))
        c.showPage()
    c.save()
    doc = read_path(p)
    text = _all_text(doc)
    assert "terns nested on the north mole" in text and "7" not in text.split()
    assert PAGE_NUMBERS_LEFT_OUT in doc.warnings
    assert any("under 40 pt" in x for x in doc.warnings) and any("background" in x for x in doc.warnings)
    assert len(doc.warnings) == len(set(doc.warnings))
