"""Thinking models and short answers (issue 20 item 3), against a fake server whose model thinks by
default and whose thinking counts against max_tokens, as GLM's does."""

from __future__ import annotations

import pytest

from seer.context import Context
from seer.errors import ModelError
from seer.models import Request, from_settings
from seer.skills.vision.ask import ask_image
from seer.skills.vision.ask_schema import AskImageInput
from tests.models.conftest import red_image
from tests.models.fake_server import Step

THINKER = Step(text="7", think=500)  # 500 tokens of thought before any answer, when thinking is on


@pytest.fixture
def shot(tmp_path):
    path = tmp_path / "shot.png"
    red_image(400, 300, (100, 100, 180, 140)).pil().save(path)
    return str(path)


def test_short_answers_switch_glm_thinking_off(fake, make_settings):
    fake.push(THINKER)
    r = from_settings(make_settings("glm-4.5v")).complete(Request.ask("Which mark?", max_tokens=64))
    assert r.text == "7" and not r.truncated
    assert fake.seen[0].body["thinking"] == {"type": "disabled"} and fake.seen[0].body["max_tokens"] == 64


def test_ground_with_a_thinking_glm_gets_its_answer(fake, make_settings, tmp_path):
    from seer.skills.gui.ground import ground
    from seer.skills.gui.schema import GroundInput
    from tests.gui.screens import settings_form

    screen = settings_form()
    path = tmp_path / "form.png"
    screen.image.save(path)
    fake.push(Step(text="NONE", think=500))
    r = ground(
        GroundInput(image=str(path), instruction="the upload avatar button", use_model=True),
        Context(model=from_settings(make_settings("glm-4.5v"))),
    )
    assert r.path == "model" and not r.found and "not on the screen" in r.reason
    assert fake.seen[0].body["thinking"] == {"type": "disabled"}


def test_thinking_on_gets_room_on_top_of_the_answer(fake, make_settings, shot):
    fake.push(Step(text="A red box on a grey page.", think=500))
    out = ask_image(
        AskImageInput(image=shot, question="What is this?", ocr=False, thinking=True, max_tokens=100),
        Context(model=from_settings(make_settings("glm-4.5v"))),
    )
    assert out.answer == "A red box on a grey page." and not out.warnings
    body = fake.seen[0].body
    assert body["thinking"] == {"type": "enabled"} and body["max_tokens"] >= 100 + 500


def test_a_server_without_a_switch_that_thinks_everything_away_is_reported(fake, make_settings):
    """No way to turn thinking off (a generic endpoint): the empty, cut answer says what happened."""
    fake.push(THINKER)
    m = from_settings(make_settings("lmstudio:some-reasoning-vl"))
    with pytest.raises(ModelError, match="used all 64 answer tokens thinking"):
        m.complete(Request.ask("Which mark?", max_tokens=64))
    assert not {"thinking", "enable_thinking", "chat_template_kwargs"} & set(fake.seen[0].body)


def test_a_cut_answer_is_reported_as_cut(fake, make_settings, shot):
    fake.push(Step(text="word " * 200))
    out = ask_image(
        AskImageInput(image=shot, question="Describe it at length.", ocr=False, max_tokens=20),
        Context(model=from_settings(make_settings("gpt-4.1"))),
    )
    assert out.answer and out.warnings and "cut off" in out.warnings[0]


def test_anthropic_thinking_keeps_its_own_budget(fake, make_settings):
    fake.push(Step(text="7", think=900))
    r = from_settings(make_settings("claude", provider="anthropic")).complete(
        Request.ask("Which?", max_tokens=64, thinking=True)
    )
    body = fake.seen[0].body
    assert (
        r.text == "7"
        and body["thinking"]["budget_tokens"] >= 1024
        and body["max_tokens"] > body["thinking"]["budget_tokens"]
    )
