"""Links read from the pixels: underlined text, a breadcrumb trail's names, a link that wraps.

    underlined_links(elements, image, gray) -> elements
    breadcrumbs(elements, gray) -> elements
    wrapped_links(elements) -> elements

Underlined text is a link whatever its colour (an underline under part of a line splits it); the
names of a breadcrumb trail (Home › Settings › Users) are links but the last; a link whose text
wraps onto the next line is one link over both lines.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from ...perception.geometry import Box
from ...perception.image import Image
from ...perception.ocr import read_lines
from .text_repair import ends_as_caption

if TYPE_CHECKING:
    from .layout import UIElement


def underlined_links(elements: list[UIElement], image: Image, gray: np.ndarray) -> list[UIElement]:
    """Underlined text is a link, whatever its colour; an underline under part of a line ("Home >
    Settings > Users") marks the links in it, which are read again on their own."""
    out: list[UIElement] = []
    for e in elements:
        runs = underline_runs(gray, e.box) if e.type == "text" and len(e.text) >= 3 else []
        if runs and sum(x1 - x0 for x0, x1 in runs) >= 0.85 * e.box.width:
            e.type = "link"
        elif runs:
            out.extend(_split_at_underlines(e, runs, image))
            continue
        out.append(e)
    return out


def underline_runs(gray: np.ndarray, b: Box) -> list[tuple[int, int]]:
    """Column spans of a thin line under the glyphs: a row with an unbroken ink run of 2.5 x-heights."""
    h = b.height
    y0, y1 = b.y0 + round(0.55 * h), min(gray.shape[0], b.y1 + max(3, round(0.15 * h)))
    crop = gray[y0:y1, b.x0 : b.x1].astype(np.float32)
    if crop.shape[0] < 2 or crop.shape[1] < 2.5 * h:
        return []
    diff = np.abs(crop - np.median(gray[b.y0 : b.y1, b.x0 : b.x1]))
    ink = diff > max(20.0, 0.2 * float(diff.max()))  # a faint underline under bright text still counts
    rows = []
    for i, r in enumerate(ink):
        spans = _spans(r, min_len=2.5 * h, gap=max(2, round(0.3 * h)))
        if spans:
            rows.append((i, spans))
    if not rows or len(rows) > max(2, round(0.15 * h)):
        return []  # a bar or a box edge, not an underline
    merged: list[list[int]] = []  # underlines of several links may sit a pixel apart
    for x0, x1 in sorted(span for _, spans in rows for span in spans):
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(b.x0 + x0, b.x0 + x1) for x0, x1 in merged]


def _spans(row: np.ndarray, min_len: float, gap: int) -> list[tuple[int, int]]:
    """Runs of True at least `min_len` long, bridging breaks up to `gap` (underlines skip descenders)."""
    padded = np.concatenate([[False], row, [False]]).astype(np.int8)
    d = np.diff(padded)
    runs: list[list[int]] = []
    for a, z in zip(np.nonzero(d == 1)[0], np.nonzero(d == -1)[0]):
        if runs and a - runs[-1][1] <= gap:
            runs[-1][1] = int(z)
        else:
            runs.append([int(a), int(z)])
    # bridged breaks must stay small: the bottoms of a word's letters are no underline
    return [(a, z) for a, z in runs if z - a >= min_len and row[a:z].mean() >= 0.85]


def _split_at_underlines(e: UIElement, runs: list[tuple[int, int]], image: Image) -> list[UIElement]:
    b = e.box
    cuts = [b.x0] + [v for r in runs for v in r] + [b.x1]
    out = []
    for i, (x0, x1) in enumerate(zip(cuts, cuts[1:])):
        if x1 - x0 < b.height:
            continue
        region = Box(x0 - 2, b.y0 - 3, x1 + 2, b.y1 + 3).clip(image.width, image.height)
        for line in read_lines(image, region=region):
            out.append(replace(e, type="link" if i % 2 else "text", text=line.text, box=line.box))
    return out or [e]


CRUMB_MARKS = "›>»"


def breadcrumbs(elements: list[UIElement], gray: np.ndarray) -> list[UIElement]:
    """A trail of short names between small separators ("Home › Settings › Users") is a breadcrumb:
    each name but the last (the page one is on) is a link, boxed on its own ink."""
    out: list[UIElement] = []
    for e in elements:
        words = [w for w in e.text.split() if w not in CRUMB_MARKS] if e.type == "text" else []
        parts = _crumb_parts(gray, e.box, words) if len(words) >= 2 else None
        if parts is None:
            out.append(e)
            continue
        for i, (text, (x0, x1)) in enumerate(parts):
            out.append(
                replace(
                    e, type="link" if i < len(parts) - 1 else "text", text=text, box=Box(x0, e.box.y0, x1, e.box.y1)
                )
            )
    return out


