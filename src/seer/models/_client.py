"""What every HTTP provider shares: image preparation, the cache, the request flow and the sync wrapper.

A provider subclasses `HttpModel` and writes only `_wire()` (request -> path, headers, JSON body) and
`_read()` (reply JSON -> text, reasoning, usage): the translation to and from its wire format.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .._http import Policy, endpoint, run_async, run_sync
from ..errors import ModelError
from . import images as _images
from ._json import extract_json
from .base import ImagePart, Profiled, Prompted, Request, Response, Usage
from .cache import ResponseCache, request_key
from .coords import Frame
from .presets import Profile, Resolved

_THINK = re.compile(r"<think>(.*?)</think>", re.S)
_GLM_MARKS = re.compile(r"<\|(?:begin|end)_of_box\|>")
SHORT_ANSWER = 256  # tokens: an answer this short is a number, a label or a box, never worth thinking for
THINK_BUDGET = 4096  # added to max_tokens when thinking is on, since thinking counts against the limit


@dataclass(frozen=True)
class Reply:
    """A provider's reply, translated: the answer text and what the server said about it."""

    text: str
    reasoning: str | None
    input_tokens: int | None
    output_tokens: int | None
    finish_reason: str | None


class HttpModel(Profiled, ABC):
    provider = "http"

    def __init__(
        self,
        resolved: Resolved,
        *,
        api_key: str | None = None,
        policy: Policy | None = None,
        max_tokens: int = 2048,
        cache_dir: str | Path | None = None,
    ) -> None:
        self.name = resolved.model
        self.base_url = resolved.base_url
        self.profile = resolved.profile
        self.preset = resolved.preset
        self.max_tokens = max_tokens
        self._key = api_key or None
        self._endpoint = endpoint(resolved.base_url, policy or Policy())
        self._cache = ResponseCache(cache_dir) if cache_dir else None

    def __repr__(self) -> str:  # never shows the key
        return f"<{type(self).__name__} {self.name} at {self.base_url}>"

    # -- the public API -------------------------------------------------------------------------
    async def acomplete(self, request: Request) -> Response:
        return await run_async(self._complete(request))

    def complete(self, request: Request) -> Response:
        return run_sync(self._complete(request))

    # -- the flow -------------------------------------------------------------------------------
    async def _complete(self, request: Request) -> Response:
        t0 = time.perf_counter()
        parts = request.image_parts()
        request, max_tokens = self._budgeted(request)
        key = None
        if self._cache is not None and request.cache:
            key = request_key(self.provider, self.base_url, self.name, request, max_tokens)
            hit = self._cache.get(key)
            if hit is not None:
                plans = [_images.plan(p.image, self.profile.rule, p.region, p.zoom) for p in parts]
                return self._response(
                    request,
                    Reply(**hit["reply"]),
                    [f for f, _ in plans],
                    sum(t for _, t in plans),
                    t0,
                    max_tokens,
                    cached=True,
                )
        if parts:
            # encoding is CPU work: keep it off the loop so other requests keep flowing
            prepared = await asyncio.get_running_loop().run_in_executor(None, self._prepare_all, parts)
        else:
            prepared = []
        path, headers, body = self._wire(Prompted(request, prepared, max_tokens))
        data = await self._endpoint.post_json(path, headers, json.dumps(body).encode(), secret=self._key)
        reply = self._read(data)
        response = self._response(
            request, reply, [p.frame for p in prepared], sum(p.tokens_est for p in prepared), t0, max_tokens
        )
        if key is not None and self._cache is not None:
            self._cache.put(key, {"reply": reply.__dict__})
        return response

    def _budgeted(self, request: Request) -> tuple[Request, int]:
        """Thinking off for short answers where the server has a switch (GLM thinks by default, and its
        thinking counts against max_tokens, so a 64-token answer can come back empty); when thinking
        is on, room for it on top of the answer (Anthropic's translator budgets its own)."""
        max_tokens = request.max_tokens or self.max_tokens
        thinking = request.thinking
        if thinking is None and max_tokens <= SHORT_ANSWER and self.profile.thinking != "none":
            thinking = False
        if thinking and self.profile.thinking != "anthropic":
            max_tokens += THINK_BUDGET
        return replace(request, thinking=thinking), max_tokens

    def _prepare_all(self, parts: list[ImagePart]) -> list[_images.Prepared]:
        return [_images.prepare(p.image, self.profile.rule, p.region, p.zoom) for p in parts]

    def _response(
        self,
        request: Request,
        reply: Reply,
        frames: list[Frame],
        tokens_est: int,
        t0: float,
        max_tokens: int,
        cached: bool = False,
    ) -> Response:
        return to_response(self.name, self.profile, request, reply, frames, tokens_est, t0, max_tokens, cached)

    # -- what a provider writes -----------------------------------------------------------------
    @abstractmethod
    def _wire(self, prompted: Prompted) -> tuple[str, dict[str, str], dict[str, Any]]:
        """The URL path, headers and JSON body of one request."""

    @abstractmethod
    def _read(self, data: dict[str, Any]) -> Reply:
        """The reply, from the provider's JSON answer."""


def to_response(
    name: str,
    profile: Profile,
    request: Request,
    reply: Reply,
    frames: list[Frame],
    tokens_est: int,
    t0: float,
    max_tokens: int,
    cached: bool = False,
) -> Response:
    """A translated reply as a `Response`: thinking split off, GLM box markers dropped, JSON parsed,
    and an answer that thinking or the limit left empty reported as such."""
    raw = reply.text
    reasoning = reply.reasoning
    thoughts = _THINK.findall(raw)
    if thoughts:
        reasoning = "\n".join([*([reasoning] if reasoning else []), *thoughts])
    text = _GLM_MARKS.sub("", _THINK.sub("", raw)).strip()
    if not text and reply.finish_reason in ("length", "max_tokens", "maxTokens"):
        spent = "thinking" if reasoning or thoughts else "before any answer"
        raise ModelError(
            f"{name} used all {max_tokens} answer tokens {spent} and gave no answer (finish_reason "
            f"{reply.finish_reason!r}); raise max_tokens (model_max_tokens), or turn thinking off"
        )
    parsed = typed = None
    if request.json_schema is not None:
        parsed = extract_json(text)
        if parsed is None:
            raise ModelError(
                f"{name} was asked for JSON but answered {text[:200]!r}; retry, or use a model that "
                "supports structured output"
            )
    if request.json_model is not None:
        try:
            typed = request.json_model.model_validate(parsed)
        except ValidationError as exc:
            raise ModelError(
                f"{name} answered JSON of another shape than asked ({exc.error_count()} problems, first: "
                f"{exc.errors()[0]['msg']}); retry, or use a model that supports structured output"
            ) from None
    return Response(
        text=text,
        raw=raw,
        json=parsed,
        parsed=typed,
        usage=Usage(reply.input_tokens, reply.output_tokens, tokens_est),
        latency_s=time.perf_counter() - t0,
        model=name,
        frames=tuple(frames),
        convention=profile.convention,
        reasoning=reasoning,
        finish_reason=reply.finish_reason,
        cached=cached,
    )


def schema_instruction(schema: dict[str, Any]) -> str:
    return "Answer with only a JSON value (no prose, no code fence) that matches this JSON schema:\n" + json.dumps(
        schema, ensure_ascii=False
    )
