"""OCR results kept on disk between processes, so a screenshot read once (by `seer read`, say) is not
read again by the next command on it (`seer ground` in a new process).

One SQLite file; a result is keyed by the pixels read, the detail level and a fingerprint of the
engine that read them (its name, its character set, and the size and time of seer's OCR code), so a
changed engine never answers from an old result. The oldest entries beyond `ENTRIES` are dropped. A
cache that cannot be opened or written is only a missed speed-up: every failure reads as a miss.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from functools import cache
from pathlib import Path

from .geometry import Box
from .ocr_base import TextLine

ENTRIES = 4096


@cache
def code_stamp() -> str:
    """Size and modification time of every OCR source file: a result outlives no change to them."""
    here = Path(__file__).parent
    return repr([(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(here.glob("ocr*.py"))])


def key(digest: str, area: Box, detail: str, engine: str) -> str:
    return hashlib.blake2b(
        repr((digest, area.as_list(), detail, engine, code_stamp())).encode(), digest_size=20
    ).hexdigest()


class DiskCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._broken = False

    def _open(self) -> sqlite3.Connection | None:
        if self._db is None and not self._broken:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=2.0, check_same_thread=False, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS lines (key TEXT PRIMARY KEY, lines TEXT NOT NULL, used REAL NOT NULL)"
                )
                self._db = db
            except (OSError, sqlite3.Error):
                self._broken = True
        return self._db

    def get(self, k: str) -> list[TextLine] | None:
        with self._lock:
            try:
                db = self._open()
                row = db.execute("SELECT lines FROM lines WHERE key = ?", (k,)).fetchone() if db else None
                if db is None or not row:
                    return None
                db.execute("UPDATE lines SET used = ? WHERE key = ?", (time.time(), k))
                return [TextLine(t, Box(*b), c) for t, b, c in json.loads(row[0])]
            except (sqlite3.Error, ValueError, TypeError):
                return None

    def put(self, k: str, lines: list[TextLine]) -> None:
        blob = json.dumps([[l.text, l.box.as_list(), l.confidence] for l in lines], ensure_ascii=False)
        with self._lock:
            try:
                db = self._open()
                if db is None:
                    return
                db.execute("INSERT OR REPLACE INTO lines VALUES (?, ?, ?)", (k, blob, time.time()))
                db.execute(
                    "DELETE FROM lines WHERE key IN (SELECT key FROM lines ORDER BY used DESC LIMIT -1 OFFSET ?)",
                    (ENTRIES,),
                )
            except sqlite3.Error:
                pass
