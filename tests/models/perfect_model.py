"""A perfect vision model for the fake server: it finds, by pixel matching, which part of a known
screenshot it was sent (and at what size), then answers the true target exactly as a model of one
family would: a mark number when a mark fits, else the target's box in the family's own convention
and syntax. It never reads seer's frames, so a wrong crop, resize or convention in seer shows up.

    oracle = PerfectModel("glm")
    oracle.show(original_rgb, {"the Save button": (x0, y0, x1, y1)}, marks={7: (x0, y0, x1, y1)})
    fake.oracle = oracle
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import cv2
import numpy as np

from tests.models.fake_server import Seen

# family -> (convention, how it writes a box)
FAMILIES = {
    "glm": ("norm1000", "glm"),  # GLM-4.5V/5V: 0-1000 inside box tokens, double brackets
    "qwen2.5": ("pixels", "qwen"),  # Qwen2.5-VL: pixels of the smart-resized image, a bbox_2d JSON block
    "qwen3": ("norm1000", "qwen"),  # Qwen3-VL: 0-1000, bbox_2d JSON
    "gpt": ("pixels", "plain"),  # GPT-4.1: pixels of the image sent, bare brackets
    "claude": ("pixels", "prose"),  # Claude: pixels of the image sent, in a sentence
    "generic": ("pixels", "plain"),
}
_INSTRUCTION = re.compile(r'(?:Instruction: |element for: )"(.*?)"', re.S)
_LEGEND = re.compile(r"<marks[^>]*>\n(.*?)\n</marks>", re.S)


@dataclass
class PerfectModel:
    family: str
    prefer_marks: bool = True  # False: answer boxes even when a mark fits (models do)
    original: np.ndarray | None = None
    targets: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    marks: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)
    crops: list[tuple[float, float, float, float]] = field(default_factory=list)  # what it found it was sent

    def show(
        self,
        original: np.ndarray,
        targets: dict[str, tuple[int, int, int, int]],
        marks: dict[int, tuple[int, int, int, int]] | None = None,
    ) -> None:
        self.original = np.ascontiguousarray(original[:, :, :3])
        self.targets = targets
        self.marks = marks or {}

    def __call__(self, seen: Seen) -> str:
        prompt = "\n".join(_texts(seen.body))
        m = _INSTRUCTION.search(prompt)
        target = self.targets.get(m.group(1)) if m else next(iter(self.targets.values()), None)
        if target is None:
            return "NONE"
        sent = np.asarray(seen.images[-1])
        crop = locate_in(self.original, sent)
        self.crops.append(crop)
        legend = _LEGEND.search(prompt)
        if legend and self.prefer_marks:
            shown = {int(line.split(":", 1)[0]) for line in legend.group(1).splitlines() if ":" in line}
            fits = [
                (iou(self.marks[i], target), i) for i in shown if i in self.marks and iou(self.marks[i], target) >= 0.5
            ]
            if fits:
                number = max(fits)[1]
                return f"<|begin_of_box|>{number}<|end_of_box|>" if self.family == "glm" else str(number)
        return self.write_box(target, crop, sent.shape[1], sent.shape[0])

    def write_box(self, box, crop, sw: int, sh: int) -> str:
        """The target's visible part as this family writes a box about the image it was sent."""
        cx0, cy0, cx1, cy1 = crop
        x0, y0, x1, y1 = max(box[0], cx0), max(box[1], cy0), min(box[2], cx1), min(box[3], cy1)
        if x1 <= x0 or y1 <= y0:
            return "NONE"
        conv, style = FAMILIES[self.family]
        ux, uy = (
            (1000 / (cx1 - cx0), 1000 / (cy1 - cy0)) if conv == "norm1000" else (sw / (cx1 - cx0), sh / (cy1 - cy0))
        )
        v = [round((x0 - cx0) * ux), round((y0 - cy0) * uy), round((x1 - cx0) * ux), round((y1 - cy0) * uy)]
        if style == "glm":
            return f"<|begin_of_box|>[[{v[0]},{v[1]},{v[2]},{v[3]}]]<|end_of_box|>"
        if style == "qwen":
            return "```json\n" + json.dumps([{"bbox_2d": v, "label": "target"}]) + "\n```"
        if style == "prose":
            return f"The element is at [{v[0]}, {v[1]}, {v[2]}, {v[3]}]."
        return f"[{v[0]}, {v[1]}, {v[2]}, {v[3]}]"


def _texts(body: dict) -> list[str]:
    out = []
    for m in body.get("messages", []):
        content = m.get("content")
        if isinstance(content, str):
            out.append(content)
        for part in content if isinstance(content, list) else []:
            if part.get("type") == "text":
                out.append(part["text"])
    return out


