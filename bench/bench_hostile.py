"""Hostile inputs at default limits: every case of the security battery (tests/security/hostile.py) and
the per-document bombs (tests/security/doc_bombs.py), each read in a fresh process so its time and peak
resident memory are its own. Every case must end in a typed answer (a seer error or a result with
warnings) within 10 s and 1 GB. `--quick`: the image cases only.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_SECONDS, MAX_MB = 10.0, 1024.0


def _cases(tmp: Path) -> list[tuple[str, Path, str]]:
    """(name, input file, kind) for every case; bytes are written to files so a worker can open them."""
    from tests.security import doc_bombs as D
    from tests.security.hostile import battery, png_header_only

    cases = []
    for i, (name, value, kind, _) in enumerate(battery(tmp)):
        if isinstance(value, bytes):
            path = tmp / f"case-{i}.bin"
            path.write_bytes(value)
            value = path
        cases.append((name, Path(value), kind))
    (tmp / "scans.jpg").write_bytes(D.jpeg_many_scans(5000))
    big = tmp / "big.png"
    big.write_bytes(D.png(6000, 4500))
    one_jpeg = D.jpeg(1600, 1200)
    cases += [
        ("progressive jpeg, 5000 scans", tmp / "scans.jpg", "image"),
        ("docx: one JPEG drawn 40 times", D.docx_pictures(tmp / "same.docx", [one_jpeg] * 40), "doc"),
        ("html: one 27 MP PNG drawn 30 times", D.html_same_picture(tmp / "same.html", big, 30), "doc"),
        ("pdf: one image object drawn 16 times", D.pdf_same_image(tmp / "same.pdf", big, 16), "doc"),
        (
            "xlsx: shared-string amplification",
            D.xlsx_shared_string(tmp / "amp.xlsx", rows=400, cols=20, chars=10_000),
            "doc",
        ),
        (
            "docx: 3000 styles x 20000 paragraphs",
            D.docx_many_styles(tmp / "styles.docx", styles=3000, paragraphs=20_000),
            "doc",
        ),
        (
            "docx: ICO wrapping a PNG bomb",
            D.replace_media(
                D.docx_pictures(tmp / "ico.docx", [D.png(64, 64)]), D.ico_wrapping(png_header_only(30_000, 30_000))
            ),
            "doc",
        ),
        ("docx: EPS picture", D.replace_media(D.docx_pictures(tmp / "eps.docx", [D.png(64, 64)]), D.EPS), "doc"),
        (
            "docx: 5000-scan JPEG picture",
            D.replace_media(D.docx_pictures(tmp / "scans.docx", [D.jpeg(64, 64)]), D.jpeg_many_scans(5000)),
            "doc",
        ),
    ]
    return cases


def _one(kind: str, path: Path) -> dict:
    """In the worker: feed one case to seer; what it answered, how long it took, the process's peak RSS."""
    import seer.perception.image  # noqa: F401  (imported first: the figure is the case's, not start-up's)
    import seer.skills.docs.readers  # noqa: F401
    from tests.security.hostile import _hwm_mb, timed_case

    got, seconds = timed_case(kind, path)
    return {"got": got, "seconds": round(seconds, 2), "peak_rss_mb": round(_hwm_mb(), 1)}


def run(quick: bool = False) -> dict:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = _cases(Path(tmp))
        for name, path, kind in cases:
            if quick and kind != "image":
                continue
            t0 = time.perf_counter()
            try:
                p = subprocess.run(
                    [sys.executable, "-m", "bench.bench_hostile", kind, str(path)],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    timeout=120,
                )
                row = (
                    json.loads(p.stdout.strip().splitlines()[-1])
                    if p.returncode == 0
                    else {
                        "got": f"worker exit {p.returncode}: {p.stderr.strip().splitlines()[-1:]}",
                        "seconds": None,
                        "peak_rss_mb": None,
                    }
                )
            except subprocess.TimeoutExpired:
                row = {"got": "hung (> 120 s)", "seconds": None, "peak_rss_mb": None}
            row = {"case": name, **row, "wall_s": round(time.perf_counter() - t0, 2)}
            row["within"] = (
                row["seconds"] is not None
                and row["seconds"] <= MAX_SECONDS
                and row["peak_rss_mb"] <= MAX_MB
                and not row["got"].startswith(("escaped", "worker", "hung", "MemoryError"))
            )
            rows.append(row)
            print(
                f"{'ok ' if row['within'] else 'BAD'} {name:<44} {row['got']:<12} {row['seconds']} s  {row['peak_rss_mb']} MB",
                flush=True,
            )
    done = [r for r in rows if r["seconds"] is not None]
    return {
        "cases": rows,
        "all_within": all(r["within"] for r in rows),
        "limits": {"seconds": MAX_SECONDS, "rss_mb": MAX_MB},
        "max_seconds": max((r["seconds"] for r in done), default=None),
        "max_rss_mb": max((r["peak_rss_mb"] for r in done), default=None),
    }


if __name__ == "__main__":  # the worker: python -m bench.bench_hostile KIND PATH
    print(json.dumps(_one(sys.argv[1], Path(sys.argv[2]))))
