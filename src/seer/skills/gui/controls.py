"""Control boxes: grow elements typed from their text into the control a click lands on.

    control_boxes(elements, image, scale) -> elements

Underlined text is a link (an underline under part of a line splits it); a list row spans its
list's surface, from halfway to the row above to halfway to the row below, and swallows its leading
icon; strips of tabs and menu bars become cells (`strips.py`); the names of a breadcrumb trail
(Home › Settings › Users) are links but the last; on a touch screen (portrait, large
text) text buttons and bare icons get their touch target (48 dp) and status-bar glyphs (clock,
battery) are marked static: nobody taps them.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import replace
from typing import TYPE_CHECKING

import cv2
import numpy as np

from ...perception.geometry import Box
from ...perception.image import Image
from ...perception.ocr import read_lines
from .strips import DECORATION, strips
from .text_repair import ends_as_caption, word_count

if TYPE_CHECKING:
    from .layout import UIElement

TOUCH_TARGET_DP = 48  # Material and Apple minimum tap size
KEEP_IN_ROW = ("toggle", "checkbox", "radio", "input", "dropdown")
OWN_CONTROL_ICONS = ("back", "close", "more", "menu")  # an app bar's or a row's own buttons, never a row's picture


def control_boxes(elements: list[UIElement], image: Image, scale: float) -> list[UIElement]:
    dp = image.width / 400 if _touch_screen(image, scale) else 0.0  # phones are 360-430 dp wide
    gray = cv2.cvtColor(image.pixels, cv2.COLOR_RGB2GRAY)
    if dp:
        _status_bar(elements, dp)
    elements = _wrapped_links(_underlined_links(elements, image, gray))
    elements = _list_rows(elements, image, gray if dp else None)
    elements = strips(elements, image, dp * TOUCH_TARGET_DP)
    elements = _breadcrumbs(elements, gray)  # after the strips: a trail's names are no tabs
    if dp:
        elements = _icon_labels(elements, image, dp)
        _touch_targets(elements, image, gray, dp)
    return elements


def _touch_screen(image: Image, scale: float) -> bool:
    return image.height >= 1.3 * image.width and scale >= 1.8


def _status_bar(elements: list[UIElement], dp: float) -> None:
    band = 26 * dp
    for e in elements:
        if e.box.y1 <= band:
            e.static = True
            if e.type not in ("text", "icon"):  # a battery outline is no toggle, a signal dot no radio
                e.type, e.state = "icon", None


def _free_text(e: UIElement) -> bool:
    return e.type == "text" and not e.static and bool(e.text.strip())


def _underlined_links(elements: list[UIElement], image: Image, gray: np.ndarray) -> list[UIElement]:
    """Underlined text is a link, whatever its colour; an underline under part of a line ("Home >
    Settings > Users") marks the links in it, which are read again on their own."""
    out: list[UIElement] = []
    for e in elements:
        runs = _underline_runs(gray, e.box) if e.type == "text" and len(e.text) >= 3 else []
        if runs and sum(x1 - x0 for x0, x1 in runs) >= 0.85 * e.box.width:
            e.type = "link"
        elif runs:
            out.extend(_split_at_underlines(e, runs, image))
            continue
        out.append(e)
    return out


def _underline_runs(gray: np.ndarray, b: Box) -> list[tuple[int, int]]:
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


def _breadcrumbs(elements: list[UIElement], gray: np.ndarray) -> list[UIElement]:
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
            out.append(replace(e, type="link" if i < len(parts) - 1 else "text", text=text,
                               box=Box(x0, e.box.y0, x1, e.box.y1)))
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


def _wrapped_links(elements: list[UIElement]) -> list[UIElement]:
    """A link whose text wraps onto the next line (that line goes on in lower case, or opens a
    bracket) is one link over both lines, as a browser lays it out."""
    links = sorted((e for e in elements if e.type == "link"), key=lambda e: e.box.y0)
    dropped: set[int] = set()
    for a in links:
        if id(a) in dropped:
            continue
        for b in links:
            h = a.box.height
            head = b.text.strip()[:1]
            if (id(b) in dropped or b is a or abs(b.box.x0 - a.box.x0) > 0.5 * h or not 0 <= b.box.y0 - a.box.y1 < 0.9 * h
                    or not (head.islower() or head in "([") or ends_as_caption(a.text)):
                continue
            a.text, a.box = f"{a.text} {b.text}", Box.union([a.box, b.box])
            dropped.add(id(b))
    return [e for e in elements if id(e) not in dropped]


# ---------------------------------------------------------------- list rows
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
    title = u[0].text.strip().removesuffix("...").removesuffix("…").removesuffix("..") or "."  # "Save As..." opens a dialog
    return (sum(c.isalnum() for c in title) >= 2 and word_count(title) <= 6 and not ends_as_caption(title)
            and len(u) <= 3 and all(word_count(e.text) <= 8 for e in u))


def _list_rows(elements: list[UIElement], image: Image, touch_gray: np.ndarray | None) -> list[UIElement]:
    """`touch_gray` (a touch screen's grey image, else None): there a title in the accent colour
    without an underline is a row's title too, no link."""
    captions = {e.caption_box for e in elements if e.caption_box is not None}
    # a stack already typed as menu items from its column alone is measured again from its text
    stacked = {id(e): (e.box, e.label_box) for e in elements
               if e.type == "menu_item" and e.state is None and e.label_box is not None}
    for e in elements:
        if id(e) in stacked:
            e.type, e.box = "text", e.label_box
    lines = [e for e in elements if e.box not in captions and (_free_text(e) or touch_gray is not None and e.type == "link"
                                                                and not e.static and not _underline_runs(touch_gray, e.box))]
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
            rows = _make_rows(run, elements, image) if len(run) >= 3 and not (touch_gray is not None and _prose_pitch(run)) else None
            if rows is not None:
                absorbed |= rows
                in_rows |= {id(e) for u in run for e in u}
    # a row's subtitle belongs to its row, no menu item of its own
    for e in elements:
        if id(e) in stacked and e.type == "text" and id(e) not in in_rows:
            e.type, (e.box, e.label_box) = "menu_item", stacked[id(e)]
    return [e for e in elements if id(e) not in absorbed]


def _prose_pitch(run: list[list[UIElement]]) -> bool:
    """Blocks set closer than a touch list allows (a 48 dp row holds its text with room to spare
    above and below): a paragraph's lines, not list rows."""
    if len({len(u) for u in run}) == 1 and len(run[0]) > 1:
        return False  # blocks of one shape ("Mars / Starts at / Ends at" again and again) are records of a list
    gaps = [n[0].box.y0 - p[-1].box.y1 for p, n in zip(run, run[1:])]
    return statistics.median(gaps) < 1.5 * statistics.median(u[0].box.height for u in run)


def _runs(col: list[list[UIElement]]) -> list[list[list[UIElement]]]:
    """Consecutive row-like blocks of one column, close enough to be one list."""
    runs, run = [], []
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
    """Background colour behind a block's first line (the commonest colour in its box)."""
    b = u[0].box
    crop = image.pixels[b.y0 : b.y1, b.x0 : b.x1]
    return np.median(crop.reshape(-1, 3), axis=0) if crop.size else np.zeros(3)


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
        beside = [o for o in elements if id(o) not in members and not o.static and (o.box.x0 >= b.x1 or o.box.x1 <= b.x0)
                  and o.box.y0 < b.y1 and o.box.y1 > b.y0 and x0 <= o.box.center[0] < x1]
        if any((o.type in ("input", "dropdown") or o.type == "button" and o.text) and o.box.x0 >= b.x1 for o in beside):
            return True
        for k in {o.box.x0 // max(6, b.height // 2) for o in beside if o.type in ("text", "link") and not _shortcut(o.text)}:
            starts[k] = starts.get(k, 0) + 1
    return any(v >= 0.6 * len(run) for v in starts.values())


SHORTCUT = re.compile(r"^(?:(?:ctrl|alt|shift|cmd|meta|super|opt|option|⌘|⌥|⇧|\^)\s*[+-]?\s*)+\S{1,6}$|^F\d{1,2}$", re.I)


def _shortcut(text: str) -> bool:
    """A menu's key accelerator (Ctrl+Shift+S, Alt+W, F5) beside an item, not a table cell."""
    return bool(SHORTCUT.match(text.strip()))


def _make_rows(run: list[list[UIElement]], elements: list[UIElement], image: Image) -> set[int] | None:
    """Type each block of a list as a row spanning the list's surface; None when it is no list."""
    bands = [_band(u) for u in run]
    text = Box.union(bands)
    pitch = [(p.y1 + n.y0) / 2 for p, n in zip(bands, bands[1:])]
    walls = [_walls(image, Box.of((text.x0, t, text.x1, b))) for t, b in zip([bands[0].y0] + pitch, pitch + [bands[-1].y1])]
    x0, x1 = (round(statistics.median(w[i] for w in walls)) for i in (0, 1))
    if _blocked(run, elements, x0, x1):
        return None
    members = {id(e) for u in run for e in u}
    # a leading icon or avatar taller than the text belongs to the row's extent
    decos = [o for o in elements if id(o) not in members and o.type in DECORATION and not o.text and not o.static
             and o.name not in OWN_CONTROL_ICONS and x0 <= o.box.center[0] < x1]
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
        title.type, title.box = "menu_item", row
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
        icon = next((i for i in icons if id(i) not in absorbed and -0.3 * b.height <= b.x0 - i.box.x1 <= 1.2 * b.height
                     and abs(i.box.center[1] - b.center[1]) <= 0.5 * b.height and i.box.height <= 2.6 * b.height), None)
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
    return any(o is not e and o.type in ("text", "link") and o.box.x0 < b.x1 and o.box.x1 > b.x0
               and (-0.6 * b.height < o.box.y0 - b.y1 < 0.6 * b.height or -0.6 * b.height < b.y0 - o.box.y1 < 0.6 * b.height)
               for o in elements)


def _alone_on_line(e: UIElement, elements: list[UIElement]) -> bool:
    """No other text sits near it on its line, and none touches it from above or below."""
    b = e.box
    return not _in_paragraph(e, elements) and not any(
        o is not e and o.text and b.y0 < o.box.center[1] < b.y1 and max(o.box.x0 - b.x1, b.x0 - o.box.x1) < 3 * b.height
        for o in elements)


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
        underlined = e.type == "link" and bool(_underline_runs(gray, e.box))
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
    """A short label in capitals standing alone (a dialog's or app bar's text button); scripts without
    case (CJK) give no such cue."""
    letters = [c for c in e.text if c.isupper() or c.islower()]
    if len(letters) < 2 or any(c.islower() for c in letters) or word_count(e.text) > 4:
        return False
    return not _in_paragraph(e, elements)


def _grown(b: Box, w: float, h: float, image: Image) -> Box:
    cx, cy = (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2
    return Box.of((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)).clip(image.width, image.height)
