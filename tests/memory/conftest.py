"""Fixtures for the memory tests."""

import pytest


@pytest.fixture
def store(tmp_path):
    from seer.memory.store import open_store

    s = open_store(tmp_path / "store")
    yield s
    s.close()
