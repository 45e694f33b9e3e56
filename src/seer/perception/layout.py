"""Reading order for screen text: lines -> blocks (paragraphs, headings, lists, tables) -> text and Markdown.

A recursive XY-cut at the widest whitespace gap orders the lines into rows (sidebars and columns left
to right, bands top to bottom; side-by-side groups whose lines share rows, like table columns and form
fields, are never cut apart). Consecutive rows then join into blocks: aligned multi-cell rows into
tables, adjacent single lines into paragraphs and lists; large short lines become headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

import numpy as np

from .geometry import Box
from .ocr import TextLine

BULLET = re.compile(r"^\s*(?:[•·▪◦●○■□‣⁃∙\-–*]|\d{1,3}[.)]|[a-z][.)])\s+")


@dataclass
class LayoutBlock:
    kind: str  # heading | paragraph | list | table | text
    members: list[int]  # line indices in reading order
    box: Box
    rows: list[list[int]] = field(default_factory=list)  # tables: line indices per row, left to right
    level: int = 0  # headings: 1..3


def _cy(line: TextLine) -> float:
    return (line.box.y0 + line.box.y1) / 2


def _rows(lines: list[TextLine], idx: list[int]) -> list[list[int]]:
    """Group lines whose vertical centres align into rows, each sorted left to right."""
    rows: list[list[int]] = []
    for i in sorted(idx, key=lambda i: _cy(lines[i])):
        if rows:
            last = lines[rows[-1][0]]
            if abs(_cy(lines[i]) - _cy(last)) <= 0.5 * min(lines[i].box.height, last.box.height):
                rows[-1].append(i)
                continue
        rows.append([i])
    return [sorted(r, key=lambda i: lines[i].box.x0) for r in rows]


def _split(lines: list[TextLine], idx: list[int], axis: str) -> list[tuple[int, list[int]]]:
    """Groups separated by whitespace along the axis, in order, each with the gap before it."""
    lo = (lambda i: lines[i].box.x0) if axis == "x" else (lambda i: lines[i].box.y0)
    hi = (lambda i: lines[i].box.x1) if axis == "x" else (lambda i: lines[i].box.y1)
    groups: list[tuple[int, list[int]]] = []
    end = 0
    for i in sorted(idx, key=lo):
        if not groups or lo(i) >= end:
            groups.append((lo(i) - end if groups else 0, [i]))
            end = hi(i)
        else:
            groups[-1][1].append(i)
            end = max(end, hi(i))
    return groups


def _row_aligned(lines: list[TextLine], a: list[int], b: list[int]) -> bool:
    """True when the lines on both sides share rows (table columns, form fields, a terminal's fields:
    read across, not down): nearly all of one side and at least half of the other, as when some
    rows of a log have no message column. A sidebar beside content shares a few rows by chance."""
    ca = np.array([_cy(lines[i]) for i in a])
    cb = np.array([_cy(lines[j]) for j in b])
    ha = np.array([lines[i].box.height for i in a])
    hb = np.array([lines[j].box.height for j in b])
    close = np.abs(ca[:, None] - cb[None, :])
    fa, fb = (close <= 0.3 * ha[:, None]).any(axis=1).mean(), (close <= 0.3 * hb[None, :]).any(axis=0).mean()
    return bool(max(fa, fb) >= 0.75 and min(fa, fb) >= 0.5)


def _columns(lines: list[TextLine], idx: list[int]) -> list[tuple[int, list[int]]]:
    merged: list[tuple[int, list[int]]] = []
    for gap, group in _split(lines, idx, "x"):
        if merged and _row_aligned(lines, merged[-1][1], group):
            merged[-1] = (merged[-1][0], merged[-1][1] + group)
        else:
            merged.append((gap, group))
    return merged


def _reading_rows(lines: list[TextLine], idx: list[int]) -> list[list[int]]:
    """Recursive XY-cut at the single widest whitespace gap; leaves are rows, in reading order."""
    if len(idx) <= 1:
        return [idx] if idx else []
    best: tuple[int, list[int], list[int]] | None = None
    for groups in (_split(lines, idx, "y"), _columns(lines, idx)):
        for k in range(1, len(groups)):
            if best is None or groups[k][0] > best[0]:
                best = (groups[k][0], [i for _, g in groups[:k] for i in g], [i for _, g in groups[k:] for i in g])
    if best is None:
        return _rows(lines, idx)
    return _reading_rows(lines, best[1]) + _reading_rows(lines, best[2])


def _continues(lines: list[TextLine], prev: list[int], row: list[int]) -> bool:
    """Does a single-line row continue the paragraph whose last row is `prev`?"""
    a, b = lines[prev[-1]].box, lines[row[0]].box
    gap = b.y0 - a.y1
    similar = max(a.height, b.height) <= 1.35 * min(a.height, b.height)
    return (
        len(prev) == len(row) == 1
        and -0.3 * a.height < gap <= 0.9 * max(a.height, b.height)
        and similar
        and (min(a.x1, b.x1) > max(a.x0, b.x0) or abs(a.x0 - b.x0) <= a.height)
    )


def analyse(lines: list[TextLine]) -> list[LayoutBlock]:
    """Blocks in reading order; every line belongs to exactly one block."""
    if not lines:
        return []
    body = median(l.box.height for l in lines)
    rows = _reading_rows(lines, list(range(len(lines))))
    groups: list[list[list[int]]] = []  # consecutive rows forming one block
    for row in rows:
        if groups and (_continues(lines, groups[-1][-1], row) or _extends_table(lines, groups[-1], row, body)):
            groups[-1].append(row)
        else:
            groups.append([row])
    blocks = []
    for g in groups:
        members = [i for r in g for i in r]
        box = Box.union(lines[i].box for i in members)
        if len(g) >= 2 and len(g[0]) >= 2:
            blocks.append(LayoutBlock("table", members, box, rows=g))
            continue
        height = median(lines[i].box.height for i in members)
        if len(g) == 1 and len(g[0]) > 1:
            blocks.append(LayoutBlock("text", members, box, rows=g))
        elif len(members) <= 2 and height >= 1.3 * body:
            ratio = height / body
            blocks.append(LayoutBlock("heading", members, box, level=1 if ratio >= 1.8 else 2 if ratio >= 1.45 else 3))
        elif sum(bool(BULLET.match(lines[i].text)) for i in members) >= max(1, len(members) // 2):
            blocks.append(LayoutBlock("list", members, box))
        else:
            blocks.append(LayoutBlock("paragraph" if len(members) > 1 else "text", members, box))
    return blocks


def _extends_table(lines: list[TextLine], group: list[list[int]], row: list[int], h: float) -> bool:
    """A row of several cells continues a table when its cells line up with the previous row's."""
    prev = group[-1]
    if len(prev) < 2 or len(row) < 2 or abs(len(row) - len(prev)) > 1:
        return False
    gap = lines[row[0]].box.y0 - max(lines[i].box.y1 for i in prev)
    return gap <= 2.5 * h and _aligned(lines, row, prev, 1.5 * h) >= 2


