"""Which blocks of a web page are its main content, decided by trafilatura (a maintained extractor).

The page is still read by seer's own walker (tables, lists, figures keep their structure); trafilatura
only says which text belongs to the article. The article's container is the deepest element holding
nearly all of that text; a block found neither in the extract nor in the container is page chrome (menus,
"Jump to content", language lists, footers outside the article) and is dropped, while what the extractor
skips inside the article (captions, "See also" links, hatnotes) stays. A heading stays while its section
keeps anything. When the extract is too small to trust (short or unusual pages), nothing is dropped.
"""

from __future__ import annotations

import logging
import re

from ..document import Document, Figure, ListBlock, Paragraph, Table

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
        text = trafilatura.extract(raw, include_tables=True, include_comments=False, favor_recall=True,
                                   include_links=False, include_images=False, deduplicate=False)
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


def keep_main_content(doc: Document, raw: bytes, root) -> None:
    """Drop page chrome from `doc` in place (`root`: the parsed page), naming what was dropped in its warnings."""
    main = main_text(raw)
    page_words = sum(len(_block_text(b).split()) for b in doc.blocks())
    if not main or page_words == 0:
        return
    if len(main) < TRUST_SHARE * len(_letters(" ".join(_block_text(b) for b in doc.blocks()))):
        return
    main += "\n" + container_text(root, main)
    dropped = 0
    kept_sections = []
    for s in doc.sections:
        blocks = []
        for b in s.blocks:
            if isinstance(b, ListBlock):
                items = [it for it in b.items if _in(it, main) or _sentence(it)]  # references, notes
                dropped += len(b.items) - len(items)
                if items:
                    blocks.append(b.model_copy(update={"items": items}))
            elif isinstance(b, (Table, Figure)) or _in(_block_text(b), main) or _sentence(b.text):
                blocks.append(b)
            else:
                dropped += 1
        s.blocks = blocks
        if blocks or (s.heading and _in(s.heading, main)):
            kept_sections.append(s)
        elif s.heading:
            dropped += 1
    doc.sections = kept_sections
    if dropped:
        doc.warnings.append(f"{dropped} block(s) of page chrome (menus, navigation, footers) outside the main content were left out")
