"""List rows: a stack of short text blocks in one column is a list, each block a row spanning the
list's surface, from halfway to the row above to halfway to the row below, swallowing its leading icon.

    list_rows(elements, image, gray, touch) -> elements
"""

from __future__ import annotations

import re
import statistics
from typing import TYPE_CHECKING

import numpy as np

from ...perception.geometry import Box
from ...perception.image import Image
from .links import underline_runs
from .strips import DECORATION
from .text_repair import ends_as_caption, word_count

if TYPE_CHECKING:
    from .layout import UIElement

OWN_CONTROL_ICONS = ("back", "close", "more", "menu")  # an app bar's or a row's own buttons, never a row's picture


def _free_text(e: UIElement) -> bool:
    return e.type == "text" and not e.static and bool(e.text.strip())


def _units(lines: list[UIElement]) -> list[list[UIElement]]:
    """Stack text lines into blocks: a title with its subtitle, or a paragraph's lines."""
    units: list[list[UIElement]] = []
    for e in sorted(lines, key=lambda e: (e.box.y0, e.box.x0)):
        for u in units:
            last = u[-1].box
            h = max(last.height, e.box.height)
            if -0.2 * h <= e.box.y0 - last.y1 < 0.8 * h and abs(e.box.x0 - u[0].box.x0) <= 0.8 * h:
                u.append(e)
                break
        else:
            units.append([e])
    return [part for u in units for part in _periodic_split(u)]


def _periodic_split(u: list[UIElement]) -> list[list[UIElement]]:
    """Rows set as tightly as a paragraph ("Mars / Starts at: .. / Ends at: .." repeated) split
    where the pattern repeats: the same first words at the same place in every period."""
    first = [e.text.split()[0].lower() if e.text.split() else "" for e in u]
    for p in (2, 3, 4):
        if len(u) < 2 * p:
            continue
        rest_same = all(first[i] == first[i % p] for i in range(len(u)) if i % p)
        heads = {first[i] for i in range(0, len(u), p)}
        if rest_same and len(heads) > 1:
            return [u[i : i + p] for i in range(0, len(u), p)]
    return [u]


def _row_like(u: list[UIElement]) -> bool:
    """A row's title is a short name, not a sentence; its subtitle is a phrase, not a paragraph."""
    title = (
        u[0].text.strip().removesuffix("...").removesuffix("…").removesuffix("..") or "."
    )  # "Save As..." opens a dialog
    return (
        sum(c.isalnum() for c in title) >= 2
        and word_count(title) <= 6
        and not ends_as_caption(title)
        and len(u) <= 3
        and all(word_count(e.text) <= 8 for e in u)
    )


def list_rows(elements: list[UIElement], image: Image, gray: np.ndarray, touch: bool) -> list[UIElement]:
    """On a touch screen a title in the accent colour without an underline is a row's title, no
    link. Elsewhere the rows of one list are of one kind: where some titles are links (a filter's
    chosen value in the link colour, the others in grey) every row is a link spanning the list."""
    captions = {e.caption_box for e in elements if e.caption_box is not None and not _switch_title(e)}
    # a stack already typed as menu items from its column alone is measured again from its text
    stacked = {
        id(e): (e.box, e.label_box)
        for e in elements
        if e.type == "menu_item" and e.state is None and e.label_box is not None
    }
    for e in elements:
        if id(e) in stacked and e.label_box is not None:
            e.type, e.box = "text", e.label_box
    lines = [
        e
        for e in elements
        if e.box not in captions
        and (_free_text(e) or e.type == "link" and not e.static and not underline_runs(gray, e.box))
    ]
    units = _units(lines)
    columns: list[list[list[UIElement]]] = []
    for u in sorted(units, key=lambda u: (u[0].box.x0, u[0].box.y0)):
        h = u[0].box.height
        col = next((c for c in columns if abs(c[0][0].box.x0 - u[0].box.x0) <= 0.8 * h), None)
        if col is None:
            columns.append([u])
        else:
            col.append(u)
    absorbed: set[int] = set()
    in_rows: set[int] = set()
    for col in columns:
        col.sort(key=lambda u: u[0].box.y0)
        for run in _runs(col):
            run = _same_surface(run, image)
            links = sum(u[0].type == "link" for u in run)
            if len(run) < 3 or touch and _prose_pitch(run) or not touch and links == len(run):
                continue  # a column of links alone on a page keeps its links' own boxes
            rows = _make_rows(run, elements, image, "link" if links and not touch else "menu_item")
            if rows is not None:
                absorbed |= rows
                in_rows |= {id(e) for u in run for e in u}
    # a row's subtitle belongs to its row, no menu item of its own
    for e in elements:
        if id(e) in stacked and e.type == "text" and id(e) not in in_rows:
            e.type, (e.box, e.label_box) = "menu_item", stacked[id(e)]
    return [e for e in elements if id(e) not in absorbed]


