"""Boxes and points from model answers, in every convention, mapped back to original-image pixels.

    conventions: "norm1000"  0–1000 of the sent image (GLM-4.5V/5V, Qwen3-VL, Qwen2-VL, OS-Atlas)
                 "pixels"    pixels of the image as sent (Qwen2.5-VL, UI-TARS-1.5, Claude, GPT); we send
                             exactly the model's own working size, so this is also the smart_resized image
                 "fraction"  0–1 of the sent image (OmniParser-style); detected by value, whatever the profile

    text ──parse()──▶ Found(values in the model's convention) ──Frame.to_original()──▶ Box in original px

A `Frame` records how one sent image was made from the original: which region (`crop`) was cut out
and the size it was sent at. Every mapping goes through it, so crops and resizes cannot be forgotten.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from ..perception.geometry import Box

Convention = Literal["norm1000", "pixels", "fraction"]
CONVENTIONS: tuple[Convention, ...] = ("norm1000", "pixels", "fraction")


@dataclass(frozen=True, slots=True)
class Frame:
    """How one sent image relates to the original: the `crop` (original px) sent at `sent_w`×`sent_h`."""

    crop: Box
    sent_w: int
    sent_h: int

    def _scale(self, convention: Convention) -> tuple[float, float]:
        """Model units per original pixel, along x and y."""
        if convention == "pixels":
            return self.sent_w / self.crop.width, self.sent_h / self.crop.height
        if convention == "norm1000":
            return 1000.0 / self.crop.width, 1000.0 / self.crop.height
        if convention == "fraction":
            return 1.0 / self.crop.width, 1.0 / self.crop.height
        raise ValueError(f"unknown coordinate convention {convention!r}; expected one of {CONVENTIONS}")

    def to_original(self, values: tuple[float, ...], convention: Convention) -> tuple[float, ...]:
        """Model-convention x,y[,x,y] -> continuous original-image pixels."""
        sx, sy = self._scale(convention)
        return tuple(self.crop.x0 + v / sx if i % 2 == 0 else self.crop.y0 + v / sy for i, v in enumerate(values))

    def from_original(self, values: tuple[float, ...], convention: Convention) -> tuple[float, ...]:
        """Original-image pixels x,y[,x,y] -> the model's convention (continuous)."""
        sx, sy = self._scale(convention)
        return tuple((v - self.crop.x0) * sx if i % 2 == 0 else (v - self.crop.y0) * sy for i, v in enumerate(values))

    def box_to_model(self, box: Box, convention: Convention) -> list[float]:
        """An original-pixel box as the model would write it (rounded), e.g. for grounding context."""
        return [
            round(v) if convention != "fraction" else v for v in self.from_original(tuple(box.as_list()), convention)
        ]


@dataclass(frozen=True, slots=True)
class Found:
    """A box (4 values) or point (2 values) as written by the model, with the convention its syntax implies."""

    values: tuple[float, ...]
    label: str | None = None
    hint: Convention | None = None  # set when the syntax itself fixes the convention (GLM tags, fractions)

    @property
    def kind(self) -> str:
        return "box" if len(self.values) == 4 else "point"


@dataclass(frozen=True, slots=True)
class Located:
    """A parsed answer in original-image pixels: `box` for boxes, `point` for points (and box centres)."""

    label: str | None
    box: Box | None
    point: tuple[int, int]
    convention: Convention
    clipped: bool  # the model answered (partly) outside the image it was shown


