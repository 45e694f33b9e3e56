"""Measure text with real font metrics (PIL FreeType) so no box ever overflows.

Everything is in points. The deck declares Arial but text is measured with DejaVu Sans, which is
wider than Arial, Calibri and Liberation Sans: a box that fits when measured here fits wherever
the deck is opened (and exactly where DejaVu is the fallback, as under LibreOffice on Linux).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

DECK_FONT = "Arial"
LINE = 1.2  # line height as a multiple of the font size (PowerPoint single spacing is ~1.2)
PARA_SPACE = 6.0  # points before each paragraph after the first
BULLET_INDENT = 22.0  # points from the bullet to its text
MARGIN_X = 7.2  # text frame insets, points (python-pptx default 0.1 in)
MARGIN_Y = 3.6  # 0.05 in
_SCALE = 8  # measure at 8x the point size for sub-point precision

_CANDIDATES = {
    False: [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "DejaVuSans.ttf",
        "/Library/Fonts/Arial.ttf",
        "arial.ttf",
    ],
    True: [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "DejaVuSans-Bold.ttf",
        "/Library/Fonts/Arial Bold.ttf",
        "arialbd.ttf",
    ],
}


@lru_cache(maxsize=64)
def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    px = max(1, round(size * _SCALE))
    for cand in _CANDIDATES[bold]:
        if Path(cand).is_file() or "/" not in cand:
            try:
                return ImageFont.truetype(cand, px)
            except OSError:
                continue
    return ImageFont.load_default(px)


@lru_cache(maxsize=65536)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of one line of text, in points."""
    return _font(round(size * 2) / 2, bold).getlength(text) / _SCALE


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap as PowerPoint does it; a word wider than the line is broken by characters."""
    lines: list[str] = []
    space = text_width(" ", size, bold)
    for hard in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in hard.split(" "):
            ww = text_width(word, size, bold)
            trial = used + (space if line else 0.0) + ww
            if trial * 1.005 <= width:
                line.append(word)
                used = trial
                continue
            if line:
                lines.append(" ".join(line))
            while text_width(word, size, bold) > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and text_width(word[:cut], size, bold) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line, used = [word], text_width(word, size, bold)
        lines.append(" ".join(line))
    return lines


@dataclass(frozen=True)
class Para:
    text: str
    level: int = 0  # 0 = plain paragraph; 1+ = bullet at that indent level
    bold: bool = False


def paras_height(paras: list[Para], width: float, size: float, line: float = LINE, space: float = PARA_SPACE) -> float:
    """Height the paragraphs take inside a frame `width` points wide (insets included)."""
    inner = width - 2 * MARGIN_X
    h = 2 * MARGIN_Y
    for i, p in enumerate(paras):
        indent = BULLET_INDENT * p.level
        n = len(wrap(p.text, inner - indent, size, p.bold))
        h += n * size * line + (space if i else 0)
    return h


def fit_size(
    paras: list[Para], width: float, height: float, max_size: float, min_size: float, step: float = 1.0
) -> float | None:
    """The largest font size in [min_size, max_size] at which the paragraphs fit the box, or None."""
    size = max_size
    while size >= min_size - 1e-6:
        if paras_height(paras, width, size) <= height:
            return size
        size -= step
    return None


def truncate_to_fit(text: str, width: float, height: float, size: float, bold: bool = False) -> str:
    """The longest prefix of `text` (ending in an ellipsis) that fits the box at `size`."""
    if paras_height([Para(text, 0, bold)], width, size) <= height:
        return text
    words = text.split()
    while len(words) > 1:
        words.pop()
        cand = " ".join(words) + "…"
        if paras_height([Para(cand, 0, bold)], width, size) <= height:
            return cand
    return words[0][:8] + "…"


# --------------------------------------------------------------------------- tables

CELL_MARGIN_X = 7.2  # PowerPoint default cell insets: 0.1 in left/right, 0.05 in top/bottom
CELL_MARGIN_Y = 3.6


def column_widths(rows: list[list[str]], total: float, size: float) -> list[float]:
    """Share `total` points between columns by their longest word and typical text length."""
    n = max(len(r) for r in rows)
    need = []
    for c in range(n):
        cells = [r[c] if c < len(r) else "" for r in rows]
        longest_word = max((text_width(w, size, True) for t in cells for w in t.split()), default=10.0)
        typical = max((text_width(t, size) for t in cells), default=10.0)
        need.append((longest_word + 2 * CELL_MARGIN_X, min(typical, total / 2) + 2 * CELL_MARGIN_X))
    floor = sum(w for w, _ in need)
    if floor >= total:
        return [total * w / floor for w, _ in need]
    extra = total - floor
    want = [max(0.0, t - w) for w, t in need]
    wsum = sum(want) or 1.0
    return [w + extra * (x / wsum if sum(want) else 1 / n) for (w, _), x in zip(need, want)]


def row_heights(rows: list[list[str]], widths: list[float], size: float, header: bool = True) -> list[float]:
    out = []
    for i, r in enumerate(rows):
        bold = header and i == 0
        lines = max(len(wrap(t, w - 2 * CELL_MARGIN_X, size, bold)) for t, w in zip(r, widths))
        out.append(lines * size * LINE + 2 * CELL_MARGIN_Y)
    return out
