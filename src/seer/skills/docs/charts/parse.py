"""The local chart reader: one OCR pass, then layout, colours, legend, marks and measurement.

data = read_chart(image)   # -> ChartData
"""

from __future__ import annotations

import numpy as np

from ....perception.geometry import Box
from ....perception.image import Image
from ....perception.ocr import TextLine
from . import bars as bar_reader
from . import category_labels, chart_text, label_scale, line_labels, line_strokes, tick_marks
from . import lines as line_reader
from . import pie as pie_reader
from . import scatter as scatter_reader
from .chrome import chrome_lines
from .classify import Marks, chart_kind, describe, looks_like_photo
from .colours import line_mask, mark_mask, separate
from .ink import neutral
from .layout import Layout, read_layout, snap_left_edge
from .legend import LegendEntry, read_legend
from .printed_chart import read_printed_chart
from .schema import ChartData, Point, Series
from .table import to_csv, to_markdown
from .tick_format import parse_number


def other(reason: str, title: str | None = None, warnings: list[str] | None = None) -> ChartData:
    return ChartData(chart_type="other", title=title, warnings=(warnings or []) + [reason], confidence=0.0)


def read_chart(image: Image, axis_range: list[tuple[float, float]] | None = None) -> ChartData:
    """Read a chart image into a typed table, or return chart_type 'other' with the reason.
    `axis_range`, when given, receives the value axis's tick range (to check a model's reading)."""
    if looks_like_photo(image.pixels):
        return other("the image looks like a photo, not a chart (too many distinct colours); nothing was read")
    lines = first = chart_text.split_years(chart_text.plausible(chart_text.ocr(image)))
    lay = read_layout(lines, image.width, image.height)
    if lay.y_axis is None and (lay.x_axis is None or len(lay.y_labels) < 2):
        # small or faint tick labels (a log axis's 10³, grey text, lone digits): read the left margin
        # again, enlarged; with an x axis but no category column left of the plot, the y ticks were missed
        reread = chart_text.reread_margin(image, lines)
        again = read_layout(reread, image.width, image.height)
        if again.y_axis is not None or lay.x_axis is None:
            lines, lay = reread, again
    snap_left_edge(lay, image.pixels)
    _below_header(lay, lines, image)
    if lay.y_axis is not None:
        lay.y_axis = tick_marks.refine(lay.y_axis, lay.y_tick_boxes, image.pixels, lay.text_height)
    if lay.x_axis is not None:
        lay.x_axis = tick_marks.refine(lay.x_axis, lay.x_tick_boxes, image.pixels, lay.text_height)
    warnings: list[str] = []
    value_axis = lay.y_axis or lay.x_axis
    if axis_range is not None and value_axis is not None:
        axis_range.append((value_axis.low, value_axis.high))
    if lay.y_axis is not None and (chart_text.misread_row(lay) or lay.x_axis is None and len(lay.x_labels) < 3):
        # none, tall or sparse: labels drawn at an angle (read level, pieces of them look like numeric ticks)
        if chart_text.read_rotated_labels(image, lay):
            lay.x_axis = None
    for attr in ("x_labels", "y_labels"):
        done, fixed = category_labels.complete(getattr(lay, attr))
        if fixed:
            setattr(lay, attr, done)
            warnings.append(f"{fixed} category label(s) were unreadable and completed from their sequence")
    printed = read_printed_chart(image, first, lay)  # printed labels as first read, not the margin re-read
    if printed is not None and printed.chart_type != "line":
        return printed  # (printed lines are traced too: on the value axis, or on the printed numbers' scale)
    if (
        printed is not None
        and not _calibrated(lay.y_axis)
        and all(parse_number(l.text) is not None for l in lay.y_labels)
    ):
        lay.plot = Box(0, lay.plot.y0, lay.plot.x1, lay.plot.y1)  # numbers at the left are the first points' labels
    if lay.y_axis is None and lay.x_axis is None:
        return printed or _read_pie(image, lines, lay, warnings)
    palette = separate(image.pixels, lay.plot)
    free = [i for i in range(len(lines)) if i not in lay.used]
    page = chrome_lines(
        lines, image.pixels
    )  # a source line or a link under the chart is no legend entry (its icon no swatch)
    worded = [i for i in free if parse_number(lines[i].text) is None]
    entries, legend_box = read_legend(
        lines,
        [i for i in worded if i not in page],
        palette,
        lay.text_height,
        [i for i in free if i not in worded and i not in page],
    )
    marks = _marks(palette, lay, lines, worded, [legend_box] if legend_box else [])
    if entries and not {e.colour for e in entries} & {m.colour for m in marks}:
        # a "legend" keyed to no mark: a series name at a line's end, a grid line for its swatch
        entries, legend_box = [], None
        marks = _marks(palette, lay, lines, worded, [])
    vertical = _vertical(lay, marks)
    kind = chart_kind(marks, vertical)
    names = {e.colour: e.name for e in entries if e.colour >= 0}
    orphans = [e.name for e in entries if e.colour < 0]
    if kind == "line":  # lines the legend does not name may be named in their colour beside them
        in_legend = {e.name for e in entries}
        beside = [
            i
            for i in worded
            if lines[i].text not in in_legend and i not in page and lay.plot.contains(*lines[i].box.center)
        ]
        names |= line_labels.names_in_colour(
            {m.colour: palette.colours[m.colour] for m in marks if m.kind == "line" and m.colour not in names},
            lines,
            beside,
            image.pixels,
        )
    primary = {"line": "line", "area": "area", "scatter": "points"}.get(kind, "rects")
    unnamed = [m.colour for m in marks if m.colour not in names and m.kind == primary]
    if len(orphans) == 1 and len(unnamed) == 1:
        names[unnamed[0]] = orphans[0]  # the one legend name without a swatch, the one colour without a name
    value_labels = [
        i
        for i in free
        if parse_number(lines[i].text) is not None
        and lay.plot.contains(*lines[i].box.center)
        and not (legend_box and legend_box.contains(*lines[i].box.center))
    ]
    if kind == "line" and not _calibrated(lay.y_axis) and _misses_points(printed, lay):
        again = line_strokes.reread_on_lines(
            image, _traced(marks, "line"), lay.plot, [l.pos for l in lay.x_labels], lay.text_height
        )
        if again is not None:
            first, now = again.revise(first), again.revise(lines)
            at = {id(l): k for k, l in enumerate(now)}
            lay.used = {at[id(lines[i])] for i in lay.used if id(lines[i]) in at}
            lines = now
            printed = read_printed_chart(image, first, lay) or printed
    if kind in ("bar", "hbar", "grouped_bar", "stacked_bar"):
        series = _read_bars(marks, lay, kind, vertical, lines, value_labels, names, warnings)
    elif kind == "line" and not _calibrated(lay.y_axis) and printed is not None:
        return label_scale.read(printed, _traced(marks, "line"), lay, lines)
    elif kind in ("line", "area"):
        labels = line_labels.numbers_near(lines, lay.plot, lay.used)
        series = _read_lines(marks, lay, kind, names, warnings, legend_box, labels)
    elif kind == "scatter":
        series = _read_scatter(marks, lay, names, warnings)
    else:
        if printed is not None:
            return printed
        no_axes = Layout(title=lay.title, title_lines=lay.title_lines, text_height=lay.text_height, plot=lay.plot)
        pie = _read_pie(image, lines, no_axes, [])
        if pie.chart_type == "pie":  # numbers that happened to line up, around a pie
            return pie
        tail = "; the image looks like a table or text, not a chart" if len(lines) >= 8 else ""
        return other(
            "found axis-like numbers but no bars, lines, areas or markers to measure" + tail, lay.title, warnings
        )
    if printed is not None and (kind != "line" or not any(s.points for s in series)):
        return printed  # printed numbers on a line the axis could not measure
    if lay.y_axis is not None and lay.y_axis.scale == "log" or lay.x_axis is not None and lay.x_axis.scale == "log":
        warnings.append("log axis: values were read on a logarithmic scale")
    return _finish(kind, series, lay, warnings, entries)


