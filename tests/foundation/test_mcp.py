"""The MCP server through the official SDK's own clients: in memory and over stdio."""

import sys

import anyio
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters

import seer
from seer.mcp.server import build_server


async def _exercise(client, path, truth):
    tools = {t.name: t for t in (await client.list_tools()).tools}
    assert "read_screenshot" in tools
    tool = tools["read_screenshot"]
    assert tool.input_schema["required"] == ["image"]
    assert {"width", "height", "lines", "blocks", "text", "markdown"} <= set(tool.output_schema["properties"])
    assert len(tool.description) <= 1000 and "box" in tool.description
    compact = await client.call_tool("read_screenshot", {"image": str(path)})  # MCP default: one row per line
    assert not compact.is_error and compact.structured_content["lines"] == []
    rows = compact.structured_content["text"].splitlines()
    for text, _box in truth:
        assert any(r.endswith(" " + text) and r.startswith("[") for r in rows), text
    assert "Invoice 4471 was approved" in compact.content[0].text
    result = await client.call_tool("read_screenshot", {"image": str(path), "format": "json"})
    assert not result.is_error
    out = seer.ScreenText.model_validate(result.structured_content)
    assert {t for t, _ in truth} <= {l.text for l in out.lines}
    assert "Invoice 4471 was approved" in result.content[0].text
    bad = await client.call_tool("read_screenshot", {"image": str(path.parent / "missing.png")})
    assert bad.is_error and "image file not found" in bad.content[0].text
    again = await client.call_tool(
        "read_screenshot", {"image": str(path), "region": [400, 95, 640, 135], "format": "json"}
    )
    assert [l["text"] for l in again.structured_content["lines"]] == ["Delete project"]


def test_in_memory_round_trip(known_screen):
    path, truth = known_screen

    async def main():
        async with Client(build_server()) as client:
            await _exercise(client, path, truth)

    anyio.run(main)


@pytest.mark.slow
def test_stdio_round_trip(known_screen):
    path, truth = known_screen
    params = StdioServerParameters(command=sys.executable, args=["-m", "seer.cli", "serve"])

    async def main():
        with anyio.fail_after(120):
            async with Client(params) as client:
                await _exercise(client, path, truth)

    anyio.run(main)
