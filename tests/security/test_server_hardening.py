"""The MCP server under calls that try to escape or overload it: a result that names a file seer did
not write, cancelled work that keeps running, a large result fitted while the loop must answer."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import anyio
from mcp import Client
from pydantic import BaseModel, Field

import seer.mcp.server as server_module
from seer.config import Settings
from seer.context import Context
from seer.mcp.server import build_server
from seer.security import write_output
from seer.skills.registry import Skill


class Echo(BaseModel):
    text: str = Field(description="Echoed back.")
    output: str | None = Field(None, description="Write the text to this file.")


def echo(inp: Echo, ctx: Context) -> Echo:
    """Echo a string (which may name any file), writing it only when asked (test tool)."""
    if inp.output:
        inp.output = str(write_output(inp.output, inp.text, ctx.settings))
    return inp


class Stubborn(BaseModel):
    seconds: float = Field(description="How long to work without reporting progress.")


RUNNING: list[int] = []
PEAK: list[int] = [0]
LOCK = threading.Lock()


def stubborn(inp: Stubborn, ctx: Context) -> Stubborn:
    """Work without progress reports, so a cancel cannot stop it early (test tool)."""
    with LOCK:
        RUNNING.append(1)
        PEAK[0] = max(PEAK[0], len(RUNNING))
    try:
        time.sleep(inp.seconds)
    finally:
        with LOCK:
            RUNNING.pop()
    return inp


TOOLS = [
    Skill(name="echo", fn=echo, input_model=Echo, output_model=Echo, cli="echo"),
    Skill(name="stubborn", fn=stubborn, input_model=Stubborn, output_model=Stubborn, cli="stubborn"),
]


def test_only_files_seer_wrote_in_the_call_become_resources(tmp_path):
    secret = tmp_path / "secret-notes.md"
    secret.write_text("private")  # fresh mtime, a listed suffix, named verbatim in the result
    settings = Settings(allowed_roots=[str(tmp_path)])

    async def main():
        async with Client(build_server(settings, extra_skills=TOOLS)) as client:
            named = await client.call_tool("echo", {"text": str(secret)})
            assert not named.is_error
            listed = {str(r.uri) for r in (await client.list_resources()).resources}
            assert not any("secret-notes" in uri for uri in listed)
            wrote = await client.call_tool("echo", {"text": "hello", "output": str(tmp_path / "out.md")})
            assert not wrote.is_error
            listed = {str(r.uri) for r in (await client.list_resources()).resources}
            assert any(uri.endswith("out.md") for uri in listed), listed

    anyio.run(main)


def test_a_cancelled_call_keeps_its_slot_until_its_work_stops():
    async def main():
        async with Client(build_server(max_parallel=1, extra_skills=TOOLS)) as client:
            async with anyio.create_task_group() as tg:
                tg.start_soon(client.call_tool, "stubborn", {"seconds": 1.5})
                await anyio.sleep(0.3)
                tg.cancel_scope.cancel()
            started = time.monotonic()
            done = await client.call_tool("stubborn", {"seconds": 0.01})
            return done, time.monotonic() - started

    PEAK[0] = 0
    done, waited = anyio.run(main)
    assert not done.is_error
    assert PEAK[0] == 1, "a second call ran while the cancelled one was still working"
    assert waited >= 0.8  # it waited for the cancelled work to end


def test_results_are_fitted_off_the_event_loop(monkeypatch, tmp_path):
    threads: list[str] = []
    real = server_module.fit_result

    def spy(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(server_module, "fit_result", spy)

    async def main():
        loop_thread = threading.current_thread().name
        async with Client(build_server(extra_skills=TOOLS)) as client:
            assert not (await client.call_tool("echo", {"text": "x" * 10})).is_error
        return loop_thread

    loop_thread = anyio.run(main)
    assert threads and all(t != loop_thread for t in threads)
    assert Path(tmp_path).exists()


class Steps(BaseModel):
    values: list[float] = Field(description="Progress values to report, in order.")


def steps(inp: Steps, ctx: Context) -> Steps:
    """Report the given progress values, as nested work that restarts at 0 would (test tool)."""
    for v in inp.values:
        ctx.report(v, 10)
    return inp


def test_protocol_errors_are_the_callers_and_progress_only_increases():
    import pytest
    from mcp.shared.exceptions import MCPError
    from mcp_types import INVALID_PARAMS

    extra = [*TOOLS, Skill(name="steps", fn=steps, input_model=Steps, output_model=Steps, cli="steps")]

    async def main():
        async with Client(build_server(extra_skills=extra)) as client:
            unknown = await client.call_tool("echo", {"text": "a", "colour": "red"})
            assert unknown.is_error and unknown.content[0].text.startswith("InputError: echo has no argument 'colour'")
            wrong = await client.call_tool("echo", {"text": 5})
            assert wrong.is_error and wrong.content[0].text.startswith("InputError: text:")
            assert "errors.pydantic.dev" not in wrong.content[0].text
            for name, args in (("no_such_prompt", {}), ("inspect_ui_and_click", {"image": "a.png"})):
                with pytest.raises(MCPError) as info:
                    await client.get_prompt(name, args)
                assert info.value.code == INVALID_PARAMS
            seen: list[float] = []

            async def on_progress(progress, total, message):
                seen.append(progress)

            done = await client.call_tool("steps", {"values": [1, 2, 0, 1, 3, 3, 5]}, progress_callback=on_progress)
            assert not done.is_error and seen == [1, 2, 3, 5]
            hints = {t.name: t.annotations for t in (await client.list_tools()).tools}
            assert hints["memory"].read_only_hint is False and hints["memory"].destructive_hint is False
            assert hints["read_screenshot"].read_only_hint is True
            assert hints["annotate"].destructive_hint is False  # an optional output path is not destruction

    anyio.run(main)


def test_resources_list_changed_is_declared_and_sent(tmp_path):
    import mcp_types

    settings = Settings(allowed_roots=[str(tmp_path)])
    notes: list[str] = []

    async def on_message(message):
        root = getattr(message, "root", message)
        if isinstance(root, mcp_types.ResourceListChangedNotification):
            notes.append(root.method)

    async def main():
        async with Client(build_server(settings, extra_skills=TOOLS), message_handler=on_message) as client:
            caps = (
                client.server_capabilities
                if hasattr(client, "server_capabilities")
                else client.initialize_result.capabilities
            )
            assert caps.resources and caps.resources.list_changed is True
            await client.call_tool("echo", {"text": "hello", "output": str(tmp_path / "note.md")})
            await anyio.sleep(0.2)

    anyio.run(main)
    assert notes, "no notifications/resources/list_changed after a tool wrote a file"
