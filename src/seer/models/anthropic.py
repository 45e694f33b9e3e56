"""Anthropic Messages wire format: base64 image blocks, a top-level system prompt, extended thinking."""

from __future__ import annotations

import base64
from typing import Any

from pydantic import StrictInt

from ..errors import ModelError
from ._client import HttpModel, Reply, schema_instruction
from ._wire import Lenient, OrNone, error_text
from .base import ImagePart, Prompted

API_VERSION = "2023-06-01"


class AnthropicModel(HttpModel):
    provider = "anthropic"

    def _wire(self, prompted: Prompted) -> tuple[str, dict[str, str], dict[str, Any]]:
        req = prompted.request
        images = iter(prompted.images)
        system: list[str] = []
        messages: list[dict[str, Any]] = []
        for m in req.messages:
            if m.role == "system":
                system.extend(p.text for p in m.parts if not isinstance(p, ImagePart))
                continue
            content: list[dict[str, Any]] = []
            for p in m.parts:
                if isinstance(p, ImagePart):
                    img = next(images)
                    content.append(
                        {
                            "type": "image",
                            "source": {
                                "type": "base64",
                                "media_type": img.mime,
                                "data": base64.b64encode(img.data).decode(),
                            },
                        }
                    )
                else:
                    content.append({"type": "text", "text": p.text})
            messages.append({"role": m.role, "content": content})
        if req.json_schema is not None and messages:
            messages[-1]["content"].append({"type": "text", "text": schema_instruction(req.json_schema)})
        body: dict[str, Any] = {"model": self.name, "max_tokens": prompted.max_tokens, "messages": messages}
        if system:
            body["system"] = "\n\n".join(system)
        if req.thinking:
            budget = max(1024, prompted.max_tokens // 2)
            body["thinking"] = {"type": "enabled", "budget_tokens": budget}
            body["max_tokens"] = max(prompted.max_tokens, budget + 1024)
        elif req.temperature is not None:  # thinking requires the default temperature
            body["temperature"] = req.temperature
        headers = {"Content-Type": "application/json", "Accept": "application/json", "anthropic-version": API_VERSION}
        if self._key:
            headers["x-api-key"] = self._key
        path = "/messages" if self.base_url.endswith("/v1") else "/v1/messages"
        return path, headers, body

    def _read(self, data: dict[str, Any]) -> Reply:
        answer = _Answer.model_validate(data)
        if answer.type == "error":
            raise ModelError(f"{self.base_url} returned an error: {error_text(answer.error or {})}")
        if answer.content is None:
            raise ModelError(f"{self.base_url} answered without content blocks; is it the Anthropic Messages API?")
        blocks = [b for b in answer.content if b]
        text = "".join(b.text or "" for b in blocks if b.type == "text")
        thinking = "".join(b.thinking or "" for b in blocks if b.type == "thinking")
        usage = answer.usage or _Usage()
        return Reply(text, thinking or None, usage.input_tokens, usage.output_tokens, answer.stop_reason)


class _Block(Lenient):
    type: OrNone[str] = None
    text: OrNone[str] = None
    thinking: OrNone[str] = None


class _Usage(Lenient):
    input_tokens: OrNone[StrictInt] = None
    output_tokens: OrNone[StrictInt] = None


class _Answer(Lenient):
    type: OrNone[str] = None
    error: Any = None
    content: OrNone[list[OrNone[_Block]]] = None
    usage: OrNone[_Usage] = None
    stop_reason: OrNone[str] = None
