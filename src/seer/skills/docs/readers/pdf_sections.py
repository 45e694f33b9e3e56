"""PDF page items in reading order into sections: headings from font size (and weight or slant at body
size), classified over the whole document once every page is read; paragraphs, list items and captions."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from ..document import DocumentBuilder, Section

_BULLET = re.compile(r"^\s*(?:[•●▪◦∙·\-–*]\s+|\(cid:\d+\)\s*|(\d{1,2})[.)]\s+)")
_CAPTION = re.compile(r"^(?:figure|fig\.|chart|exhibit|graph)\s*\d*[:.\s]", re.I)
_TABLE_CAPTION = re.compile(r"^table\s*\d*[:.\s]", re.I)


@dataclass
class Line:
    text: str
    size: float
    weight: int
    top: float
    bottom: float
    x0: float
    page: int
    ocr: bool = False
    italic: bool = False


@dataclass
class Item:
    """One thing on a page in reading order: a text line, a table or a figure."""

    top: float
    page: int
    left: float = 0.0
    right: float = 0.0
    line: Line | None = None
    rows: list[list[str]] | None = None
    png: bytes | None = None
    size: tuple[int, int] = (0, 0)
    caption: str | None = None
    header: bool = True  # whether the first of `rows` is a header row


def _heading_levels(lines: list[Line]) -> tuple[float, dict[float, int]]:
    """Body size (the size most characters have) and a level for each larger size."""
    weight: dict[float, int] = {}
    for ln in lines:
        weight[ln.size] = weight.get(ln.size, 0) + len(ln.text)
    if not weight:
        return 0.0, {}
    body = max(weight, key=lambda s: weight[s])
    bigger = sorted({s for s in weight if s >= body * 1.12}, reverse=True)
    return body, {s: i + 1 for i, s in enumerate(bigger)}


def _is_heading_text(text: str) -> bool:
    return (
        0 < len(text) <= 120
        and any(ch.isalnum() for ch in text)
        and len(text.split()) <= 16
        and not text.endswith((".", ",", ";"))
        and not _BULLET.match(text)
    )


def assemble(items: list[Item], b: DocumentBuilder) -> str | None:
    """Turn page items into sections; returns the title when the biggest text appears once on page 1."""
    text_lines = [it.line for it in items if it.line and not it.line.ocr]
    body, levels = _heading_levels(text_lines)
    ocr_lines = [it.line for it in items if it.line and it.line.ocr]
    ocr_body = statistics.median([l.size for l in ocr_lines]) if ocr_lines else 0.0
    title = None
    if levels:
        top_size = max(levels)
        tops = [l for l in text_lines if l.size == top_size]
        if len(tops) == 1 and tops[0].page == min(l.page for l in text_lines) and len(levels) >= 2:
            title = tops[0].text
            levels = {s: lv - 1 for s, lv in levels.items() if s != top_size}
    deepest = max(levels.values(), default=0) + 1
    style = _body_style([l for l in text_lines if l.size == body])
    para: list[Line] = []
    list_item: list[Line] = []
    ordered = False

    def flush() -> None:
        nonlocal para, list_item
        if para:
            b.paragraph(" ".join(l.text for l in para), page=para[0].page)
            para = []
        if list_item:
            first = _BULLET.sub("", list_item[0].text, count=1)
            b.list_item(" ".join([first] + [l.text for l in list_item[1:]]), page=list_item[0].page, ordered=ordered)
            list_item = []

    for idx, it in enumerate(items):
        if it.rows is not None:
            flush()
            caption = None
            prev = items[idx - 1].line if idx else None
            if prev and _TABLE_CAPTION.match(prev.text) and b.last_block() is not None:
                caption = prev.text  # already emitted as a paragraph: take it back
                last = b.last_block()
                if getattr(last, "text", None) == prev.text:
                    b.doc.sections[-1].blocks.pop()
            b.table(it.rows, page=it.page, caption=caption, header=it.header)
            continue
        if it.png is not None:
            flush()
            fig = b.figure(it.png, it.size[0], it.size[1], page=it.page)
            nxt = items[idx + 1].line if idx + 1 < len(items) else None
            if nxt and _CAPTION.match(nxt.text):
                fig.caption = nxt.text
                nxt.text = ""
            continue
        ln = it.line
        if ln is None or not ln.text:
            continue
        if title is not None and ln.text == title and ln.page == text_lines[0].page and not b.doc.sections:
            continue
        if ln.ocr:
            level = 0
            if ocr_body and ln.size >= ocr_body * 1.25 and _is_heading_text(ln.text):
                level = _nearest_level(ln.size * 1.0, levels) if levels else 1
        else:
            level = levels.get(ln.size, 0) if _is_heading_text(ln.text) else 0
            nxt = next((x.line for x in items[idx + 1 :] if x.line is not None), None)
            if (
                not level
                and body
                and body - 0.6 < ln.size < body * 1.12
                and _is_heading_text(ln.text)
                and len(ln.text.split()) <= 8
                and _emphasised(ln, nxt, style)
            ):
                level = deepest
        if level:
            flush()
            prev_sec = b.doc.sections[-1] if b.doc.sections else None
            prev_line = items[idx - 1].line if idx else None
            if prev_sec is not None and prev_line is not None and _continues(prev_sec, prev_line, ln):
                prev_sec.heading = f"{prev_sec.heading} {ln.text}"
            else:
                b.heading(ln.text, level, page=ln.page)
            continue
        m = _BULLET.match(ln.text)
        prev = (list_item or para)[-1] if list_item or para else None
        gap_ok = (
            prev is not None
            and prev.page == ln.page
            and ln.top - prev.bottom < 0.45 * max(ln.size, 1)
            and abs(prev.size - ln.size) < 1.0
        )
        if m or _CAPTION.match(ln.text) or _TABLE_CAPTION.match(ln.text):
            flush()
        if m:
            ordered = bool(m.group(1))
            list_item = [ln]
        elif para == [] and list_item == [] and (_CAPTION.match(ln.text) or _TABLE_CAPTION.match(ln.text)):
            para = [ln]
        elif list_item and gap_ok and ln.x0 > list_item[0].x0 + 2:
            list_item.append(ln)
        elif para and gap_ok:
            para.append(ln)
        else:
            flush()
            para = [ln]
    flush()
    return title


def _continues(sec: Section, prev: Line, ln: Line) -> bool:
    """`ln` finishes the heading of `sec`, whose last line is `prev`: a number set apart from its title on
    the same row, or the wrapped second line of a long heading."""
    if sec.blocks or not sec.heading or prev.page != ln.page or not sec.heading.endswith(prev.text):
        return False
    same_row = abs(prev.top - ln.top) < 0.5 * ln.size
    wrapped = prev.size == ln.size and ln.top - prev.bottom < ln.size and abs(prev.x0 - ln.x0) < 2
    return same_row or wrapped


def _body_style(lines: list[Line]) -> tuple[int, bool]:
    """The weight and slant most body characters have."""
    weights: dict[int, int] = {}
    italic = 0
    for l in lines:
        weights[l.weight] = weights.get(l.weight, 0) + len(l.text)
        italic += len(l.text) if l.italic else 0
    total = sum(weights.values()) or 1
    return (max(weights, key=lambda w: weights[w]) if weights else 2), italic > total / 2


def _emphasised(ln: Line, nxt: Line | None, style: tuple[int, bool]) -> bool:
    """Set apart from body text: heavier than the body, or italic (when the body is not) on a line of its
    own that the next line does not continue in italic (a run of italic lines is a quote, not a heading)."""
    if _CAPTION.match(ln.text) or _TABLE_CAPTION.match(ln.text):
        return False  # a caption, however it is set
    if ln.weight > style[0]:
        return True
    return (
        ln.italic
        and not style[1]
        and not (nxt and nxt.italic and nxt.page == ln.page)
        and ln.text[:1].isupper()
        and len(ln.text.split()) <= 6
    )


def _nearest_level(size: float, levels: dict[float, int]) -> int:
    best = min(levels, key=lambda s: abs(s - size))
    return levels[best]
