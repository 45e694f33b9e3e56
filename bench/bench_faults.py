"""Fault runs: kill -9 during memory ingest (×50) and model-endpoint faults (×100), then a short
coverage-guided fuzz of the parsers. Reports corrupt stores, lost committed frames and hung calls
(all must be zero). `--quick`: ×5 kills, ×20 faults, fuzzing skipped.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODES = ("hang", "drop", "reset", "garbage", "half", "trickle", "notjson", "badshape", "huge", "ok")
TIMEOUT, CONNECT, RETRIES = 1.0, 0.5, 1
BOUND = (RETRIES + 1) * (TIMEOUT + CONNECT) + 2.0  # the longest a call may take, backoff included


def kill_runs(n: int, seed: int = 1) -> dict:
    from tests.faults.memory_worker import committed, verify

    rng = random.Random(seed)
    corrupt = lost = interrupted = 0
    frames = 0
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        done: dict[int, int] = {}
        for _i in range(n):
            p = subprocess.Popen(
                [sys.executable, "-m", "tests.faults.memory_worker", str(store), "ep", "40"],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            want = rng.randint(0, 25)
            seen = []
            while len(seen) < want:
                line = p.stdout.readline()
                if not line:
                    break
                seen.append(line)
            time.sleep(rng.uniform(0, 0.03))
            interrupted += p.poll() is None
            os.kill(p.pid, signal.SIGKILL)
            rest, _ = p.communicate(timeout=30)
            got = committed("".join(seen) + rest)
            done.update(got)
            found = verify(store, "ep", done)
            if found:
                problems.extend(found[:3])
                corrupt += any("integrity" in f or "cannot be decoded" in f or "different pixels" in f for f in found)
                lost += sum("missing" in f for f in found)
        frames = len(done)
    return {
        "kills": n,
        "kills_mid_ingest": interrupted,
        "committed_frames_checked": frames,
        "corrupt_stores": corrupt,
        "lost_committed_frames": lost,
        "problems": problems[:10],
    }


def model_faults(n: int, seed: int = 2) -> dict:
    import numpy as np
    from PIL import Image as PILImage

    from seer.config import Settings
    from seer.context import Context
    from seer.errors import ModelError
    from seer.models import from_settings
    from seer.models.base import Request
    from seer.skills.vision.ask import ask_image
    from seer.skills.vision.ask_schema import AskImageInput
    from tests.faults.fault_server import FaultServer

    rng = random.Random(seed)
    srv = FaultServer()
    srv.huge_mb = 20
    s = Settings(
        model="qwen2.5-vl-vllm",
        base_url=srv.url + "/v1",
        api_key="sk-bench-faults",
        model_timeout=TIMEOUT,
        model_connect_timeout=CONNECT,
        model_retries=RETRIES,
    )
    client = from_settings(s)
    pic = Path(tempfile.mkdtemp()) / "pic.png"
    PILImage.fromarray(np.full((60, 120, 3), 200, np.uint8)).save(pic)
    per_mode: dict[str, list[float]] = {}
    hung = wrong = 0
    try:
        for i in range(n):
            mode = MODES[i % len(MODES)] if i < len(MODES) else rng.choice(MODES)
            srv.mode = mode
            t0 = time.perf_counter()
            try:
                if i % 5 == 0:
                    out = ask_image(
                        AskImageInput(image=str(pic), question="what is it?", ocr=False),
                        Context(settings=s, model=client),
                    )
                    ok = out.answer == "OK"
                else:
                    ok = client.complete(Request.ask("hi")).text == "OK"
                outcome_ok = ok and mode == "ok"
                wrong += not outcome_ok
            except ModelError:
                wrong += mode == "ok"
            except Exception:  # any other exception is a bug: count it as wrong
                wrong += 1
            dt = time.perf_counter() - t0
            hung += dt > BOUND
            per_mode.setdefault(mode, []).append(dt)
    finally:
        srv.stop()
    return {
        "calls": n,
        "hung_calls": hung,
        "wrong_outcomes": wrong,
        "bound_s": BOUND,
        "max_s_by_mode": {m: round(max(v), 2) for m, v in sorted(per_mode.items())},
        "count_by_mode": {m: len(v) for m, v in sorted(per_mode.items())},
    }


def fuzz_run(seconds: int) -> dict:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return {"skipped": "atheris is not installed"}
    p = subprocess.run(
        [sys.executable, "-m", "fuzz", "--seconds", str(seconds)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=seconds * 3 + 300,
    )
    import json

    summary = json.loads((ROOT / "bench" / "out" / "fuzz" / "summary.json").read_text())
    return {
        "seconds": seconds,
        "exit": p.returncode,
        "targets": {
            r["target"]: {"executions": r["executions"], "coverage": r["coverage"], "findings": len(r["findings"])}
            for r in summary
        },
    }


def run(quick: bool = False) -> dict:
    t0 = time.perf_counter()
    kills = kill_runs(5 if quick else 50)
    faults = model_faults(20 if quick else 100)
    fuzzed = {"skipped": "--quick"} if quick else fuzz_run(90)
    print("| check | runs | result |\n|---|---:|---|")
    print(
        f"| kill -9 during ingest | {kills['kills']} ({kills['kills_mid_ingest']} mid-ingest) | "
        f"{kills['corrupt_stores']} corrupt stores, {kills['lost_committed_frames']} lost of {kills['committed_frames_checked']} committed frames |"
    )
    print(
        f"| model endpoint faults | {faults['calls']} | {faults['hung_calls']} hung (> {faults['bound_s']} s), "
        f"{faults['wrong_outcomes']} wrong outcomes |"
    )
    if "targets" in fuzzed:
        total = sum(t["executions"] or 0 for t in fuzzed["targets"].values())
        finds = sum(t["findings"] for t in fuzzed["targets"].values())
        print(f"| atheris fuzz, {len(fuzzed['targets'])} targets | {total} executions | {finds} findings |")
    else:
        print(f"| atheris fuzz | - | skipped ({fuzzed['skipped']}) |")
    print("\nslowest call per fault mode (s):", faults["max_s_by_mode"])
    return {"kills": kills, "model_faults": faults, "fuzz": fuzzed, "seconds": round(time.perf_counter() - t0, 1)}


if __name__ == "__main__":
    run(quick="--quick" in sys.argv)
