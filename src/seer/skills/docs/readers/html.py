"""HTML with lxml: headings, paragraphs, lists, tables, figures (inline data: or local images)."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from urllib.parse import unquote

from ....errors import InputError
from ....config import Settings
from ....security import check_path
from ..document import DocumentBuilder, clean
from .html_main import keep_main_content
from .registry import ReadOptions, register

_SKIP = {"script", "style", "noscript", "template", "nav", "head", "svg", "button", "form", "iframe"}
_BREAKS = {"br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "hr", "dt", "dd"}
_BLOCKS = {"p", "ul", "ol", "table", "figure", "img", "div", "section", "article", "main", "header", "footer",
           "aside", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "body", "center"}


@register("html", suffixes=(".html", ".htm", ".xhtml"), mimes=("text/html", "application/xhtml+xml"),
          magic=(b"<!DOCTYPE html", b"<!doctype html", b"<html"))
def read_html(path: Path, opts: ReadOptions) -> object:
    import lxml.html

    data = path.read_bytes()
    try:
        root = lxml.html.document_fromstring(data)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise InputError(f"{path.name} is not readable HTML ({exc})") from None
    for code in root.xpath("//style|//script|//noscript|//template"):
        code.drop_tree()  # CSS and scripts inside the body are not text (their tails are)
    b = opts.builder(path, "html")
    title = clean(root.findtext(".//title") or "") or None
    body = root.find("body")
    _walk(body if body is not None else root, b, path.parent)
    keep_main_content(b.doc, data, root)
    return b.finish(title=title, pages=1)


def _text(el) -> str:
    return clean(el.text_content())


def _rows(table) -> list[list[str]]:
    return [[_cell_text(c) for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")] for tr in table.iter("tr")]


def _cell_text(cell) -> str:
    """A cell's text with the alt text of its pictures in place (a thumbnail or an icon link says what it is)."""
    parts: list[str] = []
    _collect(cell, parts)
    return clean("".join(parts))


def _collect(el, parts: list[str]) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag == "img" and el.get("alt"):
        parts.append(f" {el.get('alt')} ")
    elif tag in _BREAKS:
        parts.append(" ")
    parts.append(el.text or "" if tag else "")
    for child in el:
        _collect(child, parts)
        parts.append(child.tail or "")
    if tag in _BREAKS:
        parts.append(" ")


def _walk(el, b: DocumentBuilder, base: Path) -> None:
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in _SKIP:
            continue
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            b.heading(_text(child), int(tag[1]))
        elif tag in ("p", "blockquote", "pre"):
            for img in child.iter("img"):
                _image(img, b, base, None)
            b.paragraph(_text(child))
        elif tag in ("ul", "ol"):
            for li in child.iter("li"):
                own = clean(" ".join(t for t in li.xpath("./text()|./*[not(self::ul or self::ol)]//text()")))
                b.list_item(own, ordered=tag == "ol")
        elif tag == "table":
            rows = _rows(child)
            cap = child.find(".//caption")
            b.table(rows, caption=_text(cap) if cap is not None else None)
        elif tag == "figure":
            cap = child.find(".//figcaption")
            caption = _text(cap) if cap is not None else None
            imgs = list(child.iter("img"))
            for img in imgs:
                _image(img, b, base, caption)
            if not imgs:
                for t in child.iter("table"):
                    rows = _rows(t)
                    b.table(rows, caption=caption)
        elif tag == "img":
            _image(child, b, base, child.get("alt"))
        elif tag == "dl":
            for dt in child:
                if isinstance(dt.tag, str):
                    b.list_item(_text(dt))
        elif any(isinstance(c.tag, str) and c.tag.lower() in _BLOCKS for c in child):
            lead = clean(child.text or "")
            if lead:
                b.paragraph(lead)
            _walk(child, b, base)
        else:
            b.paragraph(_text(child))
        tail = clean(child.tail or "")
        if tail and tag in _BLOCKS:
            b.paragraph(tail)


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
