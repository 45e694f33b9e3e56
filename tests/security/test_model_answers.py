"""A model's position that is not a finite number, or lies off the image it was shown, is refused and
reported, never clamped onto the edge into a confident click (issue 17 item 17). Real fake server."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image as PILImage

from seer.config import Settings
from seer.context import Context
from seer.errors import ModelError
from seer.models import from_settings
from seer.skills.gui.ground import ground
from seer.skills.gui.schema import GroundInput
from seer.skills.vision.ask import ask_image
from seer.skills.vision.ask_schema import AskImageInput
from tests.models.fake_server import KEY, Step

HOSTILE = {
    "overflow": '{"bbox_2d": [1e309, 10, 200, 40]}',
    "nan-ish": '```json\n[{"bbox_2d": [10, 10, 1e999, 40], "label": "x"}]\n```',
    "left of the image": "[-900, 10, -850, 40]",
    "above the image": "<|begin_of_box|>[[400,-90,460,-20]]<|end_of_box|>",
    "far right": "(5000, 5000)",
}


@pytest.fixture(scope="module")
def screen(tmp_path_factory):
    a = np.full((300, 500, 3), 245, np.uint8)
    a[120:160, 200:320] = (37, 99, 235)
    path = tmp_path_factory.mktemp("answers") / "screen.png"
    PILImage.fromarray(a).save(path)
    return str(path)


def _ctx(fake_server, model="gpt-4.1"):
    return Context(model=from_settings(Settings(model=model, base_url=fake_server.url + "/v1", api_key=KEY)))


@pytest.mark.parametrize("case", list(HOSTILE))
def test_ask_refuses_and_reports_the_position(fake_server, fake, screen, case):
    fake.push(Step(text=HOSTILE[case]))
    out = ask_image(
        AskImageInput(image=screen, question="Where is the button?", ocr=False), _ctx(fake_server, "glm-4.5v")
    )
    assert out.locations == [], out.locations
    assert out.warnings and "refused" in out.warnings[0], out.warnings


@pytest.mark.parametrize("case", list(HOSTILE))
def test_ground_refuses_the_position_with_a_model_error(fake_server, fake, screen, case):
    fake.push(Step(text=HOSTILE[case]))
    with pytest.raises(ModelError, match="cannot use"):
        ground(GroundInput(image=screen, instruction="the blue button", use_model=True), _ctx(fake_server))


def test_a_box_crossing_the_edge_is_still_clipped(fake_server, fake, screen):
    """Only the centre must be on the image: a box that runs a little past the edge is an honest answer."""
    fake.push(Step(text="[440, 120, 530, 160]"))
    out = ask_image(AskImageInput(image=screen, question="Where is the edge?", ocr=False), _ctx(fake_server))
    assert [l.box for l in out.locations] == [[440, 120, 500, 160]] and not out.warnings
