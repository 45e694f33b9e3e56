"""Inputs and outputs of `ask_image` and `describe_image`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ..common import Output

Backend = Literal["model", "local"]


class AskImageInput(BaseModel):
    image: str = Field(description="The image to ask about: a file path, a data: URI or base64.")
    question: str = Field(min_length=1, max_length=8000, description="The question, in plain words.")
    images: list[str] = Field(
        default_factory=list,
        max_length=8,
        description="More images to ask about together with the first (compare, before/after).",
    )
    region: list[int] | None = Field(
        None,
        min_length=4,
        max_length=4,
        description="Only look at this part of the first image, [x0, y0, x1, y1] in its pixels; small regions are zoomed in.",
    )
    ocr: bool = Field(True, description="Attach the OCR reading of the first image as grounding context for the model.")
    max_tokens: int | None = Field(
        None, ge=1, le=32000, description="Longest answer, in tokens (default: model_max_tokens)."
    )
    thinking: bool | None = Field(None, description="Ask the model to think first, where it supports it (slower).")


class Location(BaseModel):
    label: str | None = Field(None, description="What the model or the OCR said is there.")
    box: list[int] | None = Field(None, description="[x0, y0, x1, y1] in pixels of the first image; None for a point.")
    point: list[int] = Field(description="[x, y] in pixels of the first image (the box centre for boxes).")


class TextLineOut(BaseModel):
    text: str = Field(description="The text of one OCR line.")
    box: list[int] = Field(description="[x0, y0, x1, y1] in pixels of the first image.")
    confidence: float = Field(description="OCR confidence, 0-1.")


class UsageOut(BaseModel):
    input_tokens: int | None = Field(None, description="Input tokens as reported by the model server.")
    output_tokens: int | None = Field(None, description="Output tokens as reported by the model server.")
    image_tokens_est: int = Field(description="Our estimate of the image tokens sent, by the model's own rule.")


class AskImageOutput(Output):
    answer: str = Field(description="The answer.")
    backend: Backend = Field(description="'model' when a vision model answered, 'local' when OCR did.")
    model: str | None = Field(None, description="The model that answered (None for local).")
    locations: list[Location] = Field(
        default_factory=list, description="Boxes/points named in the answer, in pixels of the first image."
    )
    text_lines: list[TextLineOut] = Field(default_factory=list, description="OCR lines the local answer is based on.")
    usage: UsageOut | None = Field(None, description="Token usage (model backend only).")
    latency_ms: float | None = Field(None, description="Model round trip in milliseconds (model backend only).")
    warnings: list[str] = Field(
        default_factory=list,
        description="What to know about the answer: cut off at the token limit, positions refused (off the image, not numbers).",
    )

    def summary_text(self) -> str:
        locs = "; ".join(str(loc.box or loc.point) for loc in self.locations[:10])
        notes = "".join(f"\n[warning: {w}]" for w in self.warnings[:5])
        return self.answer[:4000] + (f"\n[locations: {locs}]" if locs else "") + notes


class DescribeImageInput(BaseModel):
    image: str = Field(description="The image to describe: a file path, a data: URI or base64.")
    region: list[int] | None = Field(
        None, min_length=4, max_length=4, description="Only describe this part, [x0, y0, x1, y1] in image pixels."
    )
    ocr: bool = Field(True, description="Attach the OCR reading as grounding context for the model.")


class Region(BaseModel):
    name: str = Field(description="What the region is (toolbar, sidebar, dialog, editor, error banner, ...).")
    box: list[int] | None = Field(None, description="[x0, y0, x1, y1] in image pixels, when known.")
    description: str = Field("", description="One line about what it shows.")


class DescribeImageOutput(Output):
    kind: str = Field(description="Kind of image: terminal, code editor, web page, dialog, document, chart, photo, ...")
    app: str | None = Field(None, description="The application or site, when recognisable.")
    summary: str = Field(description="Two or three sentences on what the image shows.")
    regions: list[Region] = Field(default_factory=list, description="The main regions, top to bottom.")
    visible_text: list[str] = Field(default_factory=list, description="The most prominent text, in reading order.")
    state: list[str] = Field(
        default_factory=list, description="Notable state: errors, warnings, open dialogs, disabled or selected items."
    )
    backend: Backend = Field(description="'model' when a vision model described it, 'local' when perception did.")
    model: str | None = Field(None, description="The model that answered (None for local).")

    def summary_text(self) -> str:
        state = f" State: {'; '.join(self.state[:5])}." if self.state else ""
        return f"{self.kind}{f' ({self.app})' if self.app else ''}: {self.summary}{state}"
