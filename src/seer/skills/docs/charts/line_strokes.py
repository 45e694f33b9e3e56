"""Numbers printed on a line, read again with the line taken away: OCR drops a label that its
own line runs through (the stroke joins the digits into one shape), so the line's straight
segments between its points are painted over with the page colour and the plot is read once more.

    lines = merged(lines, reread_on_lines(image, marks, plot, positions, text_height))
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ....perception.geometry import Box
from ....perception.image import Image, from_array
from ....perception.ocr import TextLine, read_lines
from . import ink
from .classify import Marks
from .tick_format import parse_number

CANDIDATES = 4  # rows tried per probe column: the stroke, and text or another line crossing there


@dataclass(frozen=True)
class Reread:
    found: list[TextLine]  # the numbers read with the strokes erased
    stroke: np.ndarray  # boolean, image-sized: where the strokes were
    digits: int  # how many digits the chart's numbers mostly have

    def revise(self, lines: list[TextLine]) -> list[TextLine]:
        """`lines` with the numbers read again, and without lone digits on a stroke where the
        chart prints longer numbers (what the stroke left of a label)."""

        def fragment(l: TextLine) -> bool:
            b = l.box
            return (
                self.digits >= 2
                and sum(c.isdigit() for c in l.text) == 1
                and parse_number(l.text) is not None
                and bool(self.stroke[max(0, b.y0 - 1) : b.y1 + 1, max(0, b.x0 - 1) : b.x1 + 1].any())
            )

        return merged([l for l in lines if not fragment(l)], self.found)


def reread_on_lines(image: Image, marks: list[Marks], plot: Box, positions: list[float], h: float) -> Reread | None:
    """Numbers read in the plot once every traced line's stroke is erased (None when no stroke
    was found); `positions` are the category columns (image x) where the points sit, `h` the
    text height. A point with no number of two or more digits near it is read again alone, on
    the plot with the stroke erased wide (its soft edge too) and narrow (less of a digit it
    crosses goes with it)."""
    cols = sorted(p - plot.x0 for p in positions)
    if len(cols) < 2 or not marks:
        return None
    segments, dots = [], np.zeros((plot.height, plot.width), bool)
    for m in marks:
        for a, b in zip(cols, cols[1:]):
            seg = find_segment(m.mask, int(round(a)), int(round(b)))
            if seg is not None:
                segments.append(seg)
                dots |= _dot(m.mask, seg.a, seg.row_a, seg.width) | _dot(m.mask, seg.b, seg.row_b, seg.width)
    if not segments:
        return None
    wide, narrow = (_erased(image, plot, segments, dots, margin) for margin in (2.0, 0.75))
    found = _numbers(read_lines(wide, region=plot))
    half = 0.5 * float(np.median(np.diff(cols)))
    points = sorted({(s.a, s.row_a) for s in segments} | {(s.b, s.row_b) for s in segments})
    # a lone digit read where the chart prints two or more is what a stroke left of a label
    digits = sorted(sum(c.isdigit() for c in l.text) for l in found)
    fewest = digits[len(digits) // 2] if len(digits) >= 3 else 1
    found = [l for l in found if sum(c.isdigit() for c in l.text) >= min(2, fewest)]
    for x, y in points:
        x, y = x + plot.x0, y + plot.y0
        window = Box(int(x - half), int(y - 3 * h), int(x + half), int(y + 3 * h)).clip(image.width, image.height)
        for variant in (wide, narrow):
            if any(window.contains(*l.box.center) and sum(c.isdigit() for c in l.text) >= 2 for l in found):
                break
            alone = [
                l
                for l in _numbers(_read_window(variant, window, h))
                if sum(c.isdigit() for c in l.text) >= min(2, fewest)
            ]
            found = merged(found, alone)
    stroke = np.zeros(image.pixels.shape[:2], bool)
    for seg in segments:
        stroke[plot.y0 : plot.y1, plot.x0 : plot.x1] |= seg.pixels((plot.height, plot.width), 2.0)
    return Reread(found, stroke, fewest)


def _read_window(image: Image, window: Box, h: float) -> list[TextLine]:
    """The text in one window, enlarged first when the chart's text is small (the recogniser
    reads small digits far better at twice the size)."""
    if h >= 16 or window.width < 4 or window.height < 4:
        return read_lines(image, region=window)
    crop = image.pixels[window.y0 : window.y1, window.x0 : window.x1]
    big = cv2.resize(crop, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)
    return [
        TextLine(l.text, l.box.scale(0.5).shift(window.x0, window.y0), l.confidence)
        for l in read_lines(from_array(np.ascontiguousarray(big), image.source))
    ]


def _numbers(lines: list[TextLine]) -> list[TextLine]:
    """The numbers read, without a lone '1': on a plot with its lines erased, that is a rule or a
    stroke's remnant far more often than a label."""
    return [l for l in lines if l.confidence >= 0.5 and parse_number(l.text) is not None and l.text.strip() != "1"]


