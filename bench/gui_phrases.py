"""How people word grounding requests, written apart from the grounding code (which never imports this).

Pages in `gui_unseen.py` declare what they hold and what to ask for, as `Ask(kind, form, key, slots)`;
this module turns each into one instruction with its own words for types, ordinals and verbs. The
variant is picked by a hash of the page and ask, so a run is repeatable and no page sees every form.
A third of the instructions (by hash) are held out: the bench reports them apart and never prints
their misses, so the grounding code can't be tuned to them by reading the report.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

TYPE_NOUNS = {
    "button": ["button"],
    "link": ["link", "hyperlink"],
    "radio": ["option", "radio button", "choice"],
    "checkbox": ["checkbox", "tick box", "check box"],
    "toggle": ["switch", "toggle"],
    "input": ["field", "text box", "box"],
    "dropdown": ["dropdown", "select", "picker"],
    "tab": ["tab"],
    "menu_item": ["menu entry", "item", "entry"],
    "icon": ["icon", "button"],
}
ORDINAL_WORDS = {
    1: ["first", "1st"],
    2: ["second", "2nd"],
    3: ["third", "3rd"],
    4: ["fourth", "4th"],
    5: ["fifth", "5th"],
    -1: ["last", "bottom"],
}
TEXT_FORMS = ["{label}", "click {label}", "tap {label}", 'press "{label}"', "select {label}"]
FORMS: dict[str, list[str]] = {
    "type+label": ["the {label} {noun}", 'the "{label}" {noun}', "click the {label} {noun}", "{noun} labelled {label}"],
    # a control in the row/card/line that carries an anchor text
    "row": [
        "the {noun} for {anchor}",
        "the {noun} in the row of {anchor}",
        "{noun} next to {anchor}",
        "the {anchor} {noun}",
    ],
    # an action named by its verb and the row it acts on: "delete invoice INV-1"
    "verb_row": ["{verb} {anchor}", "{verb} {anchor} from the list", "please {verb} {anchor}"],
    "after": ["the {noun} after '{anchor}'", 'the {noun} following "{anchor}"', "the {noun} right after {anchor}"],
    "below": ["the {noun} under {anchor}", 'the {noun} below "{anchor}"', "the {noun} beneath {anchor}"],
    "right": ["the {noun} to the right of {anchor}", "the {noun} right of '{anchor}'"],
    "column": ["the {what} of the {anchor} column", "the {what} in the {anchor} column", "{anchor} column {what}"],
    "in": ["the {label} {noun} in the {anchor} dialog", "{label} in the {anchor} dialog"],
    "ordinal": ["the {ord} {group}", "the {ord} {group} in the list", "{ord} {group}"],
    "ordinal_of": ["the {noun} of the {ord} {group}", "the {ord} {group}'s {noun}", "{noun} on the {ord} {group}"],
}


@dataclass(frozen=True)
class Ask:
    kind: str  # reported kind: text, paraphrase, type+label, relation, ordinal, icon
    form: str  # "text", "said" (the words are given), or a key of FORMS
    key: str  # data-t of the target
    slots: dict = field(default_factory=dict)  # label, type, anchor, verb, what, n, group, said


def _pick(options: list[str], seed: str) -> str:
    return options[zlib.crc32(seed.encode()) % len(options)]


def held_out(instruction: str) -> bool:
    return zlib.crc32(instruction.encode()) % 3 == 0


def render(ask: Ask, seed: str) -> str:
    """One instruction for an ask; seed makes the choice of wording repeatable."""
    s = dict(ask.slots)
    if ask.form == "said":
        return s["said"]
    if ask.form == "text":
        return _pick(TEXT_FORMS, seed).format(label=s["label"])
    if "type" in s:
        s["noun"] = _pick(TYPE_NOUNS[s["type"]], seed + "n")
    if "n" in s:
        s["ord"] = _pick(ORDINAL_WORDS[s["n"]], seed + "o")
    return _pick(FORMS[ask.form], seed).format(**s)
