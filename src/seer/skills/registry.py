"""The one list of skills. The MCP server, the CLI and the library all read it.

Adding a skill is adding one `Skill(...)` to a family's `SKILLS` list and that family to `FAMILIES`.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from ..context import Context

I = TypeVar("I", bound=BaseModel)
O = TypeVar("O", bound=BaseModel)

FAMILIES = ("seer.skills.vision", "seer.skills.gui", "seer.skills.docs", "seer.skills.memory")
# CLI words whose verbs all come from one family: `seer memory search` imports only that family
GROUPS = {"memory": "seer.skills.memory"}


@dataclass(frozen=True, kw_only=True)
class Skill(Generic[I, O]):
    """One capability: its MCP tool name, CLI verb, typed input and output, and the function."""

    name: str  # MCP tool name and library function name
    fn: Callable[[I, Context], O]  # the one implementation; its docstring is the tool description
    input_model: type[I]
    output_model: type[O]
    cli: str  # CLI verb, e.g. "read"
    positional: tuple[str, ...] = ()  # input fields taken as CLI positional arguments, in order
    render: Callable[[O], Any] | None = None  # rich renderable for human CLI output
    summary: Callable[[O], str] | None = None  # short text content for MCP next to structuredContent
    image_result: Callable[[O], bytes | None] | None = None  # PNG to return as MCP ImageContent
    writes: bool = False  # True when the skill writes files or state (not read-only)
    formats: tuple[str, ...] = ()  # output fields the CLI can print alone, e.g. ("csv",) gives `--csv`

    @property
    def description(self) -> str:
        return " ".join((self.fn.__doc__ or "").split())

    def run(self, params: I | dict[str, Any], ctx: Context | None = None) -> O:
        inp = params if isinstance(params, self.input_model) else self.input_model.model_validate(params)
        return self.invoke(inp, ctx or Context())

    def invoke(self, inp: I, ctx: Context) -> O:
        """The skill on validated input, its result in the asked `format` where it has one. Every
        front door (MCP server, CLI, library, `Seer`) calls this."""
        out = self.fn(inp, ctx)
        fmt = getattr(inp, "format", None)
        return out.shaped(fmt) if fmt is not None and hasattr(out, "shaped") else out


@cache
def skills(families: tuple[str, ...] = FAMILIES) -> tuple[Skill, ...]:
    """Every skill of every family (of `families`) that imports; a broken family is logged and
    skipped so the others keep serving (the test suite asserts that every family imports)."""
    found: list[Skill] = []
    for family in families:
        try:
            found.extend(importlib.import_module(family).SKILLS)
        except Exception:
            logging.getLogger("seer").exception("skill family %s failed to load; its tools are unavailable", family)
    names = [s.name for s in found]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise RuntimeError(f"duplicate skill names: {sorted(dupes)}")
    return tuple(found)


def get(name: str) -> Skill:
    for s in skills():
        if s.name == name or s.cli == name:
            return s
    raise KeyError(name)