_NUM = r"-?\d+(?:\.\d+)?"
_GLM = re.compile(r"<\|begin_of_box\|>(.*?)<\|end_of_box\|>", re.S)
_TAGS = re.compile(
    r"(?:<\|object_ref_start\|>(?P<ref>.*?)<\|object_ref_end\|>\s*)?"
    r"(?:<\|box_start\|>(?P<qbox>.*?)<\|box_end\|>|<bbox>(?P<bbox>.*?)</bbox>|<point>(?P<point>.*?)</point>)",
    re.S,
)
_BRACKET = re.compile(rf"[\[\(]\s*({_NUM})\s*,\s*({_NUM})\s*(?:,\s*({_NUM})\s*,\s*({_NUM})\s*)?[\]\)]")
_XY = re.compile(rf"\bx\s*[=:]\s*({_NUM})\s*,?\s*y\s*[=:]\s*({_NUM})", re.I)
_BOX_KEYS = ("bbox_2d", "bbox", "box", "bounding_box", "boundingbox", "rect", "xyxy", "coordinates", "box_2d")
_POINT_KEYS = ("point_2d", "point", "click", "position", "center", "coordinate", "coords")
_LABEL_KEYS = ("label", "name", "text", "element", "description", "object")


def parse(text: str) -> list[Found]:
    """Every box/point in a model answer: GLM tags, Qwen/UI-TARS tags, JSON, or bracketed free text."""
    found = [f for body in _GLM.findall(text) for f in _from_numbers(body, None, "norm1000")]
    if found:
        return found
    for m in _TAGS.finditer(text):
        body = m.group("qbox") or m.group("bbox") or m.group("point") or ""
        found.extend(_from_numbers(body, (m.group("ref") or "").strip() or None, None))
    if found:
        return found
    from ._json import json_values

    for value in json_values(text):
        if isinstance(value, list) and _is_nums(*value):
            continue  # a bare [x, y, ...] is free text, handled below in order with its neighbours
        found.extend(_walk(value))
    if found:
        return found
    for m in _BRACKET.finditer(text):
        nums = [g for g in m.groups() if g is not None]
        found.append(_found(nums, None, None))
    for m in _XY.finditer(text):
        found.append(_found(list(m.groups()), None, None))
    return found


def locate(text: str, frame: Frame, convention: Convention) -> tuple[list[Located], list[str]]:
    """Parse `text` and map each box/point through `frame` into original-image pixels; returns the
    positions and, separately, why each refused one was refused (non-finite, off the image)."""
    out: list[Located] = []
    refused: list[str] = []
    for f in parse(text):
        why = refusal(f, frame, convention)
        if why:
            refused.append(why)
        else:
            out.append(to_located(f, frame, convention))
    return out, refused


def refusal(found: Found, frame: Frame, convention: Convention) -> str | None:
    """Why a parsed position cannot be used, or None: a value that is not finite, or a box whose centre
    (a point) lies off the image it was shown. Clamping such an answer onto the edge would turn a wrong
    answer into a confident click on whatever sits there (often a window's close button)."""
    written = list(found.values)
    if not all(math.isfinite(v) for v in written):
        return f"{written} holds a value that is not a finite number"
    vals = frame.to_original(found.values, found.hint or convention)
    if not all(math.isfinite(v) for v in vals):
        return f"{written} is too large to be a position"
    c = frame.crop
    x, y = ((vals[0] + vals[2]) / 2, (vals[1] + vals[3]) / 2) if len(vals) == 4 else (vals[0], vals[1])
    if not (c.x0 - 1 <= x <= c.x1 + 1 and c.y0 - 1 <= y <= c.y1 + 1):
        return f"{written} lies off the image it was shown ({frame.sent_w}x{frame.sent_h} as sent)"
    return None


def to_located(found: Found, frame: Frame, convention: Convention) -> Located:
    """Map a position `refusal` accepted into original pixels, clipping a box that crosses the edge."""
    conv = found.hint or convention
    vals = frame.to_original(found.values, conv)
    c = frame.crop
    if len(vals) == 4:
        raw = Box.of(vals)
        x0, x1 = (min(max(v, c.x0), c.x1) for v in (raw.x0, raw.x1))
        y0, y1 = (min(max(v, c.y0), c.y1) for v in (raw.y0, raw.y1))
        box = Box(x0, y0, x1, y1)
        return Located(found.label, box, box.center, conv, box != raw)
    x, y = round(vals[0]), round(vals[1])
    cx, cy = min(max(x, c.x0), c.x1 - 1), min(max(y, c.y0), c.y1 - 1)
    return Located(found.label, None, (cx, cy), conv, (cx, cy) != (x, y))


