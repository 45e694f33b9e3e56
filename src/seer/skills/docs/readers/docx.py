"""DOCX: body paragraphs and tables in document order, read from the XML python-docx loads.

Content controls (`w:sdt`, e.g. Google Docs exports) are walked into, text boxes are read after the
paragraph that anchors them, headings come from styles (name, outline level or what a style is based
on) with their list numbers, and styles are resolved once per document, not per paragraph.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ....errors import InputError
from ..document import DocumentBuilder, Figure, clean, metadata_title
from .docx_numbering import Numbering, W
from .registry import ReadOptions, register

_CAPTION = re.compile(r"^(?:figure|fig\.|chart|exhibit|graph)\s*\d*[:.\s]", re.I)
_TABLE_CAPTION = re.compile(r"^table\s*\d*[:.\s]", re.I)
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TXBX = W + "txbxContent"
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins", W + "moveTo"}
_HEADING = re.compile(r"^heading\s*(\d)$")


@register(
    "docx",
    suffixes=(".docx", ".docm"),
    mimes=("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
)
def read_docx(path: Path, opts: ReadOptions) -> object:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        d = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(f"{path.name} is not a readable DOCX ({exc}); is it a Word 2007+ file?") from None
    b = opts.builder(path, "docx")
    reader = _Body(d, b)
    reader.blocks(d.element.body)
    unread = _unread_parts(d)
    if unread:
        b.doc.warnings.append(f"{', '.join(unread)} were not read: only the body text is")
    return b.finish(title=metadata_title(d.core_properties.title) or reader.title, pages=1)


_ASIDES = (
    ("header", "page headers"),
    ("footer", "page footers"),
    ("footnotes", "footnotes"),
    ("endnotes", "endnotes"),
    ("comments", "comments"),
)


def _unread_parts(d) -> list[str]:
    """What the file holds text in outside its body (page headers and footers, notes, comments), by kind."""
    from lxml import etree

    kinds: list[str] = []
    for part in d.part.package.iter_parts():
        name = str(part.partname).rsplit("/", 1)[-1]
        kind = next((label for key, label in _ASIDES if name.startswith(key) and name.endswith(".xml")), None)
        if kind and kind not in kinds:
            try:
                text = "".join(etree.fromstring(part.blob).itertext(W + "t"))
            except etree.XMLSyntaxError:
                text = ""
            if text.strip():
                kinds.append(kind)
    return kinds


class _Styles:
    """Each paragraph style's lower-case name, heading level and list numbering, resolved once."""

    def __init__(self, d) -> None:
        root = d.styles.element
        self.default = ""
        raw: dict[str, tuple[str, str | None, int, tuple[str, int] | None]] = {}
        for st in root.iter(W + "style"):
            if st.get(W + "type") != "paragraph":
                continue
            sid = st.get(W + "styleId", "")
            name_el, based_el = st.find(W + "name"), st.find(W + "basedOn")
            name = (name_el.get(W + "val", "") if name_el is not None else sid).lower()
            outline = st.find(f"{W}pPr/{W}outlineLvl")
            level = _level(name, outline)
            raw[sid] = (
                name,
                based_el.get(W + "val") if based_el is not None else None,
                level,
                _num_pr(st.find(W + "pPr")),
            )
            if st.get(W + "default") in ("1", "true"):
                self.default = sid
        self.name = {sid: v[0] for sid, v in raw.items()}
        self.level: dict[str, int] = {}
        self.num: dict[str, tuple[str, int] | None] = {}
        for sid in raw:
            chain, cur = [], sid
            while cur in raw and cur not in chain and len(chain) < 20:
                chain.append(cur)
                cur = raw[cur][1]
            self.level[sid] = next((raw[c][2] for c in chain if raw[c][2]), 0)
            self.num[sid] = next((raw[c][3] for c in chain if raw[c][3]), None)


def _level(name: str, outline) -> int:
    m = _HEADING.match(name)
    if m:
        return int(m.group(1))
    if outline is not None:
        v = outline.get(W + "val", "9")
        return int(v) + 1 if v.isdigit() and int(v) < 9 else 0
    return 0


def _num_pr(ppr) -> tuple[str, int] | None:
    num = ppr.find(W + "numPr") if ppr is not None else None
    if num is None:
        return None
    nid, ilvl = num.find(W + "numId"), num.find(W + "ilvl")
    num_id = nid.get(W + "val", "0") if nid is not None else "0"
    level = ilvl.get(W + "val", "0") if ilvl is not None else "0"
    return (num_id, int(level) if level.isdigit() else 0) if num_id != "0" else None


