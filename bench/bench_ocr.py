"""OCR benchmark for `read_screenshot`: CER, line recall (IoU >= 0.5) and seconds per image.

Screens come from bench/screens.py (exact ground truth). Timings: engine load once, then each
image read once uncached ("warm": models loaded, pixels new) and once more ("cached": same pixels).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from seer.perception.image import from_array
from seer.perception.ocr import engine, read_lines

from .ocr_score import score
from .screens import suite


def _cached_call_ms(img) -> tuple[float, float]:
    """A full `read_screenshot` call (PNG decode, hash, cache hit, layout) on pixels already read, and
    a cold `seer read` in a new process (imports, model load, OCR)."""
    import tempfile
    from pathlib import Path

    import seer

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "shot.png"
        img.save(path)
        seer.read_screenshot(str(path))
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "seer.cli", "read", str(path), "--json"], check=True, capture_output=True)
        cold = time.perf_counter() - t
        times = []
        for _ in range(5):
            t = time.perf_counter()
            seer.read_screenshot(str(path))
            times.append(time.perf_counter() - t)
    return 1000 * statistics.median(times), cold


def run(quick: bool = False) -> dict:
    import numpy as np

    t = time.perf_counter()
    engine()
    load = time.perf_counter() - t
    rows, by_kind = [], {}
    for name, img, truth in suite(quick):
        image = from_array(np.asarray(img))
        t, c = time.perf_counter(), time.process_time()
        lines = read_lines(image)
        warm, cpu = time.perf_counter() - t, time.process_time() - c
        t = time.perf_counter()
        read_lines(image)
        cached = time.perf_counter() - t
        s = score(truth, [(l.text, l.box.as_list()) for l in lines])
        rows.append(
            {"name": name, **s, "warm_s": round(warm, 3), "cpu_s": round(cpu, 3), "cached_ms": round(cached * 1000, 2)}
        )
        k = by_kind.setdefault(
            name.split("-")[0], {"chars": 0, "errors": 0, "lines": 0, "found": 0, "warm": [], "cpu": [], "n_lines": []}
        )
        for key in ("chars", "errors", "lines", "found"):
            k[key] += s[key]
        if img.size == (1920, 1080):
            k["warm"].append(warm)
            k["cpu"].append(cpu)
            k["n_lines"].append(len(truth))
        print(
            f"{name:32s} lines {s['lines']:4d} CER {100 * s['errors'] / max(1, s['chars']):5.2f}%  recall {100 * s['found'] / max(1, s['lines']):5.1f}%  {warm:5.2f} s ({cpu:5.2f} CPU s)  cached {cached * 1000:5.1f} ms",
            flush=True,
        )
    print(
        "\n| screens | truth lines | CER | line recall (IoU≥0.5) | median s / 1080p (warm) | CPU s / 1080p | lines / 1080p |"
    )
    print("|---|---|---|---|---|---|---|")
    summary = {}
    for kind, k in by_kind.items():
        cer, rec = 100 * k["errors"] / max(1, k["chars"]), 100 * k["found"] / max(1, k["lines"])
        med = statistics.median(k["warm"]) if k["warm"] else None
        cpu = statistics.median(k["cpu"]) if k["cpu"] else None
        summary[kind] = {
            "cer_pct": round(cer, 2),
            "line_recall_pct": round(rec, 1),
            "median_warm_s_1080p": med and round(med, 2),
            "median_cpu_s_1080p": cpu and round(cpu, 2),
            "lines_1080p": k["n_lines"] and int(statistics.median(k["n_lines"])),
        }
        print(
            f"| {kind} | {k['lines']} | {cer:.2f}% | {rec:.1f}% | {med and f'{med:.2f}'} | {cpu and f'{cpu:.2f}'} | {summary[kind]['lines_1080p']} |"
        )
    cached = statistics.median(r["cached_ms"] for r in rows)
    _, big, _ = next(s for s in suite(quick) if s[1].size == (1920, 1080))
    call, cold = _cached_call_ms(big)
    print(
        f"\nengine load {load:.2f} s; cold `seer read` of a 1080p app screen in a new process {cold:.2f} s; "
        f"repeated image: OCR cache hit {cached:.2f} ms, whole read_screenshot call on a 1080p PNG {call:.1f} ms"
    )
    return {
        "engine_load_s": round(load, 2),
        "cold_process_s_1080p": round(cold, 2),
        "cached_ms_median": cached,
        "cached_call_ms_1080p": round(call, 1),
        "by_kind": summary,
        "screens": rows,
    }
