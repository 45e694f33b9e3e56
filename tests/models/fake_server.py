"""A real local HTTP server speaking the OpenAI and Anthropic wire formats, strictly, for the model tests.

It validates every request (headers, roles, image parts, base64, image bytes vs declared type, schema
fields), records what it received, and answers from a script: canned text, errors with Retry-After,
slow replies, malformed bodies, or a box it finds itself in the image it was sent ("find_red").
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import uvicorn
from PIL import Image
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

KEY = "sk-test-0123456789abcdefSECRET"
OPENAI_KEYS = {
    "model",
    "messages",
    "max_tokens",
    "temperature",
    "response_format",
    "thinking",
    "enable_thinking",
    "chat_template_kwargs",
}
ANTHROPIC_KEYS = {"model", "max_tokens", "messages", "system", "temperature", "thinking"}
MIMES = {"image/png": "PNG", "image/jpeg": "JPEG"}


@dataclass
class Step:
    """One scripted reply."""

    text: str = "OK"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None  # raw body instead of a well-formed reply
    delay: float = 0.0
    find_red: str | None = None  # answer the red box's position in this convention/style
    reasoning: str | None = None
    think: int = 0  # tokens this model thinks before answering when thinking is on; they count against max_tokens
    thinks_by_default: bool = True  # on when the request has no thinking switch (GLM's default)


class Invalid(Exception):
    pass


@dataclass
class Seen:
    wire: str
    headers: dict[str, str]
    body: dict[str, Any]
    images: list[Image.Image]
    mimes: list[str]


class FakeModel:
    def __init__(self) -> None:
        self.script: deque[Step] = deque()
        self.seen: list[Seen] = []
        self.violations: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.times: list[float] = []
        self.spans: list[tuple[float, float]] = []
        self.reset_at = 0.0
        self.oracle: Any = None  # Seen -> answer text, used once the script is empty
        self.default = Step()  # the step used once the script is empty (its text replaced by the oracle's)
        self.app = Starlette(
            routes=[
                Route("/v1/chat/completions", self.openai, methods=["POST"]),
                Route("/v1/messages", self.anthropic, methods=["POST"]),
            ]
        )

    def reset(self) -> None:
        self.script.clear()
        self.seen.clear()
        self.violations.clear()
        self.times.clear()
        self.spans.clear()
        self.oracle = None
        self.default = Step()
        self.reset_at = time.perf_counter()

    def max_overlap(self) -> int:
        """Most requests of this test in flight at once (earlier tests' stragglers excluded)."""
        events = sorted(
            [(a, 1) for a, b in self.spans if a >= self.reset_at]
            + [(b, -1) for a, b in self.spans if a >= self.reset_at]
        )
        cur = best = 0
        for _, d in events:
            cur += d
            best = max(best, cur)
        return best

    def push(self, *steps: Step) -> None:
        self.script.extend(steps)

    # -- endpoints ----------------------------------------------------------------------------------
    async def openai(self, request: Request) -> Response:
        return await self._serve(request, "openai")

    async def anthropic(self, request: Request) -> Response:
        return await self._serve(request, "anthropic")

    async def _serve(self, request: Request, wire: str) -> Response:
        start = time.perf_counter()
        self.times.append(start)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            scripted = bool(self.script)
            step = self.script.popleft() if scripted else self.default
            raw = await request.body()
            try:
                seen = (self._check_openai if wire == "openai" else self._check_anthropic)(request, raw)
            except PermissionError as exc:
                return JSONResponse({"error": {"message": str(exc), "type": "invalid_request_error"}}, status_code=401)
            except Invalid as exc:
                self.violations.append(str(exc))
                return JSONResponse({"error": {"message": f"validation: {exc}"}}, status_code=422)
            self.seen.append(seen)
            if step.delay:
                await asyncio.sleep(step.delay)
            if step.body is not None:
                return Response(step.body, status_code=step.status, headers=step.headers, media_type="application/json")
            if step.status >= 400:
                return JSONResponse(
                    {"error": {"message": step.text, "type": "error"}}, status_code=step.status, headers=step.headers
                )
            text = answer_red(seen.images[-1], step.find_red) if step.find_red else step.text
            if self.oracle is not None and not scripted:
                text = self.oracle(seen)
            return JSONResponse(self._reply(wire, text, step, seen))
        finally:
            self.in_flight -= 1
            self.spans.append((start, time.perf_counter()))

    def _reply(self, wire: str, text: str, step: Step, seen: Seen) -> dict[str, Any]:
        text, reasoning, cut = _spend(text, step, seen.body, wire)
        if wire == "openai":
            msg: dict[str, Any] = {"role": "assistant", "content": text}
            if reasoning:
                msg["reasoning_content"] = reasoning
            return {
                "id": "x",
                "object": "chat.completion",
                "model": seen.body["model"],
                "choices": [{"index": 0, "message": msg, "finish_reason": "length" if cut else "stop"}],
                "usage": {"prompt_tokens": 100 + 1000 * len(seen.images), "completion_tokens": 7, "total_tokens": 0},
            }
        blocks = [{"type": "text", "text": text}]
        if reasoning:
            blocks.insert(0, {"type": "thinking", "thinking": reasoning, "signature": "s"})
        return {
            "id": "m",
            "type": "message",
            "role": "assistant",
            "model": seen.body["model"],
            "content": blocks,
            "stop_reason": "max_tokens" if cut else "end_turn",
            "usage": {"input_tokens": 120, "output_tokens": 9},
        }

    # -- strict validation --------------------------------------------------------------------------
    def _json(self, request: Request, raw: bytes) -> dict[str, Any]:
        if request.headers.get("content-type", "").split(";")[0] != "application/json":
            raise Invalid("content-type is not application/json")
        try:
            body = json.loads(raw)
        except ValueError:
            raise Invalid("body is not JSON") from None
        if not isinstance(body, dict):
            raise Invalid("body is not an object")
        return body

    def _check_openai(self, request: Request, raw: bytes) -> Seen:
        auth = request.headers.get("authorization", "")
        if auth != f"Bearer {KEY}":
            raise PermissionError(
                f"Incorrect API key provided: {auth.removeprefix('Bearer ')}. You can find your key at ..."
            )
        body = self._json(request, raw)
        extra = set(body) - OPENAI_KEYS
        if extra:
            raise Invalid(f"unknown fields {sorted(extra)}")
        if not isinstance(body.get("model"), str) or not body["model"]:
            raise Invalid("model missing")
        mt = body.get("max_tokens")
        if not isinstance(mt, int) or mt <= 0:
            raise Invalid("max_tokens must be a positive int")
        rf = body.get("response_format")
        if rf is not None:
            if rf.get("type") == "json_schema":
                js = rf.get("json_schema") or {}
                if not isinstance(js.get("name"), str) or not isinstance(js.get("schema"), dict):
                    raise Invalid("response_format.json_schema needs name and schema")
            elif rf.get("type") != "json_object":
                raise Invalid(f"bad response_format type {rf.get('type')}")
        msgs = body.get("messages")
        if not isinstance(msgs, list) or not msgs:
            raise Invalid("messages must be a non-empty list")
        images, mimes = [], []
        for m in msgs:
            if m.get("role") not in ("system", "user", "assistant"):
                raise Invalid(f"bad role {m.get('role')}")
            content = m.get("content")
            if isinstance(content, str):
                continue
            if not isinstance(content, list) or not content:
                raise Invalid("content must be a string or a non-empty list")
            for part in content:
                if part.get("type") == "text":
                    if not isinstance(part.get("text"), str) or set(part) != {"type", "text"}:
                        raise Invalid("bad text part")
                elif part.get("type") == "image_url":
                    url = (part.get("image_url") or {}).get("url", "")
                    if set(part["image_url"]) - {"url", "detail"}:
                        raise Invalid("bad image_url keys")
                    head, _, data = url.partition(",")
                    if not head.startswith("data:") or not head.endswith(";base64"):
                        raise Invalid("image_url is not a base64 data URI")
                    mime = head[5:-7]
                    images.append(_decode(data, mime))
                    mimes.append(mime)
                else:
                    raise Invalid(f"unknown part type {part.get('type')}")
        return Seen("openai", dict(request.headers), body, images, mimes)

    def _check_anthropic(self, request: Request, raw: bytes) -> Seen:
        if request.headers.get("x-api-key") != KEY:
            raise PermissionError(f"invalid x-api-key {request.headers.get('x-api-key')}")
        if request.headers.get("anthropic-version") != "2023-06-01":
            raise Invalid("anthropic-version header missing")
        if "authorization" in request.headers:
            raise Invalid("Anthropic takes x-api-key, not Authorization")
        body = self._json(request, raw)
        extra = set(body) - ANTHROPIC_KEYS
        if extra:
            raise Invalid(f"unknown fields {sorted(extra)}")
        if not isinstance(body.get("max_tokens"), int):
            raise Invalid("max_tokens is required")
        if "system" in body and not isinstance(body["system"], str):
            raise Invalid("system must be a string")
        th = body.get("thinking")
        if th is not None:
            if th.get("type") != "enabled" or body["max_tokens"] <= th.get("budget_tokens", 0):
                raise Invalid("thinking needs budget_tokens < max_tokens")
            if "temperature" in body:
                raise Invalid("temperature may not be set with thinking")
        images, mimes = [], []
        for m in body.get("messages") or []:
            if m.get("role") not in ("user", "assistant"):
                raise Invalid(f"bad role {m.get('role')} (system goes top-level)")
            for block in m.get("content") or []:
                if block.get("type") == "text":
                    if not isinstance(block.get("text"), str):
                        raise Invalid("bad text block")
                elif block.get("type") == "image":
                    src = block.get("source") or {}
                    if src.get("type") != "base64" or src.get("media_type") not in MIMES:
                        raise Invalid("image source must be base64 with a png/jpeg media_type")
                    images.append(_decode(src.get("data", ""), src["media_type"]))
                    mimes.append(src["media_type"])
                else:
                    raise Invalid(f"unknown block type {block.get('type')}")
        if not body.get("messages"):
            raise Invalid("messages must be non-empty")
        return Seen("anthropic", dict(request.headers), body, images, mimes)


def thinking_on(body: dict[str, Any], wire: str, default: bool) -> bool:
    """Whether this request leaves thinking on, by each server's own switch."""
    if wire == "anthropic":
        return "thinking" in body
    if "thinking" in body:
        return body["thinking"].get("type") != "disabled"
    if "enable_thinking" in body:
        return bool(body["enable_thinking"])
    if "chat_template_kwargs" in body:
        return bool(body["chat_template_kwargs"].get("enable_thinking", default))
    return default


def _spend(text: str, step: Step, body: dict[str, Any], wire: str) -> tuple[str, str | None, bool]:
    """(answer, reasoning, cut) as a model that thinks `step.think` tokens, then answers ~4 chars a token,
    all within max_tokens (Anthropic's thinking has its own budget_tokens inside max_tokens)."""
    reasoning = step.reasoning
    budget = body["max_tokens"]
    if step.think and thinking_on(body, wire, step.thinks_by_default):
        limit = body["thinking"]["budget_tokens"] if wire == "anthropic" else budget
        used = min(step.think, limit)
        reasoning = (reasoning or "") + "Let me look at the image carefully. " * (used // 8 + 1)
        if used >= budget:
            return "", reasoning, True
        budget -= used
    if len(text) > 4 * budget:
        return text[: 4 * budget], reasoning, True
    return text, reasoning, False


def _decode(data: str, mime: str) -> Image.Image:
    try:
        raw = base64.b64decode(data, validate=True)
    except Exception:
        raise Invalid("image data is not valid base64") from None
    try:
        img = Image.open(io.BytesIO(raw))
        img.load()
    except Exception:
        raise Invalid("image data does not decode") from None
    if MIMES.get(mime) != img.format:
        raise Invalid(f"declared {mime} but the bytes are {img.format}")
    return img.convert("RGB")


def red_box(img: Image.Image) -> tuple[float, float, float, float]:
    """The red rectangle's extent in the received image, in continuous pixel edges."""
    a = np.asarray(img).astype(int)
    mask = (a[:, :, 0] > 150) & (a[:, :, 1] < 100) & (a[:, :, 2] < 100)
    ys, xs = np.nonzero(mask)
    return float(xs.min()), float(ys.min()), float(xs.max() + 1), float(ys.max() + 1)


def answer_red(img: Image.Image, how: str) -> str:
    """How a model of each convention would answer 'where is the red box' about the image it got."""
    from seer.models.coords import format_box

    x0, y0, x1, y1 = red_box(img)
    w, h = img.size
    conv, _, style = how.partition("/")
    if conv == "norm1000":
        vals = [x0 / w * 1000, y0 / h * 1000, x1 / w * 1000, y1 / h * 1000]
    elif conv == "fraction":
        vals = [x0 / w, y0 / h, x1 / w, y1 / h]
    else:
        vals = [x0, y0, x1, y1]
    return format_box(vals, conv, style or "text")  # type: ignore[arg-type]


class Running:
    def __init__(self, fake: FakeModel) -> None:
        sock = socket.socket(
            socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP
        )  # proto set, so asyncio turns on TCP_NODELAY
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self.fake = fake
        self.server = uvicorn.Server(uvicorn.Config(fake.app, log_level="warning", lifespan="off", access_log=False))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)
        self.thread.start()
        deadline = time.time() + 10
        while not self.server.started:
            if time.time() > deadline:
                raise RuntimeError("fake model server did not start")
            time.sleep(0.01)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(5)
