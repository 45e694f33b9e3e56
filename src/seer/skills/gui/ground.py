"""ground: an instruction in plain words -> the element to click, or found=false with candidates."""

from __future__ import annotations

from dataclasses import replace

from ...context import Context
from ...errors import NotConfigured
from ...perception.icons import SYNONYMS as ICON_WORDS
from ...perception.image import load_image
from .groups import clusters, group_under
from .instruction import CONTAINER_WORDS, FUNCTION_WORDS, GROUP_NOUNS, Query, norm, parse, similarity
from .label_match import stacked_labels, whole_label
from .layout import Layout, UIElement, layout_of
from .meaning import Intent, intent, semantic_scores
from .relations import Scored, apply_relation, control_in_row, same_row
from .schema import Candidate, GroundInput, GroundResult

# how well an element of one type answers a request for another (1.0 when equal)
_COMPAT: dict[tuple[str, str], float] = {
    ("button", "icon"): 0.9,
    ("icon", "button"): 0.9,
    ("input", "dropdown"): 0.7,
    ("dropdown", "input"): 0.75,
    ("dropdown", "button"): 0.7,
    ("link", "text"): 0.8,
    ("text", "link"): 0.9,
    ("button", "link"): 0.75,
    ("link", "button"): 0.75,
    ("menu_item", "text"): 0.85,
    ("menu_item", "link"): 0.85,
    ("menu_item", "button"): 0.8,
    ("tab", "text"): 0.8,
    ("tab", "link"): 0.8,
    ("tab", "button"): 0.8,
    ("checkbox", "toggle"): 0.6,
    ("toggle", "checkbox"): 0.6,
    ("radio", "checkbox"): 0.6,
    ("checkbox", "radio"): 0.6,
    ("button", "menu_item"): 0.8,
    ("button", "tab"): 0.8,
    ("link", "menu_item"): 0.85,
    ("text", "tab"): 0.9,
    ("text", "menu_item"): 0.9,
    ("button", "text"): 0.7,
    ("image", "icon"): 0.7,
    ("icon", "image"): 0.7,
    ("input", "text"): 0.3,
}
# verbs that name an icon's action only beside what it acts on: "clear all silent notifications" is the ×
# on that group's line, while "clear" alone is a calculator's C
ROW_VERBS: dict[str, tuple[str, ...]] = {"close": ("clear",)}
CONTROL_TYPES = ("button", "link", "input", "checkbox", "radio", "toggle", "dropdown", "tab", "menu_item", "icon")
BESIDE_TYPES = ("button", "link", "input", "checkbox", "radio", "toggle", "dropdown", "icon")


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
    ranked, chosen, why = resolve(layout, q, inp.instruction)
    cands = [_candidate(s.el, s.score) for s in ranked[:5]]
    if inp.use_model and ctx.model is None:
        raise NotConfigured(
            "use_model is set but no vision model is configured; set SEER_MODEL (see docs/models.md) or drop use_model"
        )
    certain = chosen is not None and chosen.score >= 0.9
    if ctx.model is not None and (inp.use_model or (inp.use_model is None and not certain)):
        from .model_ground import ground_with_model  # the model clients' imports only where a model answers

        a = ground_with_model(ctx.model, image, layout, inp.instruction, [s.el for s in ranked[:10]])
        if a.box is None or a.point is None:
            return GroundResult(
                found=False, box=None, point=None, confidence=0.0, candidates=cands, path="model", reason=a.reason
            )
        return GroundResult(
            found=a.confidence >= inp.min_confidence,
            box=a.box.as_list(),
            point=list(a.point),
            confidence=a.confidence,
            element=_candidate(a.element, a.confidence) if a.element else None,
            candidates=cands,
            path="model",
            reason=a.reason,
        )
    if chosen is None or chosen.score < inp.min_confidence:
        reason = why or (
            f"best match scored {ranked[0].score:.2f}, under {inp.min_confidence}" if ranked else "no element matched"
        )
        return GroundResult(
            found=False,
            box=None,
            point=None,
            confidence=round(chosen.score if chosen else 0.0, 3),
            candidates=cands,
            reason=reason,
        )
    e = chosen.el
    return GroundResult(
        found=True,
        box=e.box.as_list(),
        point=list(e.click),
        confidence=round(chosen.score, 3),
        element=_candidate(e, chosen.score),
        candidates=cands,
        reason=chosen.why,
    )


