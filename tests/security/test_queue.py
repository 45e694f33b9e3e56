"""The server's waiting line is bounded: beyond `max_parallel` running and `max_queue` waiting calls,
a call fails at once with a clear "busy" LimitError instead of piling up; later calls succeed."""

from __future__ import annotations

import time

import anyio
import anyio.to_thread
import pytest
from mcp import Client
from pydantic import BaseModel, Field

from seer.config import Settings
from seer.context import Context
from seer.errors import LimitError
from seer.mcp.limiter import BoundedLimiter
from seer.mcp.server import build_server
from seer.skills.registry import Skill


class NapInput(BaseModel):
    seconds: float = Field(description="How long to sleep.")


class NapOutput(BaseModel):
    slept: float = Field(description="Seconds slept.")


def nap(inp: NapInput, ctx: Context) -> NapOutput:
    """Sleep for a while, then say so (a test tool standing in for a slow OCR call)."""
    time.sleep(inp.seconds)
    return NapOutput(slept=inp.seconds)


NAP = Skill(name="nap", fn=nap, input_model=NapInput, output_model=NapOutput, cli="nap")


def test_bounded_limiter_refuses_beyond_the_queue():
    async def main():
        lim = BoundedLimiter(2, 2)
        results: list[str] = []

        async def one():
            try:
                await anyio.to_thread.run_sync(time.sleep, 0.3, limiter=lim)
                results.append("ok")
            except LimitError as exc:
                results.append(str(exc))

        t0 = time.perf_counter()
        async with anyio.create_task_group() as tg:
            for _ in range(7):
                tg.start_soon(one)
        took = time.perf_counter() - t0
        return results, took, lim

    results, took, lim = anyio.run(main)
    assert results.count("ok") == 4
    busy = [r for r in results if r != "ok"]
    assert len(busy) == 3 and all("busy" in r and "max_queue" in r for r in busy)
    assert took < 1.2  # two rounds of 0.3 s; the refused ones did not wait
    assert lim.inside == 0 and lim.borrowed_tokens == 0 and lim.refused == 3


def test_server_answers_busy_and_recovers():
    server = build_server(Settings(max_queue=1), max_parallel=1, extra_skills=[NAP])

    async def main():
        async with Client(server) as client:
            outcomes: list[tuple[bool, str]] = []

            async def call():
                r = await client.call_tool("nap", {"seconds": 0.4})
                outcomes.append((r.is_error, r.content[0].text))

            async with anyio.create_task_group() as tg:
                for _ in range(5):
                    tg.start_soon(call)
            after = await client.call_tool("nap", {"seconds": 0.01})
            return outcomes, after

    outcomes, after = anyio.run(main)
    ok = [t for err, t in outcomes if not err]
    busy = [t for err, t in outcomes if err]
    assert len(ok) == 2 and len(busy) == 3, outcomes
    assert all(t.startswith("LimitError: seer is busy") for t in busy)
    assert not after.is_error  # the next call succeeds


@pytest.mark.parametrize("waiting", [0, 3])
def test_queue_size_is_configurable(waiting):
    async def main():
        lim = BoundedLimiter(1, waiting)
        ok = 0

        async def one():
            nonlocal ok
            try:
                await anyio.to_thread.run_sync(time.sleep, 0.1, limiter=lim)
                ok += 1
            except LimitError:
                pass

        async with anyio.create_task_group() as tg:
            for _ in range(6):
                tg.start_soon(one)
        return ok

    assert anyio.run(main) == 1 + waiting


def test_server_survives_hostile_inputs_and_answers_the_next_call(tmp_path):
    """Through the real MCP server: each hostile input is a tool error naming its type; the server stays up."""
    from tests.security import hostile

    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(hostile.png_header_only(100_000, 100_000))
    trunc = tmp_path / "trunc.png"
    trunc.write_bytes(hostile.truncated(hostile.good_png(300, 200), 0.4))
    laughs = hostile.docx_billion_laughs(tmp_path / "laughs.docx")
    good = tmp_path / "good.png"
    good.write_bytes(hostile.good_png(300, 200))
    server = build_server(Settings(), max_parallel=2)

    async def main():
        async with Client(server) as client:
            got = []
            for tool, args in (
                ("read_screenshot", {"image": str(bomb)}),
                ("read_screenshot", {"image": str(trunc)}),
                ("read_screenshot", {"image": "/etc/passwd"}),
                ("read_document", {"path": str(laughs)}),
                ("read_screenshot", {"image": "http://169.254.169.254/latest"}),
            ):
                r = await client.call_tool(tool, args)
                got.append((r.is_error, r.content[0].text.split(":", 1)[0]))
            after = await client.call_tool("read_screenshot", {"image": str(good)})
            return got, after

    got, after = anyio.run(main)
    assert got == [
        (True, "LimitError"),
        (True, "InputError"),
        (True, "InputError"),
        (True, "InputError"),
        (True, "NotConfigured"),
    ]
    assert not after.is_error and after.structured_content["width"] == 300
