"""Boxes and points in integer pixels of the original image: the one coordinate type seer uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned box `[x0, y0, x1, y1]`, x1/y1 exclusive, in original-image pixels."""

    x0: int
    y0: int
    x1: int
    y1: int

    @classmethod
    def of(cls, xs: Iterable[float]) -> Box:
        """Build from any 4-sequence, rounding to the nearest pixel and ordering the corners."""
        x0, y0, x1, y1 = (round(float(v)) for v in xs)
        return cls(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))

    @classmethod
    def around(cls, points: Iterable[Iterable[float]]) -> Box:
        """The smallest box holding every point (e.g. an OCR quadrilateral)."""
        pts = [tuple(p) for p in points]
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        return cls.of((min(xs), min(ys), max(xs), max(ys)))

    @classmethod
    def union(cls, boxes: Iterable[Box]) -> Box:
        bs = list(boxes)
        return cls(min(b.x0 for b in bs), min(b.y0 for b in bs), max(b.x1 for b in bs), max(b.y1 for b in bs))

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    @property
    def area(self) -> int:
        return max(0, self.width) * max(0, self.height)

    @property
    def center(self) -> tuple[int, int]:
        return ((self.x0 + self.x1) // 2, (self.y0 + self.y1) // 2)

    def as_list(self) -> list[int]:
        return [self.x0, self.y0, self.x1, self.y1]

    def intersection(self, other: Box) -> int:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return max(0, w) * max(0, h)

    def iou(self, other: Box) -> float:
        inter = self.intersection(other)
        union = self.area + other.area - inter
        return inter / union if union else 0.0

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x < self.x1 and self.y0 <= y < self.y1

    def clip(self, width: int, height: int) -> Box:
        return Box(
            min(max(self.x0, 0), width),
            min(max(self.y0, 0), height),
            min(max(self.x1, 0), width),
            min(max(self.y1, 0), height),
        )

    def pad(self, px: int) -> Box:
        return Box(self.x0 - px, self.y0 - px, self.x1 + px, self.y1 + px)

    def shift(self, dx: int, dy: int) -> Box:
        return Box(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)

    def scale(self, sx: float, sy: float | None = None) -> Box:
        sy = sx if sy is None else sy
        return Box.of((self.x0 * sx, self.y0 * sy, self.x1 * sx, self.y1 * sy))
