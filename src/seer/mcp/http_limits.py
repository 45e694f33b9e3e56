"""Connection limits for `seer serve --http`, so idle or slow clients cannot starve or stop the server.

uvicorn times out idle keep-alive connections only after a response (`timeout_keep_alive`); a client
that opens sockets and never finishes its first request's headers (slowloris) holds them forever, and
enough of them exhaust the process's file descriptors. Here a new connection must complete its first
request's headers within HEADER_TIMEOUT_S seconds, and connections past the cap are closed on arrival.
"""

from __future__ import annotations

import asyncio
import logging
import os
import resource

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT_S = 10.0  # $SEER_HTTP_HEADER_TIMEOUT
MAX_CONNECTIONS = 256  # $SEER_HTTP_MAX_CONNECTIONS (at most the open-files limit less 64)

log = logging.getLogger("seer.http")


def raise_fd_limit() -> int:
    """Lift the soft open-files limit to the hard one (accepting stays possible under load); returns it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    return soft


def _env_number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, "") or default)
    except ValueError:
        return default


def header_timeout() -> float:
    return max(0.5, _env_number("SEER_HTTP_HEADER_TIMEOUT", HEADER_TIMEOUT_S))


def max_connections() -> int:
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    cap = int(_env_number("SEER_HTTP_MAX_CONNECTIONS", MAX_CONNECTIONS))
    return max(2, min(cap, soft - 64))  # keep descriptors for files, models and the store


class GuardedH11(H11Protocol):
    """uvicorn's h11 protocol with a deadline for the request headers and a cap on open connections."""

    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > max_connections():
            log.warning("closing a connection: %d open, over the limit", len(self.connections))
            transport.close()
            return
        self._header_timer = self.loop.call_later(header_timeout(), self._headers_too_slow)

    def _headers_too_slow(self) -> None:
        if self.cycle is None and not self.transport.is_closing():  # no request has started on it
            self.transport.close()

    def handle_events(self) -> None:
        super().handle_events()
        if self.cycle is not None and self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None
        super().connection_lost(exc)
