"""An episode told within a token budget: a timeline of segments, then the most relevant frames.

A segment is a keyframe and the deltas on it: what was on screen (its top lines), the text that
appeared during it, and what the agent did. Every segment gets a one-line form first; the most
relevant (by the query's hits, else by activity and recency) are expanded while the budget lasts,
and the few most relevant frames go into one image sheet sized so that text + image tokens, as
estimated by `budget.image_tokens`, never exceed the budget.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np

from .budget import image_tokens, text_tokens
from .codec import downscale
from .events import salience
from .frames import frame_pixels
from .search import search
from .store import FrameRecord, ItemRecord, MemoryStore

GAP = 6  # px between images on the sheet
MIN_WIDTH = 320
MAX_SIDE = 2000  # hosts reject larger images when a result carries several


@dataclass
class Segment:
    t0: float
    t1: float
    frames: list[FrameRecord]
    title: str = ""
    new_text: list[tuple[float, str]] = field(default_factory=list)  # (t, text) first seen here, in time order
    shown: list[tuple[float, str]] = field(
        default_factory=list
    )  # plain lines of a new screen, named when there is room
    did: list[str] = field(default_factory=list)
    relevance: float = 0.0

    def events(self, n: int) -> list[str]:
        """The `n` most telling new lines (errors, commands and their outcome, dialogs, pages), in
        time order; a new screen's plain lines fill what room is left."""
        lines = self.new_text + self.shown
        ranked = sorted(range(len(lines)), key=lambda i: (-salience(lines[i][1]), i >= len(self.new_text), i))[:n]
        return [f"{clock(lines[i][0])} {_short(lines[i][1])}" for i in sorted(ranked, key=lambda i: (lines[i][0], i))]

    def line(self, detail: bool) -> str:
        s = f"[{clock(self.t0)}–{clock(self.t1)}] {self.title or '(no text)'}"
        if detail and (self.new_text or self.shown):
            s += " | " + "; ".join(self.events(EVENTS_PER_SEGMENT))
        if detail and self.did:
            s += " | did: " + "; ".join(self.did[:8])
        return s


EVENTS_PER_SEGMENT = 16
SEGMENT_S = 30.0  # a long chain of deltas (a terminal, an editor) is told in pieces of at most this long


