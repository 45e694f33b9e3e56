"""Decide the deck: which slides, in what order, holding what — measured against the layout.

title → agenda → per section: bullets (split when they would not fit at a readable size), tables
(rows split by measured height, wide tables split by columns), charts (native, from data), pictures
→ key figures → summary. Every number on a slide comes from the document itself.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Literal

from ..document import ChartData, Document, Figure, KeyFigure, ListBlock, Paragraph, Section, Table
from ..summary import summarize
from .condense import bullets_from_text, condense_item, is_fragment, statement
from .slide_layout import SlideLayout
from .text_fit import Para, column_widths, fit_size, paras_height, row_heights

SlideKind = Literal["title", "agenda", "section", "bullets", "table", "chart", "picture", "summary"]
MAX_BULLETS = 6
MAX_SLIDE_WORDS = 40  # words of bullets on one slide
MIN_DECK, LONG_DECK, WORDS_PER_PAGE = 8, 30, 450
MAX_TABLE_COLS = 7
LEAD_SIZE = 18.0  # lead text above a table or figure
LEAD_MAX_SHARE = 0.3  # of the body height
GALLERY = 4  # pictures one slide shows side by side when the deck is over its budget


@dataclass
class Picture:
    png: bytes
    size: tuple[int, int] = (0, 0)
    caption: str | None = None


@dataclass
class SlideSpec:
    kind: SlideKind
    title: str
    subtitle: str | None = None
    bullets: list[Para] = field(default_factory=list)
    rows: list[list[str]] | None = None
    header: bool = True
    chart: ChartData | None = None
    pictures: list[Picture] = field(default_factory=list)  # a picture slide: one, or a gallery of up to GALLERY
    caption: str | None = None  # of a table or chart
    notes: str = ""
    section: str | None = None  # the document heading this slide comes from

    def lead_height(self, layout: SlideLayout) -> float:
        """Height of the lead bullets above a table, chart or picture (0 when there are none)."""
        if self.kind not in ("table", "chart", "picture") or not self.bullets:
            return 0.0
        return paras_height(self.bullets, layout.body.w, LEAD_SIZE)


class Rewriter:
    """Optional hook a model can fill: better bullets for a section (titles stay its heading, structure stays)."""

    def bullets(self, section: Section, bullets: list[str]) -> list[str]:
        return bullets


def plan(doc: Document, layout: SlideLayout, rewriter: Rewriter | None = None, max_slides: int = 80) -> list[SlideSpec]:
    """The deck with one slide group per section; when that runs over the slide budget, the deck with
    minor sections folded into their parents instead, if that one keeps to the budget or saves a quarter
    of the slides (otherwise the section headings are worth more than the slides saved)."""
    budget = slide_budget(doc, max_slides)
    full = _plan(doc, doc.sections, layout, rewriter, max_slides)
    if len(full) <= budget or (folded := _fold(doc.sections, budget)) is doc.sections:
        return full
    short = _plan(doc, folded, layout, rewriter, max_slides)
    return short if len(short) <= max(budget, 0.75 * len(full)) else full


def _plan(
    doc: Document, sections: list[Section], layout: SlideLayout, rewriter: Rewriter | None, max_slides: int
) -> list[SlideSpec]:
    rw = rewriter or Rewriter()
    title = doc.title or "Untitled document"
    slides = [SlideSpec("title", title, subtitle=_subtitle(doc), notes=f"Source: {doc.source}")]
    top = [s.heading for s in doc.sections if s.heading and s.level == 1] or [
        s.heading for s in doc.sections if s.heading
    ]
    if len(top) >= 2:
        slides += _agenda(top, layout)
    for s in sections:
        slides += _section_slides(s, layout, rw)
    figures = doc.key_figures(limit=12)
    if figures:
        slides += _key_figures(figures, layout)
    summary = _summary(doc, top, layout)
    if summary is not None:
        slides.append(summary)
    # every section keeps a slide while the deck stays within LONG_DECK; beyond, only top-level ones
    every = {s.heading for s in sections if s.heading and s.blocks}  # a heading with nothing under it has no slide
    tops = {s.heading for s in sections if s.heading and s.blocks and s.level <= 1}
    keep = next((k for k in (every, tops) if len(k) + 4 <= min(max_slides, LONG_DECK)), set())
    budget = max(slide_budget(doc, max_slides), len(keep) + 4)
    return _fit_budget(slides, budget, keep)


def slide_budget(doc: Document, max_slides: int = 80) -> int:
    """Slides a document deserves: 1.5 per source page (pages estimated from words for flowing
    formats), at least MIN_DECK for title, agenda and summary around the content, at most LONG_DECK.
    The planner never goes below one slide per section plus title, agenda, key figures and summary."""
    pages = (
        doc.pages
        if doc.format in ("pdf", "pptx")
        else max(1.0, sum(len(t.split()) for t in _texts(doc)) / WORDS_PER_PAGE)
    )
    return min(max_slides, LONG_DECK, max(MIN_DECK, math.ceil(1.5 * pages)))


def _fold(sections: list[Section], budget: int) -> list[Section]:
    """Summarise rather than split: when the document has more sections than the deck has room for,
    text-only sections below the deepest heading level that still fits are folded into the section
    above them, their heading leading their first paragraph ("Heading: text")."""
    levels = sorted({s.level for s in sections if s.heading})
    fits = [lv for lv in levels if sum(1 for s in sections if s.heading and s.level <= lv) + 4 <= budget]
    cut = fits[-1] if fits else (levels[0] if levels else None)
    if cut is None or cut == levels[-1]:
        return sections
    out: list[Section] = []
    for s in sections:
        visual = any(isinstance(b, (Table, Figure)) for b in s.blocks)  # a table or picture keeps its own heading
        if not (s.heading and s.level > cut and out) or visual:
            out.append(s.model_copy(update={"blocks": list(s.blocks)}))
            continue
        blocks = list(s.blocks)
        first = next((i for i, b in enumerate(blocks) if isinstance(b, Paragraph)), None)
        lead = blocks[first] if first is not None else None
        if (
            first is not None and isinstance(lead, Paragraph) and not is_fragment(lead.text)
        ):  # a heading never leads a fragment
            blocks[first] = lead.model_copy(update={"text": f"{s.heading}: {lead.text}"})
        out[-1].blocks += blocks
    return out


def _texts(doc: Document) -> list[str]:
    return [
        t
        for b in doc.blocks()
        for t in ([b.text] if isinstance(b, Paragraph) else b.items if isinstance(b, ListBlock) else [])
    ]


def _fit_budget(slides: list[SlideSpec], budget: int, keep_sections: set[str]) -> list[SlideSpec]:
    """Summarise instead of splitting: over the budget, a section's pictures share slides (up to GALLERY
    side by side); then continuation slides go, then the text slides that carry the fewest numbers, then
    a section's later tables (their rows move to the notes), until the deck fits. The first slide of each
    section in `keep_sections` stays (unless a chart, picture or first table of it does); charts, pictures
    and a section's first table always do (first tables too summarise when there are more of them than
    room). The last slide's notes say what went."""
    if len(slides) <= budget:
        return slides
    slides = _galleries(slides)
    first_table = {
        next(i for i, sp in enumerate(slides) if sp.section == sec and sp.kind == "table")
        for sec in {sp.section for sp in slides if sp.kind == "table"}
    }
    if sum(sp.kind not in ("bullets", "agenda", "table") for sp in slides) + len(first_table) > budget:
        first_table = set()  # more sections with tables than the deck has room for: their tables summarise too

    def cost(i: int) -> tuple[int, int, int]:
        sp = slides[i]
        cont = sp.title.endswith("(cont.)")
        rank = {
            ("agenda", True): 0,
            ("bullets", True): 1,
            ("table", True): 2,
            ("bullets", False): 3,
            ("table", False): 4,
        }
        numbers = sum(any(ch.isdigit() for ch in p.text) for p in sp.bullets)
        return (9 if i in first_table else rank.get((sp.kind, cont), 9)), numbers, -i

    shown = {sp.section for i, sp in enumerate(slides) if cost(i)[0] == 9}  # already has a slide that stays
    firsts = {
        next(i for i, sp in enumerate(slides) if sp.section == sec)
        for sec in ({sp.section for sp in slides} & keep_sections) - shown
    }
    if sum(cost(i)[0] == 9 for i in range(len(slides))) + len(firsts) > budget:
        firsts = set()  # the charts, pictures and tables alone fill the deck: no text slide is owed a place
    removable = sorted((i for i in range(len(slides)) if cost(i)[0] < 9 and i not in firsts), key=cost)
    drop = set(removable[: max(0, len(slides) - budget)])
    kept: list[SlideSpec] = []
    for i, sp in enumerate(slides):
        if i not in drop:
            kept.append(sp)
        elif sp.rows and kept:  # the rows stay in the deck, in the notes of the slide before
            kept[-1].notes += f"\n\n{sp.title} (table, summarised away):\n" + "\n".join(" | ".join(r) for r in sp.rows)
    gone = [slides[i].title for i in sorted(drop)]
    if gone:
        kept[-1].notes += (
            f"\n\nTo keep the deck to {budget} slides, these were summarised away: " + "; ".join(gone) + "."
        )
    return kept