def _below_header(lay: Layout, lines: list[TextLine], image: Image) -> None:
    """The marks lie below the page's title block (title, subtitle, a publisher's logo beside them),
    and below words that start left of the plot above the value axis's top tick label."""
    ceiling = min((b.y0 for _, b in lay.y_tick_boxes), default=0.35 * image.height)
    header = [i for i in chrome_lines(lines, image.pixels) if lines[i].box.y1 < min(ceiling, 0.35 * image.height)]
    if lay.y_tick_boxes:
        header += [
            i
            for i, l in enumerate(lines)
            if l.box.y1 < ceiling and l.box.x0 < lay.plot.x0 and parse_number(l.text) is None
        ]
    top = max((lines[i].box.y1 + 2 for i in header), default=0)
    if lay.plot.y0 < top < lay.plot.y1 - 4 * lay.text_height:
        lay.plot = Box(lay.plot.x0, top, lay.plot.x1, lay.plot.y1)


def _marks(palette, lay: Layout, lines: list[TextLine], worded: list[int], exclude: list[Box]) -> list[Marks]:
    """Each colour's marks in the plot (text, and the `exclude` boxes, left out)."""
    text_boxes = [l.box for l in lines]
    names = [
        lines[i].box.pad(int(0.5 * lay.text_height)) for i in worded
    ]  # a series named at its line's end, in its colour
    out = []
    for k in range(len(palette.colours)):
        mask = mark_mask(palette, k, lay.plot, exclude)
        m = None if _mostly_text(mask, lay.plot, text_boxes) else describe(k, mask)
        # a thin anti-aliased line keeps too few pixels of its exact colour (its dots, maybe); grey is grid and text
        if (m is None or m.kind in ("none", "points")) and not neutral(palette.colours[k]):
            thin = describe(k, line_mask(palette, k, lay.plot, exclude + names), blended=True)
            m = thin if thin.kind == "line" and not _mostly_text(thin.mask, lay.plot, text_boxes) else m
        if m is not None and m.kind != "none":
            out.append(m)
    return out


