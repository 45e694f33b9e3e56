"""From OCR lines and widget shapes to typed UI elements in reading order (cached per image).

    layout_of(image) -> Layout(elements, containers)

Rules, in order: a number in a small square outline is a browser's tab switcher; small
squares/circles with a label beside them are checkboxes/radios; pills with
no text are toggles; outlined boxes become inputs, dropdowns, buttons or menu rows depending on
their text's alignment, fill and a chevron at the right; big boxes holding several things are
containers (dialogs, cards), kept for relations such as "in the Delete dialog"; free compact blobs
are icons; the remaining text lines are links (coloured) or text, and tabs when underlined in a row.
Last, `controls.control_boxes` grows elements typed from their text into the control a click hits
(list rows, tab and menu-bar cells, touch targets).
"""

from __future__ import annotations

import colorsys
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import cv2
import numpy as np

from ...perception.elements import Widget, detect_widgets
from ...perception.geometry import Box
from ...perception.image import Image
from ...perception.ocr import TextLine, read_lines
from .controls import control_boxes
from .groups import attach_captions, menu_stacks, reading_order, tab_row
from .text_repair import (
    SHORT_WORDS,
    dot_inside,
    glyph_in_text,
    glyph_like,
    label_right_of,
    split_at_controls,
    split_by_colour,
    trim_label,
)


@dataclass
class UIElement:
    type: str
    box: Box
    text: str = ""
    point: tuple[int, int] | None = None
    confidence: float = 0.8
    name: str | None = None
    state: str | None = None
    label_box: Box | None = None  # where the text sits (a checkbox's label), for relations
    label: str = ""  # the caption outside the box that names it (an input's "Email" above or left)
    caption_box: Box | None = None  # where that caption is
    id: int = 0
    static: bool = False  # drawn by the system, not the app (a phone's status-bar clock and battery)

    @property
    def interactable(self) -> bool:
        if self.static or self.type == "text":
            return False
        return not (self.type == "icon" and self.name is None and self.confidence < 0.5)

    @property
    def click(self) -> tuple[int, int]:
        return self.point or self.box.center

    @property
    def extent(self) -> Box:
        """The box plus its label: what 'right of the Remember me checkbox' measures from."""
        return Box.union([self.box, self.label_box]) if self.label_box else self.box


@dataclass
class Container:
    box: Box
    title: str
    members: list[int] = field(default_factory=list)  # element ids inside


@dataclass
class Layout:
    width: int
    height: int
    elements: list[UIElement]
    containers: list[Container]


_cache: OrderedDict[str, Layout] = OrderedDict()
_lock = threading.Lock()


def layout_of(image: Image) -> Layout:
    """The typed elements of a screenshot; computed once per image content."""
    with _lock:
        if image.digest in _cache:
            _cache.move_to_end(image.digest)
            return _cache[image.digest]
    lines = read_lines(image)
    layout = build_layout(image, lines)
    with _lock:
        _cache[image.digest] = layout
        while len(_cache) > 16:
            _cache.popitem(last=False)
    return layout


def _inside(inner: Box, outer: Box, frac: float = 0.7) -> bool:
    return inner.area > 0 and inner.intersection(outer) >= frac * inner.area


def _ink_colour(px: np.ndarray, box: Box) -> tuple[float, float, float, float]:
    """(hue 0-1, saturation, value, contrast) of the text ink inside a line box."""
    crop = px[box.y0 : box.y1, box.x0 : box.x1].astype(np.float32)
    if crop.size:
        # an underline or tab bar spanning the whole line is not the ink colour
        bg0 = np.median(crop.reshape(-1, 3), axis=0)
        keep = (np.abs(crop - bg0).max(axis=2) > 40).mean(axis=1) < 0.8
        crop = crop[keep] if keep.any() else crop
    crop = crop.reshape(-1, 3)
    if len(crop) < 4:
        return 0.0, 0.0, 0.0, 0.0
    bg = np.median(crop, axis=0)
    dist = np.abs(crop - bg).max(axis=1)
    top = dist.max()
    if top < 20:
        return 0.0, 0.0, 0.0, float(top)
    ink = np.median(crop[dist >= 0.6 * top], axis=0) / 255.0  # the text, not an icon beside it
    h, s, v = colorsys.rgb_to_hsv(*ink)
    return h, s, v, float(top)


