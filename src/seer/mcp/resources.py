"""MCP resources: seer's artefacts under stable URIs, large results in pages, remembered frames.

seer://artifacts/<name>          a deck, report, annotated image or oversized result a tool produced
seer://pages/<name>/<n>          page n (1-based) of a large text artefact, each page fits a host's limit
seer://memory/frames/<frame_id>  one remembered frame as PNG (<= 2000 px a side), when memory is installed
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from mcp.server import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError
from mcp.server.mcpserver.resources.base import Resource
from pydantic import Field

from .artifacts import Artifact, ArtifactStore
from .host_limits import MAX_IMAGE_SIDE, fit_image

log = logging.getLogger("seer.server")


class ArtifactResource(Resource):
    """Reads through the store, so a re-made artefact of the same name is served fresh."""

    store: Any = Field(exclude=True)
    key: str

    async def read(self) -> str | bytes:
        import anyio.to_thread

        art: Artifact | None = self.store.get(self.key)
        if art is None:
            raise ResourceError(
                f"artefact {self.key} is no longer held (seer keeps the newest 200); run the tool again"
            )
        try:
            return await anyio.to_thread.run_sync(art.read)
        except OSError as exc:
            raise ResourceError(f"artefact {self.key} can no longer be read: {exc}") from None


def frame_reader() -> Callable[[int], bytes | None] | None:
    """How to read one remembered frame as PNG (memory's `memory_get`, the function the tool runs),
    or None when the memory family is not installed."""
    try:
        from ..skills import memory
    except Exception:  # memory is optional: a broken or missing family must not stop the server
        log.debug("memory family unavailable; no frame resources", exc_info=True)
        return None
    get, model = getattr(memory, "memory_get", None), getattr(memory, "MemoryGetInput", None)
    if get is None or model is None:
        return None

    def read(frame_id: int) -> bytes | None:
        from ..context import Context

        out = get(model(frame_id=frame_id, max_side=MAX_IMAGE_SIDE), Context(model=None))
        return out.image()

    return read


def register(server: MCPServer, store: ArtifactStore) -> None:
    """Add the artefact, page and frame resources to `server`, and list each new artefact as it appears."""

    def listed(art: Artifact) -> None:
        server.add_resource(
            ArtifactResource(
                uri=art.uri,
                name=art.name,
                mime_type=art.mime_type,
                store=store,
                key=art.name,
                description=art.description or f"made by seer in this session ({art.mime_type})",
            )
        )

    store.on_add.append(listed)

    @server.resource(
        "seer://pages/{name}/{page}",
        name="artifact_page",
        mime_type="text/plain",
        description="Page n (1-based) of a large text artefact, e.g. a full result that was cut to fit.",
    )
    def artifact_page(name: str, page: int) -> str:
        try:
            return store.page(name, page)
        except KeyError:
            raise ResourceError(
                f"no text artefact named {name!r}; see resources/list for what this session made"
            ) from None
        except IndexError as exc:
            raise ResourceError(str(exc)) from None

    read = frame_reader()
    if read is None:
        return

    @server.resource(
        "seer://memory/frames/{frame_id}",
        name="memory_frame",
        mime_type="image/png",
        description="One remembered frame as PNG (at most 2000 px a side); ids come from memory_search or memory_context.",
    )
    def memory_frame(frame_id: int) -> bytes:
        from ..errors import SeerError

        try:
            png = read(frame_id)
        except (SeerError, KeyError, LookupError) as exc:
            raise ResourceError(f"frame {frame_id}: {exc}") from None
        if not png:
            raise ResourceError(f"frame {frame_id} is kept as text only (compacted); read its text with memory_get")
        return fit_image(png, jpeg=False)[0]  # the resource is declared image/png