def _galleries(slides: list[SlideSpec]) -> list[SlideSpec]:
    """Consecutive picture slides of one section become slides of up to GALLERY pictures each (a later
    picture with its own lead text starts a new slide)."""
    out: list[SlideSpec] = []
    for sp in slides:
        prev = out[-1] if out else None
        if (
            sp.kind == "picture"
            and prev is not None
            and prev.kind == "picture"
            and prev.section == sp.section
            and not sp.bullets
            and len(prev.pictures) + len(sp.pictures) <= GALLERY
        ):
            prev.pictures += sp.pictures
            prev.notes += f"\n\n{sp.notes}"
        else:
            out.append(sp)
    return out


def _subtitle(doc: Document) -> str:
    unit = {"pdf": "pages", "pptx": "slides", "xlsx": "sheets"}.get(doc.format)
    parts = [f"From {doc.format.upper()}"]
    if unit:
        parts.append(f"{doc.pages} {unit}")
    return " · ".join(parts)


def _chunks(items: list[Para], layout: SlideLayout, max_items: int = MAX_BULLETS) -> list[list[Para]]:
    """Greedy split so each chunk fits the body at `split_at` points or more."""
    out: list[list[Para]] = []
    cur: list[Para] = []
    b = layout.body
    for it in items:
        trial = cur + [it]
        words = sum(len(p.text.split()) for p in trial)
        if cur and (
            len(trial) > max_items
            or words > MAX_SLIDE_WORDS
            or fit_size(trial, b.w, b.h, layout.body_max, layout.split_at) is None
        ):
            out.append(cur)
            cur = [it]
        else:
            cur = trial
    if cur:
        out.append(cur)
    return out


