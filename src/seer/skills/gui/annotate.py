"""annotate: set-of-marks. Numbered boxes drawn over elements (or given boxes), plus the legend."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from ...context import Context
from ...errors import InputError
from ...perception.encode import encode_png
from ...perception.geometry import Box
from ...perception.image import load_image
from ...security import write_output
from .layout import layout_of
from .schema import AnnotateInput, Annotation, Mark

_COLOURS = [
    (230, 25, 75),
    (60, 180, 75),
    (0, 130, 200),
    (245, 130, 48),
    (145, 30, 180),
    (0, 128, 128),
    (240, 50, 230),
    (128, 0, 0),
]
_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(str(_FONT), size)
    except OSError:
        return ImageFont.load_default(size)


def annotate(inp: AnnotateInput, ctx: Context) -> Annotation:
    """Draw numbered boxes (set-of-marks) on a screenshot and return the image with its legend.

    Without `boxes`, marks the detected UI elements (by default only interactable ones), numbered by
    their list_elements id; with `boxes` (flat x0,y0,x1,y1,...), marks those, numbered from 1. The
    annotated PNG comes back as an image; the structured output lists each number with its box,
    click point, type and text, so you can pick an element by number and click its point.
    Set `output` to also write the PNG to a file.
    """
    image = load_image(inp.image, ctx.settings)
    marks: list[Mark] = []
    if inp.boxes is not None:
        if len(inp.boxes) % 4 or not inp.boxes:
            raise InputError(
                f"boxes must be a flat list of x0,y0,x1,y1 groups (a multiple of 4 numbers), got {len(inp.boxes)}"
            )
        for i in range(0, len(inp.boxes), 4):
            b = Box.of(inp.boxes[i : i + 4]).clip(image.width, image.height)
            if b.area == 0:
                raise InputError(
                    f"box {inp.boxes[i : i + 4]} is empty or outside the {image.width}×{image.height} image"
                )
            marks.append(Mark(number=i // 4 + 1, box=b.as_list(), point=list(b.center)))
    else:
        for e in layout_of(image).elements:
            if inp.interactable_only and not e.interactable:
                continue
            marks.append(
                Mark(
                    number=e.id,
                    box=e.box.as_list(),
                    point=list(e.click),
                    type=e.type,
                    text=e.text or e.label or (e.name or ""),
                )
            )
    png = encode_png(draw_marks(image.pil(), marks))
    out = Annotation(width=image.width, height=image.height, marks=marks)
    if inp.output:
        out.output = str(write_output(inp.output, png, ctx.settings, what="annotated image output", suffixes=(".png",)))
    out.with_image(png)
    return out


def draw_marks(base: PILImage.Image, marks: list[Mark]) -> PILImage.Image:
    """A copy of `base` with each mark's numbered box drawn on it."""
    img = base.convert("RGB").copy()
    draw = ImageDraw.Draw(img)
    size = max(11, min(18, img.height // 60))
    font = _font(size)
    for m in marks:
        colour = _COLOURS[m.number % len(_COLOURS)]
        x0, y0, x1, y1 = m.box
        draw.rectangle([x0, y0, x1 - 1, y1 - 1], outline=colour, width=2)
        label = str(m.number)
        tw = draw.textlength(label, font=font)
        ty = y0 - size - 4 if y0 >= size + 4 else y1
        draw.rectangle([x0, ty, x0 + tw + 6, ty + size + 4], fill=colour)
        draw.text((x0 + 3, ty + 1), label, fill=(255, 255, 255), font=font)
    return img
