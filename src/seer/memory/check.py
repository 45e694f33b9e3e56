"""`seer memory check [--repair]`: find what in a local store cannot be read, and mend it.

An index (`memory.db`) that SQLite cannot open or that fails its integrity check is moved aside
(`memory.db.broken-<time>`) and a new one is built from the images in `blobs/`: every full-screen
image (the most common size: keyframes; delta crops cannot be placed without their rows) becomes a
frame of the episode `recovered`, in file order, and its text is read again. In a sound index,
frames whose image is missing, corrupt or over the pixel limit, or whose delta chain loops, runs
too long or rests on such a frame, keep their text and lose their image (kind `text`).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SeerError
from .blobs import KEY, BlobFolder, decode_blob
from .frames import MAX_CHAIN
from .store import MAX_PIXELS, FrameRecord, LocalStore


@dataclass
class CheckReport:
    store: str
    ok: bool
    problems: list[str] = field(default_factory=list)
    repaired: bool = False
    moved_aside: str | None = None
    frames_checked: int = 0
    frames_without_image: list[int] = field(default_factory=list)  # text kept, image dropped (after --repair)
    frames_recovered: int = 0


def check_store(root: str | Path, repair: bool = False, max_pixels: int = MAX_PIXELS) -> CheckReport:
    root = Path(root).expanduser()
    report = CheckReport(str(root), True)
    why = _index_problem(root / "memory.db")
    if why:
        report.ok = False
        report.problems.append(f"index memory.db: {why}")
        if repair:
            _rebuild(root, report, max_pixels)
        return report
    store = LocalStore(root, max_pixels)
    try:
        frames = {f.id: f for f in store.frames()}
        report.frames_checked = len(frames)
        bad = {fid: why for fid, f in frames.items() if (why := _image_problem(store, f))}
        for fid, why in _chain_problems(frames, bad).items():
            bad.setdefault(fid, why)
        for fid, why in sorted(bad.items()):
            report.problems.append(f"frame {fid}: {why}")
        report.ok = not bad
        if bad and repair:
            for fid in sorted(bad):
                f = frames[fid]
                f.kind, f.blob, f.key_id, f.delta, f.thumb, f.tier = "text", None, None, None, None, 2
                store.update_frame(f)
            report.frames_without_image = sorted(bad)
            report.repaired = True
    finally:
        store.close()
    return report


def _index_problem(db: Path) -> str | None:
    if not db.exists():
        return None
    if not db.is_file():
        return "not a file"
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return f"SQLite cannot read it ({exc})"
    if rows != [("ok",)]:
        return "integrity check failed: " + "; ".join(r[0] for r in rows[:3])
    if tables and "frames" not in tables:
        return "it is a SQLite file without memory tables"
    return None


def _image_problem(store: LocalStore, f: FrameRecord) -> str | None:
    for key in (f.blob, f.thumb):
        if key is None:
            continue
        if not isinstance(key, str) or not KEY.fullmatch(key):
            return f"names an image {str(key)[:60]!r} that is not a content hash"
        try:
            decode_blob(store.get_blob(key), store.max_pixels)
        except SeerError as exc:
            return str(exc).split(";")[0]
    if f.kind == "key" and not f.blob:
        return "a keyframe without an image"
    return None


def _chain_problems(frames: dict[int, FrameRecord], bad: dict[int, str]) -> dict[int, str]:
    """Deltas whose chain loops, is over MAX_CHAIN long, names a missing frame or rests on a bad one."""
    verdict: dict[int, str | None] = {}
    for start in frames:
        path: list[int] = []
        f: FrameRecord | None = frames[start]
        why: str | None = None
        while f is not None and f.id not in verdict:
            if f.id in path:
                why = "its chain of deltas loops"
                break
            path.append(f.id)
            if f.id in bad:
                why = f"it rests on frame {f.id}, which is damaged"
                break
            if len(path) > MAX_CHAIN:
                why = f"its chain of deltas is over {MAX_CHAIN} long"
                break
            if f.kind != "delta" or f.key_id is None:
                break
            if f.key_id not in frames:
                why = f"its base frame {f.key_id} does not exist"
                break
            f = frames[f.key_id]
        else:
            if f is not None:
                why = verdict[f.id]
        for fid in path:
            verdict[fid] = why
    return {fid: why for fid, why in verdict.items() if why}


def _rebuild(root: Path, report: CheckReport, max_pixels: int) -> None:
    from .recorder import Recorder  # only a repair needs OCR

    aside = root / f"memory.db.broken-{time.strftime('%Y%m%d-%H%M%S')}"
    os.replace(root / "memory.db", aside)
    for suffix in ("-wal", "-shm"):
        side = root / f"memory.db{suffix}"
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    report.moved_aside = str(aside)
    images = []
    for path in sorted(BlobFolder(root).files(), key=lambda p: p.stat().st_mtime):
        try:
            images.append(decode_blob(path.read_bytes(), max_pixels))
        except (SeerError, OSError):
            continue
    sizes = Counter(px.shape for px in images)
    store = LocalStore(root, max_pixels)
    try:
        if sizes:
            screen = max(sizes, key=lambda s: (sizes[s], s[0] * s[1]))
            rec = Recorder(store, "recovered")
            for i, px in enumerate(p for p in images if p.shape == screen):
                rec.push(px, t=float(i))
                report.frames_recovered += 1
            rec.close()
    finally:
        store.close()
    report.repaired = True
