"""Recording a stream of frames into an episode: dedup, keyframe or delta, and OCR of what changed.

    rec = Recorder(store, "episode"); rec.push(pixels, t); ...; rec.close()

A frame is kept only when it differs from the last kept frame (a blinking caret, a moved pointer
and antialiasing noise do not count); the rest are merged into it (its `t_end` grows). A kept
frame is stored as a delta (changed-region crops, plus a scroll) against the previous kept frame,
or against an earlier screen it returns to (an app switched back to: the tips of the last few
chains are kept as references), or as a new keyframe when nothing is close enough. Only the regions that changed are OCR'd, and only once
they settle: a region that keeps growing (typing) is read when it stops, a region that is replaced
(a pop-up closing) is read as it was just before. Each text line is an item with the time span it
was on screen, so search finds it and context can tell what was visible when.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np

from ..perception.change import Change, ChangeOptions, detect_changes, find_scroll, mask_change, shift_rows
from ..perception.geometry import Box
from .codec import apply_delta, changed_pixels, encode_image, make_delta
from .frames import frame_pixels
from .region_ocr import ink_ends, join_rows, meaningful, merge_close, panel_share, read_region, widen
from .store import FrameCommit, FrameRecord, ItemRecord, MemoryStore, boxes_json

ACCURATE_MIN_H = 48  # a single padded line is shorter: typing is read fast
RETURN_SHARE = 0.4  # changed share of the frame above which the screens returned to are tried too
PANEL_FILL = 0.25  # share of a box in one colour that is not the screen's background: a dialog, button or banner


@dataclass(frozen=True, slots=True)
class RecorderOptions:
    change: ChangeOptions = ChangeOptions()
    tolerance: int = 0  # reconstruction error allowed per channel (0 = pixel-exact)
    key_fraction: float = 0.4  # changed share of the frame above which a new keyframe is stored
    quality: int | None = None  # WebP quality for lossy storage (video); None = lossless
    max_depth: int = 400  # longest delta chain before a keyframe (bounds the cost of a rebuild, ~0.5 s)
    references: int = 6  # chain tips kept to return to
    ocr: bool = True
    settle_s: float = 15.0  # a region still changing after this long is read anyway
    accurate_px: int = 250_000  # coloured boxes up to this area (and ACCURATE_MIN_H tall) are read accurately


@dataclass(frozen=True, slots=True)
class PushResult:
    frame_id: int | None  # the new frame, None when merged
    kept: bool
    merged_into: int | None
    changed: list[Box]
    similarity: float


@dataclass(eq=False)
class _Span:
    id: int
    box: Box


@dataclass(eq=False)  # holds pixels: pending regions are told apart by identity, never by value
class _Pending:
    box: Box
    frame_id: int
    t: float
    since: float
    crop: np.ndarray = field(repr=False)
    accurate: bool = False  # a figure redrawn in place: Tesseract reads "25%" as "255" and drops a lone "0%"


class Recorder:
    def __init__(
        self, store: MemoryStore, episode: str, opts: RecorderOptions = RecorderOptions(), created: float | None = None
    ) -> None:
        self.store, self.episode, self.opts = store, episode, opts
        self.created = store.ensure_episode(episode, created)
        self.prev: np.ndarray | None = None  # pixels of the last kept frame, exactly as seen
        self.prev_id: int | None = None
        # chain tips as the encoder gave them (the exact pixels of each tile when it was stored; a
        # decoder rebuilds them within the lossy codec's error)
        self.refs: OrderedDict[int, np.ndarray] = OrderedDict()
        self.depth: dict[int, int] = {}
        self.merged = 0
        self.merged_t: float | None = None
        self.last_t = 0.0
        self.pending: list[_Pending] = []
        self.spans: list[_Span] = []
        self.ocr_seconds = 0.0
        self.kept = 0
        self.last_scroll: tuple[Box, int] | None = None  # the last scroll seen: (region, dy)
        self._resume()

    def _resume(self) -> None:
        last = self.store.latest_frame(self.episode)
        if last is None:
            return
        self.last_t = last.t_end
        if last.tier == 0 and last.kind in ("key", "delta"):
            self.prev = frame_pixels(self.store, last)
            self.prev_id = last.id
            self.refs[last.id] = self.prev
            depth, f = 0, last
            while f.kind == "delta" and f.key_id is not None and depth <= self.opts.max_depth:
                depth += 1
                f = self.store.frame(f.key_id)
            self.depth[last.id] = depth
        self.spans = [
            _Span(it.id, Box(*json.loads(it.box)))
            for it in self.store.items(self.episode, kinds=["ocr"], open_only=True)
            if it.box
        ]

    # ---------------------------------------------------------------------------------------------
    def push(
        self,
        pixels: np.ndarray,
        t: float | None = None,
        wall: float | None = None,
        source: str = "",
        force: bool = False,
        appeared: Callable[[list[Box]], float] | None = None,
    ) -> PushResult:
        """Offer one RGB frame at `t` seconds from the episode start; keep it or merge it.

        `appeared(changed boxes)` may give an earlier time at which what changed was already on
        screen (a video's frames between two samples); a kept frame is stamped with it."""
        now = time.time()
        t = (now - self.created) if t is None else t
        self.last_t = max(self.last_t, t)
        h, w = pixels.shape[:2]
        change: Change | None = None
        if self.prev is not None and self.prev.shape == pixels.shape:
            change = detect_changes(self.prev, pixels, self.opts.change)
            if not change.changed and not force:
                self.merged += 1
                self.merged_t = t
                self._settle(t)
                return PushResult(None, False, self.prev_id, [], change.similarity)
            if appeared is not None and change.changed:
                t = max(self.merged_t or 0.0, min(t, appeared(change.boxes)))
        wall = self.created + t if wall is None else wall

        frame = FrameRecord(
            episode=self.episode,
            t=t,
            t_end=t,
            wall=wall,
            width=w,
            height=h,
            kind="key",
            source=source,
            tolerance=self.opts.tolerance,
            phash=_dhash(pixels),
        )
        regions, mask, moved, scroll = self._regions(change, pixels)
        base_id, delta = self._delta(pixels, scroll)
        if delta is None:
            data = encode_image(pixels, self.opts.quality, self.opts.tolerance)
            frame.blob, frame.bytes = self.store.put_blob(data), len(data)
            source = pixels
        else:
            frame.kind, frame.key_id, frame.delta = "delta", base_id, json.dumps(delta.spec())
            if delta.atlas is not None:
                data = encode_image(delta.atlas, self.opts.quality, self.opts.tolerance)
                frame.blob, frame.bytes = self.store.put_blob(data), len(data)
            source = apply_delta(self.refs[base_id], delta.spec(), delta.atlas)

        frame.changed = boxes_json(regions)
        frame.similarity = change.similarity if change else 0.0
        frame.importance = round(min(1.0, 1.0 - frame.similarity), 3)

        to_read = merge_close(self._whole_lines([r.pad(6).clip(w, h) for r in regions]))
        closed = self._close_spans(to_read, t)
        new_items = self._update_pending(to_read, mask, pixels, t)
        extended = (self.prev_id, self.merged_t, self.merged) if self.prev_id and self.merged_t is not None else None
        fid, ids = self.store.commit(
            FrameCommit(frame, new_items, closed, extended, [(s.id, json.dumps(s.box.as_list())) for s in moved])
        )
        self._opened(new_items)
        self.merged, self.merged_t = 0, None
        for p in self.pending:
            if p.frame_id == -1:
                p.frame_id = fid
        self.prev, self.prev_id = pixels, fid
        self.depth[fid] = 0 if frame.kind == "key" else self.depth.get(base_id, 0) + 1
        if delta is not None and delta.area <= RETURN_SHARE * w * h:
            self.refs.pop(base_id, None)  # the chain goes on from here; a screen mostly replaced stays one to return to
        self.refs[fid] = source
        while len(self.refs) > self.opts.references:
            self.refs.popitem(last=False)
        self.kept += 1
        self._settle(t)
        return PushResult(fid, True, None, [b for b in regions], frame.similarity)

    def _delta(self, pixels: np.ndarray, scroll: tuple[Box, int] | None = None):
        """The cheapest delta: against the previous frame, else (or when most of it changed) against
        a screen returned to."""
        prev = self.refs.get(self.prev_id) if self.prev_id is not None else None
        best = None
        if prev is not None and self.depth.get(self.prev_id, 0) < self.opts.max_depth:
            # the scroll, if any, was looked for on the exact frames (`_regions`)
            d = make_delta(prev, pixels, self.opts.tolerance, self.opts.key_fraction, scroll=scroll, search=False)
            if d is not None and d.area <= RETURN_SHARE * pixels.shape[0] * pixels.shape[1]:
                return self.prev_id, d
            best = (self.prev_id, d) if d is not None else None
        for rid, ref in self.refs.items():
            if rid == self.prev_id or ref.shape != pixels.shape or self.depth.get(rid, 0) >= self.opts.max_depth:
                continue
            d = make_delta(
                ref, pixels, self.opts.tolerance, self.opts.key_fraction, search=False
            )  # a screen returned to
            if d is not None and (best is None or d.area < best[1].area):
                best = (rid, d)
        return best if best else (None, None)

    def _regions(
        self, change: Change | None, pixels: np.ndarray
    ) -> tuple[list[Box], np.ndarray | None, list[_Span], tuple[Box, int] | None]:
        """Regions whose content is new since the last kept frame; a scroll only moves old lines."""
        h, w = pixels.shape[:2]
        if change is None:
            return [Box(0, 0, w, h)], None, [], None
        if change.area > 0.1 * w * h and self.prev is not None:
            region = max(change.boxes, key=lambda b: b.area)
            dy = find_scroll(self.prev, pixels, region)
            if dy is None and self.opts.tolerance > 0:
                # lossy video: text redrawn a fraction of a pixel off (rows of a fractional height)
                # and codec noise hide a scroll from the full-resolution check; softened, they do not
                dy = find_scroll(cv2.GaussianBlur(self.prev, (3, 3), 0), cv2.GaussianBlur(pixels, (3, 3), 0), region)
            # a pop-up closing as the page scrolls on hides the scroll from find_scroll: try the last one
            tries = [(region, dy)] if dy else ([self.last_scroll] if self.last_scroll else [])
            for region, dy in tries:
                shifted = shift_rows(self.prev, region, dy)
                after = (
                    detect_changes(shifted, pixels, self.opts.change)
                    if self.opts.tolerance == 0
                    else mask_change(changed_pixels(shifted, pixels, self.opts.tolerance), self.opts.change.tile)
                )
                if after.area < 0.6 * change.area:
                    moved = []
                    for s in self.spans:
                        if region.intersection(s.box) == s.box.area:
                            s.box = s.box.shift(0, dy)
                            moved.append(s)
                    self.last_scroll = (region, dy)
                    return after.boxes, after.mask, moved, (region, dy)
        return change.boxes, change.mask, [], None

    def _whole_lines(self, regions: list[Box]) -> list[Box]:
        """Widen a one-line change to the text already on that line, so a typed word is read with its line."""
        return [widen(r, [s.box for s in self.spans]) for r in regions]

    def _close_spans(self, regions: list[Box], t: float) -> list[tuple[int, float]]:
        closed, keep = [], []
        h = self.prev.shape[0] if self.prev is not None else 10**9
        w = self.prev.shape[1] if self.prev is not None else 10**9
        for s in self.spans:
            gone = any(r.intersection(s.box) > 0.2 * max(1, s.box.area) for r in regions)
            gone = gone or s.box.y1 <= 0 or s.box.y0 >= h or s.box.x0 >= w
            if gone:
                closed.append((s.id, t))
            else:
                keep.append(s)
        self.spans = keep
        return closed

    def _update_pending(
        self, regions: list[Box], mask: np.ndarray | None, pixels: np.ndarray, t: float
    ) -> list[ItemRecord]:
        """Grow pending regions that were added to; read those that were replaced; queue the new ones."""
        items: list[ItemRecord] = []
        still: list[_Pending] = []
        fresh = list(regions)
        for p in self.pending:
            touching = [r for r in fresh if r.pad(8).intersection(p.box) > 0]
            if not touching:
                still.append(p)
                continue
            sub = mask[p.box.y0 : p.box.y1, p.box.x0 : p.box.x1] if mask is not None else None
            replaced = sub is None or sub.size == 0 or float(sub.mean()) > 0.3
            # only a line being typed grows (at its end): a new screen, a banner, a dialog or a figure
            # redrawn in place (a progress bar) is read as it was
            row = p.box.height <= 60 and all(
                r.height <= 60 and min(r.y1, p.box.y1) - max(r.y0, p.box.y0) >= 0.5 * min(r.height, p.box.height)
                for r in touching
            )
            # typing only adds at the end: a figure redrawn longer ("70%" to "100%") changes glyphs
            # already there
            redrawn = sub is not None and bool(sub[:, : max(0, sub.shape[1] - p.box.height // 2)].any())
            typing = row and not redrawn and max(r.x1 for r in touching) >= p.box.x1 + 4
            p.accurate = p.accurate or (redrawn and not replaced and _in_place(p, touching, pixels))
            if replaced or not typing:
                items += self._read(p, t_end=t if replaced else None, closed_by=touching)
                if not row or replaced:
                    continue
            grown = Box.union([p.box, *touching])
            for r in touching:
                fresh.remove(r)
            # a line redrawn in place is read again with its label, from now
            still.append(
                _Pending(
                    grown,
                    -1,
                    t,
                    p.since if typing else t,
                    pixels[grown.y0 : grown.y1, grown.x0 : grown.x1].copy(),
                    p.accurate,
                )
            )
        read_now = [(Box(*json.loads(it.box)), it) for it in items if it.box]
        for r in fresh:
            wide = widen(r, [b for b, _ in read_now])  # a figure changed next to a line read just now
            for b, it in read_now:
                if wide != r and wide.intersection(b) > 0 and it.t_end is None:
                    it.t_end = t  # that line, as it was, ended now
            still.append(_Pending(wide, -1, t, t, pixels[wide.y0 : wide.y1, wide.x0 : wide.x1].copy()))
        self.pending = still
        return items

    def _settle(self, t: float, everything: bool = False) -> None:
        due = [
            p
            for p in self.pending
            if p.frame_id != -1 and (everything or t - p.since >= self.opts.settle_s or t - p.t >= 2)
        ]
        if not due:
            return
        self.pending = [p for p in self.pending if all(p is not d for d in due)]
        items: list[ItemRecord] = []
        for p in due:
            items += self._read(p, t_end=None)
        if items:
            self.store.add_items(items)
            self._opened(items)

    def _read(self, p: _Pending, t_end: float | None, closed_by: list[Box] = ()) -> list[ItemRecord]:
        if not self.opts.ocr:
            return []
        start = time.perf_counter()
        # the crop holds the region's pixels; read it as a frame of its own, then shift the boxes
        exact = self.opts.quality is None  # noisy video crops never repeat byte for byte: no use storing them
        box = Box(0, 0, p.crop.shape[1], p.crop.shape[0])
        cache = (self.store.ocr_cached, self.store.cache_ocr) if exact else (None, None)
        # coloured boxes (a dialog, a toast, a button row) with the accurate engine: Tesseract misses
        # light text on colour; a line being typed, new output on the screen's own background or a
        # large region fast (the accurate engine on every strip of terminal output halved ingest
        # speed), and accurately too when fast finds nothing; a figure redrawn in place
        # (a progress bar, a counter) accurately, as its value is what an "as of then" search asks
        small = p.accurate or (
            box.area <= self.opts.accurate_px
            and box.height >= ACCURATE_MIN_H
            and panel_share(p.crop, self.prev if self.prev is not None else p.crop) >= PANEL_FILL
        )
        lines = read_region(p.crop, box, *cache, fast=not small)
        if not lines and not small and box.area <= 4 * self.opts.accurate_px:
            lines = read_region(p.crop, box, *cache, fast=False)
        self.ocr_seconds += time.perf_counter() - start
        items = []
        for ln in join_rows(lines):
            if not meaningful(ln.text):
                continue
            box = ln.box.shift(p.box.x0, p.box.y0)
            end = t_end
            if end is None and any(r.intersection(box) > 0.2 * max(1, box.area) for r in closed_by):
                end = self.last_t  # the part of a screen that has already changed again
            items.append(
                ItemRecord(
                    self.episode,
                    "ocr",
                    p.t,
                    ln.text,
                    end,
                    p.frame_id if p.frame_id != -1 else None,
                    json.dumps(box.as_list()),
                )
            )
        return items

    def _opened(self, items: list[ItemRecord]) -> None:
        self.spans += [_Span(it.id, Box(*json.loads(it.box))) for it in items if it.t_end is None and it.id and it.box]

    def hold(self, t: float) -> None:
        """The frame pushed last is still on screen at `t` (a decoder said so: no need to compare)."""
        if self.prev_id is None or t <= self.last_t:
            return
        self.last_t = self.merged_t = t
        self._settle(t)

    def note(self, text: str, kind: str = "note", t: float | None = None) -> int:
        """Put the agent's own note or action on the timeline, tied to the frame on screen then."""
        t = (time.time() - self.created) if t is None else t
        item = ItemRecord(self.episode, kind, t, text, t, self.prev_id)
        return self.store.add_items([item])[0]

    def close(self) -> None:
        """Read every pending region and record how long the last frame stayed on screen."""
        if self.prev_id and self.merged_t is not None:
            self.store.extend_frame(self.prev_id, self.merged_t or self.last_t, self.merged)
            self.merged, self.merged_t = 0, None
        self._settle(self.last_t, everything=True)


def _in_place(p: _Pending, changes: list[Box], pixels: np.ndarray) -> bool:
    """A figure redrawn in place, not text typed on or text reflowed: each change is small and lies
    inside the region, and no row of it reaches further right than before ("25" drawn before the
    "%"; typing adds ink at a row's end). A line or two (a progress bar with its command) at most:
    the accurate engine costs 0.3 s a read."""
    b = p.box
    if (
        b.height > 2 * ACCURATE_MIN_H
        or sum(r.area for r in changes) > b.area / 3
        or any(b.pad(4).intersection(r) != r.area for r in changes)
    ):
        return False
    background = np.median(p.crop.reshape(-1, 3), axis=0)
    grown = ink_ends(pixels[b.y0 : b.y1, b.x0 : b.x1], background) - ink_ends(p.crop, background)
    return all(int(grown[max(0, r.y0 - b.y0) : max(0, r.y1 - b.y0)].max(initial=0)) <= b.height // 4 for r in changes)


def _dhash(pixels: np.ndarray) -> str:
    gray = cv2.cvtColor(
        np.ascontiguousarray(pixels[::4, ::4]), cv2.COLOR_RGB2GRAY
    )  # 9×8 cells: a quarter of the rows is plenty
    small = cv2.resize(gray, (9, 8), interpolation=cv2.INTER_AREA)
    bits = (small[:, 1:] > small[:, :-1]).flatten()
    return f"{int(''.join('1' if b else '0' for b in bits), 2):016x}"
