"""The model timeout bounds the whole call, retries and Retry-After waits included, and a garbled
Retry-After is ordinary backoff, never an internal error (issue 17 item 16). Real local fake server."""

from __future__ import annotations

import time

import pytest

from seer.config import Settings
from seer.errors import ModelError
from seer.models import Request, from_settings
from tests.models.fake_server import KEY, Step


def _model(fake_server, **kw):
    return from_settings(Settings(model="qwen2.5-vl-vllm", base_url=fake_server.url + "/v1", api_key=KEY, **kw))


@pytest.mark.parametrize("header", ["soon", "Wed, 99 Foo 2026 25:61:00 GMT", "1e999", "nan", "-"])
def test_garbled_retry_after_means_backoff(fake_server, fake, header):
    fake.push(Step(status=429, text="slow down", headers={"retry-after": header}), Step(text="fine"))
    r = _model(fake_server, model_retries=2, model_timeout=10).complete(Request.ask("hi", cache=False))
    assert r.text == "fine" and len(fake.seen) == 2


def test_garbled_retry_after_to_the_end_is_a_model_error(fake_server, fake):
    fake.push(*[Step(status=503, text="busy", headers={"retry-after": "later please"})] * 3)
    with pytest.raises(ModelError, match="503"):
        _model(fake_server, model_retries=2, model_timeout=10).complete(Request.ask("hi", cache=False))


def test_retry_after_longer_than_the_timeout_fails_at_once(fake_server, fake):
    fake.push(*[Step(status=429, text="rate limited", headers={"retry-after": "20"})] * 4)
    t0 = time.perf_counter()
    with pytest.raises(ModelError, match="asks to wait 20 s"):
        _model(fake_server, model_retries=3, model_timeout=5).complete(Request.ask("hi", cache=False))
    assert time.perf_counter() - t0 < 2.0 and len(fake.seen) == 1


def test_retries_stop_at_the_timeout(fake_server, fake):
    """Ten retries of a slow 503 would take ~10 s; a 2 s timeout ends the call at 2 s."""
    fake.push(*[Step(status=503, text="busy", delay=0.4)] * 11)
    t0 = time.perf_counter()
    with pytest.raises(ModelError, match="model_timeout"):
        _model(fake_server, model_retries=10, model_timeout=2).complete(Request.ask("hi", cache=False))
    assert time.perf_counter() - t0 < 2.8
