"""GUI skills on PIL-drawn screenshots with exact truth: elements, grounding, annotate, icons."""

from __future__ import annotations

import io
import time

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from seer.config import Settings
from seer.context import Context
from seer.errors import InputError
from seer.perception.elements import detect_widgets
from seer.perception.geometry import Box
from seer.perception.icons import match_icon, names
from seer.perception.image import from_array
from seer.skills import registry
from seer.skills.gui.annotate import annotate
from seer.skills.gui.elements import list_elements
from seer.skills.gui.ground import ground
from seer.skills.gui.schema import AnnotateInput, GroundInput, ListElementsInput

from .screens import ICONS, dark_toolbar, format_bar, settings_form


@pytest.fixture(scope="session")
def shots(tmp_path_factory):
    d = tmp_path_factory.mktemp("gui")
    out = {}
    for name, screen in (("form", settings_form()), ("dark", dark_toolbar())):
        path = d / f"{name}.png"
        screen.image.save(path)
        out[name] = (str(path), screen.truth)
    return out


@pytest.fixture(scope="session")
def listed(shots):
    return {k: list_elements(ListElementsInput(image=p), Context()) for k, (p, _) in shots.items()}


def _find(elements, box, typ=None):
    b = Box.of(box)
    hits = [e for e in elements if Box.of(e.box).iou(b) >= 0.5 and (typ is None or e.type == typ)]
    return hits[0] if hits else None


@pytest.mark.parametrize(
    "key",
    [
        "login",
        "cancel",
        "dlg_ok",
        "dlg_cancel",
        "edit0",
        "delete2",
        "email",
        "password",
        "name",
        "country",
        "remember",
        "newsletter",
        "personal",
        "business",
        "dark",
        "forgot",
        "footer",
        "icon_search",
        "icon_bell",
        "icon_settings",
        "dlg_close",
    ],
)
def test_form_elements_have_right_type_and_box(shots, listed, key):
    typ, box = shots["form"][1][key]
    el = _find(listed["form"].elements, box, typ)
    assert el is not None, (
        f"{key}: no {typ} at {box}; got {[(e.type, e.box) for e in listed['form'].elements if Box.of(e.box).iou(Box.of(box)) > 0.2]}"
    )
    assert el.interactable


def test_states_and_labels(shots, listed):
    els = listed["form"].elements
    truth = shots["form"][1]
    state = {
        k: _find(els, truth[k][1], truth[k][0]).state
        for k in ("remember", "newsletter", "personal", "business", "dark")
    }
    assert state == {
        "remember": "unchecked",
        "newsletter": "checked",
        "personal": "checked",
        "business": "unchecked",
        "dark": "on",
    }
    # a checkbox is its square, and carries the label beside it
    rem = _find(els, truth["remember"][1], "checkbox")
    assert rem.text == "Remember me" and Box.of(rem.box).width <= 20
    assert _find(els, truth["country"][1], "dropdown").text == "Germany"


@pytest.mark.parametrize(
    "key,name",
    [("icon_search", "search"), ("icon_bell", "bell"), ("icon_settings", "settings"), ("dlg_close", "close")],
)
def test_icons_named_on_light_page(shots, listed, key, name):
    el = _find(listed["form"].elements, shots["form"][1][key][1])
    assert el is not None and el.name == name


def test_dark_toolbar_icons_and_tabs(shots, listed):
    els, truth = listed["dark"].elements, shots["dark"][1]
    for key in ("add", "save", "refresh", "delete", "download", "more"):
        el = _find(els, truth[f"icon_{key}"][1]) or next((e for e in els if e.name == key), None)
        assert el is not None and el.name == key, key
    # three equal icons in a row are three icons, not one big "more" (⋯) spanning them
    drawn = [Box.of(b) for typ, b in truth.values() if typ == "icon"]
    stray = [e for e in els if e.type == "icon" and not any(Box.of(e.box).iou(d) >= 0.5 for d in drawn)]
    assert not stray, stray
    tabs = [e for e in els if e.type == "tab"]
    assert {t.text for t in tabs} == {"main.py", "utils.py"}
    assert [t.state for t in sorted(tabs, key=lambda t: t.box[0])] == ["selected", None]


