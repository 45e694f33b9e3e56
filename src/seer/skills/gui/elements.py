"""list_elements: every UI element on a screenshot, typed, boxed and numbered in reading order."""

from __future__ import annotations

from typing import get_args

from ...context import Context
from ...errors import InputError
from ...perception.image import load_image
from .layout import UIElement, layout_of
from .schema import Element, ElementList, ElementType, ListElementsInput


def to_element(e: UIElement) -> Element:
    return Element(
        id=e.id,
        type=e.type,
        text=e.text or e.label,
        box=e.box.as_list(),
        point=list(e.click),
        interactable=e.interactable,
        confidence=round(float(e.confidence), 3),
        name=e.name,
        state=e.state,
    )


def list_elements(inp: ListElementsInput, ctx: Context) -> ElementList:
    """List the UI elements on a screenshot: buttons, links, inputs, checkboxes, radios, toggles,
    dropdowns, tabs, menu items, icons and text, each with a stable id (reading order), a visible
    box [x0,y0,x1,y1] and a click point [x,y] in original-image pixels, its text or label, an icon
    name when a known icon is recognised (settings, close, search, delete, ...), and a visible state
    (checked, on/off, selected, disabled). Use it to see what can be clicked on a screen, or before
    `annotate`/`ground`; it runs locally (OCR plus OpenCV shapes), no model needed. Filter with
    interactable_only or types.
    """
    wanted = {t.strip() for item in inp.types or () for t in item.split(",") if t.strip()}
    unknown = wanted - set(get_args(ElementType))
    if unknown:
        raise InputError(f"unknown element type(s) {sorted(unknown)}; use any of {', '.join(get_args(ElementType))}")
    image = load_image(inp.image, ctx.settings)
    layout = layout_of(image)
    out = [to_element(e) for e in layout.elements]
    if inp.interactable_only:
        out = [e for e in out if e.interactable]
    if wanted:
        out = [e for e in out if e.type in wanted]
    return ElementList(width=layout.width, height=layout.height, elements=out)
