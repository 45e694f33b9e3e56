"""What seer's tools made, kept under stable URIs so MCP clients can read them as resources.

`seer://artifacts/<name>` is a file a tool wrote (a deck, a report, an annotated image) or bytes it
returned (a capped image, a full result that was too large for the host); `seer://pages/<name>/<n>`
reads a large text artefact in pages that fit a host's result limit. Only what seer produced in
this process is served: a client can never name an arbitrary path.
"""

from __future__ import annotations

import mimetypes
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .host_limits import MAX_TEXT_CHARS

SCHEME = "seer://artifacts/"
PAGE_CHARS = MAX_TEXT_CHARS
_TEXT_TYPES = ("text/", "application/json", "image/svg+xml")


@dataclass(frozen=True)
class Artifact:
    name: str
    mime_type: str
    path: Path | None = None  # a file a tool wrote; else the bytes below
    data: bytes | None = None
    description: str = ""

    @property
    def uri(self) -> str:
        return SCHEME + quote(self.name, safe="")

    @property
    def is_text(self) -> bool:
        return self.mime_type.startswith(_TEXT_TYPES)

    def size(self) -> int | None:
        if self.data is not None:
            return len(self.data)
        try:
            return self.path.stat().st_size if self.path else None
        except OSError:
            return None

    def read(self) -> str | bytes:
        raw = self.data if self.data is not None else self.path.read_bytes()  # type: ignore[union-attr]
        return raw.decode("utf-8", errors="replace") if self.is_text else raw


def guess_mime(name: str) -> str:
    if name.endswith(".md"):
        return "text/markdown"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


class ArtifactStore:
    """The artefacts of this server process, newest last, at most `limit` of them (oldest dropped)."""

    def __init__(self, limit: int = 200, max_bytes: int = 256 * 1024 * 1024) -> None:
        self._items: OrderedDict[str, Artifact] = OrderedDict()
        self._limit = limit
        self._max_bytes = max_bytes
        self._lock = threading.Lock()
        self.added = 0  # artefacts ever added: a change tells the server to notify resources/list_changed
        self.on_add: list[Any] = []  # callbacks(Artifact), e.g. to register an MCP resource

    def __len__(self) -> int:
        return len(self._items)

    def get(self, name: str) -> Artifact | None:
        return self._items.get(name)

    def all(self) -> list[Artifact]:
        return list(self._items.values())

    def _unique(self, name: str, path: Path | None) -> str:
        existing = self._items.get(name)
        if existing is None or (path is not None and existing.path == path):
            return name
        stem, dot, ext = name.rpartition(".")
        base, suffix = (stem, f".{ext}") if dot else (name, "")
        n = 2
        while f"{base}-{n}{suffix}" in self._items and self._items[f"{base}-{n}{suffix}"].path != path:
            n += 1
        return f"{base}-{n}{suffix}"

    def _put(self, art: Artifact) -> Artifact:
        with self._lock:
            self._items.pop(art.name, None)
            self._items[art.name] = art
            while len(self._items) > self._limit or self._held_bytes() > self._max_bytes and len(self._items) > 1:
                self._items.popitem(last=False)
            self.added += 1
        for callback in self.on_add:
            callback(art)
        return art

    def _held_bytes(self) -> int:
        return sum(len(a.data) for a in self._items.values() if a.data is not None)

    def add_file(self, path: str | Path, description: str = "") -> Artifact:
        p = Path(path).resolve()
        name = self._unique(p.name, p)
        return self._put(Artifact(name=name, mime_type=guess_mime(p.name), path=p, description=description))

    def add_bytes(self, name: str, data: bytes | str, mime_type: str | None = None, description: str = "") -> Artifact:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        name = self._unique(name, None)
        return self._put(
            Artifact(name=name, mime_type=mime_type or guess_mime(name), data=raw, description=description)
        )

    def page(self, name: str, page: int) -> str:
        """Page `page` (1-based) of a text artefact, with a one-line header saying how many pages there are."""
        art = self._items.get(name)
        if art is None or not art.is_text:
            raise KeyError(name)
        text = art.read()
        assert isinstance(text, str)
        pages = max(1, -(-len(text) // PAGE_CHARS))
        if not 1 <= page <= pages:
            raise IndexError(f"page {page} is out of range: {name} has {pages} page(s)")
        body = text[(page - 1) * PAGE_CHARS : page * PAGE_CHARS]
        return f"[{name}: page {page} of {pages}, characters {(page - 1) * PAGE_CHARS:,}-{(page - 1) * PAGE_CHARS + len(body):,} of {len(text):,}]\n{body}"
