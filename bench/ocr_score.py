"""Scoring OCR against exact ground truth: character error rate and line recall at IoU >= 0.5."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from seer.perception.geometry import Box


def _clusters(truth: list[tuple[str, Box]], pred: list[tuple[str, Box]]) -> list[tuple[list[int], list[int]]]:
    """Truth and predicted lines linked when they overlap by >= 30% of the smaller box (handles merges/splits)."""
    parent = list(range(len(truth) + len(pred)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (_, tb) in enumerate(truth):
        for j, (_, pb) in enumerate(pred):
            inter = tb.intersection(pb)
            if inter and inter >= 0.3 * min(tb.area, pb.area):
                parent[find(len(truth) + j)] = find(i)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(truth)):
        groups.setdefault(find(i), ([], []))[0].append(i)
    for j in range(len(pred)):
        groups.setdefault(find(len(truth) + j), ([], []))[1].append(j)
    return list(groups.values())


def _joined(lines: list[tuple[str, Box]], idx: list[int]) -> str:
    ordered = sorted(idx, key=lambda i: (lines[i][1].y0 // 8, lines[i][1].x0))
    return "".join(lines[i][0] for i in ordered).replace(" ", "")


def score(truth: list[tuple[str, list[int]]], pred: list[tuple[str, list[int]]]) -> dict:
    """Edit distance over whitespace-free text of overlapping clusters (insertions of spurious lines count)."""
    t = [(s, Box.of(b)) for s, b in truth]
    p = [(s, Box.of(b)) for s, b in pred]
    errors = 0
    for ti, pi in _clusters(t, p):
        errors += Levenshtein.distance(_joined(t, ti), _joined(p, pi))
    chars = sum(len(s.replace(" ", "")) for s, _ in t)
    found = sum(1 for _, tb in t if any(tb.iou(pb) >= 0.5 for _, pb in p))
    return {"chars": chars, "errors": errors, "lines": len(t), "found": found, "pred_lines": len(p)}
