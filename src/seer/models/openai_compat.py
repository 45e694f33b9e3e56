"""OpenAI Chat Completions wire format: OpenAI, Zhipu GLM, DashScope Qwen, vLLM, Ollama, LM Studio, OpenRouter.

Images go as `image_url` data URIs; JSON answers via `response_format` where the profile says the
server supports it (plus the schema in the prompt and a tolerant extractor where it does not).
"""

from __future__ import annotations

import base64
from typing import Any

from ..errors import ModelError
from ._client import HttpModel, Reply, as_int, schema_instruction
from .base import ImagePart, Prompted, TextPart


class OpenAICompatModel(HttpModel):
    provider = "openai"

    def _wire(self, prompted: Prompted) -> tuple[str, dict[str, str], dict[str, Any]]:
        req = prompted.request
        images = iter(prompted.images)
        messages: list[dict[str, Any]] = []
        for m in req.messages:
            if m.role != "user" and all(isinstance(p, TextPart) for p in m.parts):
                messages.append({"role": m.role, "content": "\n\n".join(p.text for p in m.parts)})  # type: ignore[union-attr]
                continue
            content: list[dict[str, Any]] = []
            for p in m.parts:
                if isinstance(p, ImagePart):
                    img = next(images)
                    url: dict[str, Any] = {"url": f"data:{img.mime};base64,{base64.b64encode(img.data).decode()}"}
                    if self.profile.image_detail:
                        url["detail"] = self.profile.image_detail
                    content.append({"type": "image_url", "image_url": url})
                else:
                    content.append({"type": "text", "text": p.text})
            messages.append({"role": m.role, "content": content})
        body: dict[str, Any] = {"model": self.name, "messages": messages, "max_tokens": prompted.max_tokens}
        if req.temperature is not None:
            body["temperature"] = req.temperature
        if req.json_schema is not None:
            mode = self.profile.json_mode
            if mode == "schema":
                body["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {"name": "answer", "schema": req.json_schema, "strict": False},
                }
            else:
                if mode == "object":
                    body["response_format"] = {"type": "json_object"}
                _append_text(messages, schema_instruction(req.json_schema))
        if req.thinking is not None:
            style = self.profile.thinking
            if style == "glm":
                body["thinking"] = {"type": "enabled" if req.thinking else "disabled"}
            elif style == "dashscope":
                body["enable_thinking"] = req.thinking
            elif style == "vllm":
                body["chat_template_kwargs"] = {"enable_thinking": req.thinking}
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        return "/chat/completions", headers, body

    def _read(self, data: dict[str, Any]) -> Reply:
        if "error" in data and not data.get("choices"):
            err = data["error"]
            raise ModelError(f"{self.base_url} returned an error: {err.get('message', err) if isinstance(err, dict) else err}")
        choices = data.get("choices")
        if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
            raise ModelError(f"{self.base_url} answered without choices; is it an OpenAI-compatible chat endpoint?")
        msg = choices[0].get("message") or {}
        content = msg.get("content")
        if isinstance(content, list):  # some servers return content parts
            content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
        if not isinstance(content, str):
            content = ""
        reasoning = msg.get("reasoning_content") or msg.get("reasoning")
        usage = data.get("usage")
        usage = usage if isinstance(usage, dict) else {}
        return Reply(
            content,
            reasoning if isinstance(reasoning, str) else None,
            as_int(usage.get("prompt_tokens")),
            as_int(usage.get("completion_tokens")),
            choices[0].get("finish_reason"),
        )


def _append_text(messages: list[dict[str, Any]], text: str) -> None:
    last = messages[-1]
    if isinstance(last["content"], list):
        last["content"].append({"type": "text", "text": text})
    else:
        last["content"] += "\n\n" + text
