"""Relations between elements: right/left/below/above/near/after/before an anchor, in its row, in a
dialog or section it titles, in the column it heads; and the control that a text names in its row."""

from __future__ import annotations

from dataclasses import dataclass

from ...perception.geometry import Box
from ...perception.icons import SYNONYMS as ICON_WORDS
from .instruction import Query, similarity
from .layout import Layout, UIElement


@dataclass
class Scored:
    el: UIElement
    score: float
    why: str


def same_row(a: Box, b: Box) -> bool:
    return abs(b.center[1] - a.center[1]) <= max(10, 0.6 * max(a.height, b.height))


def relation_factor(e: UIElement, anchor: Box, rel: str) -> float:
    b = e.box
    row = same_row(anchor, b)
    h_overlap = b.x0 < anchor.x1 + 30 and b.x1 > anchor.x0 - 30
    if rel in ("right", "after") and b.x0 >= anchor.x1 - 4 and row:
        return 1.0 - min(0.3, (b.x0 - anchor.x1) / 2000)
    if rel in ("left", "before") and b.x1 <= anchor.x0 + 4 and row:
        return 1.0 - min(0.3, (anchor.x0 - b.x1) / 2000)
    if rel in ("below", "after") and b.y0 >= anchor.y1 - 4 and (h_overlap or rel == "after"):
        gap = b.y0 - anchor.y1
        if rel == "after" and gap > 3 * anchor.height:
            return 0.0  # "after" reads on: the next line, not anything further down
        return (1.0 if rel == "below" else 0.85) - min(0.3, gap / 1500)
    if rel in ("above", "before") and b.y1 <= anchor.y0 + 4 and (h_overlap or rel == "before"):
        gap = anchor.y0 - b.y1
        if rel == "before" and gap > 3 * anchor.height:
            return 0.0
        return (1.0 if rel == "above" else 0.85) - min(0.3, gap / 1500)
    if rel == "near":
        gaps: list[float] = []
        if row:
            gaps.append(max(b.x0 - anchor.x1, anchor.x0 - b.x1, 0))
        if h_overlap:
            gaps.append(max(b.y0 - anchor.y1, anchor.y0 - b.y1, 0) * 1.5)
        return 1.0 - min(0.6, min(gaps) / 400) if gaps else 0.0
    if rel == "row":
        return 1.0 if row else 0.0
    return 0.0


def find_anchors(layout: Layout, q: Query) -> list[tuple[UIElement, float]]:
    found = []
    for e in layout.elements:
        s = max(similarity(q.anchor, e.text), similarity(q.anchor, e.label) * 0.97 if e.label else 0.0)
        if q.anchor_type:
            s *= 1.0 if e.type == q.anchor_type else 0.8
        if e.name and set(q.anchor.split()) & set(ICON_WORDS.get(e.name, ())):
            s = max(s, 0.8)
        if s >= 0.6:
            found.append((e, s))
    if not found:
        return []
    top = max(s for _, s in found)
    return [(e, s) for e, s in found if s >= top - 0.08]


def column_band(layout: Layout, head: UIElement) -> Box:
    """The column a header heads: the container holding it, else down to the next header on its right."""
    boxes = [c.box for c in layout.containers if c.box.contains(*head.box.center) and c.box.width < 0.6 * layout.width]
    if boxes:
        return min(boxes, key=lambda b: b.area)
    b = head.box
    peers = [
        e.box
        for e in layout.elements
        if e is not head
        and e.type in ("text", "link", "button")
        and same_row(b, e.box)
        and e.box.x0 > b.x1
        and abs(e.box.height - b.height) <= 0.3 * b.height
        and e.text
    ]
    # whatever sits left of the header on its line (the previous column's menu) ends that column
    peers_left = [e.box for e in layout.elements if e is not head and same_row(b, e.box) and e.box.x1 < b.x0]
    right = min((p.x0 for p in peers), default=layout.width) - 4
    left = max((p.x1 for p in peers_left), default=max(0, b.x0 - b.width)) + 4
    return Box(max(left, b.x0 - (right - b.x1)), b.y0 - b.height, right, layout.height)


