"""Word list numbering (numbering.xml): the label a numbered paragraph shows, e.g. '2.1' before a heading."""

from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _val(el, path: str, default: str | None = None) -> str | None:
    found = el.find(path)
    return found.get(W + "val", default) if found is not None else default


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        out, rest = "", max(n, 1)
        for v, r in _ROMAN:
            while rest >= v:
                out, rest = out + r, rest - v
        return out.upper() if fmt == "upperRoman" else out
    return str(n)


class Numbering:
    """Counters for every list of one document; `label(num_id, ilvl)` advances them like Word does."""

    def __init__(self, root) -> None:
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self._nums: dict[str, str] = {}
        self._counters: dict[str, list[int]] = {}
        if root is None:
            return
        for a in root.iter(W + "abstractNum"):
            levels = {}
            for lvl in a.iter(W + "lvl"):
                levels[_int(lvl.get(W + "ilvl"))] = (
                    _int(_val(lvl, W + "start"), 1),
                    _val(lvl, W + "numFmt", "decimal") or "decimal",
                    _val(lvl, W + "lvlText", "") or "",
                )
            self._levels[a.get(W + "abstractNumId", "")] = levels
        for num in root.iter(W + "num"):
            self._nums[num.get(W + "numId", "")] = _val(num, W + "abstractNumId", "") or ""

    def ordered(self, num_id: str, ilvl: int) -> bool:
        level = self._levels.get(self._nums.get(num_id, ""), {}).get(ilvl)
        return level is not None and level[1] not in ("bullet", "none")

    def compound(self, num_id: str, ilvl: int) -> bool:
        """Whether the level's number shows its parents' too ('2.3.1.'): the list's order flag cannot say that."""
        level = self._levels.get(self._nums.get(num_id, ""), {}).get(ilvl)
        return level is not None and level[2].count("%") > 1

    def label(self, num_id: str, ilvl: int) -> str:
        """The paragraph's number as shown ('1.2.'), or '' for bullets and unknown lists."""
        aid = self._nums.get(num_id)
        levels = self._levels.get(aid or "", {})
        if ilvl not in levels or not 0 <= ilvl < 9:
            return ""
        counters = self._counters.setdefault(aid, [0] * 9)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else levels[ilvl][0]
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        start, fmt, text = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""
        for k in range(ilvl + 1):
            lv = levels.get(k, (1, "decimal", ""))
            text = text.replace(f"%{k + 1}", _format(counters[k] or lv[0], lv[1]))
        return text.strip()
