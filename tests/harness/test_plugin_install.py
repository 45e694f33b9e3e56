"""The plugin starts seer on a machine where seer is not installed: the plugin's files go into a fresh
HOME with no `seer` on PATH and no importable seer, and the MCP Inspector (a client this project did
not write) runs the command the plugin manifest names. The launcher installs seer into the plugin's
own environment on that first start, and the Inspector lists the tools and reads a screenshot.

Offline: the launcher's pip resolves seer's dependencies from this venv's site-packages (given as
PYTHONPATH, which does not make seer itself importable) with no index and no build isolation.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from .conftest import PLANTED, ROOT
from .test_inspector import _inspector

PLUGIN_FILES = (".claude-plugin", "bin", "skills", "src", "pyproject.toml", "README.md")


def _plugin_copy(dest: Path) -> Path:
    for rel in PLUGIN_FILES:
        src = ROOT / rel
        if src.is_dir():
            shutil.copytree(src, dest / rel, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(src, dest / rel)
    return dest


@pytest.mark.slow
def test_plugin_installs_seer_on_first_start_and_connects(tmp_path, small_screen):
    inspector = _inspector()
    root = _plugin_copy(tmp_path / "plugin")
    home = tmp_path / "home"
    tools = tmp_path / "bin"  # what PATH holds: a Python and node, never a `seer`
    tools.mkdir()
    os.symlink(getattr(sys, "_base_executable", sys.executable), tools / "python3")
    os.symlink(shutil.which("node"), tools / "node")
    env = {
        "HOME": str(home),
        "PATH": f"{tools}:/usr/bin:/bin",
        "CLAUDE_PLUGIN_ROOT": str(root),
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",
        "MCP_CATALOG_PATH": str(home / "mcp.json"),
        "SEER_ALLOWED_ROOTS": str(small_screen.parent),
    }
    assert shutil.which("seer", path=env["PATH"]) is None
    probe = subprocess.run(["python3", "-c", "import seer"], env=env, capture_output=True, text=True)
    assert probe.returncode != 0, "seer must not be importable before the plugin installs it"

    entry = json.loads((root / ".claude-plugin" / "plugin.json").read_text())["mcpServers"]["seer"]
    command = entry["command"].replace("${CLAUDE_PLUGIN_ROOT}", str(root))
    # the Inspector hands the server only a few safe variables (PATH, HOME, ...): pass the rest by -e
    passed = [
        arg
        for key in ("CLAUDE_PLUGIN_ROOT", "PYTHONPATH", "PIP_NO_INDEX", "PIP_NO_BUILD_ISOLATION", "SEER_ALLOWED_ROOTS")
        for arg in ("-e", f"{key}={env[key]}")
    ]
    call = [
        inspector,
        "--cli",
        *passed,
        command,
        *entry["args"],
        "--connect-timeout",
        "58000",
        "--method",
        "tools/call",
        "--tool-name",
        "read_screenshot",
        "--tool-arg",
        f"image={small_screen}",
        "--tool-arg",
        "format=json",
    ]
    deadline = time.monotonic() + 480
    while True:  # as a person would: the first start may ask to reconnect while the install runs on
        called = subprocess.run(call, env=env, capture_output=True, text=True, timeout=120)
        if called.returncode == 0 or time.monotonic() > deadline:
            break
        assert "still installing" in called.stderr, called.stderr[-3000:] + called.stdout[-2000:]
    assert called.returncode == 0, called.stderr[-3000:] + called.stdout[-2000:]
    result = json.loads(called.stdout)
    assert result["isError"] is False
    assert set(PLANTED) <= {line["text"] for line in result["structuredContent"]["lines"]}
    venvs = [p for p in (home / ".local/share/seer").glob("plugin-venv-*") if p.is_dir()]
    assert len(venvs) == 1 and not venvs[0].with_name(venvs[0].name + ".installing").exists()
    assert (venvs[0] / ".complete").is_file() and (venvs[0] / "bin/seer").is_file()

    listed = subprocess.run(
        [inspector, "--cli", *passed, command, "--method", "tools/list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )  # second start: no install
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert "installing" not in listed.stderr
    assert {"read_screenshot", "ground", "memory", "memory_recall"} <= {
        t["name"] for t in json.loads(listed.stdout)["tools"]
    }