def iou(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    inter = max(0, w) * max(0, h)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union else 0.0


# -- where in the original the sent image came from ---------------------------------------------------
def locate_in(original: np.ndarray, sent: np.ndarray) -> tuple[float, float, float, float]:
    """The integer crop [x0, y0, x1, y1] of `original` whose resize best reproduces `sent`: the whole
    image when it fits, else the best few of a multi-scale template match at quarter size, each
    refined by a descent on the four edges at full size."""
    g_orig, g_sent = _gray(original), _gray(sent)
    H, W = g_orig.shape
    sh, sw = g_sent.shape
    whole = [0, 0, W, H]
    fits_whole = abs((sw / sh) / (W / H) - 1) < 0.06
    if fits_whole and _cost(g_orig, g_sent, whole) < WHOLE_FIT:
        return 0.0, 0.0, float(W), float(H)
    starts = _coarse(g_orig, g_sent)
    if fits_whole:  # marks drawn on the whole image cost a few grey levels; a wrong crop costs far more
        bar = 2 * _cost(g_orig, g_sent, whole)
        starts = [b for b in starts if _cost(g_orig, g_sent, b) < bar]
    found = [_descend(g_orig, g_sent, b) for b in starts] + ([whole] if fits_whole else [])
    best = min(found, key=lambda b: _cost(g_orig, g_sent, b))
    return tuple(float(v) for v in best)  # type: ignore[return-value]


WHOLE_FIT = 3.0  # mean grey-level difference under which the sent image is surely the whole screenshot


def _cost(g_orig: np.ndarray, g_sent: np.ndarray, b: list[int]) -> float:
    """Mismatch at original resolution, where the original is sharp: the sent image brought back to
    the crop's size against the crop itself."""
    H, W = g_orig.shape
    x0, y0, x1, y1 = b
    if x0 < 0 or y0 < 0 or x1 > W or y1 > H or x1 - x0 < 4 or y1 - y0 < 4:
        return np.inf
    back = cv2.resize(g_sent, (x1 - x0, y1 - y0), interpolation=cv2.INTER_AREA)
    return float(np.abs(back - g_orig[y0:y1, x0:x1]).mean())


def _gray(a: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(np.ascontiguousarray(a[:, :, :3]), cv2.COLOR_RGB2GRAY).astype(np.float32)


def _coarse(g_orig: np.ndarray, g_sent: np.ndarray) -> list[list[int]]:
    """The three best crops at quarter size over 120 zoom factors from 'whole' to 8x."""
    H, W = g_orig.shape
    sh, sw = g_sent.shape
    q = 4
    small = cv2.resize(g_orig, (W // q, H // q), interpolation=cv2.INTER_AREA)
    sizes = [(float(W), float(H))] + [(sw / s, sh / s) for s in np.geomspace(max(sw / W, sh / H), 8.0, 120)]
    found: list[tuple[float, list[int]]] = []
    for cw, ch in sizes:
        tw, th = round(cw / q), round(ch / q)
        if tw < 6 or th < 6 or tw > small.shape[1] or th > small.shape[0]:
            continue
        tmpl = cv2.resize(g_sent, (tw, th), interpolation=cv2.INTER_AREA)
        res = cv2.matchTemplate(small, tmpl, cv2.TM_SQDIFF)
        _, _, (mx, my), _ = cv2.minMaxLoc(res)
        found.append(
            (res[my, mx] / (tw * th), [mx * q, my * q, min(W, mx * q + round(cw)), min(H, my * q + round(ch))])
        )
    return [b for _, b in sorted(found, key=lambda t: t[0])[:3]]


def _descend(g_orig: np.ndarray, g_sent: np.ndarray, box: list[int]) -> list[int]:
    """Refine the crop: move one edge, shift both edges of an axis, or grow, while the mismatch drops."""
    H, W = g_orig.shape
    moves = [[int(k == i) for k in range(4)] for i in range(4)]
    moves += [[1, 0, 1, 0], [0, 1, 0, 1], [-1, 0, 1, 0], [0, -1, 0, 1], [-1, -1, 1, 1]]
    box = [min(max(box[0], 0), W - 4), min(max(box[1], 0), H - 4), min(box[2], W), min(box[3], H)]
    cur = _cost(g_orig, g_sent, box)
    for step in (8, 4, 2, 1):
        improved = True
        while improved:
            improved = False
            for move in moves:
                for d in (-step, step):
                    b = [v + d * m for v, m in zip(box, move)]
                    c = _cost(g_orig, g_sent, b)
                    if c < cur - 1e-6:
                        box, cur, improved = b, c, True
    return box
