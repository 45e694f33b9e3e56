"""Train seer's icon classifier from open icon sets and export it as ONNX into the package.

    $(python tools/icon_sets.py)                  # npm install of the pinned icon sets into build/icon-sets
    nice python tools/train_icons.py              # full run (~40 min on 2 busy cores): writes icons.onnx, icons.json,
                                                  # LICENSES.txt into src/seer/perception/icons/
    python tools/train_icons.py --smoke DIR       # a tiny model in seconds, into DIR (checks the pipeline)

Each SVG of a named function (tools/icon_sets.py) is rasterised with resvg at 64 px (stroke icons also at
thinner and bolder strokes), then every training sample is made fresh: scaled to a 12–48 px frame, shifted,
coloured on a flat, gradient or noisy background (sometimes inside a filled button), blurred or
JPEG-compressed, turned to grayscale and passed through the same `prepare()` the package uses at run time.
"unknown" samples are icons of other functions, text and digits, and plain UI shapes. @mdi/svg, Heroicons and
Remix Icon are never read here (held out, see bench/bench_icons.py); nor are Bootstrap Icons and Eva Icons.

Training-only packages (the `train` extra): torch 2.13.0+cpu, resvg-py 0.5.0; numpy 2.4, opencv 5.1, Pillow.
Fixed seeds; torch runs on 2 threads, deterministic algorithms.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import icon_sets as S

from seer.perception.icons import UNKNOWN, prepare

OUT = S.ROOT / "src" / "seer" / "perception" / "icons"
CACHE = S.ROOT / "build" / "icon-cache"
BASE = 64  # render side
FONTS = sorted(Path("/usr/share/fonts/truetype").rglob("*.ttf"))
# single characters that look like a named icon: never "unknown"
ICONLIKE_CHARS = set("BIUXx+-–—×?!iI<>^vV*=≡⋮…·.|/\\()[]{}✓✔✕✖❤★☆♥⌂⚙")


# ---------------------------------------------------------------- rendering


def _viewbox_aspect(svg: str) -> float:
    m = re.search(r'viewBox\s*=\s*["\']\s*([-\d.]+)[\s,]+([-\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)', svg)
    return float(m.group(3)) / float(m.group(4)) if m and float(m.group(4)) > 0 else 1.0


def _rasterise(svg: str) -> np.ndarray | None:
    import resvg_py

    aspect = _viewbox_aspect(svg)
    size = {"width": BASE} if aspect >= 1 else {"height": BASE}
    try:
        png = bytes(resvg_py.svg_to_bytes(svg_string=svg, **size))
    except (ValueError, OSError):
        return None
    rgba = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_UNCHANGED)
    if rgba is None or rgba.ndim != 3 or rgba.shape[2] != 4:
        return None
    a = rgba[:, :, 3]
    out = np.zeros((BASE, BASE), np.uint8)
    h, w = min(BASE, a.shape[0]), min(BASE, a.shape[1])
    oy, ox = (BASE - h) // 2, (BASE - w) // 2
    out[oy : oy + h, ox : ox + w] = a[:h, :w]
    return out if (out > 64).sum() >= 6 else None


def _stroke_variants(svg: str) -> list[str]:
    """The drawing itself, and for stroke icons a thinner and a bolder stroke."""
    pat = re.compile(r'(stroke-width\s*[:=]\s*["\']?)([\d.]+)')
    if not pat.search(svg):
        return [svg]
    return [svg] + [pat.sub(lambda m, f=f: f"{m.group(1)}{float(m.group(2)) * f:.3g}", svg) for f in (0.65, 1.45)]


def render_set(s: S.IconSet, unknown_cap: int, seed: int) -> dict:
    """{'alpha': uint8 [n,64,64], 'label': [str], 'icon': [str]} for one set, cached under build/icon-cache."""
    cache = CACHE / f"{s.name}-{unknown_cap}-{seed}.npz"
    if cache.exists():
        z = np.load(cache, allow_pickle=False)
        return {"alpha": z["alpha"], "label": list(z["label"]), "icon": list(z["icon"])}
    files = S.svgs(s)
    named = [(p, S.function_of(p.name)) for p in files]
    named = [(p, f) for p, f in named if f]
    others = [p for p in files if S.unrelated(p.name)]
    rng = np.random.default_rng(seed)
    others = [others[i] for i in sorted(rng.choice(len(others), min(unknown_cap, len(others)), replace=False))]
    alphas, labels, icons = [], [], []
    for p, fn in named + [(p, UNKNOWN) for p in others]:
        svg = p.read_text(errors="replace")
        for v in _stroke_variants(svg) if fn != UNKNOWN else [svg]:
            a = _rasterise(v)
            if a is not None:
                alphas.append(a), labels.append(fn), icons.append(f"{s.name}/{p.stem}")
    CACHE.mkdir(parents=True, exist_ok=True)
    out = {"alpha": np.stack(alphas), "label": labels, "icon": icons}
    np.savez_compressed(cache, alpha=out["alpha"], label=np.array(labels), icon=np.array(icons))
    return out


def _text_mask(rng: np.random.Generator) -> np.ndarray:
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHJKLMNOPQRSTWYZ0123456789"
    n = int(rng.choice([1, 1, 2, 2, 3, 4, 6, 9]))
    chars = "".join(rng.choice(list(alphabet), n))
    if n == 1 and chars in ICONLIKE_CHARS:
        chars = "a"
    font = ImageFont.truetype(str(FONTS[rng.integers(len(FONTS))]), int(rng.integers(14, 44)))
    img = Image.new("L", (BASE * 4, BASE), 0)
    ImageDraw.Draw(img).text((4, 4), chars, fill=255, font=font)
    a = np.asarray(img)
    ys, xs = np.nonzero(a > 64)
    if len(xs) < 4:
        return _shape_mask(rng)
    a = a[max(0, ys.min() - 2) : ys.max() + 3, max(0, xs.min() - 2) : xs.max() + 3]
    k = BASE / max(a.shape)
    a = cv2.resize(a, (max(1, int(a.shape[1] * k)), max(1, int(a.shape[0] * k))), interpolation=cv2.INTER_AREA)
    out = np.zeros((BASE, BASE), np.uint8)
    oy, ox = (BASE - a.shape[0]) // 2, (BASE - a.shape[1]) // 2
    out[oy : oy + a.shape[0], ox : ox + a.shape[1]] = a
    return out


def _shape_mask(rng: np.random.Generator) -> np.ndarray:
    """Plain UI ink that is no icon: outlines, discs, bars, scribbles, blobs, texture."""
    m = np.zeros((BASE, BASE), np.uint8)
    kind = int(rng.integers(7))
    t = int(rng.integers(2, 7))
    x0, y0 = int(rng.integers(2, 20)), int(rng.integers(2, 20))
    x1, y1 = int(rng.integers(44, 62)), int(rng.integers(44, 62))
    if kind == 0:
        cv2.rectangle(m, (x0, y0), (x1, y1), 255, t)
    elif kind == 1:
        cv2.ellipse(
            m, (32, 32), ((x1 - x0) // 2, (y1 - y0) // 2), 0, 0, 360, 255, t if rng.random() < 0.6 else -1, cv2.LINE_AA
        )
    elif kind == 2:
        cv2.rectangle(m, (x0, y0), (x1, y1), 255, -1)
    elif kind == 3:
        pts = rng.integers(4, 60, (int(rng.integers(3, 7)), 2)).astype(np.int32)
        cv2.polylines(m, [pts], False, 255, t, cv2.LINE_AA)
    elif kind == 4:
        noise = cv2.GaussianBlur(rng.random((BASE, BASE)).astype(np.float32), (0, 0), float(rng.uniform(2, 6)))
        m = ((noise > np.quantile(noise, rng.uniform(0.4, 0.8))) * 255).astype(np.uint8)
    elif kind == 5:
        m = (cv2.GaussianBlur(rng.random((BASE, BASE)).astype(np.float32), (0, 0), 1.5) * 255).astype(np.uint8)
    else:  # a toggle or a radio button
        cv2.ellipse(m, (32, 32), (28, 14), 0, 0, 360, 255, t)
        cv2.circle(m, (int(rng.choice([18, 46])), 32), 9, 255, -1)
    return m


# ---------------------------------------------------------------- synthesis


def _colour_pair(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    while True:
        bg = rng.integers(0, 256, 3) if rng.random() < 0.5 else np.full(3, rng.choice([255, 250, 245, 240, 30, 20, 40]))
        fg = rng.integers(0, 256, 3) if rng.random() < 0.6 else np.full(3, rng.choice([0, 30, 60, 100, 255, 220]))
        gb, gf = bg @ [0.299, 0.587, 0.114], fg @ [0.299, 0.587, 0.114]
        if abs(gb - gf) >= 45:
            return bg.astype(np.float32), fg.astype(np.float32)


def synth(alpha64: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One rendered icon mask -> a grayscale UI-like crop of it (12–48 px, any colours, a few px of margin)."""
    a = alpha64
    if rng.random() < 0.25:  # stroke weight the SVG did not say
        k = np.ones((3, 3), np.uint8)
        a = cv2.dilate(a, k) if rng.random() < 0.5 else cv2.erode(a, k)
        if (a > 64).sum() < 6:
            a = alpha64
    dy, dx = rng.integers(-3, 4, 2)
    a = np.roll(a, (int(dy), int(dx)), axis=(0, 1))
    side = round(np.exp(rng.uniform(np.log(12), np.log(48))))
    sx = side * float(rng.uniform(0.9, 1.1)) if rng.random() < 0.3 else side
    a = cv2.resize(a, (max(4, round(sx)), side), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
    l, t, r, b = (int(v) for v in rng.integers(1, 3 + side // 4, 4))
    h, w = a.shape[0] + t + b, a.shape[1] + l + r
    A = np.zeros((h, w), np.float32)
    A[t : t + a.shape[0], l : l + a.shape[1]] = a
    bg, fg = _colour_pair(rng)
    img = np.empty((h, w, 3), np.float32)
    img[:] = bg
    if rng.random() < 0.15:  # gradient background
        img += np.linspace(-1, 1, h)[:, None, None] * rng.uniform(-25, 25)
    if rng.random() < 0.18:  # inside a filled button: the button's colour is what the icon is drawn on
        button = np.zeros((h, w), np.float32)
        if rng.random() < 0.5:
            cv2.ellipse(button, (w // 2, h // 2), (w // 2 - 1, h // 2 - 1), 0, 0, 360, 1.0, -1, cv2.LINE_AA)
        else:
            cv2.rectangle(button, (1, 1), (w - 2, h - 2), 1.0, -1)
        fill = fg
        fg = bg if rng.random() < 0.7 else _colour_pair(rng)[1]
        img = img * (1 - button[..., None]) + fill * button[..., None]
    img = img * (1 - A[..., None]) + fg * A[..., None]
    if rng.random() < 0.1:  # a neighbour's edge cut into the crop
        c = _colour_pair(rng)[1]
        if rng.random() < 0.5:
            img[:, : int(rng.integers(1, 3))] = c
        else:
            img[: int(rng.integers(1, 3))] = c
    if rng.random() < 0.3:
        img += rng.normal(0, rng.uniform(1, 6), img.shape)
    if rng.random() < 0.15:
        img = cv2.GaussianBlur(img, (0, 0), float(rng.uniform(0.3, 0.8)))
    img = np.clip(img, 0, 255).astype(np.uint8)
    if rng.random() < 0.2:
        _, enc = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(50, 95))])
        img = cv2.imdecode(enc, cv2.IMREAD_COLOR)
    return cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)


def batch(alphas: np.ndarray, idx: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Model inputs for alphas[idx] (fresh augmentation), and the indices that gave a non-blank input."""
    xs, keep = [], []
    for j, i in enumerate(idx):
        x = prepare(synth(alphas[i], rng))
        if x is not None:
            xs.append(x), keep.append(j)
    return np.stack(xs), np.asarray(keep)


# ---------------------------------------------------------------- data


def load(roles: tuple[str, ...], unknown_cap: int, seed: int, only: set[str] | None = None) -> dict:
    parts = [render_set(s, unknown_cap, seed) for s in S.SETS if s.role in roles and (only is None or s.name in only)]
    return {
        "alpha": np.concatenate([p["alpha"] for p in parts]),
        "label": [x for p in parts for x in p["label"]],
        "icon": [x for p in parts for x in p["icon"]],
    }


def negatives(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.stack([_text_mask(rng) if i % 3 else _shape_mask(rng) for i in range(n)])


def frame_factors(data: dict, classes: list[str]) -> dict[str, float]:
    """Per function, the median of frame side / the ink's longer side (a ✕ fills about half its frame)."""
    # sets drawn on a fixed grid with its padding; others (Font Awesome, Boxicons) crop the viewBox to the glyph
    gridded = np.array(
        [i.split("/")[0] in ("lucide", "tabler", "feather", "material", "iconoir") for i in data["icon"]]
    )
    lab = np.array(data["label"])
    stem = np.array([S.stems(i.split("/")[-1])[-1] for i in data["icon"]])
    out = {}
    for c in classes:
        # the function's plainest drawing (its first stem: "x", not "circle-x")
        pick = (lab == c) & gridded & (stem == S.FUNCTIONS[c][0])
        pick = pick if pick.any() else (lab == c) & gridded
        sides = [max(np.ptp(np.nonzero(a > 64)[0]), np.ptp(np.nonzero(a > 64)[1])) + 1 for a in data["alpha"][pick]]
        out[c] = round(float(BASE / np.median(sides)), 3) if sides else 1.2
    return out


# ---------------------------------------------------------------- model


def build_model(n_classes: int, width: int = 16):
    from torch import nn

    def block(i: int, o: int) -> list:
        return [nn.Conv2d(i, o, 3, padding=1, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True)]

    w = width
    # ~3.4 M multiply-adds per crop: trains in minutes on 2 busy cores, ~100 crops in tens of ms
    return nn.Sequential(
        *block(1, w),
        nn.MaxPool2d(2),
        *block(w, 2 * w),
        nn.MaxPool2d(2),
        *block(2 * w, 4 * w),
        nn.MaxPool2d(2),
        *block(4 * w, 6 * w),
        nn.AdaptiveAvgPool2d(2),
        nn.Flatten(),
        nn.Dropout(0.2),
        nn.Linear(24 * w, n_classes),
    )


def train(args: argparse.Namespace) -> None:
    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(args.seed)
    t0 = time.time()
    only = {"lucide", "tabler"} if args.smoke else None
    data = load(("train",), args.unknown_cap, args.seed, only)
    neg = negatives(args.negatives, args.seed)
    classes = sorted(set(data["label"]) - {UNKNOWN}) + [UNKNOWN]
    cid = {c: i for i, c in enumerate(classes)}
    alphas = np.concatenate([data["alpha"], neg])
    labels = np.array([cid[c] for c in data["label"]] + [cid[UNKNOWN]] * len(neg))
    # icon-level validation split (whole icons, every stroke variant together)
    icon_ids = np.array(data["icon"] + [f"neg/{i}" for i in range(len(neg))])
    uniq = np.unique(icon_ids)
    val_icons = set(rng.choice(uniq, max(1, len(uniq) // 12), replace=False))
    is_val = np.array([i in val_icons for i in icon_ids])
    train_idx = {c: np.nonzero((labels == c) & ~is_val)[0] for c in range(len(classes))}
    train_idx = {c: v for c, v in train_idx.items() if len(v)}
    print(
        f"{len(classes)} classes, {len(alphas)} masks ({is_val.sum()} val), loaded in {time.time() - t0:.0f}s",
        flush=True,
    )

    model = build_model(len(classes), args.width)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    steps_per_epoch = (args.per_class * len(train_idx)) // args.batch
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, args.lr, total_steps=args.epochs * steps_per_epoch)
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=0.05)
    for epoch in range(args.epochs):
        # balanced: per_class samples of each function, unknown counted as several classes
        picks = np.concatenate(
            [
                rng.choice(v, args.per_class * (args.unknown_weight if c == cid[UNKNOWN] else 1))
                for c, v in train_idx.items()
            ]
        )
        rng.shuffle(picks)
        picks = picks[: steps_per_epoch * args.batch]
        model.train()
        total, correct, t1 = 0.0, 0, time.time()
        for s in range(steps_per_epoch):
            idx = picks[s * args.batch : (s + 1) * args.batch]
            x, keep = batch(alphas, idx, rng)
            y = torch.from_numpy(labels[idx][keep])
            out = model(torch.from_numpy(x)[:, None])
            loss = loss_fn(out, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss.detach()) * len(y)
            correct += int((out.argmax(1) == y).sum())
        n = steps_per_epoch * args.batch
        print(
            f"epoch {epoch + 1}/{args.epochs} loss {total / n:.3f} acc {correct / n:.3f} ({time.time() - t1:.0f}s)",
            flush=True,
        )

    model.eval()
    vrng = np.random.default_rng(args.seed + 1)
    vidx = np.nonzero(is_val)[0]
    x, keep = batch(alphas, vidx, vrng)
    with torch.no_grad():
        pred = model(torch.from_numpy(x)[:, None]).argmax(1).numpy()
    print(f"validation (unseen icons of the training sets): top-1 {float((pred == labels[vidx][keep]).mean()):.3f}")

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        model,
        torch.zeros(1, 1, 32, 32),
        str(out / "icons.onnx"),
        input_names=["input"],
        output_names=["logits"],
        dynamic_axes={"input": {0: "n"}, "logits": {0: "n"}},
        opset_version=17,
        dynamo=False,
    )
    labels_json = {
        "classes": classes,
        "input": [32, 32],
        "frame": frame_factors(data, classes[:-1]),
        "trained_on": {
            s.name: f"{s.package}@{s.version} ({s.licence})"
            for s in S.SETS
            if s.role == "train" and (only is None or s.name in only)
        },
        "held_out": [f"{s.package}@{s.version}" for s in S.SETS if s.role != "train"],
        "seed": args.seed,
        "args": {k: v for k, v in vars(args).items() if k not in ("out", "smoke")},
    }
    (out / "icons.json").write_text(json.dumps(labels_json, indent=1) + "\n")
    write_licences(out / "LICENSES.txt", only)
    print(
        f"wrote {out / 'icons.onnx'} ({(out / 'icons.onnx').stat().st_size / 1e6:.2f} MB) in "
        f"{(time.time() - t0) / 60:.1f} min"
    )


def write_licences(path: Path, only: set[str] | None) -> None:
    head = (
        "seer's icon classifier (icons.onnx) was trained on renderings of these icon sets (npm packages).\n"
        "No icon artwork is shipped; their licences follow.\n"
    )
    parts = [head]
    for s in S.SETS:
        if s.role != "train" or (only is not None and s.name not in only):
            continue
        lic = S.licence_file(s)
        text = lic.read_text(errors="replace").strip() if lic else f"{s.licence} (see the package)"
        parts.append(f"\n==== {s.package} {s.version} ({s.licence}) ====\n\n{text}\n")
    path.write_text("".join(parts))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--smoke", metavar="DIR", help="a tiny, quick run into DIR")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--per-class", type=int, default=200)
    ap.add_argument("--unknown-weight", type=int, default=8)
    ap.add_argument("--unknown-cap", type=int, default=300, help="unrelated icons per set for the unknown class")
    ap.add_argument("--negatives", type=int, default=3000, help="text and shape masks for the unknown class")
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--width", type=int, default=18)
    ap.add_argument("--lr", type=float, default=4e-3)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    if args.smoke:
        args.out, args.epochs, args.per_class, args.negatives, args.unknown_cap, args.width, args.batch = (
            args.smoke,
            1,
            8,
            60,
            20,
            4,
            64,
        )
    train(args)


if __name__ == "__main__":
    main()
