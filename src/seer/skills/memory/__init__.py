"""Memory skills: remember screenshots and recordings, search them, tell an episode in a budget.

The tools and their schemas; the engine (store, recorder, video ingest, search, context) is `seer.memory`.
"""

from ..registry import Skill
from .schema import (
    MemoryAddInput, MemoryAddOutput, MemoryCompactInput, MemoryCompactOutput, MemoryContextInput,
    MemoryContextOutput, MemoryGetInput, MemoryGetOutput, MemoryIngestInput, MemoryIngestOutput,
    MemorySearchInput, MemorySearchOutput, MemoryStatsInput, MemoryStatsOutput,
)
from .tools import (
    memory_add, memory_compact, memory_context, memory_get, memory_ingest_video, memory_search, memory_stats,
)


def _add_summary(o: MemoryAddOutput) -> str:
    if o.kept:
        return f"kept as frame {o.frame_id} at t={o.t:.1f}s ({len(o.changed)} changed regions)"
    return f"near-duplicate: merged into frame {o.merged_into}"


def _search_summary(o: MemorySearchOutput) -> str:
    if not o.hits:
        return "no hits"
    return "\n".join(f"frame {h.frame_id} t={h.t:.1f}s score={h.score:.2f} [{h.kind}] {h.text}" for h in o.hits)


SKILLS = [
    Skill(name="memory_add", fn=memory_add, input_model=MemoryAddInput, output_model=MemoryAddOutput,
          cli="memory add", positional=("image",), summary=_add_summary),
    Skill(name="memory_ingest_video", fn=memory_ingest_video, input_model=MemoryIngestInput,
          output_model=MemoryIngestOutput, cli="memory ingest", positional=("video",),
          summary=lambda o: f"{o.frames_kept} of {o.frames_seen} frames kept, {o.bytes_stored:,} bytes, {o.speed}x real time"),
    Skill(name="memory_search", fn=memory_search, input_model=MemorySearchInput, output_model=MemorySearchOutput,
          cli="memory search", positional=("query",), summary=_search_summary),
    Skill(name="memory_context", fn=memory_context, input_model=MemoryContextInput, output_model=MemoryContextOutput,
          cli="memory context", summary=lambda o: o.text, image_result=lambda o: o._png),
    Skill(name="memory_get", fn=memory_get, input_model=MemoryGetInput, output_model=MemoryGetOutput,
          cli="memory get", positional=("frame_id",), image_result=lambda o: o._png,
          summary=lambda o: f"frame {o.frame_id} of {o.episode} at t={o.t:.1f}s: " + " / ".join(o.text[:12])),
    Skill(name="memory_stats", fn=memory_stats, input_model=MemoryStatsInput, output_model=MemoryStatsOutput,
          cli="memory stats", summary=lambda o: f"{o.frames} frames ({o.frames_merged} merged), {o.bytes_stored:,} bytes in {o.store}"),
    Skill(name="memory_compact", fn=memory_compact, input_model=MemoryCompactInput, output_model=MemoryCompactOutput,
          cli="memory compact",
          summary=lambda o: f"{o.frames_downscaled} downscaled, {o.frames_to_text} to text; {o.bytes_before:,} -> {o.bytes_after:,} bytes"),
]
