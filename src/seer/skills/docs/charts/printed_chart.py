"""The printed-values path of `read_chart`: charts whose numbers are written on their marks.

A pie keeps its own reader (its labels sit around a disc, not along an axis); every other chart
with printed values is read from those values, with or without an axis.
"""

from __future__ import annotations

import re

import numpy as np

from ....perception.geometry import Box
from ....perception.image import Image
from ....perception.ocr import TextLine
from . import ink
from . import pie as pie_reader
from .chrome import chrome_lines
from .colours import separate
from .layout import Layout
from .pie_labels import printed_shares
from .printed import read_printed
from .printed_text import Word, evenly_stepped, split_merged
from .schema import ChartData, Point, Series
from .table import to_csv, to_markdown
from .tick_format import parse_number

MIN_VALUES = 2


def read_printed_chart(image: Image, lines: list[TextLine], lay: Layout) -> ChartData | None:
    """The chart read from its printed numbers, or None to fall back to measuring the marks."""
    if not lines:
        return None
    chrome = chrome_lines(lines, image.pixels)
    title = _title(lines, chrome) or lay.title
    if _looks_like_pie(image, lines, chrome):
        return _pie(image, lines, chrome, title)
    # the value axis's calibrated ticks (an x axis under columns may be their categories)
    axis = lay.y_axis or lay.x_axis
    # a few printed values that happen to line up are no axis: ticks step by round amounts
    # (or a straight scale whose ticks step by multiples of one amount: some ticks were not read)
    steps = sorted(v for _, v in axis.ticks) if axis is not None else []
    real = axis is not None and (evenly_stepped(steps) or axis.error < 0.005 and _multiples(steps))
    page = ink.background(image.pixels)
    tick_boxes = [b for _, b in (lay.y_tick_boxes if lay.y_axis is not None else lay.x_tick_boxes)] if real else []
    # numbers inside bars or at their ends that happen to step evenly are values, whatever the layout made of them
    h = lay.text_height
    if sum(
        ink.on_ground(ink.fill(image.pixels, b, page))
        and all(ink.on_ground(ink.bar_end(image.pixels, b, page, across, h)) for across in (True, False))
        for b in tick_boxes
    ) < 0.5 * len(tick_boxes):
        real, tick_boxes = False, []
    # calibrated ticks are not data; a row of years stays (it names the columns)
    # (the layout may have read the margin again: a tick is the line at its label's place; a pale
    # plot background behind it is no bar)
    ticks = {
        i
        for i, l in enumerate(lines)
        if any(b.pad(3).contains(*l.box.center) for b in tick_boxes)
        and not re.fullmatch(r"\d{4}", l.text.strip())
        and ink.on_ground(ink.fill(image.pixels, l.box, page))
    }
    if real and lay.y_axis is not None:  # a number left of the plot exactly where the axis puts its value is a tick too
        ticks |= {
            i
            for i, l in enumerate(lines)
            if l.box.x1 <= lay.plot.x0 + 2
            and (v := parse_number(l.text)) is not None
            and abs((l.box.y0 + l.box.y1) / 2 - lay.y_axis.pixel(v)) <= 0.5 * lay.text_height
        }
    columns = None  # category labels the layout found under the plot (turned ones read level)
    # a row of numbers under the marks with none beside them ('92 96 00 04' years) names columns too
    years_under = (
        lay.y_axis is None and lay.x_axis is not None and all(parse_number(l.text) is not None for l in lay.y_labels)
    )
    if real and (lay.y_axis is not None and lay.x_axis is None or years_under) and len(lay.x_labels) >= 2:
        columns = [Word(l.text, Box(int(l.pos) - 2, l.box.y0, int(l.pos) + 2, l.box.y1)) for l in lay.x_labels]
        ticks |= {i for i, l in enumerate(lines) if l.box.y0 > lay.plot.y1}  # the labels' own text under the plot
    got = read_printed(image.pixels, lines, chrome, ticks, columns)
    if got is None or sum(len(s.points) for s in got.series) < MIN_VALUES:
        return None
    return ChartData(
        chart_type=got.kind,
        title=title,
        series=got.series,
        csv=to_csv(got.series),
        markdown=to_markdown(got.series),
        confidence=round(0.8 * 0.85 ** len(got.warnings), 3),
        warnings=got.warnings + ["values are the numbers printed on the chart"],
    )


def _multiples(values: list[float]) -> bool:
    """Four or more values, each a whole multiple of one round step (1, 2, 2.5 or 5 times a power
    of ten) that is their smallest difference: ticks with some unread, not printed values."""
    d = np.diff(values)
    if len(d) < 3 or np.any(d <= 0):
        return False
    step = float(d.min())
    mantissa = step / 10 ** np.floor(np.log10(step))
    k = np.array(values) / step
    return bool(np.any(np.isclose(mantissa, [1, 2, 2.5, 5])) and np.allclose(k, np.round(k), atol=0.02))


def _title(lines: list[TextLine], chrome: set[int]) -> str | None:
    rest = [l.box.y0 for k, l in enumerate(lines) if k not in chrome]
    top = [
        i
        for i in sorted(chrome, key=lambda i: lines[i].box.y0)
        if (not rest or lines[i].box.y1 <= min(rest) + 1) and len(lines[i].text.strip()) > 2
    ]
    return " ".join(lines[i].text for i in top) or None


def _pie(image: Image, lines: list[TextLine], chrome: set[int], title: str | None) -> ChartData | None:
    """A pie from its printed shares; None (measure the slices) when fewer than two are printed."""
    rest = [l for k, l in enumerate(lines) if k not in chrome]
    h = float(np.median([l.box.height for l in rest])) if rest else 10.0
    shares = printed_shares(split_merged(rest, image.pixels, ink.background(image.pixels), h), h)
    if len(shares) < 2 or sum(bool(name) for name, _ in shares) < len(shares) / 2:
        return None  # names away from their numbers (outside the slices): the slice reader pairs them by angle
    warnings = ["values are the shares printed on the chart"]
    total = sum(v for _, v in shares)
    if not 97 <= total <= 103:
        warnings.append(f"the printed shares add up to {total:g}%, not 100%: a slice may be unlabelled")
    pts = [Point(x=name or pie_reader.unnamed_slice(k + 1), y=v) for k, (name, v) in enumerate(shares)]
    series = [Series(name=title or "share", points=pts)]
    return ChartData(
        chart_type="pie",
        title=title,
        series=series,
        csv=to_csv(series),
        markdown=to_markdown(series),
        confidence=round(0.8 * 0.85 ** (len(warnings) - 1), 3),
        warnings=warnings,
    )


def _looks_like_pie(image: Image, lines: list[TextLine], chrome: set[int]) -> bool:
    top = max((lines[i].box.y1 for i in chrome if lines[i].box.y1 < 0.5 * image.height), default=0)
    palette = separate(image.pixels, Box(0, min(top, image.height - 1), image.width, image.height))
    return pie_reader.find_disc(palette, []) is not None
