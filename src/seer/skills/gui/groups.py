"""Passes over typed elements: reading order, tab strips, captions of fields, menu columns."""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

import numpy as np

from ...perception.geometry import Box
from ...perception.ocr import TextLine

if TYPE_CHECKING:
    from .layout import UIElement


def reading_order(elements: list[UIElement]) -> list[UIElement]:
    rest = sorted(elements, key=lambda e: (e.box.center[1], e.box.x0))
    rows: list[list[UIElement]] = []
    for e in rest:
        cy = e.box.center[1]
        if rows:
            anchor = rows[-1][0]
            tol = max(6, 0.5 * min(anchor.box.height, e.box.height))
            if abs(cy - anchor.box.center[1]) <= tol:
                rows[-1].append(e)
                continue
        rows.append([e])
    ordered = [e for row in rows for e in sorted(row, key=lambda e: e.box.x0)]
    for i, e in enumerate(ordered, 1):
        e.id = i
    return ordered


def tab_row(px: np.ndarray, line: TextLine) -> int:
    """Bottom y of a thick bar just under a text line (the selected tab's underline), or 0."""
    """A thick coloured bar just under a text line: the selected tab of a tab strip."""
    b = line.box
    h, w = px.shape[:2]
    y0, y1 = max(b.y0 + b.height // 2, b.y1 - 5), min(h, b.y1 + 16)
    if y1 - y0 < 3 or b.width < 8:
        return False
    bg = np.median(px[max(0, b.y0 - 4) : b.y0, b.x0 : b.x1].reshape(-1, 3), axis=0) if b.y0 > 4 else px[y0, b.x0]
    strip = np.abs(px[y0:y1, b.x0 : b.x1].astype(np.float32) - bg).max(axis=2) > 40
    lx0, rx1 = max(0, b.x0 - 18), min(w, b.x1 + 18)
    left = (
        np.abs(px[y0:y1, lx0 : max(lx0, b.x0 - 6)].astype(np.float32) - bg).max(axis=2) > 40 if b.x0 - 6 > lx0 else None
    )
    right = np.abs(px[y0:y1, b.x1 + 6 : rx1].astype(np.float32) - bg).max(axis=2) > 40 if rx1 > b.x1 + 6 else None
    bar, last = 0, 0
    for i in range(strip.shape[0]):
        if strip[i].mean() <= 0.85:
            continue
        if (left is None or left[i].mean() < 0.5) and (right is None or right[i].mean() < 0.5):
            bar, last = bar + 1, y0 + i + 1
    return last if 2 <= bar <= 4 else 0


def attach_captions(elements: list[UIElement], scale: float = 1.0) -> None:
    """Give each unlabeled field the text that names it: on its left in the same row, or just above."""
    texts = [e for e in elements if e.type in ("text", "link")]
    for e in elements:
        if e.type not in ("input", "dropdown", "toggle") or e.label:
            continue
        b = e.box
        best, best_d = None, 1e9
        for t in texts:
            tb = t.box
            same_row = abs(tb.center[1] - b.center[1]) <= max(8, 0.5 * b.height) and tb.x1 <= b.x0 + 4
            if same_row:
                d = b.x0 - tb.x1
                blocked = any(
                    o is not e
                    and o.box.x0 >= tb.x1 - 2
                    and o.box.x1 <= b.x0 + 2
                    and abs(o.box.center[1] - b.center[1]) <= b.height
                    for o in elements
                    if o is not t
                )
                if d <= 600 * max(1.0, scale) and not blocked and d < best_d:
                    best, best_d = t, d
            above = (
                -5 <= b.y0 - tb.y1 <= 28 * scale
                and tb.x0 < b.x1
                and tb.x1 > b.x0
                and abs(tb.x0 - b.x0) <= max(40 * scale, 0.3 * b.width)
            )
            if above and max(0, b.y0 - tb.y1) * 2 < best_d:
                best, best_d = t, max(0, b.y0 - tb.y1) * 2
        if best is not None:
            best = _title_over(best, texts, b)
            e.label, e.caption_box = best.text, best.box


def _title_over(t: UIElement, texts: list[UIElement], control: Box) -> UIElement:
    """Of a two-line row (title over subtitle) beside a control, the title names it: "Wi-Fi", not the network it is on."""
    tb = t.box
    for u in texts:
        ub = u.box
        if (
            u is not t
            and abs(ub.x0 - tb.x0) <= max(6, 0.5 * tb.height)
            and 0 <= tb.y0 - ub.y1 <= max(ub.height, tb.height)
            and control.y0 - control.height <= ub.center[1] <= control.y1
            and ub.x1 <= control.x0
        ):
            return u
    return t


def menu_stacks(elements: list[UIElement], width: int) -> None:
    """Left-aligned columns of short texts beside a selected row, or in a left sidebar: menu items."""
    captions = {e.caption_box for e in elements if e.caption_box is not None}
    # a link keeps its type and box: a sidebar of links is navigation, as the page itself declares it
    free = [e for e in elements if e.type == "text" and e.box not in captions and len(e.text.split()) <= 4]
    selected = [e for e in elements if e.type == "menu_item" and e.label_box is not None]
    columns: list[list[UIElement]] = []
    for e in sorted(free, key=lambda e: (e.box.x0, e.box.y0)):
        for col in columns:
            if abs(col[0].box.x0 - e.box.x0) <= 4:
                col.append(e)
                break
        else:
            columns.append([e])
    for col in columns:
        col.sort(key=lambda e: e.box.y0)
        runs, run = [], [col[0]]
        for a, b in zip(col, col[1:]):
            h = max(a.box.height, b.box.height)
            if b.box.y0 - a.box.y0 <= 4.5 * h:
                run.append(b)
            else:
                runs.append(run)
                run = [b]
        runs.append(run)
        for run in runs:
            if _set_as_prose(run):
                continue
            x0 = run[0].box.x0
            sel = [
                m
                for m in selected
                if abs(m.label_box.x0 - x0) <= 4
                and run[0].box.y0 - 5 * run[0].box.height <= m.box.center[1] <= run[-1].box.y1 + 5 * run[-1].box.height
            ]
            side = (
                x0 < 0.22 * width
                and len(run) >= 4
                and all(
                    not any(
                        o is not e
                        and 0 < o.box.x0 - e.box.x1 < 80
                        and abs(o.box.center[1] - e.box.center[1]) < e.box.height
                        for o in elements
                    )
                    for e in run
                )
            )
            if side and (_table_column(run, elements) or not _pane_beside(run, elements)):
                side = False
            if not ((sel and len(run) >= 2) or side):
                continue
            right = max(max(e.box.x1 for e in run) + 12, sel[0].box.x1 if sel else 0)
            left = sel[0].box.x0 if sel else x0 - 12
            half = (sel[0].box.height // 2) if sel else None
            for e in run:
                hh = half or round(0.5 * e.box.height + 6)
                cy = e.box.center[1]
                e.label_box = e.box
                e.box = Box(left, cy - hh, right, cy + hh)
                e.type = "menu_item"
                e.point = e.label_box.center


def _pane_beside(run: list[UIElement], elements: list[UIElement]) -> bool:
    """A sidebar sits beside the main pane: something lies to its right, beyond its widest item
    (a phone's page, whose lines all start at the left margin, has nothing there)."""
    band = Box.union(e.box for e in run)
    return any(o.box.x0 > band.x1 + 40 and o.box.y0 < band.y1 and o.box.y1 > band.y0 for o in elements)


def _set_as_prose(run: list[UIElement]) -> bool:
    """Lines stacked as tightly as a paragraph's (a dialog's message, a list of links) are not menu items,
    which stand apart by at least their own height's worth of padding."""
    gaps = [b.box.y0 - a.box.y1 for a, b in zip(run, run[1:])]
    return bool(gaps) and statistics.median(gaps) < 0.45 * statistics.median(e.box.height for e in run)


def _table_column(run: list[UIElement], elements: list[UIElement]) -> bool:
    """Most items of the run have a neighbour to the right in one shared column: table cells."""
    starts: dict[int, int] = {}
    for e in run:
        for o in elements:
            if o is not e and o.box.x0 > e.box.x1 and abs(o.box.center[1] - e.box.center[1]) < 0.6 * e.box.height:
                starts[o.box.x0 // 6] = starts.get(o.box.x0 // 6, 0) + 1
    return sum(v >= 0.6 * len(run) for v in starts.values()) >= 2


def clusters(elements: list[UIElement]) -> list[list[UIElement]]:
    """Groups of like elements laid out together: a column (left edges aligned, evenly stacked) or a row."""
    groups: list[list[UIElement]] = []
    for e in sorted(elements, key=lambda e: (e.box.y0, e.box.x0)):
        for g in groups:
            last = g[-1]
            h = max(last.box.height, e.box.height)
            column = abs(last.box.x0 - e.box.x0) <= max(8, 0.5 * h) and 0 <= e.box.y0 - last.box.y1 <= 6 * h
            row = abs(last.box.center[1] - e.box.center[1]) <= 0.5 * h and 0 <= e.box.x0 - last.box.x1 <= 12 * h
            if column or row:
                g.append(e)
                break
        else:
            groups.append([e])
    return groups


def group_under(titles: list[UIElement], groups: list[list[UIElement]]) -> list[UIElement] | None:
    """The group that a title heads: the nearest one starting below it (or right of it on its line)."""
    best, best_d = None, 1e9
    for t in titles:
        for g in groups:
            first = g[0].box
            below = first.y0 >= t.box.y1 - 4 and first.x0 < t.box.x1 + 200 and first.x1 > t.box.x0 - 200
            beside = abs(first.center[1] - t.box.center[1]) <= t.box.height and first.x0 >= t.box.x1 - 4
            if below or beside:
                d = (first.y0 - t.box.y1) + 0.5 * abs(first.x0 - t.box.x0) if below else first.x0 - t.box.x1
                if d < best_d:
                    best, best_d = g, d
    return best
