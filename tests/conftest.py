"""Shared fixtures: an isolated config dir, and a guard that fails any test reaching past loopback."""

import ipaddress
import socket

import pytest


def _is_loopback(host) -> bool:
    if host in ("localhost", None, ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    real_connect = socket.socket.connect

    def guarded(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("SEER_CONFIG", raising=False)
    monkeypatch.setenv("SEER_OCR_CACHE_DIR", "")  # no OCR results shared between tests (tests/perception turn it on)
    for var in (
        "SEER_MODEL",
        "SEER_BASE_URL",
        "SEER_API_KEY",
        "OPENAI_API_KEY",
        "ANTHROPIC_API_KEY",
        "ZAI_API_KEY",
        "ZHIPUAI_API_KEY",
        "DASHSCOPE_API_KEY",
        "OPENROUTER_API_KEY",
    ):
        monkeypatch.delenv(var, raising=False)
    from seer.config import default_settings

    default_settings.cache_clear()
    from seer.perception import ocr

    ocr.configure(default_settings())  # what a call's Context would apply: the disk cache off
    yield
    default_settings.cache_clear()


@pytest.fixture(scope="session")
def fake_server():
    """A real HTTP server on 127.0.0.1 speaking the OpenAI and Anthropic wire formats (tests/models/fake_server.py)."""
    from tests.models.fake_server import FakeModel, Running

    running = Running(FakeModel())
    yield running
    running.stop()


@pytest.fixture
def fake(fake_server):
    """The fake model, reset for this test; a request that broke the wire format fails the test."""
    fake_server.fake.reset()
    yield fake_server.fake
    assert not fake_server.fake.violations, fake_server.fake.violations
