"""The memory tools end to end: add, ingest a real video, search, get, context budgets, stats, compact."""

import io

import numpy as np
import pytest
from PIL import Image

from seer.memory.compact import Policy, compact
from seer.memory.frames import frame_pixels
from seer.memory.store import open_store
from seer.skills.memory import SKILLS
from tests.memory.screens import TEXT, screen

TOOLS = {s.name: s for s in SKILLS}


def _png(px, path):
    Image.fromarray(px).save(path)
    return str(path)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """One episode from screenshots (with a note, an action, a pin) and one from a video."""
    root = tmp_path_factory.mktemp("mem")
    store = str(root / "store")
    add = TOOLS["memory_add"]
    shots = [
        screen(TEXT),
        screen(TEXT, caret=False),
        screen(TEXT, popup="Error: disk quota exceeded"),
        screen(TEXT + ["Renamed the billing job"]),
    ]
    outs = []
    for i, px in enumerate(shots):
        extra = {"note": "quota error seen"} if i == 2 else {}
        extra |= {"action": "clicked Retry at (420,260)", "pin": True} if i == 3 else {}
        outs.append(
            add.invoke(
                {"image": _png(px, root / f"s{i}.png"), "episode": "shots", "t": float(i * 10), "store": store, **extra}
            )
        )

    import av

    video = root / "clip.mp4"
    with av.open(str(video), "w") as out:
        st = out.add_stream("libx264", rate=5)
        st.width, st.height, st.pix_fmt = 800, 480, "yuv420p"
        for i in range(60):  # 12 s: idle, a warning for 4 s, then a typed line
            t = i / 5
            px = screen(
                TEXT,
                caret=int(t * 2) % 2 == 0,
                popup="Warning: certificate expires soon" if 4 <= t < 8 else None,
                pointer=(600 + int(t) * 5, 120),
            )
            if t >= 8:
                px = screen(TEXT + ["Scheduled the certificate renewal"], pointer=(640, 120))
            for packet in st.encode(av.VideoFrame.from_ndarray(px, format="rgb24")):
                out.mux(packet)
        for packet in st.encode():
            out.mux(packet)
    ingest = TOOLS["memory_ingest_video"].invoke({"video": str(video), "episode": "video", "store": store})
    return {"root": root, "store": store, "adds": outs, "shots": shots, "ingest": ingest}


def test_add_keeps_changes_and_merges_a_blink(recorded):
    a = recorded["adds"]
    assert a[0].kept and not a[1].kept and a[1].merged_into == a[0].frame_id
    assert a[2].kept and any("quota" in t for t in a[2].text)
    assert a[3].kept and len(a[2].note_ids) == 1 and len(a[3].note_ids) == 1


def test_video_ingest_keeps_few_frames_and_reads_the_warning(recorded):
    r = recorded["ingest"]
    assert r.frames_seen == 12 and 2 <= r.frames_kept <= 5
    assert r.bytes_stored < r.bytes_raw / 50
    hits = (
        TOOLS["memory_search"]
        .invoke({"query": "certificate expires", "episode": "video", "store": recorded["store"]})
        .hits
    )
    assert hits and 4 <= hits[0].t < 8 and "expires" in hits[0].text


def test_search_finds_text_note_and_action(recorded):
    search = TOOLS["memory_search"]
    store = recorded["store"]
    hit = search.invoke({"query": "disk quota exceeded", "episode": "shots", "store": store}).hits[0]
    assert hit.t == 20.0 and hit.frame_id == recorded["adds"][2].frame_id and hit.box
    assert search.invoke({"query": "clicked Retry", "store": store, "kinds": ["action"]}).hits[0].t == 30.0


def test_get_returns_the_exact_frame_as_png_and_writes_it(recorded, tmp_path):
    get = TOOLS["memory_get"]
    fid = recorded["adds"][2].frame_id
    out = get.invoke({"frame_id": fid, "store": recorded["store"], "output": str(tmp_path / "f.png")})
    png = out.image()
    px = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    assert np.array_equal(px, recorded["shots"][2])  # screenshots are stored losslessly
    assert (tmp_path / "f.png").read_bytes() == png
    assert out.notes == ["quota error seen"] and any("quota" in t for t in out.text)
    small = get.invoke({"frame_id": fid, "store": recorded["store"], "max_side": 400})
    assert max(small.image_size) == 400


def test_get_unknown_frame_is_an_input_error(recorded):
    from seer.errors import InputError

    with pytest.raises(InputError, match="no frame 99999"):
        TOOLS["memory_get"].invoke({"frame_id": 99999, "store": recorded["store"]})


@pytest.mark.parametrize("budget", [20, 120, 400, 1500, 6000])
@pytest.mark.parametrize("provider", [None, "anthropic", "openai", "qwen"])
def test_context_never_exceeds_the_budget(recorded, budget, provider):
    c = TOOLS["memory_context"].invoke(
        {"episode": "shots", "budget": budget, "provider": provider, "query": "disk quota", "store": recorded["store"]}
    )
    assert c.tokens <= budget
    if budget >= 1500:
        assert any(i.kind == "image" for i in c.items) and "quota" in c.text
        assert c.image()[:8] == b"\x89PNG\r\n\x1a\n"


