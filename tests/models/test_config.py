"""Settings resolution for models: precedence, vendor key fallbacks (own host only), describe, ping."""

import asyncio

import pytest

from seer.config import load_settings
from seer.errors import NotConfigured
from seer.models import api_key, describe, from_settings, ping
from seer.models.anthropic import AnthropicModel
from seer.models.openai_compat import OpenAICompatModel
from tests.models.fake_server import Step


def _write_config(tmp_path, monkeypatch, text):
    path = tmp_path / "seer.toml"
    path.write_text(text)
    monkeypatch.setenv("SEER_CONFIG", str(path))


def test_default_is_local():
    s = load_settings()
    assert from_settings(s) is None and describe(s)["backend"] == "local"


def test_precedence_overrides_env_file(tmp_path, monkeypatch):
    _write_config(tmp_path, monkeypatch, 'model = "glm-4.5v"\napi_key = "file-key-123456789"\nmodel_timeout = 30\n')
    s = load_settings()
    assert (s.model, s.api_key.get_secret_value(), s.model_timeout) == ("glm-4.5v", "file-key-123456789", 30)
    monkeypatch.setenv("SEER_MODEL", "qwen3-vl")
    monkeypatch.setenv("SEER_API_KEY", "env-key-123456789")
    s = load_settings()
    assert (s.model, s.api_key.get_secret_value()) == ("qwen3-vl", "env-key-123456789")
    s = load_settings(model="claude", api_key="flag-key-123456789")
    assert (s.model, s.api_key.get_secret_value()) == ("claude", "flag-key-123456789")


def test_vendor_key_variables_only_for_their_own_host(monkeypatch):
    monkeypatch.setenv("ZAI_API_KEY", "zai-key-abcdefghijk")
    monkeypatch.setenv("OPENAI_API_KEY", "openai-key-abcdefgh")
    monkeypatch.setenv("OPENROUTER_API_KEY", "or-key-abcdefghijkl")
    assert api_key(load_settings(model="glm-4.5v")) == "zai-key-abcdefghijk"
    assert api_key(load_settings(model="gpt-4.1")) == "openai-key-abcdefgh"
    assert api_key(load_settings(model="openrouter:z-ai/glm-4.5v")) == "or-key-abcdefghijkl"
    # a vendor key is never sent to another host (a local server, or a preset pointed elsewhere)
    assert api_key(load_settings(model="ollama")) is None
    assert api_key(load_settings(model="gpt-4.1", base_url="http://127.0.0.1:8000/v1")) is None
    monkeypatch.setenv("SEER_API_KEY", "seer-key-abcdefghij")
    assert api_key(load_settings(model="glm-4.5v")) == "seer-key-abcdefghij"


def test_vendor_env_key_beats_the_file(tmp_path, monkeypatch):
    _write_config(tmp_path, monkeypatch, 'model = "claude"\napi_key = "file-key-123456789"\n')
    monkeypatch.setenv("ANTHROPIC_API_KEY", "anthropic-key-12345")
    assert api_key(load_settings()) == "anthropic-key-12345"
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    assert api_key(load_settings()) == "file-key-123456789"
    assert api_key(load_settings(api_key="flag-key-123456789")) == "flag-key-123456789"


def test_resolution_and_describe_redacts_the_key():
    s = load_settings(model="ollama:llava:13b")
    m = from_settings(s)
    assert isinstance(m, OpenAICompatModel) and m.name == "llava:13b" and m.base_url == "http://localhost:11434/v1"
    s = load_settings(model="claude", api_key="sk-ant-verysecretvalue-0042")
    m = from_settings(s)
    assert isinstance(m, AnthropicModel) and m.profile.convention == "pixels"
    d = describe(s)
    assert d["model"] == "claude-sonnet-4-5" and d["coordinates"] == "pixels" and d["image_tokens_1920x1080"] == 1532
    assert "verysecret" not in repr(d) and "verysecret" not in repr(s) and d["api_key"].startswith("set (")
    assert "ANTHROPIC_API_KEY" in d["key_variables"]


def test_incomplete_configuration_says_what_to_set():
    with pytest.raises(NotConfigured, match="SEER_BASE_URL"):
        from_settings(load_settings(model="my-custom-vl"))
    with pytest.raises(NotConfigured, match="SEER_MODEL"):
        from_settings(load_settings(base_url="http://127.0.0.1:8000/v1"))
    assert describe(load_settings(model="my-custom-vl"))["backend"] == "error"
    m = from_settings(load_settings(model="my-custom-vl", base_url="http://127.0.0.1:8000/v1"))
    assert m.profile.family == "generic"


def test_ping(fake, make_settings):
    fake.push(Step(text="OK"))
    out = asyncio.run(ping(make_settings("qwen2.5-vl-vllm")))
    assert out["ok"] and out["reply"] == "OK" and out["latency_ms"] > 0
    assert fake.seen[0].body["max_tokens"] == 8
    bad = asyncio.run(ping(make_settings("qwen2.5-vl-vllm", key="sk-nope-1234567890")))
    assert not bad["ok"] and "401" in bad["error"] and "sk-nope-1234567890" not in bad["error"]
    assert asyncio.run(ping(load_settings()))["model"] is None