def _crumb_parts(gray: np.ndarray, b: Box, words: list[str]) -> list[tuple[str, tuple[int, int]]] | None:
    """The names of a trail with their column spans: the line's ink falls into word-wide clusters,
    and small marks standing alone between them (a ›, whether or not it was read) cut it into names.
    None unless there is a mark and the clusters match the words read."""
    crop = gray[b.y0 : b.y1, b.x0 : b.x1].astype(np.int16)
    if crop.size == 0:
        return None
    diff = np.abs(crop - np.median(crop))
    ink = diff > max(30, 0.35 * int(diff.max()))  # the page one is on is often set dimmer
    h = b.height
    clusters, start, gap = [], None, 0
    for x, on in enumerate(np.concatenate([ink.any(axis=0), np.zeros(h, bool)])):  # blank columns close the last one
        if on:
            start, gap = (x if start is None else start), 0
            continue
        gap += 1
        if start is not None and gap >= max(3, round(0.3 * h)):
            clusters.append((start, x - gap + 1))
            start = None
    names: list[list[tuple[int, int]]] = [[]]
    for i, (x0, x1) in enumerate(clusters):
        rows = np.nonzero(ink[:, x0:x1].any(axis=1))[0]
        mark = 0 < i < len(clusters) - 1 and x1 - x0 <= 0.65 * h and 0.25 * h <= rows[-1] - rows[0] < 0.6 * h
        if mark:
            names.append([])
        else:
            names[-1].append((x0, x1))
    if len(names) < 2 or any(not n or len(n) > 5 for n in names) or sum(map(len, names)) != len(words):
        return None
    out, k = [], 0
    for n in names:
        out.append((" ".join(words[k : k + len(n)]), (b.x0 + n[0][0], b.x0 + n[-1][1])))
        k += len(n)
    return out


def wrapped_links(elements: list[UIElement]) -> list[UIElement]:
    """A link whose text wraps onto the next line (that line goes on in lower case, or opens a
    bracket) is one link over both lines, as a browser lays it out."""
    links = sorted((e for e in elements if e.type == "link"), key=lambda e: e.box.y0)
    dropped: set[int] = set()
    for a in links:
        if id(a) in dropped:
            continue
        h = a.box.height  # one line's height: the gap to a next line is measured in lines, not in the grown link
        for b in links:
            head = b.text.strip()[:1]
            if (
                id(b) in dropped
                or b is a
                or abs(b.box.x0 - a.box.x0) > 0.5 * h
                or not 0 <= b.box.y0 - a.box.y1 < 0.9 * h
                or not (head.islower() or head in "([")
                or ends_as_caption(a.text)
            ):
                continue
            a.text, a.box = f"{a.text} {b.text}", Box.union([a.box, b.box])
            dropped.add(id(b))
    return [e for e in elements if id(e) not in dropped]


SORT_MARKS = ("sort", "chevron_up", "chevron_down")  # a sorted column's arrow


def sortable_headers(elements: list[UIElement]) -> None:
    """A table's header row that shows a sort mark (the sorted column drawn as a box with an arrow,
    or a sort icon) is sortable: each header is a link spanning its cell, to the next header. A header
    row is three or more labels in capitals on one line, over columns of cells that start where they do."""
    caps = [
        e
        for e in elements
        if e.type in ("text", "button")
        and not e.static
        and _caps_label(e.text)
        and (e.type == "text" or e.label_box is not None and e.box.height <= e.label_box.height + 4)
    ]  # a bare label
    for head in caps:
        h = head.box.height
        row = sorted((e for e in caps if abs(e.box.center[1] - head.box.center[1]) <= 0.3 * h), key=lambda e: e.box.x0)
        if row[0] is not head or len(row) < 3 or not _over_columns(row, elements):
            continue
        band = (head.box.y0 - 1.5 * h, head.box.y1 + 1.5 * h)
        marks = [
            e
            for e in elements
            if (e.type == "dropdown" or e.name in SORT_MARKS)
            and band[0] <= e.box.center[1] <= band[1]
            and e.box.x1 <= row[-1].box.x0
        ]
        if not marks:
            continue
        boxes = {id(m) for m in marks if m.type == "dropdown"}  # a sorted column drawn as a box is its cell
        cells = sorted(row + [m for m in marks if id(m) in boxes], key=lambda e: e.box.x0)
        y0, y1 = (
            (min(m.box.y0 for m in cells if id(m) in boxes), max(m.box.y1 for m in cells if id(m) in boxes))
            if boxes
            else band
        )
        pad = round(h)
        for e, nxt in zip(cells, [*cells[1:], None]):
            if id(e) in boxes:
                e.type, e.text, e.label = "link", "", ""
                continue
            x1 = e.box.x1 + pad if nxt is None else nxt.box.x0 - (0 if id(nxt) in boxes else pad)
            e.label_box, e.point = e.box, e.box.center
            e.type, e.box = "link", Box.of((e.box.x0 - pad, y0, x1, y1))


def _caps_label(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(text.split()) <= 3


def _over_columns(row: list[UIElement], elements: list[UIElement]) -> bool:
    """At least two of the labels head a column: two or more cells below start within a line height."""
    headed = 0
    for e in row:
        h = e.box.height
        below = [
            o
            for o in elements
            if o.text and o.box.y0 > e.box.y1 and o.box.y0 - e.box.y1 < 12 * h and abs(o.box.x0 - e.box.x0) <= h
        ]
        headed += len(below) >= 2
    return headed >= 2
