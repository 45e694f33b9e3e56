"""Issue 16, as-of queries: how changed regions become text lines, and how a figure redrawn in
place is read at each state."""

from __future__ import annotations

from seer.memory.recorder import Recorder
from seer.memory.region_ocr import join_rows, merge_close
from seer.memory.search import search
from seer.perception.geometry import Box
from seer.perception.ocr import TextLine
from tests.memory.screens import PROMPT, terminal


def test_pieces_of_a_row_join_left_to_right_even_when_a_figure_sits_higher():
    """The figure's box started above its label's, so sorting by top put it first and the label was
    never joined to it: "0%" alone was then dropped as noise and the 0% state was lost."""
    label = TextLine("Downloading data.tar.gz", Box(6, 33, 316, 52), 0.99)
    figure = TextLine("0%", Box(352, 31, 374, 55), 0.99)
    other = TextLine("dev@bench:~/work$ ls", Box(6, 0, 300, 28), 0.99)
    assert [ln.text for ln in join_rows([figure, other, label])] == [
        "dev@bench:~/work$ ls",
        "Downloading data.tar.gz 0%",
    ]
    # the accurate engine splits a long line into pieces that overlap by part of a glyph
    a, b = (
        TextLine("dev@bench:~/work$ python3", Box(82, 90, 359, 109), 0.9),
        TextLine("-m http.server", Box(352, 90, 716, 110), 0.9),
    )
    assert [ln.text for ln in join_rows([b, a])] == ["dev@bench:~/work$ python3 -m http.server"]


def test_a_figure_beside_its_label_is_read_with_it():
    """A figure three spaces after its label was another region (24 px apart at most), read alone
    as "25" and dropped; beside one row of text the gap may be three line heights."""
    label, figure = (
        Box(118, 985, 595, 1025),
        Box(637, 942, 748, 1028),
    )  # the figure's box also holds the line above's end
    assert merge_close([label, figure]) == [Box.union([label, figure])]
    far = Box(900, 985, 960, 1025)
    assert len(merge_close([label, far])) == 2  # a column away is not the same line


def test_each_state_of_a_progress_line_is_found_as_of_its_time(store, monkeypatch):
    """A progress line redrawn in place on a terminal: the state at each moment is found with its
    figure (Tesseract read "25%" as "255" and dropped a lone "0%"; such lines are read accurately)."""
    from seer.memory import recorder

    calls = []
    real = recorder.read_region

    def spy(pixels, box, *cache, fast=True):
        lines = real(pixels, box, *cache, fast=fast)
        calls.append((fast, [ln.text for ln in lines]))
        return lines

    monkeypatch.setattr(recorder, "read_region", spy)
    green = (80, 220, 80)
    history = [(PROMPT + "ls", green), ("notes.txt  app.py", (220, 220, 220))]
    rec = Recorder(store, "e")
    rec.push(terminal(history + [(PROMPT, green)]), t=0.0)
    states = (0, 25, 50, 75)
    for i, pct in enumerate(states):
        rows = history + [
            (PROMPT + "python3 fetch.py", green),
            (f"Downloading heron-7.tar.gz {pct:3d}%", (220, 220, 220)),
        ]
        rec.push(terminal(rows), t=2.0 + 1.5 * i)
    rec.push(terminal(history + [(PROMPT + "python3 fetch.py", green), ("Download complete", (220, 220, 220))]), t=8.0)
    rec.close()
    for i, pct in enumerate(states):
        hits = search(store, "Downloading heron-7.tar.gz", "e", k=3, at=2.0 + 1.5 * i + 0.75)
        assert hits and f" {pct}%" in f" {hits[0].item.text}", (pct, [h.item.text for h in hits])
    assert any(not fast and any("%" in t for t in texts) for fast, texts in calls), calls


def test_text_typed_on_a_wrapped_line_is_read_fast(store, monkeypatch):
    """Typing on the second row of a wrapped paragraph changes pixels inside the region (the first
    row is wider), like a figure redrawn in place; but it adds ink right of the row's end, so it is
    not one: reading it accurately every second made the own session's ingest three times slower."""
    from seer.memory import recorder
    from tests.memory.screens import screen

    calls = []
    real = recorder.read_region

    def spy(pixels, box, *cache, fast=True):
        calls.append(fast)
        return real(pixels, box, *cache, fast=fast)

    monkeypatch.setattr(recorder, "read_region", spy)
    first = "this results feature update results product it testing the. Monitor"
    rec = Recorder(store, "e")
    rec.push(screen(["Notes"], caret=False), t=0.0)
    for i, second in enumerate(("request se", "request servi", "request service up", "request service uptime")):
        rec.push(screen(["Notes", first, second], caret=False), t=1.0 + i)
    rec.close()
    assert calls and all(calls), calls
    assert any("uptime" in it.text for it in store.items("e", kinds=["ocr"]))
