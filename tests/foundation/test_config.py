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


def test_a_context_brings_its_settings_to_the_ocr():
    """OCR's cache size is the call's setting (from its Context), not the process's."""
    import numpy as np

    from seer.context import Context
    from seer.perception import ocr
    from seer.perception.image import from_array

    try:
        Context(settings=load_settings(cache_size=2), model=None)
        for shade in (250, 251, 252, 253):  # blank pages: four different images, nothing to read
            ocr.read_lines(from_array(np.full((24, 40, 3), shade, np.uint8)))
        assert len(ocr._cache) == 2
        Context(settings=load_settings(cache_size=5), model=None)
        for shade in (240, 241, 242):
            ocr.read_lines(from_array(np.full((24, 40, 3), shade, np.uint8)))
        assert len(ocr._cache) == 5
    finally:
        ocr.configure(load_settings())  # later tests get the usual cache