def apply_relation(layout: Layout, q: Query, scored: list[Scored]) -> tuple[list[Scored], str]:
    """The candidates that stand in `q.relation` to `q.anchor` (both given), rescored; or a note saying why none."""
    if q.relation is None:
        raise ValueError("apply_relation needs a query with a relation")
    relation: str = q.relation
    anchors = find_anchors(layout, q)
    if q.relation == "in":
        boxes = [c for c in layout.containers if similarity(q.anchor, c.title) >= 0.6]
        if boxes:
            inside = {i for c in boxes for i in c.members}
            # counting in a group ("the 2nd card in To do") starts under its title's line
            heads = [a.box for a, _ in anchors] if q.ordinal is not None else []
            return [s for s in scored if s.el.id in inside and not any(same_row(h, s.el.box) for h in heads)], ""
        if anchors:  # no outline found: take what lies under the title
            out = []
            for s in scored:
                f = max((relation_factor(s.el, a.box, "below") for a, _ in anchors if s.el is not a), default=0.0)
                if f > 0:
                    out.append(Scored(s.el, s.score * (0.85 + 0.15 * f), s.why + f", under '{anchors[0][0].text}'"))
            return out, ""
        return scored, f"no dialog or section titled '{q.anchor}' found"
    if not anchors:
        return list(scored), f"could not find '{q.anchor}' to measure '{q.relation}' from"
    if q.relation == "column":
        out = []
        for s in scored:
            best = 0.0
            for a, a_s in anchors:
                band = column_band(layout, a)
                if s.el is not a and band.x0 <= s.el.box.center[0] <= band.x1 and s.el.box.y1 >= band.y0:
                    best = max(best, (0.9 + 0.1 * a_s) * (1.0 - min(0.2, max(0, s.el.box.y0 - a.box.y1) / 4000)))
            if best > 0:
                out.append(Scored(s.el, s.score * best, s.why + f", in the '{anchors[0][0].text}' column"))
        return out, ""
    out = []
    anchor_ids = {a.id for a, _ in anchors}
    for s in scored:
        if s.el.id in anchor_ids:
            # a control named by its own caption: "the checkbox next to Remember me", "the input right of Name"
            own = s.el.label_box if s.el.type in ("checkbox", "radio") else s.el.caption_box
            f = relation_factor(s.el, own, relation) if own is not None else 0.0
            if q.relation == "near" and own is not None and same_row(own, s.el.box):
                f = 1.0  # "the switch next to Wi-Fi": the one Wi-Fi captions, however wide its row
            if f > 0:
                out.append(Scored(s.el, s.score * f, s.why + f", {q.relation} of its caption"))
            continue
        best = 0.0
        for a, a_s in anchors:
            ref = a.extent if a.type in ("checkbox", "radio") else a.box
            best = max(best, relation_factor(s.el, ref, relation) * (0.9 + 0.1 * a_s))
        if best > 0:
            out.append(
                Scored(s.el, s.score * best, s.why + f", {q.relation} of '{anchors[0][0].text or anchors[0][0].label}'")
            )
    if q.relation in ("right", "left", "below", "above", "near", "after", "before") and out:
        # the nearest one in that direction wins clear: distance already lowered the others a little
        top = max(o.score for o in out)
        out = [o if o.score >= top - 1e-9 else Scored(o.el, o.score * 0.9, o.why) for o in out]
    return out, ""


def control_in_row(layout: Layout, text: UIElement, types: tuple[str, ...]) -> UIElement | None:
    """The control of one of `types` on the line a text names: its toggle, its checkbox, its Install button."""
    row = [e for e in layout.elements if e is not text and e.type in types and same_row(text.box, e.box)]
    if not row:
        # a two-line row (title over subtitle): the control sits level with the pair
        row = [
            e
            for e in layout.elements
            if e is not text
            and e.type in types
            and e.box.x0 > text.box.x1
            and text.box.y0 - text.box.height <= e.box.center[1] <= text.box.y1 + 2 * text.box.height
        ]
    if not row:
        return None
    return min(
        row,
        key=lambda e: (
            abs(e.box.center[1] - text.box.center[1]) > text.box.height,
            abs(e.box.center[0] - text.box.center[0]),
        ),
    )
