"""Widget shapes on a screenshot with plain OpenCV: no model, a few tens of milliseconds at 1080p.

    detect_widgets(image, text_boxes) -> list[Widget]

Finds closed outlines (bordered or filled rectangles, rounded buttons, pills, small squares and
circles) from an edge map, and compact ink blobs outside text (icons). Each widget carries what the
pixels say about it (filled, bordered, fill colour, a checked/on state for small controls); deciding
"button" versus "input" needs the text too and happens in `seer.skills.gui.elements`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import cv2
import numpy as np

from .geometry import Box
from .icons import IconMatch, match_icon
from .icons.parts import icon_parts
from .image import Image

Shape = Literal["rect", "square", "circle", "pill", "blob", "bar"]
THIN_ICONS = (
    "more",
    "italic",
)  # functions drawn narrower than an icon's usual square (⋮, I); a lone dash is no "minus"


@dataclass(slots=True)
class Widget:
    shape: Shape
    box: Box
    filled: bool = False  # interior colour differs from the page around it
    bordered: bool = False  # a drawn outline differs from the interior
    fill: tuple[int, int, int] = (255, 255, 255)
    state: str | None = None  # checked/unchecked, on/off for small controls
    icon: IconMatch | None = None
    children: list[Widget] = field(default_factory=list)


def _edges(gray: np.ndarray) -> np.ndarray:
    e = cv2.Canny(gray, 18, 40, L2gradient=True)
    return e


def _ring(px: np.ndarray, box: Box, width: int = 3) -> np.ndarray:
    """Pixels just outside a box (the page around it)."""
    h, w = px.shape[:2]
    o = box.pad(width).clip(w, h)
    parts = [
        px[o.y0 : box.y0, o.x0 : o.x1],
        px[box.y1 : o.y1, o.x0 : o.x1],
        px[box.y0 : box.y1, o.x0 : box.x0],
        px[box.y0 : box.y1, box.x1 : o.x1],
    ]
    flat = [p.reshape(-1, 3) for p in parts if p.size]
    return np.concatenate(flat) if flat else np.zeros((1, 3))


def _outlines(edges: np.ndarray, img_w: int, img_h: int, scale: float = 1.0) -> list[tuple[Box, Shape]]:
    closed = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(closed, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    found: list[tuple[Box, Shape]] = []
    for c in contours:
        x, y, w, h = cv2.boundingRect(c)
        if w < 9 or h < 9 or (w > 0.97 * img_w and h > 0.9 * img_h):
            continue
        area = cv2.contourArea(c)
        fill = area / float((w - 1) * (h - 1))  # contour vertices sit on pixel centres
        perim = cv2.arcLength(c, True) / (2.0 * (w + h))
        box = Box(x, y, x + w, y + h)
        if max(w, h) <= 28 * scale and 0.75 <= w / h <= 1.33:
            if max(w, h) < 9 * scale:  # a letter's counter ("o", "e") on a large-text screen, not a control
                continue
            if 0.70 <= fill < 0.86 and 0.7 <= perim <= 0.9:
                found.append((box, "circle"))
            elif fill >= 0.86 and 0.82 <= perim <= 1.2:
                found.append((box, "square"))
            continue
        if fill < 0.84 or not (0.82 <= perim <= 1.25):
            continue
        if h <= 40 * scale and 1.5 <= w / h <= 2.8 and fill < 0.95:
            found.append((box, "pill"))
        else:
            found.append((box, "rect"))
    return _dedupe(found, max(3, round(2 * scale)))


def _dedupe(found: list[tuple[Box, Shape]], tol: int) -> list[tuple[Box, Shape]]:
    """Canny outlines a border on both sides of its stroke (a 2 dp stroke is 6 px on a phone): keep
    the outer of nearly equal boxes."""
    found.sort(key=lambda t: -t[0].area)
    kept: list[tuple[Box, Shape]] = []
    for box, shape in found:
        if any(
            abs(box.x0 - k.x0) <= tol
            and abs(box.y0 - k.y0) <= tol
            and abs(box.x1 - k.x1) <= tol
            and abs(box.y1 - k.y1) <= tol
            for k, _ in kept
        ):
            continue
        kept.append((box, shape))
    return kept


def _bordered(px: np.ndarray, box: Box, fill: np.ndarray, page: np.ndarray) -> bool:
    """True when one of the outermost rows/columns is a line unlike both the interior and the page."""
    x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
    if x1 - x0 < 12 or y1 - y0 < 10:
        return False
    rows = [px[y, x0 + 5 : x1 - 5] for y in (y0, y0 + 1, y0 + 2, y1 - 1, y1 - 2, y1 - 3)]
    cols = [px[y0 + 5 : y1 - 5, x] for x in (x0, x0 + 1, x0 + 2, x1 - 1, x1 - 2, x1 - 3)]
    for line in rows + cols:
        if not line.size:
            continue
        m = np.median(line.reshape(-1, 3), axis=0).astype(np.float32)
        if np.abs(m - fill).max() > 14 and np.abs(m - page).max() > 10:
            return True
    return False


def _small_state(px: np.ndarray, box: Box, shape: Shape) -> tuple[str, bool, tuple[int, int, int]]:
    k = 3 if shape == "square" else max(3, round(0.28 * box.width))  # stay clear of a round outline
    inner = Box(box.x0 + k, box.y0 + k, box.x1 - k, box.y1 - k)
    page = np.median(_ring(px, box), axis=0)
    core = px[inner.y0 : inner.y1, inner.x0 : inner.x1].reshape(-1, 3).astype(np.float32)
    if core.size == 0:
        return "unchecked", False, tuple(int(v) for v in page)
    mean = core.mean(axis=0)
    filled = float(np.abs(mean - page).max()) > 40
    # checked = a mark inside, or an accent (coloured) fill; a plain white/grey interior is unchecked
    marked = float(core.std(axis=0).max()) > 35
    accent = float(mean.max() - mean.min()) > 60
    return ("checked" if marked or accent else "unchecked"), filled, tuple(int(v) for v in mean)


def _toggle_state(px: np.ndarray, box: Box) -> str:
    crop = px[box.y0 : box.y1, box.x0 : box.x1].astype(np.float32)
    lum = crop.mean(axis=2)
    mid = lum[lum.shape[0] // 2]
    # the knob is the brightest (or, on dark tracks, the most distinct) run across the middle row
    track = np.median(mid)
    dist = np.abs(mid - track)
    xs = np.nonzero(dist > 0.5 * dist.max())[0] if dist.max() > 20 else np.array([])
    sat = float((crop.max(axis=2) - crop.min(axis=2)).mean())
    if len(xs):
        return "on" if xs.mean() > lum.shape[1] / 2 else "off"
    return "on" if sat > 60 else "off"


def _ink_box(gray: np.ndarray, box: Box) -> Box:
    """Tight box of the ink inside a blob box (the blob box comes from dilated edges)."""
    crop = gray[box.y0 : box.y1, box.x0 : box.x1].astype(np.int16)
    border = np.concatenate([crop[0], crop[-1], crop[:, 0], crop[:, -1]])
    ink = np.abs(crop - np.median(border)) > 0.3 * max(24, int(np.abs(crop - np.median(border)).max()))
    ys, xs = np.nonzero(ink)
    if not len(xs):
        return box
    return Box(box.x0 + int(xs.min()), box.y0 + int(ys.min()), box.x0 + int(xs.max()) + 1, box.y0 + int(ys.max()) + 1)


def _at_corner(b: Box, s: Box) -> bool:
    near_x = abs(b.x0 - s.x0) <= 4 or abs(b.x1 - s.x1) <= 4
    near_y = abs(b.y0 - s.y0) <= 4 or abs(b.y1 - s.y1) <= 4
    return near_x and near_y and b.width <= 20 and b.height <= 20


def _blobs(
    edges: np.ndarray, gray: np.ndarray, text_boxes: list[Box], shapes: list[Box], scale: float = 1.0
) -> list[Box]:
    """Compact ink clusters outside text: icon candidates (sizes grow with the UI scale)."""
    mask = edges.copy()
    for b in text_boxes:
        mask[max(0, b.y0 - 1) : b.y1 + 1, max(0, b.x0 - 1) : b.x1 + 1] = 0
    # a widget's own outline is not an icon: blank the edge pixels of every outline
    for b in shapes:
        mask[b.y0 : b.y0 + 3, b.x0 : b.x1] = 0
        mask[b.y1 - 3 : b.y1, b.x0 : b.x1] = 0
        mask[b.y0 : b.y1, b.x0 : b.x0 + 3] = 0
        mask[b.y0 : b.y1, b.x1 - 3 : b.x1] = 0
    r = max(2, round(2 * scale))  # the gap bridged between strokes of one icon grows with the UI scale
    merged = cv2.dilate(mask, np.ones((2 * r + 1, 2 * r + 1), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(merged, connectivity=8)
    out = []
    lo, hi, s = 7 * scale, 48 * scale, scale
    for x, y, w, h, _area in stats[1:]:
        x, y, w, h = x + r, y + r, w - 2 * r, h - 2 * r  # undo the dilation
        # up to twice the usual icon size: phone-density icons are big (kept only if the classifier names them)
        compact = lo <= w <= 2 * hi and lo <= h <= 2 * hi and 0.4 <= w / h <= 2.5
        # "more" dots; the UI scale read from text may be 2/3 of a phone's real density
        dotted = 10 * s <= w <= 40 * s and 2 * s <= h <= 8 * s or 10 * s <= h <= 40 * s and 2 * s <= w <= 8 * s
        slim = lo <= max(w, h) <= hi and 2 <= min(w, h) < lo  # an italic "I" (kept only when named so)
        if not (compact or dotted or slim):
            continue
        box = Box(int(x), int(y), int(x + w), int(y + h))
        # the rounded corner of a thick or HiDPI outline is not an icon
        if any(_at_corner(box, s) for s in shapes):
            continue
        out.append(box)
    raw = [Box(int(x) + r, int(y) + r, int(x + w) - r, int(y + h) - r) for x, y, w, h, _ in stats[1:]]
    return out + [b for b in icon_parts(gray, raw, scale) if b not in out]  # ⋮ ☰ whose parts the dilation left apart


def detect_widgets(
    image: Image, text_boxes: list[Box], glyph_boxes: list[Box] = (), scale: float = 1.0
) -> list[Widget]:
    """Outlined shapes and icon blobs, each with fill, state and icon name where it applies.

    `scale` is the UI scale (1.0 for ~13 px text; about 3 on a 1080-px-wide phone): size limits of
    small controls and icons, and the gap bridged inside an icon, grow with it.

    `glyph_boxes` are OCR lines of one or two characters that may really be icons read as letters
    ("Q" for a magnifier, "X" for close): they are not masked as text, so their ink can become a blob.
    """
    scale = max(1.0, scale)
    px = image.pixels
    gray = cv2.cvtColor(px, cv2.COLOR_RGB2GRAY)
    edges = _edges(gray)
    widgets: list[Widget] = []
    for box, shape in _outlines(edges, image.width, image.height, scale):
        if shape in ("square", "circle"):
            state, filled, fill = _small_state(px, box, shape)
            widgets.append(Widget(shape, box, filled=filled, fill=fill, state=state))
            continue
        inner = Box(box.x0 + 2, box.y0 + 2, box.x1 - 2, box.y1 - 2)
        if inner.width <= 0 or inner.height <= 0:
            continue
        core = px[inner.y0 : inner.y1, inner.x0 : inner.x1].reshape(-1, 3)
        fill_c = np.median(core, axis=0)
        page = np.median(_ring(px, box), axis=0)
        filled = float(np.abs(fill_c.astype(np.float32) - page).max()) > 12
        bordered = _bordered(px, box, fill_c.astype(np.float32), page.astype(np.float32))
        w = Widget(shape, box, filled=filled, fill=tuple(int(v) for v in fill_c), bordered=bordered)
        if shape == "pill":
            w.state = _toggle_state(px, box)
        widgets.append(w)
    for box in _blobs(edges, gray, text_boxes, [w.box for w in widgets if w.shape in ("rect", "pill")], scale):
        pad = Box(box.x0 - 2, box.y0 - 2, box.x1 + 2, box.y1 + 2).clip(image.width, image.height)
        icon = match_icon(gray[pad.y0 : pad.y1, pad.x0 : pad.x1])
        if box.width < 7 * scale or box.height < 7 * scale:
            if icon is None or icon.name not in THIN_ICONS:
                continue
        if icon is None and max(box.width, box.height) > 48 * scale:  # big unnamed ink is not an icon
            continue
        if icon is not None:
            # report the icon's frame (its laid-out box), not just its ink: an "x" is half its frame
            box = Box(*icon.frame(*_ink_box(gray, box).as_list())).clip(image.width, image.height)
        widgets.append(Widget("blob", box, icon=icon))
    return _switches(widgets)


def _switches(widgets: list[Widget]) -> list[Widget]:
    """A wide blob with a round knob at one end is a switch whose faint track left no outline."""
    knobs = [w for w in widgets if w.shape == "circle"]
    out = []
    for w in widgets:
        b = w.box
        if w.shape == "blob" and 1.3 <= b.width / max(1, b.height) <= 2.8:
            knob = next(
                (
                    k
                    for k in knobs
                    if k.box.intersection(b) >= 0.9 * k.box.area
                    and k.box.height >= 0.5 * b.height
                    and min(k.box.x0 - b.x0, b.x1 - k.box.x1) <= 0.2 * b.width
                ),
                None,
            )
            if knob is not None:
                on = knob.box.center[0] > b.center[0]
                out.append(Widget("pill", b, filled=True, fill=knob.fill, state="on" if on else "off"))
                continue
        out.append(w)
    return out
