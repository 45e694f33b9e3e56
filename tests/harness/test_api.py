"""`seer.Seer`: one method per registered skill, sync and async, sharing settings and model client;
and the example agent loop that uses it."""

from __future__ import annotations

import runpy

import anyio
import pytest

import seer
from seer.skills.registry import skills

from .conftest import PLANTED, ROOT


@pytest.fixture(scope="module")
def s():
    return seer.Seer()


def test_one_method_per_skill(s):
    names = [k.name for k in skills()]
    assert s.skills() == names
    for name in names:
        method = getattr(s, name)
        assert method.__name__ == name and method.__doc__
        assert name in dir(s) and name in dir(s.aio)
    with pytest.raises(AttributeError, match="has no skill 'nope'"):
        _ = s.nope


def test_sync_and_async_return_the_output_model(s, small_screen):
    page = s.read_screenshot(small_screen)
    assert isinstance(page, seer.ScreenText) and set(PLANTED) <= {l.text for l in page.lines}

    async def main():
        return await s.aio.read_screenshot(str(small_screen), region=[180, 55, 340, 100])

    part = anyio.run(main)
    assert [l.text for l in part.lines] == [PLANTED[1]]


def test_errors_are_seer_errors(s, tmp_path):
    with pytest.raises(seer.InputError, match="not found"):
        s.read_screenshot(tmp_path / "missing.png")
    with pytest.raises(TypeError, match="positional"):
        s.read_screenshot("a.png", [0, 0, 1, 1], "x", "y")


def test_model_settings_are_resolved_once():
    local = seer.Seer(max_pixels=1000)
    assert local.settings.max_pixels == 1000 and local.model_client is None


def test_minimal_agent_example_clicks_the_target(capsys):
    if not any(k.name == "ground" for k in skills()):
        pytest.skip("the example needs the ground tool (gui family)")
    example = runpy.run_path(str(ROOT / "examples" / "minimal_agent.py"))
    point = example["run"](example["demo_screenshot"](), "Delete project")
    assert point is not None and 300 <= point[0] <= 450 and 90 <= point[1] <= 126
    assert "act: click at" in capsys.readouterr().out
