"""The SQLite side of `LocalStore`: its schema, what a SQLite failure means, and row helpers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import InputError
from .records import FRAME_COLUMNS, ITEM_COLUMNS, FrameRecord, ItemRecord

SCHEMA = """
CREATE TABLE IF NOT EXISTS episodes(
  id TEXT PRIMARY KEY, created REAL NOT NULL, meta TEXT NOT NULL DEFAULT '{}') WITHOUT ROWID;
-- WITHOUT ROWID: a table keyed by text is its own index (one page each, not two, in a short episode)
CREATE TABLE IF NOT EXISTS frames(
  id INTEGER PRIMARY KEY, episode TEXT NOT NULL, t REAL NOT NULL, t_end REAL NOT NULL, wall REAL NOT NULL,
  source TEXT NOT NULL DEFAULT '', width INTEGER NOT NULL, height INTEGER NOT NULL,
  kind TEXT NOT NULL,            -- key | delta | text
  key_id INTEGER,                -- the base frame a delta applies to
  blob TEXT,                     -- key: the image; delta: the atlas of crops
  delta TEXT,                    -- delta: {"shift": [x0,y0,x1,y1,dy] | null, "boxes": [[x0,y0,x1,y1], ...],
                                 --   "copies" (optional): [[x0,y0,x1,y1,source_y0], ...]}
                                 -- applied to the frame key_id (its base: usually the previous kept frame)
  scale REAL NOT NULL DEFAULT 1, -- stored resolution relative to the original
  tolerance INTEGER NOT NULL DEFAULT 0,
  phash TEXT NOT NULL DEFAULT '', thumb TEXT, tier INTEGER NOT NULL DEFAULT 0,
  pinned INTEGER NOT NULL DEFAULT 0, importance REAL NOT NULL DEFAULT 0,
  changed TEXT NOT NULL DEFAULT '[]', similarity REAL, merged INTEGER NOT NULL DEFAULT 0,
  summary TEXT NOT NULL DEFAULT '', bytes INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS frames_episode_t ON frames(episode, t);
CREATE INDEX IF NOT EXISTS frames_key ON frames(key_id);
CREATE TABLE IF NOT EXISTS items(
  id INTEGER PRIMARY KEY, episode TEXT NOT NULL,
  kind TEXT NOT NULL,            -- ocr | note | action
  t REAL NOT NULL, t_end REAL, frame_id INTEGER, box TEXT, text TEXT NOT NULL,
  vec BLOB);                     -- unit sentence embedding, int8 (x127): 384 bytes; empty: the
                                 -- vector of the episode's item with the same text (stored once)
CREATE INDEX IF NOT EXISTS items_episode_t ON items(episode, t);
CREATE INDEX IF NOT EXISTS items_frame ON items(frame_id);
CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5(text, content='items', content_rowid='id');
CREATE TRIGGER IF NOT EXISTS items_ai AFTER INSERT ON items BEGIN
  INSERT INTO items_fts(rowid, text) VALUES (new.id, new.text); END;
CREATE TRIGGER IF NOT EXISTS items_ad AFTER DELETE ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, text) VALUES ('delete', old.id, old.text); END;
CREATE TABLE IF NOT EXISTS ocr_cache(hash TEXT PRIMARY KEY, lines TEXT NOT NULL) WITHOUT ROWID;
"""


def store_error(root: Path, exc: sqlite3.DatabaseError) -> InputError:
    """What a SQLite failure means for the person holding the store, and what to do."""
    msg = str(exc)
    if "readonly" in msg or "read-only" in msg:
        return InputError(
            f"the memory store {root} is read-only ({msg}); make it writable, or pass --store DIR to use another"
        )
    if "full" in msg:
        return InputError(f"the disk holding the memory store {root} is full ({msg}); free space or pass --store DIR")
    return InputError(
        f"the memory store's index {root / 'memory.db'} is damaged ({msg}); run "
        f"`seer memory check --repair --store {root}` to rebuild it or move it aside"
    )


def statements(script: str) -> list[str]:
    out, buf = [], []
    for line in script.strip().splitlines():
        buf.append(line)
        joined = "\n".join(buf)
        if sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    return out


def time_filters(
    episode: str | None, t0: float | None, t1: float | None, end_col: str, start_col: str
) -> tuple[str, list]:
    clauses: list[str] = []
    args: list = []
    if episode:
        clauses.append("episode = ?")
        args.append(episode)
    if t0 is not None:
        clauses.append(f"{end_col} >= ?")
        args.append(t0)
    if t1 is not None:
        clauses.append(f"{start_col} <= ?")
        args.append(t1)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


def frame_row(row: tuple) -> FrameRecord:
    return FrameRecord(**dict(zip(FRAME_COLUMNS, row)))


def item_row(row: tuple) -> ItemRecord:
    return ItemRecord(**dict(zip(ITEM_COLUMNS, row)))