def _mostly_text(mask: np.ndarray, plot: Box, boxes: list[Box]) -> bool:
    total = int(mask.sum())
    if not total:
        return True
    inside = 0
    for b in boxes:
        sub = mask[max(0, b.y0 - plot.y0) : max(0, b.y1 - plot.y0), max(0, b.x0 - plot.x0) : max(0, b.x1 - plot.x0)]
        inside += int(sub.sum())
    return inside >= 0.5 * total


def _vertical(lay: Layout, marks: list[Marks]) -> bool:
    if lay.y_axis is not None and lay.x_axis is None:
        return True
    if lay.x_axis is not None and lay.y_axis is None:
        return False
    rects = [r for m in marks for r in m.rects]
    if not rects or lay.x_axis is None:
        return True
    # both axes numeric (years under bars, say): vertical bars share a base row, horizontal ones a base column
    bottoms = np.array([r.y1 for r in rects])
    lefts = np.array([r.x0 for r in rects])
    horizontal = (
        np.mean(np.abs(lefts - np.median(lefts)) <= 2) >= 0.8 > np.mean(np.abs(bottoms - np.median(bottoms)) <= 2)
    )
    return not horizontal


def _series_name(colour: int, names: dict[int, str], lay: Layout, count: int) -> str:
    return names.get(colour) or (
        lay.y_label if count == 1 and lay.y_label else f"series {colour + 1}" if count > 1 else "value"
    )


def _read_bars(marks, lay, kind, vertical, lines, value_idx, names, warnings) -> list[Series]:
    axis = lay.y_axis if vertical else lay.x_axis
    if axis is None:
        warnings.append("bars found but their value axis could not be calibrated")
        return []
    labels = lay.x_labels if vertical else lay.y_labels
    rect_marks = [m for m in marks if m.kind == "rects"]
    vls = []
    for i in value_idx:
        b = lines[i].box
        c = b.center
        vls.append(
            bar_reader.ValueLabel(
                c[0] if vertical else c[1], c[1] if vertical else c[0], parse_number(lines[i].text), b.height
            )
        )
    cat_axis = lay.x_axis if vertical else lay.y_axis
    bars = bar_reader.measure(
        rect_marks, lay.plot, axis, labels, vertical, kind == "stacked_bar", vls, warnings, cat_axis
    )
    order = {l.text: k for k, l in enumerate(labels)}
    cats = sorted({b.category for b in bars}, key=lambda c: order.get(c, 1e9 + (int(c) if c.isdigit() else 0)))
    if cats and all(c.lstrip("-").isdigit() for c in cats):
        cats.sort(key=int)
    out = []
    for m in rect_marks:
        mine = {b.category: b.value for b in bars if b.colour == m.colour}
        pts = [
            Point(x=c, y=round(mine.get(c, 0.0), 6))
            for c in cats
            if c in mine or kind in ("grouped_bar", "stacked_bar")
        ]
        out.append(Series(name=_series_name(m.colour, names, lay, len(rect_marks)), points=pts))
    return out


