"""Re-measure a finished deck: every text box, table and picture must sit inside the slide and
every text must fit its box at the font size actually written. Used by tests and the bench, and
by `document_to_slides` to report `overflow` (always expected to be 0). `check_render` looks at the
deck as LibreOffice lays it out (its PDF export): text drawn outside every box, near-empty slides."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .slide_layout import EMU_PER_PT
from .text_fit import LINE, MARGIN_X, MARGIN_Y, PARA_SPACE, Para, paras_height, row_heights

DEFAULT_SIZE = 18.0
TOLERANCE = 0.5  # points


@dataclass(frozen=True)
class Problem:
    slide: int
    shape: str
    what: str

    def __str__(self) -> str:
        return f"slide {self.slide}, {self.shape}: {self.what}"


def check_deck(path: str | Path) -> list[Problem]:
    from pptx import Presentation

    prs = Presentation(str(path))
    W, H = prs.slide_width or 0, prs.slide_height or 0
    problems: list[Problem] = []
    for n, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            name = shape.name
            if shape.left is None or shape.top is None or shape.width is None or shape.height is None:
                continue
            if shape.left < 0 or shape.top < 0 or shape.left + shape.width > W + 1 or shape.top + shape.height > H + 1:
                problems.append(Problem(n, name, "extends beyond the slide"))
            w, h = shape.width / EMU_PER_PT, shape.height / EMU_PER_PT
            if shape.has_text_frame and shape.text_frame.text.strip():
                need = _frame_height(shape.text_frame, w)
                if need > h + TOLERANCE:
                    problems.append(Problem(n, name, f"text needs {need:.0f} pt, box is {h:.0f} pt"))
            if getattr(shape, "has_table", False) and shape.has_table:
                t = shape.table
                rows = [[c.text for c in r.cells] for r in t.rows]
                widths = [c.width / EMU_PER_PT for c in t.columns]
                size = _table_size(t)
                need = sum(row_heights(rows, widths, size, header=t.first_row))
                if shape.top / EMU_PER_PT + need > H / EMU_PER_PT + TOLERANCE:
                    problems.append(Problem(n, name, f"table grows to {need:.0f} pt and runs off the slide"))
    return problems


def _frame_height(tf, width: float) -> float:
    ml = (tf.margin_left or 0) / EMU_PER_PT if tf.margin_left is not None else MARGIN_X
    mr = (tf.margin_right or 0) / EMU_PER_PT if tf.margin_right is not None else MARGIN_X
    inner = width - ml - mr
    total = 2 * MARGIN_Y
    for i, p in enumerate(tf.paragraphs):
        sizes = [r.font.size.pt for r in p.runs if r.font.size is not None] or [DEFAULT_SIZE]
        size = max(sizes)
        bold = any(r.font.bold for r in p.runs)
        marl = p._p.pPr.get("marL") if p._p.pPr is not None else None
        indent = int(marl) / EMU_PER_PT if marl else 0.0
        text = "".join(r.text for r in p.runs) or " "
        lines = paras_height([Para(text, 0, bold)], inner - indent + 2 * MARGIN_X, size, LINE, 0) - 2 * MARGIN_Y
        total += lines + (PARA_SPACE if i else 0)
    return total


def _table_size(t) -> float:
    for r in t.rows:
        for c in r.cells:
            for p in c.text_frame.paragraphs:
                for run in p.runs:
                    if run.font.size is not None:
                        return run.font.size.pt
    return DEFAULT_SIZE


OUTSIDE = 2.0  # points of slack around a box before a character counts as outside it
FEW_CHARS = 12  # a slide with fewer characters and no table, chart or picture is near-empty


def check_render(deck: str | Path, pdf: str | Path) -> list[Problem]:
    """Compare the deck's boxes with where LibreOffice drew its characters (the PDF it exported): a
    character outside every box spilled out of its box; a slide with almost no text and nothing else
    on it is near-empty."""
    import pdfplumber
    from pptx import Presentation

    prs = Presentation(str(deck))
    problems: list[Problem] = []
    with pdfplumber.open(str(pdf)) as rendered:
        for n, (slide, page) in enumerate(zip(prs.slides, rendered.pages), 1):
            scale = float(page.width) / (prs.slide_width / EMU_PER_PT)
            boxes = [
                (
                    sh.left / EMU_PER_PT * scale - OUTSIDE,
                    sh.top / EMU_PER_PT * scale - OUTSIDE,
                    (sh.left + sh.width) / EMU_PER_PT * scale + OUTSIDE,
                    # a table's rows grow to their text: it may run down to the slide's edge, not past it
                    float(page.height) if _is_table(sh) else (sh.top + sh.height) / EMU_PER_PT * scale + OUTSIDE,
                )
                for sh in slide.shapes
                if sh.left is not None and sh.width is not None
            ]
            chars = [c for c in page.chars if c["text"].strip()]
            outside = [
                c
                for c in chars
                if not any(
                    x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and t <= (c["top"] + c["bottom"]) / 2 <= b
                    for x0, t, x1, b in boxes
                )
            ]
            if len(outside) > 2:
                sample = "".join(c["text"] for c in outside[:24])
                problems.append(
                    Problem(n, "rendered", f"{len(outside)} characters drawn outside every box ('{sample}…')")
                )
            rich = any(
                _is_table(sh) or getattr(sh, "has_chart", False) and sh.has_chart or sh.shape_type == 13
                for sh in slide.shapes
            )  # 13: a picture
            if len(chars) < FEW_CHARS and not rich:
                problems.append(Problem(n, "rendered", f"near-empty slide ({len(chars)} characters and nothing else)"))
    return problems


def _is_table(shape) -> bool:
    return bool(getattr(shape, "has_table", False) and shape.has_table)


__all__ = ["Problem", "check_deck", "check_render"]
