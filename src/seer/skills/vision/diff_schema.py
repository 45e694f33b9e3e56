"""Input and output of diff_screenshots."""

from __future__ import annotations

from pydantic import BaseModel, Field

from ..common import Output


class DiffInput(BaseModel):
    a: str = Field(description="The earlier screenshot: file path, data: URI or base64.")
    b: str = Field(description="The later screenshot, same screen (resized to the first when sizes differ).")
    ocr: bool = Field(True, description="Read the text of the changed regions (before and after).")
    threshold: int = Field(
        40,
        ge=0,
        le=255,
        description="Per-channel difference (0-255) that counts as a change; raise for noisy or lossy images.",
    )
    tile: int = Field(32, ge=4, le=256, description="Grid cell (px) for grouping changed pixels into regions.")
    output: str | None = Field(
        None, description="Write the second screenshot with the changed regions outlined to this PNG path."
    )


class TextChange(BaseModel):
    before: str = Field(description="Line in the first screenshot.")
    after: str = Field(description="The line that replaced it in the second.")


class DiffRegion(BaseModel):
    box: list[int] = Field(description="Changed region [x0,y0,x1,y1] in pixels of the first screenshot.")
    kind: str = Field(description="text (text added, removed or changed) or visual (pixels only: colour, icon, image).")
    added: list[str] = Field(description="Lines present only after.")
    removed: list[str] = Field(description="Lines present only before.")
    changed: list[TextChange] = Field(description="Lines edited in place (fuzzy-matched pairs).")
    text_before: list[str] = Field(description="All lines read in the region before.")
    text_after: list[str] = Field(description="All lines read in the region after.")


class DiffOutput(Output):
    width: int = Field(description="Width of the first screenshot, px.")
    height: int = Field(description="Height of the first screenshot, px.")
    similarity: float = Field(description="0-1; 1 = no change (share of 32-px tiles unchanged).")
    changed: bool = Field(description="True when any region changed.")
    regions: list[DiffRegion] = Field(description="Changed regions, top to bottom.")
    ignored: list[list[int]] = Field(
        description="Changes left out on purpose: a blinking text caret, a mouse pointer that moved."
    )
    resized: bool = Field(description="True when the second screenshot had another size and was resized to the first.")
    output: str | None = Field(None, description="Where the outlined image was written.")
    warnings: list[str] = Field(
        default_factory=list, description="What makes the comparison doubtful, e.g. screenshots of different shapes."
    )

    def summary_text(self) -> str:
        """One line per region."""
        if not self.changed:
            return f"no change (similarity {self.similarity:.3f})"
        parts = [f"similarity {self.similarity:.3f}, {len(self.regions)} changed region(s)"]
        for r in self.regions:
            text = "; ".join(
                [
                    *(f"+{t}" for t in r.added),
                    *(f"-{t}" for t in r.removed),
                    *(f"{c.before} -> {c.after}" for c in r.changed),
                ]
            )
            parts.append(f"{r.box} {r.kind}{': ' + text if text else ''}")
        return "\n".join(parts)
