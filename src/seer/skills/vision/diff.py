"""diff_screenshots: what changed between two screenshots of one screen, as regions and text."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image as PILImage
from PIL import ImageDraw

from ...config import Settings
from ...context import Context
from ...perception.change import ChangeOptions, detect_changes
from ...perception.encode import encode_png
from ...perception.geometry import Box
from ...perception.image import Image, from_array, load_image
from ...perception.ocr import read_lines
from ...security import write_output
from .diff_schema import DiffInput, DiffOutput, DiffRegion, TextChange

MAX_OCR_REGIONS = 24


def diff_screenshots(inp: DiffInput, ctx: Context) -> DiffOutput:
    """Compare two screenshots of the same screen (before/after an action) and return what changed:
    changed regions as boxes [x0,y0,x1,y1], the text added, removed or edited in each (only the
    changed regions are OCR'd), and a 0-1 similarity. A blinking caret, a moved mouse pointer and
    antialiasing noise are ignored. Use it to verify that a click or keystroke had an effect, or to
    find the dialog or message that appeared."""
    a = load_image(inp.a, ctx.settings)
    b = load_image(inp.b, ctx.settings)
    pa, pb = a.pixels, b.pixels
    resized = pa.shape != pb.shape
    if resized and not _same_screen_scaled(a, b):
        whole = Box(0, 0, a.width, a.height)
        return DiffOutput(
            width=a.width,
            height=a.height,
            similarity=0.0,
            changed=True,
            resized=True,
            ignored=[],
            regions=[
                DiffRegion(
                    box=whole.as_list(), kind="visual", added=[], removed=[], changed=[], text_before=[], text_after=[]
                )
            ],
            warnings=[
                f"the screenshots have different shapes ({a.width}x{a.height} and {b.width}x{b.height}): "
                "not the same screen, or a window that was resized; compare screenshots of one size"
            ],
        )
    if resized:
        pb = cv2.resize(pb, (a.width, a.height), interpolation=cv2.INTER_AREA)
    change = detect_changes(pa, pb, ChangeOptions(tile=inp.tile, pixel_threshold=inp.threshold))
    ranked = sorted(change.boxes, key=lambda bx: -bx.area)[:MAX_OCR_REGIONS] if inp.ocr else []
    after = from_array(pb, source=b.source) if resized else b
    regions = [_region(a, after, box, box in ranked) for box in change.boxes]
    png = _outlined(pb, change.boxes)
    out = DiffOutput(
        width=a.width,
        height=a.height,
        similarity=change.similarity,
        changed=change.changed,
        regions=regions,
        ignored=[bx.as_list() for bx in change.ignored],
        resized=resized,
        output=_write(inp.output, png, ctx.settings),
    )
    return out.with_image(png)  # the second screenshot, changed regions outlined


def _same_screen_scaled(a: Image, b: Image) -> bool:
    """The same screen at another scale (HiDPI), not another window: equal aspect within 2%."""
    return abs(a.width / a.height - b.width / b.height) <= 0.02 * (a.width / a.height)


def _region(a: Image, b: Image, box: Box, read: bool) -> DiffRegion:
    if not read:
        return DiffRegion(
            box=box.as_list(), kind="visual", added=[], removed=[], changed=[], text_before=[], text_after=[]
        )
    area = box.pad(6).clip(a.width, a.height)
    before = [ln.text for ln in read_lines(a, area)]
    after = [ln.text for ln in read_lines(b, area)]
    added, removed, edited = _compare(before, after)
    kind = "text" if added or removed or edited else "visual"
    return DiffRegion(
        box=box.as_list(), kind=kind, added=added, removed=removed, changed=edited, text_before=before, text_after=after
    )


def _compare(before: list[str], after: list[str]) -> tuple[list[str], list[str], list[TextChange]]:
    """Lines only after, only before, and pairs edited in place (most similar first, ≥ 60% alike)."""
    from rapidfuzz import fuzz

    left = [t for t in before if t not in after]
    right = [t for t in after if t not in before]
    pairs = sorted(((fuzz.ratio(x, y), i, j) for i, x in enumerate(left) for j, y in enumerate(right)), reverse=True)
    used_l, used_r, edited = set(), set(), []
    for score, i, j in pairs:
        if score < 60:
            break
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        edited.append(TextChange(before=left[i], after=right[j]))
    removed = [t for i, t in enumerate(left) if i not in used_l]
    added = [t for j, t in enumerate(right) if j not in used_r]
    return added, removed, edited


def _outlined(pixels: np.ndarray, boxes: list[Box]) -> bytes:
    img = PILImage.fromarray(pixels)
    scale = min(1.0, 2000 / max(img.size))
    if scale < 1.0:
        img = img.resize((round(img.width * scale), round(img.height * scale)), PILImage.Resampling.LANCZOS)
    draw = ImageDraw.Draw(img)
    for bx in boxes:
        s = bx.scale(scale)
        draw.rectangle((s.x0 - 2, s.y0 - 2, s.x1 + 1, s.y1 + 1), outline=(230, 30, 30), width=2)
    return encode_png(img)


def _write(path: str | None, data: bytes | None, settings: Settings) -> str | None:
    if not path or data is None:
        return None
    return str(write_output(path, data, settings, what="output image", suffixes=(".png",)))
