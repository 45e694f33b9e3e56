"""The memory store survives kill -9 at any point of ingest: during start-up, early, and mid delta
chain, on the same store one kill after another, then a writer resumes on it. SQLite stays sound,
every frame whose commit returned is there and decodes to exactly the pixels pushed, and every row
that is visible (committed but not yet reported) decodes too.

tests/memory/test_store.py covers one kill and concurrent writers; this adds the repeated kills at
different points with resumption (and bench/bench_faults.py runs 50 of them)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from seer.memory.recorder import Recorder, RecorderOptions
from seer.memory.store import open_store
from tests.faults.memory_worker import committed, frame, verify

ROOT = Path(__file__).resolve().parents[2]


def _worker(store: Path, episode: str, n: int, seed: int = 0) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.memory_worker", str(store), episode, str(n), str(seed)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_after(store: Path, episode: str, lines: int, n: int = 60) -> tuple[dict[int, int], bool]:
    """Start a writer, SIGKILL it after it reports `lines` commits; the commits it reported, and
    whether it was still running when killed."""
    p = _worker(store, episode, n)
    seen = []
    assert p.stdout is not None
    while len(seen) < lines:
        line = p.stdout.readline()
        if not line:
            break
        seen.append(line)
    time.sleep(random.uniform(0, 0.01))  # land anywhere inside the next push
    alive = p.poll() is None
    os.kill(p.pid, signal.SIGKILL)
    rest, _ = p.communicate(timeout=30)
    return committed("".join(seen) + rest), alive


def test_kill_minus_nine_during_ingest_loses_nothing_committed(tmp_path):
    random.seed(9)
    store = tmp_path / "store"
    done: dict[int, int] = {}
    killed_alive = 0
    for lines in (0, 3, 11):  # during start-up, early, mid-chain
        got, alive = kill_after(store, "ep", lines)
        done.update(got)
        killed_alive += alive
        assert verify(store, "ep", done) == []
    assert killed_alive >= 2  # the kills really interrupted running writers
    assert len(done) >= 10
    # the next writer resumes on the same store and its frames are sound too
    s = open_store(store)
    try:
        rec = Recorder(s, "ep", RecorderOptions(ocr=False))
        i = len(s.frames("ep"))
        res = rec.push(frame(i), t=float(i + 1000), force=True)
        rec.close()
        assert res.kept and res.frame_id
    finally:
        s.close()
    assert verify(store, "ep", {**done, i: res.frame_id}) == []
