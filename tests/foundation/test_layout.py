from seer.perception import layout
from seer.perception.geometry import Box
from seer.perception.ocr import TextLine


def L(text, x0, y0, x1, y1):
    return TextLine(text, Box(x0, y0, x1, y1), 0.99)


def texts(lines, blocks):
    return [[lines[i].text for i in (sum(b.rows, []) if b.rows else b.members)] for b in blocks]


def test_sidebar_is_read_before_content():
    lines = [
        L("Inbox", 10, 50, 60, 63),
        L("Drafts", 10, 80, 66, 93),
        L("Sent", 10, 110, 50, 123),
        L("Welcome back", 200, 48, 400, 64),
        L("You have three new messages today", 200, 70, 520, 83),
        L("and one reminder", 200, 88, 360, 101),
    ]
    blocks = layout.analyse(lines)
    flat = [t for b in texts(lines, blocks) for t in b]
    assert flat.index("Sent") < flat.index("Welcome back")


def test_table_rows_are_read_row_by_row_and_rendered():
    rows = [("Name", "Qty", "Price"), ("Apple", "3", "$1.20"), ("Pear", "10", "$0.90"), ("Plum", "7", "$2.10")]
    lines = [
        L(t, 20 + 150 * c, 20 + 25 * r, 20 + 150 * c + 8 * len(t), 33 + 25 * r)
        for r, row in enumerate(rows)
        for c, t in enumerate(row)
    ]
    blocks = layout.analyse(lines)
    assert [b.kind for b in blocks] == ["table"]
    assert texts(lines, blocks)[0][:6] == ["Name", "Qty", "Price", "Apple", "3", "$1.20"]
    md = layout.to_markdown(lines, blocks)
    assert "| Name | Qty | Price |" in md and "| Pear | 10 | $0.90 |" in md and "|---|---|---|" in md


def test_headings_lists_and_paragraphs():
    lines = [
        L("Release notes", 20, 10, 260, 38),
        L("• Faster OCR", 20, 60, 140, 73),
        L("• Smaller wheels", 20, 80, 170, 93),
        L("• New icons", 20, 100, 130, 113),
        L("This release improves the speed of", 20, 150, 330, 163),
        L("every skill on slow machines.", 20, 168, 300, 181),
    ]
    blocks = layout.analyse(lines)
    assert [b.kind for b in blocks] == ["heading", "list", "paragraph"]
    md = layout.to_markdown(lines, blocks)
    assert md.startswith("# Release notes\n\n- Faster OCR\n- Smaller wheels\n- New icons\n\nThis release")


def test_pipes_in_cells_are_escaped():
    rows = [("a|b", "c", "d"), ("1", "2", "3"), ("4", "5", "6")]
    lines = [
        L(t, 20 + 100 * c, 20 + 25 * r, 50 + 100 * c, 33 + 25 * r)
        for r, row in enumerate(rows)
        for c, t in enumerate(row)
    ]
    assert "a\\|b" in layout.to_markdown(lines, layout.analyse(lines))