def _misses_points(printed: ChartData | None, lay: Layout) -> bool:
    """Fewer printed numbers than a line has points, or some read as a lone digit (a stroke
    through a label leaves a piece of it readable)."""
    if len(lay.x_labels) < 2:
        return False
    return printed is None or any(
        len(s.points) < len(lay.x_labels) or any(abs(p.y) < 10 for p in s.points) for s in printed.series
    )


def _calibrated(axis) -> bool:
    """An axis worth measuring on: three or more ticks that fit a straight scale."""
    return axis is not None and len(axis.ticks) >= 3 and axis.error < 0.02


def _read_lines(
    marks, lay, kind, names, warnings, legend_box: Box | None = None, printed: list[line_labels.Printed] = ()
) -> list[Series]:
    """Each line's points, measured on the y axis; a number printed beside a point is its value."""
    if lay.y_axis is None:
        warnings.append("lines found but the y axis could not be calibrated")
        return []
    use = _traced(marks, kind)
    measured = []
    for m in use:
        mask = _fill_behind(m.mask, lay.plot, legend_box) if kind == "area" and legend_box else m.mask
        trace = line_reader.centre_trace(mask)
        if np.isnan(trace).all():
            continue
        if kind == "area":  # an area's top edge is its polyline: corners at the data points
            trace = _top_edge(mask, lay.plot, legend_box)
        ps, xs, step = line_reader.positions(trace, lay.plot, lay, None if kind == "area" else mask)
        if kind == "area":
            ys = line_reader.area_values(mask, lay.plot, ps, lay.y_axis)
        else:
            ys = line_reader.line_values(trace, lay.plot, ps, step, lay.y_axis)
        got = [(p, x, y, step) for p, x, y in zip(ps, xs, ys) if y is not None]
        if len(got) < len(xs):
            warnings.append(f"{len(xs) - len(got)} point(s) of a series could not be traced")
        measured.append((_series_name(m.colour, names, lay, len(use)), got))
    flat = [(p, y, step) for _, got in measured for p, _, y, step in got]
    values = iter(line_labels.snap(flat, printed, lay.y_axis, lay.text_height) if printed else [y for _, y, _ in flat])
    return [
        Series(name=name, points=[Point(x=x, y=float(f"{next(values):.6g}")) for _, x, _, _ in got])
        for name, got in measured
    ]


def _traced(marks: list[Marks], kind: str) -> list[Marks]:
    """The marks to trace as lines or areas (a thin layer of a stacked area chart looks like a
    line); remnants of grids and frames are small."""
    use = [m for m in marks if m.kind == kind or (kind == "area" and m.kind == "line")]
    biggest = max((m.pixels for m in use), default=0)
    return [m for m in use if m.pixels >= 0.15 * biggest]


def _top_edge(mask: np.ndarray, plot: Box, hidden: Box | None) -> np.ndarray:
    """Per column, the first row of the mask (NaN where empty, or where the top is hidden under `hidden`)."""
    has = mask.any(axis=0)
    top = np.where(has, mask.argmax(axis=0), -1).astype(float)
    if hidden is not None:
        x0, x1 = max(0, hidden.x0 - plot.x0), max(0, hidden.x1 - plot.x0)
        y0, y1 = hidden.y0 - plot.y0, hidden.y1 - plot.y0
        cols = top[x0:x1]
        cols[(cols >= y0 - 1) & (cols <= y1 + 1)] = -1  # the legend's edge, not the layer's
    top[top < 0] = np.nan
    return top


