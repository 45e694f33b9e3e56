"""The realism set's chart scorer (`../shared/realism/score_charts.py`, real ChartQA charts with
their gold tables), run when that folder sits beside the project; its summary is recorded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "realism" / "score_charts.py"
KEEP = (
    "charts",
    "rms_f1_5",
    "rms_f1_10",
    "deplot_rms_f1",
    "numbers_f1_5",
    "point_f1",
    "rms_f1_5_clean",
    "failure_rate",
    "median_s",
    "by_type",
    "by_source",
    "by_value_labels",
)


def run_realism(quick: bool) -> dict:
    """The scorer's summary (per type and per source, RMS-F1 within 5%), or why it was not run."""
    if not SCORER.exists():
        return {"skipped": f"{SCORER} not found"}
    seer = ROOT / ".venv" / "bin" / "seer"
    cmd = [sys.executable, str(SCORER), "--seer", str(seer)] + (["--limit", "10"] if quick else [])
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=3600)
    line = (done.stdout.strip().splitlines() or [""])[-1]
    try:
        summary = json.loads(line)
    except json.JSONDecodeError:
        return {"skipped": f"the scorer printed no summary (exit {done.returncode}): {done.stderr[-300:]}"}
    report = Path(summary.get("report", ""))
    if report.exists():
        summary.update(json.loads(report.read_text()).get("summary", {}))
    out = {k: summary[k] for k in KEEP if k in summary}
    for k in ("by_type", "by_source", "by_value_labels"):
        if k in out:
            out[k] = {a: {"n": b.get("n"), "rms_f1_5": b.get("rms_f1_5")} for a, b in out[k].items()}
    print(
        f"\nrealism (ChartQA, {out.get('charts')} charts): RMS-F1(5%) {out.get('rms_f1_5')}, "
        f"empty/failed {out.get('failure_rate')}, median {out.get('median_s')} s"
    )
    for k in ("by_type", "by_source"):
        print(f"  {k}: " + ", ".join(f"{a} {b['rms_f1_5']} (n={b['n']})" for a, b in out.get(k, {}).items()))
    return out
