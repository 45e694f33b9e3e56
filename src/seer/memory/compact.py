"""Tiers by age and importance, applied on demand.

    tier 0  full resolution, lossless (or within the ingest tolerance)           recent frames
    tier 1  half resolution, lossy WebP, still keyframe + deltas                 older than `downscale_after_s`
    tier 2  text, a 160-px thumbnail and a one-line summary; no image            older than `text_after_s`

Pinned frames, and frames a note or action refers to ("annotated"), keep their originals forever.
Important frames (importance >= 0.5, e.g. a dialog over the screen) age at half speed. A frame that
stays while its base moves down a tier is first re-stored as a keyframe of its own, so every delta
stays decodable; a tier-1 delta is re-encoded against its tier-1 base.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import numpy as np

from ..perception.geometry import Box
from .codec import downscale, encode_image, make_delta
from .frames import frame_pixels
from .store import FrameRecord, MemoryStore


@dataclass(frozen=True, slots=True)
class Policy:
    downscale_after_s: float = 24 * 3600
    text_after_s: float = 7 * 24 * 3600
    scale: float = 0.5
    quality: int = 70
    thumb_side: int = 160


@dataclass(frozen=True, slots=True)
class CompactReport:
    frames_downscaled: int
    frames_to_text: int
    frames_protected: int
    bytes_before: int
    bytes_after: int


def compact(
    store: MemoryStore, episode: str | None = None, policy: Policy = Policy(), now: float | None = None
) -> CompactReport:
    """Move frames down the tiers their age calls for; delete images nothing refers to any more."""
    now = time.time() if now is None else now
    before = store.stats()["blob_bytes"]
    annotated = {it.frame_id for it in store.items(episode, kinds=["note", "action"]) if it.frame_id is not None}
    frames = store.frames(episode)
    target = {f.id: (0 if f.pinned or f.id in annotated else _tier(f, now, policy)) for f in frames}
    moving = {f.id for f in frames if target[f.id] > f.tier}
    protected = sum(1 for f in frames if (f.pinned or f.id in annotated) and _tier(f, now, policy) > f.tier)
    if not moving:
        return CompactReport(0, 0, protected, before, before)
    pixels: dict[int, np.ndarray] = {}
    for f in frames:  # time order: a base is always rebuilt before the frames on it
        if f.id in moving or (f.kind == "delta" and f.key_id in moving):
            pixels[f.id] = frame_pixels(store, f)
    # a frame that stays loses its base: it becomes a keyframe of its own, original pixels intact
    for f in frames:
        if f.id not in moving and f.kind == "delta" and f.key_id in moving:
            data = encode_image(pixels[f.id]) if f.tier == 0 else encode_image(pixels[f.id], quality=policy.quality)
            f.kind, f.key_id, f.delta, f.blob, f.bytes = "key", None, None, store.put_blob(data), len(data)
            store.update_frame(f)
    down = text = 0
    small: dict[int, np.ndarray] = {}
    for f in frames:
        if f.id not in moving:
            continue
        if target[f.id] >= 2:
            _to_text(store, f, pixels[f.id], policy)
            text += 1
            continue
        px = downscale(pixels[f.id], scale=policy.scale) if f.tier == 0 else pixels[f.id]
        small[f.id] = px
        base = small.get(f.key_id) if f.kind == "delta" else None
        delta = make_delta(base, px, tolerance=8, max_fraction=0.4) if base is not None else None
        if delta is None:
            data = encode_image(px, quality=policy.quality)
            f.kind, f.key_id, f.delta = "key", None, None
        else:
            data = encode_image(delta.atlas, quality=min(95, policy.quality + 15)) if delta.atlas is not None else b""
            f.kind, f.delta = "delta", json.dumps(delta.spec())
        f.blob = store.put_blob(data) if data else None
        if f.tier == 0:
            f.scale *= policy.scale
            f.changed = json.dumps([Box(*b).scale(policy.scale).as_list() for b in json.loads(f.changed or "[]")])
        f.bytes, f.tier = len(data), 1
        store.update_frame(f)
        down += 1
    # blobs written in the last half minute may belong to a frame another process is committing
    store.collect_garbage(min_age_s=30)
    after = sum(store.blob_size(k) for k in store.referenced_blobs())
    return CompactReport(down, text, protected, before, after)


def _tier(f: FrameRecord, now: float, policy: Policy) -> int:
    age = (now - f.wall) * (0.5 if f.importance >= 0.5 else 1.0)
    return 2 if age >= policy.text_after_s else 1 if age >= policy.downscale_after_s else 0


def _to_text(store: MemoryStore, f: FrameRecord, pixels: np.ndarray, policy: Policy) -> None:
    thumb = encode_image(downscale(pixels, max_side=policy.thumb_side), quality=60)
    lines = [it.text for it in store.items(f.episode, kinds=["ocr"], t0=f.t, t1=f.t_end)][:6]
    f.summary = f.summary or " · ".join(lines)[:200]
    f.kind, f.key_id, f.delta, f.blob = "text", None, None, None
    f.thumb, f.bytes, f.tier = store.put_blob(thumb), len(thumb), 2
    store.update_frame(f)
