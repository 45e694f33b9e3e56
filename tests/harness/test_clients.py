"""`seer config print --client NAME`: every snippet parses in its client's format and points at this
install's seer by absolute path; the HTTP variants carry the URL and the bearer token."""

from __future__ import annotations

import json
import shlex
import tomllib
from pathlib import Path

import pytest

from seer.cli import main
from seer.mcp.client_config import CLIENTS, seer_command, snippet


def _parse(client: str, text: str):
    kind = CLIENTS[client][1]
    if kind == "json":
        return json.loads(text)
    if kind == "toml":
        return tomllib.loads(text)
    return shlex.split(text)


@pytest.mark.parametrize("client", list(CLIENTS))
def test_stdio_snippet(client):
    command, args = seer_command()
    assert Path(command).is_absolute() and Path(command).exists()
    text = snippet(client)
    parsed = _parse(client, text)
    assert command in text and "serve" in text
    if client == "claude-code":
        assert parsed[:5] == ["claude", "mcp", "add", "--scope", "user"] and parsed[-len(args) - 1 :] == [
            command,
            *args,
        ]
    elif client == "codex":
        assert parsed["mcp_servers"]["seer"]["command"] == command and parsed["mcp_servers"]["seer"]["args"] == list(
            args
        )
    elif client == "opencode":
        assert parsed["mcp"]["seer"]["command"] == [command, *args]
    else:
        servers = parsed.get("mcpServers") or parsed["servers"]
        assert servers["seer"]["command"] == command and servers["seer"]["args"] == list(args)


@pytest.mark.parametrize("client", list(CLIENTS))
def test_http_snippet_carries_url_and_token(client):
    url = "http://127.0.0.1:8765/mcp"
    text = snippet(client, url=url, token="s3cret")
    _parse(client, text)
    assert url in text and "Bearer s3cret" in text


def test_cli_prints_snippet(capsys):
    assert main(["config", "print", "--client", "cursor"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["mcpServers"]["seer"]["args"] == list(seer_command()[1])


def test_cli_zai_flag_reaches_the_args(capsys):
    assert main(["config", "print", "--client", "vscode", "--zai-aliases"]) == 0
    assert json.loads(capsys.readouterr().out)["servers"]["seer"]["args"][-1] == "--zai-aliases"