def test_stats_counts_frames_and_episodes(recorded):
    s = TOOLS["memory_stats"].invoke({"store": recorded["store"]})
    assert {e.episode for e in s.episodes} == {"shots", "video"}
    assert s.frames_merged >= 1 and s.bytes_stored > 0


def test_a_short_episode_costs_few_index_bytes(tmp_path):
    """Issue 16: a dozen SQLite tables and indexes at 4 KB a page, plus the open log's 32 KB index
    (`-shm`, no data) counted as stored, cost more than a short recording's images."""
    store = str(tmp_path / "store")
    TOOLS["memory_add"].invoke({"image": _png(screen(TEXT), tmp_path / "a.png"), "episode": "e", "store": store})
    s = open_store(store)
    try:
        st = s.stats()
        assert st["items"] >= 3 and st["db_bytes"] <= 32_000, st
    finally:
        s.close()


def test_compact_moves_old_frames_down_and_keeps_pinned_originals(recorded, tmp_path):
    import shutil

    root = tmp_path / "copy"
    shutil.copytree(recorded["store"], root)
    store = open_store(root)
    try:
        frames = store.frames("shots")
        pinned = next(f for f in frames if f.pinned)
        noted = next(f for f in frames if f.id == recorded["adds"][2].frame_id)
        now = max(f.wall for f in frames)
        r1 = compact(store, "shots", Policy(downscale_after_s=3600, text_after_s=10 * 86400), now=now + 2 * 86400)
        assert r1.frames_downscaled >= 1
        tiers = {f.id: f.tier for f in store.frames("shots")}
        assert tiers[pinned.id] == 0 and tiers[noted.id] == 0  # pinned and annotated stay full
        r2 = compact(store, "shots", Policy(downscale_after_s=3600, text_after_s=10 * 86400), now=now + 30 * 86400)
        assert r2.frames_to_text >= 1
        after = {f.id: f for f in store.frames("shots")}
        old = next(f for f in after.values() if f.tier == 2)
        assert old.summary and frame_pixels(store, old).shape[1] <= 160  # only a thumbnail is left
        assert np.array_equal(frame_pixels(store, after[pinned.id]), recorded["shots"][3])
        assert np.array_equal(frame_pixels(store, after[noted.id]), recorded["shots"][2])
    finally:
        store.close()


def test_skills_are_registered_with_cli_verbs():
    from seer.skills.registry import skills

    names = {s.name: s.cli for s in skills()}
    for name, verb in {
        "memory_add": "memory add",
        "memory_ingest_video": "memory ingest",
        "memory_search": "memory search",
        "memory_context": "memory context",
        "memory_get": "memory get",
        "memory_stats": "memory stats",
        "memory_compact": "memory compact",
    }.items():
        assert names[name] == verb
        assert "store" in TOOLS[name].input_model.model_fields
        assert len(TOOLS[name].description) <= 1000


def test_add_reads_a_new_dialog_with_white_text_on_colour(tmp_path):
    """Issue 16: a screenshot whose only change is an error dialog (white on red, a blue button)
    was stored with its changed box and no text, so search could not find the error."""
    from PIL import ImageDraw

    from tests.memory.screens import font

    store = str(tmp_path / "store")
    base = screen(TEXT)
    img = Image.fromarray(base)
    d = ImageDraw.Draw(img)
    d.rectangle((180, 170, 660, 310), fill=(192, 36, 40))
    d.text((200, 190), "Deploy failed: quota exceeded on node-7", fill=(255, 255, 255), font=font(15))
    d.rectangle((520, 262, 640, 296), fill=(30, 100, 220))
    d.text((548, 270), "Retry", fill=(255, 255, 255), font=font(15))
    add = TOOLS["memory_add"]
    add.invoke({"image": _png(base, tmp_path / "a.png"), "episode": "e", "store": store})
    out = add.invoke({"image": _png(np.asarray(img), tmp_path / "b.png"), "episode": "e", "store": store})
    assert out.kept and out.changed
    assert any("quota exceeded" in t for t in out.text), out.text
    assert any("Retry" in t for t in out.text), out.text
    hits = TOOLS["memory_search"].invoke({"query": "Deploy failed", "episode": "e", "store": store}).hits
    assert hits and hits[0].frame_id == out.frame_id


def test_cli_search_starts_without_the_ocr_model_and_document_stacks(recorded):
    """Issue 16: `seer memory search` in a new process took 2.4 s, most of it importing every
    skill family, OpenCV and the recorder, and loading the embedding weights by copy."""
    import subprocess
    import sys

    probe = (
        "import sys; from seer.cli import main; rc = main(['memory', 'search', 'quota', '--episode', 'shots', "
        f"'--store', {recorded['store']!r}, '--json']); heavy = ['cv2', 'onnxruntime', 'seer.skills.vision', "
        "'seer.skills.docs', 'seer.skills.gui', 'seer.memory.recorder', 'seer.memory.video']; "
        "print([m for m in heavy if m in sys.modules], rc)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True).stdout
    assert "disk quota exceeded" in out
    assert out.strip().splitlines()[-1] == "[] 0", out
