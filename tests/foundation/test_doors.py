"""Every front door (MCP server, CLI, `seer.*` functions, `seer.Seer`) takes the same path: the same
arguments work, or fail, the same way through each, and a new skill appears in all four."""

import json

import anyio
import pytest
from mcp import Client

import seer
from seer import cli
from seer.mcp.server import build_server
from seer.skills import registry


def _mcp(server, name, args):
    async def main():
        async with Client(server) as client:
            tools = {t.name for t in (await client.list_tools()).tools}
            return tools, await client.call_tool(name, args)

    return anyio.run(main)


@pytest.fixture
def toy_family(monkeypatch):
    monkeypatch.setattr(registry, "FAMILIES", (*registry.FAMILIES, "tests.foundation.toy_skill"))
    yield
    seer.__dict__.pop("toy_reverse", None)


def test_a_new_skill_is_in_every_door(toy_family, capsys):
    tools, result = _mcp(build_server(), "toy_reverse", {"word": "door", "times": 2})
    assert "toy_reverse" in tools and "read_screenshot" in tools
    assert not result.is_error and result.structured_content == {"backwards": "roodrood"}
    assert result.content[0].text == "turned round: roodrood"  # the output model's summary_text()
    assert cli.main(["toy", "door", "--times", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"backwards": "roodrood"}
    assert cli.main(["toy", "door"]) == 0
    assert capsys.readouterr().out == "rood\n"  # its __rich__(), markup rendered
    assert seer.toy_reverse("door", times=2).backwards == "roodrood"
    assert seer.Seer().toy_reverse("door", times=2).backwards == "roodrood"
    assert "toy_reverse" in seer.skill_names()


def test_without_the_registry_line_no_door_has_it(capsys):
    tools, _ = _mcp(build_server(), "read_screenshot", {"image": "missing.png"})
    assert "toy_reverse" not in tools
    with pytest.raises(AttributeError):
        seer.toy_reverse  # noqa: B018
    with pytest.raises(SystemExit):
        cli.main(["toy", "door"])


def test_the_same_bad_argument_is_the_same_error_in_every_door(toy_family, capsys):
    _, result = _mcp(build_server(), "toy_reverse", {"word": "door", "times": 0})
    assert result.is_error and result.content[0].text.startswith("InputError: times: ")
    with pytest.raises(seer.InputError, match="^times: "):
        seer.toy_reverse("door", times=0)
    with pytest.raises(seer.InputError, match="^times: "):
        seer.Seer().toy_reverse("door", times=0)
    assert cli.main(["toy", "door", "--times", "0"]) == 2
    assert "times: " in capsys.readouterr().err


def test_paths_are_accepted_by_every_door(tmp_path, capsys):
    from pathlib import Path

    doc = tmp_path / "notes.md"
    doc.write_text("# Quarter\n\nRevenue rose 12% to $4.2 million in the quarter.\n", encoding="utf-8")
    outs = [tmp_path / f"report{i}.md" for i in range(4)]
    seer.report(paths=[Path(doc)], output=outs[0])
    seer.Seer().report([doc], output=outs[1])
    assert cli.main(["report", str(doc), "-o", str(outs[2]), "--json"]) == 0
    capsys.readouterr()
    _, result = _mcp(build_server(), "report", {"paths": [str(doc)], "output": str(outs[3])})
    assert not result.is_error, result.content[0].text
    texts = [o.read_text(encoding="utf-8") for o in outs]
    assert "$4.2 million" in texts[0] and all(t == texts[0] for t in texts)
