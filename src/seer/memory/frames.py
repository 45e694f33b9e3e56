"""Turning stored frames back into pixels: a keyframe decoded, then the chain of deltas applied."""

from __future__ import annotations

import json
from collections import OrderedDict

import numpy as np

from ..errors import InputError
from .codec import apply_delta, decode_image
from .store import FrameRecord, MemoryStore

_cache: OrderedDict[tuple[str, int, str | None], np.ndarray] = OrderedDict()
CACHE = 24


def _remember(key: tuple, px: np.ndarray) -> None:
    _cache[key] = px
    _cache.move_to_end(key)
    while len(_cache) > CACHE:
        _cache.popitem(last=False)


def frame_pixels(store: MemoryStore, frame: FrameRecord) -> np.ndarray:
    """The frame as stored (at its tier's resolution); raises when only text is kept."""
    root = str(store.root)
    chain: list[FrameRecord] = []
    f = frame
    base: np.ndarray | None = None
    while True:
        hit = _cache.get((root, f.id, f.blob))
        if hit is not None:
            base = hit
            break
        if f.kind == "delta" and f.key_id is not None:
            chain.append(f)
            f = store.frame(f.key_id)
            continue
        if f.kind == "key" and f.blob:
            base = decode_image(store.get_blob(f.blob))
            _remember((root, f.id, f.blob), base)
            break
        if f is frame and f.thumb:
            return decode_image(store.get_blob(f.thumb))
        raise InputError(f"frame {frame.id} is kept as text only (tier {f.tier}); its image was compacted away")
    for d in reversed(chain):
        atlas = decode_image(store.get_blob(d.blob)) if d.blob else None
        base = apply_delta(base, json.loads(d.delta or "{}"), atlas)
        _remember((root, d.id, d.blob), base)
    return base
