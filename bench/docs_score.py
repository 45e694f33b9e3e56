"""Score a written deck (and report) against a corpus spec: what a reader of the deck would check."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class DeckFacts:
    width: int
    height: int
    titles: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # every visible text run, tables and chart data included
    table_cells: list[str] = field(default_factory=list)
    charts: list[tuple[list[str], list[list[float]]]] = field(default_factory=list)
    pictures: int = 0
    notes: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def deck_facts(path: str | Path) -> DeckFacts:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    prs = Presentation(str(path))
    f = DeckFacts(prs.slide_width, prs.slide_height)
    for n, slide in enumerate(prs.slides, 1):
        title = slide.shapes.title
        f.titles.append(title.text_frame.text if title is not None else "")
        for s in slide.shapes:
            if s.left < 0 or s.top < 0 or s.left + s.width > f.width or s.top + s.height > f.height:
                f.outside.append(f"slide {n}: {s.name}")
            if s.has_text_frame:
                f.text.append(s.text_frame.text)
            if getattr(s, "has_table", False) and s.has_table:
                cells = [c.text for r in s.table.rows for c in r.cells]
                f.table_cells += cells
                f.text += cells
            if getattr(s, "has_chart", False) and s.has_chart:
                plot = s.chart.plots[0]
                cats = [str(c) for c in plot.categories]
                vals = [list(ser.values) for ser in plot.series]
                f.charts.append((cats, vals))
                f.text += cats + [
                    f"{v:,.0f}" if float(v).is_integer() else f"{v:g}" for row in vals for v in row if v is not None
                ]
            if s.shape_type == MSO_SHAPE_TYPE.PICTURE:
                f.pictures += 1
        f.notes.append(slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "")
    return f


def _norm(t: str) -> str:
    return re.sub(r"\s+", " ", t).strip().lower()


def heading_recall(headings: list[str], titles: list[str]) -> float:
    ts = [_norm(t) for t in titles]
    hit = sum(1 for h in headings if any(t == _norm(h) or t.startswith(_norm(h) + " (") for t in ts))
    return hit / len(headings) if headings else 1.0


def cells_preserved(cells: list[str], deck_cells: list[str]) -> float:
    pool = [_norm(c) for c in deck_cells]
    hit = 0
    for c in cells:
        n = _norm(c)
        if n in pool:
            pool.remove(n)
            hit += 1
    return hit / len(cells) if cells else 1.0


def numbers_present(numbers: list[str], text: str) -> float:
    t = _norm(text)
    return sum(1 for n in numbers if _norm(n) in t) / len(numbers) if numbers else 1.0


# Slide rules (issue 15). A fragment is a bullet that opens with a relative or subordinating word, or has
# no verb (an auxiliary, a past form in -ed, a common irregular past, or a present form in -s after a word that
# can be its subject: not an article, preposition or adjective).
_OPENERS = set(
    "which who whom whose where when while whereas although though because since unless if until after "
    "before as that whether once".split()
)
_AUX = set(
    "is are was were be been being am has have had do does did will would can could shall should may might must".split()
)
_NOT_SUBJECT = set(
    "the a an this that these those its their our your his her my of to in on at by for with from as and or "
    "new strong high low big small large major key more most many few other several all some each every "
    "annual monthly total net gross early late first last next".split()
)
_ADJ_END = ("al", "ic", "ive", "ous", "ful", "ent", "ant", "ing", "ary", "ian")
_PAST = set(
    "grew rose fell made held led took gave came went became began won lost paid sold built kept left met ran saw "
    "set spent stood drew wrote found brought bought thought told".split()
)


def is_fragment(bullet: str) -> bool:
    words = [w.strip(".,;:()\"'…").lower() for w in bullet.split()]
    words = [w for w in words if w]
    if not words:
        return True
    if words[0] in _OPENERS:
        return True
    verb = (
        any(w in _AUX or w in _PAST for w in words)
        or any(len(w) > 3 and w.endswith("ed") for w in words[1:])
        or any(
            len(w) > 3
            and w.endswith("s")
            and not w.endswith("ss")
            and words[i - 1] not in _NOT_SUBJECT
            and not words[i - 1].endswith(_ADJ_END)
            for i, w in enumerate(words)
            if i > 0
        )
    )
    return not verb


@dataclass
class DeckRules:
    slides: int
    max_cont_per_section: int
    fragments: list[str]
    title_only: list[str]
    pictures: int
    pictures_captioned: int


def deck_rules(path: str | Path, document_texts: set[str] = frozenset()) -> DeckRules:
    """The issue-15 slide rules measured on a written deck. Bullets that are the document's own list
    items or whole paragraphs (the author's words, not cut by seer) are not judged."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    prs = Presentation(str(path))
    conts: dict[str, int] = {}
    fragments, title_only = [], []
    pictures = captioned = 0
    for n, slide in enumerate(prs.slides, 1):
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        if title.endswith("(cont.)"):
            base = title.removesuffix(" (cont.)")
            conts[base] = conts.get(base, 0) + 1
        body, visual, texts = [], False, []
        for s in slide.shapes:
            if slide.shapes.title is not None and s.shape_id == slide.shapes.title.shape_id:
                continue
            if (
                s.shape_type == MSO_SHAPE_TYPE.PICTURE
                or getattr(s, "has_chart", False)
                and s.has_chart
                or getattr(s, "has_table", False)
                and s.has_table
            ):
                visual = True
                pictures += s.shape_type == MSO_SHAPE_TYPE.PICTURE
            elif s.has_text_frame:
                paras = [p.text.strip() for p in s.text_frame.paragraphs if p.text.strip()]
                texts += paras
                if s.is_placeholder or len(paras) > 1:
                    body += paras
        if n > 1 and not visual and not texts:
            title_only.append(title)
        if any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slide.shapes) and texts:
            captioned += 1
        if n > 1 and title not in ("Agenda", "Agenda (cont.)", "Key figures", "Summary"):
            fragments += [b for b in body if _own(b) not in document_texts and is_fragment(b)]
    return DeckRules(len(prs.slides), max(conts.values(), default=0), fragments, title_only, pictures, captioned)


_QUANTITY = re.compile(
    r"[$€£¥₹%]|\b(?:million|billion|thousand|trillion|percent|USD|EUR|GBP)\b|"
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|^\S*\d\S*\s+[a-z]{3,}$"
)


def key_figure_ok(value: str, context: str, source: str) -> bool:
    """A key figure passes when it reads as a quantity (money, percent, scaled, a date, a count with
    its noun), is not glued to an identifier in its context, and appears in the source text."""
    if value not in source or not _QUANTITY.search(value):
        return False
    i = context.find(value)
    return not (i > 0 and re.match(r"[A-Za-z#/-]", context[i - 1]) and not re.match(r"[$€£]", value))


def document_texts(doc) -> set[str]:
    """The document's own list items and whole paragraphs (as `_own` matches them), for deck_rules."""
    out = set()
    for b in doc.blocks():
        for t in [b.text] if b.kind == "paragraph" else b.items if b.kind == "list" else []:
            out.add(_own(t))
    return out


def _own(text: str) -> str:
    """How a bullet is matched to the document's own text: without a final full stop, and the first letter's
    case ignored (the deck capitalises a paragraph that opens in lower case)."""
    t = text.strip().rstrip(".")
    return t[:1].lower() + t[1:]
