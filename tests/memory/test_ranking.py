"""Ranking: a line's first appearance, events above plain lines, one episode at a time, the state at a moment."""

from __future__ import annotations

from seer.context import Context
from seer.memory.recorder import Recorder
from seer.memory.search import search
from seer.memory.store import ItemRecord
from seer.skills.memory.schema import MemorySearchInput
from seer.skills.memory.tools import memory_search
from tests.memory.screens import TEXT, screen


def test_a_line_is_found_at_its_first_appearance_not_at_a_later_reread(store):
    store.ensure_episode("r")
    store.add_items(
        [
            ItemRecord(
                "r", "ocr", 10.0, "Payment declined: card endinq 4242", 12.0
            ),  # first sighting, one glyph misread
            ItemRecord("r", "ocr", 30.0, "Payment declined: card ending 4242", 32.0),  # the same line re-read later
            ItemRecord("r", "ocr", 50.0, "Payment declined: card ending 4242", 52.0),
            ItemRecord("r", "ocr", 60.0, "Payment settings saved", 62.0),
        ]
    )
    hits = search(store, "Payment declined: card ending 4242", "r", k=5, semantic=False)
    declined = [h for h in hits if "declined" in h.item.text]
    assert len(declined) == 1 and declined[0].item.t == 10.0, [(h.item.t, h.item.text) for h in hits]
    assert hits[0] is declined[0]


def test_an_error_ranks_above_a_plain_line_that_matches_as_well(store):
    store.ensure_episode("e")
    store.add_items(
        [
            ItemRecord("e", "ocr", 5.0, "Upload of ledger-7 paused", 6.0),
            ItemRecord("e", "ocr", 9.0, "Upload of ledger-7 failed", 10.0),
        ]
    )
    hits = search(store, "upload ledger-7", "e", k=2, semantic=False)
    assert [h.item.t for h in hits] == [9.0, 5.0], [(h.item.text, h.score) for h in hits]


def test_search_keeps_to_the_latest_episode_unless_all_are_asked(tmp_path):
    from seer.memory.store import open_store

    root = str(tmp_path / "store")
    s = open_store(root)
    for name, created in (("monday", 1000.0), ("tuesday", 90000.0)):
        s.ensure_episode(name, created)
        s.add_items([ItemRecord(name, "ocr", 3.0, f"Invoice INV-20931 opened on {name}", 4.0)])
    s.close()

    def episodes(**kw):
        out = memory_search(MemorySearchInput(query="Invoice INV-20931", store=root, **kw), Context())
        return {h.episode for h in out.hits}

    assert episodes() == {"tuesday"}
    assert episodes(episode="monday") == {"monday"}
    assert episodes(episode="*") == {"monday", "tuesday"}


def test_as_of_a_moment_gives_the_state_then_not_the_latest(store):
    rec = Recorder(store, "p")
    for i, pct in enumerate((10, 40, 70)):
        rec.push(screen(TEXT + [f"Downloading heron-data.tar.gz     {pct}%"], caret=False), t=float(i))
    rec.push(screen(TEXT + ["Downloading heron-data.tar.gz     100%", "Download complete"], caret=False), t=3.0)
    rec.close()
    root = str(store.root)
    for at, want in ((0.5, "10"), (1.5, "40"), (2.5, "70"), (3.5, "100")):
        hits = memory_search(
            MemorySearchInput(query="Downloading heron-data.tar.gz", episode="p", at=at, store=root), Context()
        ).hits
        assert hits and want in hits[0].text.split()[-1], (at, [(h.t, h.text) for h in hits])
    first = memory_search(
        MemorySearchInput(query="Downloading heron-data.tar.gz", episode="p", store=root), Context()
    ).hits
    assert first[0].t == 0.0  # without a moment: when the line first appeared
