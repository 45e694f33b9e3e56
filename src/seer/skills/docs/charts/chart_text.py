"""The chart's text: one OCR pass over the image, and the re-reads that recover what it missed
(tick labels in the margins, enlarged; category labels drawn at an angle, turned level).

    lines = plausible(ocr(image))
"""

from __future__ import annotations

import re

import cv2
import numpy as np

from ....perception.geometry import Box
from ....perception.image import Image, from_array
from ....perception.ocr import TextLine, read_lines
from .layout import Label, Layout
from .tick_format import clean_label

OCR_MAX_WIDTH = 1100  # larger charts are read at this width: their text is large enough, and OCR is the cost


def ocr(image: Image) -> list[TextLine]:
    """Text lines of the chart, read once (downscaled when wide; inverted when dark, since the
    recogniser reads dark text on light far better), in original pixels."""
    px = image.pixels
    border = np.concatenate([px[0], px[-1], px[:, 0], px[:, -1]]).astype(float)
    dark = float(border.mean()) < 90
    if image.width <= OCR_MAX_WIDTH and not dark:
        return read_lines(image)
    s = min(1.0, OCR_MAX_WIDTH / image.width)
    if s < 1:
        px = cv2.resize(px, (round(image.width * s), round(image.height * s)), interpolation=cv2.INTER_AREA)
    if dark:
        px = 255 - px
    return [TextLine(l.text, l.box.scale(1 / s), l.confidence) for l in read_lines(from_array(px, image.source))]


def read_rotated_labels(image: Image, lay: Layout) -> bool:
    """Category labels under the plot drawn at 45° or 90°: OCR the strip turned level, map back;
    whether they were found (then they replace `lay.x_labels`)."""
    if lay.y_axis is None:
        return False
    top = int(max(p for p, _ in lay.y_axis.ticks) + 0.6 * lay.text_height)
    x0 = lay.plot.x0
    strip = image.pixels[top:, x0:]
    if strip.shape[0] < 8 or strip.shape[1] < 8:
        return False
    zoom = 2.0 if lay.text_height < 18 else 1.0  # turned text is blurred; small text needs more pixels
    if zoom != 1.0:
        strip = cv2.resize(strip, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_CUBIC)
    for angle in (45, 90):
        h, w = strip.shape[:2]
        m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
        cos, sin = abs(m[0, 0]), abs(m[0, 1])
        nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
        m[0, 2] += nw / 2 - w / 2
        m[1, 2] += nh / 2 - h / 2
        turned = cv2.warpAffine(strip, m, (nw, nh), borderValue=tuple(int(v) for v in image.pixels[-1, -1]))
        if float(image.pixels[-1].mean()) < 90:
            turned = 255 - turned
        found = [l for l in read_lines(from_array(np.ascontiguousarray(turned), image.source)) if l.confidence >= 0.6]
        if len(found) < 2:
            continue
        inv = cv2.invertAffineTransform(m)
        ends = []
        for l in found:
            # the label's end nearest the axis (its right end, read level) marks the tick
            ex, ey = l.box.x1, (l.box.y0 + l.box.y1) / 2
            ox = (inv[0, 0] * ex + inv[0, 1] * ey + inv[0, 2]) / zoom + x0
            oy = (inv[1, 0] * ex + inv[1, 1] * ey + inv[1, 2]) / zoom + top
            ends.append((ox, oy, l.text))
        first = min(oy for _, oy, _ in ends)
        labels = [
            Label(float(ox), t, Box.of((ox - 2, oy - 2, ox + 2, oy + 2)))
            for ox, oy, t in ends
            if oy < first + 1.5 * lay.text_height
        ]
        labels = merge_close(sorted(labels, key=lambda l: l.pos))
        tall = bool(lay.x_labels) and np.median([l.box.height for l in lay.x_labels]) > 1.4 * lay.text_height
        if len(labels) >= max(2, 0.7 * len(lay.x_labels) if tall else len(lay.x_labels) + 1):
            lay.x_labels = labels
            lay.plot = Box(lay.plot.x0, lay.plot.y0, lay.plot.x1, min(lay.plot.y1, int(first - 2)))
            return True
    return False