def format_box(values: list[float], convention: Convention, style: str) -> str:
    """Write a box the way a model of a given style would (used by tests and the bench)."""
    if convention == "fraction":
        nums = [f"{v:.4f}" for v in values]
    else:
        nums = [str(round(v)) for v in values]
    if style == "glm":
        return f"The element is at <|begin_of_box|>[{', '.join(nums)}]<|end_of_box|>."
    if style == "qwen_json":
        return "```json\n" + json.dumps([{"bbox_2d": [json.loads(n) for n in nums], "label": "target"}]) + "\n```"
    if style == "qwen_tags":
        return f"<|object_ref_start|>target<|object_ref_end|><|box_start|>({nums[0]},{nums[1]}),({nums[2]},{nums[3]})<|box_end|>"
    if style == "bbox_tag":
        return f"<bbox>{' '.join(nums)}</bbox>"
    return f"The button is at ({', '.join(nums)}) in the image."


def _found(nums: list[str], label: str | None, hint: Convention | None) -> Found:
    vals = tuple(float(n) for n in nums)
    if hint is None and any("." in n for n in nums) and all(0.0 <= v <= 1.0 for v in vals):
        hint = "fraction"
    return Found(vals, label, hint)


def _from_numbers(body: str, label: str | None, hint: Convention | None) -> Iterator[Found]:
    nums = re.findall(_NUM, body)
    if len(nums) % 4 == 0 and nums:
        for i in range(0, len(nums), 4):
            yield _found(nums[i : i + 4], label, hint)
    elif len(nums) == 2:
        yield _found(nums, label, hint)


def _walk(value: Any, label: str | None = None) -> Iterator[Found]:
    if isinstance(value, dict):
        lab = next((str(value[k]) for k in _LABEL_KEYS if isinstance(value.get(k), (str, int))), label)
        hit = False
        for key in _BOX_KEYS + _POINT_KEYS:
            if key in value:
                for f in _coords_of(value[key], lab, gemini=(key == "box_2d")):
                    hit = True
                    yield f
        if not hit and _is_nums(value.get("x"), value.get("y")):
            if _is_nums(value.get("width"), value.get("height")):
                x, y, w, h = (float(value[k]) for k in ("x", "y", "width", "height"))
                yield _found([str(x), str(y), str(x + w), str(y + h)], lab, None)
            else:
                yield _found([str(value["x"]), str(value["y"])], lab, None)
            hit = True
        if not hit:
            for v in value.values():
                if isinstance(v, (dict, list)):
                    yield from _walk(v, lab)
    elif isinstance(value, list):
        if len(value) in (2, 4) and _is_nums(*value):
            yield _found([_num_str(v) for v in value], label, None)
        else:
            for v in value:
                yield from _walk(v, label)


def _coords_of(v: Any, label: str | None, gemini: bool = False) -> Iterator[Found]:
    if isinstance(v, str):
        nums = re.findall(_NUM, v)
        if len(nums) in (2, 4):
            yield _found(nums, label, None)
        return
    if isinstance(v, list) and len(v) == 2 and all(isinstance(p, list) and len(p) == 2 and _is_nums(*p) for p in v):
        v = [*v[0], *v[1]]  # [[x0, y0], [x1, y1]]
    if isinstance(v, list) and len(v) in (2, 4) and _is_nums(*v):
        nums = [_num_str(n) for n in v]
        if gemini and len(nums) == 4:  # Gemini writes [ymin, xmin, ymax, xmax] in 0–1000
            yield Found(tuple(float(nums[i]) for i in (1, 0, 3, 2)), label, "norm1000")
        else:
            yield _found(nums, label, None)
    elif isinstance(v, (list, dict)):
        yield from _walk(v, label)


def _is_nums(*vals: Any) -> bool:
    return bool(vals) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals)


def _num_str(v: float) -> str:
    return repr(float(v)) if isinstance(v, float) else str(v)
