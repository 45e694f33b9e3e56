"""Every tool the server offers, whatever the registry holds: valid JSON Schemas, a description that
fits in 1,000 characters, and typed results that validate against their own output schema."""

from __future__ import annotations

import anyio
import jsonschema
import pytest
from mcp import Client

from seer.server import build_server

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


def test_every_description_fits_and_says_what_it_returns(listed):
    tools, _ = listed
    for tool in tools:
        assert tool.description and 60 <= len(tool.description) <= 1000, (tool.name, len(tool.description or ""))
        props = tool.input_schema.get("properties", {})
        assert all(p.get("description") for p in props.values()), f"{tool.name}: an input field lacks a description"


def test_tool_names_are_valid_and_unique(listed):
    import re

    names = [t.name for t in listed[0]]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-zA-Z0-9_-]{1,64}", n) for n in names)


def test_results_validate_against_output_schema(listed, small_screen):
    tools = {t.name: t for t in listed[0]}

    async def main():
        async with Client(build_server(zai_aliases=True)) as client:
            for name, args in (("read_screenshot", {"image": str(small_screen)}),
                               ("extract_text_from_screenshot", {"image_source": str(small_screen), "prompt": "text"})):
                result = await client.call_tool(name, args)
                assert not result.is_error, result.content[0].text
                jsonschema.validate(result.structured_content, tools[name].output_schema)
                assert PLANTED[1] in result.content[0].text

    anyio.run(main)


def test_prompts_only_for_present_tools(listed):
    from seer.prompts import WORKFLOWS

    tools = {t.name for t in listed[0]}
    offered = {p.name for p in listed[1]}
    for wf in WORKFLOWS:
        assert (wf.name in offered) == (set(wf.needs) <= tools)
