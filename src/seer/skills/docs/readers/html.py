"""HTML with lxml: headings, paragraphs, lists, tables, figures (inline data: or local images)."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from urllib.parse import unquote

from ....config import Settings
from ....errors import InputError
from ....security import check_path
from ..document import DocumentBuilder, clean
from .html_main import mark_chrome
from .registry import ReadOptions, register

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "svg",
    "iframe",
    "object",
    "canvas",
}  # no text of the page's own
_CHROME = {"nav", "menu", "form", "button", "select"}  # menus and controls: their text is kept, typed 'navigation'
_CHROME_ROLES = {"navigation", "search", "menu", "menubar"}
_BREAKS = {"br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "hr", "dt", "dd", "caption"}
_BLOCKS = {
    "p",
    "ul",
    "ol",
    "table",
    "figure",
    "img",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dl",
    "body",
    "center",
}
MAX_SPAN = 100  # a colspan/rowspan beyond this is a hostile or broken page, not a table


@register(
    "html",
    suffixes=(".html", ".htm", ".xhtml"),
    mimes=("text/html", "application/xhtml+xml"),
    magic=(b"<!DOCTYPE html", b"<!doctype html", b"<html"),
)
def read_html(path: Path, opts: ReadOptions) -> object:
    import lxml.html

    data = path.read_bytes()
    try:
        root = lxml.html.document_fromstring(data, parser=_parser(data))
    except (ValueError, lxml.etree.ParserError) as exc:
        raise InputError(f"{path.name} is not readable HTML ({exc})") from None
    for code in root.xpath("//style|//script|//noscript|//template"):
        code.drop_tree()  # CSS and scripts inside the body are not text (their tails are)
    b = opts.builder(path, "html")
    title = clean(root.findtext(".//title") or "") or None
    body = root.find("body")
    _walk(body if body is not None else root, b, path.parent)
    mark_chrome(b.doc, data, root)
    b.doc.warnings += _unread(root)
    return b.finish(title=title, pages=1)


def _parser(data: bytes):
    """UTF-8 for a page whose bytes are UTF-8 (a saved page often declares no charset, and lxml would then
    read it as Latin-1: 'Â©'); otherwise lxml's own detection from the page's declaration."""
    import lxml.html

    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return lxml.html.HTMLParser(encoding="utf-8")


def _unread(root) -> list[str]:
    """What the page embeds that is not read: other pages in frames, drawings with text in them."""
    frames = len(root.xpath("//iframe[@src]|//object[@data]|//embed[@src]"))
    drawings = sum(1 for svg in root.iter("svg") if clean(" ".join(svg.itertext())))
    out = (
        [f"{frames} embedded frame(s) (iframe, object, embed) were not read: they hold other pages or files"]
        if frames
        else []
    )
    return out + ([f"the text of {drawings} inline SVG drawing(s) was not read"] if drawings else [])


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _text(el, alts: bool = False) -> str:
    """An element's text as a browser lays it out: line breaks and block edges are spaces (`a<br>b` is two
    words); with `alts`, the alt text of its pictures in place (a thumbnail or an icon link says what it is)."""
    return clean(_raw(el, alts))


def _raw(el, alts: bool = False) -> str:
    """`_text` before whitespace is folded: a `<br>` between two runs of text is still a space."""
    parts: list[str] = []
    _collect(el, parts, alts)
    return "".join(parts)


def _collect(el, parts: list[str], alts: bool) -> None:
    tag = _tag(el)
    if tag in _SKIP:
        return
    if alts and tag == "img" and el.get("alt"):
        parts.append(f" {el.get('alt')} ")
    elif tag in _BREAKS or tag in _BLOCKS:
        parts.append(" ")
    parts.append(el.text or "" if tag else "")
    number = int(el.get("start", "1")) if tag == "ol" and el.get("start", "1").isdigit() else 1
    for child in el:
        if tag == "ol" and _tag(child) == "li":
            parts.append(f" {number}. ")  # a numbered list flattened into a cell shows its numbers, as a browser does
            number += 1
        _collect(child, parts, alts)
        parts.append(child.tail or "")
    if tag in _BREAKS or tag in _BLOCKS:
        parts.append(" ")


def _chrome(el, tag: str) -> bool:
    return tag in _CHROME or (el.get("role") or "").strip().lower() in _CHROME_ROLES


def _is_block(el, tag: str) -> bool:
    return tag in _BLOCKS or _chrome(el, tag) or any(_tag(d) in _BLOCKS for d in el.iterdescendants())


def _walk(el, b: DocumentBuilder, base: Path) -> None:
    """The blocks of `el`'s children in order; text and inline elements between blocks (a bold lead-in, a
    link, a tail after a list) form paragraphs of their own rather than being lost."""
    run: list[str] = [el.text or ""]

    def flush() -> None:
        b.paragraph("".join(run))
        run.clear()

    for child in el:
        tag = _tag(child)
        if tag and tag not in _SKIP:
            if _is_block(child, tag):
                flush()
                _block(child, tag, b, base)
            else:
                run.append(_raw(child))
        run.append(child.tail or "")
    flush()


def _block(el, tag: str, b: DocumentBuilder, base: Path) -> None:
    if _chrome(el, tag) and b.role == "content":
        b.role = "navigation"
        try:
            _block(el, tag, b, base)
        finally:
            b.role = "content"
    elif len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
        b.heading(_text(el), int(tag[1]))
    elif tag in ("p", "blockquote", "pre"):
        for img in el.iter("img"):
            _image(img, b, base, None)
        b.paragraph(_text(el))
    elif tag in ("ul", "ol"):
        for li in el.iter("li"):
            own = clean(" ".join(t for t in li.xpath("./text()|./*[not(self::ul or self::ol)]//text()")))
            b.list_item(own, ordered=tag == "ol")
    elif tag == "table":
        cap = el.find("caption")
        b.table(_rows(el), caption=_text(cap) if cap is not None else None)
    elif tag == "figure":
        cap = el.find(".//figcaption")
        caption = _text(cap) if cap is not None else None
        imgs = list(el.iter("img"))
        for img in imgs:
            _image(img, b, base, caption)
        if not imgs:
            for t in el.iter("table"):
                b.table(_rows(t), caption=caption)
    elif tag == "img":
        _image(el, b, base, el.get("alt"))
    elif tag == "dl":
        for dt in el:
            if _tag(dt):
                b.list_item(_text(dt))
    elif any(_tag(d) in _BLOCKS for d in el.iterdescendants()):
        _walk(el, b, base)
    else:
        b.paragraph(_text(el))


def _rows(table) -> list[list[str]]:
    """Cell text row by row, on the table's grid: a merged cell's text is in every row and column it spans;
    a table nested in a cell stays that cell's text, not rows of this table."""
    grid: list[list[str]] = []
    below: dict[int, tuple[int, str]] = {}  # column -> (rows still spanned, text) of a rowspan from above
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        row: list[str] = []

        def carry() -> None:
            while len(row) in below:
                left, text = below.pop(len(row))
                if left > 1:
                    below[len(row)] = (left - 1, text)
                row.append(text)

        for cell in tr:
            if _tag(cell) not in ("td", "th"):
                continue
            carry()
            text, down = _text(cell, alts=True), _span(cell.get("rowspan"))
            for _ in range(_span(cell.get("colspan"))):
                if down > 1:
                    below[len(row)] = (down - 1, text)
                row.append(text)
        carry()
        grid.append(row)
    return grid


