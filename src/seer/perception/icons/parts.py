"""Icons drawn as separate equal parts (⋮ ⋯ dots, ☰ bars) that a fixed dilation does not join at phone
density: three equal, aligned, evenly spaced dots or bars become one candidate, kept when the classifier
names it. A part is thin and solid: three icons in a toolbar row are not one ⋯."""

from __future__ import annotations

import numpy as np

from ..geometry import Box
from . import ink_of, match_icons


def _similar(a: Box, b: Box) -> bool:
    return (
        abs(a.width - b.width) <= 0.25 * max(a.width, b.width) + 1
        and abs(a.height - b.height) <= 0.25 * max(a.height, b.height) + 1
    )


def _triples(boxes: list[Box], vertical: bool, scale: float) -> list[Box]:
    key = (lambda b: (b.y0, b.x0)) if vertical else (lambda b: (b.x0, b.y0))
    bs = sorted(boxes, key=key)
    out = []
    for i, a in enumerate(bs):
        chain = [a]
        for b in bs[i + 1 :]:
            last = chain[-1]
            across = abs(b.center[0] - last.center[0]) if vertical else abs(b.center[1] - last.center[1])
            gap = (b.y0 - last.y1) if vertical else (b.x0 - last.x1)
            thick = min(last.width, last.height)
            if not _similar(a, b) or across > 0.25 * max(last.width, last.height) + 1 or not 0 < gap <= 3 * thick:
                continue
            if (
                len(chain) == 2
                and abs(gap - ((chain[1].y0 - chain[0].y1) if vertical else (chain[1].x0 - chain[0].x1)))
                > 0.5 * thick + 1
            ):
                continue
            chain.append(b)
            if len(chain) == 3:
                break
        if len(chain) == 3:
            u = Box.union(chain)
            if max(u.width, u.height) <= 48 * scale:
                out.append(u)
    return out


def _dot_or_bar(gray: np.ndarray, b: Box, scale: float) -> bool:
    """A part of ⋮ ⋯ ☰: at most 8 px thick at 1x, its ink filling most of its own bounds (a glyph's strokes do not)."""
    if not 2 <= min(b.width, b.height) <= 8 * scale or max(b.width, b.height) > 24 * scale:
        return False
    h, w = gray.shape
    ink = ink_of(gray[max(0, b.y0 - 2) : min(h, b.y1 + 2), max(0, b.x0 - 2) : min(w, b.x1 + 2)]) > 0.5
    ys, xs = np.nonzero(ink)
    if not len(xs):
        return False
    return ink[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].mean() >= 0.5


def icon_parts(gray: np.ndarray, boxes: list[Box], scale: float = 1.0) -> list[Box]:
    """Boxes of named icons made of three parts among `boxes` (ink components of a screenshot);
    `scale` is the UI scale (1.0 for ~13 px text)."""
    small = [b for b in boxes if _dot_or_bar(gray, b, scale)]
    cands = list(dict.fromkeys(_triples(small, True, scale) + _triples(small, False, scale)))
    if not cands:
        return []
    h, w = gray.shape
    crops = [gray[max(0, b.y0 - 2) : min(h, b.y1 + 2), max(0, b.x0 - 2) : min(w, b.x1 + 2)] for b in cands]
    return [b for b, m in zip(cands, match_icons(crops)) if m is not None and m.name in ("more", "menu")]
