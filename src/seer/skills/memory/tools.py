"""The memory tools: thin typed wrappers over the store, recorder, search, context and compaction.

Each tool imports the machinery it alone needs (OpenCV, the recorder, video decoding, image
codecs) when called, so `seer memory search` in a new process starts with the store and search only.
"""

from __future__ import annotations

import json

from ...context import Context
from ...errors import InputError
from ...memory.budget import provider_of
from ...memory.search import episode_scope, search
from ...memory.store import MemoryStore, open_store
from ...security import write_output
from .schema import (
    ContextItem,
    EpisodeStats,
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
    SearchHit,
)


def _store(path: str | None, ctx: Context) -> MemoryStore:
    return open_store(path, max_pixels=ctx.settings.max_pixels, settings=ctx.settings)


def _write(path: str | None, data: bytes | None, settings=None) -> str | None:
    if not path or data is None:
        return None
    return str(write_output(path, data, settings, what="output image", suffixes=(".png",)))


def memory_add(inp: MemoryAddInput, ctx: Context) -> MemoryAddOutput:
    """Remember a screenshot in an episode's timeline (with an optional note or action). Near-duplicates
    (a blinking cursor, a moved pointer) are merged into the previous frame; a kept frame is stored as
    changed-region crops against a keyframe and the text of the changed regions is read once. Returns
    {frame_id, kept, merged_into, changed regions, similarity, text read}. Use it after each step of a
    long task so memory_search and memory_context can recall what was on screen."""
    from ...memory.recorder import Recorder
    from ...perception.image import load_image

    img = load_image(inp.image, ctx.settings)
    store = _store(inp.store, ctx)
    try:
        rec = Recorder(store, inp.episode)
        if inp.t is not None and inp.t < rec.last_t:
            raise InputError(
                f"t={inp.t} is before the episode's last frame at t={rec.last_t:.2f}; frames must be added in time order"
            )
        res = rec.push(img.pixels, t=inp.t, source=img.source, force=inp.pin)
        rec.close()
        fid = res.frame_id or res.merged_into
        notes = []
        if inp.note:
            notes.append(rec.note(inp.note, "note", t=rec.last_t))
        if inp.action:
            notes.append(rec.note(inp.action, "action", t=rec.last_t))
        if inp.pin and fid:
            f = store.frame(fid)
            f.pinned = 1
            store.update_frame(f)
        text = (
            [it.text for it in store.items(inp.episode, kinds=["ocr"]) if it.frame_id == res.frame_id]
            if res.kept
            else []
        )
        return MemoryAddOutput(
            frame_id=fid,
            kept=res.kept,
            merged_into=res.merged_into,
            t=round(rec.last_t, 3),
            changed=[b.as_list() for b in res.changed],
            similarity=res.similarity,
            text=text,
            note_ids=notes,
            episode=inp.episode,
        )
    finally:
        store.close()


def memory_ingest_video(inp: MemoryIngestInput, ctx: Context) -> MemoryIngestOutput:
    """Ingest a screen recording into an episode: sample it at `fps` (default 1 frame/s), merge frames
    that show nothing new, store scene changes as keyframes and the rest as changed-region crops, and
    read the text of only the regions that changed. Runs many times faster than real time. Returns
    {frames_seen, frames_kept, bytes_raw, bytes_stored, seconds, speed}. Search it afterwards with
    memory_search, summarise it with memory_context."""
    from ...memory.recorder import Recorder, RecorderOptions
    from ...memory.video import VIDEO_QUALITY, VIDEO_TOLERANCE, ingest_video
    from ...perception.change import ChangeOptions

    store = _store(inp.store, ctx)
    try:
        opts = RecorderOptions(
            change=ChangeOptions(pixel_threshold=48, min_pixels=6),
            tolerance=VIDEO_TOLERANCE,
            key_fraction=0.7,
            quality=VIDEO_QUALITY,
            ocr=inp.ocr,
        )
        rec = Recorder(store, inp.episode, opts)
        r = ingest_video(inp.video, rec, fps=inp.fps, start=inp.start, progress=ctx.report, settings=ctx.settings)
        return MemoryIngestOutput(
            frames_seen=r.frames_seen,
            frames_kept=r.frames_kept,
            bytes_raw=r.bytes_raw,
            bytes_stored=r.bytes_stored,
            seconds=r.seconds,
            video_seconds=r.video_seconds,
            speed=round(r.video_seconds / max(r.seconds, 1e-6), 1),
            ocr_seconds=r.ocr_seconds,
            episode=inp.episode,
        )
    finally:
        store.close()


