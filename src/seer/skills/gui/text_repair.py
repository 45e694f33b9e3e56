"""Repairs to OCR lines before they are typed: icons read as letters, controls swallowed into a line,
a link inside a sentence, a checkbox read as part of its label."""

from __future__ import annotations

import cv2
import numpy as np

from ...perception.geometry import Box
from ...perception.image import Image
from ...perception.ocr import TextLine, read_lines

SHORT_WORDS = {
    "ok",
    "no",
    "go",
    "up",
    "on",
    "of",
    "to",
    "in",
    "id",
    "me",
    "my",
    "at",
    "by",
    "is",
    "it",
    "us",
    "we",
    "or",
    "an",
    "as",
    "be",
    "do",
    "hi",
    "if",
    "so",
    "a",
    "i",
    "en",
    "de",
    "fr",
    "es",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "10",
    "11",
    "12",
    "%",
    "$",
    "€",
    "#",
    "@",
} | set("abcdefghijklmnopqrstuvwxyz0")
# (a single letter read clearly over a shape the icon library barely knows is a key label: calculator C, column B)


def word_count(text: str) -> int:
    """Words as a reader counts them: space-separated words, and for CJK (written without spaces)
    one word per two ideographs or kana, so a Chinese sentence is no one-word label."""
    wide = sum(1 for c in text if _wide_script(c))
    return len(text.split()) + max(0, (wide + 1) // 2 - 1)


def ends_as_caption(text: str) -> bool:
    """A line ending in a colon or a sentence stop (in Latin or CJK punctuation) is a caption or prose, no control."""
    t = text.strip()
    return bool(t) and t[-1] in ".:!?。：！？"


def _wide_script(c: str) -> bool:
    o = ord(c)
    return 0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF


def glyph_like(l: TextLine) -> bool:
    """OCR output that may really be icons: one or two symbols, or a few letters spread over a wide box."""
    t = l.text.strip()
    if (len(t) <= 2 or not any(c.isalnum() for c in t)) and 0.5 <= l.box.width / max(1, l.box.height) <= 2.0:
        return True
    if len(t) <= 3 and not any(c.isalnum() for c in t):
        return True  # ':' or '...' read from a "more" icon
    # a longer "line" whose characters stand several heights apart is a row of icons read as glyphs
    return l.box.width / max(1, len(t)) > (1.6 if len(t) <= 6 else 3.0) * l.box.height


def split_at_controls(image: Image, lines: list[TextLine], controls: list[Box]) -> list[TextLine]:
    """OCR reads 'Light (o) Dark' as one line; re-read the parts on each side of a radio/checkbox."""
    out = []
    for l in lines:
        cut = [c for c in controls if l.box.x0 < c.x0 - 4 and c.x1 < l.box.x1 - 4 and c.y0 < l.box.center[1] < c.y1]
        if not cut:
            out.append(l)
            continue
        edges = [l.box.x0] + [v for c in sorted(cut, key=lambda c: c.x0) for v in (c.x0, c.x1)] + [l.box.x1]
        for x0, x1 in zip(edges[::2], edges[1::2]):
            if x1 - x0 < 6:
                continue
            region = Box(x0, l.box.y0 - 4, x1 + 2, l.box.y1 + 4).clip(image.width, image.height)
            out.extend(read_lines(image, region=region))
    return out


def split_by_colour(image: Image, lines: list[TextLine]) -> list[TextLine]:
    """OCR reads 'New here? Create an account' as one line; split where the ink turns link-coloured."""
    out = []
    for l in lines:
        b = l.box
        crop = image.pixels[b.y0 : b.y1, b.x0 : b.x1].astype(np.int16)
        if crop.shape[1] < 30 or len(l.text) < 6:
            out.append(l)
            continue
        bg = np.median(crop.reshape(-1, 3), axis=0)
        ink = np.abs(crop - bg).max(axis=2) > 60
        cols = ink.any(axis=0)
        # ink colour per column: chroma (max - min channel) of the ink pixels
        chroma = np.where(ink, crop.max(axis=2) - crop.min(axis=2), 0).sum(axis=0) / np.maximum(ink.sum(axis=0), 1)
        gaps = _gaps(cols, max(3, b.height // 4))
        edges = [0] + [x for g in gaps for x in g] + [len(cols)]
        segs = [(a, z) for a, z in zip(edges[::2], edges[1::2]) if cols[a:z].any()]
        tones = [float(np.median(chroma[a:z][cols[a:z]])) for a, z in segs]
        cut = None
        for i in range(1, len(segs)):
            if (
                abs(tones[i] - tones[i - 1]) > 70
                and all(abs(t - tones[i - 1]) <= 40 for t in tones[:i])
                and all(abs(t - tones[i]) <= 40 for t in tones[i:])
            ):
                cut = (segs[i - 1][1] + segs[i][0]) // 2
                break
        if cut is None:
            out.append(l)
            continue
        for x0, x1 in ((b.x0, b.x0 + cut), (b.x0 + cut, b.x1)):
            region = Box(x0, b.y0 - 3, x1, b.y1 + 3).clip(image.width, image.height)
            out.extend(read_lines(image, region=region))
    return out


def _gaps(cols: np.ndarray, min_len: int) -> list[tuple[int, int]]:
    """Runs of ink-free columns at least min_len wide, inside the line (not at its ends)."""
    runs, start = [], None
    idx = np.nonzero(cols)[0]
    if not len(idx):
        return []
    for x in range(idx[0], idx[-1] + 1):
        if not cols[x] and start is None:
            start = x
        elif cols[x] and start is not None:
            if x - start >= min_len:
                runs.append((start, x))
            start = None
    return runs


def label_right_of(box: Box, lines: list[TextLine], used: set[int]) -> int | None:
    """The text line just right of a small control (OCR often swallows the control into the line)."""
    best, best_gap = None, 1e9
    cy = box.center[1]
    for i, l in enumerate(lines):
        if i in used:
            continue
        gap = l.box.x0 - box.x1
        if (
            l.box.x0 >= box.x0 - 3
            and l.box.x1 > box.x1 + 8
            and gap <= 40
            and abs(l.box.center[1] - cy) <= max(8, 0.6 * l.box.height)
            and gap < best_gap
        ):
            best, best_gap = i, gap
    return best


def trim_label(line: TextLine, control: Box) -> tuple[str, Box]:
    """Drop the control OCR read as a letter ('O Personal', '口 Remember me') from its label line."""
    text, box = line.text.strip(), line.box
    if box.x0 < control.x1 - 2:
        parts = text.split(maxsplit=1)
        if len(parts) == 2 and len(parts[0]) == 1:
            text = parts[1]
        elif len(text) > 1 and not text[0].isalnum():
            text = text[1:].strip()
        box = Box(min(box.x1 - 1, control.x1 + 3), box.y0, box.x1, box.y1)
    return text, box


def glyph_in_text(box: Box, lines: list[TextLine], gray: np.ndarray | None = None) -> bool:
    """An 'o', '@' or '□' inside a text line: smaller than the line, not round, or with a glyph inside."""
    for l in lines:
        same_row = abs(l.box.center[1] - box.center[1]) <= 0.4 * box.height
        if same_row and -0.5 * box.width <= box.x0 - l.box.x1 <= max(3, 0.15 * box.width):
            return True  # glued to the word before it: a character OCR dropped ('name@company')
        if l.box.intersection(box) > 0.5 * box.area:
            if box.height < 0.9 * l.box.height or abs(box.width - box.height) > 2:
                return True
            if gray is not None and box.x0 > l.box.x0 + 4 and not _empty_or_dot(gray, box):
                return True
    return False


def _empty_or_dot(gray: np.ndarray, box: Box) -> bool:
    k = max(3, round(0.28 * box.width))
    core = gray[box.y0 + k : box.y1 - k, box.x0 + k : box.x1 - k]
    return core.size == 0 or float(core.std()) < 20 or dot_inside(gray, box)


def dot_inside(gray: np.ndarray, box: Box) -> bool:
    """A radio's selection mark: one solid disk at the centre of the circle."""
    k = max(3, round(0.2 * box.width))
    core = gray[box.y0 + k : box.y1 - k, box.x0 + k : box.x1 - k].astype(np.int16)
    if core.size < 9:
        return False
    ctr = core[core.shape[0] // 2, core.shape[1] // 2]
    ink = (np.abs(core - ctr) < 40).astype(np.uint8)
    _, labels = cv2.connectedComponents(ink, connectivity=4)
    blob = labels == labels[core.shape[0] // 2, core.shape[1] // 2]
    ys, xs = np.nonzero(blob)
    h, w = core.shape
    if xs.min() == 0 or ys.min() == 0 or xs.max() == w - 1 or ys.max() == h - 1:
        return False  # it spreads to the ring: a plain interior or a glyph, not a dot
    bw, bh = xs.max() - xs.min() + 1, ys.max() - ys.min() + 1
    centred = (
        abs((xs.min() + xs.max()) / 2 - (w - 1) / 2) <= 1.5 and abs((ys.min() + ys.max()) / 2 - (h - 1) / 2) <= 1.5
    )
    return centred and blob.sum() >= 0.6 * bw * bh and abs(bw - bh) <= 2
