"""Real-style recordings for the memory bench, rendered here with real programs, and their scores.

Recordings (cached in bench/out/memory/real/):
- terminal: a shell session recorded with asciinema and played by asciinema-player in Chromium
  (bench/memory_terminal.py), as a variable-frame-rate GIF at 1280×720, H.264 at 30 fps at
  1920×1080 and VP9 WebM at 2 fps at 1280×720;
- browser: a local issue tracker driven in Chromium, captured from its screencast
  (bench/memory_browser.py), as VP8 WebM at the screencast's own frame times and H.264 at 60 fps.

Truth is the driving script's: which string was on screen from when to when. Queries: the exact
string, a paraphrase made from the event's description by a fixed template set that the ranking
code never sees, and "as of time t" queries (the progress bar and the version file, whose text
changes: the hit must show the state at t).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import time
from bisect import bisect_right
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
from PIL import Image

from bench import memory_browser, memory_terminal

OUT = Path(__file__).parent / "out" / "memory" / "real"
NPM = Path(__file__).parent / "out" / "npm"
VERSION = 1

TEMPLATES = ("{what}", "when {what}", "the moment {what}", "find the screen where {what}", "{what}, when was that")


@dataclass
class Recording:
    name: str
    path: Path
    size: tuple[int, int]
    fps: str
    events: list  # Shown
    as_of: list[tuple[str, float, str]]  # (query, t, text the hit must hold)
    png_per_frame: float  # mean PNG size of a screen of this recording


def _decode(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def _png_mean(shots: list[bytes], size: tuple[int, int]) -> float:
    sample = shots[:: max(1, len(shots) // 12)]
    total = 0
    for b in sample:
        img = Image.open(io.BytesIO(b)).convert("RGB")
        if img.size != size:
            img = img.resize(size)
        buf = io.BytesIO()
        img.save(buf, format="PNG", compress_level=6)
        total += buf.tell()
    return total / max(1, len(sample))


def encode(
    path: Path, shots: list[tuple[float, bytes]], size: tuple[int, int], codec: str, fps: float | None, end: float
) -> None:
    """Encode screenshots (time, image bytes) as a video: at their own times when `fps` is None (a
    variable frame rate, like a GIF recorder or the screencast), else at a constant rate. A GIF is
    written by Pillow with one adaptive palette per frame, as GIF recorders do."""
    import av

    w, h = size
    times = [t for t, _ in shots]

    def pixels(i: int) -> np.ndarray:
        px = _decode(shots[i][1])
        return px if px.shape[:2] == (h, w) else np.asarray(Image.fromarray(px).resize((w, h)))

    if codec == "gif":
        frames = [Image.fromarray(pixels(i)).quantize(256, method=Image.Quantize.MEDIANCUT) for i in range(len(shots))]
        ends = times[1:] + [end]
        durations = [max(20, int(round((b - a) * 100)) * 10) for a, b in zip(times, ends)]
        frames[0].save(path, save_all=True, append_images=frames[1:], duration=durations, loop=0, optimize=False)
        return
    with av.open(str(path), "w") as out:
        s = out.add_stream(codec, rate=int(fps or 1000))
        s.width, s.height, s.pix_fmt = w, h, "yuv420p"
        s.options = (
            {"crf": "23", "preset": "veryfast"}
            if codec == "libx264"
            else {"crf": "32", "b:v": "0", "deadline": "realtime", "cpu-used": "8"}
        )
        if fps is None:
            tb = Fraction(1, 1000)
            s.codec_context.time_base = s.time_base = tb
            last_pts = -1
            for i, t in enumerate(times):
                pts = max(last_pts + 1, int(round(t * 1000)))
                last_pts = pts
                frame = av.VideoFrame.from_ndarray(pixels(i), format="rgb24")
                frame.pts, frame.time_base = pts, tb
                for pkt in s.encode(frame):
                    out.mux(pkt)
        else:
            last, px = -1, None
            for k in range(int(end * fps)):
                i = max(0, bisect_right(times, k / fps) - 1)
                if i != last:
                    last, px = i, pixels(i)
                for pkt in s.encode(av.VideoFrame.from_ndarray(px, format="rgb24")):
                    out.mux(pkt)
        for pkt in s.encode():
            out.mux(pkt)


def recordings() -> list[Recording]:
    """Record, render and encode every recording once (cached in bench/out)."""
    OUT.mkdir(parents=True, exist_ok=True)
    meta_path = OUT / "recordings.json"
    if meta_path.exists() and json.loads(meta_path.read_text()).get("version") == VERSION:
        return [_recording(r) for r in json.loads(meta_path.read_text())["recordings"]]
    t = time.perf_counter()
    rows = []
    cast = memory_terminal.record(OUT / "terminal")
    truth = memory_terminal.truth(cast)
    states = memory_terminal.progress_states(cast)
    as_of = [
        ("Downloading dataset-7.tar.gz", round((a + b) / 2, 2), line.split()[-1])
        for (a, line), (b, _) in zip(states, states[1:])
    ]
    versions = [e for e in truth if e.text.startswith("release ")]
    as_of += [("release", round((e.t0 + min(e.t1, e.t0 + 8)) / 2, 2), e.text.split()[-1]) for e in versions]
    end = memory_terminal.events(cast)[-1][0] + 2.0
    for size, variants in (
        ((1280, 720), [("terminal-720p-vfr.gif", "gif", None), ("terminal-720p-2fps.webm", "libvpx-vp9", 2)]),
        ((1920, 1080), [("terminal-1080p-30fps.mp4", "libx264", 30)]),
    ):
        shots = _cached(
            OUT / "terminal" / f"shots_{size[0]}x{size[1]}",
            lambda: memory_terminal.render(cast, size, NPM, OUT / "terminal"),
        )
        png = _png_mean([b for _, b in shots], size)
        for name, codec, fps in variants:
            if not (OUT / name).exists():
                encode(OUT / name, shots, size, codec, fps, end)
            rows.append(
                {
                    "name": name,
                    "size": size,
                    "fps": "variable" if fps is None else fps,
                    "png": png,
                    "events": [e.__dict__ for e in truth],
                    "as_of": as_of,
                }
            )
    truth_path = OUT / "browser" / "truth.json"
    if truth_path.exists() and (OUT / "browser" / "frames").exists():
        btruth = [memory_browser.Shown(**e) for e in json.loads(truth_path.read_text())]
        frames = _cached(OUT / "browser" / "frames", list)
    else:
        frames, btruth = memory_browser.record(OUT / "browser")
        _cached(OUT / "browser" / "frames", lambda: frames)
        truth_path.write_text(json.dumps([e.__dict__ for e in btruth]))
    bend = max(e.t1 for e in btruth) + 1.0
    png = _png_mean([b for _, b in frames], (1280, 720))
    for name, codec, fps in (("browser-720p-vfr.webm", "libvpx", None), ("browser-720p-60fps.mp4", "libx264", 60)):
        encode(OUT / name, frames, (1280, 720), codec, fps, bend)
        rows.append(
            {
                "name": name,
                "size": (1280, 720),
                "fps": "variable" if fps is None else fps,
                "png": png,
                "events": [e.__dict__ for e in btruth],
                "as_of": [],
            }
        )
    meta_path.write_text(
        json.dumps({"version": VERSION, "render_seconds": round(time.perf_counter() - t, 1), "recordings": rows})
    )
    return [_recording(r) for r in rows]


def _cached(d: Path, make) -> list[tuple[float, bytes]]:
    """Timed images kept as files `<index>_<ms>.img` in `d`, made by `make()` when `d` is empty."""
    files = sorted(d.glob("*.img")) if d.exists() else []
    if files:
        return [(int(f.stem.split("_")[1]) / 1000, f.read_bytes()) for f in files]
    shots = make()
    d.mkdir(parents=True, exist_ok=True)
    for i, (t, data) in enumerate(shots):
        (d / f"{i:05d}_{int(round(t * 1000))}.img").write_bytes(data)
    return shots


def _recording(r: dict) -> Recording:
    events = [memory_terminal.Shown(**e) for e in r["events"]]
    return Recording(
        r["name"], OUT / r["name"], tuple(r["size"]), str(r["fps"]), events, [tuple(a) for a in r["as_of"]], r["png"]
    )


def _correct(hit, event, slack: float = 1.0) -> bool:
    from rapidfuzz import fuzz

    end = hit.t_end if hit.t_end is not None else hit.t
    overlaps = hit.t <= event.t1 + slack and end >= event.t0 - slack
    return overlaps and fuzz.partial_ratio(hit.text.lower(), event.text.lower()) >= 70


def score(rec: Recording, store: str) -> dict:
    """Ingest one recording into `store` and score search, context, storage and speed."""
    from rapidfuzz import fuzz

    from seer.context import Context
    from seer.memory.store import open_store
    from seer.skills.memory.schema import MemoryContextInput, MemoryIngestInput, MemorySearchInput
    from seer.skills.memory.tools import memory_context, memory_ingest_video, memory_search

    ctx = Context()
    row: dict = {
        "recording": rec.name,
        "size": f"{rec.size[0]}×{rec.size[1]}",
        "fps": rec.fps,
        "source_bytes": rec.path.stat().st_size,
    }
    try:
        ing = memory_ingest_video(MemoryIngestInput(video=str(rec.path), episode=rec.name, fps=1.0, store=store), ctx)
    except Exception as exc:  # a crash is a result here: counted, and the other recordings go on
        row["crash"] = f"{type(exc).__name__}: {exc}"[:300]
        return row
    s = open_store(store)
    stats, frames = s.stats(), s.frames(rec.name)
    s.close()
    stored = stats["bytes_stored"]
    baseline = ing.frames_seen * rec.png_per_frame
    # where the bytes go: keyframes, deltas, and the database (text, boxes, the search index)
    row.update(
        keyframes=sum(f.kind == "key" for f in frames),
        key_bytes=sum(f.bytes for f in frames if f.kind == "key"),
        delta_bytes=sum(f.bytes for f in frames if f.kind == "delta"),
        db_bytes=stats["db_bytes"],
    )
    row.update(
        crash=None,
        frames_seen=ing.frames_seen,
        frames_kept=ing.frames_kept,
        stored_bytes=stored,
        stored_vs_png=round(stored / baseline, 4),
        stored_vs_source=round(stored / row["source_bytes"], 3),
        ingest_seconds=ing.seconds,
        speed=ing.speed,
    )
    queries, t_search = [], []
    for i, ev in enumerate(rec.events):
        for mode, q in (("exact", ev.text), ("paraphrase", TEMPLATES[i % len(TEMPLATES)].format(what=ev.what))):
            t = time.perf_counter()
            hits = memory_search(MemorySearchInput(query=q, episode=rec.name, k=5, store=store), ctx).hits
            t_search.append(time.perf_counter() - t)
            ok = [_correct(h, ev) for h in hits]
            rank = ok.index(True) + 1 if any(ok) else None
            queries.append(
                {
                    "mode": mode,
                    "query": q,
                    "at": round(ev.t0, 2),
                    "rank": rank,
                    "offset": round(abs(hits[rank - 1].t - ev.t0), 2) if rank else None,
                    "top": hits[0].text if hits else None,
                    "top_t": hits[0].t if hits else None,
                }
            )
    for q, t, want in rec.as_of:
        hits = memory_search(MemorySearchInput(query=q, episode=rec.name, k=5, at=t, store=store), ctx).hits
        # the state's figure as a word of the top hit ("50%" read as "50s" still shows 50)
        shows = bool(hits) and re.search(rf"(?<![\d.]){re.escape(want.rstrip('%'))}(?![\d])", hits[0].text) is not None
        queries.append(
            {
                "mode": "as_of",
                "query": f"{q} @ {t}s",
                "at": t,
                "rank": 1 if shows else None,
                "offset": None,
                "top": hits[0].text if hits else None,
                "top_t": hits[0].t if hits else None,
            }
        )
    row["queries"] = queries
    row["search_ms"] = round(1000 * float(np.median(t_search)), 1)
    c = memory_context(MemoryContextInput(episode=rec.name, budget=2000, store=store), ctx)
    text = c.text.lower()
    named = [ev.text for ev in rec.events if fuzz.partial_ratio(ev.text.lower(), text) >= 80]
    row.update(context_tokens=c.tokens, events_named=len(named), events=len(rec.events))
    return row


def cli_search_seconds(store: str, episode: str, query: str) -> float:
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "seer.cli", "memory", "search", query, "--episode", episode, "--store", store, "--json"],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return round(time.perf_counter() - t, 2)


def add_seconds(store: str, shots: list[Path]) -> float:
    """Median warm `memory_add` of 1080p screenshots (the first two warm the engines up)."""
    from seer.context import Context
    from seer.skills.memory.schema import MemoryAddInput
    from seer.skills.memory.tools import memory_add

    times = []
    for i, p in enumerate(shots):
        t = time.perf_counter()
        memory_add(MemoryAddInput(image=str(p), episode="adds", t=float(i), store=store), Context())
        times.append(time.perf_counter() - t)
    return round(float(np.median(times[2:])), 3)


def summarise(rows: list[dict]) -> dict:
    ok = [r for r in rows if not r.get("crash")]
    qs = [q for r in ok for q in r["queries"]]
    # a crashed recording's queries count as misses
    missed = {"exact": 0, "paraphrase": 0}
    for r in rows:
        if r.get("crash"):
            n = len(next(x for x in recordings() if x.name == r["recording"]).events)
            missed = {"exact": missed["exact"] + n, "paraphrase": missed["paraphrase"] + n}

    def recall(mode: str, k: int) -> float:
        sel = [q for q in qs if q["mode"] == mode]
        n = len(sel) + missed.get(mode, 0)
        return round(sum(1 for q in sel if q["rank"] and q["rank"] <= k) / max(1, n), 3)

    offsets = [q["offset"] for q in qs if q["offset"] is not None and q["mode"] != "as_of"]
    return {
        "crashes": sum(1 for r in rows if r.get("crash")),
        "recordings": len(rows),
        "recall@1_exact": recall("exact", 1),
        "recall@5_exact": recall("exact", 5),
        "recall@1_paraphrase": recall("paraphrase", 1),
        "recall@5_paraphrase": recall("paraphrase", 5),
        "as_of_correct": recall("as_of", 1),
        "median_offset_s": round(float(np.median(offsets)), 2) if offsets else None,
        "events_named": round(sum(r["events_named"] for r in ok) / max(1, sum(r["events"] for r in ok)), 3),
        "max_stored_vs_png": max((r["stored_vs_png"] for r in ok), default=None),
        "max_stored_vs_source": max((r["stored_vs_source"] for r in ok), default=None),
        "min_speed_1080p": min((r["speed"] for r in ok if r["size"].startswith("1920")), default=None),
    }


def add_shots(n: int = 12) -> list[Path]:
    """`n` 1080p screens from the terminal recording as PNG files, for timing `memory_add`."""
    import av

    d = OUT / "adds"
    if not (d.exists() and len(list(d.glob("*.png"))) >= n):
        d.mkdir(exist_ok=True)
        with av.open(str(OUT / "terminal-1080p-30fps.mp4")) as c:
            s = c.streams.video[0]
            every = max(1, int(s.frames or 2700) // n)
            for k, f in enumerate(c.decode(s)):
                if k % every == 0 and k // every < n:
                    f.to_image().save(d / f"shot{k // every:02d}.png")
    return sorted(d.glob("*.png"))[:n]


def run() -> dict:
    """Every recording ingested into its own store and scored; plus search and add latency."""
    import shutil
    import tempfile

    rows = []
    base = Path(tempfile.mkdtemp(prefix="seer-memory-real-"))
    try:
        for rec in recordings():
            rows.append(score(rec, str(base / rec.name)))
        ok = [r for r in rows if not r.get("crash")]
        cli = cli_search_seconds(str(base / ok[0]["recording"]), ok[0]["recording"], "Error") if ok else None
        try:
            add = add_seconds(str(base / "adds"), add_shots())
        except Exception as exc:  # counted as a crash, like an ingest that fails
            add = f"crash: {type(exc).__name__}"
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return {
        "summary": summarise(rows)
        | {"search_ms_warm": max((r["search_ms"] for r in ok), default=None), "cli_search_s": cli, "add_1080p_s": add},
        "recordings": rows,
    }


def print_table(r: dict) -> None:
    s = r["summary"]
    print("\nReal-style recordings (rendered here with asciinema + asciinema-player and Chromium):\n")
    print(
        "| recording | size | fps | source B | stored B (keys / deltas / db) | vs PNG | vs source | speed | exact @1/@5 | para @5 | named |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for x in r["recordings"]:
        if x.get("crash"):
            print(
                f"| {x['recording']} | {x['size']} | {x['fps']} | {x['source_bytes']:,} | crash: {x['crash'][:60]} |||||||"
            )
            continue
        q = x["queries"]
        ex = [e for e in q if e["mode"] == "exact"]
        pa = [e for e in q if e["mode"] == "paraphrase"]
        r1 = sum(1 for e in ex if e["rank"] == 1)
        r5 = sum(1 for e in ex if e["rank"])
        p5 = sum(1 for e in pa if e["rank"])
        print(
            f"| {x['recording']} | {x['size']} | {x['fps']} | {x['source_bytes']:,} | {x['stored_bytes']:,} "
            f"({x['key_bytes']:,} in {x['keyframes']} / {x['delta_bytes']:,} / {x['db_bytes']:,}) | "
            f"{x['stored_vs_png'] * 100:.2f}% | {x['stored_vs_source']:.2f}× | {x['speed']}× | {r1}/{r5} of {len(ex)} | "
            f"{p5} of {len(pa)} | {x['events_named']}/{x['events']} |"
        )
    print(
        f"\ncrashes {s['crashes']} of {s['recordings']}; recall@1/@5 exact {s['recall@1_exact']:.2f}/{s['recall@5_exact']:.2f}, "
        f"paraphrase @1/@5 {s['recall@1_paraphrase']:.2f}/{s['recall@5_paraphrase']:.2f}; as-of-t {s['as_of_correct']:.2f}; "
        f"median offset {s['median_offset_s']} s; events named in context(2000) {s['events_named']:.0%}; "
        f"search {s['search_ms_warm']} ms warm (worst recording's median), {s['cli_search_s']} s new CLI process; "
        f"add (1080p, warm) {s['add_1080p_s']} s"
    )
    misses = [(x["recording"], q) for x in r["recordings"] if not x.get("crash") for q in x["queries"] if not q["rank"]]
    if misses:
        print("\nMissed:")
        for name, q in misses:
            print(f'- {name} {q["mode"]}: "{q["query"]}" (at {q["at"]} s); top: {q["top"]!r} at {q["top_t"]}')