def _switch_title(e: UIElement) -> bool:
    """A switch or checkbox named by a title on its own line, to its left (a settings row): the title
    is still the row's, and the control stays a control inside that row."""
    c = e.caption_box
    return (
        e.type in ("toggle", "checkbox") and c is not None and c.x1 <= e.box.x0 and c.y0 < e.box.y1 and c.y1 > e.box.y0
    )


def _prose_pitch(run: list[list[UIElement]]) -> bool:
    """Blocks set closer than a touch list allows (a 48 dp row holds its text with room to spare
    above and below): a paragraph's lines, not list rows."""
    if len({len(u) for u in run}) == 1 and len(run[0]) > 1:
        return False  # blocks of one shape ("Mars / Starts at / Ends at" again and again) are records of a list
    gaps = [n[0].box.y0 - p[-1].box.y1 for p, n in zip(run, run[1:])]
    return statistics.median(gaps) < 1.5 * statistics.median(u[0].box.height for u in run)


def _runs(col: list[list[UIElement]]) -> list[list[list[UIElement]]]:
    """Consecutive row-like blocks of one column, close enough to be one list."""
    runs: list[list[list[UIElement]]] = []
    run: list[list[UIElement]] = []
    for u in col:
        h = u[0].box.height
        if run and (not _row_like(u) or u[0].box.y0 - run[-1][-1].box.y1 > 4.5 * h):
            runs.append(run)
            run = []
        if _row_like(u):
            run.append(u)
    runs.append(run)
    return runs


def _surface(u: list[UIElement], image: Image) -> np.ndarray:
    """Background colour behind a block's first line: the commonest colour in a ring just outside
    its box (inside a tight box of small or bold text, ink may be the commonest colour)."""
    b = u[0].box
    o = b.pad(3).clip(image.width, image.height)
    px = image.pixels
    ring = [
        px[o.y0 : b.y0, o.x0 : o.x1],
        px[b.y1 : o.y1, o.x0 : o.x1],
        px[b.y0 : b.y1, o.x0 : b.x0],
        px[b.y0 : b.y1, b.x1 : o.x1],
    ]
    flat = [p.reshape(-1, 3) for p in ring if p.size]
    return np.median(np.concatenate(flat), axis=0) if flat else np.zeros(3)


def _same_surface(run: list[list[UIElement]], image: Image) -> list[list[UIElement]]:
    """Drop blocks at either end that sit on another surface (an app bar's title above a list)."""
    if len(run) < 3:
        return run
    bgs = [_surface(u, image) for u in run]
    ref = np.median(np.stack(bgs), axis=0)
    keep = [float(np.abs(b - ref).max()) <= 30 for b in bgs]
    while run and not keep[0]:
        run, keep = run[1:], keep[1:]
    while run and not keep[-1]:
        run, keep = run[:-1], keep[:-1]
    return run


def _band(u: list[UIElement]) -> Box:
    return Box.union(e.box for e in u)


