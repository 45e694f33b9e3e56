"""Turn prose into slide bullets of at most ~12 words without ever dropping or altering a number.

A sentence short enough is kept whole. A long one is cut into clauses; every clause holding a number
is kept (joined while short, else as its own bullet), and a clause still too long is reduced to a
window of words around its numbers. The full sentences go to the speaker notes.
"""

from __future__ import annotations

import re

from ..document import split_sentences

MAX_WORDS = 12
_UNIT = re.compile(r"^(?:million|billion|thousand|trillion|percent|%|customers|users|units|employees|hours|days|points|bps)\b", re.I)
_STOP = {"the", "a", "an", "of", "to", "at", "in", "on", "for", "and", "or", "with", "from", "by", "as", "than", "that"}
_NUMBER = re.compile(r"\d")
_CLAUSE = re.compile(
    r",\s+|;\s+|:\s+|\s+[–—-]\s+|\s+(?=(?:while|whereas|although|which|but|driven by|despite|because|after)\b)"
    r"|\s+(?=and\s+(?!\s*[$€£\d]))"
)


def condense_sentence(sentence: str, max_words: int = MAX_WORDS) -> list[str]:
    s = sentence.strip().rstrip(".;:")
    if len(s.split()) <= max_words:
        return [_cap(s)] if s else []
    clauses = [c.strip() for c in _CLAUSE.split(s) if c and c.strip()]
    numeric = [c for c in clauses if _NUMBER.search(c)]
    keep = numeric or clauses[:1]
    out: list[str] = []
    cur = ""
    for c in keep:
        trial = f"{cur}, {c}" if cur else c
        if len(trial.split()) <= max_words:
            cur = trial
        else:
            if cur:
                out.append(cur)
            cur = c
    if cur:
        out.append(cur)
    return [_cap(b) for c in out for b in _window(c, max_words + 2 if _NUMBER.search(c) else max_words)]


def _window(clause: str, max_words: int) -> list[str]:
    """The clause cut to at most `max_words` words around its numbers; every number survives, in
    several bullets when the numbers lie too far apart for one."""
    words = clause.split()
    if len(words) <= max_words:
        return [clause]
    nums = [i for i, w in enumerate(words) if _NUMBER.search(w)]
    if not nums:
        return [" ".join(words[:max_words]) + "…"]
    first, last = nums[0], nums[-1]
    if last + 1 < len(words) and _UNIT.match(words[last + 1]):
        last += 1  # "$53 million": the scale belongs to the number
    if last - first + 1 > max_words:  # numbers spread wide: each number with a little context, packed
        return _pack_numbers(words, nums, max_words)
    start = max(0, last - max_words + 1, first - 3)
    end = min(len(words), start + max_words)
    kept = words[start:end]
    while end < len(words) and len(kept) > 1 and kept[-1].lower() in _STOP:
        kept.pop()
    text = " ".join(kept)
    return [("…" if start > 0 else "") + text + ("…" if end < len(words) else "")]


def _pack_numbers(words: list[str], nums: list[int], max_words: int) -> list[str]:
    """Each number with the word before it (and its unit after), merged where they touch, packed into
    bullets of at most `max_words` words joined by ' … '."""
    spans: list[list[int]] = []
    for i in nums:
        end = i + 1 if i + 1 < len(words) and _UNIT.match(words[i + 1]) else i
        if spans and i - 1 <= spans[-1][1] + 1:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([max(0, i - 1), end])
    bullets: list[list[str]] = [[]]
    for a, b in spans:
        piece = words[a : b + 1]
        while len(piece) > max_words:  # one run of numbers longer than a bullet
            bullets.append(piece[:max_words])
            piece = piece[max_words:]
        if bullets[-1] and len(bullets[-1]) + 1 + len(piece) > max_words:
            bullets.append([])
        bullets[-1] += (["…"] if bullets[-1] else []) + piece
    return [" ".join(b) for b in bullets if b]


def _cap(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def bullets_from_text(paragraphs: list[str], max_bullets: int = 18) -> list[str]:
    """Condensed bullets for a run of paragraphs; sentences with numbers win when there are too many."""
    cands: list[tuple[int, int, str]] = []  # (priority, order, bullet)
    order = 0
    for p in paragraphs:
        for k, sentence in enumerate(split_sentences(p)):
            for b in condense_sentence(sentence):
                prio = 0 if _NUMBER.search(b) else (1 if k == 0 else 2)
                cands.append((prio, order, b))
                order += 1
    if len(cands) > max_bullets:
        cands = sorted(sorted(cands)[:max_bullets], key=lambda c: c[1])
    return [b for _, _, b in cands]


def condense_item(item: str, max_words: int = MAX_WORDS + 4) -> list[str]:
    """A list item is already short; only very long items are condensed like sentences."""
    if len(item.split()) <= max_words:
        return [item.strip()]
    return condense_sentence(item)
