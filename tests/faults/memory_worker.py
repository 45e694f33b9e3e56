"""A memory-store writer to kill, and the checker that proves nothing committed was lost or corrupted.

    python -m tests.faults.memory_worker STORE EPISODE FRAMES [SEED]

pushes FRAMES deterministic frames (each kept) and prints "i frame_id" after each commit returns, so
whoever kills it knows exactly which frames were committed. `verify` then checks the store.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import numpy as np


def frame(i: int, seed: int = 0, size: tuple[int, int] = (240, 160)) -> np.ndarray:
    """Frame i of a deterministic 'session': a window whose content changes a little each step,
    with a full-screen change every 7th frame (so there are keyframes and deltas)."""
    w, h = size
    rng = np.random.default_rng(seed * 100_003 + i // 7)
    px = np.empty((h, w, 3), np.uint8)
    px[:] = rng.integers(40, 220, 3, dtype=np.uint8)
    px[20:140, 20:220] = 250
    rng2 = np.random.default_rng(seed * 7919 + i)
    x, y = int(rng2.integers(24, 180)), int(rng2.integers(24, 120))
    px[y : y + 14, x : x + 30] = rng2.integers(0, 255, (14, 30, 3), dtype=np.uint8)
    return px


def main(argv: list[str]) -> None:
    from seer.memory.recorder import Recorder, RecorderOptions
    from seer.memory.store import open_store

    root, episode, n = argv[0], argv[1], int(argv[2])
    seed = int(argv[3]) if len(argv) > 3 else 0
    store = open_store(root)
    rec = Recorder(store, episode, RecorderOptions(ocr=False))
    start = len(store.frames(episode))
    for i in range(start, start + n):
        res = rec.push(frame(i, seed), t=float(i), force=True)
        print(i, res.frame_id, flush=True)
    rec.close()
    store.close()
    print("done", flush=True)


def committed(stdout: str) -> dict[int, int]:
    """frame index -> frame id, for every line the worker printed whole."""
    out = {}
    for line in stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
            out[int(parts[0])] = int(parts[1])
    return out


def verify(root: Path, episode: str, done: dict[int, int], seed: int = 0) -> list[str]:
    """Problems found in the store (empty = sound): SQLite integrity, every committed frame present
    and decoding to exactly the pixels pushed, and every frame row (committed or not) decodable."""
    from seer.memory.frames import frame_pixels
    from seer.memory.store import open_store

    problems: list[str] = []
    if not (root / "memory.db").exists():  # killed before the store was created
        return [f"{len(done)} committed frames but no database"] if done else []
    db = sqlite3.connect(root / "memory.db")
    try:
        ok = db.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            problems.append(f"integrity_check: {ok}")
    finally:
        db.close()
    store = open_store(root)
    try:
        rows = {f.id: f for f in store.frames(episode)}
        for i, fid in done.items():
            f = rows.get(fid)
            if f is None:
                problems.append(f"committed frame {i} (id {fid}) is missing")
                continue
            px = frame_pixels(store, f)
            if not np.array_equal(px, frame(i, seed)):
                problems.append(f"frame {i} (id {fid}) decodes to different pixels")
        for fid, f in rows.items():
            if fid not in done.values():
                try:
                    frame_pixels(store, f)
                except Exception as exc:  # an uncommitted-but-visible row must still decode
                    problems.append(f"frame id {fid} is visible but cannot be decoded: {type(exc).__name__}: {exc}")
    finally:
        store.close()
    return problems


if __name__ == "__main__":
    main(sys.argv[1:])
