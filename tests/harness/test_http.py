"""`seer serve --http` as a real process: bearer-token auth on every request, /health, the SDK's
streamable-HTTP client end to end, progress and cancel over HTTP, and refusing a public bind."""

from __future__ import annotations

import anyio
import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

from seer.cli import main
from seer.errors import InputError
from seer.mcp.http_transport import parse_bind

from .conftest import PLANTED, free_port, start_http, stop
from .test_stdio import exercise_progress_and_cancel

TOKEN = "test-token-7c1f"
INIT = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "0"}},
}
HEADERS = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def token_server():
    port = free_port()
    proc = start_http(["-m", "seer.cli", "serve", "--http", f"127.0.0.1:{port}", "--token", TOKEN], port)
    yield f"http://127.0.0.1:{port}"
    stop(proc)


def _client(url: str, token: str | None) -> Client:
    headers = {"Authorization": f"Bearer {token}"} if token else None
    return Client(streamable_http_client(f"{url}/mcp", http_client=create_mcp_http_client(headers=headers)))


def test_every_request_without_the_token_is_refused(token_server):
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": TOKEN},
        {"Authorization": f"Basic {TOKEN}"},
    ):
        r = httpx2.post(f"{token_server}/mcp", json=INIT, headers={**HEADERS, **headers}, timeout=10)
        assert r.status_code == 401, headers
        assert r.headers["www-authenticate"].startswith("Bearer")
    assert httpx2.get(f"{token_server}/mcp", timeout=10).status_code == 401
    assert httpx2.delete(f"{token_server}/mcp", timeout=10).status_code == 401
    health = httpx2.get(f"{token_server}/health", timeout=10)
    assert health.status_code == 200 and health.json()["status"] == "ok"


def test_with_the_token_the_sdk_client_works(token_server, small_screen):
    r = httpx2.post(
        f"{token_server}/mcp", json=INIT, headers={**HEADERS, "Authorization": f"Bearer {TOKEN}"}, timeout=10
    )
    assert r.status_code == 200

    async def main():
        with anyio.fail_after(60):
            async with _client(token_server, TOKEN) as client:
                names = {t.name for t in (await client.list_tools()).tools}
                assert "read_screenshot" in names
                result = await client.call_tool(
                    "read_screenshot", {"image": str(small_screen), "region": [0, 0, 360, 50], "format": "json"}
                )
                assert not result.is_error
                assert [l["text"] for l in result.structured_content["lines"]] == [PLANTED[0]]

    anyio.run(main)


def test_sdk_client_without_token_fails(token_server):
    async def main():
        with anyio.fail_after(30):
            async with _client(token_server, None) as client:
                await client.list_tools()

    with pytest.raises(BaseException) as info:
        anyio.run(main)
    assert "Server returned an error response" in repr(info.value)  # the SDK's wording for the 401


def test_progress_and_cancel_over_http(tmp_path):
    port = free_port()
    proc = start_http(["-m", "tests.harness.slow_server", f"127.0.0.1:{port}"], port)
    try:

        async def main():
            with anyio.fail_after(60):
                async with _client(f"http://127.0.0.1:{port}", None) as client:
                    await exercise_progress_and_cancel(client, tmp_path / "step.txt")

        anyio.run(main)
    finally:
        stop(proc)


def test_public_bind_without_token_refuses_to_start(capsys, monkeypatch):
    monkeypatch.delenv("SEER_TOKEN", raising=False)
    assert main(["serve", "--http", f"0.0.0.0:{free_port()}"]) == 2  # returns before building or binding anything
    err = capsys.readouterr().err
    assert "refusing to serve on 0.0.0.0" in err and "--token" in err


@pytest.mark.parametrize(
    "value, token, expected",
    [
        ("127.0.0.1:8765", None, ("127.0.0.1", 8765)),
        ("[::1]:9000", None, ("::1", 9000)),
        ("localhost:1", None, ("localhost", 1)),
        ("8765", None, ("127.0.0.1", 8765)),
        ("0.0.0.0:8765", "t", ("0.0.0.0", 8765)),
        ("192.168.1.5:80", "t", ("192.168.1.5", 80)),
    ],
)
def test_parse_bind(value, token, expected):
    assert parse_bind(value, token) == expected


@pytest.mark.parametrize(
    "value", ["0.0.0.0:8765", "[::]:8765", "10.0.0.2:1", "example.com:80", "127.0.0.1:http", "1.2.3.4:99999"]
)
def test_parse_bind_refuses(value):
    with pytest.raises(InputError):
        parse_bind(value, None)
