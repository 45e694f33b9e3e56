"""Loopback load test of `seer serve --http`: throughput and p50/p99 latency of read_screenshot and a
cached ground at 1, 8 and 32 concurrent MCP clients, with the server's memory, and how many calls the
bounded queue turned away as busy (fast, clear errors instead of unbounded waiting).

Bounded in count and time: each level makes a fixed number of calls and stops at a deadline.
Every answer is scored against the planted text / button, so a fast wrong answer cannot pass.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import anyio
from PIL import Image, ImageDraw

from bench.screens import font

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "load"
PLANTED = "Invoice 7731 approved"
BUTTON = "Archive project"


def _screen() -> tuple[Path, tuple[int, int, int, int]]:
    OUT.mkdir(parents=True, exist_ok=True)
    img = Image.new("RGB", (480, 160), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.text((20, 20), PLANTED, font=font("sans", 18), fill=(20, 20, 20))
    box = (250, 90, 420, 130)
    d.rectangle(box, outline=(60, 60, 60), width=2, fill=(235, 235, 240))
    d.text((266, 100), BUTTON, font=font("sans", 16), fill=(20, 20, 20))
    path = OUT / "screen.png"
    img.save(path)
    return path, box


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(port: int, env: dict[str, str]) -> subprocess.Popen:
    import httpx2

    proc = subprocess.Popen(
        [sys.executable, "-m", "seer.cli", "serve", "--http", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx2.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx2.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start")


def _mem_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) of a process, in MB, from /proc."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        k, _, v = line.partition(":")
        fields[k] = v.strip()
    kb = lambda k: float(fields.get(k, "0 kB").split()[0]) / 1024  # noqa: E731
    return round(kb("VmRSS"), 1), round(kb("VmHWM"), 1)


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


async def _level(url: str, tool: str, args: dict, clients: int, calls: int, deadline_s: float, check) -> dict:
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client
    from mcp.shared._httpx_utils import create_mcp_http_client

    lat: list[float] = []
    outcome = {"ok": 0, "busy": 0, "wrong": 0, "error": 0}
    todo = list(range(calls))
    stop_at = time.monotonic() + deadline_s

    async def worker() -> None:
        async with Client(streamable_http_client(f"{url}/mcp", http_client=create_mcp_http_client())) as c:
            while todo and time.monotonic() < stop_at:
                todo.pop()
                t0 = time.perf_counter()
                try:
                    with anyio.fail_after(max(1.0, stop_at - time.monotonic() + 30)):
                        r = await c.call_tool(tool, args)
                except TimeoutError:
                    outcome["error"] += 1
                    continue
                dt = time.perf_counter() - t0
                text = r.content[0].text if r.content else ""
                if r.is_error:
                    outcome["busy" if "busy" in text else "error"] += 1
                    if "busy" in text:
                        await anyio.sleep(0.05)  # a polite client backs off
                    continue
                lat.append(dt)
                outcome["ok" if check(r.structured_content) else "wrong"] += 1

    t0 = time.perf_counter()
    async with anyio.create_task_group() as tg:
        for _ in range(clients):
            tg.start_soon(worker)
    wall = time.perf_counter() - t0
    return {
        "tool": tool,
        "clients": clients,
        "calls": sum(outcome.values()),
        **outcome,
        "seconds": round(wall, 2),
        "throughput_per_s": round(outcome["ok"] / wall, 2) if wall else 0.0,
        "p50_ms": round(_pct(lat, 50) * 1000, 1),
        "p99_ms": round(_pct(lat, 99) * 1000, 1),
    }


def run(quick: bool = False) -> dict:
    path, box = _screen()
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SEER_ALLOWED_ROOTS": str(ROOT)}
    for var in ("SEER_MODEL", "SEER_BASE_URL", "OPENAI_API_KEY", "ANTHROPIC_API_KEY"):
        env.pop(var, None)
    proc = _start(port, env)
    url = f"http://127.0.0.1:{port}"
    per = {1: 6, 8: 24, 32: 64} if quick else {1: 30, 8: 120, 32: 320}
    deadline = 60.0 if quick else 180.0

    def read_ok(data) -> bool:
        return bool(data) and PLANTED.split()[1] in data.get("text", "")

    def ground_ok(data) -> bool:
        pt = (data or {}).get("point") or (data or {}).get("click")
        return bool(pt) and box[0] <= pt[0] <= box[2] and box[1] <= pt[1] <= box[3]

    rows = []
    try:
        start_mem = _mem_mb(proc.pid)
        for tool, args, check in (
            ("read_screenshot", {"image": str(path)}, read_ok),
            ("ground", {"image": str(path), "instruction": f"the {BUTTON} button", "use_model": False}, ground_ok),
        ):
            anyio.run(_level, url, tool, args, 1, 1, 60.0, check)  # warm: the first call loads OCR and fills the cache
            for clients, calls in per.items():
                row = anyio.run(_level, url, tool, args, clients, calls, deadline, check)
                row["rss_mb"], row["peak_rss_mb"] = _mem_mb(proc.pid)
                rows.append(row)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    print("| tool | clients | calls | ok | busy | wrong | error | calls/s | p50 ms | p99 ms | RSS MB | peak MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['tool']} | {r['clients']} | {r['calls']} | {r['ok']} | {r['busy']} | {r['wrong']} | {r['error']} | "
            f"{r['throughput_per_s']} | {r['p50_ms']} | {r['p99_ms']} | {r['rss_mb']} | {r['peak_rss_mb']} |"
        )
    return {
        "rows": rows,
        "server_rss_at_start_mb": start_mem[0],
        "hung_or_failed_calls": sum(r["error"] for r in rows),
        "wrong_answers": sum(r["wrong"] for r in rows),
    }


if __name__ == "__main__":
    run(quick="--quick" in sys.argv)
