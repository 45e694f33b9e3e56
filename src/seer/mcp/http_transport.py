"""Streamable HTTP for the MCP server: an optional bearer token on every request, loopback unless a
token is set, and an unauthenticated `/health` that reveals nothing but liveness and the version."""

from __future__ import annotations

import hmac
import ipaddress
import json
import os
import socket
from pathlib import Path
from typing import Any

from mcp.server import MCPServer

from .. import __version__
from ..errors import InputError

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


def token_from_file(path: str | None) -> str | None:
    """The token kept in a file (`--token-file`), so it never shows in the process list."""
    if not path:
        return None
    try:
        return Path(path).expanduser().read_text(encoding="utf-8").strip() or None
    except OSError as exc:
        raise InputError(f"cannot read the token file {path}: {exc.strerror or exc}") from None


class BearerAuth:
    """ASGI middleware: every HTTP request but OPEN_PATHS must carry `Authorization: Bearer <token>`
    (the scheme in any case, as RFC 9110 says)."""

    def __init__(self, app: Any, token: str) -> None:
        self.app = app
        self.expected = token.encode()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("path") not in OPEN_PATHS:
            given = next((v for k, v in scope.get("headers", []) if k == b"authorization"), b"")
            scheme, _, value = given.strip().partition(b" ")
            if scheme.lower() != b"bearer" or not hmac.compare_digest(value.strip(), self.expected):
                await _unauthorized(send)
                return
        await self.app(scope, receive, send)


async def _unauthorized(send: Any) -> None:
    body = json.dumps({"error": "unauthorized", "hint": "send the header Authorization: Bearer <token>"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"www-authenticate", b'Bearer realm="seer"'),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def build_app(server: MCPServer, host: str, token: str | None) -> Any:
    """The ASGI app: MCP at /mcp, liveness at /health, the token check around both (health exempt)."""
    from starlette.requests import Request
    from starlette.responses import JSONResponse

    @server.custom_route("/health", methods=["GET"])
    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "server": "seer", "version": __version__})

    app = server.streamable_http_app(host=host, transport_security=rebinding_guard(host))
    return BearerAuth(app, token) if token else app


def rebinding_guard(host: str) -> Any:
    """DNS-rebinding protection for every loopback bind (127.0.0.0/8, ::1, localhost): only loopback
    Host and Origin headers are served, so a web page whose name resolves to us cannot call tools.
    Other binds carry a token, which a browser page cannot send."""
    from mcp.server.transport_security import TransportSecuritySettings

    if not is_loopback(host):
        return None
    shown = f"[{host}]" if ":" in host else host
    names = dict.fromkeys([shown, "127.0.0.1", "localhost", "[::1]"])
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=[f"{n}:*" for n in names] + list(names),
        allowed_origins=[f"http://{n}:*" for n in names] + [f"http://{n}" for n in names],
    )


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound before anything says it is serving; a busy port is a clear error."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise InputError(
            f"cannot serve on {host}:{port}: {exc.strerror or exc}; pick another port or stop what holds it"
        ) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def run_http(server: MCPServer, host: str, port: int, token: str | None) -> None:
    import sys

    import uvicorn

    from .http_limits import GuardedH11, raise_fd_limit

    app = build_app(server, host, token)
    sock = _bind(host, port)
    raise_fd_limit()
    shown = f"[{host}]" if ":" in host else host
    print(
        f"seer: MCP over streamable HTTP at http://{shown}:{sock.getsockname()[1]}/mcp"
        f"{' (bearer token required)' if token else ''}; health at /health",
        file=sys.stderr,
        flush=True,
    )
    config = uvicorn.Config(
        app,
        log_level="warning",
        lifespan="on",
        http=GuardedH11,
        timeout_keep_alive=5,
        h11_max_incomplete_event_size=16 * 1024,
    )
    uvicorn.Server(config).run(sockets=[sock])
