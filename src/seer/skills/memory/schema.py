"""Inputs and outputs of the memory tools."""

from __future__ import annotations

from pydantic import BaseModel, Field

from ..common import Output, Untrusted, untrusted

STORE = "Memory store folder (default ~/.local/share/seer/memory, or $SEER_STORE)."
EPISODE = "Episode name: one task or session; frames, notes and actions share its timeline."


class MemoryAddInput(BaseModel):
    image: str = Field(description="Screenshot to remember: file path, data: URI or base64.")
    episode: str = Field("default", description=EPISODE)
    note: str | None = Field(None, description="A note to put on the timeline with this frame.")
    action: str | None = Field(None, description='What the agent just did, e.g. "clicked Save at (812,440)".')
    pin: bool = Field(False, description="Keep this frame's original forever (compaction never drops it).")
    t: float | None = Field(None, description="Seconds from the episode start; default: now.")
    store: str | None = Field(None, description=STORE)


class MemoryAddOutput(Output):
    frame_id: int | None = Field(
        description="The frame that now holds this screenshot (new, or the one it merged into)."
    )
    kept: bool = Field(description="True when stored as a new frame; False when it was a near-duplicate.")
    merged_into: int | None = Field(description="The earlier frame it duplicated, when not kept.")
    t: float = Field(description="Seconds from the episode start.")
    changed: list[list[int]] = Field(description="Regions [x0,y0,x1,y1] that changed since the previous frame.")
    similarity: float = Field(description="0-1 similarity to the previous frame (1 = identical).")
    text: list[str] = Field(description="Text read from the changed regions.")
    note_ids: list[int] = Field(description="Ids of the note/action items added.")
    episode: str = Field(description=EPISODE)

    def summary_text(self) -> str:
        if self.kept:
            return f"kept as frame {self.frame_id} at t={self.t:.1f}s ({len(self.changed)} changed regions)"
        return f"near-duplicate: merged into frame {self.merged_into}"


class MemoryIngestInput(BaseModel):
    video: str = Field(description="Video file to ingest (any format FFmpeg reads: mp4, mkv, webm, mov).")
    episode: str = Field("default", description=EPISODE)
    fps: float = Field(1.0, gt=0, le=30, description="Frames sampled per second of video.")
    start: float | None = Field(
        None, description="Episode time (s) of the video's first frame; default: after what the episode holds."
    )
    ocr: bool = Field(True, description="Read the text of changed regions (needed for text search).")
    store: str | None = Field(None, description=STORE)


class MemoryIngestOutput(Output):
    frames_seen: int = Field(description="Frames sampled from the video.")
    frames_kept: int = Field(description="Frames stored (the rest were near-duplicates, merged).")
    bytes_raw: int = Field(description="Size of the sampled frames as raw RGB.")
    bytes_stored: int = Field(description="Bytes of images the kept frames added to the store.")
    seconds: float = Field(description="Wall time of the ingest.")
    video_seconds: float = Field(description="Length of video covered.")
    speed: float = Field(description="Video seconds ingested per wall second (x real time).")
    ocr_seconds: float = Field(description="Part of the wall time spent reading text.")
    episode: str = Field(description=EPISODE)

    def summary_text(self) -> str:
        return f"{self.frames_kept} of {self.frames_seen} frames kept, {self.bytes_stored:,} bytes, {self.speed}x real time"


class MemorySearchInput(BaseModel):
    query: str = Field(description="What to find: on-screen words (typos tolerated) or a paraphrase.")
    episode: str | None = Field(
        None, description="The episode to search (default: the most recent one; episodes are kept apart); '*' for all."
    )
    k: int = Field(5, ge=1, le=100, description="Number of hits.")
    t_from: float | None = Field(None, description="Only items on screen at or after this episode time (s).")
    t_to: float | None = Field(None, description="Only items that appeared at or before this episode time (s).")
    at: float | None = Field(
        None,
        description="The state at this episode time (s): only what was on screen then, and of a line that changed in place (a counter, a progress bar, a file shown again) the version shown then.",
    )
    kinds: list[str] | None = Field(None, description="Only these kinds: ocr, note, action.")
    store: str | None = Field(None, description=STORE)


class SearchHit(BaseModel):
    frame_id: int | None = Field(description="Frame showing the text (fetch it with memory_get).")
    t: float = Field(description="Seconds from the episode start when it appeared.")
    t_end: float | None = Field(description="When it left the screen (None: still there at the end).")
    score: float = Field(description="Relevance, higher is better (about 0-1.3).")
    text: str = Field(description="The matching text.")
    kind: str = Field(description="ocr (on screen), note or action.")
    box: list[int] | None = Field(description="Where the text was on the frame, [x0,y0,x1,y1].")
    episode: str = Field(description=EPISODE)


class MemorySearchOutput(Output):
    hits: list[SearchHit] = Field(description="Best first.")
    untrusted: Untrusted = untrusted()

    def summary_text(self) -> str:
        if not self.hits:
            return "no hits"
        return "\n".join(f"frame {h.frame_id} t={h.t:.1f}s score={h.score:.2f} [{h.kind}] {h.text}" for h in self.hits)


