"""Memory skills: remember screenshots and recordings, search them, tell an episode in a budget.

The tools and their schemas; the engine (store, recorder, video ingest, search, context) is `seer.memory`.
"""

from ..registry import Skill
from .schema import (
    MemoryAddInput,
    MemoryAddOutput,
    MemoryCompactInput,
    MemoryCompactOutput,
    MemoryContextInput,
    MemoryContextOutput,
    MemoryGetInput,
    MemoryGetOutput,
    MemoryIngestInput,
    MemoryIngestOutput,
    MemorySearchInput,
    MemorySearchOutput,
    MemoryStatsInput,
    MemoryStatsOutput,
)
from .tools import (
    memory_add,
    memory_compact,
    memory_context,
    memory_get,
    memory_ingest_video,
    memory_search,
    memory_stats,
)

SKILLS = [
    Skill(
        name="memory_add",
        fn=memory_add,
        input_model=MemoryAddInput,
        output_model=MemoryAddOutput,
        cli="memory add",
        positional=("image",),
    ),
    Skill(
        name="memory_ingest_video",
        fn=memory_ingest_video,
        input_model=MemoryIngestInput,
        output_model=MemoryIngestOutput,
        cli="memory ingest",
        positional=("video",),
    ),
    Skill(
        name="memory_search",
        fn=memory_search,
        input_model=MemorySearchInput,
        output_model=MemorySearchOutput,
        cli="memory search",
        positional=("query",),
    ),
    Skill(
        name="memory_context",
        fn=memory_context,
        input_model=MemoryContextInput,
        output_model=MemoryContextOutput,
        cli="memory context",
    ),
    Skill(
        name="memory_get",
        fn=memory_get,
        input_model=MemoryGetInput,
        output_model=MemoryGetOutput,
        cli="memory get",
        positional=("frame_id",),
    ),
    Skill(
        name="memory_stats",
        fn=memory_stats,
        input_model=MemoryStatsInput,
        output_model=MemoryStatsOutput,
        cli="memory stats",
    ),
    Skill(
        name="memory_compact",
        fn=memory_compact,
        input_model=MemoryCompactInput,
        output_model=MemoryCompactOutput,
        cli="memory compact",
    ),
]
