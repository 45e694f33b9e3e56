"""What every OCR engine speaks: the line type and the engine protocol (`ocr.py` picks and caches)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

from .geometry import Box

Detail = Literal["fast", "accurate"]


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    box: Box
    confidence: float


class OcrEngine(Protocol):
    """Detect text lines in RGB pixels and read them; boxes relative to the array given."""

    name: str

    def read(self, pixels: np.ndarray, detail: Detail = "accurate") -> list[TextLine]: ...