def _candidate(e: UIElement, score: float) -> Candidate:
    text = e.text or e.label or (e.name or "")
    return Candidate(id=e.id, type=e.type, text=text, box=e.box.as_list(), point=list(e.click), score=round(score, 3))


def _type_factor(e: UIElement, want: str | None) -> float:
    if want is None:
        return 1.0 if e.type != "text" else 0.92
    if e.type == want:
        return 1.0
    return _COMPAT.get((want, e.type), 0.3)


def _label_score(e: UIElement, q: Query, on_screen: set[str]) -> tuple[float, str]:
    """How well an element's text, caption or icon name answers the query; `on_screen` holds the icon names shown."""
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
    if (
        e.name
        and not e.static
        and (q.icon == e.name or (label and set(label.split()) & set(ICON_WORDS.get(e.name, ()))))
    ):
        # a word shared with another function ("menu" for ⋮, "site" for the lock) is a weak answer, and
        # the best one left when no icon of the function asked is shown
        other = 0.85 if not q.icon else 0.45 if q.icon in on_screen else 0.7
        s = (0.95 if q.icon_strong else 0.78) if q.icon == e.name else other
        s *= 0.9 + 0.1 * min(1.0, e.confidence)  # of two icons named alike, the surer one
        if s > best:
            best, why = s, f"icon '{e.name}'"
    if not label and q.icon is None:
        best, why = (0.8 if q.relation else 0.7), "type and position"
    return best, why


def _whole_label(layout: Layout, q: Query, instruction: str, extra: list[UIElement]) -> list[Scored]:
    """Stage one: the instruction, less a leading verb or article, is a visible label."""
    found = whole_label(layout, instruction, extra)
    if not found or found[0][1] < 0.9:
        return []
    out = []
    for e, s, typ in found:
        tf = _type_factor(e, typ) if typ else (1.0 if e.interactable else 0.97)
        # a control beside the text it names ("the Wi-Fi switch"); a tab or menu entry is its own text
        if typ in BESIDE_TYPES and e.type != typ and (c := control_in_row(layout, e, (typ,))) is not None:
            out.append(Scored(c, s * 0.97, f"{c.type} on the line of '{e.text}'"))
        out.append(
            Scored(e, s * tf, f"the whole instruction is its {'text' if e.text else 'caption'} '{e.text or e.label}'")
        )
    return sorted(out, key=lambda x: -x.score)


def _row_controls(layout: Layout, scored: list[Scored], types: tuple[str, ...], raw: dict[int, float]) -> list[Scored]:
    """A text that names a line, asked as a control: the toggle, checkbox or button on that line."""
    out = []
    for s in sorted(scored, key=lambda s: -raw.get(id(s.el), 0.0))[:6]:
        r = raw.get(id(s.el), 0.0)
        if r < 0.75 or not s.el.text or s.el.type not in ("text", "link", "menu_item") or s.el.type in types:
            continue
        if (c := control_in_row(layout, s.el, types)) is not None:
            out.append(Scored(c, r * 0.97, f"{c.type} on the line of '{s.el.text}'"))
    return out


def _captioned(layout: Layout, scored: list[Scored]) -> list[Scored]:
    """A caption matched is the field it names: 'Promo code' -> the input beside it."""
    by_caption = {e.caption_box: e for e in layout.elements if e.caption_box is not None}
    return [
        Scored(c, s.score * 1.01, f"{c.type} captioned '{s.el.text}'")
        for s in scored
        if s.el.type == "text" and (c := by_caption.get(s.el.box)) is not None
    ]


def _verb_and_row(layout: Layout, q: Query) -> list[Scored]:
    """'delete invoice INV-6615': a control's own words (or a synonym: 'remove' for Delete) open the
    instruction, as its verb, and the words after them name a text on the control's line."""
    words = q.label.split()
    out = []
    for c in layout.elements:
        if c.type not in CONTROL_TYPES:
            continue
        k = len(norm(c.text).split()) if c.text else 0
        used = k if 0 < k < len(words) and similarity(" ".join(words[:k]), c.text) >= 0.9 else 0
        if not used and c.name and words and words[0] in {*ICON_WORDS.get(c.name, ()), *ROW_VERBS.get(c.name, ())}:
            used = 1
        rest = [w for w in words[used:] if w not in GROUP_NOUNS and w not in FUNCTION_WORDS]
        if not used or not rest:
            continue
        phrase = " ".join(rest)
        for t in layout.elements:
            if t is not c and t.text and same_row(c.box, t.box):
                sim = similarity(phrase, t.text)
                if sim >= 0.75:
                    out.append(Scored(c, 0.97 * sim, f"'{c.text or c.name}' on the line of '{t.text}'"))
    return out


