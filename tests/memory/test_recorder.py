"""Dedup thresholds and delta reconstruction, through the recorder and the store."""

import json

import numpy as np
from PIL import Image

from seer.memory.codec import apply_delta, decode_image, encode_image, make_delta
from seer.memory.frames import frame_pixels
from seer.memory.recorder import Recorder, RecorderOptions
from tests.memory.screens import TEXT, screen

NO_OCR = RecorderOptions(ocr=False)


def test_caret_blink_and_pointer_are_merged_a_changed_word_is_kept(store):
    rec = Recorder(store, "e", NO_OCR)
    first = rec.push(screen(TEXT), t=0)
    blink = rec.push(screen(TEXT, caret=False), t=1)
    moved = rec.push(screen(TEXT, caret=False, pointer=(300, 400)), t=2)
    edited = list(TEXT)
    edited[3] = "Owner: Dana, due Monday"
    word = rec.push(screen(edited, pointer=(300, 400)), t=3)
    rec.close()
    assert first.kept and not blink.kept and not moved.kept and word.kept
    assert blink.merged_into == first.frame_id == moved.merged_into
    frames = store.frames("e")
    assert [f.id for f in frames] == [first.frame_id, word.frame_id]
    assert frames[0].merged == 2 and frames[0].t_end == 2  # the merged frames extend how long it was seen
    assert frames[1].kind == "delta" and frames[1].bytes < 2000  # a word costs a small crop
    assert len(word.changed) == 1 and word.changed[0].y0 >= 40 + 3 * 24 - 6


def test_reconstruction_is_pixel_exact_through_chains_scrolls_and_returns(store):
    rec = Recorder(store, "e", NO_OCR)
    many = [
        f"{i:02d} " + " ".join(["alpha", "beta", "gamma", "delta", "omega"][(i * j) % 5] for j in range(1, 7 + i % 4))
        for i in range(40)
    ]
    shots = [
        screen(TEXT),
        screen(TEXT + ["typing a new line"]),
        screen(TEXT + ["typing a new line here"]),
        screen(many[:17], caret=False),
        screen(many[3:20], caret=False),
        screen(many[6:23], caret=False),
        screen(TEXT + ["typing a new line here"], popup="Saved"),
        screen(TEXT + ["typing a new line here"]),
    ]  # back to an earlier screen
    ids = []
    for i, px in enumerate(shots):
        r = rec.push(px, t=float(i))
        assert r.kept, i
        ids.append(r.frame_id)
    rec.close()
    frames = {f.id: f for f in store.frames("e")}
    for fid, px in zip(ids, shots):
        assert np.array_equal(frame_pixels(store, frames[fid]), px), fid
    kinds = [frames[i].kind for i in ids]
    assert kinds.count("key") <= 2, kinds  # the scrolled pages and the return are deltas
    scrolled = json.loads(frames[ids[4]].delta)
    assert scrolled["shift"] and scrolled["shift"][4] == -72
    assert frames[ids[7]].bytes < 3000  # closing the pop-up: a delta against the screen before it


def test_lossy_tolerance_bounds_every_pixel():
    rng = np.random.default_rng(3)
    base = screen(TEXT)
    frame = np.clip(base.astype(np.int16) + rng.integers(-20, 21, base.shape), 0, 255).astype(np.uint8)
    frame[200:260, 100:400] = 30  # a real change among the noise
    d = make_delta(base, frame, tolerance=24)
    assert d is not None and d.area < 0.1 * base.shape[0] * base.shape[1]
    out = apply_delta(base, d.spec(), d.atlas)
    assert int(np.abs(out.astype(np.int16) - frame).max()) <= 24
    assert np.array_equal(out[200:260, 100:400], frame[200:260, 100:400])


