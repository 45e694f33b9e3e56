"""`seer serve` over stdio through the official SDK client: tools, a real call, an artefact read back as
a resource, prompts, progress notifications and cancellation."""

from __future__ import annotations

import base64
import sys

import anyio
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp_types import BlobResourceContents, ResourceLink

from seer.mcp.tool_list import FOLDS
from seer.skills.registry import skills

from .conftest import PLANTED, ROOT, server_env


def _params(module: str, *args: str, **env: str) -> StdioServerParameters:
    return StdioServerParameters(
        command=sys.executable, args=["-m", module, *args], env=server_env(**env), cwd=str(ROOT)
    )


def test_real_server_over_stdio(small_screen, tmp_path):
    async def main():
        with anyio.fail_after(90):
            async with Client(_params("seer.cli", "serve", SEER_ZAI_ALIASES="1"), read_timeout_seconds=60) as client:
                tools = {t.name: t for t in (await client.list_tools()).tools}
                names = set(tools)
                folded = {m for members in FOLDS.values() for m in members}
                assert {s.name for s in skills()} - folded | set(FOLDS) <= names
                await _zai_alias(client, tools, small_screen)

                result = await client.call_tool("read_screenshot", {"image": str(small_screen), "format": "json"})
                assert not result.is_error
                assert set(PLANTED) <= {line["text"] for line in result.structured_content["lines"]}

                if "annotate" in names:
                    out = tmp_path / "marked.png"
                    result = await client.call_tool("annotate", {"image": str(small_screen), "output": str(out)})
                    assert not result.is_error, result.content[0].text
                    links = [c for c in result.content if isinstance(c, ResourceLink)]
                    assert any(l.uri == "seer://artifacts/marked.png" for l in links)
                    listed = {r.uri for r in (await client.list_resources()).resources}
                    assert "seer://artifacts/marked.png" in listed
                    read = await client.read_resource("seer://artifacts/marked.png")
                    blob = read.contents[0]
                    assert isinstance(blob, BlobResourceContents) and blob.mime_type == "image/png"
                    assert base64.b64decode(blob.blob) == out.read_bytes()

                prompts = {p.name for p in (await client.list_prompts()).prompts}
                if "inspect_ui_and_click" in prompts:
                    got = await client.get_prompt(
                        "inspect_ui_and_click", {"image": str(small_screen), "target": "Delete project"}
                    )
                    assert (
                        "ground" in got.messages[0].content.text and str(small_screen) in got.messages[0].content.text
                    )

    anyio.run(main)


async def _zai_alias(client, tools, small_screen) -> None:
    """SEER_ZAI_ALIASES=1 in the server's environment turns the Z.ai tool names on."""
    assert {"extract_text_from_screenshot", "analyze_image", "image_analysis", "ui_diff_check"} <= set(tools)
    assert set(tools["ui_diff_check"].input_schema["required"]) == {
        "expected_image_source",
        "actual_image_source",
        "prompt",
    }
    result = await client.call_tool(
        "extract_text_from_screenshot", {"image_source": str(small_screen), "prompt": "all text"}
    )
    assert not result.is_error and PLANTED[0] in result.content[0].text
    assert result.structured_content["answered_by"] == ["read_screenshot"]


def test_progress_and_cancel_over_stdio(tmp_path):
    marker = tmp_path / "step.txt"

    async def main():
        with anyio.fail_after(60):
            async with Client(_params("tests.harness.slow_server")) as client:
                await exercise_progress_and_cancel(client, marker)

    anyio.run(main)


async def exercise_progress_and_cancel(client, marker) -> None:
    """Progress arrives for a finished call; a cancelled call stops its skill thread; the server lives on."""
    seen: list[tuple[float, float | None, str | None]] = []

    async def on_progress(progress, total, message):
        seen.append((progress, total, message))

    done = await client.call_tool(
        "slow_count", {"steps": 4, "marker": str(marker), "delay": 0.02}, progress_callback=on_progress
    )
    assert done.structured_content == {"counted": 4}
    assert [p for p, _, _ in seen] == [1, 2, 3, 4] and seen[-1][1:] == (4, "step 4")

    two = anyio.Event()

    async def count_progress(progress, total, message):
        if progress >= 2:
            two.set()

    async with anyio.create_task_group() as tg:

        async def long_call():
            await client.call_tool(
                "slow_count", {"steps": 400, "marker": str(marker), "delay": 0.05}, progress_callback=count_progress
            )
            raise AssertionError("the cancelled call finished")

        tg.start_soon(long_call)
        await two.wait()
        tg.cancel_scope.cancel()
    await anyio.sleep(0.5)
    stopped_at = int(marker.read_text())
    await anyio.sleep(0.5)
    assert int(marker.read_text()) == stopped_at < 40, "the skill kept running after the cancel"
    again = await client.call_tool("slow_count", {"steps": 1, "marker": str(marker), "delay": 0})
    assert again.structured_content == {"counted": 1}
