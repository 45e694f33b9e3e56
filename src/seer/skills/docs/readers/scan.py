"""OCR of a scanned page the right way up, with a word on what could not be trusted.

A page scanned sideways or upside down reads as confident nonsense at best, so when the upright
reading is not clearly good, the other three orientations are tried and the most confident one kept.
Lines read with low confidence are named in the warnings, and numbers among them especially: a dose
read as "0mg" instead of "10mg" must not pass silently.
"""

from __future__ import annotations

import re

from ....config import Settings

GOOD = 0.9  # confidence (weighted by characters) above which the first orientation is kept
DROP = 0.5  # lines below this confidence are left out
DOUBTFUL_NUMBER = 0.85  # lines with digits below this confidence are named in a warning
_DIGIT = re.compile(r"\d")


def _quality(lines) -> tuple[float, float]:
    """(characters times confidence of the trusted lines, weighted mean confidence)."""
    chars = sum(len(l.text) for l in lines) or 1
    mean = sum(l.confidence * len(l.text) for l in lines) / chars
    return sum(l.confidence * len(l.text) for l in lines if l.confidence >= 0.8), mean


def upright_lines(pil, settings: Settings):
    """(OCR lines, the image they were read on, the clockwise turn in degrees that made the page upright)."""
    from ....perception.image import load_image
    from ....perception.ocr import read_lines

    best = None
    for angle in (0, 180, 90, 270):
        img = load_image(pil.rotate(angle, expand=True) if angle else pil, settings)
        lines = read_lines(img)
        score, mean = _quality(lines)
        if best is None or score > best[0]:
            best = (score, lines, img, angle)
        if lines and mean >= GOOD and score >= best[0]:
            break
    _, lines, img, angle = best
    return lines, img, (360 - angle) % 360


def doubt_warnings(lines, page: int) -> list[str]:
    """Warnings for dropped low-confidence lines and for numbers read with doubt."""
    out = []
    dropped = sum(l.confidence < DROP for l in lines)
    if dropped:
        out.append(f"page {page}: {dropped} OCR line(s) read with confidence under {DROP} were left out")
    doubtful = [l for l in lines if DROP <= l.confidence < DOUBTFUL_NUMBER and _DIGIT.search(l.text)]
    for l in doubtful[:5]:
        out.append(
            f"page {page}: the numbers in '{l.text[:60]}' were read with low confidence ({l.confidence:.2f}); check them against the scan"
        )
    if len(doubtful) > 5:
        out.append(f"page {page}: {len(doubtful) - 5} more line(s) with numbers were read with low confidence")
    return out