def test_lossy_storage_does_not_make_unchanged_text_stored_again(store):
    """Issue 16: deltas were taken against the base as rebuilt from lossy WebP, whose error on the
    edges of coloured terminal text (over 100 per channel) made every tile of unchanged text look
    changed, so the page was stored again at each frame. Deltas compare exact pixels now."""
    from PIL import ImageDraw

    from tests.memory.screens import font

    img = Image.new("RGB", (800, 480), (18, 19, 20))
    draw = ImageDraw.Draw(img)
    for i in range(22):
        draw.text(
            (10, 8 + i * 21),
            f"dev@bench:~/work$ python3 run_{i}.py --check",
            font=font(16),
            fill=(80, 220, 80) if i % 2 else (90, 140, 255),
        )
    page = np.asarray(img).copy()
    page[400:464, 700:780] = np.random.default_rng(6).integers(
        0, 256, (64, 80, 3)
    )  # a photo: no palette fits, lossy WebP
    rec = Recorder(store, "e", RecorderOptions(ocr=False, tolerance=24, quality=60))
    rec.push(page, t=0)
    frames = [page]
    for k in range(1, 4):  # one small change a frame
        px = frames[-1].copy()
        px[100 * k : 100 * k + 30, 420:620] = (200, 60 * k, 40)
        frames.append(px)
        rec.push(px, t=k)
    rec.close()
    kept = store.frames("e")
    assert [f.kind for f in kept] == ["key", "delta", "delta", "delta"]
    for f in kept[1:]:
        area = sum((b[2] - b[0]) * (b[3] - b[1]) for b in json.loads(f.delta)["boxes"])
        assert area <= 8 * 2 * 32 * 32, area  # the change's tiles, not the page
    last = frame_pixels(store, kept[-1])
    assert np.array_equal(last[300:330, 420:620], frames[-1][300:330, 420:620])
    keyframe = frame_pixels(store, kept[0])
    # elsewhere the page is the keyframe as stored: no error beyond the codec's own
    assert (
        float(np.abs(last.astype(np.int16) - frames[-1]).mean())
        <= float(np.abs(keyframe.astype(np.int16) - page).mean()) + 0.1
    )


def test_lossy_images_take_a_palette_within_tolerance():
    rng = np.random.default_rng(5)
    text = screen(TEXT)
    data = encode_image(text, quality=80, tolerance=24)
    assert len(data) < len(encode_image(text, quality=80))  # flat UI text: the palette image is smaller
    assert int(np.abs(decode_image(data).astype(np.int16) - text).max()) <= 24
    photo = rng.integers(0, 256, (64, 64, 3), dtype=np.uint8)  # no palette fits: lossy WebP
    assert encode_image(photo, quality=80, tolerance=24) == encode_image(photo, quality=80)


def test_new_screen_becomes_a_keyframe(store):
    rec = Recorder(store, "e", NO_OCR)
    rec.push(screen(TEXT), t=0)
    other = np.full_like(screen(TEXT), 40)
    other[100:300, 100:700] = 220
    r = rec.push(other, t=1)
    rec.close()
    assert store.frame(r.frame_id).kind == "key"
    assert np.array_equal(frame_pixels(store, store.frame(r.frame_id)), other)


def test_recorder_resumes_an_episode_across_processes(store):
    Recorder(store, "e", NO_OCR).push(screen(TEXT), t=0)
    rec = Recorder(store, "e", NO_OCR)  # a later call: state comes back from the store
    assert not rec.push(screen(TEXT, caret=False), t=5).kept
    r = rec.push(screen(TEXT + ["one more line"]), t=6)
    rec.close()
    assert r.kept and store.frame(r.frame_id).kind == "delta"


