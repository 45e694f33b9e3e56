"""Crash safety (a writer killed mid-ingest) and concurrent writers, with real subprocesses."""

import signal
import sqlite3
import subprocess
import sys
import time

from seer.memory.frames import frame_pixels
from seer.memory.store import open_store

WRITER = r"""
import sys, numpy as np
from seer.memory.store import open_store
from seer.memory.recorder import Recorder, RecorderOptions
root, episode, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
store = open_store(root)
rec = Recorder(store, episode, RecorderOptions(ocr=False))
rng = np.random.default_rng(seed)
px = np.full((240, 320, 3), 245, np.uint8)
for i in range(n):
    px = px.copy()
    y, x = (i * 23) % 200, (i * 41) % 280
    px[y:y + 30, x:x + 40] = rng.integers(0, 255, 3)   # a new block each frame: always kept
    r = rec.push(px, t=float(i))
    print(r.frame_id, int(px.sum()), flush=True)
rec.close()
print("done", flush=True)
"""


def _writer(root, episode, n, seed):
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(root), episode, str(n), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_killed_writer_leaves_every_committed_frame(tmp_path):
    root = tmp_path / "store"
    proc = _writer(root, "crash", 100000, 1)
    committed = []
    deadline = time.time() + 40
    while len(committed) < 25 and time.time() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        fid, checksum = line.split()
        committed.append((int(fid), int(checksum)))
    proc.send_signal(signal.SIGKILL)  # mid-ingest: no cleanup, no close
    proc.wait(10)
    assert len(committed) >= 25, proc.stderr.read()

    con = sqlite3.connect(root / "memory.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    store = open_store(root)
    try:
        frames = {f.id: f for f in store.frames("crash")}
        for fid, checksum in committed:
            assert fid in frames
            assert int(frame_pixels(store, frames[fid]).sum()) == checksum  # decodes to the very frame
        assert len(frames) <= len(committed) + 1  # at most the frame in flight beyond what was reported
    finally:
        store.close()


def test_concurrent_writers_lose_nothing(tmp_path):
    root = tmp_path / "store"
    n = 20
    episodes = ("shared", "shared", "other")  # two writers on one episode, one on another
    procs = [_writer(root, ep, n, seed) for seed, ep in enumerate(episodes)]
    outs = [p.communicate(timeout=60) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert out.strip().endswith("done")
    store = open_store(root)
    try:
        frames = {f.id: f for f in store.frames()}
        for out, _ in outs:
            for line in out.strip().splitlines()[:-1]:
                fid, checksum = map(int, line.split())
                assert int(frame_pixels(store, frames[fid]).sum()) == checksum
        assert len(store.frames("shared")) == 2 * n and len(store.frames("other")) == n
    finally:
        store.close()


def test_store_reopens_after_a_clean_close(tmp_path):
    s = open_store(tmp_path / "s")
    s.ensure_episode("x", created=1000.0)
    key = s.put_blob(b"hello")
    s.close()
    s = open_store(tmp_path / "s")
    assert s.ensure_episode("x") == 1000.0 and s.get_blob(key) == b"hello"
    s.close()
