"""A model endpoint that hangs, drops, resets, trickles or answers garbage never holds a tool past its
timeout: each gives a ModelError in bounded time, through the client and through ask_image, and the
next call to a healthy endpoint succeeds. The endpoint is a real misbehaving TCP server on loopback."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PIL import Image as PILImage

from seer.config import Settings
from seer.context import Context
from seer.errors import ModelError
from seer.models import from_settings
from seer.models.base import Request
from seer.skills.vision.ask import ask_image
from seer.skills.vision.ask_schema import AskImageInput
from tests.faults.fault_server import FaultServer

TIMEOUT = 1.0
CONNECT = 0.5
RETRIES = 1
# the worst case: every attempt runs to the deadline, plus backoff between attempts (cap 0.5 * 2**n)
BOUND = (RETRIES + 1) * (TIMEOUT + CONNECT) + 2.0
MODES = ("hang", "drop", "reset", "garbage", "half", "trickle", "notjson", "badshape", "huge")


@pytest.fixture(scope="module")
def server():
    srv = FaultServer()
    srv.huge_mb = 20
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def model(server):
    s = Settings(
        model="qwen2.5-vl-vllm",
        base_url=server.url + "/v1",
        api_key="sk-fault-test-000",
        model_timeout=TIMEOUT,
        model_connect_timeout=CONNECT,
        model_retries=RETRIES,
    )
    return s, from_settings(s)


@pytest.fixture(scope="module")
def picture(tmp_path_factory):
    arr = np.full((60, 120, 3), 240, np.uint8)
    arr[20:40, 30:90] = (200, 20, 20)
    path = tmp_path_factory.mktemp("faults") / "pic.png"
    PILImage.fromarray(arr).save(path)
    return str(path)


@pytest.mark.parametrize("mode", MODES)
def test_endpoint_fault_is_a_bounded_model_error(server, model, mode):
    _, client = model
    server.mode = mode
    t0 = time.perf_counter()
    with pytest.raises(ModelError):
        client.complete(Request.ask("What is shown?"))
    assert time.perf_counter() - t0 < BOUND, f"{mode} took {time.perf_counter() - t0:.1f} s"
    server.mode = "ok"
    assert client.complete(Request.ask("again")).text == "OK"  # the next call succeeds


def test_trickling_server_is_cut_at_the_deadline(server, model):
    """One byte every 0.2 s never trips a per-read timeout; the whole-exchange deadline must."""
    _, client = model
    server.mode = "trickle"
    t0 = time.perf_counter()
    with pytest.raises(ModelError, match="no answer within"):
        client.complete(Request.ask("hi"))
    assert time.perf_counter() - t0 < TIMEOUT + CONNECT + 0.8


@pytest.mark.parametrize("mode", ["hang", "garbage"])
def test_ask_image_tool_fails_cleanly_and_recovers(server, model, picture, mode):
    settings, client = model
    ctx = Context(settings=settings, model=client)
    server.mode = mode
    t0 = time.perf_counter()
    with pytest.raises(ModelError):
        ask_image(AskImageInput(image=picture, question="What colour is the box?", ocr=False), ctx)
    assert time.perf_counter() - t0 < BOUND
    server.mode = "ok"
    out = ask_image(AskImageInput(image=picture, question="What colour is the box?", ocr=False), ctx)
    assert out.answer == "OK" and out.backend == "model"


def test_unreachable_endpoint_is_bounded(picture):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = Settings(
        model="qwen2.5-vl-vllm",
        base_url=f"http://127.0.0.1:{port}/v1",
        api_key="sk-x",
        model_timeout=TIMEOUT,
        model_connect_timeout=CONNECT,
        model_retries=RETRIES,
    )
    t0 = time.perf_counter()
    with pytest.raises(ModelError, match="cannot reach"):
        from_settings(settings).complete(Request.ask("hi"))
    assert time.perf_counter() - t0 < BOUND