def _short(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass
class ContextResult:
    tokens: int
    budget: int
    text: str
    items: list[dict]
    sheet: np.ndarray | None = None


def clock(t: float) -> str:
    t = int(max(0, t))
    return f"{t // 3600}:{t % 3600 // 60:02d}:{t % 60:02d}" if t >= 3600 else f"{t // 60:02d}:{t % 60:02d}"


def segments(store: MemoryStore, episode: str) -> list[Segment]:
    frames = store.frames(episode)
    items = store.items(episode)
    segs: list[Segment] = []
    for f in frames:
        if (
            f.kind == "delta"
            and segs
            and any(g.id == f.key_id for g in segs[-1].frames)
            and f.t - segs[-1].t0 < SEGMENT_S
        ):
            segs[-1].frames.append(f)
            segs[-1].t1 = max(segs[-1].t1, f.t_end)
        else:
            segs.append(Segment(f.t, f.t_end, [f]))
    by_frame: dict[int, list[ItemRecord]] = {}
    for it in items:
        if it.frame_id is not None:
            by_frame.setdefault(it.frame_id, []).append(it)
    starts = [s.t0 for s in segs]
    for it in items:
        if it.kind in ("note", "action") and segs:
            i = max(0, int(np.searchsorted(starts, it.t, side="right")) - 1)
            segs[i].did.append(it.text if it.kind == "action" else f"note: {it.text}")
    seen: set[str] = set()  # a line is news where it first appears, not again after each scroll
    for s in segs:
        first = s.frames[0]
        top = sorted(by_frame.get(first.id, []), key=lambda it: json.loads(it.box)[1] if it.box else 0)
        s.title = " · ".join(_short(it.text, 60) for it in top[:2] if it.kind == "ocr") or first.summary
        for f in s.frames:
            for it in sorted(by_frame.get(f.id, []), key=lambda it: it.t):
                norm = " ".join(it.text.lower().split())
                if it.kind == "ocr" and norm not in seen:
                    seen.add(norm)
                    news = f is not first or first.kind == "delta" or salience(it.text) > 1.0
                    (s.new_text if news else s.shown).append((it.t, it.text))
        s.new_text = _typed_out(s.new_text)
    return segs


def _typed_out(lines: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """Without the pieces of a line caught while it was typed ("Check", "Checkout page ti"): the
    line as finished names it."""
    norms = [" ".join(text.lower().split()) for _, text in lines]
    return [
        ln
        for i, ln in enumerate(lines)
        if not (
            len(norms[i]) >= 4
            and any(later.startswith(norms[i][:-1]) and len(later) > len(norms[i]) for later in norms[i + 1 :])
        )
    ]


def build_context(
    store: MemoryStore,
    episode: str,
    budget: int,
    query: str | None = None,
    provider: str | None = None,
    max_images: int = 3,
) -> ContextResult:
    """Timeline text and an image sheet for `episode` whose estimated tokens stay within `budget`."""
    segs = segments(store, episode)
    stats = {e["episode"]: e for e in store.episodes()}.get(episode, {})
    header = (
        f"Episode {episode}: {clock(stats.get('duration', 0))} recorded, {stats.get('frames', 0)} frames kept "
        f"({stats.get('merged', 0)} near-duplicates merged), {len(segs)} segments."
    )
    hit_frames: list[int] = []
    if query:
        header += f" Query: {query}"
        for h in search(store, query, episode, k=12):
            for s in segs:
                if s.t0 <= h.item.t <= s.t1:
                    s.relevance += h.score
                    break
            if h.item.frame_id is not None and h.item.frame_id not in hit_frames:
                hit_frames.append(h.item.frame_id)
    else:
        n = max(1, len(segs))
        for i, s in enumerate(segs):
            s.relevance = (
                0.5 * (i + 1) / n
                + 0.2 * len(s.did)
                + 0.05 * min(len(s.new_text), 10)
                + 0.3 * sum(salience(t) >= 2 for _, t in s.new_text)
            )

    used = text_tokens(header)
    if used > budget:
        text = header[: max(0, int((budget - 1) * 3.5) - 1)]
        return ContextResult(text_tokens(text) if text else 0, budget, text, [])

    # one line per segment, most relevant first, until the text share of the budget is used;
    # the "omitted" note is reserved up front so the sum can never pass the budget
    text_budget = budget if budget < 400 else int(budget * 0.55)
    chosen: dict[int, bool] = {}  # segment index -> detailed
    order = sorted(range(len(segs)), key=lambda i: -segs[i].relevance)
    note = f"(… {len(segs)} less relevant segments omitted)"
    reserve = text_tokens(note)
    for i in order:
        cost = text_tokens(segs[i].line(False))
        left_out = len(segs) - len(chosen) - 1
        if used + cost + (reserve if left_out else 0) > text_budget:
            continue
        chosen[i] = False
        used += cost
    omitted = len(segs) - len(chosen)
    note = f"(… {omitted} less relevant segments omitted)"
    if omitted:
        used += text_tokens(note)
    for i in order:
        if i in chosen:
            extra = text_tokens(segs[i].line(True)) - text_tokens(segs[i].line(False))
            if extra > 0 and used + extra <= text_budget:
                chosen[i] = True
                used += extra

    # images: the query's frames, else the last frame and the busiest segments' keyframes
    picks = hit_frames[:max_images] if query else _busy_frames(segs, max_images)
    sheet, placed, img_tokens = _sheet(store, picks, budget - used, provider)

    lines = [header]
    items: list[dict] = []
    for i in sorted(chosen):
        s = segs[i]
        line = s.line(chosen[i])
        lines.append(line)
        items.append(
            {
                "kind": "segment",
                "t0": round(s.t0, 2),
                "t1": round(s.t1, 2),
                "frame_id": s.frames[0].id,
                "text": line,
                "tokens": text_tokens(line),
            }
        )
    if omitted:
        lines.append(note)
    items += placed
    text = "\n".join(lines)
    total = (
        text_tokens(header)
        + sum(it["tokens"] for it in items if it["kind"] == "segment")
        + (text_tokens(note) if omitted else 0)
        + img_tokens
    )
    if total > budget:  # not expected by construction; still, never hand back more than was asked
        items = [it for it in items if it["kind"] == "segment"]
        total -= img_tokens
        sheet = None
        while total > budget and items:
            total -= items.pop()["tokens"]
        text = "\n".join([header, *(it["text"] for it in items)])
    return ContextResult(total, budget, text, items, sheet)


def _busy_frames(segs: list[Segment], n: int) -> list[int]:
    if not segs or n <= 0:
        return []
    last = segs[-1].frames[-1].id
    ranked = sorted(segs, key=lambda s: -(len(s.did) + len(s.new_text) + max(f.importance for f in s.frames)))
    out = [last]
    for s in ranked:
        fid = max(s.frames, key=lambda f: f.importance).id
        if fid not in out:
            out.append(fid)
        if len(out) >= n:
            break
    return out


def _sheet(
    store: MemoryStore, frame_ids: list[int], room: int, provider: str | None
) -> tuple[np.ndarray | None, list[dict], int]:
    """Stack the frames (same width) into one image whose token estimate fits `room`."""
    images: list[tuple[FrameRecord, np.ndarray]] = []
    for fid in frame_ids:
        try:
            f = store.frame(fid)
            images.append((f, frame_pixels(store, f)))
        except Exception:  # a frame compacted to text has no image: skip it
            continue
    while images:
        width = min(1280, max(px.shape[1] for _, px in images))
        while width >= MIN_WIDTH:
            heights = [max(1, round(px.shape[0] * width / px.shape[1])) for _, px in images]
            sheet_h = sum(heights) + GAP * (len(images) - 1)
            cost = image_tokens(width, sheet_h, provider)
            if cost <= room and sheet_h <= MAX_SIDE:
                return _compose(images, width, heights, cost)
            width = int(width * 0.85)
        images.pop()
    return None, [], 0


def _compose(
    images: list[tuple[FrameRecord, np.ndarray]], width: int, heights: list[int], cost: int
) -> tuple[np.ndarray, list[dict], int]:
    sheet = np.full((sum(heights) + GAP * (len(images) - 1), width, 3), 255, np.uint8)
    placed, y = [], 0
    for (f, px), h in zip(images, heights):
        small = downscale(px, scale=width / px.shape[1]) if px.shape[1] != width else px
        small = small[:h, :width]
        sheet[y : y + small.shape[0], : small.shape[1]] = small
        placed.append(
            {
                "kind": "image",
                "frame_id": f.id,
                "t": round(f.t, 2),
                "box_in_sheet": [0, y, width, y + h],
                "width": width,
                "height": h,
                "tokens": 0,
            }
        )
        y += h + GAP
    if placed:
        placed[0]["tokens"] = cost  # the whole sheet's estimate, counted once
    return sheet, placed, cost
