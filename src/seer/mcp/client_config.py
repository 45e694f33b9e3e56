"""Config snippets that add seer to each common MCP client, with absolute paths to this install's `seer`.

`seer config print --client NAME` prints one; docs/clients.md says where each goes.
"""

from __future__ import annotations

import json
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

NAME = "seer"
TOOL_TIMEOUT_S = 300  # long tools (video ingest, big documents) outlast some clients' 60 s default


@dataclass(frozen=True)
class Launch:
    """How a client starts seer: stdio (command + args) or streamable HTTP (url + optional token)."""

    command: str
    args: tuple[str, ...]
    url: str | None = None
    token: str | None = None

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


def seer_command() -> tuple[str, tuple[str, ...]]:
    """The absolute path of the `seer` script next to this interpreter (the venv's), else `python -m seer.cli`."""
    here = Path(sys.executable).parent
    for name in ("seer", "seer.exe"):
        if (here / name).is_file():
            return str((here / name).absolute()), ("serve",)
    found = shutil.which("seer")
    if found:
        return str(Path(found).absolute()), ("serve",)
    return str(Path(sys.executable).absolute()), ("-m", "seer.cli", "serve")


def launch(url: str | None = None, token: str | None = None, extra_args: tuple[str, ...] = ()) -> Launch:
    command, args = seer_command()
    return Launch(command, (*args, *extra_args), url, token)


def _json(obj: object) -> str:
    return json.dumps(obj, indent=2)


def _stdio_entry(l: Launch) -> dict:
    return {"command": l.command, "args": list(l.args)}


def claude_code(l: Launch) -> str:
    if l.url:
        header = f" --header {shlex.quote('Authorization: Bearer ' + l.token)}" if l.token else ""
        return f"claude mcp add --transport http --scope user {NAME} {shlex.quote(l.url)}{header}"
    return f"claude mcp add --scope user {NAME} -- {shlex.join([l.command, *l.args])}"


def claude_desktop(l: Launch) -> str:
    if l.url:  # Desktop's config file speaks stdio only; bridge HTTP with the mcp-remote package
        args = ["-y", "mcp-remote", l.url, *(["--header", f"Authorization: Bearer {l.token}"] if l.token else [])]
        return _json({"mcpServers": {NAME: {"command": "npx", "args": args}}})
    return _json({"mcpServers": {NAME: _stdio_entry(l)}})


def cursor(l: Launch) -> str:
    entry = {"url": l.url, **({"headers": l.headers} if l.token else {})} if l.url else _stdio_entry(l)
    return _json({"mcpServers": {NAME: entry}})


def vscode(l: Launch) -> str:
    if l.url:
        entry = {"type": "http", "url": l.url, **({"headers": l.headers} if l.token else {})}
    else:
        entry = {"type": "stdio", **_stdio_entry(l)}
    return _json({"servers": {NAME: entry}})


def codex(l: Launch) -> str:
    lines = [f"[mcp_servers.{NAME}]"]
    if l.url:
        lines.append(f"url = {json.dumps(l.url)}")
        if l.token:
            lines.append(f"http_headers = {{ Authorization = {json.dumps('Bearer ' + l.token)} }}")
    else:
        lines.append(f"command = {json.dumps(l.command)}")
        lines.append("args = [" + ", ".join(json.dumps(a) for a in l.args) + "]")
    lines += ["startup_timeout_sec = 30", f"tool_timeout_sec = {TOOL_TIMEOUT_S}"]
    return "\n".join(lines)


def gemini(l: Launch) -> str:
    if l.url:
        entry: dict = {"httpUrl": l.url, **({"headers": l.headers} if l.token else {})}
    else:
        entry = _stdio_entry(l)
    entry["timeout"] = TOOL_TIMEOUT_S * 1000
    return _json({"mcpServers": {NAME: entry}})


def cline(l: Launch) -> str:
    if l.url:
        entry: dict = {"type": "streamableHttp", "url": l.url, **({"headers": l.headers} if l.token else {})}
    else:
        entry = {"type": "stdio", **_stdio_entry(l)}
    entry.update({"disabled": False, "autoApprove": [], "timeout": TOOL_TIMEOUT_S})
    return _json({"mcpServers": {NAME: entry}})


def opencode(l: Launch) -> str:
    if l.url:
        entry: dict = {"type": "remote", "url": l.url, "enabled": True, **({"headers": l.headers} if l.token else {})}
    else:
        entry = {"type": "local", "command": [l.command, *l.args], "enabled": True}
    entry["timeout"] = TOOL_TIMEOUT_S * 1000
    return _json({"$schema": "https://opencode.ai/config.json", "mcp": {NAME: entry}})


CLIENTS = {
    "claude-code": (claude_code, "shell", "run it once; `--scope project` writes .mcp.json in the repo instead"),
    "claude-desktop": (
        claude_desktop,
        "json",
        "merge into claude_desktop_config.json (Settings > Developer > Edit Config), then restart",
    ),
    "cursor": (cursor, "json", "merge into ~/.cursor/mcp.json (all projects) or .cursor/mcp.json (one project)"),
    "vscode": (
        vscode,
        "json",
        "merge into .vscode/mcp.json (workspace) or the user mcp.json (MCP: Open User Configuration)",
    ),
    "codex": (codex, "toml", "append to ~/.codex/config.toml (or .codex/config.toml in a trusted project)"),
    "gemini": (gemini, "json", "merge into ~/.gemini/settings.json (or .gemini/settings.json in a project)"),
    "cline": (cline, "json", "merge into cline_mcp_settings.json (Cline > MCP Servers > Configure)"),
    "opencode": (opencode, "json", "merge into opencode.json (project) or ~/.config/opencode/opencode.json"),
}


def snippet(client: str, url: str | None = None, token: str | None = None, extra_args: tuple[str, ...] = ()) -> str:
    """The config text for `client`; KeyError names the known clients."""
    try:
        make = CLIENTS[client][0]
    except KeyError:
        raise KeyError(f"unknown client {client!r}; known: {', '.join(CLIENTS)}") from None
    return make(launch(url, token, extra_args))
