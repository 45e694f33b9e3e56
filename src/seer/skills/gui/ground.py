"""ground: an instruction in plain words -> the element to click, or found=false with candidates."""

from __future__ import annotations

from dataclasses import dataclass

from ...context import Context
from ...errors import NotConfigured
from ...perception.geometry import Box
from ...perception.icons import SYNONYMS as ICON_WORDS
from ...perception.image import load_image
from .instruction import CONTAINER_WORDS, Query, parse, similarity
from .layout import Layout, UIElement, layout_of
from .model_ground import ground_with_model
from .schema import Candidate, GroundInput, GroundResult

# how well an element of one type answers a request for another (1.0 when equal)
_COMPAT: dict[tuple[str, str], float] = {
    ("button", "icon"): 0.9, ("icon", "button"): 0.9, ("input", "dropdown"): 0.7, ("dropdown", "input"): 0.75,
    ("dropdown", "button"): 0.7, ("link", "text"): 0.8, ("text", "link"): 0.9, ("button", "link"): 0.75,
    ("link", "button"): 0.75, ("menu_item", "text"): 0.85, ("menu_item", "link"): 0.85, ("menu_item", "button"): 0.8,
    ("tab", "text"): 0.8, ("tab", "link"): 0.8, ("tab", "button"): 0.8, ("checkbox", "toggle"): 0.6,
    ("toggle", "checkbox"): 0.6, ("radio", "checkbox"): 0.6, ("checkbox", "radio"): 0.6, ("button", "menu_item"): 0.8,
    ("button", "tab"): 0.8, ("link", "menu_item"): 0.85, ("text", "tab"): 0.9, ("text", "menu_item"): 0.9,
    ("button", "text"): 0.7, ("image", "icon"): 0.7, ("icon", "image"): 0.7, ("input", "text"): 0.3,
}


@dataclass
class _Scored:
    el: UIElement
    score: float
    why: str


def ground(inp: GroundInput, ctx: Context) -> GroundResult:
    """Find the one UI element an instruction refers to and return where to click it.

    Use before clicking: give a screenshot and words such as "the Save button", "the Email field",
    "the Remember me checkbox", "the input right of 'Name'", "the OK button in the Delete dialog",
    "the second Delete link", "the last row's Edit link", "the settings gear", "close the dialog".
    Returns found, box [x0,y0,x1,y1] and point [x,y] in original-image pixels (click the point),
    a 0-1 confidence, the matched element, and up to 5 candidates. When nothing matches well enough
    it answers found=false with candidates rather than guessing. Runs locally (OCR + shapes + an icon
    library); a second call on the same screenshot reuses its analysis and is fast. With a vision model
    configured, unsure cases go to it as numbered marks (set-of-marks); `path` says which answered.
    """
    image = load_image(inp.image, ctx.settings)
    layout = layout_of(image)
    q = parse(inp.instruction)
    ranked, chosen, why = resolve(layout, q)
    cands = [_candidate(s.el, s.score) for s in ranked[:5]]
    if inp.use_model and ctx.model is None:
        raise NotConfigured("use_model is set but no vision model is configured; set SEER_MODEL (see docs/models.md) or drop use_model")
    certain = chosen is not None and chosen.score >= 0.9
    if ctx.model is not None and (inp.use_model or (inp.use_model is None and not certain)):
        a = ground_with_model(ctx.model, image, layout, inp.instruction, [s.el for s in ranked[:10]])
        if a.box is None or a.point is None:
            return GroundResult(found=False, box=None, point=None, confidence=0.0, candidates=cands, path="model", reason=a.reason)
        return GroundResult(found=a.confidence >= inp.min_confidence, box=a.box.as_list(), point=list(a.point),
                            confidence=a.confidence, element=_candidate(a.element, a.confidence) if a.element else None,
                            candidates=cands, path="model", reason=a.reason)
    if chosen is None or chosen.score < inp.min_confidence:
        reason = why or (f"best match scored {ranked[0].score:.2f}, under {inp.min_confidence}" if ranked else "no element matched")
        return GroundResult(found=False, box=None, point=None, confidence=round(chosen.score if chosen else 0.0, 3),
                            candidates=cands, reason=reason)
    e = chosen.el
    return GroundResult(found=True, box=e.box.as_list(), point=list(e.click), confidence=round(chosen.score, 3),
                        element=_candidate(e, chosen.score), candidates=cands, reason=chosen.why)


