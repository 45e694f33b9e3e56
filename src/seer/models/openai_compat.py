"""OpenAI Chat Completions wire format: OpenAI, Zhipu GLM, DashScope Qwen, vLLM, Ollama, LM Studio, OpenRouter.

Images go as `image_url` data URIs; JSON answers via `response_format` where the profile says the
server supports it (plus the schema in the prompt and a tolerant extractor where it does not).
"""

from __future__ import annotations

import base64
from typing import Any

from pydantic import StrictInt

from ..errors import ModelError
from ._client import HttpModel, Reply, schema_instruction
from ._wire import Lenient, OrNone, error_text
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
        answer = _Answer.model_validate(data)
        if answer.error is not None and not answer.choices:
            raise ModelError(f"{self.base_url} returned an error: {error_text(answer.error)}")
        first = answer.choices[0] if answer.choices else None
        if first is None:
            raise ModelError(f"{self.base_url} answered without choices; is it an OpenAI-compatible chat endpoint?")
        msg = first.message or _Message()
        content = msg.content if isinstance(msg.content, str) else "".join(p.text or "" for p in msg.content or [] if p)
        usage = answer.usage or _Usage()
        return Reply(
            content,
            msg.reasoning_content or msg.reasoning,
            usage.prompt_tokens,
            usage.completion_tokens,
            first.finish_reason,
        )


class _Part(Lenient):
    text: OrNone[str] = None


class _Message(Lenient):
    content: OrNone[str | list[OrNone[_Part]]] = None  # some servers return content parts
    reasoning_content: OrNone[str] = None
    reasoning: OrNone[str] = None


class _Choice(Lenient):
    message: OrNone[_Message] = None
    finish_reason: OrNone[str] = None


class _Usage(Lenient):
    prompt_tokens: OrNone[StrictInt] = None
    completion_tokens: OrNone[StrictInt] = None


class _Answer(Lenient):
    choices: OrNone[list[OrNone[_Choice]]] = None
    usage: OrNone[_Usage] = None
    error: Any = None


def _append_text(messages: list[dict[str, Any]], text: str) -> None:
    last = messages[-1]
    if isinstance(last["content"], list):
        last["content"].append({"type": "text", "text": text})
    else:
        last["content"] += "\n\n" + text