def test_ids_follow_reading_order(listed):
    els = listed["form"].elements
    assert [e.id for e in els] == list(range(1, len(els) + 1))
    tops = [e.box[1] for e in els]
    # a later id never starts far above an earlier one (rows, then left to right)
    assert all(b >= a - 25 for a, b in zip(tops, tops[1:]))


GROUND = [
    ("text", "Log in", "login"),
    ("text", "Forgot password?", "forgot"),
    ("text", "Terms of service", "footer"),
    ("paraphrase", "sign in", "login"),
    ("paraphrase", "click Logn", "login"),
    ("paraphrase", "reset password", "forgot"),
    ("type+label", "the Email field", "email"),
    ("type+label", "the Password input", "password"),
    ("type+label", "the Remember me checkbox", "remember"),
    ("type+label", "the Business radio button", "business"),
    ("type+label", "the dark mode toggle", "dark"),
    ("type+label", "the Country dropdown", "country"),
    ("relation", "the input right of 'Name'", "name"),
    ("relation", "the OK button in the Delete file dialog", "dlg_ok"),
    ("relation", "the Delete button right of 'Bob Stone'", "delete1"),
    ("relation", "the checkbox next to Send me news", "newsletter"),
    ("relation", "the field below Password", "password"),
    ("ordinal", "the second Delete button", "delete1"),
    ("ordinal", "the last row's Edit button", "edit2"),
    ("ordinal", "the first Edit button", "edit0"),
    ("icon", "the settings gear", "icon_settings"),
    ("icon", "close the dialog", "dlg_close"),
    ("icon", "the notifications bell", "icon_bell"),
    ("icon", "search", "icon_search"),
]


@pytest.mark.parametrize("kind,instruction,key", GROUND, ids=[f"{k}:{i}" for k, i, _ in GROUND])
def test_ground_each_kind(shots, listed, kind, instruction, key):
    path, truth = shots["form"]
    r = ground(GroundInput(image=path, instruction=instruction), Context())
    box = truth[key][1]
    assert r.found, r.reason
    assert box[0] <= r.point[0] < box[2] and box[1] <= r.point[1] < box[3], (r.point, box, r.reason)
    assert r.path == "local" and 0.5 <= r.confidence <= 1


@pytest.mark.parametrize(
    "instruction,key",
    [("the save icon", "icon_save"), ("more options", "icon_more"), ("the utils.py tab", "tab_utils"), ("Run", "run")],
)
def test_ground_dark_theme(shots, listed, instruction, key):
    path, truth = shots["dark"]
    r = ground(GroundInput(image=path, instruction=instruction), Context())
    box = truth[key][1]
    assert r.found and box[0] <= r.point[0] < box[2] and box[1] <= r.point[1] < box[3], r


def test_click_point_of_checkbox_is_on_the_square(shots, listed):
    path, truth = shots["form"]
    r = ground(GroundInput(image=path, instruction="Remember me"), Context())
    box = truth["remember"][1]
    assert box[0] <= r.point[0] < box[2], "click the square, not the label"


@pytest.mark.parametrize("instruction", ["purple elephant", "the Upload avatar button", "the fifth Delete button"])
def test_nonsense_is_not_found(shots, listed, instruction):
    r = ground(GroundInput(image=shots["form"][0], instruction=instruction), Context())
    assert not r.found and r.point is None and r.box is None and r.reason


def test_ambiguous_without_ordinal_is_less_confident(shots, listed):
    r = ground(GroundInput(image=shots["form"][0], instruction="Delete"), Context())
    assert r.found and r.confidence < 0.8 and len(r.candidates) >= 3


