"""Strips of like controls in a line: tab strips, a window's menu bar, an activity bar of icon tabs.

    strips(elements, image, touch_target) -> elements

Each strip's labels (or icons) become cells that share the strip between them, split halfway
between neighbours, typed tab or menu_item.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

from ...perception.geometry import Box
from ...perception.image import Image

if TYPE_CHECKING:
    from .layout import UIElement

DECORATION = ("icon", "image", "button")  # an icon beside or above a label, when it carries no text


def strips(elements: list[UIElement], image: Image, touch_target: float = 0.0) -> list[UIElement]:
    """`touch_target` is the minimum tap size in pixels on a touch screen, 0 elsewhere."""
    elements = _tab_strips(elements, image, touch_target)
    if not touch_target:
        _menu_bar(elements, image)
        _icon_strips(elements, image)
    return _closable_tabs(elements, image)


def _closable_tabs(elements: list[UIElement], image: Image) -> list[UIElement]:
    """A label with a close mark at its right end, alone on its line, is an editor's or browser's tab:
    the tab spans its leading icon, the label and the mark."""
    absorbed: set[int] = set()
    for x in [e for e in elements if e.type == "icon" and e.name == "close" and not e.static]:
        cy, h = x.box.center[1], x.box.height
        left = sorted(
            (
                e
                for e in elements
                if e is not x
                and e.box.x1 <= x.box.x0
                and abs(e.box.center[1] - cy) <= 0.5 * h
                and e.type in ("text", "link", "checkbox", "radio", "icon")
            ),
            key=lambda e: -e.box.x1,
        )
        label = next((e for e in left[:2] if e.text), None)
        if (
            label is None
            or len(label.text.split()) > 4
            or any(e.box.x1 > label.box.x1 for e in left if e is not label and e.text)
        ):
            continue
        if x.box.x0 - label.box.x1 > 10 * label.box.height:
            continue  # a dialog's title with its close button at the far end, not a tab
        parts = [label.box, x.box] + ([label.label_box] if label.label_box else [])
        lead = next(
            (
                e
                for e in left
                if e is not label and not e.text and e.box.x1 <= label.box.x0 + 2 and label.box.x0 - e.box.x1 <= h
            ),
            None,
        )
        if lead is not None:
            parts.append(lead.box)
            absorbed.add(id(lead))
        both = Box.union(parts)
        label.label_box = label.label_box or label.box
        label.point = label.label_box.center
        label.type, label.state = "tab", None
        label.box = Box.of((both.x0 - 0.6 * h, both.y0 - 0.3 * h, both.x1 + 0.5 * h, both.y1 + 0.3 * h)).clip(
            image.width, image.height
        )
    return [e for e in elements if id(e) not in absorbed]


def _tab_strips(elements: list[UIElement], image: Image, target: float) -> list[UIElement]:
    """Three or more short labels alone on one line, spread evenly over most of the width: tabs."""
    free = [
        e
        for e in elements
        if e.type in ("text", "link")
        and not e.static
        and len(e.text.split()) <= 3
        and sum(c.isalnum() for c in e.text) >= 2
    ]
    rows: list[list[UIElement]] = []
    for e in sorted(free, key=lambda e: e.box.center[1]):
        if rows and abs(e.box.center[1] - rows[-1][0].box.center[1]) <= 0.35 * rows[-1][0].box.height:
            rows[-1].append(e)
        else:
            rows.append([e])
    absorbed: set[int] = set()
    for row in rows:
        row.sort(key=lambda e: e.box.x0)
        if len(row) < 3 or not _even_strip(row, elements, image.width):
            continue
        if any(_aligned_rows(row, other) for other in rows if other is not row):
            continue  # a table's header or body row, not a tab strip
        centres = [e.box.center[0] for e in row]
        mids = [(a + b) / 2 for a, b in zip(centres, centres[1:])]
        lefts = [max(0, 2 * centres[0] - mids[0])] + mids
        rights = mids + [min(image.width, 2 * centres[-1] - mids[-1])]
        h = max(e.box.height for e in row)
        cy = statistics.median(e.box.center[1] for e in row)
        half = max(0.5 * h + 0.6 * h, target / 2)
        for e, x0, x1 in zip(row, lefts, rights):
            cell = Box.of((x0, cy - half, x1, cy + half))
            above = [
                o
                for o in elements
                if o.type in DECORATION
                and not o.text
                and not o.static
                and x0 <= o.box.center[0] < x1
                and 0 <= e.box.y0 - o.box.y1 <= 1.5 * h
            ]
            if above:  # a bottom-navigation item: icon over label
                cell = Box.of((x0, min(o.box.y0 for o in above) - 0.3 * h, x1, e.box.y1 + 0.5 * h))
                absorbed |= {id(o) for o in above}
            e.label_box, e.point = e.box, e.box.center
            e.type, e.box = "tab", cell.clip(image.width, image.height)
    return [e for e in elements if id(e) not in absorbed]


def _even_strip(row: list[UIElement], elements: list[UIElement], width: int) -> bool:
    span = row[-1].box.center[0] - row[0].box.center[0]
    steps = [b.box.center[0] - a.box.center[0] for a, b in zip(row, row[1:])]
    if span < 0.45 * width or min(steps) <= 0 or statistics.pstdev(steps) > 0.25 * statistics.mean(steps):
        return False
    band = Box.union(e.box for e in row)
    members = {id(e) for e in row}
    others = [
        o
        for o in elements
        if id(o) not in members
        and o.type in ("text", "link", "button", "input")
        and o.box.y0 < band.y1
        and o.box.y1 > band.y0
    ]
    return not others


def _aligned_rows(row: list[UIElement], other: list[UIElement]) -> bool:
    if len(other) < 3:
        return False
    tol = 0.6 * row[0].box.height
    return sum(any(abs(a.box.center[0] - b.box.center[0]) <= tol for b in other) for a in row) >= 0.6 * len(row)


def _menu_bar(elements: list[UIElement], image: Image) -> None:
    """A window's menu bar: three or more single words in a tight row at the top left (File Edit View)."""
    top = [
        e
        for e in elements
        if e.type in ("text", "link")
        and not e.static
        and len(e.text.split()) == 1
        and e.text[:1].isupper()
        and e.box.center[1] < 0.1 * image.height
    ]
    top.sort(key=lambda e: e.box.x0)
    first = next((e for e in top if e.box.x0 < 0.2 * image.width), None)
    if first is None:
        return
    row = [first]
    for e in top:
        h = e.box.height
        if e.box.x0 <= row[-1].box.x0 or abs(e.box.center[1] - first.box.center[1]) > 0.4 * max(h, first.box.height):
            continue
        if e.box.x0 - row[-1].box.x1 > 3 * h:
            break
        row.append(e)
    if len(row) < 3:
        return
    gaps = [b.box.x0 - a.box.x1 for a, b in zip(row, row[1:])]
    half = statistics.median(gaps) / 2
    cuts = [row[0].box.x0 - half] + [(a.box.x1 + b.box.x0) / 2 for a, b in zip(row, row[1:])] + [row[-1].box.x1 + half]
    for e, x0, x1 in zip(row, cuts, cuts[1:]):
        pad = 0.8 * e.box.height
        e.label_box, e.point = e.box, e.box.center
        e.type, e.box = "menu_item", Box.of((x0, e.box.y0 - pad, x1, e.box.y1 + pad)).clip(image.width, image.height)


