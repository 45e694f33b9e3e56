"""Legend reading: text lines with a colour swatch just left of them, matched to mark colours.

entries, box = read_legend(lines, candidates, palette)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ....perception.geometry import Box
from ....perception.ocr import TextLine
from .colours import Palette


@dataclass(frozen=True)
class LegendEntry:
    name: str
    colour: int  # index into Palette.colours; -1: a name in the legend whose swatch was not found
    box: Box  # text and swatch together
    text: Box | None = None


def read_legend(
    lines: list[TextLine], candidates: list[int], palette: Palette, text_height: float, numeric: list[int] | None = None
) -> tuple[list[LegendEntry], Box | None]:
    """Entries (name ↔ colour) and the legend's box, padded to cover its frame; ([], None) if none.

    `numeric`: lines that read as numbers ("2024", "2025": series named by year). They are taken
    only when no worded legend is found, and only as a column or row of two or more entries, each
    with its own colour and a swatch that stops at its line (a value label beside a bar has the
    bar, which runs on past the label, at its left)."""
    entries, box = _read(lines, candidates, palette, text_height, worded=True)
    if entries or not numeric:
        return entries, box
    entries, box = _read(lines, numeric, palette, text_height, worded=False)
    if len(entries) < 2 or any(e.colour < 0 for e in entries) or len({e.colour for e in entries}) < len(entries):
        return [], None
    return entries, box


def _read(
    lines: list[TextLine], candidates: list[int], palette: Palette, text_height: float, worded: bool
) -> tuple[list[LegendEntry], Box | None]:
    entries: list[LegendEntry] = []
    strength: list[int] = []  # swatch pixels, to choose between rival groups
    H, W = palette.labels.shape
    for i in candidates:
        b = lines[i].box
        h = max(6.0, min(b.height, 1.3 * text_height))
        if b.height > 2.6 * text_height or (worded and not any(c.isalpha() for c in lines[i].text)):
            continue  # rotated or multi-line text is not a legend entry
        sx0 = max(0, int(b.x0 - 5 * h))
        # OCR boxes sometimes swallow the swatch: look a little inside the box too
        sx1 = min(b.x1, int(b.x0 + 1.2 * h))
        strip = palette.labels[b.y0 : b.y1, sx0:sx1]
        if strip.size == 0:
            continue
        # the text's colour, from its right part (the left part may hold a swallowed swatch)
        body = palette.labels[b.y0 : b.y1, min(b.x1 - 1, int(b.x0 + 1.5 * h)) : b.x1]
        text_colour = int(np.bincount(body[body >= 0].ravel()).argmax()) if (body >= 0).any() else -1
        found = _swatch(strip, len(palette.colours), b.x0 - sx0, h, text_colour, clipped=sx0 > 0)
        if found is None:
            continue
        k, c0, c1, n = found
        sw = Box(sx0 + c0, b.y0, sx0 + c1, b.y1)
        if not worded and not _isolated(palette.labels, k, sw, h):
            continue
        entries.append(LegendEntry(lines[i].text.strip(), k, Box.union([b, sw]), b))
        strength.append(n)
    if not entries:
        return [], None
    entries = _one_legend(entries, strength, text_height)
    if len(entries) >= 1:
        # names in the same column whose swatch was hidden (a legend over a bar of its colour)
        x0 = float(np.median([e.text.x0 for e in entries]))
        top, bottom = min(e.box.y0 for e in entries), max(e.box.y1 for e in entries)
        taken = {e.text for e in entries}
        for i in candidates:
            b = lines[i].box
            if (
                b in taken
                or abs(b.x0 - x0) > 1.5 * text_height
                or (worded and not any(c.isalpha() for c in lines[i].text))
            ):
                continue
            if top - 2.8 * text_height <= b.y0 <= bottom + 1.8 * text_height and b.height <= 2.6 * text_height:
                entries.append(LegendEntry(lines[i].text.strip(), -1, b, b))
        entries.sort(key=lambda e: (e.box.y0, e.box.x0))
    pad = int(0.9 * text_height) + 2
    box = Box.union([e.box for e in entries]).pad(pad).clip(W, H)
    return entries, box


def _isolated(labels: np.ndarray, colour: int, sw: Box, h: float) -> bool:
    """The swatch's colour stops near its line: little of it in the bands just above and below
    (a bar beside a value label goes on down to its base)."""
    H = labels.shape[0]
    gap = max(2, int(0.6 * h))
    for y0, y1 in ((sw.y0 - gap - int(h), sw.y0 - gap), (sw.y1 + gap, sw.y1 + gap + int(h))):
        band = labels[max(0, y0) : max(0, min(H, y1)), sw.x0 : sw.x1]
        if band.size and (band == colour).mean() > 0.3:
            return False
    return True


def _one_legend(entries: list[LegendEntry], strength: list[int], h: float) -> list[LegendEntry]:
    """The entries of one legend: the largest chain aligned in a column or a row (ties: the
    strongest swatch); stray matches elsewhere (a label beside a line) are dropped."""
    best: list[int] = []
    for axis in ("col", "row"):
        order = sorted(
            range(len(entries)),
            key=lambda i: (
                (entries[i].box.y0, entries[i].box.x0) if axis == "col" else (entries[i].box.x0, entries[i].box.y0)
            ),
        )
        used: set[int] = set()
        for i in order:
            if i in used:
                continue
            chain = [i]
            for j in order:
                if j in used or j in chain:
                    continue
                a, b = entries[chain[-1]].box, entries[j].box
                if axis == "col":
                    ok = abs(a.x0 - b.x0) <= h and 0 <= b.y0 - a.y0 <= 2.8 * h
                else:
                    ok = abs(a.y0 - b.y0) <= 0.6 * h and 0 <= b.x0 - a.x1 <= 8 * h
                if ok:
                    chain.append(j)
            used |= set(chain)
            key = (len(chain), max(strength[k] for k in chain))
            if not best or key > (len(best), max(strength[k] for k in best)):
                best = chain
    return [entries[i] for i in sorted(best)]


def _swatch(
    strip: np.ndarray, n_colours: int, text_x: int, h: float, text_colour: int, clipped: bool = False
) -> tuple[int, int, int, int] | None:
    """(colour, first column, end column, pixels) of the swatch in a strip left of a legend text.

    A swatch (patch, or line handle) has a long horizontal run of one colour that ends close to
    the text; glyph strokes are short, and a series line passing by does not stop near the text.
    `clipped`: the strip was cut from a wider image, so a run reaching its left edge goes on past
    it (an area or bar behind a legend drawn over the data), and is no swatch.
    """
    best = None
    for k in range(n_colours):
        m = strip == k
        if k == text_colour or m.sum() < max(6, 0.25 * h):
            continue  # the text's own strokes are not a swatch
        rows_ok, span = 0, None
        for row in m:
            cols = np.flatnonzero(row)
            if not len(cols):
                continue
            ok = False
            for run in np.split(cols, np.flatnonzero(np.diff(cols) > 1) + 1):
                c0, c1 = int(run[0]), int(run[-1]) + 1
                if clipped and c0 == 0:
                    continue
                if 0.45 * h <= c1 - c0 <= 3.6 * h and c1 >= text_x - 2.5 * h and c0 <= text_x + 0.6 * h:
                    ok = True
                    if span is None or c1 - c0 > span[1] - span[0]:
                        span = (c0, c1)
            rows_ok += ok
        if span is None:
            continue
        # a patch is solid over many rows; a swatch's edge or a line handle over a few
        score = (k != text_colour, rows_ok, span[1] - span[0], int(m.sum()))
        if best is None or score > best[0]:
            best = (score, k, span[0], span[1])
    if best is None:
        best = _marker(strip, n_colours, text_x, h)
    if best is None:
        return None
    score, k, c0, c1 = best
    return k, c0, c1, score[-1]


def _marker(strip: np.ndarray, n_colours: int, text_x: int, h: float):
    """A scatter legend's swatch: one compact dot left of the text."""
    best = None
    left = strip[:, : max(0, text_x - 1)]
    for k in range(n_colours):
        m = left == k
        cols = np.flatnonzero(m.any(axis=0))
        if not len(cols):
            continue
        run = np.split(cols, np.flatnonzero(np.diff(cols) > 1) + 1)[-1]
        blob = m[:, run[0] : run[-1] + 1]
        rows = np.flatnonzero(blob.any(axis=1))
        w, hh, n = len(run), rows[-1] - rows[0] + 1, int(blob.sum())
        if (
            0.3 * h <= w <= 2 * h
            and 0.3 * h <= hh
            and 0.4 <= w / hh <= 2.5
            and n >= 0.55 * w * hh
            and run[-1] >= text_x - 3 * h
        ):
            if best is None or n > best[0][1]:
                best = ((w, n), k, int(run[0]), int(run[-1]) + 1)
    return best
