"""Video ingest: decode with PyAV, sample at a fixed rate, keep what changed.

Every decoded frame is cheap to skip; only the sampled ones are converted to RGB and offered to the
`Recorder`, which detects scene changes (a new keyframe when most of the screen changed) and merges
frames that show nothing new. Video compression noise is absorbed by the change threshold, and
deltas are stored within a stated tolerance rather than pixel-exact.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, NotConfigured
from ..security import check_input_file, check_video
from .recorder import Recorder

VIDEO_TOLERANCE = 24  # per-channel difference from the decoded video below which a tile is not re-stored
VIDEO_QUALITY = 80  # lossy WebP for video frames: measured max error 23, mean 1 per channel on 720p UI


@dataclass(frozen=True, slots=True)
class IngestReport:
    frames_seen: int
    frames_kept: int
    bytes_raw: int  # the sampled frames as raw RGB
    bytes_stored: int  # what the kept frames added to the store (images only)
    seconds: float
    video_seconds: float
    ocr_seconds: float


def ingest_video(path: str | Path, recorder: Recorder, fps: float = 1.0, start: float | None = None,
                 progress: Callable[[float, float | None, str | None], None] | None = None) -> IngestReport:
    """Sample `path` at `fps` frames a second into the recorder's episode, starting at `start` seconds."""
    try:
        import av
    except ImportError:
        raise NotConfigured("video ingest needs PyAV: pip install 'av>=14,<19'") from None
    p = Path(path).expanduser()
    check_input_file(p, what="video")  # under the allowed folders, a regular file (security.py)
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
        check_video(container, stream, name=p.name)  # frame size and duration limits, before decoding
        stream.thread_type = "AUTO"
        duration = float(stream.duration * stream.time_base) if stream.duration else (
            container.duration / 1e6 if container.duration else None)
        step = 1.0 / fps
        next_t = 0.0
        try:
            for frame in container.decode(stream):
                ft = float(frame.pts * stream.time_base) if frame.pts is not None else next_t
                if ft + 1e-6 < next_t:
                    continue
                next_t = (int(ft / step + 1e-6) + 1) * step
                pixels = frame.to_ndarray(format="rgb24")
                seen += 1
                raw += pixels.nbytes
                result = recorder.push(pixels, t=offset + ft, source=f"{p.name}@{ft:.2f}s")
                if result.kept:
                    kept += 1
                    stored += recorder.store.frame(result.frame_id).bytes if result.frame_id else 0
                if progress and seen % 10 == 0:
                    progress(ft, duration, f"{kept} of {seen} sampled frames kept")
        except av.error.FFmpegError as exc:
            if seen == 0:
                raise InputError(f"{p} could not be decoded ({exc})") from None
            # a truncated file: keep what decoded
    recorder.close()
    video_s = (next_t - step) if seen else 0.0
    return IngestReport(seen, kept, raw, stored, round(time.perf_counter() - t0, 2), round(max(video_s, 0.0), 2),
                        round(recorder.ocr_seconds, 2))
