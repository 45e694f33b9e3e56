"""Where memory lives: one small protocol, `MemoryStore`, and the embedded default, `LocalStore`.

LocalStore keeps rows in SQLite (WAL mode, one short transaction per kept frame) and images in a
content-addressed folder (`blobs/ab/<hash>`), each written to a temporary name and renamed, before
the row that names it commits. A process killed mid-ingest therefore loses at most the frame in
flight; concurrent writers wait on SQLite's lock. A shared deployment can implement the same
protocol with PostgreSQL rows and an S3-compatible bucket for the blobs.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import numpy as np

from ..config import Settings
from ..errors import InputError
from .blobs import BlobFolder, decode_blob
from .records import FRAME_COLUMNS, ITEM_COLUMNS, FrameCommit, FrameRecord, ItemRecord, boxes_json
from .store_sql import SCHEMA, frame_row, item_row, statements, store_error, time_filters

__all__ = ["FrameCommit", "FrameRecord", "ItemRecord", "LocalStore", "MemoryStore", "boxes_json", "open_store"]


class MemoryStore(Protocol):
    """Rows and blobs of episodic memory. Every method is safe to call from several processes."""

    root: Path
    max_pixels: int

    def ensure_episode(self, episode: str, created: float | None = None) -> float: ...
    def episodes(self) -> list[dict]: ...
    def put_blob(self, data: bytes) -> str: ...
    def get_blob(self, key: str) -> bytes: ...
    def get_image(self, key: str) -> np.ndarray: ...
    def blob_size(self, key: str | None) -> int: ...
    def referenced_blobs(self) -> set[str]: ...
    def commit(self, change: FrameCommit) -> tuple[int, list[int]]: ...
    def add_items(self, items: list[ItemRecord]) -> list[int]: ...
    def close_items(self, closed: list[tuple[int, float]]) -> None: ...
    def extend_frame(self, frame_id: int, t_end: float, merged: int) -> None: ...
    def update_frame(self, frame: FrameRecord) -> None: ...
    def frame(self, frame_id: int) -> FrameRecord: ...
    def latest_frame(self, episode: str) -> FrameRecord | None: ...
    def frames(
        self, episode: str | None = None, t0: float | None = None, t1: float | None = None
    ) -> list[FrameRecord]: ...
    def items(
        self,
        episode: str | None = None,
        kinds: Iterable[str] | None = None,
        open_only: bool = False,
        t0: float | None = None,
        t1: float | None = None,
    ) -> list[ItemRecord]: ...
    def full_text(self, query: str, episode: str | None, limit: int) -> list[tuple[int, float]]: ...
    def term_counts(self, terms: list[str]) -> tuple[int, dict[str, int]]: ...
    def vectors(self, episode: str | None) -> tuple[list[tuple[str, str]], np.ndarray | None]: ...
    def set_vectors(self, ids: list[int], vecs: list[np.ndarray | None]) -> None: ...
    def missing_vectors(self, episode: str | None) -> list[ItemRecord]: ...
    def ocr_cached(self, key: str) -> str | None: ...
    def cache_ocr(self, key: str, lines: str) -> None: ...
    def collect_garbage(self, min_age_s: float = 600) -> int: ...
    def stats(self) -> dict: ...
    def close(self) -> None: ...


def default_root() -> Path:
    env = os.environ.get("SEER_STORE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "seer" / "memory"


MAX_PIXELS = 40_000_000  # the default image limit (Settings.max_pixels); stored images pass it too


def open_store(
    root: str | Path | None = None, max_pixels: int = MAX_PIXELS, settings: Settings | None = None
) -> MemoryStore:
    """The store at `root` (default `~/.local/share/seer/memory`, or `$SEER_STORE`), created if new; a named
    store must lie under the allowed folders of `settings` (the call's, else the defaults)."""
    from ..security import check_path

    return LocalStore(
        check_path(root, settings or Settings(), what="memory store") if root else default_root(), max_pixels
    )


class LocalStore:
    """SQLite (WAL) rows plus a content-addressed folder of images."""

    def __init__(self, root: Path, max_pixels: int = MAX_PIXELS) -> None:
        self.root, self.max_pixels = root, max_pixels
        db = root / "memory.db"
        if db.exists() and not db.is_file():
            raise InputError(f"{db} is not a file; move it away, or run `seer memory check --repair --store {root}`")
        try:
            (root / "blobs").mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(
                f"cannot create the memory store at {root}: {exc.strerror or exc}; pass --store DIR"
            ) from None
        self.blobs = BlobFolder(root)
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(db, timeout=60, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA busy_timeout = 60000")
            # small pages for a new store (no effect on an existing one): a short episode's dozen
            # tables and indexes each hold a page, 60 KB at SQLite's default 4 KB
            self._db.execute("PRAGMA page_size = 1024")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise store_error(root, exc) from None
        tables = {r[0] for r in self._read("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"episodes", "frames", "items", "items_fts", "ocr_cache"} <= tables:  # new (or older): create
            with self._write():
                for stmt in statements(SCHEMA):
                    self._db.execute(stmt)

    # transactions -------------------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            for _attempt in range(200):
                try:
                    self._db.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise store_error(self.root, exc) from None
                    time.sleep(0.05)
                except sqlite3.DatabaseError as exc:
                    raise store_error(self.root, exc) from None
            else:
                raise InputError(f"memory store {self.root} stayed locked by another writer; try again")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.DatabaseError):
                    raise store_error(self.root, exc) from None
                raise

    def _read(self, sql: str, args: Iterable = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._db.execute(sql, tuple(args)).fetchall()
            except sqlite3.DatabaseError as exc:
                raise store_error(self.root, exc) from None

    # episodes -----------------------------------------------------------------------------------
    def ensure_episode(self, episode: str, created: float | None = None) -> float:
        rows = self._read("SELECT created FROM episodes WHERE id = ?", (episode,))
        if rows:
            return rows[0][0]
        with self._write() as db:
            db.execute("INSERT OR IGNORE INTO episodes(id, created) VALUES (?, ?)", (episode, created or time.time()))
        return self._read("SELECT created FROM episodes WHERE id = ?", (episode,))[0][0]

    def episodes(self) -> list[dict]:
        rows = self._read(
            "SELECT e.id, e.created, COUNT(f.id), COALESCE(MAX(f.t_end), 0), COALESCE(SUM(f.merged), 0) "
            "FROM episodes e LEFT JOIN frames f ON f.episode = e.id GROUP BY e.id ORDER BY e.created"
        )
        return [{"episode": r[0], "created": r[1], "frames": r[2], "duration": r[3], "merged": r[4]} for r in rows]

    # blobs --------------------------------------------------------------------------------------
    def put_blob(self, data: bytes) -> str:
        return self.blobs.put(data)

    def get_blob(self, key: str) -> bytes:
        return self.blobs.get(key)

    def get_image(self, key: str) -> np.ndarray:
        """A stored image's pixels, within the store's pixel limit."""
        return decode_blob(self.blobs.get(key), self.max_pixels, f"image {key} of the memory store {self.root}")

    def blob_size(self, key: str | None) -> int:
        return self.blobs.size(key)

    # frames and items ---------------------------------------------------------------------------
    def commit(self, change: FrameCommit) -> tuple[int, list[int]]:
        f = change.frame
        with self._write() as db:
            if change.extended:
                fid, t_end, merged = change.extended
                db.execute(
                    "UPDATE frames SET t_end = MAX(t_end, ?), merged = merged + ? WHERE id = ?", (t_end, merged, fid)
                )
            db.executemany("UPDATE items SET t_end = ? WHERE id = ?", [(t, i) for i, t in change.closed_items])
            db.executemany("UPDATE items SET box = ? WHERE id = ?", [(b, i) for i, b in change.moved_items])
            cols = [c for c in FRAME_COLUMNS if c != "id"]
            values = [getattr(f, c) for c in cols]
            if f.t_end < f.t:
                values[cols.index("t_end")] = f.t
            cur = db.execute(f"INSERT INTO frames({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values)
            f.id = cur.lastrowid
            ids = self._insert_items(db, change.new_items, f.id)
        return f.id, ids

    def _insert_items(self, db: sqlite3.Connection, items: list[ItemRecord], frame_id: int | None = None) -> list[int]:
        ids = []
        for it in items:
            if it.frame_id is None:
                it.frame_id = frame_id
            cur = db.execute(
                "INSERT INTO items(episode, kind, t, t_end, frame_id, box, text) VALUES (?,?,?,?,?,?,?)",
                (it.episode, it.kind, it.t, it.t_end, it.frame_id, it.box, it.text),
            )
            it.id = cur.lastrowid
            ids.append(it.id)
        return ids

    def add_items(self, items: list[ItemRecord]) -> list[int]:
        if not items:
            return []
        with self._write() as db:
            return self._insert_items(db, items)

    def close_items(self, closed: list[tuple[int, float]]) -> None:
        if closed:
            with self._write() as db:
                db.executemany("UPDATE items SET t_end = ? WHERE id = ?", [(t, i) for i, t in closed])

    def extend_frame(self, frame_id: int, t_end: float, merged: int) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE frames SET t_end = MAX(t_end, ?), merged = merged + ? WHERE id = ?", (t_end, merged, frame_id)
            )

    def update_frame(self, frame: FrameRecord) -> None:
        cols = [c for c in FRAME_COLUMNS if c != "id"]
        with self._write() as db:
            db.execute(
                f"UPDATE frames SET {', '.join(c + ' = ?' for c in cols)} WHERE id = ?",
                [getattr(frame, c) for c in cols] + [frame.id],
            )

    def frame(self, frame_id: int) -> FrameRecord:
        rows = self._read(f"SELECT {', '.join(FRAME_COLUMNS)} FROM frames WHERE id = ?", (frame_id,))
        if not rows:
            raise InputError(f"no frame {frame_id} in the memory store {self.root}; find ids with `seer memory search`")
        return frame_row(rows[0])

    def latest_frame(self, episode: str) -> FrameRecord | None:
        rows = self._read(
            f"SELECT {', '.join(FRAME_COLUMNS)} FROM frames WHERE episode = ? ORDER BY t DESC, id DESC LIMIT 1",
            (episode,),
        )
        return frame_row(rows[0]) if rows else None

    def frames(self, episode: str | None = None, t0: float | None = None, t1: float | None = None) -> list[FrameRecord]:
        where, args = time_filters(episode, t0, t1, "t_end", "t")
        rows = self._read(f"SELECT {', '.join(FRAME_COLUMNS)} FROM frames {where} ORDER BY episode, t, id", args)
        return [frame_row(r) for r in rows]

    def items(
        self,
        episode: str | None = None,
        kinds: Iterable[str] | None = None,
        open_only: bool = False,
        t0: float | None = None,
        t1: float | None = None,
    ) -> list[ItemRecord]:
        where, args = time_filters(episode, t0, t1, "COALESCE(t_end, 1e18)", "t")
        clauses = [where[len("WHERE ") :]] if where else []
        if kinds:
            ks = list(kinds)
            clauses.append(f"kind IN ({', '.join('?' * len(ks))})")
            args += ks
        if open_only:
            clauses.append("t_end IS NULL")
        sql = f"SELECT {', '.join(ITEM_COLUMNS)} FROM items"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        return [item_row(r) for r in self._read(sql + " ORDER BY t, id", args)]

    def full_text(self, query: str, episode: str | None, limit: int) -> list[tuple[int, float]]:
        """(item id, BM25 score, higher is better) for an FTS5 query string."""
        sql = (
            "SELECT items.id, -bm25(items_fts) FROM items_fts JOIN items ON items.id = items_fts.rowid "
            "WHERE items_fts MATCH ?"
        )
        args: list = [query]
        if episode:
            sql += " AND items.episode = ?"
            args.append(episode)
        sql += " ORDER BY bm25(items_fts) LIMIT ?"
        args.append(limit)
        try:
            return [(r[0], float(r[1])) for r in self._read(sql, args)]
        except sqlite3.OperationalError:
            return []

    def term_counts(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        """(items in the store, items holding each term): for IDF weights."""
        ((n,),) = self._read("SELECT COUNT(*) FROM items")
        counts = {}
        for t in terms:
            try:
                counts[t] = self._read("SELECT COUNT(*) FROM items_fts WHERE items_fts MATCH ?", (f'"{t}"',))[0][0]
            except sqlite3.OperationalError:
                counts[t] = 0
        return n, counts

    def vectors(self, episode: str | None) -> tuple[list[tuple[str, str]], np.ndarray | None]:
        """((episode, text) of each distinct text with a vector, their unit vectors as rows)."""
        where, args = ("WHERE length(vec) > 0 AND episode = ?", [episode]) if episode else ("WHERE length(vec) > 0", [])
        rows = self._read(f"SELECT episode, text, vec FROM items {where} ORDER BY id", args)
        if not rows:
            return [], None
        return [(r[0], r[1]) for r in rows], np.stack([np.frombuffer(r[2], np.int8) for r in rows]).astype(
            np.float32
        ) / 127.0

    def set_vectors(self, ids: list[int], vecs: list[np.ndarray | None]) -> None:
        """Each item's vector; None: it shares the vector of an item of its episode with the same text."""

        def packed(v: np.ndarray | None) -> bytes:
            return b"" if v is None else np.clip(np.round(v * 127.0), -127, 127).astype(np.int8).tobytes()

        with self._write() as db:
            db.executemany("UPDATE items SET vec = ? WHERE id = ?", [(packed(v), i) for i, v in zip(ids, vecs)])

    def missing_vectors(self, episode: str | None) -> list[ItemRecord]:
        where, args = ("WHERE vec IS NULL AND episode = ?", [episode]) if episode else ("WHERE vec IS NULL", [])
        return [
            item_row(r) for r in self._read(f"SELECT {', '.join(ITEM_COLUMNS)} FROM items {where} ORDER BY id", args)
        ]

    def ocr_cached(self, key: str) -> str | None:
        rows = self._read("SELECT lines FROM ocr_cache WHERE hash = ?", (key,))
        return rows[0][0] if rows else None

    def cache_ocr(self, key: str, lines: str) -> None:
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO ocr_cache(hash, lines) VALUES (?, ?)", (key, lines))

    # housekeeping -------------------------------------------------------------------------------
    def referenced_blobs(self) -> set[str]:
        keys: set[str] = set()
        for blob, thumb in self._read("SELECT blob, thumb FROM frames"):
            keys.update(k for k in (blob, thumb) if k)
        return keys

    def collect_garbage(self, min_age_s: float = 600) -> int:
        """Delete blobs no frame names; young files are spared (their rows may be committing now)."""
        return self.blobs.collect_garbage(self.referenced_blobs(), min_age_s)

    def stats(self) -> dict:
        ((frames, merged, raw),) = self._read(
            "SELECT COUNT(*), COALESCE(SUM(merged), 0), COALESCE(SUM(bytes), 0) FROM frames"
        )
        tiers = dict(self._read("SELECT tier, COUNT(*) FROM frames GROUP BY tier"))
        kinds = dict(self._read("SELECT kind, COUNT(*) FROM frames GROUP BY kind"))
        ((items,),) = self._read("SELECT COUNT(*) FROM items")
        blob_bytes = sum(p.stat().st_size for p in (self.root / "blobs").glob("*/*"))
        # the -shm file is SQLite's shared-memory index of the log, not data (gone when the last reader closes)
        db_bytes = sum(p.stat().st_size for p in self.root.glob("memory.db*") if not p.name.endswith("-shm"))
        return {
            "store": str(self.root),
            "episodes": len(self._read("SELECT id FROM episodes")),
            "frames": frames,
            "frames_merged": merged,
            "items": items,
            "tiers": {str(k): v for k, v in tiers.items()},
            "kinds": kinds,
            "blob_bytes": blob_bytes,
            "db_bytes": db_bytes,
            "bytes_stored": blob_bytes + db_bytes,
        }

    def close(self) -> None:
        with self._lock:
            try:
                # the log's pages into memory.db and the log emptied, unless another process is
                # reading or writing now (then it is left as it is: no waiting on close)
                self._db.execute("PRAGMA busy_timeout = 0")
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.OperationalError:
                pass
            self._db.close()
