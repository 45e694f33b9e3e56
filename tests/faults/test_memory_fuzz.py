"""Random recordings through ingest: no crash, every kept frame decodes within the tolerance.

Each recording is a seeded random walk of screen-like edits (text typed and erased, boxes that
appear and stay a while, scrolls, pop-ups over pending text, size changes mid-stream, identical
frames held) encoded as GIF, WebM (VP8/VP9) or H.264 at a random frame rate, then ingested with OCR
on. The crash of issue 16 (pending regions compared by value, numpy crops inside) took a pending
region settling while another was still pending: these walks hit it within a few seeds.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw

from seer.context import Context
from seer.memory.frames import frame_pixels
from seer.memory.recorder import Recorder
from seer.memory.store import open_store
from seer.skills.memory.schema import MemoryIngestInput
from seer.skills.memory.tools import memory_ingest_video
from tests.memory.screens import font

CODECS = [
    ("gif", "gif", "rgb8"),
    ("webm", "libvpx", "yuv420p"),
    ("webm", "libvpx-vp9", "yuv420p"),
    ("mp4", "libx264", "yuv420p"),
]


def walk(seed: int, n: int) -> list[np.ndarray]:
    rng = random.Random(seed)
    w, h = rng.choice([(320, 240), (480, 272), (400, 300)])
    lines: list[str] = []
    boxes: list[tuple[int, int, int, int, tuple[int, int, int]]] = []
    f = font(14)
    frames = []
    for _i in range(n):
        op = rng.random()
        if op < 0.35:
            if lines and rng.random() < 0.6:
                lines[-1] += rng.choice(["a", "b ", "cd", "error", " 42"])
            else:
                lines.append(rng.choice(["$ ls", "ok", "Error: refused", "build", "pending"]))
        elif op < 0.5 and lines:
            lines = lines[rng.randrange(1, 4) :]  # scroll up
        elif op < 0.65:
            x, y = rng.randrange(0, w - 60), rng.randrange(0, h - 40)
            boxes.append(
                (
                    x,
                    y,
                    x + rng.randrange(30, 160),
                    y + rng.randrange(20, 90),
                    (rng.randrange(256), rng.randrange(256), rng.randrange(256)),
                )
            )
        elif op < 0.75 and boxes:
            boxes.pop(rng.randrange(len(boxes)))
        elif op < 0.78:
            w, h = h + 16, w  # a resize mid-stream
        img = Image.new("RGB", (w, h), (16, 16, 16))
        d = ImageDraw.Draw(img)
        for j, line in enumerate(lines[-12:]):
            d.text((6, 4 + 18 * j), line, fill=(230, 230, 230), font=f)
        for x0, y0, x1, y1, c in boxes:
            if x0 + 8 >= w or y0 + 8 >= h:
                continue
            d.rectangle((x0, y0, min(x1, w - 1), min(y1, h - 1)), fill=c, outline=(255, 255, 255))
            d.text((x0 + 4, y0 + 4), "OK", fill=(255, 255, 255), font=f)
        px = np.asarray(img)
        frames += [px] * rng.choice([1, 1, 2, 5])  # some frames held
    return frames


@pytest.mark.parametrize("seed", range(4))
def test_random_pushes_never_crash_and_rebuild_exactly(tmp_path, seed):
    store = open_store(tmp_path / "store")
    rec = Recorder(store, "fuzz")
    rng = random.Random(seed)
    t = 0.0
    kept = {}
    for px in walk(seed, 24):
        t += rng.choice([0.1, 0.5, 1.0, 3.0])
        r = rec.push(px, t=t)
        if r.kept:
            kept[r.frame_id] = px
    rec.close()
    for f in store.frames("fuzz"):
        assert np.array_equal(frame_pixels(store, f), kept[f.id])
    store.close()


@pytest.mark.parametrize("seed", range(4))
def test_random_recordings_ingest_without_crashing(tmp_path, seed):
    import av

    rng = random.Random(100 + seed)
    ext, codec, pix = CODECS[seed % len(CODECS)]
    fps = rng.choice([1, 4, 10, 30, 60]) if ext != "gif" else rng.choice([2, 5, 10])
    frames = walk(100 + seed, 18)
    w, h = max(p.shape[1] for p in frames), max(p.shape[0] for p in frames)
    w, h = w + w % 2, h + h % 2
    path = tmp_path / f"fuzz.{ext}"
    with av.open(str(path), "w") as out:
        s = out.add_stream(codec, rate=fps)
        s.width, s.height, s.pix_fmt = w, h, pix
        for px in frames:
            canvas = np.zeros((h, w, 3), np.uint8)  # a recording keeps one size: pad, like a screen recorder
            canvas[: px.shape[0], : px.shape[1]] = px
            for pkt in s.encode(av.VideoFrame.from_ndarray(canvas, format="rgb24")):
                out.mux(pkt)
        for pkt in s.encode():
            out.mux(pkt)
    r = memory_ingest_video(
        MemoryIngestInput(
            video=str(path), episode="fuzz", fps=rng.choice([0.5, 1, 2, 4]), store=str(tmp_path / "store")
        ),
        Context(),
    )
    assert r.frames_seen >= 1 and 1 <= r.frames_kept <= r.frames_seen