def _agenda(headings: list[str], layout: SlideLayout) -> list[SlideSpec]:
    items = [Para(h, 1) for h in headings]
    chunks = _chunks(items, layout, max_items=8)
    return [
        SlideSpec(
            "agenda", "Agenda" if i == 0 else "Agenda (cont.)", bullets=c, notes="Sections: " + "; ".join(headings)
        )
        for i, c in enumerate(chunks)
    ]


def _section_slides(s: Section, layout: SlideLayout, rw: Rewriter) -> list[SlideSpec]:
    heading = s.heading or "Introduction"
    out: list[SlideSpec] = []
    text_run: list[Paragraph | ListBlock] = []

    def title() -> str:  # a visual keeps the plain heading; only more text on the same section is "(cont.)"
        return heading if not any(sp.kind == "bullets" for sp in out) else f"{heading} (cont.)"

    def conts() -> int:  # a section gets at most one "(cont.)" slide, text or table
        return sum(sp.title.endswith("(cont.)") for sp in out)

    lead: list[Para] = []
    lead_notes = ""

    def flush_text(before_visual: bool = False) -> None:
        nonlocal lead, lead_notes
        if not text_run:
            return
        paras = [b.text for b in text_run if isinstance(b, Paragraph)]
        plain = rw.bullets(s, bullets_from_text(paras))
        bullets = [Para(t, 1) for t in plain]
        for b in text_run:
            if isinstance(b, ListBlock):
                bullets += [Para(x, 1) for it in b.items for x in condense_item(it)]
        notes_full = "\n\n".join(
            b.text if isinstance(b, Paragraph) else "\n".join(f"• {i}" for i in b.items) for b in text_run
        )
        text_run.clear()
        if (
            before_visual
            and len(bullets) <= 3
            and paras_height(bullets, layout.body.w, LEAD_SIZE) <= LEAD_MAX_SHARE * layout.body.h
        ):
            lead, lead_notes = bullets, notes_full  # short text goes above the table or figure that follows
            return
        chunks = _chunks(bullets, layout)
        room = (0 if any(sp.kind == "bullets" for sp in out) else 1) + max(0, 1 - conts())
        if room == 0:  # the section has had its text slide and its one "(cont.)": this text is in the notes
            out[-1].notes += f"\n\n(Summarised away from the slides:)\n\n{notes_full}"
            return
        if len(chunks) > room:  # summarise: keep the statements that carry numbers, in their order
            ranked = sorted(range(len(bullets)), key=lambda i: (not any(ch.isdigit() for ch in bullets[i].text), i))
            keep: list[int] = []
            for i in ranked:
                if len(_chunks([bullets[j] for j in sorted(keep + [i])], layout)) <= room:
                    keep.append(i)
            chunks = _chunks([bullets[j] for j in sorted(keep)], layout)[:room]
            notes_full = f"(Slides summarise this section; the full text follows.)\n\n{notes_full}"
        for k, c in enumerate(chunks):
            out.append(
                SlideSpec(
                    "bullets",
                    title(),
                    bullets=c,
                    notes=notes_full if k == 0 else f"(continued)\n\n{notes_full}",
                    section=s.heading,
                )
            )

    def take_lead(spec: SlideSpec) -> SlideSpec:
        nonlocal lead, lead_notes
        if lead:
            spec.bullets, spec.notes = lead, f"{lead_notes}\n\n{spec.notes}"
            lead, lead_notes = [], ""
        return spec

    for b in s.blocks:
        if isinstance(b, (Paragraph, ListBlock)):
            text_run.append(b)
            continue
        flush_text(before_visual=True)
        if isinstance(b, Table):
            lead_h = paras_height(lead, layout.body.w, LEAD_SIZE) if lead else 0.0
            parts = _table_slides(b, heading, layout, s.heading, first=True, lead_h=lead_h)
            if parts:
                take_lead(parts[0])
            keep = 1 + max(0, 1 - conts())
            if len(parts) > keep:  # the rest of a long table travels in the notes, row by row
                rest = [r for sp in parts[keep:] for r in (sp.rows or [])[1 if sp.header else 0 :]]
                parts[keep - 1].notes += f"\n\nThe table continues ({len(rest)} more rows):\n" + "\n".join(
                    " | ".join(r) for r in rest
                )
                parts = parts[:keep]
            out += parts
        elif isinstance(b, Figure) and (b.png or b.chart and b.chart.series):
            out.append(take_lead(_figure_slide(b, heading, s.heading)))
        elif isinstance(b, Figure) and b.caption:  # nothing to show: its caption is text
            text_run.append(Paragraph(text=b.caption, page=b.page))
    flush_text()
    return out  # a heading with nothing under it makes no slide of its own (the agenda lists it)


