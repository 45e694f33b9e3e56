"""The MCP host's own model as the vision backend, through `sampling/createMessage`: no key, no
endpoint; the client picks the model (and may ask its user first). Used only when no model is
configured, the client declared sampling, and the user allowed it (`allow_sampling`, off by default).

A skill calls `complete()` from its worker thread; the request goes back to the server's event loop
and out over the client's own connection, tied to the tool call that caused it.
"""

from __future__ import annotations

import base64
import time
import warnings
from typing import Any

import anyio.from_thread
import mcp_types as types

from ..errors import ModelError
from . import images as _images
from ._client import Reply, schema_instruction, to_response
from .base import ImagePart, Profiled, Request, Response, TextPart
from .images import FitRule
from .presets import Profile

# The host's model is unknown: send at most 1568 px on the long edge (what Claude and GPT work at)
# and ask for pixels of the image as sent, the one convention every model can follow.
HOST = Profile("mcp-host", "pixels", FitRule(long_edge=1568, name="host-1568"), "prompt", "none")


class SamplingModel(Profiled):
    """A `VisionModel` that asks the MCP client's model. `session` is the server session of the call."""

    provider = "mcp-sampling"
    base_url = "mcp:sampling/createMessage"
    profile = HOST

    def __init__(self, session: Any, related_request_id: Any = None, max_tokens: int = 2048) -> None:
        self._session = session
        self._request_id = related_request_id
        self.max_tokens = max_tokens
        self.name = "the MCP host's model"

    def __repr__(self) -> str:
        return f"<SamplingModel via {self.base_url}>"

    def complete(self, request: Request) -> Response:
        """From a worker thread the server started (a skill's); runs the request on the server's loop."""
        return anyio.from_thread.run(self.acomplete, request)

    async def acomplete(self, request: Request) -> Response:
        t0 = time.perf_counter()
        max_tokens = request.max_tokens or self.max_tokens
        prepared = [_images.prepare(p.image, self.profile.rule, p.region, p.zoom) for p in request.image_parts()]
        system, messages = self._messages(request, prepared)
        try:
            with warnings.catch_warnings():  # sampling is deprecated in the 2026-07-28 spec, still what hosts offer
                warnings.simplefilter("ignore")
                result = await self._session.create_message(
                    messages,
                    max_tokens=max_tokens,
                    system_prompt=system,
                    temperature=request.temperature,
                    related_request_id=self._request_id,
                )
        except Exception as exc:  # the client refused (its user said no) or failed: say so, typed
            raise ModelError(
                f"the MCP client did not answer the sampling request ({type(exc).__name__}: {exc}); "
                "configure a model (SEER_MODEL), or allow sampling in the client"
            ) from None
        text = "".join(c.text for c in _blocks(result.content) if isinstance(c, types.TextContent))
        self.name = f"{result.model} (MCP host)" if result.model else self.name
        reply = Reply(text, None, None, None, result.stop_reason)
        return to_response(
            self.name,
            self.profile,
            request,
            reply,
            [p.frame for p in prepared],
            sum(p.tokens_est for p in prepared),
            t0,
            max_tokens,
        )

    def _messages(
        self, request: Request, prepared: list[_images.Prepared]
    ) -> tuple[str | None, list[types.SamplingMessage]]:
        images = iter(prepared)
        system: list[str] = []
        turns: list[tuple[Any, list[Any]]] = []
        for m in request.messages:
            if m.role == "system":
                system.extend(p.text for p in m.parts if isinstance(p, TextPart))
                continue
            blocks: list[Any] = []
            for p in m.parts:
                if isinstance(p, ImagePart):
                    img = next(images)
                    blocks.append(types.ImageContent(data=base64.b64encode(img.data).decode(), mime_type=img.mime))
                else:
                    blocks.append(types.TextContent(text=p.text))
            turns.append((m.role, blocks))
        if request.json_schema is not None and turns:
            turns[-1][1].append(types.TextContent(text=schema_instruction(request.json_schema)))
        return ("\n\n".join(system) or None), [types.SamplingMessage(role=r, content=b) for r, b in turns]


def _blocks(content: Any) -> list[Any]:
    return content if isinstance(content, list) else [content]


def offered(session: Any) -> bool:
    """Whether this call can ask the client's model: it declared sampling, and the connection can carry
    a server-initiated request (stdio, SSE or stateful HTTP before 2026-07-28; that spec forbids them)."""
    try:
        return bool(session.can_send_request) and bool(
            session.check_client_capability(types.ClientCapabilities(sampling=types.SamplingCapability()))
        )
    except Exception:  # a session without these: no sampling
        return False
