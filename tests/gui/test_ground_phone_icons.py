"""Icon buttons of a phone's app bar, browser bar and notification shade, asked by their accessibility
labels (issue 13): a back arrow over a list, the address bar's lock, a tab counter, ⋮ asked as "Menu",
a group's own × beside a "CLEAR ALL" button, a ✓ asked as "Validate"."""

from __future__ import annotations

import pytest

from seer.context import Context
from seer.perception.geometry import Box
from seer.skills.gui.elements import list_elements
from seer.skills.gui.ground import ground
from seer.skills.gui.schema import GroundInput, ListElementsInput

from .screens import phone_browser, phone_shade


def _saved(screen, tmp_path_factory, name):
    path = tmp_path_factory.mktemp("phone") / f"{name}.png"
    screen.image.save(path)
    return str(path), screen.truth


@pytest.fixture(scope="module")
def shot(tmp_path_factory):
    return _saved(phone_browser(), tmp_path_factory, "browser")


@pytest.fixture(scope="module")
def shade(tmp_path_factory):
    return _saved(phone_shade(), tmp_path_factory, "shade")


@pytest.mark.parametrize(
    "instruction,key",
    [
        ("Navigate up", "navigate_up"),  # the app bar's title is no list row that swallows the arrow
        ("Site information", "site_info"),  # the lock stays apart from the address beside it
        ("Tabs", "tabs"),  # a number in a small square is the tab switcher, no checkbox
        ("Menu", "menu"),  # no ☰ on screen: ⋮ is the menu a browser means
        ("Home screen", "home"),
    ],
)
def test_icon_buttons_by_their_labels(shot, instruction, key):
    _hits(shot, instruction, key)


@pytest.mark.parametrize(
    "instruction,key",
    [
        ("Clear all silent notifications", "group_close"),  # the × on the line of the group's title, not CLEAR ALL
        ("Clear all", "clear_all"),
        ("Validate", "validate"),
    ],
)
def test_shade_buttons_by_their_labels(shade, instruction, key):
    _hits(shade, instruction, key)


def _hits(shot, instruction, key):
    path, truth = shot
    r = ground(GroundInput(image=path, instruction=instruction), Context())
    assert r.found and Box.of(truth[key][1]).contains(*r.point), (instruction, r.point, r.reason)


def test_bar_icons_are_elements_of_their_own(shot):
    path, truth = shot
    els = list_elements(ListElementsInput(image=path), Context()).elements
    named = {e.name: e for e in els if e.type == "icon" and e.name}
    for key, name in (("navigate_up", "back"), ("site_info", "lock"), ("tabs", "tabs"), ("menu", "more")):
        assert name in named and Box.of(named[name].box).contains(*Box.of(truth[key][1]).center), (key, named.get(name))
    assert not any(e.type == "checkbox" for e in els)


def test_of_two_icons_named_alike_the_surer_one_wins():
    """A scrap of a logo the classifier barely calls "phone" does not beat the dock's phone icon."""
    from seer.skills.gui.ground import resolve
    from seer.skills.gui.instruction import parse
    from seer.skills.gui.layout import Layout, UIElement

    scrap = UIElement("icon", Box(470, 456, 488, 474), confidence=0.4, name="phone", id=1)
    dock = UIElement("icon", Box(253, 1600, 383, 1727), confidence=0.93, name="phone", id=2)
    _, chosen, _ = resolve(Layout(828, 1792, [scrap, dock], []), parse("Phone"), "Phone")
    assert chosen is not None and chosen.el is dock and chosen.score >= 0.5


def test_a_tab_counter_wider_than_a_checkbox_is_still_the_tab_switcher(tmp_path):
    """On a screen whose text reads as 2x, the counter's outline is a rectangle, not a small square: no "16" button."""
    from .screens import Painter

    p = Painter(1080, 1920, bg=(250, 250, 250), fg=(33, 33, 33))
    p.text(None, (60, 200), "Unbinding finished", size=28)
    p.text(None, (60, 1676), "example.org/docs/start", size=28)
    p.d.rounded_rectangle((869, 1667, 931, 1716), radius=8, outline=(40, 30, 60), width=5)
    p.text(None, (884, 1677), "16", size=28, bold=True, fill=(40, 30, 60))
    path = tmp_path / "counter.png"
    p.screen.image.save(path)
    r = ground(GroundInput(image=str(path), instruction="Tabs"), Context())
    assert r.found and Box(866, 1664, 935, 1720).contains(*r.point), (r.point, r.reason)


def test_the_icon_before_an_address_is_the_site_button_whatever_its_badge(tmp_path):
    """A struck-out padlock (an insecure page) that no icon class names is still the site-information button."""
    from .screens import Painter

    p = Painter(1080, 1920, bg=(240, 240, 244), fg=(33, 33, 33))
    p.text(None, (60, 200), "Page loaded", size=40)
    p.d.rounded_rectangle((180, 1682, 236, 1726), radius=8, outline=(40, 30, 60), width=5)
    p.d.arc((190, 1654, 226, 1700), 180, 360, fill=(40, 30, 60), width=5)
    p.d.line((180, 1656, 236, 1724), fill=(220, 60, 60), width=5)
    p.text(None, (268, 1672), "github.com/someone/notes", size=40)
    path = tmp_path / "insecure.png"
    p.screen.image.save(path)
    r = ground(GroundInput(image=str(path), instruction="Site information"), Context())
    assert r.found and Box(170, 1645, 246, 1735).contains(*r.point), (r.point, r.reason)
