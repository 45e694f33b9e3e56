"""The repository as a Claude Code plugin and marketplace: installed into a temporary plugin directory
tree, its manifests and Agent Skills are checked against the published formats."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml

from seer.cli import build_parser
from seer.skills.registry import skills

from .conftest import ROOT

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SEMVER = re.compile(r"^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$")
FAMILIES = {
    "reading-screens",
    "operating-guis",
    "reading-charts-and-documents",
    "making-decks-and-reports",
    "remembering-long-sessions",
}
RESERVED = {
    "claude-code-marketplace",
    "claude-code-plugins",
    "claude-plugins-official",
    "anthropic-marketplace",
    "anthropic-plugins",
    "agent-skills",
    "claude-plugin-directory",
}


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Copy the plugin's files the way `/plugin marketplace add <clone>` sees them."""
    home = tmp_path_factory.mktemp("claude-home")
    root = home / ".claude" / "plugins" / "marketplaces" / "seer-marketplace"
    for rel in (".claude-plugin", "bin", "pyproject.toml", "skills"):
        src = ROOT / rel
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / rel)
    return root


def test_claude_plugin_dir_holds_only_manifests(installed):
    assert sorted(p.name for p in (installed / ".claude-plugin").iterdir()) == ["marketplace.json", "plugin.json"]


def test_plugin_manifest(installed):
    plugin = json.loads((installed / ".claude-plugin" / "plugin.json").read_text())
    assert KEBAB.match(plugin["name"]) and SEMVER.match(plugin["version"])
    assert isinstance(plugin["description"], str) and plugin["description"]
    assert isinstance(plugin["author"], dict) and plugin["author"]["name"]
    for key in ("commands", "agents", "skills", "hooks", "mcpServers"):
        assert key not in plugin or isinstance(plugin[key], (str, list, dict))


def test_marketplace_manifest_resolves_to_the_plugin(installed):
    market = json.loads((installed / ".claude-plugin" / "marketplace.json").read_text())
    plugin = json.loads((installed / ".claude-plugin" / "plugin.json").read_text())
    assert KEBAB.match(market["name"]) and market["name"] not in RESERVED
    assert market["owner"]["name"]
    assert isinstance(market["plugins"], list) and len(market["plugins"]) == 1
    entry = market["plugins"][0]
    assert entry["name"] == plugin["name"]
    assert entry["source"].startswith("./"), "relative sources must start with ./"
    source = (installed / entry["source"]).resolve()
    assert source == installed.resolve() and (source / ".claude-plugin" / "plugin.json").is_file()


def test_the_plugin_starts_its_own_launcher(installed):
    entry = json.loads((installed / ".claude-plugin" / "plugin.json").read_text())["mcpServers"]["seer"]
    assert entry["command"] == "${CLAUDE_PLUGIN_ROOT}/bin/seer-plugin"
    launcher = installed / "bin" / "seer-plugin"
    assert launcher.is_file() and launcher.stat().st_mode & 0o111
    assert 'serve "$@"' in launcher.read_text() and build_parser().parse_args(["serve"]).command == "serve"
    # no project-scope server at the repository root: opening the clone with the plugin installed
    # would list every tool twice
    assert not (ROOT / ".mcp.json").exists()


def _front_matter(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n"), "SKILL.md must start with YAML front matter"
    head, _, body = text[4:].partition("\n---\n")
    return yaml.safe_load(head), body


def test_agent_skills(installed):
    from seer.mcp.tool_list import FOLDS, Fold

    tools = {s.name for s in skills()} | set(FOLDS)
    tools |= {
        op for name, members in FOLDS.items() for op in Fold(name, tuple(s for s in skills() if s.name in members)).ops
    }
    dirs = {p.name for p in (installed / "skills").iterdir() if p.is_dir()}
    assert dirs == FAMILIES
    for name in dirs:
        meta, body = _front_matter((installed / "skills" / name / "SKILL.md").read_text())
        assert set(meta) <= {"name", "description", "license", "compatibility", "metadata", "allowed-tools"}
        assert meta["name"] == name and len(name) <= 64 and KEBAB.match(name)
        assert isinstance(meta["description"], str) and 50 <= len(meta["description"]) <= 1024
        assert "Use when" in meta["description"], "the description must say when to use the skill"
        assert body.count("## Example") == 1 and len(body) < 4000
        listed = re.search(r"^Tools: (.+)$", body, re.M)
        assert listed, f"{name}: no 'Tools:' line"
        named = re.findall(r"`([a-z_]+)`", listed.group(1))
        assert named and set(named) <= tools, f"{name}: unknown tools {set(named) - tools}"
        assert "absolute" in body, f"{name}: say how to pass files (absolute paths)"
        if name in ("reading-screens", "operating-guis"):
            assert "[x0, y0, x1, y1]" in body and "base64" in body
