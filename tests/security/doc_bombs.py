"""Hostile documents for the per-document limits (pictures, cell text, styles, time), made by code."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import numpy as np
from PIL import Image as PILImage


def jpeg(width: int = 320, height: int = 240, seed: int = 0, progressive: bool = False) -> bytes:
    rng = np.random.default_rng(seed)
    arr = rng.integers(0, 255, (height, width, 3), dtype=np.uint8)
    buf = io.BytesIO()
    PILImage.fromarray(arr).save(buf, format="JPEG", quality=80, progressive=progressive)
    return buf.getvalue()


def png(width: int, height: int, shade: int = 0) -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", (width, height), (shade, 100, 200)).save(buf, format="PNG")
    return buf.getvalue()


def docx_pictures(path: Path, pictures: list[bytes], text: str = "Plover-2231 figures") -> Path:
    """A DOCX drawing each blob in turn (python-docx stores a repeated blob as one part)."""
    import docx
    from docx.shared import Inches

    d = docx.Document()
    d.add_paragraph(text)
    for blob in pictures:
        d.add_picture(io.BytesIO(blob), width=Inches(1))
    d.save(str(path))
    return path


def replace_media(path: Path, blob: bytes) -> Path:
    """Swap the bytes of the DOCX's (first) picture part for `blob`, keeping its name."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    media = next(n for n in parts if n.startswith("word/media/"))
    parts[media] = blob
    _write_zip(path, parts)
    return path


def _write_zip(path: Path, parts: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def ico_wrapping(inner_png: bytes) -> bytes:
    """An ICO whose one entry is a PNG (the ICO directory claims 16×16; the PNG says otherwise)."""
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", 16, 16, 0, 0, 1, 32, len(inner_png), 6 + 16)
    return header + entry + inner_png


EPS = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\n"
    b"/Helvetica findfont 12 scalefont setfont 10 10 moveto (hostile) show showpage\n%%EOF\n"
)


def jpeg_many_scans(scans: int) -> bytes:
    """A progressive JPEG with its last scan repeated until it has `scans` scans (each one is a full
    pass over the picture for a decoder)."""
    data = jpeg(64, 64, progressive=True)
    last_sos = data.rfind(b"\xff\xda")
    eoi = data.rfind(b"\xff\xd9")
    scan = data[last_sos:eoi]
    have = data.count(b"\xff\xda")
    return data[:eoi] + scan * max(0, scans - have) + data[eoi:]


def html_same_picture(path: Path, picture: Path, times: int) -> Path:
    tags = "".join(f'<p>view {i}</p><img src="{picture.name}" alt="gauge">' for i in range(times))
    path.write_text(f"<html><body><h1>Sandpiper-7710 gauges</h1>{tags}</body></html>")
    return path


def pdf_same_image(path: Path, picture: Path, times: int) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawString(72, 800, "Turnstone-4410 image sheet")
    for i in range(times):
        c.drawImage(str(picture), 72 + (i % 4) * 120, 640 - (i // 4) * 140, width=100, height=100)
    c.showPage()
    c.save()
    return path


def xlsx_shared_string(path: Path, rows: int, cols: int, chars: int) -> Path:
    """Every cell points at one long string stored once in the shared-string table (openpyxl itself
    would write each copy inline), so the file stays small while its cell text is rows×cols×chars."""
    long = ("Dunlin-5150 " * (chars // 12 + 1))[:chars]
    letters = [chr(ord("A") + i) for i in range(cols)]
    sheet_rows = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}" t="s"><v>0</v></c>' for c in letters) + "</row>"
        for r in range(1, rows + 1)
    )
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook {ns} xmlns:r="{rel}"><sheets>'
        '<sheet name="Amplified" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst {ns} count="1" uniqueCount="1"><si><t>{long}</t></si></sst>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet {ns}><sheetData>{sheet_rows}</sheetData></worksheet>',
    }
    _write_zip(path, parts)
    return path


def docx_many_styles(path: Path, styles: int, paragraphs: int) -> Path:
    """A DOCX with `styles` paragraph styles and `paragraphs` paragraphs each using the last-defined one."""
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    style_xml = "".join(
        f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="Style {i}"/></w:style>' for i in range(styles)
    )
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="S{styles - 1 - i % 7}"/></w:pPr><w:r><w:t>Knot-{i} line</w:t></w:r></w:p>'
        for i in range(paragraphs)
    )
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/_rels/document.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
        "word/styles.xml": f'<?xml version="1.0"?><w:styles {W}>{style_xml}</w:styles>',
        "word/document.xml": f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>',
    }
    _write_zip(path, parts)
    return path


def _write_zip(path: Path, parts: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