class _Body:
    """Walks block content (body, content controls, text boxes, cells) into the builder."""

    def __init__(self, d, b: DocumentBuilder) -> None:
        self.d, self.b = d, b
        self.styles = _Styles(d)
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        try:  # a document without lists has no numbering part
            numbering_root = d.part.part_related_by(RT.NUMBERING).element
        except (KeyError, AttributeError):
            numbering_root = None
        self.numbering = Numbering(numbering_root)
        self.title: str | None = None
        self.pending_caption: str | None = None
        self.last_figure: Figure | None = None
        self.count = 0

    def blocks(self, container) -> None:
        for el in _block_elements(container):
            self.count += 1
            if self.count % 50 == 0 and self.b.out_of_time(f"block {self.count}"):
                return
            if el.tag == W + "tbl":
                self.b.table(_table_rows(el), caption=self.pending_caption)
                self.pending_caption, self.last_figure = None, None
            else:
                self.paragraph(el)
                for box in _own(el, _TXBX):
                    self.blocks(box)

    def paragraph(self, el) -> None:
        b = self.b
        ppr = el.find(W + "pPr")
        style_el = ppr.find(W + "pStyle") if ppr is not None else None
        sid = style_el.get(W + "val", "") if style_el is not None else self.styles.default
        low = self.styles.name.get(sid, sid.lower())
        for blip in _own(el, _A + "blip"):
            self._picture(blip)
        text = clean(_text(el))
        if not text:
            return
        outline = ppr.find(W + "outlineLvl") if ppr is not None else None
        level = _level("", outline) or self.styles.level.get(sid, 0)
        num = _num_pr(ppr) or self.styles.num.get(sid)
        if low == "title":
            self.title = self.title or text
            return
        if level:
            label = self.numbering.label(*num) if num else ""
            b.heading(f"{label} {text}" if label else text, level)
            self.last_figure = None
            return
        if low == "caption" or _CAPTION.match(text) or _TABLE_CAPTION.match(text):
            if self.last_figure is not None and not self.last_figure.caption and not _TABLE_CAPTION.match(text):
                self.last_figure.caption = text
                self.last_figure = None
                return
            if _TABLE_CAPTION.match(text) or (low == "caption" and _next_is_table(el)):
                self.pending_caption = text
                return
        self.last_figure = None
        if num or "list" in low:
            label = self.numbering.label(*num) if num else ""  # advanced for every item, shown when compound
            if label and self.numbering.compound(*num):
                text = f"{label} {text}"
            b.list_item(text, ordered=bool(num) and self.numbering.ordered(*num) or "number" in low)
        else:
            b.paragraph(text)

    def _picture(self, blip) -> None:
        rid = blip.get(_R + "embed")
        part = self.d.part.related_parts.get(rid) if rid else None
        if part is None:
            what = "links to an outside file" if blip.get(_R + "link") else "has no embedded data"
            self.b.doc.warnings.append(f"a picture was left out: it {what}")
            return
        png = self.b.pictures.png(part.blob, f"picture {part.partname}")
        if png:
            self.last_figure = self.b.figure(*png)


def _block_elements(container):
    """Paragraphs and tables of a container, in order, looking inside content controls and wrappers."""
    for el in container:
        if el.tag in (W + "p", W + "tbl"):
            yield el
        elif el.tag in _WRAPPERS:
            yield from _block_elements(el)


def _own(el, tag: str):
    """Descendants with `tag` that belong to this paragraph: not inside a nested text box, and not the
    legacy copy in a markup-compatibility fallback (that would read every text box twice)."""
    for ch in el:
        if ch.tag == _FALLBACK or ch.tag == _TXBX and tag != _TXBX:
            continue
        if ch.tag == tag:
            yield ch
            continue
        yield from _own(ch, tag)


def _text(el) -> str:
    out: list[str] = []
    _collect_text(el, out)
    return "".join(out)


def _collect_text(el, out: list[str]) -> None:
    for ch in el:
        tag = ch.tag
        if tag == W + "t":
            out.append(ch.text or "")
        elif tag in (W + "tab", W + "br", W + "cr"):
            out.append(" ")
        elif tag not in (_TXBX, _FALLBACK, W + "pPr") and isinstance(tag, str):
            _collect_text(ch, out)


def _next_is_table(el) -> bool:
    nxt = el.getnext()
    return nxt is not None and nxt.tag == W + "tbl"


def _table_rows(tbl) -> list[list[str]]:
    """Rows of cell text on the table's grid: a merged cell's text fills every grid cell it covers
    (as python-docx and docling give it), so columns stay aligned."""
    rows: list[list[str]] = []
    for tr in _children(tbl, W + "tr"):
        cells: list[str] = []
        for tc in _children(tr, W + "tc"):
            text = clean(" ".join(_text(p) for p in tc.iter(W + "p")))
            span = tc.find(f"{W}tcPr/{W}gridSpan")
            width = int(span.get(W + "val", "1")) if span is not None and span.get(W + "val", "1").isdigit() else 1
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            if merge is not None and merge.get(W + "val", "continue") == "continue" and rows:
                above = rows[-1]
                text = above[len(cells)] if len(cells) < len(above) else text
            cells.extend([text] * max(1, min(width, 64)))
        rows.append(cells)
    return rows


def _children(el, tag: str):
    for ch in el:
        if ch.tag == tag:
            yield ch
        elif ch.tag in _WRAPPERS:
            yield from _children(ch, tag)
