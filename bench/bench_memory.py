"""Memory bench: a scripted 30-minute screen recording, ingested at 1 fps, then searched and summarised;
then real-style recordings made here with real programs (bench/memory_real.py).

The session (bench/memory_session.py) is rendered with PIL at 1280×720 and encoded as H.264 at
5 fps with PyAV; the ground truth is the script: when each distinctive event (error dialog, toast,
banner) was on screen and its exact text. Reported: frames kept, stored bytes against every sampled
frame as PNG and against the video file, ingest speed as a multiple of real time, recall@1/@5 of
exact-string and paraphrased event queries (a hit counts when it shows the event's text while the
event was on screen), and context tokens against budgets. `quick` uses a 5-minute session.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from bench.memory_session import Session, encode

OUT = Path(__file__).parent / "out" / "memory"
VERSION = 3  # bump when the session script changes, to re-render the cached video


def _video(duration: float) -> tuple[Session, Path, dict]:
    session = Session(duration)
    path = OUT / f"session_{int(duration)}s.mp4"
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta.get("version") == VERSION:
            return session, path, meta
    t = time.perf_counter()
    meta = encode(session, path)
    meta.update(version=VERSION, render_seconds=round(time.perf_counter() - t, 1))
    meta_path.write_text(json.dumps(meta))
    return session, path, meta


def _correct(hit, event, slack: float = 1.0) -> bool:
    from rapidfuzz import fuzz

    end = hit.t_end if hit.t_end is not None else hit.t
    overlaps = hit.t <= event.t1 + slack and end >= event.t0 - slack
    return overlaps and fuzz.partial_ratio(hit.text.lower(), event.text.lower()) >= 70


def run(quick: bool = False) -> dict:
    from seer.context import Context
    from seer.memory.store import open_store
    from seer.skills.memory.schema import MemoryContextInput, MemoryIngestInput, MemorySearchInput
    from seer.skills.memory.tools import memory_context, memory_ingest_video, memory_search

    duration = 300.0 if quick else 1800.0
    session, video, meta = _video(duration)
    store_dir = Path(tempfile.mkdtemp(prefix="seer-memory-bench-"))
    ctx = Context()
    try:
        ing = memory_ingest_video(
            MemoryIngestInput(video=str(video), episode="bench", fps=1.0, store=str(store_dir)), ctx
        )
        store = open_store(store_dir)
        kinds = store.stats()["kinds"]
        frames = store.frames("bench")
        key_bytes = sum(f.bytes for f in frames if f.kind == "key")
        delta_bytes = sum(f.bytes for f in frames if f.kind == "delta")
        by_activity: dict[str, dict] = {}
        for seg in session.segments:
            name = f"{seg.app} {seg.activity}"
            row = by_activity.setdefault(name, {"seconds": 0.0, "frames_kept": 0, "bytes": 0})
            row["seconds"] += seg.t1 - seg.t0
        for f in frames:
            seg = session.segment(f.t)
            row = by_activity[f"{seg.app} {seg.activity}"]
            row["frames_kept"] += 1
            row["bytes"] += f.bytes
        store.close()
        stats = open_store(store_dir).stats()
        stored = stats["bytes_stored"]

        t = time.perf_counter()
        recall = {}
        per_event = []
        for mode in ("exact", "paraphrase"):
            r1 = r5 = 0
            for ev in session.events:
                q = ev.exact if mode == "exact" else ev.paraphrase
                hits = memory_search(MemorySearchInput(query=q, episode="bench", k=5, store=str(store_dir)), ctx).hits
                ok = [_correct(h, ev) for h in hits]
                r1 += bool(ok[:1] and ok[0])
                r5 += any(ok)
                per_event.append(
                    {
                        "mode": mode,
                        "query": q,
                        "at": ev.t0,
                        "rank": ok.index(True) + 1 if any(ok) else None,
                        "top": hits[0].text if hits else None,
                        "top_t": hits[0].t if hits else None,
                    }
                )
            n = len(session.events)
            recall[mode] = {"recall@1": round(r1 / n, 3), "recall@5": round(r5 / n, 3), "queries": n}
        search_s = (time.perf_counter() - t) / (2 * len(session.events))

        budgets = []
        for budget in (300, 1000, 2000, 4000):
            for query in (None, session.events[0].paraphrase):
                c = memory_context(
                    MemoryContextInput(episode="bench", budget=budget, query=query, store=str(store_dir)), ctx
                )
                budgets.append(
                    {
                        "budget": budget,
                        "query": bool(query),
                        "tokens": c.tokens,
                        "segments": sum(1 for i in c.items if i.kind == "segment"),
                        "images": sum(1 for i in c.items if i.kind == "image"),
                        "over": c.tokens > budget,
                    }
                )
    finally:
        shutil.rmtree(store_dir, ignore_errors=True)

    video_bytes = video.stat().st_size
    result = {
        "session_seconds": duration,
        "video": {
            "path": str(video.relative_to(Path(__file__).parent.parent)),
            "bytes": video_bytes,
            "fps": 5,
            "codec": "H.264 CRF 20",
        },
        "frames_sampled": ing.frames_seen,
        "frames_kept": ing.frames_kept,
        "keyframes": kinds.get("key", 0),
        "deltas": kinds.get("delta", 0),
        "png_baseline_bytes": meta["png_baseline_bytes"],
        "stored_bytes": stored,
        "stored_image_bytes": stats["blob_bytes"],
        "keyframe_bytes": key_bytes,
        "delta_bytes": delta_bytes,
        "stored_vs_png": round(stored / meta["png_baseline_bytes"], 4),
        "images_vs_png": round(stats["blob_bytes"] / meta["png_baseline_bytes"], 4),
        "by_activity": by_activity,
        "stored_vs_video": round(stored / video_bytes, 3),
        "ingest_seconds": ing.seconds,
        "ocr_seconds": ing.ocr_seconds,
        "ingest_speed_x_realtime": ing.speed,
        "recall": recall,
        "search_seconds": round(search_s, 3),
        "context": budgets,
        "context_over_budget": sum(b["over"] for b in budgets),
        "events": per_event,
    }
    _print(result)
    from bench import memory_real

    result["real"] = memory_real.run()
    memory_real.print_table(result["real"])
    return result


def _print(r: dict) -> None:
    print(
        f"Session {r['session_seconds'] / 60:.0f} min, 1280×720, H.264 at 5 fps ({r['video']['bytes']:,} bytes); "
        "ingested at 1 fps\n"
    )
    print("| measure | value | target |")
    print("|---|---|---|")
    print(
        f"| frames sampled → kept | {r['frames_sampled']} → {r['frames_kept']} ({r['keyframes']} keyframes, {r['deltas']} deltas) | |"
    )
    print(f"| naive baseline (every sampled frame as PNG) | {r['png_baseline_bytes']:,} B | |")
    print(
        f"| stored (images + SQLite) | {r['stored_bytes']:,} B (images {r['stored_image_bytes']:,}: keyframes {r['keyframe_bytes']:,}, deltas {r['delta_bytes']:,}) | |"
    )
    print(
        f"| stored / PNG baseline (images only) | {r['stored_vs_png'] * 100:.2f}% ({r['images_vs_png'] * 100:.2f}%) | ≤ 2% |"
    )
    print(f"| stored / video file | {r['stored_vs_video']:.2f}× | |")
    print(f"| ingest time (of which OCR) | {r['ingest_seconds']:.1f} s ({r['ocr_seconds']:.1f} s) | |")
    print(f"| ingest speed | {r['ingest_speed_x_realtime']:.1f}× real time | ≥ 10× |")
    for mode, target in (("exact", "0.95"), ("paraphrase", "0.7")):
        rc = r["recall"][mode]
        print(
            f"| recall@1 / @5, {mode} ({rc['queries']} queries) | {rc['recall@1']:.2f} / {rc['recall@5']:.2f} | @5 ≥ {target} |"
        )
    print(f"| search latency | {r['search_seconds'] * 1000:.0f} ms | |")
    worst = max(b["tokens"] / b["budget"] for b in r["context"])
    print(
        f"| context: over budget | {r['context_over_budget']} of {len(r['context'])} calls (max {worst:.0%} of budget) | 0 |"
    )
    print()
    print("| budget | query | tokens | segments | images |")
    print("|---|---|---|---|---|")
    for b in r["context"]:
        print(f"| {b['budget']} | {'yes' if b['query'] else 'no'} | {b['tokens']} | {b['segments']} | {b['images']} |")
    print()
    print("| activity | seconds | frames kept | image bytes | bytes per second |")
    print("|---|---|---|---|---|")
    for name, a in sorted(r["by_activity"].items(), key=lambda kv: -kv[1]["bytes"]):
        print(
            f"| {name} | {a['seconds']:.0f} | {a['frames_kept']} | {a['bytes']:,} | {a['bytes'] / max(a['seconds'], 1):,.0f} |"
        )
    misses = [e for e in r["events"] if e["rank"] is None]
    if misses:
        print("\nMissed queries:")
        for e in misses:
            print(f'- {e["mode"]}: "{e["query"]}" (event at {e["at"]:.0f} s); top hit: {e["top"]!r} at {e["top_t"]}')


if __name__ == "__main__":
    import sys

    run(quick="--quick" in sys.argv)
