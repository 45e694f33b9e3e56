"""Markdown with markdown-it-py (CommonMark + tables): headings, paragraphs, lists, tables, images."""

from __future__ import annotations

from pathlib import Path

from ..document import clean
from .html import _image
from .registry import ReadOptions, register


@register("markdown", suffixes=(".md", ".markdown", ".txt"), mimes=("text/markdown", "text/plain"))
def read_markdown(path: Path, opts: ReadOptions) -> object:
    from markdown_it import MarkdownIt

    text = path.read_text(encoding="utf-8", errors="replace")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    b = opts.builder(path, "markdown")
    i = 0
    list_stack: list[bool] = []
    row: list[str] = []
    rows: list[list[str]] = []
    while i < len(tokens):
        t = tokens[i]
        if t.type == "heading_open":
            b.heading(tokens[i + 1].content, int(t.tag[1]))
            i += 3
            continue
        if t.type in ("bullet_list_open", "ordered_list_open"):
            list_stack.append(t.type == "ordered_list_open")
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif t.type == "inline" and tokens[i - 1].type == "paragraph_open":
            images = [c for c in (t.children or []) if c.type == "image"]
            for im in images:
                _image(_Img(im.attrs.get("src", ""), im.content), b, path.parent, im.content or None)
            kept = [c.content or " " for c in (t.children or []) if c.type in ("text", "code_inline", "softbreak")]
            plain = clean("".join(kept) if images else t.content)
            if list_stack:
                b.list_item(_strip_marks(plain), ordered=list_stack[-1])
            elif plain:
                b.paragraph(_strip_marks(plain))
        elif t.type == "tr_open":
            row = []
        elif t.type == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            row.append(_strip_marks(t.content))
        elif t.type == "tr_close":
            rows.append(row)
        elif t.type == "table_close":
            b.table(rows)
            rows = []
        elif t.type in ("fence", "code_block"):
            b.paragraph(t.content)
        i += 1
    return b.finish(pages=1)


def _strip_marks(text: str) -> str:
    return text.replace("**", "").replace("__", "").replace("`", "")


class _Img:
    """The two attributes `_image` reads, from a markdown image token."""

    def __init__(self, src: str, alt: str) -> None:
        self._a = {"src": src, "alt": alt}

    def get(self, key: str, default=None):
        return self._a.get(key, default)
