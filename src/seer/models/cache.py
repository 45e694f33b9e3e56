"""An optional on-disk cache of model answers, keyed by (endpoint, model, prompt, image hashes, options)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .base import ImagePart, Request, TextPart


def request_key(provider: str, base_url: str, model: str, request: Request, max_tokens: int) -> str:
    """A stable hash of everything that shapes the answer; images enter by content hash, not bytes."""
    msgs = []
    for m in request.messages:
        parts: list[Any] = []
        for p in m.parts:
            if isinstance(p, TextPart):
                parts.append(["t", p.text])
            elif isinstance(p, ImagePart):
                parts.append(["i", p.image.digest, p.region.as_list() if p.region else None, p.zoom])
        msgs.append([m.role, parts])
    blob = json.dumps(
        [provider, base_url, model, msgs, max_tokens, request.temperature, request.json_schema, request.thinking],
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


class ResponseCache:
    """One JSON file per answer under `root/<2 hex>/<key>.json`; writes are atomic."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).expanduser()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: dict[str, Any]) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(value, f, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written is only a missed speed-up
