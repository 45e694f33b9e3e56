"""Numbers as charts print them: `1.5k`, `1,2k`, `2M`, `$3.2B`, `45%`, `−5`, `(12)`, `1,200`, `23 738`, `10⁴`.

parse_number("$3.2B") -> 3.2e9      parse_number("Jan") -> None
"""

from __future__ import annotations

import re

_SUFFIX = {
    "": 1.0,
    "k": 1e3,
    "K": 1e3,
    "m": 1e6,
    "M": 1e6,
    "mn": 1e6,
    "mm": 1e6,
    "b": 1e9,
    "B": 1e9,
    "bn": 1e9,
    "G": 1e9,
    "t": 1e12,
    "T": 1e12,
}
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2012": "-", "\uff0d": "-", "O": "0", "o": "0"})
_SUPERSCRIPT_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"
_SUPERSCRIPT = str.maketrans(_SUPERSCRIPT_CHARS, "0123456789-")
_NUMBER = re.compile(
    r"^(?P<sign>[-+]?)(?P<cur>[$€£¥₹]?)(?P<sign2>[-+]?)"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<suffix>bn|mn|mm|[kKmMbBGtT]?)(?P<pct>%?)$"
)
_POWER = re.compile(r"^10[\^]?(?P<exp>-?\d{1,2})$")


def parse_number(text: str) -> float | None:
    """The number a tick or value label shows, or None when the text is not one number."""
    t = re.sub(r"(^[-–—_|]+\s+|\s*[-–—_|]+$)", "", text.strip())  # tick marks read as dashes
    t = t.replace(" ", "").translate(_SUPERSCRIPT)
    if not t or not any(c.isdigit() for c in t):
        return None
    # "O" for "0" only when the rest is numeric: "Oct" must stay text.
    if re.search(r"[A-Za-z]{2,}", t) and not re.search(r"(bn|mn|mm)$", t):
        return None
    t = t.translate(_MINUS)
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1]
    t = re.sub(r"^([-+]?[$€£¥₹]?\d+),(\d{1,2})(?=\D*$)", r"\1.\2", t)  # "1,2k", "3,5%": a decimal comma
    m = _NUMBER.match(t)
    if not m:
        return None
    value = float(m["num"].replace(",", "")) * _SUFFIX[m["suffix"]]
    if "-" in (m["sign"], m["sign2"]):
        negative = not negative
    return -value if negative else value


def parse_power(text: str) -> float | None:
    """`10^3`, `10³` or OCR's `103` read as a power of ten on a log axis; None otherwise."""
    t = text.strip().replace(" ", "").translate(_SUPERSCRIPT).translate(_MINUS)
    m = _POWER.match(t)
    return 10.0 ** int(m["exp"]) if m else None


def explicit_power(text: str) -> bool:
    """A power of ten written as one (`10³`, `10^3`, not OCR's ambiguous `103`): only log axes print these."""
    t = text.strip()
    return parse_power(t) is not None and ("^" in t or any(c in _SUPERSCRIPT_CHARS for c in t))


def clean_label(text: str) -> str:
    """A label without the tick mark or swatch OCR read beside it (`North -`, `| Sales`)."""
    return re.sub(r"(^(?:[|•■▪]+\s*|[-–—_]+\s+)|\s+[-–—_|]+$)", "", text.strip()).strip() or text.strip()