def test_two_edits_on_one_line_settle_without_comparing_pixels(store):
    """Issue 16's crash: both edits widen to the same line, so two pending regions share a box and
    a time; settling compared them by value, numpy crops included."""
    line = "alpha 1111 beta gamma delta epsilon zeta eta theta iota kappa 2222 lambda"
    rec = Recorder(store, "e")
    rec.push(screen([line], caret=False), t=0)
    rec.push(screen([line], caret=False), t=3)  # read: the line is now a span
    edited = screen([line.replace("1111", "7777").replace("2222", "9999")], caret=False)
    assert len(rec.push(edited, t=4).changed) == 2
    rec.push(edited, t=7)
    rec.close()
    texts = [it.text for it in store.items("e", kinds=["ocr"])]
    assert any("7777" in t and "9999" in t for t in texts), texts


def test_a_progress_figure_redrawn_in_place_is_read_at_each_state_with_its_label(store):
    """A line that changes in place is not typing: each state is read as it was (issue 16, 'as of t')."""
    rec = Recorder(store, "e")
    for i, pct in enumerate((10, 40, 70)):
        rec.push(screen(TEXT + [f"Downloading heron-data.tar.gz     {pct}%"], caret=False), t=float(i))
    rec.close()
    lines = [it.text for it in store.items("e", kinds=["ocr"]) if "Downloading" in it.text]
    for pct in (10, 40, 70):
        assert any(f"{pct}" in t for t in lines), lines
    spans = sorted((it.t, it.t_end) for it in store.items("e", kinds=["ocr"]) if "Downloading" in it.text)
    assert spans[0] == (0.0, 1.0), spans  # the 10% state ended when 40% was drawn


def test_new_output_is_read_fast_and_a_dialog_accurately(store, monkeypatch):
    """Issue 16: the accurate engine read every strip of new terminal output (1080p ingest at 7×
    real time); it is for coloured boxes such as dialogs and buttons, whose light text Tesseract misses."""
    from seer.memory import recorder
    from seer.perception.ocr import TextLine

    calls = []

    def spy(pixels, box, *cache, fast=True):
        calls.append((box.width, box.height, fast))
        return [TextLine("words read here", box, 0.9)]

    monkeypatch.setattr(recorder, "read_region", spy)
    rec = Recorder(store, "e")
    base = np.full((1080, 1920, 3), 20, np.uint8)
    strip = base.copy()
    for x in range(10, 1200, 14):  # new output: thin strokes on the screen's background
        strip[510:590, x : x + 3] = 200
    dialog = strip.copy()
    dialog[700:900, 700:1300] = (190, 40, 40)
    dialog[760:780, 740:1000] = 255  # its text
    for t, px in enumerate([base, strip, strip, strip, dialog, dialog, dialog]):
        rec.push(px, t=float(t))
    rec.close()
    wide = [fast for w, h, fast in calls if w >= 1100 and 80 <= h < 200]
    boxed = [fast for w, h, fast in calls if 600 <= w < 700 and 200 <= h < 260]
    assert wide == [True] and boxed == [False], calls


def test_a_prompt_printed_again_is_copied_not_stored(store):
    """Issue 16, storage: every command of a terminal session prints the coloured prompt again on a
    new line; it was stored each time (a third of a terminal recording's deltas). Columns that
    repeat rows of the base elsewhere are copied from there; the rebuild is still pixel-exact."""
    from tests.memory.screens import PROMPT, terminal

    green, grey = (80, 220, 80), (220, 220, 220)
    rows = [(PROMPT + "ls", green), ("notes.txt  app.py", grey)]
    frames = [terminal(rows), terminal(rows + [(PROMPT, green)])]
    rec = Recorder(store, "e", RecorderOptions(ocr=False))
    for t, px in enumerate(frames):
        rec.push(px, t=float(t))
    rec.close()
    key, delta = store.frames("e")
    spec = json.loads(delta.delta)
    copied = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1, _ in spec["copies"])
    stored = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in spec["boxes"])
    assert copied > 2 * stored, spec  # the prompt comes from the line above; little is left to store
    assert np.array_equal(frame_pixels(store, delta), frames[1])
    d = make_delta(frames[0], frames[1])
    assert d is not None and np.array_equal(apply_delta(frames[0], d.spec(), d.atlas), frames[1])
