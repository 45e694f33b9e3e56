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
                f.text += cats + [f"{v:,.0f}" if float(v).is_integer() else f"{v:g}" for row in vals for v in row if v is not None]
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
