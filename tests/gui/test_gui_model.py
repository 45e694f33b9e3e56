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
    r = ground(
        GroundInput(image=path, instruction="where I pick my nation", use_model=True),
        Context(model=_model(fake_server)),
    )
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
    fake.push(
        Step(
            text=format_box(
                [x0 / w * 1000 + 8, y0 / h * 1000 + 5, x1 / w * 1000 - 3, y1 / h * 1000 - 2], "norm1000", "glm"
            )
        )
    )
    r = ground(
        GroundInput(image=path, instruction="the blue button", use_model=True),
        Context(model=_model(fake_server, "glm-4.5v")),
    )
    assert r.found and r.path == "model" and r.box == r.element.box and _inside(r.point, truth["login"][1]), r
    assert "snapped" in r.reason


def test_model_says_none(fake_server, fake, form):
    path, _, _ = form
    fake.push(Step(text="NONE"))
    r = ground(
        GroundInput(image=path, instruction="the upload avatar button", use_model=True),
        Context(model=_model(fake_server)),
    )
    assert not r.found and r.path == "model" and r.point is None


def test_certain_local_answer_does_not_call_the_model(fake_server, fake, form):
    path, truth, _ = form
    r = ground(GroundInput(image=path, instruction="Log in"), Context(model=_model(fake_server)))
    assert r.path == "local" and _inside(r.point, truth["login"][1]) and not fake.seen


def test_use_model_without_a_model_is_not_configured(form):
    with pytest.raises(NotConfigured):
        ground(GroundInput(image=form[0], instruction="Log in", use_model=True), Context())


# -- the answer's shape and where it snaps (issue 20 items 1 and 2), on hand-made layouts ----------------
def _layout(*elements):
    from seer.skills.gui.layout import Layout

    for i, e in enumerate(elements, 1):
        e.id = e.id or i
    return Layout(900, 700, list(elements), [])


def _el(typ, box, text="", id=0):
    from seer.perception.geometry import Box
    from seer.skills.gui.layout import UIElement

    return UIElement(typ, Box(*box), text=text, id=id)


def _blank():
    import numpy as np

    from seer.perception.image import from_array

    return from_array(np.full((700, 900, 3), 250, np.uint8))


@pytest.mark.parametrize(
    "answer", ["<|begin_of_box|>[[39,6,63,20]]<|end_of_box|>", "[39, 6, 63, 20]", "Mark [39, 6, 63, 20]"]
)
def test_a_box_whose_first_number_is_a_mark_is_read_as_a_box(fake_server, fake, answer):
    """Old code took the 39 of [[39,6,63,20]] as 'mark 39'."""
    from seer.skills.gui.model_ground import ground_with_model

    target = _el("icon", (35, 4, 57, 14), id=3)  # GLM [[39,6,63,20]] of 900x700 is about (35, 4, 57, 14)
    layout = _layout(target, *[_el("button", (100 + 10 * i, 300, 108 + 10 * i, 320), id=i) for i in range(4, 60)])
    fake.push(Step(text=answer))
    model = _model(fake_server, "glm-4.5v" if "begin_of_box" in answer else "gpt-4.1")
    a = ground_with_model(model, _blank(), layout, "the bell", [])
    if "begin_of_box" in answer:
        assert a.element is target, a.reason
    else:
        assert a.point is not None and 39 <= a.point[0] < 63 and 6 <= a.point[1] < 20, a.reason
    assert "chose mark" not in a.reason


def test_a_lone_number_is_a_mark(fake_server, fake):
    from seer.skills.gui.model_ground import ground_with_model

    layout = _layout(_el("button", (10, 10, 90, 40), "Save", id=12), _el("button", (100, 10, 190, 40), "Open", id=39))
    for text in ("39", "Mark 39.", "#39", "<|begin_of_box|>39<|end_of_box|>"):
        fake.push(Step(text=text))
        a = ground_with_model(_model(fake_server, "glm-4.5v"), _blank(), layout, "open", [])
        assert a.element is not None and a.element.id == 39, (text, a.reason)


def test_a_part_inside_a_bigger_element_keeps_the_models_box(fake_server, fake):
    """The eye icon inside a password field, not detected itself: the click stays on the eye."""
    from seer.skills.gui.model_ground import ground_with_model

    field = _el("input", (40, 189, 360, 221), "", id=5)
    layout = _layout(field, _el("text", (40, 170, 110, 184), "Password", id=4))
    eye = (330, 195, 350, 215)
    fake.push(
        Step(text=f"[{eye[0]}, {eye[1]}, {eye[2]}, {eye[3]}]"), Step(text="NONE")
    )  # the refine look finds nothing more
    a = ground_with_model(_model(fake_server, "gpt-4.1"), _blank(), layout, "show the password", [])
    assert a.element is None and a.box is not None and a.box.as_list() == list(eye) and _inside(a.point, eye), a


def test_snap_goes_to_the_smallest_element_under_the_point(fake_server, fake):
    """A detected word inside a merged menu label wins over the label; a detected eye over its field."""
    from seer.skills.gui.model_ground import ground_with_model

    merged = _el("menu_item", (160, 8, 290, 26), "Extensions Help", id=1)
    word = _el("text", (252, 8, 290, 26), "Help", id=2)
    field = _el("input", (40, 189, 360, 221), id=3)
    eye = _el("icon", (330, 195, 350, 215), id=4)
    layout = _layout(merged, word, field, eye)
    fake.push(Step(text="[252, 8, 290, 26]"), Step(text="(340, 205)"))
    m = _model(fake_server, "gpt-4.1")
    assert ground_with_model(m, _blank(), layout, "Help menu", []).element is word
    assert ground_with_model(m, _blank(), layout, "show password", []).element is eye
