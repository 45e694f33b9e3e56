"""How the three document skills look in a terminal (rich) and in one line (MCP text content)."""

from __future__ import annotations

from pathlib import Path

from .document import Document
from .markdown_render import to_markdown
from .schema import ReportOutput, SlidesOutput


def render_document(doc: Document):
    from rich.markdown import Markdown

    return Markdown(doc.markdown or to_markdown(doc))


def summarize_document(doc: Document) -> str:
    return (f"{doc.format.upper()} '{doc.title or Path(doc.source).name}': {doc.pages} page(s), {len(doc.sections)} sections, "
            f"{len(doc.tables())} tables, {len(doc.figures())} figures" + (f"; OCR on pages {doc.ocr_pages}" if doc.ocr_pages else ""))


def summarize_slides(o: SlidesOutput) -> str:
    s = f"{o.slides} slides → {o.pptx} ({o.tables} tables, {o.charts} native charts, {o.pictures} pictures, overflow {o.overflow})"
    if o.markdown:
        s += f"; Marp: {o.markdown}"
    if o.previews:
        s += f"; {len(o.previews)} previews in {Path(o.previews[0]).parent}"
    elif o.preview_note:
        s += f"; no previews: {o.preview_note}"
    return s


def render_slides(o: SlidesOutput):
    from rich.text import Text

    t = Text(summarize_slides(o) + "\n")
    for i, title in enumerate(o.titles, 1):
        t.append(f"{i:3d}. {title}\n")
    for w in o.warnings:
        t.append(f"warning: {w}\n", style="yellow")
    return t


def summarize_report(o: ReportOutput) -> str:
    return (f"report '{o.title}' → {o.path}: {o.sections} sections, {len(o.key_figures)} key figures, "
            f"{o.tables} tables, {o.figures} figures from {len(o.sources)} source(s)")


def render_report(o: ReportOutput):
    from rich.text import Text

    t = Text(summarize_report(o) + "\n")
    for step in o.trace or []:
        t.append(f"  {step.step:<6} {step.source or '':<24} {step.detail} [findings: {step.findings}]\n", style="dim")
    for w in o.warnings:
        t.append(f"warning: {w}\n", style="yellow")
    return t


def first_preview(o: SlidesOutput) -> bytes | None:
    return Path(o.previews[0]).read_bytes() if o.previews else None
