"""`seer serve --http` against clients that misbehave on purpose: rebinding Host headers on any loopback
address, slow or idle sockets, more sockets than it should hold, a port already taken, and the token's
scheme in lower case. Every server here is a real subprocess on loopback; every loop is bounded."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest

from tests.harness.conftest import ROOT, free_port, server_env, stop


def _start(host: str, port: int, *extra: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "seer.cli", "serve", "--http", f"{host}:{port}", *extra],
        cwd=ROOT,
        env=env or server_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode()[-2000:])
        if _get(host, port, "/health").startswith("HTTP/1.1 200"):
            return proc
        time.sleep(0.2)
    stop(proc)
    raise RuntimeError("no /health within 60 s")


def _get(host: str, port: int, path: str, headers: dict[str, str] | None = None, body: bytes = b"") -> str:
    head = {"Host": f"{host}:{port}", "Connection": "close", **(headers or {})}
    if body:
        head["Content-Length"] = str(len(body))
    raw = (
        f"{'POST' if body else 'GET'} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in head.items()) + "\r\n"
    )
    try:
        with socket.create_connection((host, port), timeout=5) as s:
            s.sendall(raw.encode() + body)
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode("latin-1")
    except OSError:
        return ""


INIT = (
    b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",'
    b'"capabilities":{},"clientInfo":{"name":"t","version":"1"}}}'
)
MCP_HEADERS = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}


@pytest.mark.parametrize("host", ["127.0.0.2", "127.0.0.1"])
def test_every_loopback_bind_refuses_a_rebinding_host(host):
    port = free_port()
    proc = _start(host, port)
    try:
        evil = _get(host, port, "/mcp", {**MCP_HEADERS, "Host": "evil.example"}, INIT)
        assert evil.split(" ", 2)[1] in ("421", "403", "400"), evil[:200]
        origin = _get(host, port, "/mcp", {**MCP_HEADERS, "Origin": "http://evil.example"}, INIT)
        assert origin.split(" ", 2)[1] in ("403", "400"), origin[:200]
        fine = _get(host, port, "/mcp", MCP_HEADERS, INIT)
        assert fine.startswith("HTTP/1.1 200"), fine[:300]
    finally:
        stop(proc)


def test_bearer_scheme_is_case_insensitive_and_the_token_can_come_from_a_file(tmp_path):
    port = free_port()
    secret = tmp_path / "token"
    secret.write_text("s3cret-token\n")
    proc = _start("127.0.0.1", port, "--token-file", str(secret))
    try:
        for scheme in ("Bearer", "bearer", "BEARER"):
            ok = _get("127.0.0.1", port, "/mcp", {**MCP_HEADERS, "Authorization": f"{scheme} s3cret-token"}, INIT)
            assert ok.startswith("HTTP/1.1 200"), (scheme, ok[:200])
        for wrong in ("Bearer s3cret-tokeN", "Basic s3cret-token", "s3cret-token", ""):
            refused = _get("127.0.0.1", port, "/mcp", {**MCP_HEADERS, "Authorization": wrong}, INIT)
            assert refused.startswith("HTTP/1.1 401"), (wrong, refused[:200])
    finally:
        stop(proc)
    assert "s3cret" not in " ".join(proc.args)


def test_a_taken_port_is_reported_before_any_serving_banner():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "seer.cli", "serve", "--http", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=server_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert "cannot serve on 127.0.0.1" in done.stderr and "streamable HTTP at" not in done.stderr
    assert "Traceback" not in done.stderr


def test_slow_and_surplus_connections_are_closed_and_the_server_keeps_serving():
    port = free_port()
    proc = _start("127.0.0.1", port, env=server_env(SEER_HTTP_HEADER_TIMEOUT="1.5", SEER_HTTP_MAX_CONNECTIONS="8"))
    held: list[socket.socket] = []
    try:
        for _ in range(40):  # slowloris: half a request line each, never finished
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            held.append(s)
        time.sleep(3.5)
        closed = 0
        for s in held:
            s.settimeout(2)
            try:
                closed += s.recv(1) == b""
            except (ConnectionResetError, socket.timeout):
                closed += 1
        assert closed == len(held), f"{len(held) - closed} slow connections are still open"
        assert proc.poll() is None
        assert _get("127.0.0.1", port, "/health").startswith("HTTP/1.1 200")
    finally:
        for s in held:
            s.close()
        stop(proc)
