"""Category labels that follow a sequence (months, quarters, years) are completed from it when
OCR misread a few of them: `Jan ar Mar Apr` → `Jan Feb Mar Apr`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .layout import Label

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def _month(text: str) -> int | None:
    t = text.strip().lower().rstrip(".")
    if len(t) >= 3:
        for i, m in enumerate(MONTHS):
            if m.startswith(t) or (len(t) > 3 and t.startswith(m[:3]) and m.startswith(t[:4])):
                return i
    return None


def _year(text: str) -> int | None:
    t = text.strip()
    return int(t) if re.fullmatch(r"(19|20)\d\d", t) else None


def _quarter(text: str) -> int | None:
    m = re.fullmatch(r"q([1-4])", text.strip().lower())
    return int(m[1]) - 1 if m else None


def complete(labels: list[Label]) -> tuple[list[Label], int]:
    """Labels with misread members of an evident sequence replaced; and how many were replaced."""
    n = len(labels)
    if n < 3:
        return labels, 0
    for parse, period, render in (
        (_month, 12, lambda i, style: _month_name(i, style)),
        (_quarter, 4, lambda i, style: f"Q{i % 4 + 1}"),
        (_year, None, lambda i, style: str(i)),
    ):
        vals = [parse(l.text) for l in labels]
        offsets = [v - k for k, v in enumerate(vals) if v is not None]
        if period:
            offsets = [o % period for o in offsets]
        if len(offsets) < max(2, (n + 1) // 2) or len(set(offsets)) != 1:
            continue
        style = next(l.text.strip() for l, v in zip(labels, vals) if v is not None)
        out, changed = [], 0
        for k, (l, v) in enumerate(zip(labels, vals)):
            if v is None or period == 12:  # months also take one spelling (OCR's `jul` for `Jul`)
                out.append(replace(l, text=render(offsets[0] + k, style)))
                changed += v is None
            else:
                out.append(l)
        return out, changed
    return labels, 0


def _month_name(i: int, style: str) -> str:
    name = MONTHS[i % 12]
    name = name if len(style) > 3 and style.lower().rstrip(".") == MONTHS[_month(style)] else name[:3]
    return name.capitalize() if style[:1].isupper() else name
