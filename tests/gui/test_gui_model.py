"""The set-of-marks model path of `ground`, against the real local fake model server (OpenAI wire)."""

from __future__ import annotations

import pytest

from seer.config import Settings
from seer.context import Context
from seer.errors import NotConfigured
from seer.models import from_settings
from seer.models.coords import format_box
from seer.skills.gui.elements import list_elements
from seer.skills.gui.ground import ground
from seer.skills.gui.schema import GroundInput, ListElementsInput

from tests.models.fake_server import KEY, Step

from .screens import settings_form


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    screen = settings_form()
    path = tmp_path_factory.mktemp("gui_model") / "form.png"
    screen.image.save(path)
    return str(path), screen.truth, list_elements(ListElementsInput(image=str(path)), Context()).elements


def _model(fake_server, name="qwen2.5-vl-vllm"):
    return from_settings(Settings(model=name, base_url=fake_server.url + "/v1", api_key=KEY))


def _inside(point, box):
    return box[0] <= point[0] < box[2] and box[1] <= point[1] < box[3]


def test_model_picks_a_mark_number(fake_server, fake, form):
    path, truth, elements = form
    country = next(e for e in elements if e.type == "dropdown")
    fake.push(Step(text=str(country.id)))
    r = ground(GroundInput(image=path, instruction="where I pick my nation", use_model=True), Context(model=_model(fake_server)))
    assert r.found and r.path == "model" and _inside(r.point, truth["country"][1]), r
    prompt = fake.seen[0].body["messages"][-1]["content"][-1]["text"]
    assert f"{country.id}: dropdown 'Germany'" in prompt and '<marks trust="untrusted">' in prompt
    sent = fake.seen[0].images[0]
    assert sent.size[0] > 0 and (sent.getpixel((country.box[0], country.box[1])) != (255, 255, 255)), "marks are drawn"


def test_model_coordinates_snap_to_the_element(fake_server, fake, form):
    path, truth, _ = form
    x0, y0, x1, y1 = truth["login"][1]
    w, h = 900, 700
    # a GLM-style answer: a box in 0-1000 of the image, slightly off the button's edges
    fake.push(Step(text=format_box([x0 / w * 1000 + 8, y0 / h * 1000 + 5, x1 / w * 1000 - 3, y1 / h * 1000 - 2], "norm1000", "glm")))
    r = ground(GroundInput(image=path, instruction="the blue button", use_model=True), Context(model=_model(fake_server, "glm-4.5v")))
    assert r.found and r.path == "model" and r.box == r.element.box and _inside(r.point, truth["login"][1]), r
    assert "snapped" in r.reason


def test_model_says_none(fake_server, fake, form):
    path, _, _ = form
    fake.push(Step(text="NONE"))
    r = ground(GroundInput(image=path, instruction="the upload avatar button", use_model=True), Context(model=_model(fake_server)))
    assert not r.found and r.path == "model" and r.point is None


def test_certain_local_answer_does_not_call_the_model(fake_server, fake, form):
    path, truth, _ = form
    r = ground(GroundInput(image=path, instruction="Log in"), Context(model=_model(fake_server)))
    assert r.path == "local" and _inside(r.point, truth["login"][1]) and not fake.seen


def test_use_model_without_a_model_is_not_configured(form):
    with pytest.raises(NotConfigured):
        ground(GroundInput(image=form[0], instruction="Log in", use_model=True), Context())