def _candidate(e: UIElement, score: float) -> Candidate:
    text = e.text or e.label or (e.name or "")
    return Candidate(id=e.id, type=e.type, text=text, box=e.box.as_list(), point=list(e.click), score=round(score, 3))


def _type_factor(e: UIElement, want: str | None) -> float:
    if want is None:
        return 1.0 if e.type != "text" else 0.92
    if e.type == want:
        return 1.0
    return _COMPAT.get((want, e.type), 0.3)


def _label_score(e: UIElement, q: Query) -> tuple[float, str]:
    words = q.label.split()
    if len(words) > 1 and not q.quoted:
        words = [w for w in words if w not in CONTAINER_WORDS] or words
    label = " ".join(words)
    best, why = 0.0, ""
    if label:
        for source, text, weight in (("text", e.text, 1.0), ("label", e.label, 0.97)):
            if text:
                s = similarity(label, text) * weight
                if s > best:
                    best, why = s, f"{source} '{text}' matches '{label}'"
    if e.name and (q.icon == e.name or (label and set(label.split()) & set(ICON_WORDS.get(e.name, ())))):
        s = (0.95 if q.icon_strong else 0.78) if q.icon == e.name else (0.45 if q.icon else 0.85)
        if s > best:
            best, why = s, f"icon '{e.name}'"
    if not label and q.icon is None:
        best, why = (0.8 if q.relation else 0.7), "type and position"
    return best, why


def _relation_factor(e: UIElement, anchor: Box, rel: str) -> float:
    b = e.box
    ah, bh = anchor.height, b.height
    same_row = abs(b.center[1] - anchor.center[1]) <= max(10, 0.6 * max(ah, bh))
    h_overlap = b.x0 < anchor.x1 + 30 and b.x1 > anchor.x0 - 30
    if rel == "right" and b.x0 >= anchor.x1 - 4 and same_row:
        return 1.0 - min(0.3, (b.x0 - anchor.x1) / 2000)
    if rel == "left" and b.x1 <= anchor.x0 + 4 and same_row:
        return 1.0 - min(0.3, (anchor.x0 - b.x1) / 2000)
    if rel == "below" and b.y0 >= anchor.y1 - 4 and h_overlap:
        return 1.0 - min(0.3, (b.y0 - anchor.y1) / 1500)
    if rel == "above" and b.y1 <= anchor.y0 + 4 and h_overlap:
        return 1.0 - min(0.3, (anchor.y0 - b.y1) / 1500)
    if rel == "near":
        gaps = []
        if same_row:
            gaps.append(max(b.x0 - anchor.x1, anchor.x0 - b.x1, 0))
        if h_overlap:
            gaps.append(max(b.y0 - anchor.y1, anchor.y0 - b.y1, 0) * 1.5)
        return 1.0 - min(0.6, min(gaps) / 400) if gaps else 0.0
    if rel == "row":
        return 1.0 if same_row else 0.0
    return 0.0


def _anchors(layout: Layout, q: Query) -> list[tuple[UIElement, float]]:
    found = []
    for e in layout.elements:
        s = max(similarity(q.anchor, e.text), similarity(q.anchor, e.label) * 0.97 if e.label else 0.0)
        if q.anchor_type:
            s *= _type_factor(e, q.anchor_type)
        if e.name and set(q.anchor.split()) & set(ICON_WORDS.get(e.name, ())):
            s = max(s, 0.8)
        if s >= 0.6:
            found.append((e, s))
    if not found:
        return []
    top = max(s for _, s in found)
    return [(e, s) for e, s in found if s >= top - 0.08]


