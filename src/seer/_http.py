"""The one module that imports the HTTP client (swap it here and nowhere else).

All model traffic runs on one background event loop, so the async API works from any loop and the
sync wrapper works even inside a running loop. Per endpoint: one connection pool, one concurrency
limit, timeouts, retries with exponential backoff and jitter honouring Retry-After, and errors that
say what to do. API keys are scrubbed from every message.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import math
import random
import re
import threading
import time
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx2 as httpx

from .errors import ModelError, NotConfigured

log = logging.getLogger("seer.models")
T = TypeVar("T")

MAX_REPLY_BYTES = 16 * 1024 * 1024
RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504, 529})
_MODEL_MISSING = re.compile(
    r"model[^.]{0,80}(not found|does not exist|not exist|unknown|not available|invalid model)|no such model|"
    r"unknown model|model_not_found|模型不存在",
    re.I,
)
_TOO_LONG = re.compile(
    r"context.length|maximum context|context window|too many tokens|prompt is too long|input is too long|"
    r"exceeds? the (maximum|max)|token limit|max_tokens.*too large|string too long",
    re.I,
)


@dataclass(frozen=True)
class Policy:
    """Timeouts, retries and the concurrency limit for one endpoint."""

    timeout: float = 120.0
    connect_timeout: float = 10.0
    retries: int = 3
    concurrency: int = 4
    backoff_base: float = 0.5
    backoff_cap: float = 20.0
    max_wait: float = 60.0  # longest Retry-After we will sleep through before giving up


class _Runner:
    """A daemon thread running the event loop every model request runs on."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="seer-models", daemon=True)
        self.thread.start()


_runner: _Runner | None = None
_runner_lock = threading.Lock()


def _loop() -> asyncio.AbstractEventLoop:
    global _runner
    with _runner_lock:
        if _runner is None or not _runner.thread.is_alive():
            _runner = _Runner()
        return _runner.loop


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on the model loop and wait for it (safe inside another running loop)."""
    loop = _loop()
    if threading.current_thread() is _runner.thread:  # type: ignore[union-attr]
        coro.close()
        raise RuntimeError("the sync model API was called from the model loop itself; await the async API")
    return asyncio.run_coroutine_threadsafe(coro, loop).result()


async def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Await a coroutine on the model loop from any event loop; cancelling the caller cancels it."""
    loop = _loop()
    try:
        if asyncio.get_running_loop() is loop:
            return await coro
    except RuntimeError:
        pass
    return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, loop))


class Endpoint:
    """One base URL: a connection pool and a concurrency limit, both living on the model loop."""

    def __init__(self, base_url: str, policy: Policy) -> None:
        self.base_url = base_url.rstrip("/")
        self.policy = policy
        self._client: httpx.AsyncClient | None = None
        self._sem: asyncio.Semaphore | None = None

    def _ensure(self) -> tuple[httpx.AsyncClient, asyncio.Semaphore]:
        if self._client is None or self._sem is None:
            p = self.policy
            self._client = httpx.AsyncClient(
                timeout=httpx.Timeout(p.timeout, connect=p.connect_timeout, pool=p.timeout),
                limits=httpx.Limits(max_connections=p.concurrency * 2, max_keepalive_connections=p.concurrency),
                trust_env=False,
            )
            self._sem = asyncio.Semaphore(p.concurrency)
        return self._client, self._sem

    async def post_json(
        self, path: str, headers: dict[str, str], body: bytes, secret: str | None = None
    ) -> dict[str, Any]:
        """POST JSON with retries; the decoded JSON reply, or ModelError/NotConfigured saying what to do.
        `policy.timeout` bounds the whole call: waiting for a slot, every attempt and every retry wait."""
        client, sem = self._ensure()
        url = self.base_url + path
        p = self.policy
        loop = asyncio.get_running_loop()
        deadline = loop.time() + p.timeout
        try:
            # one deadline for the whole call: a server trickling a byte at a time never trips the
            # per-read timeout, and retries must not stretch a 5 s timeout to minutes
            async with asyncio.timeout_at(deadline):
                return await self._attempts(client, sem, url, headers, body, secret, deadline)
        except (httpx.ReadTimeout, httpx.WriteTimeout, TimeoutError):
            raise ModelError(
                f"{url} gave no answer within {p.timeout:g} s (model_timeout, retries included); raise model_timeout "
                "(SEER_MODEL_TIMEOUT) or send smaller images"
            ) from None

    async def _attempts(
        self,
        client: httpx.AsyncClient,
        sem: asyncio.Semaphore,
        url: str,
        headers: dict[str, str],
        body: bytes,
        secret: str | None,
        deadline: float,
    ) -> dict[str, Any]:
        p = self.policy
        loop = asyncio.get_running_loop()
        last = ""
        for attempt in range(p.retries + 1):
            async with sem:
                try:
                    resp = await _post_capped(client, url, body, headers)
                except (httpx.ReadTimeout, httpx.WriteTimeout):
                    raise
                except (httpx.TimeoutException, httpx.TransportError) as exc:
                    last = (
                        f"cannot reach {url}: {type(exc).__name__}: {_scrub(str(exc), secret) or 'connection failed'}"
                    )
                    wait = _backoff(attempt, p)
                else:
                    if resp.status_code < 400:
                        return _decode(resp, url)
                    if resp.status_code not in RETRY_STATUS:
                        raise _status_error(resp, url, secret)
                    last = f"{url} answered {resp.status_code}: {_scrub(_message(resp), secret)}"
                    asked = _retry_after(resp)
                    left = deadline - loop.time()
                    if asked is not None and asked > min(p.max_wait, left) and attempt < p.retries:
                        raise ModelError(
                            f"{last}; the server asks to wait {asked:.0f} s, more than the {min(p.max_wait, left):.0f} s "
                            f"left of model_timeout ({p.timeout:g} s); try later, or raise model_timeout"
                        )
                    wait = _backoff(attempt, p) if asked is None else asked + random.uniform(0, min(1.0, 0.1 * asked))
            if attempt < p.retries:
                left = deadline - loop.time()
                if wait >= left:
                    raise ModelError(
                        f"{last}; no time left for retry {attempt + 1} within model_timeout ({p.timeout:g} s); "
                        "raise model_timeout or try later"
                    )
                log.info("model request failed (%s); retry %d/%d in %.2f s", last, attempt + 1, p.retries, wait)
                await asyncio.sleep(wait)
        raise ModelError(f"{last} (after {p.retries + 1} attempts); check the endpoint, or raise model_retries")

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


