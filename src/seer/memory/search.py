"""Retrieval over an episode's timeline: full text (FTS5, BM25), fuzzy (OCR errors) and semantic.

The three scores are fused per item (an OCR line, a note, an action):
    score = 0.5·lexical + 0.35·fuzzy + 0.45·semantic      (each part 0–1)
where lexical is the squared IDF-weighted share of the query's words the item holds, times its BM25
rank; fuzzy counts from a 60% partial ratio; semantic maps cosine 0.2–0.7 to 0–1;
so an exact on-screen string wins, a misread one still matches, and a paraphrase finds its line
through the embedding. Items without a vector are embedded on first search.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

import numpy as np

from ..perception.geometry import Box
from .embed import embed
from .events import event_weight
from .store import ItemRecord, MemoryStore

W_FTS, W_FUZZY, W_SEM = 0.5, 0.35, 0.45
ALL = "*"  # the episode name that searches every episode
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Hit:
    item: ItemRecord
    score: float
    parts: tuple[float, float, float]  # full text, fuzzy, semantic


def ensure_vectors(store: MemoryStore, episode: str | None) -> int:
    """Embed the texts that have no vector yet; an episode keeps one vector per distinct text (a
    line on screen for an hour, or back again, is read many times). Returns how many were embedded."""
    missing = store.missing_vectors(episode)
    if not missing:
        return 0
    have = set(store.vectors(episode)[0])
    texts = sorted({it.text for it in missing if (it.episode, it.text) not in have})
    vecs = embed(texts) if texts else np.zeros((0, 0), np.float32)
    if vecs is None:
        return 0
    by_text = dict(zip(texts, vecs))
    given: list[np.ndarray | None] = []
    for it in missing:
        key = (it.episode, it.text)
        given.append(by_text[it.text] if key not in have else None)
        have.add(key)
    store.set_vectors([it.id for it in missing], given)
    return len(texts)


STOP = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the this to was were will with "
    "what when where which who how did do does there their".split()
)


def terms(text: str) -> list[str]:
    """Query words worth matching: no stop words, no single letters."""
    words = [w for w in _WORD.findall(text.lower()) if (len(w) > 1 or w.isdigit()) and w not in STOP]
    return list(dict.fromkeys(words))


def fts_query(text: str) -> str | None:
    words = terms(text)
    return " OR ".join(f'"{w}"' for w in words) if words else None


def search(
    store: MemoryStore,
    query: str,
    episode: str | None = None,
    k: int = 5,
    t0: float | None = None,
    t1: float | None = None,
    kinds: list[str] | None = None,
    semantic: bool = True,
    at: float | None = None,
) -> list[Hit]:
    """The `k` best items for `query`, best first, within the episode (None: all) and time range given.

    Each distinct text is one hit, at its first appearance; an event (an error, a dialog, an
    outcome) ranks above a plain line that matches as well. With `at`: the state at that moment,
    only what was on screen then, and of a line redrawn in place the version shown then."""
    if at is not None:
        t0, t1 = max(at, t0 if t0 is not None else at), min(at, t1 if t1 is not None else at)
    items = {it.id: it for it in store.items(episode, kinds=kinds, t0=t0, t1=t1)}
    if at is not None:
        items = _current(items)
    if not items or not query.strip():
        return []
    fts: dict[int, float] = {}
    q = fts_query(query)
    if q:
        for iid, s in store.full_text(q, episode, limit=200):
            if iid in items:
                fts[iid] = s
    top = max(fts.values(), default=0.0)
    if top > 0:
        # the IDF-weighted share of the query's words the item holds: one common word is not a match
        want = terms(query)
        n, df = store.term_counts(want)
        idf = {w: math.log((n + 1) / (df.get(w, 0) + 0.5)) for w in want}
        total = sum(idf.values()) or 1.0
        # squared, so sharing one word of a paraphrase counts for little against its meaning
        fts = {
            i: (sum(idf[w] for w in set(want) & set(_WORD.findall(items[i].text.lower()))) / total) ** 2
            * (0.5 + 0.5 * s / top)
            for i, s in fts.items()
        }

    fuzzy = _fuzzy(query, items)
    sem: dict[int, float] = {}
    if semantic:
        ensure_vectors(store, episode)
        keys, mat = store.vectors(episode)
        qv = embed([query])
        if mat is not None and qv is not None:
            cos = dict(zip(keys, (mat @ qv[0]).tolist()))
            for iid, it in items.items():
                c = cos.get((it.episode, it.text), 0.0)
                if c > 0.2:
                    sem[iid] = min(1.0, (c - 0.2) / 0.5)  # unrelated text sits near 0.1-0.2

    scored: list[Hit] = []
    for iid in set(fts) | set(fuzzy) | set(sem):
        parts = (fts.get(iid, 0.0), fuzzy.get(iid, 0.0), sem.get(iid, 0.0))
        score = (W_FTS * parts[0] + W_FUZZY * parts[1] + W_SEM * parts[2]) * event_weight(items[iid].text)
        scored.append(Hit(items[iid], round(score, 4), tuple(round(p, 3) for p in parts)))
    scored.sort(key=lambda h: (-h.score, h.item.t))
    return _distinct(scored, k, latest=at is not None)


def episode_scope(store: MemoryStore, episode: str | None) -> str | None:
    """The episode a search names; none named: the most recent one (episodes are kept apart);
    `ALL`: every episode (None)."""
    if episode == ALL:
        return None
    if episode is not None:
        return episode
    eps = store.episodes()
    return max(eps, key=lambda e: (e["created"] + e["duration"], e["created"]))["episode"] if eps else None


def _current(items: dict[int, ItemRecord]) -> dict[int, ItemRecord]:
    """Of lines on screen at one moment in one place (a counter or a progress bar redrawn in
    place, whose old reading was not closed), the latest reading only."""
    placed = [(it, Box(*json.loads(it.box))) for it in items.values() if it.box]
    stale = {a.id for a, ba in placed for b, bb in placed if b.episode == a.episode and b.t > a.t and ba.iou(bb) >= 0.5}
    return {i: it for i, it in items.items() if i not in stale}


def _fuzzy(query: str, items: dict[int, ItemRecord]) -> dict[int, float]:
    """0–1 closeness of each item to the query, tolerant of misread characters; 0 below 60%.

    The query may sit inside a longer line (partial ratio); a line shorter than the query must
    match as a whole, or a fragment like "pro" would match every query containing it."""
    from rapidfuzz import fuzz, process

    ids = list(items)
    texts = [items[i].text.lower() for i in ids]
    ql = query.lower()
    out: dict[int, float] = {}
    for choice, score, idx in process.extract(ql, texts, scorer=fuzz.partial_ratio, limit=100, score_cutoff=60):
        if len(choice) < 0.8 * len(ql):
            score = fuzz.ratio(ql, choice)
            if score < 60:
                continue
        out[ids[idx]] = (score / 100.0 - 0.6) / 0.4
    return out


def _distinct(hits: list[Hit], k: int, latest: bool = False) -> list[Hit]:
    """One hit per distinct text: a line that stayed or came back is one memory, ranked by its
    best-scoring sighting and shown at its first appearance (with `latest`, its last reading: the
    state at a moment). A line caught while it was typed (a prefix of another hit) or read a
    character differently is the same line."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    groups: list[tuple[Hit, str, list[ItemRecord]]] = []  # best hit, its text normalised, its sightings
    for h in hits:
        norm = " ".join(h.item.text.lower().split())
        for best, seen, sightings in groups:
            if h.item.episode == best.item.episode and _same(norm, seen, fuzz):
                # the same text seen again (a character read differently at most); at a moment,
                # any reading of that line (a figure redrawn in place), not a piece caught while typed
                if Levenshtein.distance(norm, seen) <= max(1, len(seen) // 40) or (
                    latest and len(norm) >= len(seen) - 2
                ):
                    sightings.append(h.item)
                break
        else:
            if len(groups) < k:
                groups.append((h, norm, [h.item]))
    out = []
    for best, _, sightings in groups:
        shown = (max if latest else min)(sightings, key=lambda it: it.t)
        out.append(Hit(shown, best.score, best.parts))
    return out


def _same(a: str, b: str, fuzz) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return (len(short) >= 8 and long.startswith(short)) or (len(short) >= 12 and fuzz.ratio(a, b) >= 92)
