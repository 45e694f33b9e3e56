"""Whole-instruction label matches, tried before any parsing.

Label words read as grammar ("Kona for arm64", "Open image as background", "Wrap Text", "OK") lose
their meaning once split into verb, type and relation; when the instruction, less a leading verb or
article, is a visible label, that label is the answer. Two-line labels ("Analyze / Data" on a ribbon)
are assembled from the lines stacked in one column.
"""

from __future__ import annotations

import weakref
from dataclasses import replace

from rapidfuzz.distance import Indel

from ...perception.geometry import Box
from .instruction import TYPE_WORDS, norm
from .layout import Layout, UIElement

# words that may open an instruction without being part of the label, most certain first
_LEAD = (
    ("please",),
    ("click", "tap", "press", "hit", "push", "select", "choose", "pick", "activate"),
    ("on", "the", "a", "an"),
    ("open", "go to", "check", "find", "locate", "use", "enter"),
    ("the",),
)


_ARTICLES = ("the", "a", "an")


def _key(s: str) -> str:
    return " ".join(norm(s).replace("…", " ").split())


def variants(instruction: str) -> list[tuple[str, str | None, float]]:
    """(words, type named at the end, weight): the instruction, then less its leading verbs and articles."""
    text = _key(instruction.strip().strip("\"'“”‘’"))
    out: list[tuple[str, str | None, float]] = [(text, None, 1.0)]
    weight = 1.0
    for group in _LEAD:
        for w in group:
            if text.startswith(w + " ") and len(text) > len(w) + 1:
                text = text[len(w) + 1 :].strip("\"'“”‘’ ")
                weight -= 0.005
                out.append((text, None, weight))
                break
    # articles people add inside a label: "open the image in a new tab" for "Open image in new tab"
    out += [
        (bare, None, wt - 0.01)
        for words, _, wt in out
        if (bare := " ".join(w for w in words.split() if w not in _ARTICLES)) != words and bare
    ]
    typed = []
    for words, _, wt in out:
        *head, last = words.split()
        if head and last in TYPE_WORDS:
            typed.append((" ".join(head).strip("\"'“”‘’ "), TYPE_WORDS[last], wt - 0.01))
    return out + typed


def label_equality(a: str, b: str) -> float:
    """1.0 for the same label, down to 0.9 for an OCR slip or two; 0 otherwise (short labels exactly)."""
    if a == b:
        return 1.0
    if a.replace(" ", "") == b.replace(" ", ""):
        return 0.99
    if min(len(a), len(b)) <= 4:
        return 0.0
    r = Indel.normalized_similarity(a, b)
    return r if r >= 0.9 else 0.0


def word_spans(text: str, box: Box, most: int = 4) -> list[tuple[str, Box]]:
    """Runs of consecutive words of a line with their boxes, estimated from character counts
    (OCR often joins neighbouring labels into one line: "Analyze Copilot", "NetEase Music COVID-19")."""
    words = text.split()
    if len(words) < 2 or len(words) > 8:
        return []
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    per = box.width / max(1, len(text))
    out = []
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + most) + 1):
            if (i, j) == (0, len(words)):
                continue
            x0 = box.x0 + round(starts[i] * per)
            x1 = box.x0 + round((starts[j - 1] + len(words[j - 1])) * per)
            out.append((" ".join(words[i:j]), Box(x0, box.y0, max(x0 + 1, x1), box.y1)))
    return out


def _pieces(e: UIElement) -> list[tuple[str, Box]]:
    b = e.label_box or e.box
    return [(e.text, b)] + word_spans(e.text, b, 3)


_memo: dict[tuple[str, int], tuple[weakref.ref, list[UIElement]]] = {}


def _per_layout(fn):
    """Compute once per layout object (a screenshot read again is the same object, from the layout cache)."""

    def wrapped(layout: Layout) -> list[UIElement]:
        key = (fn.__name__, id(layout))
        hit = _memo.get(key)
        if hit is not None and hit[0]() is layout:
            return hit[1]
        out = fn(layout)
        for k in [k for k, (ref, _) in _memo.items() if ref() is None]:
            del _memo[k]
        _memo[key] = (weakref.ref(layout), out)
        return out

    return wrapped


@_per_layout
def stacked_labels(layout: Layout) -> list[UIElement]:
    """Short text lines stacked in one column with a line's gap or less: one label over two lines."""
    texts = [e for e in layout.elements if e.text and (e.type in ("text", "link") or e.label_box is not None)]
    out = []
    for a in texts:
        ab = a.label_box or a.box
        for b in texts:
            bb = b.label_box or b.box
            h = max(ab.height, bb.height)
            if (
                b is a
                or not -0.5 * min(ab.height, bb.height) <= bb.y0 - ab.y1 <= 0.9 * min(ab.height, bb.height) + 2
                or h > 2 * min(ab.height, bb.height)
            ):
                continue
            if bb.x0 > ab.x1 or bb.x1 < ab.x0:
                continue
            for ta, pa in _pieces(a):
                for tb, pb in _pieces(b):
                    if len(ta.split()) + len(tb.split()) > 4:
                        continue
                    box = Box.union([pa, pb])
                    if a.type in ("checkbox", "radio") and ta == a.text and abs(pa.x0 - pb.x0) <= 0.3 * pa.height + 2:
                        # a box's label wrapped onto a second line is still the box's label
                        out.append(replace(a, text=f"{ta} {tb}", label_box=box))
                    elif abs(pa.center[0] - pb.center[0]) <= 0.3 * max(pa.width, pb.width) + 2:
                        out.append(UIElement("text", box, f"{ta} {tb}", point=box.center, confidence=0.6, id=a.id))
    return out


@_per_layout
def line_parts(layout: Layout) -> list[UIElement]:
    """Each run of words of a longer line as an element of its own, for labels OCR joined to their neighbours."""
    out = []
    for e in layout.elements:
        if e.text and e.type in ("text", "link") and len(e.text.split()) <= 4:
            for t, b in word_spans(e.text, e.label_box or e.box):
                out.append(UIElement(e.type, b, t, point=b.center, confidence=0.6, id=e.id))
    return out


def whole_label(layout: Layout, instruction: str, extra: list[UIElement]) -> list[tuple[UIElement, float, str | None]]:
    """Elements whose visible text or caption is the whole instruction: (element, score, type asked)."""
    forms = variants(instruction)
    found: dict[int, tuple[UIElement, float, str | None]] = {}
    parts = line_parts(layout)
    part_ids = {id(p) for p in parts}
    for e in layout.elements + extra + parts:
        part = 0.96 if id(e) in part_ids else 1.0
        for text in (e.text, e.label):
            if not text:
                continue
            t = _key(text)
            for words, typ, wt in forms:
                s = label_equality(words, t) * wt * part
                if s > 0 and s > found.get(id(e), (None, 0.0))[1]:
                    found[id(e)] = (e, s, typ)
    return sorted(found.values(), key=lambda f: -f[1])