def _aligned(lines: list[TextLine], a: list[int], b: list[int], tol: float) -> int:
    """How many cells of row `a` line up (left edge, centre or right edge) with a cell of row `b`."""
    hits = 0
    for i in a:
        p = lines[i].box
        for j in b:
            q = lines[j].box
            if min(abs(p.x0 - q.x0), abs(p.x1 - q.x1), abs(p.center[0] - q.center[0])) <= tol:
                hits += 1
                break
    return hits


def block_text(lines: list[TextLine], block: LayoutBlock) -> str:
    if block.rows:
        return "\n".join("\t".join(lines[i].text for i in row) for row in block.rows)
    return "\n".join(lines[i].text for i in block.members)


def to_markdown(lines: list[TextLine], blocks: list[LayoutBlock]) -> str:
    parts = []
    for b in blocks:
        if b.kind == "heading":
            parts.append("#" * b.level + " " + " ".join(lines[i].text for i in b.members))
        elif b.kind == "list":
            parts.append("\n".join("- " + BULLET.sub("", lines[i].text, count=1) for i in b.members))
        elif b.kind == "table":
            parts.append(_table_markdown(lines, b.rows))
        elif b.rows:
            parts.append(" · ".join(lines[i].text for i in b.members))
        else:
            parts.append("\n".join(lines[i].text for i in b.members))
    return "\n\n".join(parts) + ("\n" if parts else "")


def _table_markdown(lines: list[TextLine], rows: list[list[int]]) -> str:
    """Cells assigned to columns by the x-positions of the widest row; pipes escaped."""
    template = max(rows, key=len)
    cols = [lines[i].box for i in template]

    def column(b: Box) -> int:
        return min(range(len(cols)), key=lambda c: abs(b.center[0] - cols[c].center[0]))

    out = []
    for r, row in enumerate(rows):
        cells = [""] * len(cols)
        for i in row:
            c = column(lines[i].box)
            cells[c] = (cells[c] + " " + lines[i].text).strip()
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        if r == 0:
            out.append("|" + "---|" * len(cols))
    return "\n".join(out)
