"""Video ingest: decode with PyAV, look at what was on screen at each tick, keep what changed.

A frame is looked at when it is the one on screen at a tick (not the first decoded after it: a
GIF holds frames for seconds) or when it stays half a second or more; it is stamped with the time it
appeared. Every decoded frame is cheap to skip; only the sampled ones are converted to RGB and offered to the
`Recorder`, which detects scene changes (a new keyframe when most of the screen changed) and merges
frames that show nothing new. Video compression noise is absorbed by the change threshold, and
deltas are stored within a stated tolerance rather than pixel-exact.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

from ..config import Settings
from ..errors import InputError, NotConfigured
from ..perception.change import difference_mask
from ..perception.geometry import Box
from ..security import check_input_file, check_video
from .recorder import Recorder

T = TypeVar("T")

VIDEO_TOLERANCE = 24  # per-channel difference from the decoded video below which a tile is not re-stored
HOLD_S = 0.5  # a frame on screen this long is looked at even between ticks
BETWEEN = 12  # frames kept between two looks, to find when a change appeared (≤ step/12 late)
# lossy WebP for video frames: on decoded terminal video a mean error of 0.9-1.6 per channel (q80:
# 0.7-1.3), text as legible, a quarter smaller
VIDEO_QUALITY = 60


@dataclass(frozen=True, slots=True)
class IngestReport:
    frames_seen: int
    frames_kept: int
    bytes_raw: int  # the sampled frames as raw RGB
    bytes_stored: int  # what the kept frames added to the store (images only)
    seconds: float
    video_seconds: float
    ocr_seconds: float


def ingest_video(
    path: str | Path,
    recorder: Recorder,
    fps: float = 1.0,
    start: float | None = None,
    progress: Callable[[float, float | None, str | None], None] | None = None,
    settings: Settings | None = None,
) -> IngestReport:
    """Sample `path` at `fps` frames a second into the recorder's episode, starting at `start` seconds."""
    try:
        import av
    except ImportError:
        raise NotConfigured("video ingest needs PyAV: pip install 'av>=14,<19'") from None
    p = Path(path).expanduser()
    settings = settings or Settings()  # the call's, else the built-in defaults
    check_input_file(p, settings, what="video")  # under the call's allowed folders, a regular file (security.py)
    if not p.is_file():
        raise InputError(f"video file not found: {p}")
    if fps <= 0 or fps > 30:
        raise InputError(f"fps must be in (0, 30], got {fps}")
    offset = recorder.last_t + 1.0 if start is None and recorder.prev_id else (start or 0.0)
    t0 = time.perf_counter()
    seen = kept = raw = stored = 0
    try:
        container = av.open(str(p))
    except (av.error.InvalidDataError, av.error.FFmpegError, OSError) as exc:
        raise InputError(f"{p} is not a video PyAV can open ({exc})") from None
    with container:
        if not container.streams.video:
            raise InputError(f"{p} has no video stream")
        stream = container.streams.video[0]
        check_video(container, stream, settings, name=p.name)  # frame size and duration limits, before decoding
        stream.thread_type = "AUTO"
        rate = float(stream.average_rate or stream.guessed_rate or 0)
        if rate >= 8 * fps:
            # frames no other frame refers to (B-frames) are left undecoded: at 30-60 fps that
            # halves decoding, and the rest are still under 0.1 s apart
            stream.codec_context.skip_frame = "NONREF"
        duration = (
            float(stream.duration * stream.time_base)
            if stream.duration
            else (container.duration / 1e6 if container.duration else None)
        )
        step = 1.0 / fps
        end = 0.0
        try:
            for frame, t, until, between in on_screen(_timed(container.decode(stream), stream), step, duration):
                pixels = frame.to_ndarray(format="rgb24")
                seen += 1
                raw += pixels.nbytes
                result = recorder.push(
                    pixels,
                    t=offset + t,
                    source=f"{p.name}@{t:.2f}s",
                    appeared=lambda boxes: offset + first_showing(between, pixels, boxes, t),
                )
                recorder.hold(offset + until)
                end = until
                if result.kept:
                    kept += 1
                    stored += recorder.store.frame(result.frame_id).bytes if result.frame_id else 0
                if progress and seen % 10 == 0:
                    progress(t, duration, f"{kept} of {seen} sampled frames kept")
        except av.error.FFmpegError as exc:
            if seen == 0:
                raise InputError(f"{p} could not be decoded ({exc})") from None
            # a truncated file: keep what decoded
    recorder.close()
    return IngestReport(
        seen, kept, raw, stored, round(time.perf_counter() - t0, 2), round(end, 2), round(recorder.ocr_seconds, 2)
    )


def _timed(frames: Iterator, stream) -> Iterator[tuple[object, float]]:
    """(frame, presentation time in seconds); a frame without a time, or one out of order, follows the last."""
    rate = float(stream.average_rate or stream.guessed_rate or 30)
    last = None
    for frame in frames:
        t = float(frame.pts * stream.time_base) if frame.pts is not None else None
        if t is None or (last is not None and t <= last):
            t = 0.0 if last is None else last + 1.0 / rate
        last = t
        yield frame, t


def on_screen(
    frames: Iterable[tuple[T, float]], step: float, duration: float | None = None, hold: float = HOLD_S
) -> Iterator[tuple[T, float, float, list[tuple[T, float]]]]:
    """The frames to look at: the one on screen at each tick of `step` seconds, and every frame that
    stays on screen `hold` seconds or more even between ticks (a GIF or variable-rate recording holds
    a pop-up that long). Yields (frame, when it appeared, the last moment it is known on screen, the
    frames skipped since the last one yielded: at most `BETWEEN`, evenly spread, earliest first)."""
    prev, prev_t, first = None, 0.0, True
    between: list[tuple[T, float]] = []
    for frame, t in frames:
        if prev is not None:
            tick = math.ceil((prev_t - 1e-6) / step) * step  # the first tick since it appeared
            if first or tick < t - 1e-6 or t - prev_t >= hold:
                yield prev, prev_t, max(prev_t, t - 1e-3), between
                first, between = False, []
            elif not between or prev_t - between[-1][1] >= step / BETWEEN:
                between.append((prev, prev_t))
        prev, prev_t = frame, t
    end = duration if duration and duration > prev_t else math.inf  # unknown: the last frame stays
    if prev is not None and (first or math.ceil((prev_t - 1e-6) / step) * step < end - 1e-6 or end - prev_t >= hold):
        yield prev, prev_t, prev_t if end == math.inf else end, between


def first_showing(between: list[tuple[object, float]], pixels: np.ndarray, boxes: list[Box], t: float) -> float:
    """The earliest time among the skipped frames from which the changed `boxes` already look as in
    `pixels` (binary search: a change, once made, stays until the sample); `t` when none does."""

    def shows(frame) -> bool:
        px = frame.to_ndarray(format="rgb24")
        if px.shape != pixels.shape:
            return False
        differ = sum(
            int(difference_mask(px[b.y0 : b.y1, b.x0 : b.x1], pixels[b.y0 : b.y1, b.x0 : b.x1], 48).sum())
            for b in boxes
        )
        return differ <= 0.02 * max(1, sum(b.area for b in boxes))

    lo, hi = 0, len(between)  # invariant: between[hi:] all show it (hi == len: only the sample itself)
    while lo < hi:
        mid = (lo + hi) // 2
        if shows(between[mid][0]):
            hi = mid
        else:
            lo = mid + 1
    return between[hi][1] if hi < len(between) else t