def memory_search(inp: MemorySearchInput, ctx: Context) -> MemorySearchOutput:
    """Find moments in memory by what was on screen or what the agent noted: exact words (BM25 full
    text), misread words (fuzzy, for OCR errors) and paraphrases (a local sentence-embedding model).
    Searches one episode (the most recent unless named; '*' for all); each distinct text is one
    hit at its first appearance, errors and dialogs above plain lines; `at` gives the state at a
    moment. Filter by time range. Returns hits {frame_id, t (seconds from the episode start),
    score, text, kind, box}; fetch a hit's image with memory_get."""
    store = _store(inp.store, ctx)
    try:
        hits = search(
            store, inp.query, episode_scope(store, inp.episode), inp.k, inp.t_from, inp.t_to, inp.kinds, at=inp.at
        )
        return MemorySearchOutput(
            hits=[
                SearchHit(
                    frame_id=h.item.frame_id,
                    t=round(h.item.t, 3),
                    t_end=None if h.item.t_end is None else round(h.item.t_end, 3),
                    score=h.score,
                    text=h.item.text,
                    kind=h.item.kind,
                    box=json.loads(h.item.box) if h.item.box else None,
                    episode=h.item.episode,
                )
                for h in hits
            ]
        )
    finally:
        store.close()


def memory_context(inp: MemoryContextInput, ctx: Context) -> MemoryContextOutput:
    """Summarise an episode within a token budget: a timeline of segments (what was on screen from
    when to when, what changed, what the agent did) plus a sheet of the few most relevant frames,
    such that estimated text + image tokens never exceed `budget`. Give a `query` to focus it. Paste
    the returned text (and image) back into context after hours of work."""
    from ...memory.codec import png_bytes
    from ...memory.context import build_context

    store = _store(inp.store, ctx)
    try:
        provider = inp.provider or provider_of(ctx.model)
        r = build_context(store, inp.episode, inp.budget, inp.query, provider, inp.max_images)
        png = png_bytes(r.sheet) if r.sheet is not None else None
        out = MemoryContextOutput(
            tokens=r.tokens,
            budget=r.budget,
            text=r.text,
            items=[ContextItem(**it) for it in r.items],
            sheet_size=[r.sheet.shape[1], r.sheet.shape[0]] if r.sheet is not None else None,
            output=_write(inp.output, png, ctx.settings),
        )
        return out.with_image(png)
    finally:
        store.close()


def memory_get(inp: MemoryGetInput, ctx: Context) -> MemoryGetOutput:
    """Return one remembered frame as an image (rebuilt from its keyframe and delta, at most `max_side`
    px a side) with the text on screen at that moment and the notes tied to it. Use after
    memory_search or memory_context to look at a moment again."""
    from ...memory.codec import downscale, png_bytes
    from ...memory.frames import frame_pixels

    store = _store(inp.store, ctx)
    try:
        f = store.frame(inp.frame_id)
        png = None
        size = None
        if f.kind != "text" or f.thumb:
            px = downscale(frame_pixels(store, f), max_side=inp.max_side)
            png = png_bytes(px)
            size = [px.shape[1], px.shape[0]]
        lines = store.items(f.episode, kinds=["ocr"], t0=f.t, t1=f.t)
        lines.sort(key=lambda it: (json.loads(it.box)[1], json.loads(it.box)[0]) if it.box else (0, 0))
        notes = [it.text for it in store.items(f.episode, kinds=["note", "action"]) if it.frame_id == f.id]
        out = MemoryGetOutput(
            frame_id=f.id,
            episode=f.episode,
            t=round(f.t, 3),
            t_end=round(f.t_end, 3),
            width=f.width,
            height=f.height,
            image_size=size,
            tier=f.tier,
            pinned=bool(f.pinned),
            text=[it.text for it in lines],
            notes=notes,
            output=_write(inp.output, png, ctx.settings),
        )
        return out.with_image(png)
    finally:
        store.close()


def memory_stats(inp: MemoryStatsInput, ctx: Context) -> MemoryStatsOutput:
    """Size and contents of the memory store: frames kept and merged, tiers, bytes, episodes."""
    store = _store(inp.store, ctx)
    try:
        s = store.stats()
        return MemoryStatsOutput(
            store=s["store"],
            frames=s["frames"],
            frames_merged=s["frames_merged"],
            items=s["items"],
            tiers=s["tiers"],
            bytes_stored=s["bytes_stored"],
            blob_bytes=s["blob_bytes"],
            episodes=[EpisodeStats(**e) for e in store.episodes()],
        )
    finally:
        store.close()


def memory_compact(inp: MemoryCompactInput, ctx: Context) -> MemoryCompactOutput:
    """Apply the tier policy now: frames older than `downscale_after_hours` are kept at half resolution,
    older than `text_after_days` as text, a thumbnail and a summary only; pinned and annotated frames
    keep their originals. Returns counts and image bytes before and after."""
    from ...memory.compact import Policy, compact

    store = _store(inp.store, ctx)
    try:
        r = compact(
            store,
            inp.episode,
            Policy(downscale_after_s=inp.downscale_after_hours * 3600, text_after_s=inp.text_after_days * 86400),
        )
        return MemoryCompactOutput(
            frames_downscaled=r.frames_downscaled,
            frames_to_text=r.frames_to_text,
            frames_protected=r.frames_protected,
            bytes_before=r.bytes_before,
            bytes_after=r.bytes_after,
        )
    finally:
        store.close()
