"""The printed-values path of `read_chart`: charts whose numbers are written on their marks.

A pie keeps its own reader (its labels sit around a disc, not along an axis); every other chart
with printed values is read from those values, with or without an axis.
"""

from __future__ import annotations

from ....perception.image import Image
from ....perception.ocr import TextLine
from . import pie as pie_reader
from .chrome import chrome_lines
from .colours import separate
from .layout import Layout
from .printed import read_printed
from .schema import ChartData
from .table import to_csv, to_markdown

MIN_VALUES = 2


def read_printed_chart(image: Image, lines: list[TextLine], lay: Layout) -> ChartData | None:
    """The chart read from its printed numbers, or None to fall back to measuring the marks."""
    if not lines:
        return None
    chrome = chrome_lines(lines, image.pixels)
    if _looks_like_pie(image, lines, chrome):
        return None
    got = read_printed(image.pixels, lines, chrome)
    if got is None or sum(len(s.points) for s in got.series) < MIN_VALUES:
        return None
    title = " ".join(lines[i].text for i in sorted(chrome, key=lambda i: lines[i].box.y0)
                     if lines[i].box.y1 < min(l.box.y0 for k, l in enumerate(lines) if k not in chrome) + 1) or lay.title
    return ChartData(chart_type=got.kind, title=title or None, series=got.series, csv=to_csv(got.series),
                     markdown=to_markdown(got.series), confidence=round(0.8 * 0.85 ** len(got.warnings), 3),
                     warnings=got.warnings + ["values are the numbers printed on the chart"])


def _looks_like_pie(image: Image, lines: list[TextLine], chrome: set[int]) -> bool:
    top = max((lines[i].box.y1 for i in chrome if lines[i].box.y1 < 0.5 * image.height), default=0)
    from ....perception.geometry import Box
    palette = separate(image.pixels, Box(0, min(top, image.height - 1), image.width, image.height))
    return pie_reader.find_disc(palette, []) is not None
