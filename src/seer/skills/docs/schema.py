"""Inputs and outputs of read_document, document_to_slides and report."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from ..common import Output
from .document import Document, KeyFigure

__all__ = ["Document", "ReadDocumentInput", "SlidesInput", "SlidesOutput", "ReportInput", "ReportOutput", "TraceStep"]


class ReadDocumentInput(BaseModel):
    path: str = Field(description="The document file: PDF, DOCX, PPTX, XLSX, HTML, Markdown/text, or an image.")
    pages: str | None = Field(None, description="Page (or slide/sheet) range to read, e.g. '3' or '1-20'; default all.")
    max_pages: int = Field(
        300, gt=0, description="Refuse documents with more pages than this (LimitError), unless `pages` narrows it."
    )
    ocr: bool = Field(
        True, description="OCR scanned pages and images (slower); off leaves their text out with a warning."
    )
    charts: bool = Field(True, description="Read the data of figures that are charts (parse_chart), when available.")
    markdown: bool = Field(False, description="Also return the whole document as Markdown in `markdown`.")


class SlidesInput(BaseModel):
    path: str = Field(description="The document to turn into slides (any format read_document accepts).")
    output: str | None = Field(
        None, description="Where to write the .pptx; default: the document's name with .pptx in the current folder."
    )
    markdown: str | None = Field(None, description="Also write a Marp Markdown twin of the deck to this .md path.")
    template: str | None = Field(
        None, description="A .pptx whose theme, slide size and title layout the deck should use."
    )
    preview: bool = Field(False, description="Render PNG thumbnails of every slide (needs LibreOffice installed).")
    max_slides: int = Field(
        80, gt=2, description="Upper bound on slides; the planner stops (and says so in the notes) beyond it."
    )
    max_pages: int = Field(300, gt=0, description="Page limit for reading the document.")


class SlidesOutput(Output):
    slides: int = Field(description="Number of slides written.")
    pptx: str = Field(description="Path of the written .pptx.")
    markdown: str | None = Field(None, description="Path of the Marp Markdown twin, when asked for.")
    titles: list[str] = Field(description="Every slide title, in order.")
    tables: int = Field(0, description="Native PowerPoint tables in the deck.")
    charts: int = Field(0, description="Native (editable) charts in the deck, redrawn from data.")
    pictures: int = Field(0, description="Figures placed as pictures (not readable as charts).")
    overflow: int = Field(
        0, description="Text boxes or tables found overflowing when the written deck was re-measured (expected 0)."
    )
    previews: list[str] = Field(
        default_factory=list,
        description="PNG thumbnails of the slides, when `preview` was asked and LibreOffice is installed.",
    )
    preview_note: str | None = Field(
        None, description="Why no previews were made, when `preview` was asked but none could be."
    )
    planner: str = Field("local", description="Who wrote titles and bullets: 'local' (rules) or the model's name.")
    warnings: list[str] = Field(default_factory=list, description="What was left out or approximated, and why.")

    def summary_text(self) -> str:
        s = (
            f"{self.slides} slides → {self.pptx} ({self.tables} tables, {self.charts} native charts, "
            f"{self.pictures} pictures, overflow {self.overflow})"
        )
        if self.markdown:
            s += f"; Marp: {self.markdown}"
        if self.previews:
            s += f"; {len(self.previews)} previews in {Path(self.previews[0]).parent}"
        elif self.preview_note:
            s += f"; no previews: {self.preview_note}"
        return s

    def __rich__(self):
        from rich.text import Text

        t = Text(self.summary_text() + "\n")
        for i, title in enumerate(self.titles, 1):
            t.append(f"{i:3d}. {title}\n")
        for w in self.warnings:
            t.append(f"warning: {w}\n", style="yellow")
        return t

    def image(self) -> bytes | None:
        """The first slide's preview."""
        return Path(self.previews[0]).read_bytes() if self.previews else None


class ReportInput(BaseModel):
    paths: list[str] = Field(description="Documents and images to report on, in the order to present them.")
    output: str = Field(
        "report.md", description="Where to write the Markdown report; pictures go into a folder next to it."
    )
    title: str | None = Field(None, description="Report title; default: derived from the first document.")
    trace: bool = Field(
        False,
        description="Return (and write next to the report as .trace.json) each step of the plan-read-update-write loop.",
    )
    max_pages: int = Field(300, gt=0, description="Page limit for each document.")


class TraceStep(BaseModel):
    step: str = Field(description="plan, read, update or write.")
    source: str | None = Field(None, description="The document this step worked on.")
    detail: str = Field(description="What the step did, in a line.")
    findings: int = Field(0, description="Findings (key figures) in the running state after this step.")


class ReportOutput(Output):
    path: str = Field(description="Path of the written Markdown report.")
    title: str = Field(description="The report's title.")
    sections: int = Field(description="Sections in the report (## headings).")
    sources: list[str] = Field(description="The documents read, in order.")
    key_figures: list[KeyFigure] = Field(
        default_factory=list, description="The numbers the report lists as key figures, with source pages."
    )
    tables: int = Field(0, description="Tables in the report.")
    figures: int = Field(
        0, description="Figures in the report (pictures written next to it, charts also as data tables)."
    )
    trace: list[TraceStep] | None = Field(None, description="The loop's steps, when `trace` was asked.")
    warnings: list[str] = Field(default_factory=list, description="What could not be read, and why.")

    def summary_text(self) -> str:
        return (
            f"report '{self.title}' → {self.path}: {self.sections} sections, {len(self.key_figures)} key figures, "
            f"{self.tables} tables, {self.figures} figures from {len(self.sources)} source(s)"
        )

    def __rich__(self):
        from rich.text import Text

        t = Text(self.summary_text() + "\n")
        for step in self.trace or []:
            t.append(
                f"  {step.step:<6} {step.source or '':<24} {step.detail} [findings: {step.findings}]\n", style="dim"
            )
        for w in self.warnings:
            t.append(f"warning: {w}\n", style="yellow")
        return t