class MemoryContextInput(BaseModel):
    episode: str = Field("default", description=EPISODE)
    budget: int = Field(2000, ge=16, description="Most tokens the result may cost (text plus image), estimated.")
    query: str | None = Field(None, description="Focus: segments and frames relevant to this come first.")
    provider: str | None = Field(
        None, description="Image token rule: openai, anthropic, gemini, qwen, glm (default: the most expensive)."
    )
    max_images: int = Field(3, ge=0, le=8, description="Most frames to include in the image sheet.")
    output: str | None = Field(None, description="Write the image sheet to this PNG path.")
    store: str | None = Field(None, description=STORE)


class ContextItem(BaseModel):
    kind: str = Field(description="segment (timeline text) or image (a frame on the sheet).")
    frame_id: int | None = Field(None, description="Frame of the segment's start, or the frame shown.")
    t0: float | None = Field(None, description="Segment start (s).")
    t1: float | None = Field(None, description="Segment end (s).")
    t: float | None = Field(None, description="Time of the frame shown (s).")
    text: str | None = Field(None, description="The segment's timeline line.")
    box_in_sheet: list[int] | None = Field(None, description="Where the frame is on the sheet image.")
    tokens: int = Field(description="Estimated tokens of this item (the sheet's cost is on its first image).")


class MemoryContextOutput(Output):
    tokens: int = Field(description="Estimated tokens of text plus sheet; never more than the budget.")
    budget: int = Field(description="The budget asked for.")
    text: str = Field(description="The timeline to paste into a prompt.")
    items: list[ContextItem] = Field(description="Segments in time order, then the frames on the sheet.")
    sheet_size: list[int] | None = Field(None, description="[width, height] of the image sheet, if any.")
    output: str | None = Field(None, description="Where the sheet was written.")
    untrusted: Untrusted = untrusted()

    def summary_text(self) -> str:
        return self.text


class MemoryGetInput(BaseModel):
    frame_id: int = Field(description="Frame id from memory_search or memory_context.")
    max_side: int = Field(2000, ge=16, le=2000, description="Longest side of the returned image, px.")
    output: str | None = Field(None, description="Write the image to this PNG path.")
    store: str | None = Field(None, description=STORE)


class MemoryGetOutput(Output):
    frame_id: int = Field(description="The frame.")
    episode: str = Field(description=EPISODE)
    t: float = Field(description="Seconds from the episode start when it appeared.")
    t_end: float = Field(description="Last time it was still on screen (merged duplicates included).")
    width: int = Field(description="Original width, px.")
    height: int = Field(description="Original height, px.")
    image_size: list[int] | None = Field(
        description="[width, height] of the image returned, or None when only text is kept."
    )
    tier: int = Field(description="0 full, 1 downscaled, 2 text and thumbnail only.")
    pinned: bool = Field(description="Original kept forever.")
    text: list[str] = Field(description="Text on screen at that moment, top to bottom.")
    notes: list[str] = Field(description="Notes and actions tied to this frame.")
    output: str | None = Field(None, description="Where the image was written.")

    def summary_text(self) -> str:
        return f"frame {self.frame_id} of {self.episode} at t={self.t:.1f}s: " + " / ".join(self.text[:12])


class MemoryStatsInput(BaseModel):
    store: str | None = Field(None, description=STORE)


class EpisodeStats(BaseModel):
    episode: str
    created: float = Field(description="Unix time the episode started.")
    frames: int
    merged: int = Field(description="Near-duplicate frames merged into kept ones.")
    duration: float = Field(description="Seconds covered.")


class MemoryStatsOutput(Output):
    store: str = Field(description="Store folder.")
    frames: int = Field(description="Frames kept.")
    frames_merged: int = Field(description="Frames merged as near-duplicates.")
    items: int = Field(description="Text lines, notes and actions on the timelines.")
    tiers: dict[str, int] = Field(description="Frames per tier (0 full, 1 downscaled, 2 text).")
    bytes_stored: int = Field(description="Bytes on disk: images plus database.")
    blob_bytes: int = Field(description="Bytes of images.")
    episodes: list[EpisodeStats] = Field(description="Per episode.")

    def summary_text(self) -> str:
        return f"{self.frames} frames ({self.frames_merged} merged), {self.bytes_stored:,} bytes in {self.store}"


class MemoryCompactInput(BaseModel):
    episode: str | None = Field(None, description="Only this episode (default: all).")
    downscale_after_hours: float = Field(24, ge=0, description="Frames older than this are kept at half resolution.")
    text_after_days: float = Field(7, ge=0, description="Frames older than this keep only text and a thumbnail.")
    store: str | None = Field(None, description=STORE)


class MemoryCompactOutput(Output):
    frames_downscaled: int = Field(description="Frames moved to tier 1.")
    frames_to_text: int = Field(description="Frames moved to tier 2.")
    frames_protected: int = Field(description="Pinned or annotated frames whose originals were kept.")
    bytes_before: int = Field(description="Image bytes before.")
    bytes_after: int = Field(description="Image bytes after.")

    def summary_text(self) -> str:
        return (
            f"{self.frames_downscaled} downscaled, {self.frames_to_text} to text; "
            f"{self.bytes_before:,} -> {self.bytes_after:,} bytes"
        )
