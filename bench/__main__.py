"""`python -m bench [AREA ...] [--quick]`: run the benchmarks (all by default) and print their tables.

Each area is a module `bench/bench_<area>.py` with `run(quick: bool) -> dict`; results are also
written to `bench/results/<area>.json` so the README figures can be traced to a run.
"""

import argparse
import importlib
import json
import os
import pkgutil
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
# every figure is of OCR done in the run, never of results a previous run left in the disk cache
os.environ["SEER_OCR_CACHE_DIR"] = ""


def main() -> int:
    areas = sorted(m.name[len("bench_") :] for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))
    ap = argparse.ArgumentParser(prog="python -m bench")
    ap.add_argument("areas", nargs="*", choices=areas + [[]], help="which benchmarks (default: all)")
    ap.add_argument("--quick", action="store_true", help="a small sample, for a smoke run")
    args = ap.parse_args()
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    for area in args.areas or areas:
        print(f"\n## {area}\n", flush=True)
        t = time.perf_counter()
        result = importlib.import_module(f"bench.bench_{area}").run(quick=args.quick)
        result["_meta"] = {
            "seconds": round(time.perf_counter() - t, 1),
            "quick": args.quick,
            "python": platform.python_version(),
            "machine": platform.machine(),
            "when": time.strftime("%Y-%m-%d %H:%M"),
        }
        (out / f"{area}.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