def _erased(image: Image, plot: Box, segments: list[Segment], dots: np.ndarray, margin: float) -> Image:
    """The image with the segments' strokes (`margin` px wider each side) filled in from around
    them: the page where only the stroke was, a digit's ink where a digit crosses it; the
    point markers painted over whole (a marker is no text)."""
    gone = np.zeros_like(dots)
    for s in segments:
        gone |= s.pixels(gone.shape, margin)
    clean = image.pixels.copy()
    part = np.ascontiguousarray(clean[plot.y0 : plot.y1, plot.x0 : plot.x1])
    part[dots] = ink.background(image.pixels)  # first, so the fill does not spread a marker's ink
    part = cv2.inpaint(part, (gone & ~dots).astype(np.uint8), 2, cv2.INPAINT_TELEA)
    clean[plot.y0 : plot.y1, plot.x0 : plot.x1] = part
    return from_array(clean, image.source)


def merged(lines: list[TextLine], extra: list[TextLine]) -> list[TextLine]:
    """`lines` with the numbers read again: a new reading replaces the numbers it overlaps when
    it says more ('57' for the '5' and '7' the stroke split) or is surer; text elsewhere stays."""
    out = list(lines)
    for e in extra:
        over = [o for o in out if e.box.intersection(o.box) > 0.3 * min(e.box.area, o.box.area)]
        if not over:
            out.append(e)
        elif (
            all(parse_number(o.text) is not None for o in over)
            and [o.text for o in over] != [e.text]
            and (len(e.text) > max(len(o.text) for o in over) or e.confidence > max(o.confidence for o in over))
        ):
            out = [o for o in out if all(o is not v for v in over)] + [e]
    return out


@dataclass(frozen=True)
class Segment:
    """A straight stroke from column `a` to column `b` of a plot mask."""

    a: int
    b: int
    row_a: float  # the stroke's row at its two ends
    row_b: float
    width: float  # across the stroke

    def pixels(self, shape: tuple[int, ...], margin: float) -> np.ndarray:
        """The stroke's pixels, `margin` px wider on each side."""
        slope = (self.row_b - self.row_a) / max(1, self.b - self.a)
        gy, gx = np.mgrid[0 : shape[0], 0 : self.b - self.a + 1]
        dist = np.abs(gy - (self.row_a + slope * gx)) / np.hypot(1.0, slope)
        out = np.zeros(shape[:2], bool)
        out[:, self.a : self.b + 1] = dist <= 0.5 * self.width + margin
        return out


def find_segment(mask: np.ndarray, a: int, b: int) -> Segment | None:
    """The straight stroke from column `a` to column `b` of `mask` (a boolean mask of one colour,
    text of that colour included), or None when none runs there. Text is the minority of the
    pixels between two points, so the line most pixels lie on is the stroke."""
    h, w = mask.shape
    a, b = max(0, a), min(w - 1, b)
    if b - a < 6:
        return None
    sub = mask[:, a : b + 1]
    ys, xs = np.nonzero(sub)
    if len(xs) < 0.5 * (b - a):
        return None
    q1, q3 = int(0.25 * (b - a)), int(0.75 * (b - a))
    best = None
    for r1 in _run_centres(sub[:, q1]):
        for r3 in _run_centres(sub[:, q3]):
            slope = (r3 - r1) / (q3 - q1)
            d = np.abs(ys - (r1 + slope * (xs - q1))) / np.hypot(1.0, slope)
            support = int((d <= 2.0).sum())
            if best is None or support > best[0]:
                best = (support, r1, slope)
    if best is None or best[0] < 0.8 * (b - a):
        return None  # no stroke spans the segment (a gap in the line, or only text here)
    _, r1, slope = best
    d = np.abs(ys - (r1 + slope * (xs - q1))) / np.hypot(1.0, slope)
    # the stroke's width across itself: its pixels per column, turned by its slope
    width = (d <= 2.5).sum() / (b - a + 1) / np.hypot(1.0, slope)
    return Segment(a, b, r1 - slope * q1, r1 + slope * (b - a - q1), float(width))


def _dot(mask: np.ndarray, col: float, row: float, width: float) -> np.ndarray:
    """The marker at a point: the part of the mask near it thicker than the stroke (an opening
    keeps a filled dot, not a line or text), a pixel wider for its soft edge."""
    h, w = mask.shape
    r = int(1.5 * width + 4)
    y0, y1, x0, x1 = max(0, int(row) - r), min(h, int(row) + r + 1), max(0, int(col) - r), min(w, int(col) + r + 1)
    out = np.zeros_like(mask)
    if y1 <= y0 or x1 <= x0:
        return out
    k = max(3, int(round(width)) + 2)
    near = mask[y0:y1, x0:x1].astype(np.uint8)
    thick = cv2.morphologyEx(near, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    out[y0:y1, x0:x1] = cv2.dilate(thick, np.ones((3, 3), np.uint8)).astype(bool)
    return out


def _run_centres(column: np.ndarray) -> list[float]:
    """Centres of the runs of True in a column, the longest first (at most CANDIDATES)."""
    if not column.any():
        return []
    d = np.diff(np.concatenate([[0], column.astype(np.int8), [0]]))
    starts, ends = np.nonzero(d == 1)[0], np.nonzero(d == -1)[0]
    order = np.argsort(starts - ends)[:CANDIDATES]
    return [float((starts[k] + ends[k] - 1) / 2) for k in order]