def build_layout(image: Image, lines: list[TextLine]) -> Layout:
    px = image.pixels
    gray = cv2.cvtColor(px, cv2.COLOR_RGB2GRAY)
    lines = [l for l in lines if l.box.width >= 4 and l.box.height >= 6]
    # UI scale: 1.0 for ~13 px text at 1x; pixel thresholds below grow with it (HiDPI, mobile)
    scale = float(np.clip(np.median([l.box.height for l in lines]) / 13.0, 0.8, 3.0)) if lines else 1.0
    glyphs = [l for l in lines if glyph_like(l)]
    widgets = detect_widgets(image, [l.box for l in lines if not glyph_like(l)], [l.box for l in glyphs], scale)
    controls = [w.box for w in widgets if w.shape in ("pill", "square", "circle")]
    lines = [
        l
        for l in lines
        if not (
            glyph_like(l) and l.text.strip().lower() not in SHORT_WORDS and any(l.box.iou(c) > 0.5 for c in controls)
        )
    ]
    lines = split_by_colour(image, lines)
    small = [w.box for w in widgets if w.shape in ("square", "circle") and not glyph_in_text(w.box, lines, gray)]
    lines = split_at_controls(image, lines, small)
    icons = [w for w in widgets if w.shape == "blob" and w.icon is not None]
    # a one-letter "word" where an icon was recognised is that icon, not text
    lines = [
        l
        for l in lines
        if not (
            glyph_like(l)
            and any(
                _inside(b.box, l.box.pad(3), 0.6)
                and (b.icon.score >= 0.75 or l.text.strip().lower() not in SHORT_WORDS)
                for b in icons
            )
        )
        and not (glyph_like(l) and l.box.width > 2.5 * l.box.height and l.confidence < 0.97)
    ]
    glyph_lines = {id(l) for l in glyphs}
    widgets = [
        w
        for w in widgets
        if not (
            w.shape == "blob"
            and w.icon is None
            and any(id(l) in glyph_lines and _inside(w.box, l.box.pad(3), 0.6) for l in lines)
        )
    ]
    elements: list[UIElement] = []
    used: set[int] = set()  # text lines consumed by a widget
    shapes = [w for w in widgets if w.shape != "blob"]
    blobs = [w for w in widgets if w.shape == "blob"]
    consumed_blobs: set[int] = set()

    # a number in a small square outline is a browser's tab switcher ("12" open tabs), no checkbox or button
    counters = sorted((w for w in shapes if _tab_counter(px, w, lines, scale)), key=lambda w: -w.box.area)
    for w in counters:
        if not any(_inside(w.box, e.box.pad(4), 0.9) for e in elements):
            elements.append(UIElement("icon", w.box.pad(4), "", confidence=0.7, name="tabs"))
    shapes = [w for w in shapes if w not in counters]

    # checkboxes, radios, toggles
    for w in shapes:
        if w.shape in ("square", "circle"):
            if any(p.shape == "pill" and _inside(w.box, p.box.pad(2), 0.9) for p in shapes):
                continue
            li = label_right_of(w.box, lines, used)
            linked = li is not None and _link_colour(px, lines[li].box)
            if linked:
                li = None  # a link beside a table row's checkbox is its own control, not the box's label
            over = [
                b for b in blobs if b.box.intersection(w.box) > 0.5 * min(b.box.area, w.box.area) and b.icon is not None
            ]
            # an icon drawn in a circle or square (info, help, save) has a glyph inside, not a tick or a dot
            looks_iconic = (
                w.state == "checked"
                and not dot_inside(gray, w.box)
                and any(b.icon.name != "check" and b.icon.score >= 0.8 for b in over)
            )
            if glyph_in_text(w.box, lines, gray) or looks_iconic:
                continue
            if (
                li is None
                and not linked
                and (
                    not 12 * max(1.0, scale) <= w.box.width <= 22 * max(1.0, scale)
                    or any(b.icon.name != "check" for b in over)
                )
            ):
                continue
            kind = "radio" if w.shape == "circle" else "checkbox"
            if kind == "radio" and li is None and not linked:
                kind = "icon"  # radios come in labelled groups; a lone ring or disc is an icon drawn in a circle
            text, label_box = trim_label(lines[li], w.box) if li is not None else ("", None)
            if li is not None:
                used.add(li)
            for j, b in enumerate(blobs):
                if b.box.intersection(w.box) > 0.5 * b.box.area:
                    consumed_blobs.add(j)
            elements.append(
                UIElement(
                    kind,
                    w.box,
                    text,
                    confidence=0.85 if li is not None else 0.55,
                    state=None if kind == "icon" else w.state,
                    label_box=label_box,
                )
            )
        elif w.shape == "pill" and not any(l.box.intersection(w.box) > 0.2 * w.box.area for l in lines):
            for j, b in enumerate(blobs):
                if _inside(b.box, w.box, 0.5):
                    consumed_blobs.add(j)
            elements.append(UIElement("toggle", w.box, "", confidence=0.75, state=w.state))

    containers: list[Container] = []
    rects = sorted((w for w in shapes if w.shape in ("rect", "pill")), key=lambda w: w.box.area)
    sections = _sections(rects)
    claimed: list[Box] = [e.box for e in elements]
    for w in rects:
        b = w.box
        if id(w) in sections:
            continue
        inner_lines = [i for i, l in enumerate(lines) if i not in used and _inside(l.box, b)]
        inner_blobs = [j for j, bl in enumerate(blobs) if j not in consumed_blobs and _inside(bl.box, b)]
        inner_widgets = [c for c in claimed if _inside(c, b)]
        is_control_size = b.height <= 72 * scale and b.width <= 900 * scale
        if (
            is_control_size
            and not inner_widgets
            and len(inner_lines) <= 2
            and w.shape != "pill"
            or (w.shape == "pill" and inner_lines and not inner_widgets)
        ):
            el = _classify_box(image, w, [lines[i] for i in inner_lines], [blobs[j] for j in inner_blobs], scale)
            if el is None:
                continue
            used.update(inner_lines)
            if el.type == "dropdown" or (el.type == "button" and not inner_lines):
                consumed_blobs.update(inner_blobs)
            elements.append(el)
            claimed.append(b)
        elif _tile(b, [lines[i] for i in inner_lines], inner_widgets, scale):
            text = " ".join(
                lines[i].text for i in sorted(inner_lines, key=lambda i: (lines[i].box.y0, lines[i].box.x0))
            )
            used.update(inner_lines)
            consumed_blobs.update(inner_blobs)
            elements.append(
                UIElement("button", b, text, confidence=0.6, label_box=Box.union([lines[i].box for i in inner_lines]))
            )
            claimed.append(b)
        elif b.height > 60 * scale and b.width > 120 * scale and (inner_lines or inner_widgets):
            top = sorted(
                (lines[i] for i in inner_lines if lines[i].box.y0 - b.y0 < 60 * scale),
                key=lambda l: (l.box.y0, l.box.x0),
            )
            containers.append(Container(b, top[0].text if top else ""))

    # free icons
    for j, bl in enumerate(blobs):
        if j in consumed_blobs:
            continue
        if any(_inside(bl.box, c, 0.6) for c in claimed if c.area < 4 * bl.box.area):
            continue
        name = bl.icon.name if bl.icon else None
        conf = bl.icon.score if bl.icon else 0.45
        elements.append(UIElement("icon", bl.box, "", confidence=round(conf, 2), name=name))

    # text lines: tabs, links, text
    free = [(i, l) for i, l in enumerate(lines) if i not in used]
    bars = {id(l): tab_row(px, l) for _, l in free}
    tab_rows = [
        l
        for _, l in free
        if bars[id(l)]
        and sum(
            abs(o.box.center[1] - l.box.center[1]) <= 4 and o is not l and abs(o.box.x0 - l.box.x0) < 400
            for _, o in free
        )
        >= 1
    ]
    for _i, l in free:
        h, s, v, contrast = _ink_colour(px, l.box)
        tabby = any(
            abs(l.box.center[1] - t.box.center[1]) <= 4 and abs(l.box.height - t.box.height) <= 4 for t in tab_rows
        )
        if tabby and len(l.text.split()) <= 3:
            sel = l in tab_rows
            ref = l if sel else min(tab_rows, key=lambda t: abs(t.box.center[1] - l.box.center[1]))
            # the tab is the text plus its padding down to the underline
            pad = max(2, bars[id(ref)] - ref.box.y1)
            box = Box(l.box.x0 - 3, l.box.y0 - pad, l.box.x1 + 3, l.box.y1 + pad)
            elements.append(
                UIElement(
                    "tab",
                    box,
                    l.text,
                    confidence=0.7,
                    state="selected" if sel else None,
                    point=l.box.center,
                    label_box=l.box,
                )
            )
        elif _link_colour(px, l.box):
            elements.append(UIElement("link", l.box, l.text, confidence=0.7))
        else:
            elements.append(UIElement("text", l.box, l.text, confidence=round(min(0.99, l.confidence), 2)))

    attach_captions(elements, scale)
    menu_stacks(elements, image.width)
    elements = control_boxes(elements, image, scale)
    ordered = reading_order(elements)
    for c in containers:
        c.members = [e.id for e in ordered if _inside(e.box, c.box)]
    return Layout(image.width, image.height, ordered, containers)


