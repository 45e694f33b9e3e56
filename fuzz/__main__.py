"""`python -m fuzz [--seconds N] [--target NAME ...]`: fuzz each target for its share of N seconds."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

from fuzz.targets import TARGETS, seeds, workdir

ROOT = Path(__file__).resolve().parents[1]


def fuzz(target: str, seconds: int, rss_mb: int = 2048) -> dict:
    """Run one target for `seconds`; its executions, coverage and findings."""
    base = workdir() / target
    corpus, crashes = base / "corpus", base / "crashes"
    corpus.mkdir(parents=True, exist_ok=True)
    crashes.mkdir(parents=True, exist_ok=True)
    if not any(corpus.iterdir()):
        for i, s in enumerate(seeds(target)):
            (corpus / f"seed-{i}").write_bytes(s)
    before = set(crashes.iterdir())
    cmd = [
        sys.executable,
        "-m",
        "fuzz.run_one",
        target,
        f"-max_total_time={seconds}",
        f"-rss_limit_mb={rss_mb}",
        "-timeout=10",
        "-max_len=200000",
        f"-artifact_prefix={crashes}/",
        "-print_final_stats=1",
        str(corpus),
    ]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=seconds + 120)
    log = p.stderr
    runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", log)
    cov = re.findall(r"cov: (\d+)", log)
    found = sorted(str(c) for c in set(crashes.iterdir()) - before)
    return {
        "target": target,
        "seconds": round(time.perf_counter() - t0, 1),
        "executions": int(runs[-1]) if runs else None,
        "coverage": int(cov[-1]) if cov else None,
        "findings": found,
        "exit": p.returncode,
        "tail": log[-1500:] if (found or p.returncode not in (0,)) else "",
    }


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m fuzz")
    ap.add_argument("--seconds", type=int, default=60, help="total time, split evenly between targets")
    ap.add_argument("--target", action="append", choices=sorted(TARGETS), help="fuzz only these (repeatable)")
    args = ap.parse_args()
    try:
        import atheris  # noqa: F401
    except ImportError:
        print(
            "atheris is not installed: pip install atheris (needs a wheel for this Python or clang to build)",
            file=sys.stderr,
        )
        return 2
    targets = args.target or sorted(TARGETS)
    each = max(2, args.seconds // len(targets))
    results = []
    print("| target | seconds | executions | coverage | findings |\n|---|---:|---:|---:|---:|")
    for t in targets:
        r = fuzz(t, each)
        results.append(r)
        print(f"| {t} | {r['seconds']} | {r['executions']} | {r['coverage']} | {len(r['findings'])} |", flush=True)
    for r in results:
        if r["findings"] or r["exit"] != 0:
            print(f"\n### {r['target']}: exit {r['exit']}, findings {r['findings']}\n{r['tail']}")
    (workdir() / "summary.json").write_text(json.dumps(results, indent=2))
    return 1 if any(r["findings"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
