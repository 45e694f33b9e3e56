"""Grounding over groups and meaning on drawn screens: the Nth member of a list or radio group, the
checkbox of the Nth row, a control named by its row's title, and paraphrases to typed controls."""

from __future__ import annotations

import pytest

from seer.context import Context
from seer.memory import embed
from seer.skills.gui.ground import ground
from seer.skills.gui.schema import GroundInput

from .screens import Painter

LINK = (26, 86, 219)


def _list_page():
    """A mail list whose row checkboxes sit at the window's left edge, a logo inked like a link above a
    row of links, a radio group under a title, and a box whose label wraps onto a second line."""
    p = Painter(1000, 640)
    p.text("logo", (380, 14), "Northwind", size=34, fill=LINK, bold=True)
    for i, name in enumerate(["Docs", "Pricing", "Careers", "Status"]):
        p.text(f"link{i}", (330 + 90 * i, 70), name, fill=LINK, typ="link")
    senders = ["Ada Byron", "Linus Pauling", "Mae Jemison", "Rosalind Franklin", "Alan Turing"]
    subjects = ["Quarterly figures", "Lab schedule", "Launch window", "Crystal images", "Machine notes"]
    for i, (s, t) in enumerate(zip(senders, subjects)):
        y = 120 + 40 * i
        p.d.line([(0, y + 32), (1000, y + 32)], fill=(225, 225, 230))
        p.checkbox(f"cb{i}", (12, y + 8), "")
        p.icon(f"star{i}", "star.lucide", (44, y + 6), size=16)
        p.text(f"from{i}", (84, y + 8), s, bold=True)
        p.text(f"subj{i}", (240, y + 8), t)
    p.text("title", (60, 340), "Delivery speed", size=15, bold=True)
    for i, name in enumerate(["Economy", "Standard", "Priority", "Overnight"]):
        p.radio(f"r{i}", (60, 372 + 30 * i), name, checked=i == 0)
    p.checkbox("keep", (600, 500), "Keep me signed")
    p.text("keep2", (622, 518), "in")
    p.button("login", (600, 570, 760, 604), "Log in")
    return p.screen


def _settings_page():
    """A settings list: a title over a subtitle on each row, a switch at its right end."""
    p = Painter(420, 440)
    rows = [
        ("Wi-Fi", "Connected to Home-5G", True),
        ("Bluetooth", "Off", False),
        ("Mobile data", "Carrier", True),
        ("Location", "Used by 3 apps", False),
        ("Do not disturb", "Off", False),
    ]
    for i, (title, sub, on) in enumerate(rows):
        y = 20 + 80 * i
        p.text(f"t{i}", (20, y + 14), title, size=16)
        p.text(None, (20, y + 38), sub, size=13, fill=(110, 110, 120))
        p.toggle(f"tg{i}", (350, y + 24), on=on)
    return p.screen


def _ribbon_page():
    """Command buttons named by their action, a dialog titled with a noun the instructions share."""
    p = Painter(900, 300)
    for i, (key, name) in enumerate(
        [("paste", "Paste"), ("merge", "Merge & Center"), ("styles", "Cell Styles"), ("sort", "Sort & Filter")]
    ):
        p.button(
            key,
            (20 + 140 * i, 20, 150 + 140 * i, 52),
            name,
            fill=(245, 245, 245),
            fg=(30, 30, 30),
            border=(190, 190, 195),
        )
    p.d.rectangle((480, 120, 860, 280), outline=(150, 150, 150))
    p.text("dlg", (500, 135), "Format Cells", bold=True)
    p.button("ok", (660, 230, 740, 262), "OK")
    p.button("cancel", (760, 230, 840, 262), "Cancel", fill=(245, 245, 245), fg=(30, 30, 30), border=(190, 190, 195))
    return p.screen


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = {}
    for name, make in (("list", _list_page), ("settings", _settings_page), ("ribbon", _ribbon_page)):
        s = make()
        path = tmp_path_factory.mktemp("groups") / f"{name}.png"
        s.image.save(path)
        out[name] = (str(path), s.truth)
    return out


def _lands(pages, page: str, instruction: str, key: str):
    path, truth = pages[page]
    r = ground(GroundInput(image=path, instruction=instruction), Context())
    x0, y0, x1, y1 = truth[key][1]
    return r, r.found and x0 <= r.point[0] < x1 and y0 <= r.point[1] < y1


@pytest.mark.parametrize(
    "instruction,key",
    [
        ("the checkbox of the third message", "cb2"),
        ("tick the box of the 4th message", "cb3"),
        ("the last row's checkbox", "cb4"),
        ("the second checkbox", "cb1"),
    ],
)
def test_the_checkbox_of_the_nth_row(pages, instruction, key):
    r, ok = _lands(pages, "list", instruction, key)
    assert ok, (r.point, r.reason)


@pytest.mark.parametrize(
    "instruction,key",
    [
        ("the second link", "link1"),
        ("the last link", "link3"),
        ("the third delivery option", "r2"),
        ("the last option", "r3"),
        ("the 2nd radio button", "r1"),
    ],
)
def test_ordinals_count_the_peers_asked_for(pages, instruction, key):
    r, ok = _lands(pages, "list", instruction, key)
    assert ok, (r.point, r.reason)


@pytest.mark.parametrize(
    "instruction,key", [("the Wi-Fi switch", "tg0"), ("the Location toggle", "tg3"), ("the third switch", "tg2")]
)
def test_a_rows_title_names_its_switch(pages, instruction, key):
    r, ok = _lands(pages, "settings", instruction, key)
    assert ok, (r.point, r.reason)


def test_a_switch_is_captioned_by_its_rows_title_not_its_subtitle(pages):
    r, ok = _lands(pages, "settings", "the Wi-Fi switch", "tg0")
    assert ok and r.element.text == "Wi-Fi", (r.point, r.element)


def test_a_wrapped_label_is_the_boxs_whole_label(pages):
    r, ok = _lands(pages, "list", "the Keep me signed in checkbox", "keep")
    assert ok, (r.point, r.reason)


def test_a_symbol_label_not_on_screen_is_not_found(pages):
    r, _ = _lands(pages, "ribbon", 'press "="', "ok")
    assert not r.found, (r.point, r.reason)


@pytest.mark.skipif(not embed.available(), reason="the MiniLM embedding wheel is not installed")
@pytest.mark.parametrize(
    "page,instruction,key",
    [
        ("list", "stay logged in", "keep"),
        ("settings", "switch off the cellular connection", "tg2"),
        ("ribbon", "combine the selected cells", "merge"),
        ("ribbon", "apply a style to the cells", "styles"),
    ],
)
def test_paraphrases_reach_the_control_they_mean(pages, page, instruction, key):
    r, ok = _lands(pages, page, instruction, key)
    assert ok, (r.point, r.reason)


@pytest.mark.skipif(not embed.available(), reason="the MiniLM embedding wheel is not installed")
def test_a_word_merely_shared_does_not_outrank_the_action_meant(pages):
    """ "cells" is in the dialog title "Format Cells", but what fills cells with a copy is Paste."""
    r, _ = _lands(pages, "ribbon", "fill these cells with what I copied", "paste")
    x0, y0, x1, y1 = pages["ribbon"][1]["paste"][1]
    assert r.candidates and x0 <= r.candidates[0].point[0] < x1 and y0 <= r.candidates[0].point[1] < y1, r.candidates[
        :2
    ]
