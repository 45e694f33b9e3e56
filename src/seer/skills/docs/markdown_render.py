"""A `Document` (or parts of one) as Markdown; figures become image links when an assets folder is given."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...config import Settings
from ...security import write_output
from .document import ChartData, Document, Figure, ListBlock, Paragraph, Table


def table_md(rows: list[list[str]], header: bool = True) -> str:
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    esc = [[_cell(c) for c in r] + [""] * (width - len(r)) for r in rows]
    head = esc[0] if header else [f"Col {i + 1}" for i in range(width)]
    body = esc[1:] if header else esc
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in body]
    return "\n".join(lines)


def chart_rows(chart: ChartData) -> list[list[str]]:
    rows = [[""] + [s.name for s in chart.series]]
    for i, c in enumerate(chart.categories):
        rows.append([c] + [_num(s.values[i]) if i < len(s.values) else "" for s in chart.series])
    return rows


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.4g}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip()


def figure_md(fig: Figure, link: str | None) -> str:
    caption = fig.caption or "Figure"
    where = f" (page {fig.page})" if fig.page else ""
    parts = [f"![{caption}]({link})" if link else f"*[Figure: {caption}{where}]*"]
    if link and fig.caption:
        parts.append(f"*{caption}*{where}")
    if fig.chart is not None:
        parts.append(table_md(chart_rows(fig.chart)))
        parts.append(f"*Chart data ({fig.chart.kind}, from {fig.chart.source}).*")
    elif fig.note:
        parts.append(f"<!-- {fig.note} -->")
    return "\n\n".join(parts)


@dataclass(frozen=True)
class Assets:
    """Where figure pictures go: written into `folder` through the one checked writer under the call's
    `settings`, and linked relative to `link_base` when they lie below it."""

    folder: Path
    settings: Settings
    link_base: Path | None = None


def to_markdown(doc: Document, assets: Assets | None = None, heading_offset: int = 0) -> str:
    """The document as Markdown; with `assets`, figure pictures are written and linked."""
    out: list[str] = []
    shift = heading_offset
    if doc.title and heading_offset == 0:
        out.append(f"# {doc.title}")
        shift = 1
    n_fig = 0
    for k, s in enumerate(doc.sections):
        if s.heading and not (k == 0 and s.heading == doc.title):
            out.append("#" * min(6, max(1, s.level) + shift) + " " + s.heading)
        for b in s.blocks:
            if isinstance(b, Paragraph):
                out.append(b.text)
            elif isinstance(b, ListBlock):
                out.append("\n".join((f"{i + 1}. " if b.ordered else "- ") + it for i, it in enumerate(b.items)))
            elif isinstance(b, Table):
                md = table_md(b.rows, b.header)
                out.append(f"*{b.caption}*\n\n{md}" if b.caption else md)
            elif isinstance(b, Figure):
                n_fig += 1
                link = None
                if assets is not None and b.png:
                    target = assets.folder / f"{Path(doc.source).stem}-fig{n_fig}.png"
                    write_output(target, b.png, assets.settings, what="report picture", suffixes=(".png",))
                    base = assets.link_base
                    link = str(target.relative_to(base)) if base and target.is_relative_to(base) else str(target)
                out.append(figure_md(b, link))
    return "\n\n".join(out).strip() + "\n"
