"""Anthropic Messages wire format: base64 image blocks, a top-level system prompt, extended thinking."""

from __future__ import annotations

import base64
from typing import Any

from ..errors import ModelError
from ._client import HttpModel, Reply, as_int, schema_instruction
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
                    content.append({
                        "type": "image",
                        "source": {"type": "base64", "media_type": img.mime, "data": base64.b64encode(img.data).decode()},
                    })
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
        if data.get("type") == "error":
            err = data.get("error") or {}
            raise ModelError(f"{self.base_url} returned an error: {err.get('message', err) if isinstance(err, dict) else err}")
        blocks = data.get("content")
        if not isinstance(blocks, list):
            raise ModelError(f"{self.base_url} answered without content blocks; is it the Anthropic Messages API?")
        text = "".join(b.get("text", "") for b in blocks if isinstance(b, dict) and b.get("type") == "text")
        thinking = "".join(b.get("thinking", "") for b in blocks if isinstance(b, dict) and b.get("type") == "thinking")
        usage = data.get("usage")
        usage = usage if isinstance(usage, dict) else {}
        return Reply(text, thinking or None, as_int(usage.get("input_tokens")), as_int(usage.get("output_tokens")),
                     data.get("stop_reason"))