def misread_row(lay: Layout) -> bool:
    """The labels under the plot look like turned text read level: tall boxes, or a few pieces
    where their spacing leaves room for many more."""
    labs = lay.x_labels
    if not labs:
        return False
    if np.median([l.box.height for l in labs]) > 1.4 * lay.text_height:
        return True
    gaps = np.diff(sorted(l.pos for l in labs))
    gaps = gaps[gaps > 0]
    return len(gaps) >= 2 and len(labs) < 0.4 * lay.plot.width / float(gaps.min())


def reread_margin(image: Image, lines: list[TextLine]) -> list[TextLine]:
    """The lines, with those in the left and bottom margins replaced by 2× enlarged re-reads."""
    w, h = max(8, int(0.18 * image.width)), max(8, int(0.16 * image.height))
    zoom = 2.0
    out = list(lines)
    for region in (Box(0, 0, w, image.height), Box(0, image.height - h, image.width, image.height)):
        strip = image.pixels[region.y0 : region.y1, region.x0 : region.x1]
        big = cv2.resize(strip, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_CUBIC)
        if float(image.pixels[-1].mean()) < 90:
            big = 255 - big
        found = [
            TextLine(clean_label(l.text), l.box.scale(1 / zoom).shift(region.x0, region.y0), l.confidence)
            for l in read_lines(from_array(np.ascontiguousarray(big), image.source))
        ]
        inner = region.pad(-2)
        found = [l for l in found if inner.contains(l.box.x0, l.box.y0) and inner.contains(l.box.x1 - 1, l.box.y1 - 1)]
        if found:
            out = [l for l in out if not (region.contains(*l.box.center))] + found
    return plausible(out)


def merge_close(labels: list[Label]) -> list[Label]:
    """One label per tick: pieces of one word read twice sit closer than the tick spacing."""
    if len(labels) < 3:
        return labels
    gap = float(np.median(np.diff([l.pos for l in labels])))
    out = [labels[0]]
    for l in labels[1:]:
        if l.pos - out[-1].pos < 0.45 * gap:
            if len(l.text) > len(out[-1].text):
                out[-1] = l
        else:
            out.append(l)
    return out


def plausible(lines: list[TextLine]) -> list[TextLine]:
    """Drop OCR detections that are marks, not text: big boxes, both wide and tall (unless surely
    read words: two rows of text read as one), or unsure."""
    if not lines:
        return lines
    h = float(np.median([l.box.height for l in lines]))
    out: list[TextLine] = []
    for l in lines:
        l = TextLine(clean_label(l.text), l.box, l.confidence)
        big = l.box.height > 2.5 * h and l.box.width > 2.5 * h
        if (
            l.confidence < 0.5
            or big
            and not (l.confidence >= 0.9 and l.box.height <= 3 * h and sum(c.isalpha() for c in l.text) >= 3)
        ):
            continue
        if any(o.text == l.text and o.box.intersection(l.box) > 0.5 * min(o.box.area, l.box.area) for o in out):
            continue  # the detector sometimes reports a line twice
        out.append(l)
    return out


def split_years(lines: list[TextLine]) -> list[TextLine]:
    """A row of three or more years OCR read as one line ('2008 2009 2010') split into one line per
    year, each at its share of the box (years are alike in width): each is a category label of
    its own. (Two years read together are left: often a start year set apart from the ticks.)"""
    out = []
    for l in lines:
        tokens = l.text.split()
        if len(tokens) < 3 or not all(re.fullmatch(r"(19|20)\d\d", t) for t in tokens):
            out.append(l)
            continue
        n, at, b = len(l.text), 0, l.box
        for t in tokens:
            x0 = b.x0 + b.width * at / n
            at += len(t) + 1
            out.append(TextLine(t, Box(int(x0), b.y0, int(b.x0 + b.width * min(n, at - 1) / n), b.y1), l.confidence))
    return out
