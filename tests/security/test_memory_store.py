"""A crafted or damaged memory store (issue 17, items 5 and 20): no file outside the store is read,
no loop, no bomb, and every failure is a typed error that says what to do (`seer memory check
--repair`), which then mends the store."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from seer.context import Context
from seer.errors import InputError, LimitError, SeerError
from seer.memory import frames
from seer.memory.blobs import blob_key
from seer.memory.check import check_store
from seer.memory.store import open_store
from seer.skills.memory.schema import MemoryAddInput, MemoryGetInput, MemorySearchInput
from seer.skills.memory.tools import memory_add, memory_get, memory_search
from tests.memory.screens import TEXT, screen
from tests.security import hostile

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path):
    """A store of three screens: a keyframe and two deltas on it."""
    root = tmp_path / "store"
    for i, lines in enumerate(
        [TEXT, TEXT + ["Invoice heron-7731 approved"], TEXT + ["Invoice heron-7731 approved", "Shipped"]]
    ):
        path = tmp_path / f"s{i}.png"
        Image.fromarray(screen(lines, caret=False)).save(path)
        memory_add(MemoryAddInput(image=str(path), episode="e", t=float(i), store=str(root)), Context())
    return root


def _sql(root: Path, sql: str, args=()) -> None:
    con = sqlite3.connect(root / "memory.db")
    con.execute(sql, args)
    con.commit()
    con.close()


def _get(root: Path, fid: int):
    return memory_get(MemoryGetInput(frame_id=fid, store=str(root)), Context())


def _search(root: Path, q: str):
    return memory_search(MemorySearchInput(query=q, store=str(root)), Context())


def test_a_blob_key_that_is_a_path_is_refused(store, tmp_path):
    secret = tmp_path / "secret.png"
    Image.fromarray(np.full((40, 40, 3), 7, np.uint8)).save(secret)
    _sql(store, "UPDATE frames SET blob = ? WHERE id = 1", (str(secret),))
    with pytest.raises(InputError, match="not a content hash"):
        _get(store, 1)
    _sql(store, "UPDATE frames SET blob = ? WHERE id = 1", ("../../secret.png",))
    with pytest.raises(InputError, match="not a content hash"):
        _get(store, 1)


def test_a_delta_cycle_ends_with_an_error_not_a_hang(store):
    _sql(store, "UPDATE frames SET kind = 'delta', key_id = 3 WHERE id = 1")
    # a new process, so a loop shows up as a timeout instead of hanging the test run
    p = subprocess.run(
        [sys.executable, "-m", "seer.cli", "memory", "get", "2", "--store", str(store)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert p.returncode == 2 and "loops" in p.stderr and "--repair" in p.stderr, p.stderr


def test_a_header_only_bomb_blob_hits_the_pixel_limit(store):
    data = hostile.png_header_only(60_000, 60_000)
    key = blob_key(data)
    (store / "blobs" / key[:2]).mkdir(exist_ok=True)
    (store / "blobs" / key[:2] / key).write_bytes(data)
    _sql(store, "UPDATE frames SET blob = ? WHERE id = 1", (key,))
    with pytest.raises(LimitError, match="MP limit"):
        _get(store, 1)


def test_a_corrupt_blob_is_a_typed_error_and_repair_keeps_the_text(store):
    con = sqlite3.connect(store / "memory.db")
    (key,) = con.execute("SELECT blob FROM frames WHERE id = 2").fetchone()
    con.close()
    (store / "blobs" / key[:2] / key).write_bytes(b"RIFF\x00\x00\x00\x00WEBPgarbage")
    frames._cache.clear()  # as a new process finds it: the adds above kept rebuilt frames in memory
    with pytest.raises(InputError, match="corrupt"):
        _get(store, 3)  # rests on frame 2
    report = check_store(store)
    assert not report.ok and any("frame 2" in p for p in report.problems)
    fixed = check_store(store, repair=True)
    assert fixed.repaired and set(fixed.frames_without_image) == {2, 3}
    assert check_store(store).ok
    assert _get(store, 1).image_size  # the keyframe is untouched
    kept = _get(store, 3)
    assert kept.image_size is None and kept.tier == 2 and any("Shipped" in t for t in kept.text)
    assert any("heron-7731" in h.text for h in _search(store, "Invoice heron-7731").hits)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "directory"])
def test_a_damaged_index_is_a_typed_error_and_repair_rebuilds_it(store, damage):
    db = store / "memory.db"
    for side in ("memory.db-wal", "memory.db-shm"):
        (store / side).unlink(missing_ok=True)
    if damage == "garbage":
        db.write_bytes(os.urandom(8192))
    elif damage == "truncated":
        db.write_bytes(db.read_bytes()[:3000])
    else:
        db.unlink()
        db.mkdir()
    with pytest.raises(InputError, match="--repair"):
        _search(store, "Invoice")
    report = check_store(store, repair=True)
    assert report.repaired and report.moved_aside and Path(report.moved_aside).exists()
    assert report.frames_recovered >= 1  # the keyframe: delta crops cannot be placed without their rows
    hits = _search(store, "quarterly review").hits
    assert hits and hits[0].episode == "recovered"
    assert check_store(store).ok


def test_a_read_only_store_says_so(store, tmp_path):
    s = open_store(store)
    try:
        s._db.execute("PRAGMA query_only = ON")  # what SQLite reports on a read-only file, even as root
        with pytest.raises(InputError, match="read-only"):
            s.ensure_episode("new")
    finally:
        s.close()
    blocked = tmp_path / "blocked"
    (blocked / "blobs").mkdir(parents=True)
    s = open_store(blocked)
    try:
        for d in (blocked / "blobs").iterdir():
            d.rmdir()
        (blocked / "blobs").rmdir()
        (blocked / "blobs").write_bytes(b"")  # a file where the folder was: nothing can be written
        with pytest.raises(InputError, match="read-only or full"):
            s.put_blob(b"data")
    finally:
        s.close()


def test_the_cli_check_reports_and_repairs(store):
    (store / "memory.db").write_bytes(b"not a database at all" * 100)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

    def run(*a):
        return subprocess.run(
            [sys.executable, "-m", "seer.cli", "memory", *a, "--store", str(store)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )

    bad = run("search", "Invoice")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "memory check --repair" in bad.stderr
    assert run("check").returncode == 1
    fixed = run("check", "--repair")
    assert fixed.returncode == 0 and "repaired" in fixed.stdout, fixed.stdout + fixed.stderr
    assert run("search", "quarterly review").returncode == 0


def test_errors_are_seer_errors():
    assert issubclass(LimitError, SeerError) and issubclass(InputError, SeerError)
