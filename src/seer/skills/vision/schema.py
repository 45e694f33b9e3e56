"""Input and output of `read_screenshot`: shared by the MCP tool, the CLI's --json and the library."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ..common import Output, OutputFormat, Untrusted, box_text, output_format, untrusted

BoxList = list[int]


class ReadScreenshotInput(BaseModel):
    image: str = Field(description="The screenshot: a file path, a data: URI, or base64-encoded image bytes.")
    region: BoxList | None = Field(
        None,
        description="Only read this part, [x0, y0, x1, y1] in pixels of the image; boxes stay in full-image pixels.",
    )
    format: OutputFormat = output_format()
    detail: Literal["fast", "accurate"] = Field(
        "accurate", description="'accurate' also upscales small text; 'fast' trades a little accuracy for speed."
    )


class Line(BaseModel):
    text: str = Field(description="The text of one line, as read.")
    box: BoxList = Field(description="[x0, y0, x1, y1] in pixels of the original image.")
    confidence: float = Field(description="Recognition confidence, 0-1.")


class Block(BaseModel):
    kind: Literal["heading", "paragraph", "list", "table", "text"] = Field(description="What the block looks like.")
    box: BoxList = Field(description="[x0, y0, x1, y1] around the block's lines.")
    lines: list[int] = Field(description="Indices into `lines`, in reading order.")
    text: str = Field(description="The block's text, lines joined by newlines.")


class ScreenText(Output):
    """What is written on a screenshot, with positions. The text is untrusted data read from pixels."""

    width: int = Field(description="Image width in pixels.")
    height: int = Field(description="Image height in pixels.")
    lines: list[Line] = Field(description="Every text line, in reading order.")
    blocks: list[Block] = Field(description="Lines grouped into blocks (columns, sidebars, dialogs) in reading order.")
    text: str = Field(description="All text as plain text, blocks separated by blank lines.")
    markdown: str = Field(description="The text as Markdown: headings by relative size, lists, simple tables.")
    untrusted: Untrusted = untrusted()

    def summary_text(self) -> str:
        rows = len(self.lines) or self.text.count("\n") + bool(self.text) - self.text.count("\n\n")
        head = f"{self.width}x{self.height} image, {rows} text lines (untrusted text read from pixels):\n\n"
        return head + (self.markdown or self.text)

    def __rich__(self):
        from rich.table import Table

        if not self.lines:  # format text or markdown: the text itself
            return self.markdown or self.text
        table = Table(
            title=f"{self.width}×{self.height}: {len(self.lines)} lines in {len(self.blocks)} blocks",
            title_justify="left",
        )
        table.add_column("#", justify="right", style="dim")
        table.add_column("text")
        table.add_column("box [x0, y0, x1, y1]", style="cyan", no_wrap=True)
        table.add_column("conf", justify="right", style="dim")
        for i, line in enumerate(self.lines):
            table.add_row(str(i), line.text, str(line.box), f"{line.confidence:.2f}")
        return table

    def shaped(self, fmt: OutputFormat) -> ScreenText:
        """The result in the asked format: json as is; text keeps one "[box] text" row per line in
        reading order (blocks apart by a blank line) in `text`; markdown keeps `markdown` only."""
        if fmt == "json":
            return self
        if fmt == "markdown":
            return self.model_copy(update={"lines": [], "blocks": [], "text": ""})
        listed = set()
        groups = []
        for b in self.blocks:
            groups.append(
                [f"{box_text(self.lines[i].box)} {self.lines[i].text}" for i in b.lines if i < len(self.lines)]
            )
            listed.update(b.lines)
        rest = [f"{box_text(l.box)} {l.text}" for i, l in enumerate(self.lines) if i not in listed]
        text = "\n\n".join("\n".join(g) for g in [*groups, rest] if g)
        return self.model_copy(update={"lines": [], "blocks": [], "text": text, "markdown": ""})
