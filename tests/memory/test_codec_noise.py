"""Deltas of decoded lossy video: codec noise is not a change, a scroll stores only the new rows."""

from __future__ import annotations

import io

import av
import numpy as np
from PIL import Image

from seer.memory.codec import decode_image, encode_image, make_delta
from seer.memory.video import VIDEO_TOLERANCE
from seer.perception.geometry import Box
from tests.memory.screens import PROMPT, TEXT, H, W, screen, terminal

LINES = TEXT + [
    "Invoice INV-20931 from Acme Corp",
    "Deployed heron-7 to staging",
    "Disk almost full: 2.1 GB free",
    "Payment declined: card ending 4242",
    "Standup meeting in 5 minutes",
    "Build #4127 finished",
]


def _through_h264(frames: list[np.ndarray], crf: int) -> list[np.ndarray]:
    """The frames as a video player shows them after H.264 at `crf` (4:2:0 chroma, ringing on edges)."""
    buf = io.BytesIO()
    with av.open(buf, "w", format="mp4") as out:
        s = out.add_stream("libx264", rate=1)
        s.width, s.height, s.pix_fmt = W, H, "yuv420p"
        s.options = {"crf": str(crf), "preset": "veryfast"}
        for px in frames:
            for pkt in s.encode(av.VideoFrame.from_ndarray(np.ascontiguousarray(px), format="rgb24")):
                out.mux(pkt)
        for pkt in s.encode():
            out.mux(pkt)
    buf.seek(0)
    with av.open(buf) as c:
        return [f.to_ndarray(format="rgb24") for f in c.decode(c.streams.video[0])]


def test_the_same_screen_decoded_twice_is_no_delta():
    px = screen(LINES, caret=False, pointer=None)
    (a,) = _through_h264([px], crf=23)
    (b,) = _through_h264([px], crf=30)  # other noise on every glyph edge
    assert np.abs(a.astype(int) - b).max() > VIDEO_TOLERANCE  # the noise is over the tolerance itself
    d = make_delta(a, b, VIDEO_TOLERANCE)
    assert d is not None and d.boxes == [], d.boxes


def test_a_new_line_in_noisy_video_is_stored_and_nothing_else():
    a, b = _through_h264(
        [screen(LINES[:6], caret=False, pointer=None), screen(LINES[:7], caret=False, pointer=None)], crf=28
    )
    d = make_delta(a, b, VIDEO_TOLERANCE)
    line = Box(20, 40 + 6 * 24, W, 40 + 7 * 24)
    assert d is not None and d.boxes
    assert all(b.y0 >= line.y0 - 8 and b.y1 <= line.y1 + 8 for b in d.boxes), d.boxes
    assert sum(b.intersection(line) for b in d.boxes) > 0.5 * sum(b.area for b in d.boxes)


def test_a_scroll_of_noisy_text_stores_only_the_new_row():
    # a terminal filling up: every line moves up one row and a new one appears at the bottom
    a, b = _through_h264(
        [screen(LINES[:9], caret=False, pointer=None), screen(LINES[1:10], caret=False, pointer=None)], crf=28
    )
    region = Box(0, 36, W, 40 + 9 * 24 + 4)
    d = make_delta(a, b, VIDEO_TOLERANCE, scroll=(region, -24), search=False)
    assert d is not None and d.shift == (region, -24)
    assert d.area <= 2 * 24 * W, d.boxes  # the new bottom row, not the eight that only moved
    assert all(b.y0 >= 40 + 7 * 24 for b in d.boxes), d.boxes


def test_decoded_terminal_video_takes_an_error_bounded_palette():
    """Issue 16, storage: decoded terminal video (coloured glyphs smeared by 4:2:0 chroma, ringing)
    holds thousands of colours near a few. The bounded palette moves each within the tolerance onto
    a common one and stores a third less than lossy WebP; the octree palette went over the
    tolerance on such crops and lost to lossy WebP."""
    rows = [(PROMPT + f"python3 run_{i}.py --check", (80, 220, 80) if i % 2 else (90, 140, 255)) for i in range(16)]
    (video,) = _through_h264([terminal(rows, (W, H))], crf=23)
    data = encode_image(video, quality=60, tolerance=VIDEO_TOLERANCE)
    lossy = io.BytesIO()
    Image.fromarray(video).save(lossy, format="WEBP", quality=60, method=2)
    assert len(data) <= 0.75 * lossy.tell(), (len(data), lossy.tell())
    assert int(np.abs(decode_image(data).astype(np.int16) - video).max()) <= VIDEO_TOLERANCE
