"""`seer.Seer`: the library as one object, for embedding seer in your own agent.

    from seer import Seer
    s = Seer()                                   # local perception; Seer(model="glm-4.5v") for a vision model
    page = s.read_screenshot("shot.png")         # -> ScreenText, the same model the MCP tool returns
    hit = await s.aio.ground("shot.png", instruction="the Save button")   # async twin of every method

One method per registered skill, generated from the registry like the CLI and the MCP tools: the first
arguments may be positional (as on the CLI), the rest are the input model's fields as keywords. Settings
and the model client are resolved once per `Seer`; async calls run in worker threads (at most
`max_parallel` at once) and cancelling one stops its skill at its next progress report.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from .config import Settings, load_settings
from .context import Context, Progress

_UNSET: Any = object()


class Seer:
    """seer's skills as methods. `model`: a preset or model id ('glm-4.5v', 'claude', 'qwen2.5-vl-vllm',
    ...) or None for the configured default (local perception when nothing is configured); any other
    `Settings` field may be given as a keyword (base_url=, api_key=, max_pixels=, ...)."""

    def __init__(
        self,
        model: str | None = None,
        *,
        settings: Settings | None = None,
        model_client: Any = _UNSET,
        progress: Progress | None = None,
        max_parallel: int = 2,
        **overrides: Any,
    ) -> None:
        self.settings = settings or load_settings(model=model, **overrides)
        self._client = model_client
        self._progress = progress
        self._lock = threading.Lock()
        self._max_parallel = max_parallel
        self._limiter: Any = None
        self.aio = _Async(self)

    @property
    def model_client(self) -> Any:
        """The vision-model client (None = local perception only), built on first use."""
        with self._lock:
            if self._client is _UNSET:
                from .models import from_settings

                self._client = from_settings(self.settings)
        return self._client

    def context(self, progress: Progress | None = None) -> Context:
        return Context(settings=self.settings, model=self.model_client, progress=progress or self._progress or _quiet)

    @staticmethod
    def skills() -> list[str]:
        """The names of the methods this object has, one per skill."""
        from .skills.registry import skills

        return [s.name for s in skills()]

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Run skill `name`; the same as `getattr(self, name)(*args, **kwargs)`."""
        from .skills.registry import get

        skill = get(name)
        return skill.invoke(skill.bind(args, kwargs), self.context())

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        from .skills.registry import skills

        for skill in skills():
            if skill.name == name:

                def method(*args: Any, **kwargs: Any) -> Any:
                    return self.call(name, *args, **kwargs)

                method.__name__ = method.__qualname__ = name
                method.__doc__ = skill.fn.__doc__
                return method
        raise AttributeError(f"Seer has no skill {name!r}; it has: {', '.join(self.skills())}")

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self.skills()))

    def __repr__(self) -> str:
        return f"Seer(model={self.settings.model!r})"


def _quiet(done: float, total: float | None = None, message: str | None = None) -> None:
    return None


class _Async:
    """`seer.aio.<skill>(...)`: the same methods as coroutines, run in worker threads."""

    def __init__(self, owner: Seer) -> None:
        self._owner = owner

    async def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        import anyio

        from .skills.registry import get, in_worker

        owner = self._owner
        skill = get(name)
        inp = skill.bind(args, kwargs)
        if owner._limiter is None:
            owner._limiter = anyio.CapacityLimiter(owner._max_parallel)
        return await in_worker(
            lambda progress: skill.invoke(inp, owner.context(progress)), owner._limiter, owner._progress
        )

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        getattr(self._owner, name)  # AttributeError with the list of skills when unknown

        async def method(*args: Any, **kwargs: Any) -> Any:
            return await self.call(name, *args, **kwargs)

        method.__name__ = method.__qualname__ = name
        return method

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._owner.skills()))