def _icon_strips(elements: list[UIElement], image: Image) -> None:
    """Three or more icons stacked at a window's left or right edge, evenly: an activity bar's tabs."""
    # an outlined icon may read as a ticked box, but an empty box is a list's checkbox, not a bar's icon
    edge = [
        e
        for e in elements
        if e.type in ("icon", "radio", "checkbox")
        and not e.static
        and not e.text
        and not (e.type != "icon" and e.state == "unchecked")
        and (e.box.x1 < 0.06 * image.width or e.box.x0 > 0.94 * image.width)
    ]
    columns: list[list[UIElement]] = []
    for e in sorted(edge, key=lambda e: e.box.center[0]):
        if columns and abs(e.box.center[0] - columns[-1][0].box.center[0]) <= 6:
            columns[-1].append(e)
        else:
            columns.append([e])
    for col in columns:
        side = col[0].box.x1 < 0.5 * image.width
        col.sort(key=lambda e: e.box.y0)
        runs, run = [], []
        for e in col:
            if run and e.box.y0 - run[-1].box.y1 > 3 * e.box.height:
                runs.append(run)
                run = []
            run.append(e)
        runs.append(run)
        for run in runs:
            steps = [b.box.center[1] - a.box.center[1] for a, b in zip(run, run[1:])]
            if len(run) < 2 or statistics.pstdev(steps) > 0.3 * statistics.mean(steps):
                continue
            # the icons sit centred in a bar against the window's edge
            cx = statistics.median(e.box.center[0] for e in run)
            x0, x1 = (0, 2 * cx) if side else (2 * cx - image.width, image.width)
            cuts = (
                [run[0].box.center[1] - steps[0] / 2]
                + [(a.box.center[1] + b.box.center[1]) / 2 for a, b in zip(run, run[1:])]
                + [run[-1].box.center[1] + steps[-1] / 2]
            )
            for e, y0, y1 in zip(run, cuts, cuts[1:]):
                e.label_box, e.point = e.box, e.box.center
                e.type, e.box = "tab", Box.of((x0, y0, x1, y1)).clip(image.width, image.height)
