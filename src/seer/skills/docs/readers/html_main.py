"""Which blocks of a web page are its main content, decided by trafilatura (a maintained extractor).

The page is still read by seer's own walker (tables, lists, figures keep their structure); trafilatura
only says which text belongs to the article. The article's container is the deepest element holding
nearly all of that text; a block found neither in the extract nor in the container is page chrome (menus,
"Jump to content", language lists, footers outside the article), while what the extractor
skips inside the article (captions, "See also" links, hatnotes) stays. A heading stays content while its
section keeps any content. When the extract is too small to trust (short or unusual pages), nothing is typed.
Chrome is typed role 'navigation', never dropped: the document keeps every word of the page.
"""

from __future__ import annotations

import logging
import re

from ..document import Document, ListBlock, Paragraph

_ALNUM = re.compile(r"[^\W_]+")
TRUST_SHARE = 0.35  # below this share of the page's words, the extract missed the article: keep all
CONTAINER_SHARE = 0.9  # of the extract's text the article's container holds
_LEAVES = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd", "dt", "pre", "blockquote", "figcaption")


def _letters(text: str) -> str:
    return "".join(_ALNUM.findall(text.casefold()))


def main_text(raw: bytes) -> str | None:
    """The page's main content as one letters-and-digits string, or None when it cannot be extracted."""
    try:
        import trafilatura

        logging.getLogger("trafilatura").setLevel(logging.ERROR)
        text = trafilatura.extract(
            raw,
            include_tables=True,
            include_comments=False,
            favor_recall=True,
            include_links=False,
            include_images=False,
            deduplicate=False,
        )
    except Exception:  # a page the extractor cannot parse: no filtering, never a failed read
        return None
    return _letters(text) if text else None


def _in(text: str, main: str) -> bool:
    key = _letters(text)
    if not key:
        return True
    if len(key) <= 60:
        return key in main
    probes = (key[:40], key[len(key) // 2 - 20 : len(key) // 2 + 20], key[-40:])
    return sum(p in main for p in probes) >= 2


def _sentence(text: str) -> bool:
    """Prose the extractor may have skipped (a hatnote, a caption): a paragraph ending like a sentence."""
    return len(text.split()) >= 2 and text.rstrip().endswith((".", "!", "?")) and not text.rstrip().endswith(" .")


def _block_text(block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, ListBlock):
        return " ".join(block.items)
    return ""


def container_text(root, main: str) -> str:
    """The letters of the article's container: the deepest element of `root` that holds CONTAINER_SHARE
    of the extract's text (counted over leaf blocks: paragraphs, list items, headings, cells)."""
    weight: dict = {}
    for el in root.iter(*_LEAVES):
        key = _letters(el.text_content())
        if key and _in(el.text_content(), main):
            for a in el.iterancestors():
                weight[a] = weight.get(a, 0) + len(key)
    body = root.find("body")
    node = body if body is not None else root
    total = weight.get(node, 0)
    while total:
        best = max((c for c in node if c in weight), key=weight.get, default=None)
        if best is None or weight[best] < CONTAINER_SHARE * total:
            break
        node = best
    return _letters(node.text_content()) if total else ""


def mark_chrome(doc: Document, raw: bytes, root) -> None:
    """Type the page chrome in `doc` as role 'navigation', in place (`root`: the parsed page). Nothing is
    dropped: the structure keeps every word, and reports and slides read `Document.main_content()`."""
    main = main_text(raw)
    blocks = [b for b in doc.blocks() if b.role == "content"]  # the walker already typed <nav>, forms, menus
    if not main or not any(_block_text(b).split() for b in blocks):
        return
    if len(main) < TRUST_SHARE * len(_letters(" ".join(_block_text(b) for b in blocks))):
        return
    main += "\n" + container_text(root, main)
    for s in doc.sections:
        out: list = []
        for b in s.blocks:
            if isinstance(b, ListBlock) and b.role == "content":
                out += _split_list(b, main)
            elif isinstance(b, Paragraph) and not (_in(b.text, main) or _sentence(b.text)):
                out.append(b.model_copy(update={"role": "navigation"}))
            else:
                out.append(b)  # tables and figures stay content: the extractor does not judge them
        s.blocks = out
        if s.heading and not (_in(s.heading, main) or any(b.role == "content" for b in s.blocks)):
            s.role = "navigation"


def _split_list(block: ListBlock, main: str) -> list[ListBlock]:
    """The list cut into runs of items that are content (in the article, or notes written as sentences)
    and runs that are chrome, in their order."""
    runs: list[ListBlock] = []
    for item in block.items:
        role = "content" if _in(item, main) or _sentence(item) else "navigation"
        if runs and runs[-1].role == role:
            runs[-1].items.append(item)
        else:
            runs.append(block.model_copy(update={"items": [item], "role": role}))
    return runs
