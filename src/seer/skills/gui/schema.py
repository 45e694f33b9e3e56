"""Inputs and outputs of the GUI skills: list_elements, ground, annotate."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ..common import Output, OutputFormat, Untrusted, box_text, output_format, untrusted

ElementType = Literal[
    "button", "link", "input", "checkbox", "radio", "toggle", "dropdown", "tab", "menu_item", "icon", "image", "text"
]


class ElementRef(BaseModel):
    """What names an element on screen and where to click it (a listed element, a grounding candidate)."""

    id: int = Field(description="Stable number of the element in reading order (top-to-bottom, left-to-right), from 1.")
    type: ElementType = Field(description="What kind of UI element this is.")
    text: str = Field(description="Visible text or label ('' when none; for a checkbox/radio, the label beside it).")
    box: list[int] = Field(
        description="Visible box [x0, y0, x1, y1] in original-image pixels (a checkbox is its square)."
    )
    point: list[int] = Field(description="Where a person would click, [x, y] in original-image pixels.")


class Element(ElementRef):
    interactable: bool = Field(description="True for controls one can click or type into; False for plain text.")
    confidence: float = Field(description="0-1 confidence that the element and its type are right.")
    name: str | None = Field(
        None, description="Icon name when the element is or holds a known icon (settings, close, search, ...)."
    )
    state: str | None = Field(
        None, description="Visible state: checked/unchecked, on/off, selected, disabled; None when unknown."
    )


class ListElementsInput(BaseModel):
    image: str = Field(description="Screenshot: file path, data: URI or base64.")
    interactable_only: bool = Field(False, description="Return only interactable elements (no plain text).")
    types: list[str] | None = Field(
        None,
        description="Only these element types (default: all): button, link, input, checkbox, radio, toggle, dropdown, tab, menu_item, icon, image, text.",
    )
    format: OutputFormat = output_format()


class ElementList(Output):
    width: int = Field(description="Image width in pixels.")
    height: int = Field(description="Image height in pixels.")
    elements: list[Element] = Field(description="Elements in reading order.")
    text: str = Field(
        "", description="With format text or markdown: one row per element (id, type, label, box, click point, state)."
    )
    untrusted: Untrusted = untrusted()

    def shaped(self, fmt: OutputFormat) -> ElementList:
        """json as is; text: one "#id type "label" [box] @x,y state" row per element; markdown: a table."""
        if fmt == "json":
            return self

        def label(e: Element) -> str:
            return (e.text or (f"({e.name})" if e.name else "")).replace("\n", " ")

        if fmt == "markdown":
            rows = ["| id | type | label | box | click | state |", "|---|---|---|---|---|---|"]
            rows += [
                f"| {e.id} | {e.type} | {label(e).replace('|', '/')} | {box_text(e.box)} | {e.point[0]},{e.point[1]} | "
                f"{e.state or ''} |"
                for e in self.elements
            ]
        else:
            rows = [
                f"#{e.id} {e.type} {label(e)!r} {box_text(e.box)}"
                + (f" @{e.point[0]},{e.point[1]}" if e.interactable else "")
                + (f" {e.state}" if e.state else "")
                for e in self.elements
            ]
        return self.model_copy(update={"elements": [], "text": "\n".join(rows)})

    def summary_text(self) -> str:
        if not self.elements and self.text:
            return (
                f"elements on a {self.width}×{self.height} screenshot (untrusted labels read from pixels):\n{self.text}"
            )
        n = sum(e.interactable for e in self.elements)
        return f"{len(self.elements)} elements ({n} interactable) on a {self.width}×{self.height} screenshot"

    def __rich__(self):
        from rich.markup import escape
        from rich.table import Table

        if not self.elements and self.text:  # format text or markdown
            return self.text
        t = Table(title=self.summary_text(), title_justify="left")
        for col in ("id", "type", "text", "box", "point", "state"):
            t.add_column(col)
        for e in self.elements:
            text = e.text or (f"({e.name})" if e.name else "")
            t.add_row(
                str(e.id),
                e.type,
                escape(text[:50]),
                " ".join(map(str, e.box)),
                " ".join(map(str, e.point)),
                e.state or "",
            )
        return t


class GroundInput(BaseModel):
    image: str = Field(description="Screenshot: file path, data: URI or base64.")
    instruction: str = Field(
        min_length=1,
        description="What to find, in plain words: 'the Save button', 'the second Delete link', 'the input right of Name', 'the settings gear'.",
    )
    min_confidence: float = Field(
        0.5, ge=0, le=1, description="Below this, answer found=false and list candidates instead."
    )
    use_model: bool | None = Field(
        None,
        description="Ask the configured vision model (set-of-marks). None: only when one is configured and the local answer is not certain; false: local only.",
    )


class Candidate(ElementRef):
    score: float = Field(description="0-1 match score against the instruction.")


class GroundResult(Output):
    found: bool = Field(description="True when one element matches well enough to act on.")
    box: list[int] | None = Field(description="Box of the chosen element, None when not found.")
    point: list[int] | None = Field(description="Click point [x, y] of the chosen element, None when not found.")
    confidence: float = Field(description="0-1 confidence of the choice.")
    element: Candidate | None = Field(None, description="The chosen element.")
    candidates: list[Candidate] = Field(
        description="Best alternatives, best first (up to 5), to choose from when not found."
    )
    path: Literal["local", "model"] = Field(
        "local", description="Which path answered: local perception or the configured model (set-of-marks)."
    )
    reason: str = Field("", description="Why this element was chosen, or why nothing was.")
    untrusted: Untrusted = untrusted()

    def summary_text(self) -> str:
        if self.found:
            return f"found at point {self.point} (box {self.box}, confidence {self.confidence:.2f}): {self.reason}"
        return f"not found ({self.reason}); {len(self.candidates)} candidates listed"

    def __rich__(self):
        from rich.text import Text

        if self.found and self.point:
            return Text.assemble(
                ("found ", "green"),
                f"click {self.point[0]},{self.point[1]}  box {self.box}  "
                f"confidence {self.confidence:.2f}  ({self.path}: {self.reason})",
            )
        lines = [Text.assemble(("not found: ", "yellow"), self.reason)]
        lines += [
            Text(f"  candidate {c.id} {c.type} {c.text!r} at {c.point} score {c.score:.2f}") for c in self.candidates
        ]
        return Text("\n").join(lines)


class AnnotateInput(BaseModel):
    image: str = Field(description="Screenshot: file path, data: URI or base64.")
    boxes: list[int] | None = Field(
        None, description="Boxes to mark instead of detected elements, flat: x0,y0,x1,y1,x0,y0,... (a multiple of 4)."
    )
    interactable_only: bool = Field(True, description="Mark only interactable elements (when boxes are not given).")
    output: str | None = Field(None, description="Write the annotated PNG to this path.")


class Mark(BaseModel):
    number: int = Field(description="The number drawn on the image (the element id when marking detected elements).")
    box: list[int] = Field(description="Marked box [x0, y0, x1, y1].")
    point: list[int] = Field(description="Click point [x, y].")
    type: str | None = Field(None, description="Element type, when marking detected elements.")
    text: str = Field("", description="Element text, when known.")


class Annotation(Output):
    width: int = Field(description="Image width in pixels.")
    height: int = Field(description="Image height in pixels.")
    marks: list[Mark] = Field(description="The legend: each number drawn and what it marks.")
    output: str | None = Field(None, description="Path the PNG was written to, if any.")

    def summary_text(self) -> str:
        legend = "; ".join(
            f"{m.number}: {m.type or 'box'} {m.text!r}" if m.text else f"{m.number}: {m.type or 'box'}"
            for m in self.marks[:60]
        )
        return f"{len(self.marks)} marks. {legend}"