def _table_slides(
    t: Table, title: str, layout: SlideLayout, heading: str | None, first: bool, lead_h: float = 0.0
) -> list[SlideSpec]:
    rows = t.rows
    ncols = len(rows[0])
    groups = [list(range(ncols))]
    if ncols > MAX_TABLE_COLS:  # keep the first (label) column on every part
        rest = list(range(1, ncols))
        step = MAX_TABLE_COLS - 1
        groups = [[0] + rest[i : i + step] for i in range(0, len(rest), step)]
    body = layout.body
    avail = body.h - (layout.caption_h if t.caption else 0)
    out: list[SlideSpec] = []
    for g in groups:
        sub = [[r[c] for c in g] for r in rows]
        head, data = (sub[:1], sub[1:]) if t.header else ([], sub)
        size = layout.table_max
        while True:
            widths = column_widths(sub, body.w, size)
            heights = row_heights(sub, widths, size, t.header)
            if max(heights) <= avail / 3 or size <= layout.table_min:
                break
            size -= 1
        hh = sum(heights[: len(head)])
        pages: list[list[list[str]]] = []
        cur: list[list[str]] = []
        used = hh
        room = avail - (lead_h + 8.0 if lead_h and g is groups[0] else 0.0)  # the first page shares with lead text
        for r, h in zip(data, heights[len(head) :]):
            if cur and used + h > room:
                pages.append(cur)
                cur, used, room = [], hh, avail
            cur.append(r)
            used += h
        if cur or not pages:
            pages.append(cur)
        for k, page_rows in enumerate(pages):
            part = f" ({k + 1}/{len(pages)})" if len(pages) > 1 else ""
            cols = f" · columns {g[1] + 1}-{g[-1] + 1}" if len(groups) > 1 else ""
            name = t.caption or "Table"
            spec_title = title if (first and not out) else f"{title.removesuffix(' (cont.)')} (cont.)"
            notes = f"{name}{cols}: rows {sum(len(p) for p in pages[:k]) + 1}-{sum(len(p) for p in pages[: k + 1])} of {len(data)}."
            if t.page:
                notes += f" Source page {t.page}."
            out.append(
                SlideSpec(
                    "table",
                    spec_title,
                    rows=head + page_rows,
                    header=t.header,
                    caption=(t.caption or "") + part + cols or None,
                    notes=notes,
                    section=heading,
                )
            )
    return out


