"""Turning stored frames back into pixels: a keyframe decoded, then the chain of deltas applied.

Rows may come from a damaged or crafted `memory.db`, so a chain is followed at most `MAX_CHAIN`
steps and never through the same frame twice, and a delta that does not fit its base is an error.
"""

from __future__ import annotations

import json
from collections import OrderedDict

import numpy as np

from ..errors import InputError
from .codec import apply_delta
from .store import FrameRecord, MemoryStore

_cache: OrderedDict[tuple[str, int, str | None], np.ndarray] = OrderedDict()
CACHE = 24
MAX_CHAIN = 1000  # the recorder starts a keyframe after 400 deltas; compaction never lengthens a chain


def _remember(key: tuple, px: np.ndarray) -> None:
    _cache[key] = px
    _cache.move_to_end(key)
    while len(_cache) > CACHE:
        _cache.popitem(last=False)


def _damaged(store: MemoryStore, frame: FrameRecord, why: str) -> InputError:
    return InputError(
        f"frame {frame.id} of the memory store {store.root} cannot be rebuilt: {why}; run "
        f"`seer memory check --repair --store {store.root}` to keep its text and drop its image"
    )


def frame_pixels(store: MemoryStore, frame: FrameRecord) -> np.ndarray:
    """The frame as stored (at its tier's resolution); raises when only text is kept."""
    root = str(store.root)
    chain: list[FrameRecord] = []
    visited: set[int | None] = set()
    f = frame
    base: np.ndarray | None = None
    while True:
        hit = _cache.get((root, f.id, f.blob))
        if hit is not None:
            base = hit
            break
        if f.kind == "delta" and f.key_id is not None:
            visited.add(f.id)
            if f.key_id in visited or len(chain) >= MAX_CHAIN:
                raise _damaged(
                    store,
                    frame,
                    "its chain of deltas loops"
                    if f.key_id in visited
                    else f"its chain of deltas is over {MAX_CHAIN} long",
                )
            chain.append(f)
            f = store.frame(f.key_id)
            continue
        if f.kind == "key" and f.blob:
            base = store.get_image(f.blob)
            _remember((root, f.id, f.blob), base)
            break
        if f is frame and f.thumb:
            return store.get_image(f.thumb)
        raise InputError(f"frame {frame.id} is kept as text only (tier {f.tier}); its image was compacted away")
    for d in reversed(chain):
        atlas = store.get_image(d.blob) if d.blob else None
        try:
            base = apply_delta(base, json.loads(d.delta or "{}"), atlas)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            raise _damaged(store, frame, f"the delta of frame {d.id} does not fit its base ({exc})") from None
        _remember((root, d.id, d.blob), base)
    return base
