"""Readers register what they accept (MIME types, suffixes, magic bytes); `find` picks one.

A reader is a function `(path, opts) -> Document`. Adding a format is one module that calls
`register(...)`; nothing else changes (the markitdown pattern, not an if-ladder).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ....context import Context
from ....errors import InputError
from ..document import Document, DocumentBuilder
from ..pictures import PictureLimits


@dataclass(frozen=True)
class ReadOptions:
    """What every reader honours: page limits, OCR on/off, progress reporting."""

    ctx: Context = field(default_factory=Context)
    max_pages: int = 300
    pages: tuple[int, int] | None = None  # 1-based inclusive range
    ocr: bool = True
    charts: bool = True
    time_budget_s: float = 90.0  # per document: reading ends with what was read, and a warning
    pictures: PictureLimits = field(default_factory=PictureLimits)
    max_sheet_chars: int = 4_000_000  # cell text kept per XLSX sheet
    max_cell_text_chars: int = 16_000_000  # cell text kept per document (tables of every format)

    def builder(self, path: Path, fmt: str) -> DocumentBuilder:
        """A builder for one document read under these options' time and picture budgets."""
        return DocumentBuilder(
            str(path), fmt, budget_s=self.time_budget_s, pictures=self.pictures, settings=self.ctx.settings
        )


ReadFn = Callable[[Path, ReadOptions], Document]


@dataclass(frozen=True)
class Reader:
    name: str
    read: ReadFn
    suffixes: tuple[str, ...]
    mimes: tuple[str, ...] = ()
    magic: tuple[bytes, ...] = ()


_READERS: list[Reader] = []


def register(
    name: str, *, suffixes: tuple[str, ...], mimes: tuple[str, ...] = (), magic: tuple[bytes, ...] = ()
) -> Callable[[ReadFn], ReadFn]:
    def deco(fn: ReadFn) -> ReadFn:
        _READERS.append(Reader(name, fn, tuple(s.lower() for s in suffixes), mimes, magic))
        return fn

    return deco


def readers() -> tuple[Reader, ...]:
    return tuple(_READERS)


def find(path: Path, head: bytes = b"", mime: str | None = None) -> Reader:
    """The reader for a file: by MIME type if given, else by suffix, else by its first bytes."""
    mime = mime or mimetypes.guess_type(path.name)[0]
    for r in _READERS:
        if mime and mime in r.mimes:
            return r
    suffix = path.suffix.lower()
    for r in _READERS:
        if suffix in r.suffixes:
            return r
    for r in _READERS:
        if any(head.startswith(m) for m in r.magic):
            return r
    known = ", ".join(sorted({s for r in _READERS for s in r.suffixes}))
    raise InputError(f"{path.name}: unsupported document type '{suffix or mime or 'unknown'}'; seer reads {known}")
