"""Lines of a PDF page from glyph positions, and the page's reading order.

Words are split where the gap between glyphs is wide for their font size (not a fixed distance), so
tightly set text keeps its spaces. A printed line is cut where a gap is wider than a column gutter, so
two columns never merge into one line; pages laid out in two columns are then read column by column
within each band between full-width items.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

WORD_GAP = 0.15  # glyph gap, as a share of the font size, that separates two words
# Weights by face name, 1 (light) to 6 (black): "Arial-BoldMT", "NimbusRomNo9L-Medi", TeX's bold extended
# "CMBX10"/"SFBX1000", "Helvetica-Bd", "KoPubDotumMedium" over a "…Light" body. Italic: "-Italic", TeX "CMTI10".
_WEIGHTS = (
    (re.compile(r"black|heavy|extrabold|ultrabold", re.I), 6),
    (re.compile(r"semibold|demi", re.I), 4),
    (re.compile(r"bold|-medi\b|(?:^|[+-])(?:cm|sf|lm)?bx\d|[-,]bd\b", re.I), 5),
    (re.compile(r"medium", re.I), 3),
    (re.compile(r"thin|hairline|light", re.I), 1),
)
_ITALIC = re.compile(r"italic|oblique|(?:^|[+-])(?:cm|sf|lm)?ti\d|-it\b", re.I)
# A list or check-box marker set apart from its text is still the start of that text, not a column
_MARKER = re.compile(r"^(?:[•●▪◦∙·\-–*■□☐☑☒✓✔❑➢►]|\(cid:\d+\)|\(?\d{1,2}[.)]|\(?[a-z][.)])$")
MARKER_GAP = 2.5  # font sizes: a bullet or box inside a row sits this close to its text
GUTTER = 1.0  # gap, in font sizes (or 3 usual word gaps, when over 0.7), that separates two pieces of one printed row (columns, table cells)


@dataclass
class Segment:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    weight: int  # 1 light … 2 regular … 5 bold … 6 black
    italic: bool


def page_rows(page) -> list[list[Segment]]:
    """Text pieces of a page, row by row: words grouped into rows, rows cut at gutter-wide gaps."""
    words = page.extract_words(
        x_tolerance_ratio=WORD_GAP, y_tolerance=3, keep_blank_chars=False, extra_attrs=["size", "fontname"]
    )
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        size = float(w["size"]) or 10.0
        row = rows[-1] if rows else None
        if row and abs(_mid(w) - statistics.fmean(_mid(r) for r in row)) < 0.5 * size:
            row.append(w)
        else:
            rows.append([w])
    out: list[list[Segment]] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        gaps = [b["x0"] - a["x1"] for a, b in zip(row, row[1:])]
        usual = statistics.median(gaps) if gaps else 0.0
        piece, pieces = [row[0]], []
        for w, gap in zip(row[1:], gaps):
            size = max(float(w["size"]), float(piece[-1]["size"]), 1.0)
            # a bullet opening the line keeps its text however wide the indent; mid-row, a lone "-" far from
            # the next word is a cell of its own (an empty value in a form), not a list marker
            marker = len(piece) == 1 and _MARKER.match(piece[0]["text"]) and (not pieces or gap < MARKER_GAP * size)
            if not marker and (gap > GUTTER * size or gap > 0.7 * size and gap > 3 * usual):
                pieces.append(_segment(piece))
                piece = []
            piece.append(w)
        pieces.append(_segment(piece))
        out.append(pieces)
    return out


@dataclass
class Grid:
    """A table found from text alignment alone (no ruling lines)."""

    top: float
    left: float
    right: float
    rows: list[list[str]]


def borderless_tables(rows: list[list[Segment]], width: float) -> tuple[list[Grid], list[list[Segment]]]:
    """Runs of 3+ adjacent rows cut into narrow pieces that share column bands become tables; returns
    the tables and the rows left over."""
    grids: list[Grid] = []
    rest: list[list[Segment]] = []
    run: list[list[Segment]] = []

    def tabular(row: list[Segment]) -> bool:
        return len(row) >= 2 and max(s.x1 - s.x0 for s in row) < 0.35 * width

    def close() -> None:
        grid = _grid(run) if len(run) >= 3 else None
        if grid:
            grids.append(grid)
        else:
            rest.extend(run)
        run.clear()

    for row in rows:
        gap = row[0].top - max(s.bottom for s in run[-1]) if run else 0.0
        if run and (
            not tabular(row) or gap > 1.5 * row[0].size and not (gap < 3.5 * row[0].size and _aligned(row, run))
        ):
            close()
        (run if tabular(row) else rest).append(row)
    close()
    return grids, rest


def _aligned(row: list[Segment], run: list[list[Segment]]) -> bool:
    """Every piece of `row` starts where a piece of the run starts: a row of the same table past a blank line."""
    starts = [s.x0 for r in run for s in r]
    return all(any(abs(s.x0 - x) <= 2.0 for x in starts) for s in row)


def regrid(rows: list[list[Segment]]) -> list[list[str]] | None:
    """Cells of a box of text rows, columns from where the pieces line up; None when no columns show."""
    grid = _grid(rows, spanning=True) if len(rows) >= 2 else None
    return grid.rows if grid else None


def _grid(run: list[list[Segment]], spanning: bool = False) -> Grid | None:
    """Columns from the x-bands the pieces occupy. With `spanning` (inside a ruled table), a piece wider
    than half the table (a note, a title across the columns) does not merge the bands: it goes into the
    column where it starts."""
    left, right = min(s.x0 for row in run for s in row), max(s.x1 for row in run for s in row)
    wide = (lambda s: s.x1 - s.x0 > 0.5 * (right - left)) if spanning else (lambda s: False)
    bands: list[list[float]] = []
    for x0, x1 in sorted((s.x0, s.x1) for row in run for s in row if not wide(s)):
        if bands and x0 <= bands[-1][1] + 1.0:
            bands[-1][1] = max(bands[-1][1], x1)
        else:
            bands.append([x0, x1])
    if len(bands) < 2:
        return None
    table = []
    for row in run:
        cells = [""] * len(bands)
        for s in row:
            c = s.x0 if wide(s) else (s.x0 + s.x1) / 2
            i = next(
                (k for k, (a, b) in enumerate(bands) if a - 1.0 <= c <= b + 1.0),
                min(range(len(bands)), key=lambda k: abs(bands[k][0] - c)),
            )
            cells[i] = f"{cells[i]} {s.text}".strip()
        table.append(cells)
    counted = [
        cells for cells, row in zip(table, run) if not all(wide(s) for s in row)
    ]  # a note is not a row of the grid
    if sum(sum(1 for c in r if c) >= 2 for r in counted) < 0.6 * len(counted):
        return None
    return Grid(run[0][0].top, bands[0][0], bands[-1][1], table)


def weight(fontname: str) -> int:
    name = fontname.split("+", 1)[-1]
    return next((w for pattern, w in _WEIGHTS if pattern.search(name)), 2)


def is_italic(fontname: str) -> bool:
    return bool(_ITALIC.search(fontname.split("+", 1)[-1]))


def _mid(w: dict) -> float:
    return (w["top"] + w["bottom"]) / 2


def _segment(words: list[dict]) -> Segment:
    chars = [len(w["text"]) for w in words]
    size = statistics.median([round(float(w["size"]) * 2) / 2 for w in words for _ in range(len(w["text"]))])
    heavy = statistics.median_low([weight(str(w.get("fontname", ""))) for w, n in zip(words, chars) for _ in range(n)])
    italic = sum(n for w, n in zip(words, chars) if is_italic(str(w.get("fontname", "")))) > sum(chars) / 2
    return Segment(
        " ".join(w["text"] for w in words),
        words[0]["x0"],
        words[-1]["x1"],
        min(w["top"] for w in words),
        max(w["bottom"] for w in words),
        size,
        heavy,
        italic,
    )


def reading_order(items: list, width: float) -> list:
    """Items (with .top, .left, .right, .line) in reading order: top to bottom, and on a page set in two
    columns, the left column of each band before the right one."""
    items = sorted(items, key=lambda it: it.top)
    mid, slack = width / 2, 0.03 * width

    def side(it) -> str:
        if it.right <= mid + slack:
            return "L"
        if it.left >= mid - slack:
            return "R"
        return "F"

    text = [it for it in items if it.line is not None]
    left = [it.right - it.left for it in text if side(it) == "L"]
    right = [it.right - it.left for it in text if side(it) == "R"]
    full = sum(side(it) == "F" for it in text)
    columns = (
        len(left) >= 5
        and len(right) >= 5
        and full < len(left) + len(right)
        and statistics.median(left) > 0.3 * width
        and statistics.median(right) > 0.3 * width
    )
    if not columns:
        return items
    out, band = [], []
    for it in items:
        if side(it) == "F":
            out += sorted(band, key=lambda b: (side(b) == "R", b.top))
            band = []
            out.append(it)
        else:
            band.append(it)
    return out + sorted(band, key=lambda b: (side(b) == "R", b.top))
