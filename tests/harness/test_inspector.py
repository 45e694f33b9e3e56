"""The independent client: the MCP Inspector CLI from the npm registry (a client this project did not
write) lists seer's tools and calls one, over stdio and over streamable HTTP with a bearer token.

Needs node and a local install of the Inspector (tests never touch the network):
    npm install --no-save --no-audit --no-fund --prefix build/inspector @modelcontextprotocol/inspector@2.12
or point $SEER_INSPECTOR at an `mcp-inspector` executable.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PLANTED, ROOT, free_port, server_env, start_http, stop

INSTALL = "npm install --no-save --no-audit --no-fund --prefix build/inspector @modelcontextprotocol/inspector@2.12"


def _inspector() -> str:
    if not shutil.which("node"):
        pytest.skip("node is not installed; the MCP Inspector CLI needs Node.js >= 20")
    found = os.environ.get("SEER_INSPECTOR") or str(ROOT / "build/inspector/node_modules/.bin/mcp-inspector")
    if not Path(found).exists():
        pytest.skip(f"the MCP Inspector CLI is not installed; run: {INSTALL}")
    return found


def _run(args: list[str], home: Path) -> dict:
    env = {**server_env(), "HOME": str(home), "MCP_CATALOG_PATH": str(home / "mcp.json")}
    # the Inspector gives a stdio server only a few safe variables: this checkout's code goes by -e
    passed = ["-e", f"PYTHONPATH={env['PYTHONPATH']}"] if not args[0].startswith("http") else []
    done = subprocess.run(
        [_inspector(), "--cli", *passed, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=90
    )
    assert done.returncode == 0, done.stderr[-2000:] + done.stdout[-2000:]
    return json.loads(done.stdout)


def test_inspector_calls_a_tool_over_stdio(small_screen, tmp_path):
    target = [sys.executable, "-m", "seer.cli", "serve"]
    called = _run(
        [
            *target,
            "--method",
            "tools/call",
            "--tool-name",
            "read_screenshot",
            "--tool-arg",
            f"image={small_screen}",
            "--tool-arg",
            "format=json",
        ],
        tmp_path,
    )
    assert called["isError"] is False
    assert set(PLANTED) <= {line["text"] for line in called["structuredContent"]["lines"]}


def test_inspector_lists_tools_over_http_with_token(tmp_path):
    _inspector()
    port = free_port()
    proc = start_http(["-m", "seer.cli", "serve", "--http", f"127.0.0.1:{port}", "--token", "insp-9"], port)
    try:
        url = f"http://127.0.0.1:{port}/mcp"
        auth = ["--transport", "http", "--header", "Authorization: Bearer insp-9"]
        listed = _run([url, *auth, "--method", "tools/list"], tmp_path)
        tools = {t["name"]: t for t in listed["tools"]}
        assert "read_screenshot" in tools and len(tools["read_screenshot"]["description"]) <= 1000
    finally:
        stop(proc)
