"""Extractive summary: the sentences that say most about what the document is about.

Each sentence scores by how often the document uses its content words (the topic), how many of the
words of the title and headings it shares, whether it carries a key figure, and whether it opens its
section. The best few are returned whole, in document order, with their page and section.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from .document import Document, ListBlock, Paragraph, split_sentences
from .key_figures import from_text

_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = set(
    """the and for with that this from are was were has have had will would can could should may might must not
but its their there these those which who whom whose what when where while than then them they our your his her
also into onto over under about after before between during each more most some such only other any all been being
very just does did done how why yes per via out off upon within without across""".split()
)
MIN_WORDS, MAX_WORDS = 6, 45


@dataclass(frozen=True)
class Claim:
    text: str
    page: int | None
    section: str | None
    score: float


def _words(text: str) -> list[str]:
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in _STOP]


def claims(doc: Document) -> list[Claim]:
    """Every whole sentence of the document's prose that could stand in a summary, scored."""
    raw: list[tuple[str, int | None, str | None, bool]] = []
    for s in doc.main_content().sections:
        first = True
        for b in s.blocks:
            texts = [b.text] if isinstance(b, Paragraph) else b.items if isinstance(b, ListBlock) else []
            for t in texts:
                for sent in split_sentences(t):
                    n = len(sent.split())
                    if MIN_WORDS <= n <= MAX_WORDS and sent.rstrip()[-1:] in ".!?":
                        raw.append((sent.strip(), b.page, s.heading, first))
                        first = False
    freq = Counter(w for text, *_ in raw for w in set(_words(text)))
    topic = {w for w in _words(" ".join([doc.title or ""] + doc.headings()))}
    out = []
    for text, page, section, opens in raw:
        ws = set(_words(text))
        if not ws:
            continue
        tf = sum(math.log1p(freq[w]) for w in ws) / math.sqrt(len(ws))
        score = tf + 1.5 * len(ws & topic) + (1.0 if from_text(text, page, section) else 0.0) + (0.5 if opens else 0.0)
        out.append(Claim(text, page, section, score))
    return out


def summarize(doc: Document, n: int = 5) -> list[Claim]:
    """The `n` best claims, the best of each section first while sections last, in document order."""
    every = claims(doc)
    ranked = sorted(range(len(every)), key=lambda i: -every[i].score)
    picked: list[int] = []
    sections: set[str | None] = set()
    for i in ranked:
        if len(picked) < n and every[i].section not in sections:
            picked.append(i)
            sections.add(every[i].section)
    picked += [i for i in ranked if i not in picked][: max(0, n - len(picked))]
    return [every[i] for i in sorted(picked)]