def test_warm_ground_reuses_the_analysis(shots, listed, monkeypatch):
    from seer.perception.image import load_image
    from seer.skills.gui import layout

    image = load_image(shots["form"][0], Settings())
    assert layout.layout_of(image) is layout.layout_of(image)
    monkeypatch.setattr(layout, "read_lines", lambda *a, **k: pytest.fail("OCR ran again on a screenshot already read"))
    t = time.perf_counter()
    r = ground(GroundInput(image=shots["form"][0], instruction="the Cancel button in the dialog"), Context())
    assert r.found and time.perf_counter() - t < 1.0  # ~0.03 s; generous for a loaded CI machine


def test_annotate_marks_elements_and_writes_png(shots, listed, tmp_path):
    path = shots["form"][0]
    out_path = tmp_path / "marks" / "a.png"
    out = annotate(AnnotateInput(image=path, output=str(out_path)), Context())
    ids = {e.id for e in listed["form"].elements if e.interactable}
    assert {m.number for m in out.marks} == ids
    assert out.output == str(out_path) and out_path.read_bytes() == out.image()
    drawn = np.asarray(Image.open(io.BytesIO(out.image())).convert("RGB"))
    orig = np.asarray(Image.open(path).convert("RGB"))
    assert drawn.shape == orig.shape
    m = out.marks[0]
    x0, y0, x1, y1 = m.box
    assert (drawn[y0:y1, x0 : x0 + 2] != orig[y0:y1, x0 : x0 + 2]).any(), "box outline drawn"


def test_annotate_given_boxes_and_bad_boxes(shots):
    path = shots["form"][0]
    out = annotate(AnnotateInput(image=path, boxes=[10, 10, 60, 40, 100, 100, 150, 130]), Context())
    assert [m.number for m in out.marks] == [1, 2] and out.marks[1].point == [125, 115]
    with pytest.raises(InputError):
        annotate(AnnotateInput(image=path, boxes=[1, 2, 3]), Context())
    with pytest.raises(InputError):
        annotate(AnnotateInput(image=path, boxes=[5000, 5000, 5100, 5100]), Context())


def test_registry_exposes_gui_skills(shots, listed):
    skills = {s.name: s for s in registry.skills()}
    assert {"list_elements", "ground", "annotate"} <= set(skills)
    assert skills["ground"].cli == "ground" and skills["ground"].positional == ("image", "instruction")
    assert skills["list_elements"].cli == "elements" and skills["annotate"].cli == "annotate"
    for s in ("list_elements", "ground", "annotate"):
        assert 40 < len(skills[s].description) <= 1000
    out = skills["list_elements"].invoke({"image": shots["dark"][0], "interactable_only": True})
    assert out.elements and all(e.interactable for e in out.elements)
    png = skills["annotate"].invoke({"image": shots["dark"][0]}).image()
    assert png.startswith(b"\x89PNG")


def test_missing_image_is_an_input_error():
    with pytest.raises(InputError):
        ground(GroundInput(image="/no/such/screen.png", instruction="OK"), Context())


