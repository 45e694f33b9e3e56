"""Write samples/quarterly_report.pdf: a two-page quarterly review with headings, a table, a chart
figure and key numbers, the bundled input for `seer read-doc`, `seer slides` and `seer report`.

    python samples/make_report_sample.py             # the PDF
    python samples/make_report_sample.py --sheet     # also docs/images/quarterly_deck.png and
                                                     # survey_deck.png (a generated field-survey DOCX):
                                                     # the decks' slide thumbnails (needs LibreOffice)
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.docs_corpus import quarterly_spec, write_pdf, write_survey_docx  # noqa: E402


def main() -> Path:
    out = ROOT / "samples" / "quarterly_report.pdf"
    write_pdf(quarterly_spec(), out, scanned=False)
    return out


def contact_sheet(src: Path, name: str, columns: int = 4, thumb: int = 360) -> Path:
    """Build the deck from `src`, render it with LibreOffice, and tile the slides into docs/images/`name`."""
    import tempfile

    from PIL import Image

    from seer.context import Context
    from seer.skills.docs.deck import document_to_slides
    from seer.skills.docs.schema import SlidesInput

    with tempfile.TemporaryDirectory() as tmp:
        res = document_to_slides(SlidesInput(path=str(src), output=f"{tmp}/deck.pptx", preview=True), Context())
        if not res.previews:
            raise SystemExit(res.preview_note)
        shots = [Image.open(p).convert("RGB") for p in res.previews]
        w, h = thumb, round(thumb * shots[0].height / shots[0].width)
        rows = (len(shots) + columns - 1) // columns
        sheet = Image.new("RGB", (columns * (w + 8) + 8, rows * (h + 8) + 8), (225, 228, 232))
        for i, im in enumerate(shots):
            sheet.paste(im.resize((w, h), Image.LANCZOS), (8 + (i % columns) * (w + 8), 8 + (i // columns) * (h + 8)))
    out = ROOT / "docs" / "images" / name
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.quantize(128).save(out, optimize=True)
    return out


if __name__ == "__main__":
    path = main()
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    if "--sheet" in sys.argv:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            survey = write_survey_docx(Path(tmp) / "field_survey.docx")
            for sheet in (contact_sheet(path, "quarterly_deck.png"), contact_sheet(survey, "survey_deck.png")):
                print(f"wrote {sheet} ({sheet.stat().st_size:,} bytes)")
