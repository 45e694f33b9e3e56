"""What a skill gets besides its input: settings, the model client (or none), and a progress hook.

Skills never build these themselves, so the CLI, the MCP server, the library and the tests can
each hand in their own (a test hands in a client pointed at its local fake server).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .config import Settings, default_settings

if TYPE_CHECKING:
    from .models import VisionModel

Progress = Callable[[float, float | None, str | None], None]


def _no_progress(done: float, total: float | None = None, message: str | None = None) -> None:
    return None


AUTO: Any = object()  # build the model client from the settings


@dataclass
class Context:
    """Per-call context. `model` is a `seer.models` client, or None for local perception only; by
    default it is built from the settings (so None unless the user configured a model)."""

    settings: Settings = field(default_factory=default_settings)
    model: VisionModel | None = AUTO
    progress: Progress = _no_progress

    def __post_init__(self) -> None:
        from .perception import ocr

        ocr.configure(
            self.settings
        )  # the OCR engine and its cache are the process's: they take the latest call's settings
        if self.model is AUTO:
            if not (self.settings.model or self.settings.base_url):
                self.model = None  # the local backend: no client, and none of the clients' imports
                return
            from .models import from_settings

            self.model = from_settings(self.settings)

    def report(self, done: float, total: float | None = None, message: str | None = None) -> None:
        self.progress(done, total, message)
