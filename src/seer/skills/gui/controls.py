"""Control boxes: grow elements typed from their text into the control a click lands on.

    control_boxes(elements, image, scale) -> elements

The passes, in order: links read from underlines, breadcrumbs and wrapping (`links.py`); list rows
spanning their list's surface (`rows.py`); strips of tabs and menu bars cut into cells
(`strips.py`); and on a touch screen (portrait, large text) text buttons and bare icons get their
touch target (48 dp) while the system's status and navigation bars are marked static: they are not
the app's controls.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import cv2
import numpy as np

from ...perception.geometry import Box
from ...perception.image import Image
from .links import breadcrumbs, sortable_headers, underline_runs, underlined_links, wrapped_links
from .rows import list_rows
from .strips import strips
from .text_repair import ends_as_caption, word_count

if TYPE_CHECKING:
    from .layout import UIElement

TOUCH_TARGET_DP = 48  # Material and Apple minimum tap size


def control_boxes(elements: list[UIElement], image: Image, scale: float) -> list[UIElement]:
    dp = image.width / 400 if _touch_screen(image, scale) else 0.0  # phones are 360-430 dp wide
    gray = cv2.cvtColor(image.pixels, cv2.COLOR_RGB2GRAY)
    if dp:
        _system_bars(elements, gray, dp)
    elements = wrapped_links(underlined_links(elements, image, gray))
    elements = list_rows(elements, image, gray, touch=bool(dp))
    elements = strips(elements, image, dp * TOUCH_TARGET_DP)
    elements = breadcrumbs(elements, gray)  # after the strips: a trail's names are no tabs
    sortable_headers(elements)
    if dp:
        elements = _icon_labels(elements, image, dp)
        _touch_targets(elements, image, gray, dp)
    return elements


def _touch_screen(image: Image, scale: float) -> bool:
    return image.height >= 1.3 * image.width and scale >= 1.8


def _system_bars(elements: list[UIElement], gray: np.ndarray, dp: float) -> None:
    """Mark the phone's own bars static: they are the system's, not the app's controls. The status
    bar (clock, battery) runs along the top; a navigation bar is two or three bare glyphs (back, home,
    recents) in the bottom 56 dp of the screen, one centred on it and any others mirrored about it.
    A capture may carry blank rows below the screen: the screen ends at its last row with ink."""
    for e in elements:
        if e.box.y1 <= 26 * dp:
            _static(e)
    rows = np.nonzero(np.ptp(gray, axis=1) > 8)[0]
    end, width = (int(rows[-1]) + 1 if len(rows) else gray.shape[0]), gray.shape[1]
    bottom = [e for e in elements if e.box.y0 >= end - 56 * dp]
    centres: list[float] = []  # one per glyph: a thick outline may come back twice, inside and outside its stroke
    for c in sorted(e.box.center[0] - width / 2 for e in bottom):
        if not centres or c - centres[-1] > 0.03 * width:
            centres.append(c)
    if not 2 <= len(centres) <= 3 or any(len(e.text.strip()) > 1 for e in bottom):
        return
    mirrored = len(centres) == 2 or abs(centres[0] + centres[-1]) <= 0.04 * width
    if mirrored and any(abs(c) <= 0.03 * width for c in centres):
        for e in bottom:
            _static(e)


def _static(e: UIElement) -> None:
    e.static = True
    if e.type not in ("text", "icon"):  # a battery outline is no toggle, a signal dot no radio, a home ring no radio
        e.type, e.state = "icon", None


# ---------------------------------------------------------------- touch targets
def _icon_labels(elements: list[UIElement], image: Image, dp: float) -> list[UIElement]:
    """A bare icon just left of a short label on its line is one button ("< Share"); the icon before
    a web address is the browser's site button (a lock, a struck lock, a shield), one of its own."""
    absorbed: set[int] = set()
    icons = [e for e in elements if e.type == "icon" and not e.static]
    for t in elements:
        if t.type not in ("text", "link") or t.static or word_count(t.text) > 3 or ends_as_caption(t.text):
            continue
        b = t.box
        # a 24 dp icon beside 14 sp text is up to 2.5 times the text's ink height, and its padding may touch the label
        icon = next(
            (
                i
                for i in icons
                if id(i) not in absorbed
                and -0.3 * b.height <= b.x0 - i.box.x1 <= 1.2 * b.height
                and abs(i.box.center[1] - b.center[1]) <= 0.5 * b.height
                and i.box.height <= 2.6 * b.height
            ),
            None,
        )
        if icon is not None and _address(t.text):
            icon.name = icon.name or "lock"
            continue
        if icon is None or _in_paragraph(t, elements):
            continue
        absorbed.add(id(icon))
        both = Box.union([icon.box, b])
        t.label_box, t.point, t.name = b, both.center, icon.name
        if t.type == "link":  # a web page's link keeps its inline box
            t.box = both
            continue
        t.type = "button"
        t.box = _grown(both, both.width + 24 * dp, max(both.height, TOUCH_TARGET_DP * dp), image)
    return [e for e in elements if id(e) not in absorbed]