def _ordinal_pool(layout: Layout, q: Query, ranked: list[Scored]) -> tuple[list[Scored], str]:
    """What an ordinal counts: the matches, or the group of the asked type under a title ('the third shipping option')."""
    best = ranked[0] if ranked else None
    if q.type and q.label and (best is None or best.score < 0.5 or _type_factor(best.el, q.type) < 0.9):
        typed = [e for e in layout.elements if _type_factor(e, q.type) >= 0.9]
        titles = [e for e in layout.elements if e.type == "text" and similarity(q.label, e.text) >= 0.6]
        group = group_under(titles, clusters(typed)) if titles else None
        members = group or typed
        note = f"the {q.type}s under '{titles[0].text}'" if group else f"every {q.type}"
        return [Scored(e, 0.8, f"{note}") for e in members], note
    if best is None:
        return [], ""
    pool = [s for s in ranked if s.score >= max(0.5, best.score - 0.12)]
    if len(pool) < abs(q.ordinal or 1) and similarity(q.label, best.el.text or best.el.label) < 0.9:
        # "the second plan option" where one option reads "Basic plan": the words name the list the
        # match belongs to (not the match itself, as "Delete" would), and the ordinal counts in that list
        lists = clusters([e for e in layout.elements if e.type == best.el.type])
        group = next((g for g in lists if any(e is best.el for e in g)), [])
        if len(group) > len(pool):
            return [Scored(e, best.score, f"the {e.type}s of '{best.el.text or best.el.label}'") for e in group], ""
    return _peers(pool, q), ""