def _figure_slide(f: Figure, title: str, heading: str | None) -> SlideSpec:
    """A chart slide for a figure with chart data, else a picture slide (the figure has a picture)."""
    where = f" (page {f.page})" if f.page else ""
    caption = f.caption or (f.chart.title if f.chart and f.chart.title else None)
    if f.chart is not None and f.chart.series:
        c = f.chart
        lines = [
            f"{cat}: "
            + ", ".join(f"{s.name} {v:g}" for s in c.series if i < len(s.values) and (v := s.values[i]) is not None)
            for i, cat in enumerate(c.categories)
        ]
        notes = f"{caption or 'Chart'}{where}. Redrawn as an editable chart from {c.source} data.\n" + "\n".join(lines)
        return SlideSpec("chart", title, chart=c, caption=caption, notes=notes, section=heading)
    notes = f"{caption or 'Figure'}{where}." + (f" {f.note}." if f.note else "")
    assert f.png is not None, "a figure without chart data reaches the planner only with its picture"
    return SlideSpec(
        "picture", title, pictures=[Picture(f.png, (f.width, f.height), caption)], notes=notes, section=heading
    )


def _key_figures(figures: list[KeyFigure], layout: SlideLayout) -> list[SlideSpec]:
    items: list[Para] = []
    for k in figures:
        main = statement(k.context)
        short = main if k.value in main else _clause_with(k.value, k.context)
        if not any(k.value in it.text for it in items):
            items.append(Para(short, 1))
    notes = "\n".join(f"{k.value} — {k.context}" + (f" (page {k.page})" if k.page else "") for k in figures)
    return [
        SlideSpec("summary", "Key figures", bullets=_chunks(items, layout)[0], notes=notes)
    ]  # the rest are in the notes


def _clause_with(value: str, sentence: str) -> str:
    """The coordinated clause of `sentence` that states `value` ("monthly churn fell to 2.3%"), when it is a
    statement on its own; otherwise the whole sentence."""
    for piece in re.split(r",\s+(?:and\s+)?|;\s+|\s+and\s+(?=\D)", sentence.rstrip(".")):
        if value in piece and not is_fragment(piece):
            return piece[:1].upper() + piece[1:]
    return sentence


def _summary(doc: Document, top: list[str], layout: SlideLayout) -> SlideSpec | None:
    """The document's best statements (the extractive summary), or None when it has none."""
    items = [Para(statement(c.text), 1) for c in summarize(doc, n=MAX_BULLETS)]
    if not items:
        return None
    notes = "Summary of the sections: " + "; ".join(top) if top else "Summary"
    return SlideSpec("summary", "Summary", bullets=_chunks(items, layout)[0], notes=notes)