def _tab_counter(px: np.ndarray, w: Widget, lines: list[TextLine], scale: float) -> bool:
    """A small square-ish outline around one to three digits (not a checkbox's tick on its accent fill, read as "4")."""
    b = w.box
    if (
        w.shape not in ("square", "rect")
        or not 0.67 <= b.width / b.height <= 1.5
        or max(b.width, b.height) > 40 * scale
    ):
        return False
    return _hollow(px, b) and any(
        l.text.strip().isdigit()
        and len(l.text.strip()) <= 3
        and _inside(l.box, b, 0.9)
        and l.box.height >= 0.3 * b.height
        for l in lines
    )


def _hollow(px: np.ndarray, box: Box) -> bool:
    """The box's inside (most of it) has the colour of the page around it: an outline, not a filled square."""
    k = max(2, box.width // 5)
    inner = px[box.y0 + k : box.y1 - k, box.x0 + k : box.x1 - k].reshape(-1, 3)
    around = np.concatenate(
        [
            px[max(0, box.y0 - 3) : box.y0, box.x0 : box.x1].reshape(-1, 3),
            px[box.y1 : box.y1 + 3, box.x0 : box.x1].reshape(-1, 3),
        ]
    )
    if not len(inner) or not len(around):
        return False
    return float(np.abs(np.median(inner, axis=0) - np.median(around, axis=0)).max()) < 30


def _sections(rects: list[Widget]) -> set[int]:
    """Outlined boxes sharing an edge (one's bottom is the next one's top) and both sides are parts
    of one panel (a menu's groups between separators, a table's rows), not controls of their own."""
    out: set[int] = set()
    for a in rects:
        for b in rects:
            if (
                a is not b
                and abs(a.box.x0 - b.box.x0) <= 2
                and abs(a.box.x1 - b.box.x1) <= 2
                and -2 <= b.box.y0 - a.box.y1 <= 1
            ):
                out.update((id(a), id(b)))
    return out


def _tile(b: Box, lines: list[TextLine], inner_widgets: list[Box], scale: float) -> bool:
    """A small outlined card holding a picture and a short caption (a launcher's tile) is a button."""
    return (
        not inner_widgets
        and 1 <= len(lines) <= 3
        and sum(len(l.text.split()) for l in lines) <= 6
        and b.width <= 200 * scale
        and b.height <= 200 * scale
    )


def _classify_box(
    image: Image, w: Widget, lines: list[TextLine], blobs: list[Widget], scale: float = 1.0
) -> UIElement | None:
    b = w.box
    text = " ".join(l.text for l in sorted(lines, key=lambda l: (l.box.y0, l.box.x0)))
    chevron = [
        bl
        for bl in blobs
        if bl.box.x0 >= b.x0 + 0.6 * b.width
        and bl.box.width <= 24
        and (
            bl.icon is None
            and bl.box.width >= bl.box.height
            or bl.icon is not None
            and bl.icon.name in ("chevron_down", "sort")
        )
    ]
    if not chevron and b.width >= 2.5 * b.height:
        chevron = _chevron_at_right(image, w, lines)
    if chevron and b.width >= 2 * b.height:
        tb = Box.union([l.box for l in lines]) if lines else None
        return UIElement("dropdown", b, text, confidence=0.8 if lines else 0.6, label_box=tb)
    if not lines:
        if blobs and b.width <= 3 * b.height:
            named = next((bl.icon.name for bl in blobs if bl.icon), None)
            return UIElement("button", b, "", confidence=0.75 if named else 0.55, name=named)
        if w.bordered and b.width >= 2.5 * b.height and 16 * scale <= b.height <= 60 * scale:
            return UIElement("input", b, "", point=(b.x0 + min(b.width // 2, 40), b.center[1]), confidence=0.7)
        return None
    tb = Box.union([l.box for l in lines])
    left = tb.x0 - b.x0
    right = b.x1 - tb.x1
    left_aligned = left < right - max(12, 0.15 * b.width)
    named = next((bl.icon.name for bl in blobs if bl.icon), None)
    if (
        w.bordered
        and left_aligned
        and b.width >= 3 * b.height
        and b.height <= 60 * scale
        and (not w.filled or _light_or_plain(w))
    ):
        return UIElement(
            "input",
            b,
            text,
            point=(b.x0 + min(b.width // 2, max(40, tb.x1 - b.x0)), b.center[1]),
            confidence=0.75,
            label_box=tb,
        )
    if not w.bordered and w.filled and left_aligned and b.width >= 4 * b.height and not _saturated(w.fill):
        return UIElement("menu_item", b, text, confidence=0.6, state="selected", label_box=tb)
    state = None
    _, _, _, contrast = _ink_colour(image.pixels, tb)
    if contrast < 60:
        state = "disabled"
    return UIElement("button", b, text, confidence=0.85, name=named, state=state, label_box=tb)


def _chevron_at_right(image: Image, w: Widget, lines: list[TextLine]) -> list[Box]:
    """A small ink mark (a native select's caret) alone at the right end of a box."""
    b = w.box
    x0 = max(b.x1 - 34, max((l.box.x1 for l in lines), default=b.x0) + 6)
    region = Box(x0, b.y0 + 3, b.x1 - 3, b.y1 - 3)
    if region.width < 8 or region.height < 6:
        return []
    crop = image.pixels[region.y0 : region.y1, region.x0 : region.x1].astype(np.int16)
    ink = np.abs(crop - np.asarray(w.fill, np.int16)).max(axis=2) > 60
    ys, xs = np.nonzero(ink)
    if len(xs) < 6:
        return []
    cw, ch = xs.max() - xs.min() + 1, ys.max() - ys.min() + 1
    if 5 <= cw <= 16 and 3 <= ch <= 12 and cw >= ch:
        return [Box(region.x0 + xs.min(), region.y0 + ys.min(), region.x0 + xs.max() + 1, region.y0 + ys.max() + 1)]
    return []


def _link_colour(px: np.ndarray, box: Box) -> bool:
    """Text inked in a blue to violet (links' colour since the first browsers)."""
    h, s, v, _ = _ink_colour(px, box)
    return s > 0.3 and v > 0.35 and 0.45 <= h <= 0.78


def _saturated(rgb: tuple[int, int, int]) -> bool:
    return (max(rgb) - min(rgb)) > 60


def _light_or_plain(w: Widget) -> bool:
    return not _saturated(w.fill)
