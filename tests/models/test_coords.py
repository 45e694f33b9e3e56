"""Coordinates: every answer syntax parses, and every convention maps back to original pixels exactly."""

import math

import numpy as np
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from seer.models.coords import Found, Frame, format_box, locate, parse, to_located
from seer.models.images import FitRule, PatchRule, plan
from seer.models.presets import CLAUDE, GLM, GPT, QWEN3, QWEN25
from seer.perception.geometry import Box
from seer.perception.image import from_array

RULES = [QWEN25.rule, QWEN3.rule, GLM.rule, GPT.rule, CLAUDE.rule, FitRule(), PatchRule(28, 4 * 784, 1280 * 784)]


def test_glm_tags_are_norm1000_whatever_the_profile():
    f = parse("The Save button: <|begin_of_box|>[[100, 200, 300, 400]]<|end_of_box|>")
    assert f == [Found((100.0, 200.0, 300.0, 400.0), None, "norm1000")]
    frame = Frame(Box(0, 0, 2000, 1000), 2000, 1000)
    (loc,), _ = locate("<|begin_of_box|>[100,200,300,400]<|end_of_box|>", frame, "pixels")
    assert loc.box == Box(200, 200, 600, 400) and loc.convention == "norm1000"


def test_qwen_json_with_labels_and_fences():
    text = 'Here:\n```json\n[{"bbox_2d": [10, 20, 30, 40], "label": "OK"}, {"point_2d": [5, 6], "label": "X"}]\n```'
    assert [(f.values, f.label, f.kind) for f in parse(text)] == [
        ((10.0, 20.0, 30.0, 40.0), "OK", "box"),
        ((5.0, 6.0), "X", "point"),
    ]


def test_qwen_and_uitars_tags_and_bbox_point_tags():
    t = "<|object_ref_start|>the logo<|object_ref_end|><|box_start|>(12,34),(56,78)<|box_end|>"
    assert parse(t) == [Found((12.0, 34.0, 56.0, 78.0), "the logo", None)]
    assert parse("click(start_box='<|box_start|>(640,360)<|box_end|>')") == [Found((640.0, 360.0), None, None)]
    assert parse("<bbox>1 2 3 4</bbox> and <point>7 8</point>")[1].values == (7.0, 8.0)


def test_free_text_points_boxes_fractions_and_xy():
    assert [f.values for f in parse("box (1, 2, 3, 4) then point [5, 6]")] == [(1, 2, 3, 4), (5, 6)]
    (f,) = parse("at [0.1, 0.2, 0.35, 0.5]")
    assert f.hint == "fraction"
    assert parse("click at x=120, y=45")[0].values == (120.0, 45.0)
    assert parse("version 3.11 of the app, no coordinates here") == []


def test_json_variants_gemini_xywh_corner_pairs_and_trailing_commas():
    (g,) = parse('{"box_2d": [100, 200, 300, 400], "label": "a"}')  # Gemini: y first, 0-1000
    assert g.values == (200.0, 100.0, 400.0, 300.0) and g.hint == "norm1000"
    assert parse('{"x": 10, "y": 20, "width": 30, "height": 5}')[0].values == (10.0, 20.0, 40.0, 25.0)
    assert parse('{"bbox": [[1, 2], [3, 4]],}')[0].values == (1.0, 2.0, 3.0, 4.0)
    assert parse('{"elements": [{"name": "Save", "coordinates": "(5, 6)"}]}')[0].label == "Save"


def test_out_of_bounds_answers_are_clipped_and_flagged():
    frame = Frame(Box(100, 100, 300, 200), 200, 100)
    loc = to_located(Found((150.0, 50.0, 260.0, 120.0)), frame, "pixels")
    assert loc.box == Box(250, 150, 300, 200) and loc.clipped
    assert not to_located(Found((10.0, 10.0, 20.0, 20.0)), frame, "pixels").clipped


def test_rules_are_idempotent_so_the_server_never_resizes_again():
    for rule in RULES:
        for w, h in [(1920, 1080), (3840, 2160), (640, 420), (57, 25), (1280, 800), (4000, 300)]:
            sw, sh = rule.size(w, h)
            assert rule.size(sw, sh) == (sw, sh), (rule.name, w, h)


@st.composite
def scenario(draw):
    w = draw(st.integers(64, 4000))
    h = draw(st.integers(64, 3000))
    cx0 = draw(st.integers(0, w - 32))
    cy0 = draw(st.integers(0, h - 32))
    cx1 = draw(st.integers(cx0 + 32, w))
    cy1 = draw(st.integers(cy0 + 32, h))
    crop = Box(cx0, cy0, cx1, cy1)
    bx0 = draw(st.integers(cx0, cx1 - 2))
    by0 = draw(st.integers(cy0, cy1 - 2))
    bx1 = draw(st.integers(bx0 + 1, cx1))
    by1 = draw(st.integers(by0 + 1, cy1))
    rule = draw(st.sampled_from(RULES))
    zoom = draw(st.sampled_from([1.0, 1.0, 2.0, 3.5]))
    conv = draw(st.sampled_from(["norm1000", "pixels", "fraction"]))
    return w, h, crop, Box(bx0, by0, bx1, by1), rule, zoom, conv


def _frame(w, h, crop, rule, zoom):
    img = from_array(np.zeros((1, 1, 3), np.uint8))
    object.__setattr__(img, "pixels", np.broadcast_to(np.zeros(3, np.uint8), (h, w, 3)))
    return plan(img, rule, crop, zoom)[0]


@hsettings(max_examples=300, deadline=None)
@given(scenario())
def test_round_trip_is_exact_to_one_pixel(sc):
    """box -> send-side crop/resize -> model convention -> back to original: within ±1 px."""
    w, h, crop, box, rule, zoom, conv = sc
    frame = _frame(w, h, crop, rule, zoom)
    assert frame.crop == crop
    model_vals = frame.from_original(tuple(box.as_list()), conv)
    back = to_located(Found(tuple(model_vals)), frame, conv)
    assert back.box is not None
    assert all(abs(a - b) <= 1 for a, b in zip(back.box.as_list(), box.as_list())), (back.box, box)


@hsettings(max_examples=300, deadline=None)
@given(scenario(), st.sampled_from(["glm", "qwen_json", "qwen_tags", "bbox_tag", "text"]))
def test_round_trip_through_model_text_is_within_its_quantum(sc, style):
    """The same, with the model writing integers (or 4-decimal fractions) as text in a real syntax:
    the error is at most one model unit's worth of original pixels, plus 1 px of rounding."""
    w, h, crop, box, rule, zoom, conv = sc
    if style == "glm":
        conv = "norm1000"
    frame = _frame(w, h, crop, rule, zoom)
    text = format_box(list(frame.from_original(tuple(box.as_list()), conv)), conv, style)
    (loc,), _ = locate(text, frame, conv)
    unit = {
        "pixels": (crop.width / frame.sent_w, crop.height / frame.sent_h),
        "norm1000": (crop.width / 1000, crop.height / 1000),
        "fraction": (crop.width / 10000, crop.height / 10000),
    }[conv]
    for i, (a, b) in enumerate(zip(loc.box.as_list(), box.as_list())):
        assert abs(a - b) <= math.ceil(unit[i % 2] / 2 + 1), (style, conv, loc.box, box, unit)