def _span(value: str | None) -> int:
    digits = (value or "").strip()
    return max(1, min(int(digits), MAX_SPAN)) if digits.isdigit() else 1


def _image(img, b: DocumentBuilder, base: Path, caption: str | None) -> None:
    src = (img.get("src") or "").strip()
    blob = None
    if src.startswith("data:"):
        head, _, body = src.partition(",")
        try:
            blob = base64.b64decode(body) if ";base64" in head else unquote(body).encode()
        except (binascii.Error, ValueError):
            blob = None
    elif src and "://" not in src:
        p = (base / unquote(src.split("?", 1)[0].split("#", 1)[0])).resolve()
        if _allowed(p, b.settings) and p.is_file() and p.stat().st_size < 32 * 1024 * 1024:
            if b.pictures.seen(("file", str(p))):
                return  # the same file drawn again: read and decoded once
            blob = p.read_bytes()
    if blob is None:
        b.doc.warnings.append(f"image '{src[:80]}' was not loaded (remote or missing); kept only its caption")
        if caption:
            b.paragraph(caption)
        return
    png = b.pictures.png(blob, f"image '{src[:60]}'")
    if png:
        b.figure(png[0], png[1], png[2], caption=caption or img.get("alt"))


def _allowed(path: Path, settings: Settings | None) -> bool:
    """A page may only pull pictures from the folders seer may read (no `<img src="/home/me/secret.png">`)."""
    try:
        check_path(path, settings, what="image referenced by the page")
    except InputError:
        return False
    return True
