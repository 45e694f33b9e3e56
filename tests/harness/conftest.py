"""Fixtures for the harness tests: one small screenshot with planted text, free ports, and helpers that
start `seer serve` (or the test server with slow tools) as a real subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2
import pytest
from PIL import Image, ImageDraw

from bench.screens import font

ROOT = Path(__file__).resolve().parents[2]
PLANTED = ("Kestrel 4471 saved", "Delete project")


@pytest.fixture(scope="session")
def small_screen(tmp_path_factory) -> Path:
    """A 360x120 screenshot: a planted line at the top and a bordered 'Delete project' button."""
    img = Image.new("RGB", (360, 120), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.text((20, 18), PLANTED[0], font=font("sans", 16), fill=(20, 20, 20))
    d.rectangle((190, 62, 330, 96), outline=(60, 60, 60), width=2, fill=(235, 235, 240))
    d.text((204, 70), PLANTED[1], font=font("sans", 15), fill=(20, 20, 20))
    path = tmp_path_factory.mktemp("harness") / "screen.png"
    img.save(path)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEER_")}
    env.update({"PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]), **extra})
    return env


def start_http(args: list[str], port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start a server process and wait until GET /health answers (at most 60 s)."""
    proc = subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, env=env or server_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited {proc.returncode}: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx2.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx2.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not answer /health within 60 s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)
