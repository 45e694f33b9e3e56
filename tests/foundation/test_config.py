import pytest

from seer.config import config_path, load_settings
from seer.errors import InputError


def test_precedence_flags_over_env_over_file(monkeypatch):
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("max_pixels = 1000\nmax_bytes = 2000\ncache_size = 3\n")
    monkeypatch.setenv("SEER_MAX_BYTES", "5000")
    s = load_settings(cache_size=9)
    assert (s.max_pixels, s.max_bytes, s.cache_size) == (1000, 5000, 9)
    assert load_settings().cache_size == 3


def test_bad_values_are_named(monkeypatch):
    monkeypatch.setenv("SEER_MAX_PIXELS", "lots")
    with pytest.raises(InputError, match="max_pixels"):
        load_settings()


def test_broken_toml_is_named():
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("max_pixels = = 3")
    with pytest.raises(InputError, match="not valid TOML"):
        load_settings()
