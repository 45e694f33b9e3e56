"""Z.ai Vision MCP drop-in: the same tool names and argument names, answered by seer's skills."""

from __future__ import annotations

import anyio
import pytest
from mcp import Client

from seer.mcp.server import build_server
from seer.mcp.zai_aliases import ALIASES

from .conftest import PLANTED

ZAI_ARGS = {  # the published argument names of @z_ai/mcp-server's tools
    "ui_to_artifact": {"image_source", "prompt", "output_type"},
    "extract_text_from_screenshot": {"image_source", "prompt", "programming_language"},
    "diagnose_error_screenshot": {"image_source", "prompt", "context"},
    "understand_technical_diagram": {"image_source", "prompt", "diagram_type"},
    "analyze_data_visualization": {"image_source", "prompt", "analysis_focus"},
    "ui_diff_check": {"expected_image_source", "actual_image_source", "prompt"},
    "analyze_image": {"image_source", "prompt"},
    "image_analysis": {"image_source", "prompt"},
    "analyze_video": {"video_source", "prompt"},
    "video_analysis": {"video_source", "prompt"},
}


def test_names_and_arguments_match_zai():
    assert set(ALIASES) == set(ZAI_ARGS)

    async def main():
        async with Client(build_server(zai_aliases=True)) as client:
            return {t.name: t for t in (await client.list_tools()).tools}

    tools = anyio.run(main)
    for name, args in ZAI_ARGS.items():
        assert set(tools[name].input_schema["properties"]) == args, name
        assert len(tools[name].description) >= 20, name


@pytest.mark.parametrize(
    "name, extra",
    [("diagnose_error_screenshot", {}), ("analyze_image", {}), ("ui_to_artifact", {"output_type": "code"})],
)
def test_local_answers_without_a_model(small_screen, name, extra):
    async def main():
        async with Client(build_server(zai_aliases=True)) as client:
            return await client.call_tool(
                name, {"image_source": str(small_screen), "prompt": "what is wrong?", **extra}
            )

    result = anyio.run(main)
    assert not result.is_error, result.content[0].text
    out = result.structured_content
    assert out["answered_by"] and out["answered_by"][0] != "ask_image"
    assert out["note"] and "SEER_MODEL" in out["note"]
    assert PLANTED[1] in result.content[0].text or PLANTED[1] in str(out["result"])


def test_analyze_video_twice_reuses_its_episode(tmp_path, monkeypatch):
    from tests.security.hostile import video

    clip = video(tmp_path / "clip.mp4", frames=20)
    store = tmp_path / "store"
    monkeypatch.setenv("SEER_STORE", str(store))

    async def main():
        async with Client(build_server(zai_aliases=True)) as client:
            first = await client.call_tool("analyze_video", {"video_source": str(clip), "prompt": "what happened?"})
            second = await client.call_tool("analyze_video", {"video_source": str(clip), "prompt": "anything else?"})
            stats = await client.call_tool("memory_recall", {"op": "stats", "store": str(store)})
            return first, second, stats

    first, second, stats = anyio.run(main)
    assert not first.is_error and not second.is_error, (first.content[0].text, second.content[0].text)
    assert first.structured_content["answered_by"][0] == "memory_ingest_video"
    assert "memory_ingest_video" not in second.structured_content["answered_by"]
    episodes = stats.structured_content["episodes"]
    assert len(episodes) == 1 and episodes[0]["episode"].startswith("video-")
