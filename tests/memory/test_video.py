"""Video sampling: the frame on screen at each tick, frames held between ticks, true timestamps."""

from __future__ import annotations

import av
import numpy as np
from PIL import Image

from seer.context import Context
from seer.memory.video import on_screen
from seer.skills.memory.schema import MemoryIngestInput, MemorySearchInput
from seer.skills.memory.tools import memory_ingest_video, memory_search
from tests.memory.screens import TEXT, screen


def test_on_screen_takes_the_frame_showing_at_each_tick_and_every_long_one():
    frames = [("a", 0.0), ("popup", 0.3), ("b", 1.7), ("c", 2.05), ("d", 2.1), ("e", 5.0)]
    got = [(f, t) for f, t, _, _ in on_screen(frames, step=1.0, duration=6.0)]
    # popup: on screen at tick 1 (and 1.4 s long); b: on screen at tick 2; c: 50 ms between ticks
    assert got == [("a", 0.0), ("popup", 0.3), ("b", 1.7), ("d", 2.1), ("e", 5.0)]
    held = [(f, t) for f, t, _, _ in on_screen([("a", 0.0), ("popup", 0.2), ("b", 0.8), ("c", 2.0)], step=2.0)]
    assert ("popup", 0.2) in held  # 0.6 s between two ticks 2 s apart: still looked at


def _search(store, query):
    return memory_search(MemorySearchInput(query=query, episode="v", store=store), Context()).hits


def test_a_gif_popup_held_between_ticks_is_found_at_the_time_it_appeared(tmp_path):
    base, pop = screen(TEXT, caret=False), screen(TEXT, caret=False, popup="Quota warning for bucket tern-42")
    path = tmp_path / "held.gif"
    frames = [Image.fromarray(px) for px in (base, pop, base)]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=[300, 1400, 2000], loop=0)
    store = str(tmp_path / "store")
    memory_ingest_video(MemoryIngestInput(video=str(path), episode="v", fps=0.5, store=store), Context())
    hits = _search(store, "Quota warning")
    assert hits and "tern-42" in hits[0].text
    assert abs(hits[0].t - 0.3) < 0.05 and hits[0].t_end is not None and abs(hits[0].t_end - 1.7) < 0.1


def test_a_line_printed_between_samples_is_stamped_when_it_appeared(tmp_path):
    path = tmp_path / "fast.mp4"
    with av.open(str(path), "w") as out:
        s = out.add_stream("libx264", rate=30)
        s.width, s.height, s.pix_fmt = 800, 480, "yuv420p"
        for i in range(150):  # 5 s; the line appears at 2.4 s
            px = screen(TEXT + (["Deployed heron-7 to staging"] if i >= 72 else []), caret=False)
            for pkt in s.encode(av.VideoFrame.from_ndarray(np.ascontiguousarray(px), format="rgb24")):
                out.mux(pkt)
        for pkt in s.encode():
            out.mux(pkt)
    store = str(tmp_path / "store")
    memory_ingest_video(MemoryIngestInput(video=str(path), episode="v", fps=1, store=store), Context())
    hits = _search(store, "Deployed heron-7")
    assert hits and abs(hits[0].t - 2.4) <= 1 / 12 + 0.04, hits[0].t  # not at the 3 s sample
