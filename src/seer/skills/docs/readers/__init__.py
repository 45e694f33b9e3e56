"""Read any supported file into a `Document`: pick the registered reader, enforce limits, map errors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ....errors import InputError, LimitError, SeerError
from ....security import check_input_file, check_path, check_zip, expand
from ..document import Document
from . import docx, html, image, markdown, pdf, pptx, xlsx  # noqa: F401  (each registers itself)
from .registry import Reader, ReadOptions, find, readers, register

__all__ = ["ReadOptions", "Reader", "find", "read_path", "readers", "register"]


def read_path(path: str | Path, opts: ReadOptions | None = None) -> Document:
    """Read one file into a Document, or raise InputError/LimitError saying what to do."""
    opts = opts or ReadOptions()
    settings = opts.ctx.settings
    p = expand(str(path))
    check_path(p, settings, what="document")  # before anything reveals whether the file exists
    if not p.exists():
        raise InputError(f"document not found: {p}")
    if p.is_dir():
        raise InputError(f"{p} is a directory; pass a document file")
    size = p.stat().st_size
    if size == 0:
        raise InputError(f"{p} is empty (0 bytes)")
    limit = opts.ctx.settings.max_bytes
    if size > limit:
        raise LimitError(
            f"{p.name} is {size:,} bytes, over the {limit:,}-byte limit; raise max_bytes (SEER_MAX_BYTES) to allow it"
        )
    check_input_file(p, settings, what="document")  # a regular file: never a FIFO or device
    with p.open("rb") as fh:
        head = fh.read(64)
    reader = find(p, head)
    if head.startswith(b"PK\x03\x04") and reader.name in ("docx", "pptx", "xlsx"):
        check_zip(p, settings)  # zip bombs and XML entity tricks, before any parser sees the file
    if opts.max_pages > settings.max_pages:
        opts = replace(opts, max_pages=settings.max_pages)
    try:
        doc = reader.read(p, opts)
    except SeerError:
        raise
    except MemoryError:
        raise LimitError(f"{p.name} needs more memory to read than is free; read fewer pages (pages='1-20')") from None
    except Exception as exc:  # parsers raise dozens of types on malformed files; the caller needs one
        raise InputError(
            f"{p.name} could not be read as {reader.name} ({type(exc).__name__}: {exc}); is the file complete?"
        ) from None
    if not doc.sections:
        doc.warnings.append("no text, tables or figures were found")
    return doc
