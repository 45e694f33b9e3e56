"""Vision-language model clients behind one protocol; None means the local perception backend.

model = from_settings(settings)          # VisionModel | None
describe(settings) -> dict               # resolved model, key redacted (for `seer doctor`)
await ping(settings) -> dict             # one tiny request: ok, latency, reply
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import NotConfigured, SeerError
from ._wire import Lenient, OrNone
from .base import ImagePart, Message, Request, Response, TextPart, Usage, VisionModel
from .coords import Frame, Located
from .presets import PRESETS, Resolved, resolve

if TYPE_CHECKING:  # the HTTP clients load with the first configured model, not with every skill
    from .._http import Policy

__all__ = [
    "VisionModel",
    "Request",
    "Response",
    "Message",
    "TextPart",
    "ImagePart",
    "Usage",
    "Frame",
    "Located",
    "Lenient",
    "OrNone",
    "from_settings",
    "api_key",
    "describe",
    "ping",
    "PRESETS",
    "CONFIGURE_HINT",
]

CONFIGURE_HINT = (
    "configure a vision model: set SEER_MODEL to a preset (glm-4.5v, glm-5v-turbo, qwen2.5-vl, qwen3-vl, gpt-4.1, "
    "claude, ollama, lmstudio, qwen2.5-vl-vllm, openrouter:<model>) and its key (SEER_API_KEY or the vendor's "
    "variable, e.g. ZAI_API_KEY), or set model in ~/.config/seer/config.toml; see docs/models.md"
)


def _provider(name: str) -> type | None:
    from .anthropic import AnthropicModel
    from .openai_compat import OpenAICompatModel

    return {"openai": OpenAICompatModel, "anthropic": AnthropicModel}.get(name)


def _resolved(settings: Settings) -> Resolved | None:
    return resolve(settings.model, settings.base_url, settings.provider)


def api_key(settings: Settings, resolved: Resolved | None = None) -> str | None:
    """The key for the configured endpoint: a flag or SEER_API_KEY, else the vendor's usual variable
    (OPENAI_API_KEY, ...) but only for the vendor's own host, else the config file's key."""
    given = settings.api_key.get_secret_value() if settings.api_key else None
    if given and not settings._key_from_file:
        return given
    r = resolved or (_resolved(settings) if settings.model or settings.base_url else None)
    vendor = next((os.environ[v] for v in (r.key_vars if r else ()) if os.environ.get(v)), None)
    return vendor or given


def _policy(s: Settings) -> Policy:
    from .._http import Policy

    return Policy(
        timeout=s.model_timeout,
        connect_timeout=s.model_connect_timeout,
        retries=s.model_retries,
        concurrency=s.model_concurrency,
    )


def from_settings(settings: Settings, **policy: Any) -> VisionModel | None:
    """The configured model client, or None for the local backend. `policy` overrides Policy fields (tests)."""
    r = _resolved(settings)
    if r is None:
        return None
    cls = _provider(r.provider)
    if cls is None:
        raise NotConfigured(f"unknown provider {r.provider!r}; use 'openai', 'anthropic' or 'local'")
    key = api_key(settings, r)
    pol = _policy(settings)
    if policy:
        pol = type(pol)(**{**pol.__dict__, **policy})
    return cls(r, api_key=key, policy=pol, max_tokens=settings.model_max_tokens, cache_dir=settings.model_cache_dir)


def redact(key: str | None) -> str:
    if not key:
        return "not set"
    return f"set ({key[:3]}…{key[-2:]}, {len(key)} chars)" if len(key) >= 12 else f"set ({len(key)} chars)"


def describe(settings: Settings) -> dict[str, Any]:
    """What the settings resolve to, for humans and `seer doctor`: never the key itself."""
    try:
        r = _resolved(settings)
    except NotConfigured as exc:
        return {"backend": "error", "error": str(exc)}
    if r is None:
        return {
            "backend": "local",
            "model": None,
            "note": "local perception only; skills that need a model say so. " + CONFIGURE_HINT,
        }
    key = api_key(settings, r)
    rule = r.profile.rule
    return {
        "backend": "model",
        "provider": r.provider,
        "preset": r.preset,
        "model": r.model,
        "base_url": r.base_url,
        "api_key": redact(key),
        "key_variables": ["SEER_API_KEY", *r.key_vars],
        "family": r.profile.family,
        "coordinates": r.profile.convention,
        "image_rule": rule.name,
        "image_tokens_1920x1080": rule.tokens(1920, 1080),
        "timeout_s": settings.model_timeout,
        "retries": settings.model_retries,
        "concurrency": settings.model_concurrency,
        "cache_dir": settings.model_cache_dir,
    }


async def ping(settings: Settings, model: VisionModel | None = None) -> dict[str, Any]:
    """Send one tiny text request; returns {ok, model, latency_ms, reply} or {ok: False, error}."""
    t0 = time.perf_counter()
    try:
        m = model or from_settings(settings)
        if m is None:
            return {"ok": True, "model": None, "note": "local backend: nothing to ping"}
        resp = await m.acomplete(Request.ask("Reply with the single word OK.", max_tokens=8, cache=False))
    except SeerError as exc:
        return {"ok": False, "error": str(exc), "latency_ms": round((time.perf_counter() - t0) * 1000, 1)}
    return {
        "ok": True,
        "model": resp.model,
        "latency_ms": round(resp.latency_s * 1000, 1),
        "reply": resp.text[:80],
        "input_tokens": resp.usage.input_tokens,
    }
