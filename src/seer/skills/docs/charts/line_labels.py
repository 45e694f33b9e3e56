"""Text printed beside measured lines: the line says where each point is and roughly its value;
the number printed next to it, when there is one, is its exact value; a name written in the
line's colour (at its end, or along it) is the series' name when there is no legend.

    values = snap(points, numbers_near(lines, plot), axis, h)
    names = names_in_colour(colours, lines, candidates, pixels)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ....perception.geometry import Box
from ....perception.ocr import TextLine
from . import ink
from .axis_calibration import Axis
from .tick_format import parse_number

NEAR_VALUE = 0.08  # of the axis span: a printed number this close to the measured value can be its label


@dataclass(frozen=True)
class Printed:
    x: float
    y: float
    value: float
    line: int  # the OCR line it was read from
    tokens: frozenset[int]  # which of that line's tokens it is made of


def numbers_near(lines: list[TextLine], plot: Box, skip: set[int]) -> list[Printed]:
    """Every reading of the numbers printed in the plot: a line as a whole ('1 020'), and when it
    holds several tokens, each run of them at its share of the box ('87 163 86 586' is two labels,
    '926 932' one or two)."""
    out: list[Printed] = []
    for i, l in enumerate(lines):
        if i in skip or not plot.pad(4).contains(*l.box.center) or not any(c.isdigit() for c in l.text):
            continue
        b, tokens = l.box, l.text.split()
        starts = np.cumsum([0] + [len(t) + 1 for t in tokens])
        for a in range(len(tokens)):
            for z in range(a + 1, min(len(tokens), a + 3) + 1):  # a label is one to three tokens
                v = parse_number(" ".join(tokens[a:z]))
                if v is not None:
                    mid = (starts[a] + starts[z] - 1) / 2
                    out.append(Printed(b.x0 + b.width * mid / len(l.text), b.center[1], v, i, frozenset(range(a, z))))
    return out


def snap(points: list[tuple[float, float, float]], printed: list[Printed], axis: Axis, h: float) -> list[float]:
    """The points' values ((pixel column, measured value, the line's point step in pixels) each) with every point that has a printed
    number beside it (within half a category step across, four text lines up or down, and close
    in value) given that number; one number per point, the closest values first."""
    out = [v for _, v, _ in points]
    pairs = []
    for k, (px, v, step) in enumerate(points):
        reach = max(0.5 * step, 1.5 * h)
        py = axis.pixel(v) if axis.scale == "linear" or v > 0 else None
        if py is None:
            continue
        for j, p in enumerate(printed):
            dv = abs(p.value - v) / axis.span
            if abs(p.x - px) <= reach and abs(p.y - py) <= 4 * h and dv <= NEAR_VALUE:
                pairs.append((dv + 0.01 * np.hypot(p.x - px, p.y - py) / h, k, j))
    done: set[int] = set()
    used: dict[int, set[int]] = {}  # the tokens of each OCR line already given to a point
    for _, k, j in sorted(pairs):
        p = printed[j]
        if k in done or p.tokens & used.get(p.line, set()):
            continue
        out[k] = p.value
        done.add(k)
        used.setdefault(p.line, set()).update(p.tokens)
    return out


def names_in_colour(
    colours: dict[int, np.ndarray], lines: list[TextLine], candidates: list[int], pixels: np.ndarray
) -> dict[int, str]:
    """Each line colour's name: the worded text written in that colour (one name per colour, the
    closest in colour first; grey text is never a series name)."""
    pairs = []
    for i in candidates:
        if not any(c.isalpha() for c in lines[i].text):
            continue
        c = ink.text_colour(pixels, lines[i].box)
        if c is None or ink.neutral(c):
            continue
        for k, colour in colours.items():
            if ink.same_hue(c, colour):
                pairs.append((ink.distance(c, colour), k, i))
    out: dict[int, str] = {}
    taken: set[int] = set()
    for _, k, i in sorted(pairs):
        if k not in out and i not in taken:
            out[k] = lines[i].text
            taken.add(i)
    return out