def _address(text: str) -> bool:
    """A web address or path ("example.org/docs"), not a label."""
    t = text.strip()
    return " " not in t and bool(re.search(r"[a-z0-9]\.[a-z]{2,}|\w/\w", t, re.I))


def _in_paragraph(e: UIElement, elements: list[UIElement]) -> bool:
    """Another text line touches this one from above or below."""
    b = e.box
    return any(
        o is not e
        and o.type in ("text", "link")
        and o.box.x0 < b.x1
        and o.box.x1 > b.x0
        and (-0.6 * b.height < o.box.y0 - b.y1 < 0.6 * b.height or -0.6 * b.height < b.y0 - o.box.y1 < 0.6 * b.height)
        for o in elements
    )


def _alone_on_line(e: UIElement, elements: list[UIElement]) -> bool:
    """No other text sits near it on its line, and none touches it from above or below (a lone
    glyph beside it is an icon read as a letter, not text)."""
    b = e.box
    return not _in_paragraph(e, elements) and not any(
        o is not e
        and len(o.text.strip()) > 1
        and b.y0 < o.box.center[1] < b.y1
        and max(o.box.x0 - b.x1, b.x0 - o.box.x1) < 3 * b.height
        for o in elements
    )


def _touch_targets(elements: list[UIElement], image: Image, gray: np.ndarray, dp: float) -> None:
    target = TOUCH_TARGET_DP * dp
    for e in elements:
        if e.static:
            continue
        b = e.box
        if e.type == "text" and _symbol(e.text) and not _in_paragraph(e, elements):
            e.type = "icon"  # an arrow or a cross drawn as a glyph: the app bar's back or close button
        if e.type == "text" and _address(e.text) and _alone_on_line(e, elements):
            e.label_box, e.point = b, b.center  # a browser's address bar: tapping the address edits it
            e.type, e.box = "input", _grown(b, b.width + 8 * dp, max(b.height, target), image)
            continue
        underlined = e.type == "link" and bool(underline_runs(gray, e.box))
        if e.type in ("text", "link") and not underlined and _text_button(e, elements):
            e.label_box, e.point = b, b.center
            e.type = "button"
            e.box = _grown(b, max(b.width + 28 * dp, 64 * dp), max(b.height, target), image)
        elif (e.type == "icon" or e.type == "button" and not e.text) and max(b.width, b.height) < target:
            e.box = _grown(b, target, target, image)
        elif e.type == "button" and b.height < target:  # a 36 dp button sits in a 48 dp touch target
            e.box = _grown(b, max(b.width, 64 * dp), target, image)


def _symbol(text: str) -> bool:
    t = text.strip()
    return 1 <= len(t) <= 2 and not any(c.isalnum() for c in t)


def _text_button(e: UIElement, elements: list[UIElement]) -> bool:
    """A short label standing alone that is set in capitals (a dialog's or app bar's text button), or
    that sits in a row of text buttons or just under a button, centred on it (a dialog's stacked
    choices: "Add shortcut" over "No thanks"). Scripts without case (CJK) give no capitals cue."""
    if word_count(e.text) > 4 or _in_paragraph(e, elements):
        return False
    return _capitals(e.text) or any(_button_mate(e.box, o) for o in elements if o is not e)


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isupper() or c.islower()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def _button_mate(b: Box, o: UIElement) -> bool:
    """`b` sits on the row of text button `o`, or right under button `o`, centred on it."""
    ob = (o.label_box or o.box) if o.type == "button" else o.box
    bare = o.type in ("text", "link") and _capitals(o.text) and word_count(o.text) <= 4
    if bare or o.type == "button" and o.label_box and o.text:
        if abs(ob.center[1] - b.center[1]) <= 0.3 * ob.height and abs(ob.height - b.height) <= 0.3 * ob.height:
            return bare or o.box.height <= 1.5 * b.height  # a text button's row, not a filled button's
    if o.type != "button" or not o.text:
        return False
    return abs(o.box.center[0] - b.center[0]) <= 0.05 * o.box.width and 0 <= b.y0 - o.box.y1 <= o.box.height


def _grown(b: Box, w: float, h: float, image: Image) -> Box:
    cx, cy = (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2
    return Box.of((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)).clip(image.width, image.height)
