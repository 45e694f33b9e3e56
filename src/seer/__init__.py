"""seer: eyes for coding agents. One function per skill, sharing the MCP tools' schemas.

    import seer
    page = seer.read_screenshot("shot.png")      # -> seer.ScreenText
    page.lines[0].text, page.lines[0].box

Every skill function takes its input fields as keyword arguments (the first ones may be positional,
as on the CLI) and returns its output model. Errors are `seer.SeerError` subclasses.
"""

from __future__ import annotations

from typing import Any

from .context import Context
from .errors import InputError, LimitError, ModelError, NotConfigured, SeerError

__version__ = "0.1.0"
__all__ = ["Context", "InputError", "LimitError", "ModelError", "NotConfigured", "Seer", "SeerError", "skill_names"]
from .api import Seer  # noqa: E402


def _function(skill):
    def call(*args: Any, ctx: Context | None = None, **kwargs: Any):
        return skill.invoke(skill.bind(args, kwargs), ctx)

    call.__name__ = call.__qualname__ = skill.name
    call.__doc__ = skill.fn.__doc__
    return call


def skill_names() -> list[str]:
    from .skills.registry import skills

    return [s.name for s in skills()]


def __getattr__(name: str) -> Any:
    """Skill functions (`seer.read_screenshot`) and their output models (`seer.ScreenText`), on first use."""
    from .skills.registry import skills

    for s in skills():
        if s.name == name:
            fn = _function(s)
            globals()[name] = fn
            return fn
        for model in (s.input_model, s.output_model):
            if model.__name__ == name:
                return model
    raise AttributeError(f"module 'seer' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(skill_names()))
