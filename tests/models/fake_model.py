"""An in-process `VisionModel` for tests that need a model's answer but not its wire format (for the
wire, `fake_server.py`). A test writes the answer text; everything after it is seer's own path
(`to_response`: thinking split off, JSON parsed and validated into `Response.parsed`, coordinates
mapped back through the frames of the images sent)."""

from __future__ import annotations

import time
from collections.abc import Callable

from seer.models._client import Reply, to_response
from seer.models.base import Profiled, Request, Response
from seer.models.images import FitRule, plan
from seer.models.presets import Profile

PIXELS = Profile("fake", "pixels", FitRule(long_edge=1280, name="fake-1280"))


class FakeModel(Profiled):
    provider = "fake"
    base_url = "in-process"

    def __init__(self, answer: Callable[[Request], str], name: str = "fake-vlm", profile: Profile = PIXELS) -> None:
        self.answer = answer
        self.name = name
        self.profile = profile
        self.requests: list[Request] = []

    def complete(self, request: Request) -> Response:
        self.requests.append(request)
        t0 = time.perf_counter()
        plans = [plan(p.image, self.profile.rule, p.region, p.zoom) for p in request.image_parts()]
        reply = Reply(self.answer(request), None, None, None, "stop")
        return to_response(
            self.name,
            self.profile,
            request,
            reply,
            [f for f, _ in plans],
            sum(t for _, t in plans),
            t0,
            request.max_tokens or 1024,
        )

    async def acomplete(self, request: Request) -> Response:
        return self.complete(request)