def _peers(pool: list[Scored], q: Query) -> list[Scored]:
    """The members an ordinal counts: of the type asked when there are enough of them (a menu's items are no
    'links'), of one size (a logo coloured like a link is not the first of the links under it), and of one
    list when the instruction counts rows or messages."""
    need = abs(q.ordinal or 1)
    exact = [s for s in pool if s.el.type == q.type]
    if q.type and len(exact) >= need:
        pool = exact
    heights = sorted(s.el.box.height for s in pool)
    if len(heights) >= 3:
        mid = heights[len(heights) // 2]
        alike = [s for s in pool if 0.5 * mid <= s.el.box.height <= 2 * mid]
        if len(alike) >= need:
            pool = alike
    if q.group and len(pool) > need:
        # "the checkbox of the last message" counts in the list of messages, not every box on the screen
        by_el = {id(s.el): s for s in pool}
        lists = [g for g in clusters([s.el for s in pool]) if len(g) >= need]
        if lists:
            pool = [by_el[id(e)] for e in max(lists, key=len)]
    return pool


def resolve(layout: Layout, q: Query, instruction: str = "") -> tuple[list[Scored], Scored | None, str]:
    """Score every element against the query; return them ranked, the chosen one (or None) and a reason."""
    instruction = instruction or q.text
    extra = stacked_labels(layout) if q.label else []
    whole = _whole_label(layout, q, instruction, extra)
    if whole:
        return _pick(whole, "")
    want = intent(q.text)
    scored: list[Scored] = []
    raw: dict[int, float] = {}
    on_screen = {e.name for e in layout.elements if e.name}
    for e in layout.elements + extra:
        s, why = _label_score(e, q, on_screen)
        if s <= 0:
            continue
        raw[id(e)] = s
        scored.append(Scored(e, s * _fit(e, q, want), why + (f", type {e.type}" if q.type else "")))
    top = sorted((x.score for x in scored), reverse=True)[:2]
    tied = len(top) == 2 and top[1] >= top[0] - 0.02  # "star Ada's message" where every row has a star
    if q.relation is None and q.ordinal is None and len(q.label.split()) >= 2 and (not top or top[0] < 0.9 or tied):
        scored += _verb_and_row(layout, q)  # cheap, and it spares the embedding model when it answers
    best = max((x.score for x in scored), default=0.0)
    if q.label and not q.quoted and q.ordinal is None and best < 0.8:
        # controls whose label wraps onto a second line are judged by the whole label
        pool = layout.elements + [e for e in extra if e.type != "text"]
        sem = semantic_scores(q.label if q.relation else instruction, pool)
        have = {id(x.el): x for x in scored}
        for i, v in sem.items():
            e = pool[i]
            if v >= 0.3 and v * _fit(e, q, want) > have.get(id(e), Scored(e, 0.0, "")).score:
                raw[id(e)] = max(raw.get(id(e), 0.0), v)
                have[id(e)] = Scored(e, v * _fit(e, q, want), f"'{e.text or e.label or e.name}' means '{q.label}'")
        scored = list(have.values())
    scored += _captioned(layout, scored)
    types = (q.type,) if q.type in BESIDE_TYPES else want.types
    if types and q.relation is None:
        scored += _row_controls(layout, scored, types, raw)
    scored = _best_per_element(scored)
    if q.relation and q.anchor:
        related, note = apply_relation(layout, q, scored)
        if note or not related:
            # the words read as a relation may be the label's own ("search for files" is "Search files")
            as_label = replace(q, relation=None, anchor="", label=f"{q.label} {q.anchor}".strip())
            ranked, chosen, why = resolve(layout, as_label, instruction)
            if chosen is not None and chosen.score >= 0.5:
                return ranked, chosen, why
            return sorted(related, key=lambda s: -s.score), None, note or f"nothing lies {q.relation} '{q.anchor}'"
        scored = related
    ranked = sorted(scored, key=lambda s: (-s.score, s.el.id))
    if q.ordinal is not None:
        pool, note = _ordinal_pool(layout, q, ranked)
        pool = sorted(pool, key=lambda s: s.el.id)
        idx = q.ordinal - 1 if q.ordinal > 0 else len(pool) + q.ordinal
        if not 0 <= idx < len(pool):
            return ranked, None, f"asked for item {q.ordinal} but only {len(pool)} match"
        pick = pool[idx]
        chosen = Scored(pick.el, max(pick.score, 0.75), pick.why + f", ordinal {q.ordinal} of {len(pool)}")
        return [chosen] + [s for s in ranked if s.el is not pick.el], chosen, ""
    typed = [e for e in layout.elements if e.type == q.type] if q.type and q.label and not q.relation else []
    if len(typed) == 1 and (not ranked or ranked[0].score < 0.5):
        # "the search field" where the page has one input and none is labelled so: that one, unsure
        only = Scored(typed[0], 0.55, f"the only {q.type} on screen; no label matches '{q.label}'")
        ranked = [only] + [s for s in ranked if s.el is not typed[0]]
    if not ranked:
        return [], None, f"nothing on screen matches '{q.label or q.text}'"
    return _pick(ranked, "")


def _best_per_element(scored: list[Scored]) -> list[Scored]:
    best: dict[int, Scored] = {}
    for s in scored:
        if id(s.el) not in best or s.score > best[id(s.el)].score:
            best[id(s.el)] = s
    return list(best.values())


def _fit(e: UIElement, q: Query, want: Intent) -> float:
    """How well an element's type and state suit the query: the type asked, or the one its verb implies."""
    tf = _type_factor(e, q.type)
    if q.type is None and want.types:
        tf *= 1.0 if e.type in want.types else 0.92
    if (q.state or want.state) and e.type in ("checkbox", "toggle", "radio"):
        tf = max(tf, 1.0)
    return tf


def _pick(ranked: list[Scored], note: str) -> tuple[list[Scored], Scored | None, str]:
    # one element listed twice (a two-line label and its first line) is one answer, not a tie
    uniq: list[Scored] = []
    for s in ranked:
        if not any(u.el.box.intersection(s.el.box) > 0.5 * min(u.el.box.area, s.el.box.area) for u in uniq):
            uniq.append(s)
    best = uniq[0]
    rivals = [s for s in uniq[1:] if s.score >= best.score - 0.02]
    if rivals:
        # several equally good answers and no ordinal to pick one: say so with a lower confidence
        return (
            uniq,
            Scored(best.el, best.score * 0.75, best.why + f", {len(rivals) + 1} equal matches: first chosen"),
            note,
        )
    return uniq, best, note
