"""The HTML reader on generated pages: no text lost between blocks, tables on their grid, chrome typed."""

from __future__ import annotations

from seer.context import Context
from seer.skills.docs.deck import document_to_slides
from seer.skills.docs.document import ListBlock, Paragraph, Table
from seer.skills.docs.readers import ReadOptions, read_path
from seer.skills.docs.report import report
from seer.skills.docs.schema import ReportInput, SlidesInput


def _read(tmp_path, body: str, title: str = "Page"):
    path = tmp_path / "page.html"
    path.write_text(f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>")
    return read_path(path, ReadOptions(ctx=Context(model=None)))


def _words(doc) -> str:
    out = doc.headings()
    for b in doc.blocks():
        out += [b.text] if isinstance(b, Paragraph) else b.items if isinstance(b, ListBlock) else []
    return " | ".join(out)


def test_text_between_blocks_and_line_breaks_are_kept(tmp_path):
    doc = _read(
        tmp_path,
        "<div><p>First Grebe-1212 paragraph.</p><b>Note:</b> the Grebe-3434 count is provisional"
        "<p>Second paragraph.</p>trailing Grebe-5656 remark</div><p>Line one<br>Line two</p>",
    )
    text = _words(doc)
    assert "Note: the Grebe-3434 count is provisional" in text
    assert "trailing Grebe-5656 remark" in text
    assert "Line one Line two" in text


def test_line_breaks_between_inline_runs_and_utf8_without_a_declared_charset(tmp_path):
    path = tmp_path / "soup.html"
    path.write_bytes(
        "<html><body><div><div>Menu</div>First Knot-88 line.<br>Second line<br><br>© 2024 Café Ltd</div></body></html>".encode(
            "utf-8"
        )
    )
    text = _words(read_path(path, ReadOptions(ctx=Context(model=None))))
    assert "First Knot-88 line. Second line © 2024 Café Ltd" in text


def test_merged_cells_fill_the_grid_and_a_nested_table_stays_in_its_cell(tmp_path):
    doc = _read(
        tmp_path,
        """<table><tr><th colspan="2">Heron-77 site</th><th>Count</th></tr>
        <tr><td rowspan="2">North</td><td>Reed bed</td><td>14</td></tr>
        <tr><td>Mudflat</td><td>9</td></tr>
        <tr><td>South</td><td><table><tr><td>Dawn</td><td>3</td></tr><tr><td>Dusk</td><td>5</td></tr></table></td>
            <td><ol><li>ringed</li><li>counted</li></ol></td></tr></table>""",
    )
    (table,) = [b for b in doc.blocks() if isinstance(b, Table)]
    assert table.rows == [
        ["Heron-77 site", "Heron-77 site", "Count"],
        ["North", "Reed bed", "14"],
        ["North", "Mudflat", "9"],
        ["South", "Dawn 3 Dusk 5", "1. ringed 2. counted"],
    ]


def test_navigation_is_typed_not_dropped_and_reports_leave_it_out(tmp_path):
    menu = "".join(f"<li><a href='/m{i}'>Plover-menu {i}</a></li>" for i in range(6))
    article = "".join(
        f"<p>The Plover-9191 survey on beach {i} counted more nesting pairs than in any earlier season, "
        f"and the wardens closed the dunes number {i} to walkers until the chicks had fledged.</p>"
        for i in range(8)
    )
    doc = _read(
        tmp_path,
        f"<nav><h2>Site menu</h2><ul>{menu}</ul></nav><button>Hide sidebar</button>"
        f"<main><h1>Plover survey</h1>{article}</main>",
        title="Plover survey",
    )
    chrome = [b for b in doc.blocks() if b.role == "navigation"]
    assert any("Plover-menu 3" in getattr(b, "items", []) for b in chrome)
    assert any(getattr(b, "text", "") == "Hide sidebar" for b in chrome)
    assert "Site menu" not in doc.headings() and any(
        s.heading == "Site menu" and s.role == "navigation" for s in doc.sections
    )
    assert doc.title == "Plover survey"
    main = doc.main_content()
    assert "Plover-menu" not in _words(main) and "beach 7 counted" in _words(main)
    assert main is not doc and len(doc.blocks()) > len(main.blocks())  # the read document itself keeps everything
    out = report(ReportInput(paths=[str(tmp_path / "page.html")], output=str(tmp_path / "r.md")), Context(model=None))
    md = (tmp_path / "r.md").read_text()
    assert "beach 7 counted" in md and "Plover-menu" not in md and "Hide sidebar" not in md
    assert any("page chrome" in w for w in out.warnings)
    deck = document_to_slides(
        SlidesInput(path=str(tmp_path / "page.html"), output=str(tmp_path / "d.pptx")), Context(model=None)
    )
    from pptx import Presentation

    slides = " ".join(
        sh.text_frame.text for sl in Presentation(deck.pptx).slides for sh in sl.shapes if sh.has_text_frame
    )
    assert "beach" in slides and "Plover-menu" not in slides and "Site menu" not in slides
    assert any("page chrome" in w for w in deck.warnings)


def test_embedded_frames_and_drawings_with_text_are_named(tmp_path):
    doc = _read(
        tmp_path,
        "<p>Before the map.</p><iframe src='https://maps.example.org/x'></iframe>"
        "<svg><text x='1' y='1'>Tern-4242 colony</text></svg><svg><path d='M0 0'/></svg>",
    )
    assert any("1 embedded frame" in w for w in doc.warnings)
    assert any("1 inline SVG" in w for w in doc.warnings)
