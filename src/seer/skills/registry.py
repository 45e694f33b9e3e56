"""The one list of skills. The MCP server, the CLI and the library all read it.

Adding a skill is adding one `Skill(...)` to a family's `SKILLS` list and that family to `FAMILIES`.
"""

from __future__ import annotations

import base64
import importlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ..context import Context, Progress
from ..errors import InputError

I = TypeVar("I", bound=BaseModel)
O = TypeVar("O", bound=BaseModel)

FAMILIES = ("seer.skills.vision", "seer.skills.gui", "seer.skills.docs", "seer.skills.memory")
# CLI words whose verbs all come from one family: `seer memory search` imports only that family
GROUPS = {"memory": "seer.skills.memory"}


@dataclass(frozen=True, kw_only=True)
class Skill(Generic[I, O]):
    """One capability: its MCP tool name, CLI verb, typed input and output, and the function. How a
    result is shown (MCP text, CLI table, returned image) is the output model's (`common.Output`)."""

    name: str  # MCP tool name and library function name
    fn: Callable[[I, Context], O]  # the one implementation; its docstring is the tool description
    input_model: type[I]
    output_model: type[O]
    cli: str  # CLI verb, e.g. "read"
    positional: tuple[str, ...] = ()  # input fields taken as CLI positional arguments, in order
    writes: bool = False  # True when the skill writes files or state (not read-only)
    formats: tuple[str, ...] = ()  # output fields the CLI can print alone, e.g. ("csv",) gives `--csv`

    @property
    def description(self) -> str:
        return " ".join((self.fn.__doc__ or "").split())

    def validate(self, params: I | dict[str, Any]) -> I:
        """The input model of `params`; what is wrong with them as one `InputError` ("field: problem")."""
        if isinstance(params, self.input_model):
            return params
        try:
            return self.input_model.model_validate(params)
        except ValidationError as exc:
            raise InputError(
                "; ".join(f"{'.'.join(map(str, e['loc'])) or 'input'}: {e['msg']}" for e in exc.errors())
            ) from None

    def bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> I:
        """A call's arguments as the input model: the first ones positional (as on the CLI), paths
        and bytes accepted where the model takes strings."""
        if len(args) > len(self.positional):
            raise TypeError(
                f"{self.name}() takes at most {len(self.positional)} positional arguments "
                f"({', '.join(self.positional) or 'none'}); pass the rest as keywords"
            )
        return self.validate({k: _plain(v) for k, v in {**dict(zip(self.positional, args)), **kwargs}.items()})

    def invoke(self, params: I | dict[str, Any], ctx: Context | None = None) -> O:
        """The skill on its input, its result in the asked `format` where it has one. Every front
        door (MCP server, CLI, library, `Seer`) calls this."""
        inp = self.validate(params)
        out = self.fn(inp, ctx or Context())
        fmt = getattr(inp, "format", None)
        return out.shaped(fmt) if fmt is not None and hasattr(out, "shaped") else out


def _plain(value: Any) -> Any:
    """A library argument as the JSON value the input models take: paths as strings, bytes as base64."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class Cancelled(BaseException):
    """Raised inside a skill's thread at its next progress report once its caller gave up on it.
    A BaseException so a skill's `except Exception` cannot swallow it."""


async def in_worker(work: Callable[[Progress], O], limiter: Any = None, report: Progress | None = None) -> O:
    """`work(progress)` in a worker thread, holding one of `limiter`'s threads. When the awaiting task
    is cancelled the thread is abandoned, and stops with `Cancelled` at its next progress report;
    `report` gets the progress reports until then."""
    import anyio
    import anyio.to_thread

    cancelled = threading.Event()

    def progress(done: float, total: float | None = None, message: str | None = None) -> None:
        if cancelled.is_set():
            raise Cancelled
        if report is not None:
            report(done, total, message)
        if cancelled.is_set():
            raise Cancelled

    try:
        return await anyio.to_thread.run_sync(lambda: work(progress), limiter=limiter, abandon_on_cancel=True)
    except anyio.get_cancelled_exc_class():
        cancelled.set()
        raise


def skills(families: tuple[str, ...] | None = None) -> tuple[Skill, ...]:
    """Every skill of every family (of `families`; default `FAMILIES`) that imports; a broken family is
    logged and skipped so the others keep serving (the test suite asserts that every family imports)."""
    return _load(FAMILIES if families is None else families)


@cache
def _load(families: tuple[str, ...]) -> tuple[Skill, ...]:
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


def family_of(word: str) -> tuple[str, ...] | None:
    """The one family whose CLI verbs start with `word`, found importing no family after it (`seer
    ground` starts without the document and memory stacks); None when no family has such a verb."""
    if word in GROUPS:
        return (GROUPS[word],)
    for family in FAMILIES:
        if any(s.cli.split()[0] == word for s in _load((family,))):
            return (family,)
    return None


def get(name: str) -> Skill:
    for s in skills():
        if s.name == name or s.cli == name:
            return s
    raise KeyError(name)
