"""Model client benchmark: the client's own overhead per call over a raw HTTP round trip to a local
server (target ≤ 5 ms), the cost of preparing a 1080p screenshot per provider rule (target ≤ 40 ms),
and the image-token estimate of that screenshot per preset.

    python -m bench models [--quick]
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import threading
import time

import numpy as np
from PIL import Image, ImageDraw, ImageFont

REPLY = {
    "id": "b",
    "object": "chat.completion",
    "model": "m",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "OK"}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 10, "completion_tokens": 1, "total_tokens": 11},
}


def _server():
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def chat(request):
        await request.body()
        return JSONResponse(REPLY)

    app = Starlette(routes=[Route("/v1/chat/completions", chat, methods=["POST"])])
    sock = socket.socket(
        socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP
    )  # proto set, so asyncio turns on TCP_NODELAY
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="off", access_log=False))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.01)
    return server, f"http://127.0.0.1:{sock.getsockname()[1]}"


def screenshot(width: int = 1920, height: int = 1080) -> np.ndarray:
    """A synthetic IDE-like screenshot: panels, text lines, a dialog (flat colours like real UIs)."""
    img = Image.new("RGB", (width, height), (30, 30, 36))
    d = ImageDraw.Draw(img)
    try:
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", 14)
    except OSError:
        font = ImageFont.load_default()
    d.rectangle((0, 0, width, 32), fill=(50, 50, 58))
    d.rectangle((0, 32, 260, height), fill=(40, 40, 46))
    for i in range(60):
        d.text(
            (280, 44 + i * 17),
            f"{i + 1:4d}  def handler_{i}(request, context=None):  # TODO {i * 37 % 101}",
            fill=(200, 200, 190),
            font=font,
        )
    for i in range(30):
        d.text((12, 44 + i * 22), f"src/module_{i}.py", fill=(170, 170, 180), font=font)
    d.rectangle((700, 380, 1220, 640), fill=(245, 245, 245), outline=(120, 120, 120))
    d.text((730, 410), "Error: could not save file (disk quota exceeded)", fill=(180, 20, 20), font=font)
    d.rectangle((1000, 580, 1090, 620), fill=(40, 110, 220))
    return np.asarray(img)


def _timed(fn, n: int, clock=time.perf_counter) -> list[float]:
    out = []
    for _ in range(n):
        t = clock()
        fn()
        out.append((clock() - t) * 1000)
    return out


def run(quick: bool = False) -> dict:
    import httpx2

    from seer.config import Settings
    from seer.models import Request, from_settings
    from seer.models.images import prepare
    from seer.models.presets import PRESETS
    from seer.perception.image import from_array

    n = 40 if quick else 300
    server, url = _server()
    try:
        model = from_settings(Settings(model="qwen2.5-vl-vllm", base_url=url + "/v1", api_key="sk-bench-000000000000"))
        req = Request.ask("Reply with OK.", max_tokens=8)
        body = json.dumps(
            {
                "model": model.name,
                "messages": [{"role": "user", "content": [{"type": "text", "text": "Reply with OK."}]}],
                "max_tokens": 8,
                "temperature": 0.0,
            }
        ).encode()
        headers = {"Content-Type": "application/json", "Authorization": "Bearer sk-bench-000000000000"}
        raw_client = httpx2.Client(timeout=10)

        def raw():
            r = raw_client.post(url + "/v1/chat/completions", content=body, headers=headers)
            json.loads(r.content)

        def client():
            model.complete(req)

        for _ in range(10):  # warm both connection pools
            raw()
            client()
        raw_ms, client_ms = [], []
        for _ in range(n):  # interleaved, so machine noise hits both alike
            raw_ms += _timed(raw, 1)
            client_ms += _timed(client, 1)
        raw_client.close()
    finally:
        server.should_exit = True

    overhead = statistics.median(client_ms) - statistics.median(raw_ms)

    shot = from_array(screenshot())
    enc = {}
    reps = 5 if quick else 20
    for name in ("claude", "gpt-4.1", "qwen2.5-vl-vllm", "qwen2.5-vl", "qwen3-vl", "glm-4.5v"):
        rule = PRESETS[name].profile.rule
        prepare(shot, rule)
        ms = _timed(lambda: prepare(shot, rule), reps)
        # CPU time too: on a shared machine wall time mostly measures the neighbours
        cpu = _timed(lambda: prepare(shot, rule), reps, time.process_time)
        p = prepare(shot, rule)
        enc[name] = {
            "rule": rule.name,
            "sent": f"{p.frame.sent_w}x{p.frame.sent_h}",
            "mime": p.mime,
            "kbytes": round(len(p.data) / 1024),
            "median_ms": round(statistics.median(ms), 1),
            "cpu_ms": round(statistics.median(cpu), 1),
            "tokens_est": p.tokens_est,
        }
    tokens = {name: p.profile_for(p.model).rule.tokens(1920, 1080) for name, p in PRESETS.items()}

    result = {
        "calls": n,
        "raw_http_median_ms": round(statistics.median(raw_ms), 2),
        "client_median_ms": round(statistics.median(client_ms), 2),
        "client_overhead_ms": round(overhead, 2),
        "overhead_target_ms": 5.0,
        "encode_1080p": enc,
        "encode_target_ms": 40.0,
        "encode_worst_ms": max(v["median_ms"] for v in enc.values()),
        "encode_worst_cpu_ms": max(v["cpu_ms"] for v in enc.values()),
        "load_average": os.getloadavg()[0],
        "image_tokens_1920x1080": tokens,
    }
    print("| measure | median ms | target |\n|---|---|---|")
    print(f"| raw HTTP round trip (httpx2, local server) | {result['raw_http_median_ms']} | |")
    print(f"| seer client call (sync API) | {result['client_median_ms']} | |")
    print(f"| client overhead | {result['client_overhead_ms']} | ≤ 5 |")
    print(
        "\n| preset | rule | sent size | type | KiB | prepare wall ms | prepare CPU ms (target ≤ 40) | image tokens |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, v in enc.items():
        print(
            f"| {name} | {v['rule']} | {v['sent']} | {v['mime']} | {v['kbytes']} | {v['median_ms']} | {v['cpu_ms']} | {v['tokens_est']} |"
        )
    print(f"\n(load average {result['load_average']:.1f} on {os.cpu_count()} cores during the run)")
    return result


if __name__ == "__main__":
    run(quick=True)
