"""The rows of episodic memory: frames, items (OCR lines, notes, actions) and one frame's commit."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

FRAME_COLUMNS = (
    "id",
    "episode",
    "t",
    "t_end",
    "wall",
    "source",
    "width",
    "height",
    "kind",
    "key_id",
    "blob",
    "delta",
    "scale",
    "tolerance",
    "phash",
    "thumb",
    "tier",
    "pinned",
    "importance",
    "changed",
    "similarity",
    "merged",
    "summary",
    "bytes",
)
ITEM_COLUMNS = ("id", "episode", "kind", "t", "t_end", "frame_id", "box", "text")


@dataclass(slots=True)
class FrameRecord:
    episode: str
    t: float
    wall: float
    width: int
    height: int
    kind: str
    t_end: float = -1.0
    source: str = ""
    key_id: int | None = None
    blob: str | None = None
    delta: str | None = None
    scale: float = 1.0
    tolerance: int = 0
    phash: str = ""
    thumb: str | None = None
    tier: int = 0
    pinned: int = 0
    importance: float = 0.0
    changed: str = "[]"
    similarity: float | None = None
    merged: int = 0
    summary: str = ""
    bytes: int = 0
    id: int | None = None


@dataclass(slots=True)
class ItemRecord:
    episode: str
    kind: str
    t: float
    text: str
    t_end: float | None = None
    frame_id: int | None = None
    box: str | None = None
    id: int | None = None


@dataclass(slots=True)
class FrameCommit:
    """Everything one kept frame changes, applied in one transaction."""

    frame: FrameRecord
    new_items: list[ItemRecord] = field(default_factory=list)
    closed_items: list[tuple[int, float]] = field(default_factory=list)  # (item id, t_end)
    extended: tuple[int, float, int] | None = None  # (frame id, t_end, frames merged) of the previous frame
    moved_items: list[tuple[int, str]] = field(default_factory=list)  # (item id, new box JSON) after a scroll


def boxes_json(boxes) -> str:
    return json.dumps([b.as_list() for b in boxes])
