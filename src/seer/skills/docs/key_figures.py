"""Key figures: quantities with a meaning (money, percentages, counts of something, scaled amounts,
dates), taken from a sentence or a table cell with where it came from. Identifiers ("SKU-4563"),
page and section references, ISBNs, phone numbers, versions, CSS sizes and bare years are not figures.
Every value is a substring of its source text, so no number is ever made up.
"""

from __future__ import annotations

import re

from .document import Document, KeyFigure, ListBlock, Paragraph, Table, split_sentences

_CUR = r"(?:[$€£¥₹]|(?:USD|EUR|GBP|CHF|JPY|US\$)\s?)"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?:million|billion|thousand|trillion|bn|mn|m|k|M|B|K)\b)"
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_PATTERNS = [
    ("money", re.compile(rf"{_CUR}\s?(?:{_NUM}){_SCALE}?|(?:{_NUM}){_SCALE}?\s?(?:dollars|euros|pounds|USD|EUR)\b")),
    ("percent", re.compile(rf"[-+]?(?:{_NUM})\s?(?:%|percent\b|per cent\b|pp\b|percentage points\b|bps\b)")),
    ("date", re.compile(rf"\b\d{{1,2}} {_MONTH},? \d{{4}}\b|\b{_MONTH} \d{{1,2}},? \d{{4}}\b|\b{_MONTH} \d{{4}}\b")),
    ("scaled", re.compile(rf"(?<![\w.-])(?:{_NUM})\s?(?:million|billion|trillion|thousand)\b")),
    ("count", re.compile(rf"(?<![\w.,$€£-])(?:{_NUM})\s+(?:new\s+|more\s+|active\s+|paying\s+)?[a-z]{{3,}}s\b")),
]
_NOT_AFTER_COUNT = {
    "pages",
    "sections",
    "chapters",
    "figures",
    "tables",
    "appendices",
    "clauses",
    "items",
    "steps",
    "times",
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "seconds",
    "others",
    "ones",
    "this",
    "levels",
    "parts",
    "notes",
    "lines",
    "columns",
    "rows",
    "references",
    "cites",
    "issues",
}
_REFERENCE = re.compile(
    r"(?:page|p\.|pp\.|fig(?:ure)?\.?|table|section|clause|chapter|annex|appendix|part|item|step|"
    r"no\.|number|version|v|isbn|issn|doi|id|ref|tel|phone|fax|room|suite|route|level)\s*$",
    re.I,
)
_ID_NEIGHBOUR = re.compile(r"[A-Za-z_/#-]$")
_CSS = re.compile(r"^\s?(?:px|pt|em|rem|vh|vw|dpi|ms)\b")


def classify(sentence: str, start: int, end: int) -> bool:
    """Whether the number at sentence[start:end] is a quantity rather than an identifier or reference."""
    before, after = sentence[:start], sentence[end:]
    if _ID_NEIGHBOUR.search(before) and not re.search(rf"{_CUR}$", before):
        return False  # "SKU-4563", "EST-1008", "#12"
    if re.match(r"^[-/.]?\d|^[A-Za-z]", after) and not re.match(r"^\s", after):
        return False  # "1C4RJ…", "978-3-16", "12.5.2", "3a"
    if _REFERENCE.search(before.rstrip()):
        return False  # "page 12", "Figure 7", "Section 5.1", "ISBN 978…"
    if _CSS.match(after):
        return False
    return True


def from_text(text: str, page: int | None, section: str | None) -> list[KeyFigure]:
    out: list[KeyFigure] = []
    for sentence in split_sentences(text):
        if len(sentence.split()) < 4:  # a heading, label or table-of-contents line: no meaning around the number
            continue
        taken: list[tuple[int, int]] = []
        for kind, pattern in _PATTERNS:
            for m in pattern.finditer(sentence):
                a, b = m.span()
                if any(a < y and x < b for x, y in taken) or not classify(sentence, a, b):
                    continue
                if kind == "count" and m.group(0).split()[-1].lower() in _NOT_AFTER_COUNT:
                    continue
                if kind in ("count", "scaled") and _year_like(m.group(0)):
                    continue
                taken.append((a, b))
                out.append(KeyFigure(value=m.group(0).strip(), context=sentence, page=page, section=section))
    return out


def _year_like(value: str) -> bool:
    digits = value.replace(",", "")
    return digits.isdigit() and 1900 <= int(digits) <= 2100


def from_table(t: Table, section: str | None) -> list[KeyFigure]:
    """Money and percentage cells, with their row label and column header as the meaning."""
    if not t.header or len(t.rows) < 2:
        return []
    head = t.rows[0]
    out = []
    for row in t.rows[1:]:
        label = row[0]
        for j, cell in enumerate(row[1:], 1):
            for _kind, pattern in _PATTERNS[:2]:
                m = pattern.fullmatch(cell.strip())
                if m and label and not any(ch.isdigit() for ch in label):
                    column = head[j] if j < len(head) else ""
                    context = f"{label}, {column}: {cell.strip()}" if column else f"{label}: {cell.strip()}"
                    out.append(KeyFigure(value=cell.strip(), context=context, page=t.page, section=section))
                    break
    return out


def key_figures(doc: Document, limit: int = 40, table_share: float = 0.3) -> list[KeyFigure]:
    """The document's key figures, each value once: those stated in sentences first (reading order),
    then money and percentage cells of tables (at most `table_share` of the list)."""
    prose: list[KeyFigure] = []
    cells: list[KeyFigure] = []
    for s in doc.main_content().sections:  # a page's menus and footers hold no key figures
        for b in s.blocks:
            if isinstance(b, Paragraph):
                prose += from_text(b.text, b.page, s.heading)
            elif isinstance(b, ListBlock):
                prose += [k for it in b.items for k in from_text(it, b.page, s.heading)]
            elif isinstance(b, Table):
                cells += from_table(b, s.heading)
    found: list[KeyFigure] = []
    seen: set[str] = set()
    room_cells = max(1, int(limit * table_share)) if prose else limit
    for k in prose + cells[:room_cells]:
        if k.value not in seen and len(found) < limit:
            seen.add(k.value)
            found.append(k)
    return found
