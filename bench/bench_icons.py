"""Icon classifier benchmark on icon sets it never saw: top-1 per function, rejection of non-icons, speed.

Held out by the issue: @mdi/svg, Heroicons, Remix Icon; held out by us: Bootstrap Icons, Eva Icons. The SVGs
come from the npm packages in build/icon-sets (see tools/icon_sets.py; the area is skipped without them).
Two contexts:
  crops    each icon rendered at 12–48 px in random colours, strokes, shifts and backgrounds (the training
           augmentation, other seeds), classified by `match_icons`
  toolbar  rows of 6 icons drawn at 16–28 px (and 56–72 px, phone density) on app bars beside a title,
           found by `detect_widgets` (the element detector) and named there: a hit is a blob over the
           icon carrying its function
Non-icons (text of 1–9 characters in real fonts, plain shapes and textures) should answer None.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import cv2
import numpy as np
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from seer.perception.elements import detect_widgets
from seer.perception.geometry import Box
from seer.perception.icons import _DIR, UNKNOWN, match_icons

TOOLS = Path(__file__).resolve().parents[1] / "tools"
sys.path.insert(0, str(TOOLS))
import icon_sets as S  # noqa: E402 (tools/ is on the path only from here)
import train_icons as T  # noqa: E402

SETS = ("mdi", "heroicons", "remix", "bootstrap", "eva")
ISSUE_HELDOUT = ("mdi", "heroicons", "remix")


def _named(name: str) -> tuple[np.ndarray, list[str], list[str]]:
    s = next(x for x in S.SETS if x.name == name)
    assert s.role != "train", f"{name} is a training set"
    d = T.render_set(s, unknown_cap=0, seed=0)
    keep = [i for i, lab in enumerate(d["label"]) if lab != UNKNOWN]
    # one drawing per SVG file, as published: its stroke variants follow it under the same name
    first = [i for i in keep if i == 0 or d["icon"][i - 1] != d["icon"][i]]
    return d["alpha"][first], [d["label"][i] for i in first], [d["icon"][i] for i in first]


def _crops(alphas: np.ndarray, labels: list[str], reps: int, seed: int) -> tuple[list, list]:
    rng = np.random.default_rng(seed)
    grays, truth = [], []
    for a, lab in zip(alphas, labels):
        for _ in range(reps):
            grays.append(T.synth(a, rng)), truth.append(lab)
    return grays, truth


def _toolbar_scene(alphas, labels, rng, sizes) -> tuple[np.ndarray, list[tuple[Box, str]], list[Box]]:
    """An app bar: a title, then icons spaced like real toolbars; returns RGB pixels, icon boxes+functions, text boxes."""
    bg, fg = T._colour_pair(rng)
    size = int(rng.integers(*sizes))
    gap = int(rng.integers(size // 2 + 8, 2 * size + 8))
    n = len(alphas)
    w, h = 200 + n * (size + gap) + 40, size + 2 * int(rng.integers(10, 22))
    img = PILImage.new("RGB", (w, h), tuple(int(v) for v in bg))
    font = ImageFont.truetype(str(T.FONTS[int(rng.integers(len(T.FONTS)))]), max(12, size - 4))
    d = ImageDraw.Draw(img)
    d.text((16, h // 2), "Inbox", fill=tuple(int(v) for v in fg), font=font, anchor="lm")
    text_box = Box(*[int(v) for v in d.textbbox((16, h // 2), "Inbox", font=font, anchor="lm")])
    px = np.asarray(img).astype(np.float32)
    boxes = []
    x = 200
    for a, lab in zip(alphas, labels):
        m = cv2.resize(a, (size, size), interpolation=cv2.INTER_AREA).astype(np.float32)[..., None] / 255.0
        y = (h - size) // 2
        px[y : y + size, x : x + size] = px[y : y + size, x : x + size] * (1 - m) + fg * m
        boxes.append((Box(x, y, x + size, y + size), lab))
        x += size + gap
    return np.clip(px, 0, 255).astype(np.uint8), boxes, [text_box]


def _toolbar(alphas, labels, rows: int, seed: int, sizes=(16, 29)) -> dict:
    from seer.perception.image import from_array

    rng = np.random.default_rng(seed)
    hit = found = total = 0
    for _ in range(rows):
        idx = rng.choice(len(alphas), 6, replace=False)
        px, boxes, text = _toolbar_scene(alphas[idx], [labels[i] for i in idx], rng, sizes)
        blobs = [w for w in detect_widgets(from_array(px), text) if w.shape == "blob"]
        for box, lab in boxes:
            over = [b for b in blobs if b.box.iou(box) > 0.3]
            total += 1
            found += bool(over)
            hit += any(b.icon is not None and b.icon.name == lab for b in over)
    return {"icons": total, "found": round(found / total, 3), "top1": round(hit / total, 3)}


def _score(pred, truth) -> dict:
    per = defaultdict(lambda: [0, 0])
    for p, t in zip(pred, truth):
        per[t][0] += p is not None and p.name == t
        per[t][1] += 1
    correct = sum(v[0] for v in per.values())
    answered = sum(p is not None for p in pred)
    return {
        "crops": len(truth),
        "top1": round(correct / len(truth), 3),
        "answered": round(answered / len(truth), 3),
        "precision": round(correct / max(1, answered), 3),
        "per_function": {k: round(v[0] / v[1], 3) for k, v in sorted(per.items())},
    }


def _speed() -> dict:
    rng = np.random.default_rng(5)
    a, labels, _ = _named("bootstrap")
    grays, _ = _crops(a[:100], labels[:100], 1, 5)
    match_icons(grays)  # load
    times = []
    for _ in range(7):
        t = time.perf_counter()
        match_icons(grays)
        times.append(time.perf_counter() - t)
    del rng
    return {
        "batch": len(grays),
        "ms_per_batch": round(statistics.median(times) * 1000, 1),
        "model_mb": round((_DIR / "icons.onnx").stat().st_size / 1e6, 2),
    }


def run(quick: bool = False) -> dict:
    if not S.NODE.exists():
        print("skipped: no icon sets in build/icon-sets (npm install them: see tools/icon_sets.py)")
        return {"skipped": "no icon sets in build/icon-sets"}
    reps, rows = (1, 4) if quick else (3, 40)
    out: dict = {"sets": {}, "toolbar": {}, "toolbar_mobile": {}}
    pooled_pred, pooled_truth = [], []
    for name in SETS:
        alphas, labels, _ = _named(name)
        grays, truth = _crops(alphas, labels, reps, seed=101)
        pred = match_icons(grays)
        out["sets"][name] = _score(pred, truth)
        out["sets"][name]["icons"] = len(labels)
        n_rows = rows // 2 if name in ("bootstrap", "eva") else rows
        out["toolbar"][name] = _toolbar(alphas, labels, n_rows, seed=7)
        # phone screenshots: 24 dp icons at 2.6-3x density
        out["toolbar_mobile"][name] = _toolbar(alphas, labels, max(2, n_rows // 2), seed=8, sizes=(56, 73))
        if name in ISSUE_HELDOUT:
            pooled_pred += pred
            pooled_truth += truth
        s = out["sets"][name]
        print(
            f"{name:10} icons {len(labels):4}  crops top-1 {s['top1']:.3f} (answered {s['answered']:.3f}, "
            f"precision {s['precision']:.3f})  toolbar top-1 {out['toolbar'][name]['top1']:.3f} "
            f"(found {out['toolbar'][name]['found']:.3f}), at phone density {out['toolbar_mobile'][name]['top1']:.3f} "
            f"(found {out['toolbar_mobile'][name]['found']:.3f})",
            flush=True,
        )
    out["issue_heldout"] = _score(pooled_pred, pooled_truth)
    rng = np.random.default_rng(202)
    neg = T.negatives(300 if quick else 1500, seed=202)
    pred = match_icons([T.synth(a, rng) for a in neg])
    out["non_icons"] = {"crops": len(neg), "rejected": round(sum(p is None for p in pred) / len(pred), 3)}
    out["speed"] = _speed()
    h = out["issue_heldout"]
    print(
        f"mdi+heroicons+remix: top-1 {h['top1']:.3f}, precision {h['precision']:.3f}; "
        f"non-icons rejected {out['non_icons']['rejected']:.3f}; "
        f"{out['speed']['batch']} crops in {out['speed']['ms_per_batch']} ms; model {out['speed']['model_mb']} MB"
    )
    return out