def _blocked(run: list[list[UIElement]], elements: list[UIElement], x0: int, x1: int) -> bool:
    """A form (a label beside its field) or a table (a column of cells, with cells beside it in
    aligned columns) is not a list. Only what lies on the list's own surface counts."""
    members = {id(e) for u in run for e in u}
    starts: dict[int, int] = {}
    for u in run:
        b = _band(u)
        beside = [
            o
            for o in elements
            if id(o) not in members
            and not o.static
            and (o.box.x0 >= b.x1 or o.box.x1 <= b.x0)
            and o.box.y0 < b.y1
            and o.box.y1 > b.y0
            and x0 <= o.box.center[0] < x1
        ]
        if any((o.type in ("input", "dropdown") or o.type == "button" and o.text) and o.box.x0 >= b.x1 for o in beside):
            return True
        for k in {
            o.box.x0 // max(6, b.height // 2) for o in beside if o.type in ("text", "link") and not _shortcut(o.text)
        }:
            starts[k] = starts.get(k, 0) + 1
    return any(v >= 0.6 * len(run) for v in starts.values())


SHORTCUT = re.compile(
    r"^(?:(?:ctrl|alt|shift|cmd|meta|super|opt|option|⌘|⌥|⇧|\^)\s*[+-]?\s*)+\S{1,6}$|^F\d{1,2}$", re.I
)


def _shortcut(text: str) -> bool:
    """A menu's key accelerator (Ctrl+Shift+S, Alt+W, F5) beside an item, not a table cell."""
    return bool(SHORTCUT.match(text.strip()))


def _make_rows(run: list[list[UIElement]], elements: list[UIElement], image: Image, kind: str) -> set[int] | None:
    """Type each block of a list as a row spanning the list's surface; None when it is no list."""
    bands = [_band(u) for u in run]
    text = Box.union(bands)
    pitch = [(p.y1 + n.y0) / 2 for p, n in zip(bands, bands[1:])]
    walls = [
        _walls(image, Box.of((text.x0, t, text.x1, b))) for t, b in zip([bands[0].y0] + pitch, pitch + [bands[-1].y1])
    ]
    x0, x1 = (round(statistics.median(w[i] for w in walls)) for i in (0, 1))
    if _blocked(run, elements, x0, x1):
        return None
    members = {id(e) for u in run for e in u}
    # a leading icon or avatar taller than the text belongs to the row's extent
    decos = [
        o
        for o in elements
        if id(o) not in members
        and o.type in DECORATION
        and not o.text
        and not o.static
        and o.name not in OWN_CONTROL_ICONS
        and x0 <= o.box.center[0] < x1
    ]
    ext = []
    for b in bands:
        own = [d.box for d in decos if d.box.y0 < b.y1 and d.box.y1 > b.y0 and d.box.height < 3 * b.height]
        ext.append(Box.union([b, *own]))
    gaps = [max(0, n.y0 - p.y1) for p, n in zip(ext, ext[1:])]
    half = statistics.median(gaps) / 2 if gaps else 0.5 * bands[0].height
    tops = [ext[0].y0 - half] + [(p.y1 + n.y0) / 2 for p, n in zip(ext, ext[1:])]
    bottoms = [(p.y1 + n.y0) / 2 for p, n in zip(ext, ext[1:])] + [ext[-1].y1 + half]
    absorbed: set[int] = set()
    for u, top, bottom in zip(run, tops, bottoms):
        title = u[0]
        row = Box.of((x0, top, x1, bottom)).clip(image.width, image.height)
        absorbed |= {id(d) for d in decos if _centre_in(d.box, row)}
        title.label_box, title.point = title.box, title.box.center
        title.type, title.box = kind, row
    return absorbed


def _centre_in(b: Box, outer: Box) -> bool:
    cx, cy = b.center
    return outer.contains(cx, cy)


def _walls(image: Image, band: Box) -> tuple[int, int]:
    """Left and right edges of the surface a band of content sits on: the nearest columns, outside
    the content, that differ from the band's background over its whole height (a card's edge)."""
    px = image.pixels[max(0, band.y0) : band.y1]
    if px.size == 0:
        return 0, image.width
    bg = np.median(px[:, max(0, band.x0 - 4) : band.x0 + 1].reshape(-1, 3), axis=0) if band.x0 > 0 else px[0, 0]
    off = (np.abs(px.astype(np.int16) - bg.astype(np.int16)).max(axis=2) > 5).mean(axis=0) >= 0.9
    left = np.nonzero(off[: max(0, band.x0)])[0]
    right = np.nonzero(off[band.x1 :])[0]
    return (int(left[-1]) + 1 if len(left) else 0), (band.x1 + int(right[0]) if len(right) else image.width)
