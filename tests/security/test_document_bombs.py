"""Per-document limits: a picture drawn N times, picture budgets, shared-string amplification,
picture formats off the allow-list, style lookups, the time budget and progressive-JPEG scans."""

from __future__ import annotations

import time

import pytest

from seer.config import Settings
from seer.context import Context
from seer.errors import LimitError
from seer.perception.image import load_image
from seer.skills.docs.pictures import PictureLimits
from seer.skills.docs.readers import ReadOptions, read_path
from tests.security import doc_bombs as H


def _read(path, **kw):
    return read_path(path, ReadOptions(ctx=Context(model=None), ocr=False, **kw))


def _warned(doc, *words: str) -> bool:
    return any(all(w in msg for w in words) for msg in doc.warnings)


# 7. one picture referenced N times: decoded once; pictures capped per document


def test_docx_picture_drawn_many_times_is_decoded_once(tmp_path):
    path = H.docx_pictures(tmp_path / "same.docx", [H.jpeg(640, 480)] * 40)
    t0 = time.perf_counter()
    doc = _read(path)
    assert time.perf_counter() - t0 < 3.0
    assert len(doc.figures()) == 1
    assert _warned(doc, "39 repeated")


def test_html_same_image_thirty_times_is_read_once(tmp_path):
    pic = tmp_path / "gauge.png"
    pic.write_bytes(H.png(800, 600))
    doc = _read(H.html_same_picture(tmp_path / "page.html", pic, 30))
    assert len(doc.figures()) == 1
    assert _warned(doc, "29 repeated")


def test_pdf_image_object_drawn_many_times_is_rendered_once(tmp_path):
    pic = tmp_path / "tile.png"
    pic.write_bytes(H.png(300, 300, shade=40))
    doc = _read(H.pdf_same_image(tmp_path / "sheet.pdf", pic, 16))
    assert len(doc.figures()) == 1
    assert _warned(doc, "15 repeated")


def test_document_picture_budget_leaves_later_pictures_out_and_says_so(tmp_path):
    pictures = [H.png(1000, 1000, shade=i * 20) for i in range(5)]  # 5 distinct 1 MP pictures
    doc = _read(H.docx_pictures(tmp_path / "many.docx", pictures), pictures=PictureLimits(max_total_pixels=2_500_000))
    assert len(doc.figures()) == 2
    assert _warned(doc, "per-document budget")


# 8. XLSX shared-string amplification: cell text capped per sheet and per workbook


def test_xlsx_shared_string_amplification_is_capped(tmp_path):
    path = H.xlsx_shared_string(tmp_path / "amp.xlsx", rows=200, cols=10, chars=10_000)  # 20 M characters once expanded
    assert path.stat().st_size < 200_000
    doc = _read(path, max_sheet_chars=1_000_000)
    kept = sum(len(c) for t in doc.tables() for r in t.rows for c in r)
    assert 0 < kept <= 1_000_000
    assert _warned(doc, "Amplified", "cut after")


def test_xlsx_cell_text_is_capped_per_workbook(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    for n in range(4):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = f"Part{n}"
        for _ in range(50):
            ws.append(["Whimbrel-33 " * 100] * 4)
    wb.save(tmp_path / "book.xlsx")
    doc = _read(tmp_path / "book.xlsx", max_cell_text_chars=500_000)
    headings = [s.heading for s in doc.sections]
    assert headings[:2] == ["Part0", "Part1"] and "Part3" not in headings  # 240 k characters a sheet
    assert _warned(doc, "sheets after", "passed 500,000 characters")


# 9. pictures open only from an allow-list of raster formats, sizes checked before decoding


@pytest.mark.parametrize("blob, kind", [(H.ico_wrapping(H.png(64, 64)), "ICO"), (H.EPS, "EPS")])
def test_docx_picture_in_a_format_off_the_allow_list_is_named_not_opened(tmp_path, blob, kind):
    path = H.replace_media(H.docx_pictures(tmp_path / "odd.docx", [H.png(64, 64)]), blob)
    doc = _read(path)
    assert doc.figures() == []
    assert _warned(doc, "left out", kind)
    assert "Plover-2231" in doc.sections[0].text()


def test_picture_size_is_checked_before_decoding(tmp_path):
    from tests.security.hostile import png_header_only

    path = H.replace_media(H.docx_pictures(tmp_path / "big.docx", [H.png(64, 64)]), png_header_only(40_000, 40_000))
    t0 = time.perf_counter()
    doc = _read(path)
    assert time.perf_counter() - t0 < 2.0
    assert doc.figures() == []
    assert _warned(doc, "40000×40000", "MP limit")


# 10. styles resolved once; a per-document time budget ends the read with what was read


def test_docx_with_thousands_of_styles_reads_fast(tmp_path):
    path = H.docx_many_styles(tmp_path / "styles.docx", styles=3000, paragraphs=3000)
    t0 = time.perf_counter()
    doc = _read(path)
    assert time.perf_counter() - t0 < 3.0  # python-docx's per-paragraph lookup: about 8 s
    assert len(doc.blocks()) == 3000


def test_time_budget_returns_what_was_read_with_a_warning(tmp_path):
    path = H.docx_many_styles(tmp_path / "long.docx", styles=10, paragraphs=20_000)
    doc = _read(path, time_budget_s=0.05)
    text = "\n".join(s.text() for s in doc.sections)
    assert "Knot-0 line" in text
    assert "Knot-19999 line" not in text
    assert _warned(doc, "reading stopped", "time budget")


# 11. progressive JPEGs with absurd scan counts are refused before decoding


def test_progressive_jpeg_scan_count_is_capped_in_documents(tmp_path):
    path = H.replace_media(H.docx_pictures(tmp_path / "scans.docx", [H.jpeg(64, 64)]), H.jpeg_many_scans(5000))
    doc = _read(path)
    assert doc.figures() == []
    assert _warned(doc, "5000 scans")


def test_progressive_jpeg_scan_count_is_capped_for_images():
    with pytest.raises(LimitError, match="5000 scans"):
        load_image(H.jpeg_many_scans(5000), Settings())
    assert load_image(H.jpeg(64, 64, progressive=True), Settings()).width == 64  # a normal progressive JPEG still reads
