"""Layouts real documents have and generated ones lacked: content controls, text boxes, linked pictures,
tight word spacing, two columns, borderless tables, placeholder titles, turned scans, photos, page
chrome and native spreadsheet charts. Every file is made here, with planted strings."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from seer.context import Context
from seer.skills.docs.document import ListBlock, Paragraph, Table
from seer.skills.docs.read import load_document
from seer.skills.docs.readers import ReadOptions, read_path


def _read(path, **kw):
    return read_path(path, ReadOptions(ctx=Context(model=None), **kw))


def _text(doc) -> str:
    out = [doc.title or ""] + doc.headings()
    for b in doc.blocks():
        if isinstance(b, Paragraph):
            out.append(b.text)
        elif isinstance(b, ListBlock):
            out += b.items
        elif isinstance(b, Table):
            out += [" | ".join(r) for r in b.rows]
    return "\n".join(out)


def test_docx_content_controls_and_text_boxes_are_read(tmp_path):
    import docx
    from docx.oxml import parse_xml

    ns = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    d = docx.Document()
    d.add_paragraph("Opening line Avocet-1010")
    table = d.add_table(rows=2, cols=2)
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row.cells):
            cell.text = f"Cell-{i}{j}-Bittern"
    sdt = parse_xml(f"<w:sdt {ns}><w:sdtPr/><w:sdtContent/></w:sdt>")
    table._tbl.addprevious(sdt)
    sdt[1].append(table._tbl)  # the table now lives inside a content control, as Google Docs writes it
    box = parse_xml(
        f"<w:p {ns}><w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
        f"<w:p><w:r><w:t>Boxed note Curlew-3030</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    d.element.body.insert(len(d.element.body) - 1, box)
    d.save(tmp_path / "controls.docx")
    doc = _read(tmp_path / "controls.docx")
    assert [["Cell-00-Bittern", "Cell-01-Bittern"], ["Cell-10-Bittern", "Cell-11-Bittern"]] in [
        t.rows for t in doc.tables()
    ]
    assert "Boxed note Curlew-3030" in _text(doc)


def test_pptx_linked_picture_is_a_warning_not_a_failure(tmp_path):
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Dotterel-4040 overview"
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 20, 20)).save(buf, format="PNG")
    pic = slide.shapes.add_picture(buf, Inches(1), Inches(2))
    blip = pic._element.blipFill.find("{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    blip.set(rel + "link", slide.part.relate_to("file:///elsewhere/photo.png", RT.IMAGE, is_external=True))
    del blip.attrib[rel + "embed"]
    prs.save(tmp_path / "linked.pptx")
    doc = _read(tmp_path / "linked.pptx")
    assert "Dotterel-4040 overview" in doc.headings()
    assert any("links to an outside file" in w for w in doc.warnings)


def _canvas(path, title: str | None = None):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    if title:
        c.setTitle(title)
    return c


def test_pdf_tight_word_spacing_keeps_spaces(tmp_path):
    c = _canvas(tmp_path / "tight.pdf")
    t = c.beginText(72, 760)
    t.setFont("Helvetica", 10)
    t.setWordSpace(-1.0)  # gaps of about 1.8 pt between words: under a fixed 3 pt tolerance
    for _ in range(3):
        t.textLine("Large language models are becoming a crucial building block for Egret-5050 agents")
    c.drawText(t)
    c.save()
    assert "Large language models are becoming a crucial building block for Egret-5050 agents" in _text(
        _read(tmp_path / "tight.pdf")
    )


def test_pdf_two_columns_are_read_column_by_column(tmp_path):
    c = _canvas(tmp_path / "columns.pdf")
    c.setFont("Helvetica", 10)
    for i in range(20):
        y = 760 - 14 * i
        c.drawString(56, y, f"Left column sentence number {i} about the Fulmar")
        c.drawString(316, y, f"Right column sentence number {i} about the Gannet")
    c.save()
    text = _text(_read(tmp_path / "columns.pdf"))
    assert text.index("Left column sentence number 19") < text.index("Right column sentence number 0")


def test_pdf_borderless_table_keeps_its_columns(tmp_path):
    c = _canvas(tmp_path / "borderless.pdf")
    c.setFont("Helvetica", 10)
    c.drawString(72, 780, "Regional figures for the Godwit programme are listed below.")
    rows = [("Region", "Sites", "Birds"), ("North", "12", "4,310"), ("South", "9", "2,875"), ("East", "15", "5,020")]
    for i, row in enumerate(rows):
        for x, cell in zip((72, 220, 340), row):
            c.drawString(x, 740 - 16 * i, cell)
    c.save()
    tables = _read(tmp_path / "borderless.pdf").tables()
    assert [list(r) for r in rows] in [t.rows for t in tables]


def test_pdf_borderless_form_keeps_lone_dashes_apart_and_rows_past_a_blank_line(tmp_path):
    """An estimate form: '-' cells (which look like list markers) stay in their own columns, and a row set
    one blank line below the others, starting at the same column edges, is still a row of the table."""
    c = _canvas(tmp_path / "form.pdf")
    c.setFont("Helvetica", 10)
    rows = [
        ("Item", "Hours", "Rate", "Cost"),
        ("Body labour", "2", "150", "300"),
        ("Paint labour", "1.5", "150", "225"),
        ("Mechanical", "-", "-", "-"),
        None,
        ("Estimator", "Kestrel-4040", "Order", "RO-5566"),
    ]
    for i, row in enumerate(rows):
        for x, cell in zip((72, 220, 300, 380), row or ()):
            c.drawString(x, 740 - 14 * i, cell)
    c.save()
    tables = [t.rows for t in _read(tmp_path / "form.pdf").tables()]
    assert [[list(r) for r in rows if r]] == tables


def test_pdf_bullet_with_a_wide_indent_stays_with_its_text(tmp_path):
    c = _canvas(tmp_path / "indent.pdf")
    c.setFont("Helvetica", 10)
    c.drawString(72, 760, "The Dunlin-2323 survey found three things.")
    for i, text in enumerate(["Nests were closer to the water", "Chicks fledged a week earlier", "Fewer gulls came"]):
        c.drawString(90, 740 - 14 * i, "\u2022")
        c.drawString(126, 740 - 14 * i, text)
    c.save()
    lists = [b for b in _read(tmp_path / "indent.pdf").blocks() if isinstance(b, ListBlock)]
    assert [it for b in lists for it in b.items] == [
        "Nests were closer to the water",
        "Chicks fledged a week earlier",
        "Fewer gulls came",
    ]


def test_pdf_ruled_table_with_rules_missing_in_some_columns_keeps_every_cell(tmp_path):
    """The header row is ruled across the table, the body only around the middle column (the outer
    columns are open): a lattice finder closes no cell there, and the cells are read from the text
    inside each row band and column instead of coming back empty."""
    c = _canvas(tmp_path / "partial.pdf")
    c.setFont("Helvetica", 9)
    xs, top, h = (72, 160, 330, 500), 700, 24
    rows = [
        ("Field", "Before", "After"),
        ("Class", "Group 1 Kestrel", "Grade 1 Kestrel"),
        ("Basis", "Spread by water", "High fatality"),
        ("Scope", "Six kinds", "Seventeen kinds"),
    ]
    c.rect(xs[0], top - h, xs[-1] - xs[0], h)  # the header, ruled all round
    for x in xs[1:-1]:
        c.line(x, top, x, top - h)
    c.rect(xs[1], top - h * len(rows), xs[2] - xs[1], h * (len(rows) - 1))  # the body: the middle column only
    for i in range(2, len(rows)):
        c.line(xs[1], top - h * i, xs[2], top - h * i)
    for i, row in enumerate(rows):
        for x, cell in zip(xs, row):
            c.drawString(x + 4, top - h * i - 15, cell)
    c.save()
    assert [list(r) for r in rows] in [t.rows for t in _read(tmp_path / "partial.pdf").tables()]


def test_pdf_table_of_contents_is_a_table_of_entries_and_pages(tmp_path):
    c = _canvas(tmp_path / "toc.pdf")
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, 760, "Contents")
    c.setFont("Helvetica", 10)
    entries = [
        ("Notices", "vii"),
        ("1.1 Merlin survey methods", "2"),
        ("1.2 Results by region", "14"),
        ("Appendix", "103"),
    ]
    for i, (entry, page) in enumerate(entries):
        y = 730 - 16 * i
        c.drawString(72, y, entry + " " + ". " * ((70 - len(entry)) // 2))
        c.drawRightString(520, y, page)
    c.save()
    doc = _read(tmp_path / "toc.pdf")
    assert [list(e) for e in entries] in [t.rows for t in doc.tables()]
    assert ". . . ." not in _text(doc)


def test_pdf_ruled_box_with_a_note_across_its_columns_keeps_its_columns(tmp_path):
    """A ruled box with no inner rules below its title, whose last rows are a note as wide as the box:
    the note does not merge the columns the figures line up in."""
    c = _canvas(tmp_path / "totals.pdf")
    c.setFont("Helvetica", 9)
    c.rect(72, 480, 440, 260)
    c.line(72, 720, 512, 720)  # one rule under the box's title: the body below is one ruled cell
    c.drawString(80, 726, "Estimate totals")
    rows = [
        ("Parts", "", "2,100"),
        ("Body labour", "2", "300"),
        ("Paint labour", "1.5", "225"),
        ("Subtotal", "", "2,730"),
    ]
    for i, (name, hours, cost) in enumerate(rows):
        y = 700 - 18 * i
        c.drawString(80, y, name)
        c.drawRightString(330, y, hours)
        c.drawRightString(480, y, cost)
    for i, line in enumerate(
        [
            "This estimate covers only the visible damage to the Osprey; more damage may well be found later",
            "once the panels are removed, and any of it will be quoted to the owner before further work.",
        ]
    ):
        c.drawString(80, 600 - 12 * i, line)
    c.save()
    tables = _read(tmp_path / "totals.pdf").tables()
    assert tables and [["Body labour", "2", "300"], ["Paint labour", "1.5", "225"]] == [
        r for r in tables[0].rows if r[0].endswith("labour")
    ]


def test_pdf_placeholder_metadata_title_is_not_the_title(tmp_path):
    c = _canvas(tmp_path / "anon.pdf", title="(anonymous)")
    c.setFont("Helvetica", 10)
    c.drawString(72, 760, "Body text about the Harrier-6060 survey without any larger heading.")
    c.save()
    assert _read(tmp_path / "anon.pdf").title != "(anonymous)"


def test_scanned_page_turned_sideways_is_read_upright(tmp_path):
    img = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=40)
    for i, line in enumerate(
        ["Ibis survey results for spring", "Total nests counted this year", "Wetland sites visited by volunteers"]
    ):
        draw.text((120, 200 + 90 * i), line, fill="black", font=font)
    path = tmp_path / "turned.pdf"
    img.rotate(90, expand=True).save(path, format="PDF", resolution=150)
    doc = _read(path)
    assert "Total nests counted this year" in _text(doc)
    assert any("turned" in w for w in doc.warnings)


def test_photo_is_not_read_as_a_chart(tmp_path):
    import docx
    from docx.shared import Inches

    y, x = np.mgrid[0:300, 0:400]
    rng = np.random.default_rng(3)
    arr = np.stack(
        [(x * 0.5 + y * 0.2) % 256, (y * 0.7 + 40 * np.sin(x / 30)) % 256, 128 + 60 * np.cos((x + y) / 45)], -1
    )
    arr = np.clip(arr + rng.normal(0, 12, arr.shape), 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="PNG")
    d = docx.Document()
    d.add_paragraph("A photograph of the Jacana-7070 nesting site.")
    d.add_picture(buf, width=Inches(3))
    d.save(tmp_path / "photo.docx")
    fig = load_document(str(tmp_path / "photo.docx"), Context(model=None)).figures()[0]
    assert fig.chart is None
    assert "photograph" in (fig.note or "")


def test_html_page_chrome_is_typed_and_kept_out_of_the_main_content(tmp_path):
    menu = "".join(f'<li><a href="/p{i}">Menu entry {i}</a></li>' for i in range(12))
    article = "".join(
        f"<p>The Kittiwake-8080 colony on cliff {i} grew steadily this season, and observers counted more "
        f"chicks than in any year since records began on that stretch of coast number {i}.</p>"
        for i in range(8)
    )
    page = (
        f'<html><head><title>Kittiwake colony</title></head><body><div class="vector-menu"><ul>{menu}</ul>'
        f'<div>Jump to content</div></div><div id="content"><h1>Kittiwake colony</h1>{article}</div>'
        f'<div class="footer"><ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/about">About us</a></li></ul></div></body></html>'
    )
    (tmp_path / "page.html").write_text(page)
    doc = _read(tmp_path / "page.html")
    assert "Menu entry 3" in _text(doc) and "Privacy policy" in _text(doc)  # the structure loses no text
    chrome = [b for b in doc.blocks() if b.role == "navigation"]
    assert any("Menu entry 3" in getattr(b, "items", []) for b in chrome)
    assert any(getattr(b, "text", "") == "Jump to content" for b in chrome)
    main = doc.main_content()
    text = _text(main)
    assert "cliff 7 grew steadily" in text
    assert "Menu entry 3" not in text and "Jump to content" not in text and "Privacy policy" not in text
    assert any("page chrome" in w for w in main.warnings)


def test_xlsx_native_chart_data_is_read(tmp_path):
    import openpyxl
    from openpyxl.chart import BarChart, Reference

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Counts"
    ws.append(["Year", "Lapwing"])
    for year, n in [(2021, 140), (2022, 165), (2023, 190)]:
        ws.append([str(year), n])
    chart = BarChart()
    chart.title = "Lapwing-9090 pairs"
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=4), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=4))
    ws.add_chart(chart, "D2")
    wb.save(tmp_path / "chart.xlsx")
    figs = [f for f in _read(tmp_path / "chart.xlsx").figures() if f.chart]
    assert len(figs) == 1
    data = figs[0].chart
    assert data.title == "Lapwing-9090 pairs" and data.source == "document"
    assert data.categories == ["2021", "2022", "2023"]
    assert data.series[0].name == "Lapwing" and data.series[0].values == [140, 165, 190]


@pytest.mark.parametrize("title", ["(anonymous)", "Untitled", "Microsoft Word - draft.docx", "scan_0001.pdf"])
def test_placeholder_titles_are_refused(title):
    from seer.skills.docs.document import metadata_title

    assert metadata_title(title) is None
    assert metadata_title("Plover survey 2024") == "Plover survey 2024"


def test_pdf_headings_set_apart_by_slant_or_weight_at_body_size(tmp_path):
    c = _canvas(tmp_path / "runin.pdf")
    y = 780
    for face, text in [
        ("Helvetica", "The survey covered three kinds of self-locking nuts in the Osprey-1212 fleet."),
        ("Helvetica-Oblique", "Elastic Stop Nut"),
        ("Helvetica", "The elastic stop nut holds a fibre collar that grips the bolt threads firmly."),
        ("Helvetica", "It is the most common kind in the fleet and the cheapest one to replace."),
        ("Helvetica-Bold", "Stainless Steel Nut"),
        ("Helvetica", "The stainless steel nut can be spun on by hand until it meets the work surface."),
        ("Helvetica-Oblique", "Table 2: Nut counts by kind"),
    ]:
        c.setFont(face, 10)
        c.drawString(72, y, text)
        y -= 22
    c.save()
    assert _read(tmp_path / "runin.pdf").headings() == ["Elastic Stop Nut", "Stainless Steel Nut"]


def test_html_keeps_what_the_extractor_skips_inside_the_article(tmp_path):
    """Captions and a "See also" link list inside the article are content; a language list outside it is not."""
    langs = "".join(f'<li><a href="https://x{i}.example.org/">Lingua{i}</a></li>' for i in range(30))
    article = "".join(
        f"<p>The Avocet-5151 flock on marsh {i} fed along the tideline every morning, and the wardens "
        f"logged more birds than in the year before on that stretch of estuary number {i}.</p>"
        for i in range(8)
    )
    figure = '<figure><a href="/f.jpg"><img src="https://img.example.org/avocet.jpg"></a><figcaption>Avocet wading at dusk</figcaption></figure>'
    see_also = '<h2>See also</h2><ul><li><a href="/a">Stilt-3131 roosts</a></li><li><a href="/b">Godwit-2121 survey</a></li></ul>'
    page = (
        f'<html><head><title>Avocet flock</title></head><body><header><div class="languages"><ul>{langs}</ul></div></header>'
        f'<main><h1>Avocet flock</h1><div class="article-body">{article[: len(article) // 2]}{figure}'
        f"{article[len(article) // 2 :]}{see_also}</div></main>"
        f'<div class="catlinks"><ul><li><a href="/c1">Wader categories</a></li></ul></div></body></html>'
    )
    (tmp_path / "page.html").write_text(page)
    doc = _read(tmp_path / "page.html")
    assert "Lingua3" in _text(doc) and "Wader categories" in _text(doc)
    main = doc.main_content()
    text = _text(main)
    assert "marsh 7 fed along" in text
    assert "Avocet wading at dusk" in text and "Stilt-3131 roosts" in text and "Godwit-2121 survey" in text
    assert "Lingua3" not in text and "Wader categories" not in text
    assert any("page chrome" in w for w in main.warnings)
