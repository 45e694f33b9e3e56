"""The MCP host's own model as the vision backend through sampling/createMessage (issue 13 item 6):
only when allowed (off by default) and offered by the client; tested through the SDK's in-memory
client, whose sampling callback plays a host model that reads the image it was sent."""

from __future__ import annotations

import base64
import io

import anyio
import mcp_types as types
from mcp import Client
from PIL import Image

from seer.config import Settings
from seer.mcp.server import build_server
from tests.models.conftest import red_image
from tests.models.fake_server import red_box

TRUTH = (612, 333, 700, 371)


def _shot(tmp_path) -> str:
    path = tmp_path / "shot.png"
    red_image(1920, 1080, TRUTH).pil().save(path)
    return str(path)


class Host:
    """A host model: answers the red box in pixels of the image it was sent, as Claude or GPT would."""

    def __init__(self, refuse: bool = False) -> None:
        self.calls: list[types.CreateMessageRequestParams] = []
        self.refuse = refuse

    async def __call__(self, context, params: types.CreateMessageRequestParams):
        self.calls.append(params)
        if self.refuse:
            return types.ErrorData(code=types.INVALID_REQUEST, message="the user declined")
        blocks = params.messages[-1].content_as_list
        image = next(b for b in blocks if isinstance(b, types.ImageContent))
        sent = Image.open(io.BytesIO(base64.b64decode(image.data))).convert("RGB")
        x0, y0, x1, y1 = (round(v) for v in red_box(sent))
        return types.CreateMessageResult(
            role="assistant",
            content=types.TextContent(text=f"It is at [{x0}, {y0}, {x1}, {y1}]."),
            model="host-vlm",
            stop_reason="endTurn",
        )


def _ask(
    settings: Settings, host: Host | None, path: str, question: str = "Where is the red box?", mode: str = "legacy"
):
    """One ask_image call; `legacy` is the initialize handshake hosts speak today (2026-07-28 connections
    carry no server-initiated requests, so no sampling)."""

    async def main():
        kw = {"sampling_callback": host} if host else {}
        async with Client(build_server(settings), mode=mode, **kw) as client:
            return await client.call_tool("ask_image", {"image": path, "question": question, "ocr": False})

    return anyio.run(main)


def test_the_host_model_answers_when_allowed(tmp_path):
    host = Host()
    r = _ask(Settings(allow_sampling=True, allowed_roots=[str(tmp_path)]), host, _shot(tmp_path))
    assert not r.is_error, r.content
    out = r.structured_content
    assert out["backend"] == "model" and out["model"] == "host-vlm (MCP host)"
    assert all(abs(a - b) <= 1 for a, b in zip(out["locations"][0]["box"], TRUTH)), out["locations"]
    (params,) = host.calls
    assert params.system_prompt and "untrusted" in params.system_prompt
    sent = params.messages[-1].content_as_list
    image = next(b for b in sent if isinstance(b, types.ImageContent))
    assert Image.open(io.BytesIO(base64.b64decode(image.data))).size == (1568, 882)  # fitted, as the frame says
    assert any(isinstance(b, types.TextContent) and "1568x882" in b.text for b in sent)  # asked in pixels of that image


def test_sampling_is_off_by_default(tmp_path):
    host = Host()
    r = _ask(Settings(allowed_roots=[str(tmp_path)]), host, _shot(tmp_path), "Is this a dog?")
    assert r.is_error and "NotConfigured" in r.content[0].text and not host.calls


def test_a_client_without_sampling_gets_the_local_backend(tmp_path):
    r = _ask(Settings(allow_sampling=True, allowed_roots=[str(tmp_path)]), None, _shot(tmp_path), "Is this a dog?")
    assert r.is_error and "NotConfigured" in r.content[0].text


def test_a_connection_that_cannot_carry_sampling_gets_the_local_backend(tmp_path):
    host = Host()
    r = _ask(
        Settings(allow_sampling=True, allowed_roots=[str(tmp_path)]),
        host,
        _shot(tmp_path),
        "Is this a dog?",
        mode="auto",
    )
    assert r.is_error and "NotConfigured" in r.content[0].text and not host.calls


def test_a_refusal_is_a_model_error(tmp_path):
    host = Host(refuse=True)
    r = _ask(Settings(allow_sampling=True, allowed_roots=[str(tmp_path)]), host, _shot(tmp_path))
    assert r.is_error and "ModelError" in r.content[0].text and "declined" in r.content[0].text
