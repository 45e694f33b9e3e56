"""Turn prose into slide bullets that are whole statements, never clauses without their subject.

A sentence short enough is kept whole. A long one is condensed to its main clause: the words before
the first relative or subordinate clause, parenthesis or dash, when that part still has a verb;
otherwise it is kept whole (the text fitter sizes it). The full sentences go to the speaker notes.
"""

from __future__ import annotations

import re

from ..document import split_sentences

MAX_WORDS = 16
MIN_HEAD = 5  # a main clause shorter than this says too little on its own
SUBORDINATORS = frozenset(
    """which who whom whose where when while whereas although though because since unless if
until after before as that whether once whenever wherever so""".split()
)
_AUX = frozenset(
    """is are was were be been being am has have had do does did will would can could shall should may might
must isn't aren't wasn't weren't hasn't haven't didn't won't""".split()
)
_NOT_SUBJECT = set(
    "the a an this that these those its their our your his her my of to in on at by for with from as and or "
    "new strong high low big small large major key more most many few other several all some each every "
    "annual monthly total net gross early late first last next".split()
)
_ADJ_END = ("al", "ic", "ive", "ous", "ful", "ent", "ant", "ing", "ary", "ian")
_CUT = re.compile(
    r",\s+(?=(?:which|who|whom|whose|where|when|while|whereas|although|though|because|since|unless|if|as|"
    r"driven by|despite|including|compared|led by|thanks to|according to|with|after|before)\b)"
    r"|;\s+|:\s+|\s+[–—]\s+|\s+\(|,\s+(?=and\s)"
)


def has_verb(text: str) -> bool:
    """A finite verb is there: an auxiliary, a past form (-ed), or a present form after a subject word."""
    words = [w.strip(".,;:()\"'").lower() for w in text.split()]
    if any(w in _AUX for w in words):
        return True
    if any(len(w) > 3 and w.endswith("ed") for w in words[1:]):
        return True
    irregular = {
        "grew",
        "rose",
        "fell",
        "made",
        "held",
        "led",
        "took",
        "gave",
        "came",
        "went",
        "became",
        "began",
        "won",
        "lost",
        "paid",
        "sold",
        "built",
        "kept",
        "left",
        "met",
        "ran",
        "saw",
        "set",
        "spent",
        "stood",
        "drew",
        "wrote",
        "found",
        "brought",
        "bought",
        "thought",
        "told",
        "showed",
        "shows",
        "remains",
        "includes",
    }
    if any(w in irregular for w in words):
        return True
    return any(
        len(w) > 3
        and w.endswith("s")
        and not w.endswith("ss")
        and words[i - 1] not in _NOT_SUBJECT
        and not words[i - 1].endswith(_ADJ_END)
        for i, w in enumerate(words)
        if i > 0
    )


def is_fragment(text: str) -> bool:
    """A bullet that is not a statement: it opens with a relative or subordinating word, or has no verb."""
    words = text.split()
    if not words:
        return True
    return words[0].strip("…\"'(").lower() in SUBORDINATORS or not has_verb(text)


def statement(sentence: str, max_words: int = MAX_WORDS) -> str:
    """The sentence, or its main clause when the sentence is long and the clause stands on its own."""
    s = sentence.strip().rstrip(".;:,")
    if len(s.split()) <= max_words:
        return _cap(s)
    for m in _CUT.finditer(s):
        head = s[: m.start()].strip()
        n = len(head.split())
        if n >= MIN_HEAD and has_verb(head) and head.split()[0].lower() not in SUBORDINATORS:
            return _cap(head)
        if n > max_words:
            break
    return _cap(s)


def _cap(text: str) -> str:
    """Capitalised, unless the first word is not a plain word ("www.example.org", "eBay", "3D")."""
    text = text.strip()
    first = text.split(maxsplit=1)[0] if text else ""
    return text[:1].upper() + text[1:] if first.isalpha() and first[1:].islower() else text


def bullets_from_text(paragraphs: list[str], max_bullets: int = 18) -> list[str]:
    """One statement per sentence that is one (not a label or a stray clause); sentences with numbers
    win when there are too many. When no sentence reads as a statement (labels, lines of a form, prose
    the verb test cannot judge), the paragraphs are kept as the author wrote them, never cut into pieces."""
    sentences = [(k, statement(x)) for p in paragraphs for k, x in enumerate(split_sentences(p))]
    whole = [(k, b) for k, b in sentences if not is_fragment(b)]
    if not whole:  # each paragraph whole, or its sentences uncut when it is long
        whole = [
            (k, _cap(x.rstrip(".;:,")))
            for p in paragraphs
            for k, x in enumerate([p.strip()] if len(p.split()) <= 2 * MAX_WORDS else split_sentences(p))
        ]
    cands = [
        (0 if re.search(r"\d", b) else (1 if k == 0 else 2), n, b) for n, (k, b) in enumerate(x for x in whole if x[1])
    ]
    if len(cands) > max_bullets:
        cands = sorted(sorted(cands)[:max_bullets], key=lambda c: c[1])
    return [b for _, _, b in cands]


def condense_item(item: str, max_words: int = MAX_WORDS + 4) -> list[str]:
    """A list item is the document's own wording: kept, or condensed to its main clause when long."""
    if len(item.split()) <= max_words:
        return [item.strip()]
    return [statement(item)]