def resolve(layout: Layout, q: Query) -> tuple[list[_Scored], _Scored | None, str]:
    """Score every element against the query; return them ranked, the chosen one (or None) and a reason."""
    scored: list[_Scored] = []
    for e in layout.elements:
        s, why = _label_score(e, q)
        if s <= 0:
            continue
        tf = _type_factor(e, q.type)
        if q.state and e.type in ("checkbox", "toggle", "radio"):
            tf = max(tf, 1.0)
        scored.append(_Scored(e, s * tf, why + (f", type {e.type}" if q.type else "")))
    if q.relation and q.anchor:
        scored, note = _apply_relation(layout, q, scored)
        if note:
            return sorted(scored, key=lambda s: -s.score), None, note
    ranked = sorted(scored, key=lambda s: (-s.score, s.el.id))
    if not ranked:
        return [], None, f"nothing on screen matches '{q.label or q.text}'"
    best = ranked[0]
    if q.ordinal is not None:
        pool = sorted((s for s in ranked if s.score >= max(0.5, best.score - 0.12)), key=lambda s: s.el.id)
        idx = q.ordinal - 1 if q.ordinal > 0 else len(pool) + q.ordinal
        if not 0 <= idx < len(pool):
            return ranked, None, f"asked for item {q.ordinal} but only {len(pool)} match"
        pick = pool[idx]
        return ranked, _Scored(pick.el, pick.score, pick.why + f", ordinal {q.ordinal} of {len(pool)}"), ""
    rivals = [s for s in ranked[1:] if s.score >= best.score - 0.02 and s.el.box.iou(best.el.box) < 0.5]
    if rivals:
        # several equally good answers and no ordinal to pick one: say so with a lower confidence
        return ranked, _Scored(best.el, best.score * 0.75, best.why + f", {len(rivals) + 1} equal matches: first chosen"), ""
    return ranked, best, ""


def _apply_relation(layout: Layout, q: Query, scored: list[_Scored]) -> tuple[list[_Scored], str]:
    anchors = _anchors(layout, q)
    if q.relation == "in":
        boxes = [c for c in layout.containers if similarity(q.anchor, c.title) >= 0.6]
        if boxes:
            inside = {i for c in boxes for i in c.members}
            return [s for s in scored if s.el.id in inside], ""
        if anchors:  # no outline found: take what lies under the title
            q_rel = "below"
            out = []
            for s in scored:
                f = max((_relation_factor(s.el, a.box, q_rel) for a, _ in anchors), default=0.0)
                if f > 0:
                    out.append(_Scored(s.el, s.score * (0.85 + 0.15 * f), s.why + f", under '{anchors[0][0].text}'"))
            return out, ""
        return scored, f"no dialog or section titled '{q.anchor}' found"
    if not anchors:
        return [s for s in scored], f"could not find '{q.anchor}' to measure '{q.relation}' from"
    out = []
    anchor_ids = {a.id for a, _ in anchors}
    for s in scored:
        if s.el.id in anchor_ids:
            # a control named by its own caption: "the checkbox next to Remember me", "the input right of Name"
            own = s.el.label_box if s.el.type in ("checkbox", "radio") else s.el.caption_box
            f = _relation_factor(s.el, own, q.relation) if own is not None else 0.0
            if f > 0:
                out.append(_Scored(s.el, s.score * f, s.why + f", {q.relation} of its caption"))
            continue
        best = 0.0
        for a, a_s in anchors:
            ref = a.extent if a.type in ("checkbox", "radio") else a.box
            f = _relation_factor(s.el, ref, q.relation) * (0.9 + 0.1 * a_s)
            best = max(best, f)
        if best > 0:
            out.append(_Scored(s.el, s.score * best, s.why + f", {q.relation} of '{anchors[0][0].text or anchors[0][0].label}'"))
    if q.relation in ("right", "left", "below", "above", "near") and out:
        # the nearest one in that direction wins clear: distance already lowered the others a little
        top = max(o.score for o in out)
        out = [o if o.score >= top - 1e-9 else _Scored(o.el, o.score * 0.9, o.why) for o in out]
    return out, ""
