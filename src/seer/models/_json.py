"""A tolerant JSON extractor for model answers: fenced blocks, prose around the JSON, trailing commas."""

from __future__ import annotations

import json
import re
from typing import Any

_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.S)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_decoder = json.JSONDecoder()


def json_values(text: str) -> list[Any]:
    """Every top-level JSON object or array found in `text`, in order (fenced blocks first)."""
    out: list[Any] = []
    for block in _FENCE.findall(text):
        v = _loads(block.strip())
        if isinstance(v, (dict, list)):  # a fenced `1` or `"x"` is not an answer object (found by fuzzing)
            out.append(v)
    if out:
        return out
    i = 0
    while i < len(text):
        j = min((k for k in (text.find("{", i), text.find("[", i)) if k >= 0), default=-1)
        if j < 0:
            break
        try:
            value, end = _decoder.raw_decode(text, j)
        except json.JSONDecodeError:
            value, end = _repaired(text, j)
        if value is _MISSING:
            i = j + 1
            continue
        if isinstance(value, (dict, list)):
            out.append(value)
        i = end
    return out


def extract_json(text: str) -> Any:
    """The most plausible JSON answer in `text` (the first object, else the first array), or None."""
    values = json_values(text)
    for v in values:
        if isinstance(v, dict):
            return v
    return values[0] if values else None


class _Missing:
    pass


_MISSING = _Missing()


def _loads(s: str) -> Any:
    for candidate in (s, _TRAILING_COMMA.sub(r"\1", s)):
        try:
            return json.loads(candidate)
        except json.JSONDecodeError:
            continue
    return _MISSING


def _repaired(text: str, start: int) -> tuple[Any, int]:
    """Try the span up to the matching close bracket with trailing commas removed."""
    depth, in_str, esc = 0, False, False
    for k in range(start, len(text)):
        ch = text[k]
        if in_str:
            if ch == '"' and not esc:
                in_str = False
            esc = ch == "\\" and not esc
            continue
        if ch == '"':
            in_str = True
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                v = _loads(text[start : k + 1])
                return v, k + 1
    return _MISSING, start + 1