def _fill_behind(mask: np.ndarray, plot: Box, box: Box) -> np.ndarray:
    """An area layer with a legend drawn over it: the hidden rows filled in the columns where the
    layer runs into the legend from above and on out below it (or the legend reaches the base)."""
    H, W = mask.shape
    y0, y1 = box.y0 - plot.y0, box.y1 - plot.y0
    x0, x1 = max(0, box.x0 - plot.x0), min(W, box.x1 - plot.x0)
    if x1 <= x0 or not 0 < y0 < H:
        return mask
    out = mask.copy()
    for c in range(x0, x1):
        above = mask[max(0, y0 - 4) : y0, c].any()
        below = y1 >= H - 3 or mask[y1 : min(H, y1 + 4), c].any()
        if above and below:
            out[y0 : min(H, y1), c] = True
    return out


def _read_scatter(marks, lay, names, warnings) -> list[Series]:
    if lay.x_axis is None or lay.y_axis is None:
        warnings.append("markers found but both axes are needed to read a scatter plot")
        return []
    use = [m for m in marks if m.kind == "points"]
    return [
        Series(
            name=_series_name(m.colour, names, lay, len(use)),
            points=[Point(x=x, y=y) for x, y in scatter_reader.points(m.mask, lay.plot, lay.x_axis, lay.y_axis)],
        )
        for m in use
    ]


def _read_pie(image: Image, lines: list[TextLine], lay: Layout, warnings: list[str]) -> ChartData:
    top = max((lines[i].box.y1 for i in lay.title_lines), default=0)
    plot = Box(0, min(top, image.height - 1), image.width, image.height)
    palette = separate(image.pixels, plot)
    free = [i for i in range(len(lines)) if i not in lay.title_lines]
    entries, legend_box = read_legend(
        lines, [i for i in free if parse_number(lines[i].text) is None], palette, lay.text_height
    )
    disc = pie_reader.find_disc(palette, [])
    if disc is None:
        reason = (
            "no numeric axis and no pie found; the image looks like a table or text, not a chart"
            if len(lines) >= 6
            else "no numeric axis and no pie found; nothing was read"
        )
        return other(reason, lay.title, warnings)
    cx, cy, r = disc
    if legend_box and legend_box.intersection(Box.of((cx - r, cy - r, cx + r, cy + r))):
        entries, legend_box = [], None  # slice labels beside slice edges, not a legend
    if lay.title and any(lines[i].box.y1 > cy - r for i in lay.title_lines):
        lay.title = None  # that was a slice label above the disc, not a title
        free = list(range(len(lines)))
    sl = pie_reader.slices(palette, cx, cy, r)
    if len(sl) < 2:
        return other("found a disc but could not split it into slices", lay.title, warnings)
    in_legend = {i for i in free if legend_box and legend_box.contains(*lines[i].box.center)}
    pie_reader.name_and_value(sl, cx, cy, r, lines, [i for i in free if i not in in_legend], entries, warnings)
    series = [Series(name=lay.title or "share", points=[Point(x=s.name, y=round(s.percent, 2)) for s in sl])]
    return _finish("pie", series, lay, warnings, entries, confidence=0.85)


def _finish(
    kind: str,
    series: list[Series],
    lay: Layout,
    warnings: list[str],
    entries: list[LegendEntry],
    confidence: float | None = None,
) -> ChartData:
    series = [s for s in series if s.points]
    rank = {e.name: k for k, e in enumerate(entries)}
    if kind != "pie" and rank and all(s.name in rank for s in series):
        series.sort(key=lambda s: rank[s.name])  # the legend's order, not the palette's
    if not series:
        return other("the marks could not be measured", lay.title, warnings)
    if confidence is None:
        axis = lay.y_axis or lay.x_axis
        confidence = 0.9 * (1 - min(1.0, 10 * (axis.error if axis else 0.1)))
    confidence *= 0.85 ** len(warnings)
    return ChartData(
        chart_type=kind,
        title=lay.title,
        x_label=lay.x_label,
        y_label=lay.y_label,
        series=series,
        csv=to_csv(series),
        markdown=to_markdown(series),
        confidence=round(max(0.0, min(1.0, confidence)), 3),
        warnings=warnings,
    )
