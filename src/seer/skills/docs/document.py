"""The one structure every reader produces: a `Document` of sections holding ordered blocks.

Sections are a flat list, each with a heading level (0 = the preamble before any heading), so a
reader never has to build a tree. Figure pixels travel in a private attribute: they never appear in
the JSON a tool returns, but the slide writer and the report can still place them.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field, PrivateAttr

from ...config import Settings
from ..common import Output, Untrusted, untrusted
from .pictures import PictureLimits, Pictures

Role = Annotated[
    Literal["content", "navigation"],
    Field(
        description="'navigation': a web page's chrome (menus, contents, language lists, footers), kept, left out of reports and slides."
    ),
]


class Paragraph(BaseModel):
    kind: Literal["paragraph"] = "paragraph"
    text: str = Field(description="The paragraph's text, whitespace-normalised.")
    page: int | None = Field(None, description="1-based page (or slide/sheet) the text is on, when known.")
    role: Role = "content"


class ListBlock(BaseModel):
    kind: Literal["list"] = "list"
    items: list[str] = Field(description="The list items, in order.")
    ordered: bool = Field(False, description="True for a numbered list.")
    page: int | None = Field(None, description="1-based page of the first item, when known.")
    role: Role = "content"


class Table(BaseModel):
    kind: Literal["table"] = "table"
    rows: list[list[str]] = Field(
        description="Cell text, row by row; the first row is the header when `header` is true."
    )
    header: bool = Field(True, description="Whether the first row holds column headers.")
    caption: str | None = Field(None, description="The table's caption or title, when one was found.")
    page: int | None = Field(None, description="1-based page the table starts on, when known.")
    role: Role = "content"


class Series(BaseModel):
    name: str = Field(description="Series name (legend entry).")
    values: list[float | None] = Field(description="One value per category; null where the chart has no point.")


class ChartData(BaseModel):
    """Data behind a chart, enough to redraw it as a native, editable chart."""

    kind: Literal["bar", "column", "line", "pie", "scatter", "area"] = Field("column", description="Chart type.")
    title: str | None = Field(None, description="Chart title, when known.")
    categories: list[str] = Field(description="Category (x-axis) labels, in order.")
    series: list[Series] = Field(description="The data series.")
    source: str = Field(
        "document", description="Where the numbers came from: 'document' (native chart) or 'parse_chart'."
    )


class Figure(BaseModel):
    kind: Literal["figure"] = "figure"
    caption: str | None = Field(None, description="The figure's caption, when one was found.")
    page: int | None = Field(None, description="1-based page the figure is on, when known.")
    width: int = Field(0, description="Image width in pixels (0 when no pixels were extracted).")
    height: int = Field(0, description="Image height in pixels.")
    chart: ChartData | None = Field(None, description="The chart's data when the figure is a chart that could be read.")
    note: str | None = Field(None, description="Why the figure is kept only as an image, when it is.")
    role: Role = "content"
    _png: bytes | None = PrivateAttr(None)

    @property
    def png(self) -> bytes | None:
        return self._png

    def with_png(self, png: bytes | None) -> Figure:
        self._png = png
        return self


Block = Annotated[Paragraph | ListBlock | Table | Figure, Field(discriminator="kind")]


class Section(BaseModel):
    heading: str | None = Field(None, description="Heading text; null for the preamble before the first heading.")
    level: int = Field(1, ge=0, le=9, description="Heading level: 1 = top level; 0 = preamble.")
    page: int | None = Field(None, description="1-based page the heading is on, when known.")
    blocks: list[Block] = Field(
        default_factory=list, description="Paragraphs, lists, tables and figures in reading order."
    )
    role: Role = "content"  # 'navigation': the heading is chrome ('Contents'); its content blocks still count

    def text(self) -> str:
        parts: list[str] = []
        for b in self.blocks:
            if isinstance(b, Paragraph):
                parts.append(b.text)
            elif isinstance(b, ListBlock):
                parts.extend(b.items)
        return "\n".join(parts)


class KeyFigure(BaseModel):
    value: str = Field(description="The number as written, with its unit or currency (e.g. '$48.2 million', '12.4%').")
    context: str = Field(description="The sentence the number appears in.")
    page: int | None = Field(None, description="1-based page it was found on.")
    section: str | None = Field(None, description="Heading of the section it was found in.")


class Document(Output):
    """A document read into one structure, whatever its format."""

    title: str | None = Field(None, description="Document title (metadata, title style, or first top heading).")
    source: str = Field(description="The file the document was read from.")
    format: str = Field(description="Input format: pdf, docx, pptx, xlsx, html, markdown or image.")
    pages: int = Field(0, description="Pages (PDF), slides (PPTX), sheets (XLSX) or 1 for flowing formats.")
    sections: list[Section] = Field(default_factory=list, description="Sections in reading order.")
    ocr_pages: list[int] = Field(default_factory=list, description="Pages whose text came from OCR (scanned pages).")
    warnings: list[str] = Field(default_factory=list, description="What could not be read fully, and why.")
    markdown: str | None = Field(None, description="The whole document as Markdown, when asked for.")
    untrusted: Untrusted = untrusted()

    def blocks(self) -> list[Block]:
        return [b for s in self.sections for b in s.blocks]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks() if isinstance(b, Table)]

    def figures(self) -> list[Figure]:
        return [b for b in self.blocks() if isinstance(b, Figure)]

    def headings(self) -> list[str]:
        return [s.heading for s in self.sections if s.heading and s.role == "content"]

    def summary_text(self) -> str:
        return (
            f"{self.format.upper()} '{self.title or Path(self.source).name}': {self.pages} page(s), "
            f"{len(self.sections)} sections, {len(self.tables())} tables, {len(self.figures())} figures"
            + (f"; OCR on pages {self.ocr_pages}" if self.ocr_pages else "")
        )

    def __rich__(self):
        from rich.markdown import Markdown

        from .markdown_render import to_markdown

        return Markdown(self.markdown or to_markdown(self))

    def main_content(self) -> Document:
        """A copy without the page chrome (blocks and headings with role 'navigation'), for reports, slides and
        key figures; says in its warnings how much was left out. Content blocks under a chrome heading join
        the section before it."""
        kept: list[Section] = []
        left = 0
        for s in self.sections:
            blocks = [b for b in s.blocks if b.role == "content"]
            left += len(s.blocks) - len(blocks)
            if s.role == "content":
                kept.append(s.model_copy(update={"blocks": blocks}))
                continue
            left += 1
            if blocks and kept:
                kept[-1].blocks += blocks
            elif blocks:
                kept.append(Section(heading=None, level=0, page=s.page, blocks=blocks))
        if not left:
            return self
        note = f"{left} block(s) of page chrome (menus, navigation, footers: role 'navigation') were left out"
        return self.model_copy(update={"sections": kept, "warnings": [*self.warnings, note]})

    def key_figures(self, limit: int = 40) -> list[KeyFigure]:
        """Quantities with a meaning (money, percentages, counts, scaled amounts, dates), with their
        sentence or table cell; identifiers, references and bare years are left out."""
        from .key_figures import key_figures

        return key_figures(self, limit)


def split_sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", text.strip())
    return [p.strip() for p in parts if p.strip()]


class DocumentBuilder:
    """Collects blocks into sections in reading order; readers call it as they walk a file."""

    def __init__(
        self,
        source: str,
        fmt: str,
        *,
        budget_s: float | None = None,
        pictures: PictureLimits | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.doc = Document(source=source, format=fmt)
        self.settings = settings  # the call's settings: which folders a page's pictures may come from
        self._current: Section | None = None
        self.pictures = Pictures(self.doc.warnings, pictures or PictureLimits())
        self._deadline = time.monotonic() + budget_s if budget_s else None
        self._budget_s = budget_s
        self.stopped = False
        self.role: Role = "content"  # what the reader is walking: a web page's chrome is typed 'navigation'

    def out_of_time(self, where: str) -> bool:
        """True once the per-document time budget is spent (warns once, naming where reading stopped)."""
        if self.stopped:
            return True
        if self._deadline is None or time.monotonic() < self._deadline:
            return False
        self.stopped = True
        self.doc.warnings.append(
            f"reading stopped at {where}: the {self._budget_s:g} s per-document time budget was spent; "
            "what was read before it is returned (raise time_budget_s or read fewer pages)"
        )
        return True

    def heading(self, text: str, level: int = 1, page: int | None = None) -> None:
        text = clean(text)
        if not text:
            return
        self._current = Section(heading=text, level=max(1, min(level, 9)), page=page, role=self.role)
        self.doc.sections.append(self._current)

    def _section(self, page: int | None) -> Section:
        if self._current is None:
            self._current = Section(heading=None, level=0, page=page)
            self.doc.sections.append(self._current)
        return self._current

    def paragraph(self, text: str, page: int | None = None) -> None:
        text = clean(text)
        if text:
            self._section(page).blocks.append(Paragraph(text=text, page=page, role=self.role))

    def list_item(self, text: str, page: int | None = None, ordered: bool = False) -> None:
        text = clean(text)
        if not text:
            return
        sec = self._section(page)
        last = sec.blocks[-1] if sec.blocks else None
        if isinstance(last, ListBlock) and last.ordered == ordered and last.role == self.role:
            last.items.append(text)
        else:
            sec.blocks.append(ListBlock(items=[text], ordered=ordered, page=page, role=self.role))

    def table(
        self, rows: list[list[str]], page: int | None = None, caption: str | None = None, header: bool = True
    ) -> None:
        rows = [[clean(c) for c in r] for r in rows]
        rows = [r for r in rows if any(r)]
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        self._section(page).blocks.append(Table(rows=rows, page=page, caption=caption, header=header, role=self.role))

    def figure(
        self,
        png: bytes | None,
        width: int,
        height: int,
        page: int | None = None,
        caption: str | None = None,
        chart: ChartData | None = None,
    ) -> Figure:
        fig = Figure(
            caption=clean(caption or "") or None, page=page, width=width, height=height, chart=chart, role=self.role
        ).with_png(png)
        self._section(page).blocks.append(fig)
        return fig

    def last_block(self) -> Block | None:
        return self._current.blocks[-1] if self._current and self._current.blocks else None

    def finish(self, title: str | None = None, pages: int = 1) -> Document:
        d = self.doc
        self.pictures.finish()
        d.pages = pages
        d.title = clean(title or "") or d.title
        lead = next((i for i, s in enumerate(d.sections) if s.heading or any(b.role == "content" for b in s.blocks)), 0)
        first = d.sections[lead] if d.sections else None  # a page's menu before its first heading does not count
        if (
            first
            and first.heading
            and first.role == "content"
            and not first.blocks
            and len(d.sections) > lead + 1
            and (not d.title or d.title == first.heading)
        ):
            d.title = first.heading  # a heading with nothing under it before the first section is the title
            d.sections.pop(lead)
        levels = [s.level for s in d.sections if s.heading]
        if levels and min(levels) > 1:
            shift = min(levels) - 1  # an h2-only outline under an h1 title: make its top level 1
            for s in d.sections:
                if s.heading:
                    s.level -= shift
        if not d.title:
            top = [s for s in d.sections if s.heading and s.level == 1 and s.role == "content"]
            d.title = top[0].heading if top else None
        return d


_JUNK_TITLE = re.compile(
    r"^\(?(?:anonymous|untitled(?: document)?|document\s*\d*|title|none|null|unknown|presentation\s*\d*|"
    r"powerpoint presentation|book\s*\d*|workbook\s*\d*|slide\s*\d+|microsoft (?:word|powerpoint|excel) - .*)\)?$",
    re.I,
)
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|pptx?|xlsx?|rtf|odt|tex|dvi|indd|qxd|html?|txt)$", re.I)


def metadata_title(text: object) -> str | None:
    """A title from file metadata, unless it is a placeholder ('(anonymous)', 'Untitled', 'Microsoft Word -
    x.docx', a file name) that tools write when nobody set one."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "ignore")
    t = clean(text if isinstance(text, str) else "")
    if not t or not any(ch.isalpha() for ch in t) or _JUNK_TITLE.match(t) or _FILE_NAME.search(t):
        return None
    return t


def clean(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()
