"""Streamable HTTP for the MCP server: an optional bearer token on every request, loopback unless a
token is set, and an unauthenticated `/health` that reveals nothing but liveness and the version."""

from __future__ import annotations

import hmac
import ipaddress
import json
import os
from typing import Any

from mcp.server import MCPServer

from . import __version__
from .errors import InputError

OPEN_PATHS = frozenset({"/health"})
TOKEN_ENV = "SEER_TOKEN"


def token_from_env(explicit: str | None) -> str | None:
    """`--token` wins; else $SEER_TOKEN; an empty value means no token."""
    value = explicit if explicit is not None else os.environ.get(TOKEN_ENV)
    return value or None


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def parse_bind(value: str, token: str | None) -> tuple[str, int]:
    """'127.0.0.1:8765', '[::1]:8765', ':8765' or '8765' -> (host, port); refuses a public bind without a token."""
    host, sep, port_text = value.rpartition(":")
    if not sep:
        host, port_text = "", value
    host = host.strip("[]") or "127.0.0.1"
    try:
        port = int(port_text)
        if not 0 <= port <= 65535:
            raise ValueError
    except ValueError:
        raise InputError(f"--http wants HOST:PORT, e.g. 127.0.0.1:8765; got {value!r}") from None
    if not is_loopback(host) and not token:
        raise InputError(
            f"refusing to serve on {host}, which is not a loopback address, without a token: anyone who can reach "
            f"it could read files through seer. Set a token with --token or ${TOKEN_ENV}, or bind 127.0.0.1"
        )
    return host, port


class BearerAuth:
    """ASGI middleware: every HTTP request but OPEN_PATHS must carry `Authorization: Bearer <token>`."""

    def __init__(self, app: Any, token: str) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("path") not in OPEN_PATHS:
            given = next((v for k, v in scope.get("headers", []) if k == b"authorization"), b"")
            if not hmac.compare_digest(given, self.expected):
                await _unauthorized(send)
                return
        await self.app(scope, receive, send)


async def _unauthorized(send: Any) -> None:
    body = json.dumps({"error": "unauthorized", "hint": "send the header Authorization: Bearer <token>"}).encode()
    await send({"type": "http.response.start", "status": 401, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"www-authenticate", b'Bearer realm="seer"'),
    ]})
    await send({"type": "http.response.body", "body": body})


def build_app(server: MCPServer, host: str, token: str | None) -> Any:
    """The ASGI app: MCP at /mcp, liveness at /health, the token check around both (health exempt)."""
    from starlette.requests import Request
    from starlette.responses import JSONResponse

    @server.custom_route("/health", methods=["GET"])
    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "server": "seer", "version": __version__})

    app = server.streamable_http_app(host=host)  # loopback binds get the SDK's DNS-rebinding protection
    return BearerAuth(app, token) if token else app


def run_http(server: MCPServer, host: str, port: int, token: str | None) -> None:
    import sys

    import uvicorn

    app = build_app(server, host, token)
    shown = f"[{host}]" if ":" in host else host
    print(f"seer: MCP over streamable HTTP at http://{shown}:{port}/mcp"
          f"{' (bearer token required)' if token else ''}; health at /health", file=sys.stderr, flush=True)
    uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on")).run()
