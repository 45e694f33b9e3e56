"""Grounding the words agents write: labels that read like grammar, ties, meaning, groups and relations."""

from __future__ import annotations

import pytest

from seer.context import Context
from seer.memory import embed
from seer.perception.geometry import Box
from seer.skills.gui.ground import ground
from seer.skills.gui.instruction import parse
from seer.skills.gui.label_match import variants, word_spans
from seer.skills.gui.schema import GroundInput

from .screens_language import language_screen


@pytest.fixture(scope="module")
def screen(tmp_path_factory):
    s = language_screen()
    path = tmp_path_factory.mktemp("lang") / "language.png"
    s.image.save(path)
    return str(path), s.truth


def _hits(screen, instruction: str, key: str):
    """The answer and whether its point lies in the target (keys separated by | are equally right)."""
    path, truth = screen
    r = ground(GroundInput(image=path, instruction=instruction), Context())
    boxes = [truth[k][1] for k in key.split("|")]
    return r, r.found and any(b[0] <= r.point[0] < b[2] and b[1] <= r.point[1] < b[3] for b in boxes)


WHOLE_LABELS = [
    ("Kona for arm64", "kona"),
    ("Vibrate for calls", "vib|tg_vib"),
    ("tap Open image as background", "menu1"),
    ("OK", "ok"),
    ("C", "key_c"),
    ("Sort & Filter", "sort"),
    ("click Analyze Data", "analyze"),
    ("Find & Select", "find"),
    ("Findly Search", "go"),
]


@pytest.mark.parametrize("instruction,key", WHOLE_LABELS)
def test_a_visible_label_wins_before_parsing(screen, instruction, key):
    r, ok = _hits(screen, instruction, key)
    assert ok, (r.point, r.reason)


RELATIONS = [
    ("the third shipping option", "ship2"),
    ("the last shipping option", "ship3"),
    ("the link after 'Don't have an account?'", "signup"),
    ("the options menu of the To do column", "more0"),
    ("the more button in the Done column", "more1"),
    ("delete invoice INV-6615", "del2"),
    ("the Install button for AdGuard for Android", "inst_adguard"),
    ("the AdGuard for Android button", "inst_adguard"),
    ("the Vibrate for calls switch", "tg_vib"),
    ("turn on airplane mode", "tg_air"),
    ("the 2nd card in To do", "card01"),
    ("the Delete button in the row of Globex", "del1"),
]


@pytest.mark.parametrize("instruction,key", RELATIONS)
def test_ordinals_and_relations_over_groups(screen, instruction, key):
    r, ok = _hits(screen, instruction, key)
    assert ok, (r.point, r.reason)


@pytest.mark.skipif(not embed.available(), reason="the MiniLM embedding wheel is not installed")
@pytest.mark.parametrize(
    "instruction,key", [("get the file onto this machine", "download"), ("file these away", "archive")]
)
def test_paraphrases_meet_by_meaning(screen, instruction, key):
    r, ok = _hits(screen, instruction, key)
    assert ok, (r.point, r.reason)


def test_chosen_element_comes_first_among_candidates(screen):
    r, ok = _hits(screen, "the third shipping option", "ship2")
    assert ok and r.candidates[0].point == r.point


def test_a_word_out_of_place_is_no_type():
    assert parse("Open image as background").type is None
    assert parse("set this picture as the wallpaper").type is None
    assert parse("the Save button").type == "button" and parse("the checkbox of the second message").type == "checkbox"
    q = parse("the checkbox of the second message")
    assert (q.ordinal, q.group, q.label) == (2, "message", "")
    q = parse("the options menu of the To do column")
    assert (q.icon, q.relation, q.anchor) == ("more", "column", "to do")


def test_leading_verbs_are_dropped_but_the_label_is_kept_whole():
    forms = [w for w, _, _ in variants("Click the Open image as background")]
    assert "open image as background" in forms and forms[0] == "click the open image as background"
    assert ("keep me signed in", "checkbox") in [(w, t) for w, t, _ in variants("the Keep me signed in checkbox")]


def test_word_spans_split_a_joined_line_by_characters():
    spans = dict(word_spans("NetEase Music COVID-19", Box(0, 0, 220, 20)))
    assert spans["NetEase Music"].x0 == 0 and 120 <= spans["NetEase Music"].x1 <= 135
    assert spans["COVID-19"].x1 == 220