def test_icon_library_matches_its_icons_small_and_coloured():
    assert {"settings", "close", "search", "delete", "add", "menu", "more", "edit", "bell", "user"} <= set(names())
    wrong = []
    for path in sorted(ICONS.glob("*.png")):
        gray = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
        small = cv2.resize(gray, (16, 16), interpolation=cv2.INTER_AREA)
        # white-on-blue, as on a primary button
        canvas = np.full((22, 22), 80, np.uint8)
        canvas[3:19, 3:19] = (80 + (255 - small.astype(np.int32)) * 175 // 255).astype(np.uint8)
        m = match_icon(canvas)
        if m is None or m.name != path.name.split(".")[0]:
            wrong.append((path.name, m))
    assert len(wrong) <= 4, wrong
    assert match_icon(np.full((20, 20), 200, np.uint8)) is None


def test_type_filter_accepts_comma_lists_and_rejects_unknown_types(shots, listed):
    out = list_elements(ListElementsInput(image=shots["form"][0], types=["checkbox,radio"]), Context())
    assert sorted(e.type for e in out.elements) == ["checkbox", "checkbox", "radio", "radio"]
    with pytest.raises(InputError, match="buton"):
        list_elements(ListElementsInput(image=shots["form"][0], types=["buton"]), Context())


def _three_parts(kind: str, gap: int, part: int) -> Image.Image:
    """⋮, ⋯ (dots `part` px wide) or ☰ (bars `part` px thick), parts `gap` px apart, on a blank 400x300 screen."""
    img = Image.new("RGB", (400, 300), (255, 255, 255))
    d = ImageDraw.Draw(img)
    for i in range(3):
        o = i * (part + gap)
        if kind == "more_vertical":
            d.ellipse((200, 60 + o, 199 + part, 59 + part + o), fill=(60, 60, 60))
        elif kind == "more_horizontal":
            d.ellipse((160 + o, 100, 159 + part + o, 99 + part), fill=(60, 60, 60))
        else:
            d.rectangle((180, 60 + o, 179 + 8 * part, 59 + part + o), fill=(60, 60, 60))
    return img


@pytest.mark.parametrize("kind,name", [("more_vertical", "more"), ("more_horizontal", "more"), ("menu", "menu")])
@pytest.mark.parametrize("gap,part,scale", [(8, 12, 3.0), (20, 12, 3.0), (8, 14, 2.0)])
def test_icons_of_three_parts_are_one_icon_at_phone_density(kind, name, gap, part, scale):
    """Dots and bars set further apart than the stroke gap bridged at 3x are still one named icon, and
    so is a ⋮ on a phone whose text reads as 2x."""
    part = part if kind != "menu" else part // 2
    found = detect_widgets(from_array(np.asarray(_three_parts(kind, gap, part))), [], [], scale=scale)
    assert [(w.shape, w.icon and w.icon.name) for w in found] == [("blob", name)]


@pytest.mark.parametrize("size,pitch,scale", [(18, 40, 1.0), (54, 120, 3.0)])
def test_a_row_of_toolbar_icons_is_not_one_more_icon(size, pitch, scale):
    """Three equal line icons in a row (any density) are three icons: their parts are no dots."""
    img = Image.new("RGB", (6 * pitch, 3 * size), (30, 30, 34))
    for i, tpl in enumerate(("add.tabler", "save.lucide", "refresh.tabler")):
        gray = cv2.resize(
            cv2.imread(str(ICONS / f"{tpl}.png"), cv2.IMREAD_GRAYSCALE), (size, size), interpolation=cv2.INTER_AREA
        )
        ink = (255 - gray.astype(np.int32)) * 190 // 255 + 30
        img.paste(Image.fromarray(np.repeat(ink.astype(np.uint8)[:, :, None], 3, axis=2)), (size + i * pitch, size))
    found = detect_widgets(from_array(np.asarray(img)), [], [], scale=scale)
    assert all(w.box.width <= 1.6 * size and w.box.height <= 1.6 * size for w in found), [
        (w.box, w.icon) for w in found
    ]
    assert "more" not in {w.icon and w.icon.name for w in found}


@pytest.mark.parametrize("instruction,key", [("Bold", "bold"), ("Italic", "italic"), ("Underline", "underline")])
def test_formatting_glyphs_are_icons(tmp_path_factory, instruction, key):
    """B, I and U of a formatting row are buttons; the italic I is narrower than the usual icon square."""
    screen = format_bar()
    path = tmp_path_factory.mktemp("format") / "bar.png"
    screen.image.save(path)
    r = ground(GroundInput(image=str(path), instruction=instruction), Context())
    assert r.found and Box.of(screen.truth[key][1]).pad(2).contains(*r.point), (instruction, r.point, r.reason)