_endpoints: dict[tuple, Endpoint] = {}
_endpoints_lock = threading.Lock()


def endpoint(base_url: str, policy: Policy) -> Endpoint:
    """The shared endpoint for a base URL and policy (one pool and one limit per endpoint)."""
    key = (base_url.rstrip("/"), policy)
    with _endpoints_lock:
        if key not in _endpoints:
            _endpoints[key] = Endpoint(base_url, policy)
        return _endpoints[key]


async def _post_capped(client: httpx.AsyncClient, url: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    """POST and read the reply, refusing one over MAX_REPLY_BYTES (a model answer is text, never that big)."""
    async with client.stream("POST", url, content=body, headers=headers) as resp:
        too_big = ModelError(
            f"{url} sent a reply over {MAX_REPLY_BYTES >> 20} MB; that is not a model answer, check base_url"
        )
        content = await _read_capped(resp, MAX_REPLY_BYTES, too_big)
        return httpx.Response(resp.status_code, headers=resp.headers, content=content, request=resp.request)


async def _read_capped(resp: httpx.Response, limit: int, too_big: Exception) -> bytes:
    """The body of a streamed reply; `too_big` is raised as soon as more than `limit` bytes arrive."""
    chunks, size = [], 0
    async for chunk in resp.aiter_bytes():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def _backoff(attempt: int, p: Policy) -> float:
    # "equal jitter": half fixed, half random, so retries spread out but never hammer at once
    d = min(p.backoff_cap, p.backoff_base * 2**attempt)
    return d / 2 + random.uniform(0, d / 2)


def _retry_after(resp: httpx.Response) -> float | None:
    """Seconds the server asks to wait (Retry-After-Ms, Retry-After in seconds or as an HTTP date), or
    None when it says nothing usable: a garbled header means ordinary backoff, never a crash."""
    ms = resp.headers.get("retry-after-ms")
    if ms:
        try:
            v = float(ms) / 1000
            if math.isfinite(v):
                return max(0.0, v)
        except ValueError:
            pass
    value = resp.headers.get("retry-after")
    if not value:
        return None
    try:
        v = float(value)
        return max(0.0, v) if math.isfinite(v) else None
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _decode(resp: httpx.Response, url: str) -> dict[str, Any]:
    try:
        data = json.loads(resp.content)
    except (json.JSONDecodeError, UnicodeDecodeError):
        snippet = resp.content[:120].decode("utf-8", "replace")
        raise ModelError(
            f"{url} answered {resp.status_code} with a body that is not JSON ({snippet!r}); is base_url the API root?"
        ) from None
    if not isinstance(data, dict):
        raise ModelError(
            f"{url} answered with JSON that is not an object; is base_url an OpenAI/Anthropic-compatible API?"
        )
    return data


def _message(resp: httpx.Response) -> str:
    """The server's own error message, from either wire format, shortened."""
    try:
        data = json.loads(resp.content)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return resp.content[:300].decode("utf-8", "replace").strip() or resp.reason_phrase
    err = data.get("error", data) if isinstance(data, dict) else data
    if isinstance(err, dict):
        msg = err.get("message") or err.get("msg") or err.get("detail") or json.dumps(err)[:300]
    else:
        msg = str(err)
    return str(msg)[:300]


def _status_error(resp: httpx.Response, url: str, secret: str | None) -> Exception:
    code = resp.status_code
    msg = _scrub(_message(resp), secret)
    if code == 401:
        return NotConfigured(
            f"{url} rejected the API key (401: {msg}); set api_key (SEER_API_KEY) or the vendor's key variable"
        )
    if code == 403:
        return NotConfigured(f"{url} refused access (403: {msg}); the key may lack access to this model or region")
    if _MODEL_MISSING.search(msg):
        return ModelError(f"the model is not available at {url} ({code}: {msg}); check the model id (SEER_MODEL)")
    if code == 404:
        return NotConfigured(
            f"{url} does not exist (404: {msg}); check base_url (SEER_BASE_URL), which usually ends in /v1"
        )
    if code == 413 or _TOO_LONG.search(msg):
        return ModelError(
            f"the request is too long for the model ({code}: {msg}); send fewer or smaller images, crop to a region, "
            "or shorten the prompt"
        )
    return ModelError(f"{url} rejected the request ({code}: {msg})")


def _scrub(text: str, secret: str | None) -> str:
    if secret and len(secret) >= 4:
        text = text.replace(secret, "[redacted]")
        # some servers echo a prefix or suffix of the key ("sk-abc...xyz"); drop long fragments too
        for frag in (secret[:12], secret[-12:]):
            if len(frag) >= 8:
                text = text.replace(frag, "[redacted]")
    return text


def fetch_bytes(url: str, *, max_bytes: int, timeout: float, check: Any = None, max_redirects: int = 3) -> bytes:
    """GET `url` (sync) within `timeout` seconds in all and `max_bytes`, following at most
    `max_redirects` redirects; `check(url)` runs before every hop (the SSRF guard) and may raise.
    The deadline covers everything, a server trickling its headers a byte at a time included."""
    from .errors import LimitError

    async def bounded() -> bytes:
        try:
            async with asyncio.timeout(timeout):
                return await _fetch(url, max_bytes, timeout, check, max_redirects)
        except TimeoutError:
            raise LimitError(
                f"{url[:120]} took longer than {timeout:g} s (url_timeout); download it yourself"
            ) from None

    return run_sync(bounded())


async def _fetch(url: str, max_bytes: int, timeout: float, check: Any, max_redirects: int) -> bytes:
    from .errors import InputError, LimitError

    loop = asyncio.get_running_loop()
    async with httpx.AsyncClient(
        follow_redirects=False, trust_env=False, timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0))
    ) as client:
        for _ in range(max_redirects + 1):
            if check is not None:
                await loop.run_in_executor(None, check, url)  # it resolves the host: keep DNS off the loop
            try:
                async with client.stream("GET", url, headers={"accept": "image/*,*/*;q=0.5"}) as resp:
                    if resp.is_redirect:
                        url = str(resp.url.join(resp.headers.get("location", "")))
                        continue
                    if resp.status_code >= 400:
                        raise InputError(f"{url[:120]} answered {resp.status_code}; check the URL")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise LimitError(
                            f"{url[:120]} is {int(declared):,} bytes, over the {max_bytes:,}-byte limit (max_bytes)"
                        )
                    return await _read_capped(
                        resp,
                        max_bytes,
                        LimitError(
                            f"{url[:120]} sent more than the {max_bytes:,}-byte limit (max_bytes); refusing the rest"
                        ),
                    )
            except httpx.TimeoutException:
                raise LimitError(f"{url[:120]} gave no answer within {timeout:g} s (url_timeout)") from None
            except httpx.HTTPError as exc:
                raise InputError(f"cannot fetch {url[:120]}: {type(exc).__name__}: {exc}") from None
    raise InputError(f"{url[:120]} redirected more than {max_redirects} times; download it yourself")
