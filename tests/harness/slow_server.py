"""seer's real server plus two test-only tools, run as its own process: `slow_count` (long, reports
progress every step, writes each step to a marker file so a test can see it stop after a cancel) and
`big_result` (a result far over the host's limit).

    python -m tests.harness.slow_server            # stdio
    python -m tests.harness.slow_server HOST:PORT  # streamable HTTP
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pydantic import BaseModel, Field

from seer.context import Context
from seer.mcp.server import build_server
from seer.skills.registry import Skill


class CountInput(BaseModel):
    steps: int = Field(description="How many steps to count.")
    marker: str = Field(description="File that gets the current step number after each step.")
    delay: float = Field(0.1, description="Seconds per step.")


class CountOutput(BaseModel):
    counted: int = Field(description="Steps counted.")


def slow_count(inp: CountInput, ctx: Context) -> CountOutput:
    """Count slowly, reporting progress after every step (test tool)."""
    for i in range(1, inp.steps + 1):
        time.sleep(inp.delay)
        Path(inp.marker).write_text(str(i))
        ctx.report(i, inp.steps, f"step {i}")
    return CountOutput(counted=inp.steps)


class BigInput(BaseModel):
    lines: int = Field(description="How many lines to return.")


class Line(BaseModel):
    text: str = Field(description="Line text.")
    box: list[int] = Field(description="Box.")


class BigOutput(BaseModel):
    lines: list[Line] = Field(description="Many lines.")
    markdown: str = Field(description="All the text.")


def big_result(inp: BigInput, ctx: Context) -> BigOutput:
    """Return far more than a host accepts in one result (test tool)."""
    lines = [
        Line(text=f"line {i:05d} kestrel amber quartz", box=[0, i * 10, 300, i * 10 + 9]) for i in range(inp.lines)
    ]
    return BigOutput(lines=lines, markdown="\n".join(l.text for l in lines))


TEST_SKILLS = [
    Skill(name="slow_count", fn=slow_count, input_model=CountInput, output_model=CountOutput, cli="slow-count"),
    Skill(name="big_result", fn=big_result, input_model=BigInput, output_model=BigOutput, cli="big-result"),
]


def main() -> None:
    server = build_server(extra_skills=TEST_SKILLS)
    if len(sys.argv) > 1:
        from seer.mcp.http_transport import parse_bind, run_http

        host, port = parse_bind(sys.argv[1], None)
        run_http(server, host, port, None)
    else:
        server.run()


if __name__ == "__main__":
    main()
