"""GUI bench: list_elements and ground on realistic pages rendered in headless Chromium.

Needs Debian `chromium` (apt-get install chromium) and the `playwright` wheel (dev extra); never
`playwright install`. Ground truth comes from the DOM (getBoundingClientRect × devicePixelRatio).
Reports ScreenSpot-style accuracy (click point inside the target box) per instruction kind,
element recall/precision per type at IoU ≥ 0.5, and seconds per call (cold = first analysis of
a screenshot including OCR; warm = another instruction on a screenshot already read).

The unseen families (`gui_unseen.py`, `gui_unseen_apps.py`) are asked in the words of
`gui_phrases.py`, which the grounding code never imports; they are reported apart, per instruction
kind, per target type and as candidate recall@3 (the target among the first three candidates), with
a held-out third of the instructions whose misses are never printed.
"""

from __future__ import annotations

import json
import shutil
import statistics
import time
from collections import defaultdict
from pathlib import Path

from bench.gui_pages import Page, pages
from bench.gui_phrases import held_out
from bench.gui_unseen import checkout, inbox, invoices, kanban, signin_card
from bench.gui_unseen_apps import app_store, calculator, phone_settings, ribbon, search_page
from bench.real_screens import real_screens

UNSEEN = [checkout, inbox, signin_card, kanban, invoices, phone_settings, app_store, ribbon, calculator, search_page]

OUT = Path(__file__).parent / "out" / "gui"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
GT_JS = """() => Array.from(document.querySelectorAll('[data-e],[data-t]')).map(el => {
  const r = el.getBoundingClientRect(); const d = window.devicePixelRatio;
  return {type: el.dataset.e || null, key: el.dataset.t || null,
          box: [r.left * d, r.top * d, r.right * d, r.bottom * d].map(Math.round)}; })"""
INTERACTIVE = {"button", "link", "input", "checkbox", "radio", "toggle", "dropdown", "tab", "menu_item", "icon"}


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise SystemExit("bench_gui needs Chromium: apt-get install chromium (the Debian package)")
    return path


def render(ps: list[Page]) -> list[tuple[Page, Path, list[dict]]]:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    shots = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=FLAGS)
        for pg in ps:
            ctx = browser.new_context(viewport={"width": pg.width, "height": pg.height}, device_scale_factor=pg.dpr)
            page = ctx.new_page()
            page.set_content(pg.html)
            path = OUT / f"{pg.name}.png"
            page.screenshot(path=str(path))
            shots.append((pg, path, page.evaluate(GT_JS)))
            ctx.close()
        browser.close()
    return shots


def _iou(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    inter = max(0, w) * max(0, h)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def _inside(pt, box) -> bool:
    return pt is not None and box[0] <= pt[0] < box[2] and box[1] <= pt[1] < box[3]


def run(quick: bool = False) -> dict:
    from seer.context import Context
    from seer.perception import ocr
    from seer.skills.gui import layout as gui_layout
    from seer.skills.gui.elements import list_elements
    from seer.skills.gui.ground import ground
    from seer.skills.gui.schema import GroundInput, ListElementsInput

    ps = pages(quick) + [f() for f in UNSEEN]
    shots = render(ps)
    ctx = Context()
    ocr.engine()  # load the OCR model outside the timings (a server keeps it loaded)
    acc: dict[str, list[int]] = defaultdict(list)
    unseen: dict[str, dict[str, list[int]]] = {
        "kind": defaultdict(list),
        "target": defaultdict(list),
        "recall3": defaultdict(list),
        "half": defaultdict(list),
    }
    cold, warm, misses = [], [], []
    cold_1080 = []
    tp = defaultdict(int)
    gt_n = defaultdict(int)
    pred_n = defaultdict(int)
    pred_ok = defaultdict(int)
    inters = {f: {"gt": 0, "hit": 0, "pred": 0, "pred_ok": 0} for f in ("tuned", "unseen")}
    for pg, path, gt in shots:
        targets = {g["key"]: g["box"] for g in gt if g["key"]}
        target_type = {g["key"]: g["type"] or "row" for g in gt if g["key"]}
        ocr._cache.clear()
        gui_layout._cache.clear()
        for i, (kind, instruction, key) in enumerate(pg.asks):
            t = time.perf_counter()
            r = ground(GroundInput(image=str(path), instruction=instruction), ctx)
            (cold if i == 0 else warm).append(time.perf_counter() - t)
            if i == 0 and pg.width * pg.dpr >= 1920:
                cold_1080.append(cold[-1])
            ok = r.found and _inside(r.point, targets[key])
            if pg.name.startswith("unseen-"):
                held = held_out(instruction)
                top3 = any(_inside(c.point, targets[key]) for c in r.candidates[:3])
                for part, k in (
                    ("kind", kind),
                    ("target", target_type[key]),
                    ("recall3", kind),
                    ("half", "held" if held else "dev"),
                ):
                    unseen[part][k].append(int(top3 if part == "recall3" else ok))
                if not ok and not held:
                    misses.append(
                        f"{pg.name}: [{kind}] {instruction!r} -> {r.point if r.found else 'not found'} (want {targets[key]}; {r.reason})"
                    )
                continue
            acc[kind].append(int(ok))
            if not ok:
                misses.append(
                    f"{pg.name}: [{kind}] {instruction!r} -> {r.point if r.found else 'not found'} (want {targets[key]}; {r.reason})"
                )
        els = list_elements(ListElementsInput(image=str(path)), ctx).elements
        truth = [g for g in gt if g["type"]]
        fam = "unseen" if pg.name.startswith("unseen-") else "tuned"
        inter = inters[fam]  # per-type figures stay on the tuned pages, comparable with earlier runs
        for g in truth:
            gt_n[g["type"]] += fam == "tuned"
            if fam == "tuned" and any(e.type == g["type"] and _iou(e.box, g["box"]) >= 0.5 for e in els):
                tp[g["type"]] += 1
            if g["type"] in INTERACTIVE:
                inter["gt"] += 1
                inter["hit"] += any(e.interactable and _iou(e.box, g["box"]) >= 0.5 for e in els)
        for e in els:
            pred_n[e.type] += fam == "tuned"
            pred_ok[e.type] += fam == "tuned" and any(
                g["type"] == e.type and _iou(e.box, g["box"]) >= 0.5 for g in truth
            )
            if e.interactable:
                inter["pred"] += 1
                inter["pred_ok"] += any(g["type"] in INTERACTIVE and _iou(e.box, g["box"]) >= 0.5 for g in truth)
    kinds = ["text", "paraphrase", "type+label", "relation", "ordinal", "icon", "icon_heldout"]
    result = {
        "pages": len(shots),
        "instructions": sum(len(v) for v in acc.values()),
        "accuracy": {k: round(sum(acc[k]) / len(acc[k]), 3) for k in kinds if acc[k]},
        "accuracy_n": {k: len(acc[k]) for k in kinds if acc[k]},
        "overall": round(sum(sum(v) for v in acc.values()) / max(1, sum(len(v) for v in acc.values())), 3),
        "interactable_recall": round(inters["tuned"]["hit"] / max(1, inters["tuned"]["gt"]), 3),
        "interactable_precision": round(inters["tuned"]["pred_ok"] / max(1, inters["tuned"]["pred"]), 3),
        "unseen_interactable_recall": round(inters["unseen"]["hit"] / max(1, inters["unseen"]["gt"]), 3),
        "unseen_interactable_precision": round(inters["unseen"]["pred_ok"] / max(1, inters["unseen"]["pred"]), 3),
        "per_type": {
            t: {
                "recall": round(tp[t] / gt_n[t], 3) if gt_n[t] else None,
                "precision": round(pred_ok[t] / pred_n[t], 3) if pred_n[t] else None,
                "truth": gt_n[t],
                "predicted": pred_n[t],
            }
            # plain text is scored by the OCR bench: the DOM's text boxes are layout boxes, not ink
            for t in sorted(set(gt_n) | set(pred_n))
            if t != "text"
        },
        "seconds_cold_median": round(statistics.median(cold), 3),
        "seconds_warm_median": round(statistics.median(warm), 4),
        "seconds_warm_max": round(max(warm), 4),
        "seconds_cold_1080p": round(max(cold_1080), 3) if cold_1080 else None,
        "unseen": {part: {k: round(sum(v) / len(v), 3) for k, v in sorted(d.items())} for part, d in unseen.items()},
        "unseen_n": {part: {k: len(v) for k, v in sorted(d.items())} for part, d in unseen.items()},
        "unseen_overall": round(
            sum(sum(v) for v in unseen["kind"].values()) / max(1, sum(len(v) for v in unseen["kind"].values())), 3
        ),
        "unseen_recall3": round(
            sum(sum(v) for v in unseen["recall3"].values()) / max(1, sum(len(v) for v in unseen["recall3"].values())), 3
        ),
        "misses": misses,
    }
    try:
        result["real_software"] = real_software(quick)
    except SystemExit as exc:  # an application that does not start here (not installed) skips this part only
        print(f"real software skipped: {exc}")
        result["real_software"] = {"skipped": str(exc)}
    _table(result)
    return result


def real_software(quick: bool = False) -> dict:
    """list_elements on screens of real applications (bench/real_screens.py), truth from their DOM:
    per type, recall of a truth element by a predicted one of the same type at IoU ≥ 0.5, and of any
    interactable prediction (IoU ≥ 0.5, or its centre inside the control and its area at most 1.5× the
    control's, as the realism scorer counts); precision over interactables.
    Also written to bench/results/real_software.json."""
    from seer.context import Context
    from seer.skills.gui.elements import list_elements
    from seer.skills.gui.schema import ListElementsInput

    ctx = Context()
    n, typed, anyhit, centre = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
    pred = pred_ok = 0
    per_app: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    screens = real_screens(quick)
    for screen in screens:
        els = [e for e in list_elements(ListElementsInput(image=str(screen.image)), ctx).elements if e.interactable]
        for t in screen.elements:
            n[t.type] += 1
            # an icon-only button is typed icon: its name is only in the page's aria-label
            typed[t.type] += any(
                (e.type == t.type or t.type == "button" and e.type == "icon") and _iou(e.box, t.box) >= 0.5 for e in els
            )
            hit = any(_iou(e.box, t.box) >= 0.5 for e in els)
            anyhit[t.type] += hit
            centre[t.type] += any(
                _inside(((e.box[0] + e.box[2]) / 2, (e.box[1] + e.box[3]) / 2), t.box)
                and _area(e.box) <= 1.5 * _area(t.box)
                for e in els
            )  # a whole panel's centre is no hit
            per_app[screen.app][0] += hit
            per_app[screen.app][1] += 1
        pred += len(els)
        pred_ok += sum(any(_iou(e.box, t.box) >= 0.5 for t in screen.elements) for e in els)
    total = sum(n.values())
    out = {
        "screens": len(screens),
        "truth": total,
        "recall_any_type": round(sum(anyhit.values()) / max(1, total), 3),
        "recall_centre": round(sum(centre.values()) / max(1, total), 3),
        "precision": round(pred_ok / max(1, pred), 3),
        "per_app_recall": {a: round(h / max(1, t), 3) for a, (h, t) in per_app.items()},
        "per_type": {
            t: {
                "truth": n[t],
                "recall_typed": round(typed[t] / n[t], 3),
                "recall_any_type": round(anyhit[t] / n[t], 3),
                "recall_centre": round(centre[t] / n[t], 3),
            }
            for t in sorted(n)
        },
    }
    results = Path(__file__).parent / "results"
    results.mkdir(exist_ok=True)
    (results / "real_software.json").write_text(
        json.dumps({**out, "quick": quick, "when": time.strftime("%Y-%m-%d %H:%M")}, indent=2)
    )
    print(
        f"\nreal software ({out['screens']} screens, {total} controls): recall {out['recall_any_type']:.1%} "
        f"(centre {out['recall_centre']:.1%}), precision {out['precision']:.1%}\n"
    )
    print("| type | truth | recall, typed | recall, any type | centre in control |\n|---|---|---|---|---|")
    for t, v in out["per_type"].items():
        print(
            f"| {t} | {v['truth']} | {v['recall_typed']:.0%} | {v['recall_any_type']:.0%} | {v['recall_centre']:.0%} |"
        )
    return out


def _area(b) -> float:
    return max(0, b[2] - b[0]) * max(0, b[3] - b[1])


def _table(r: dict) -> None:
    print(f"{r['pages']} pages, {r['instructions']} instructions; overall {r['overall']:.1%}\n")
    print("| instruction kind | n | accuracy (point in box) |\n|---|---|---|")
    for k, v in r["accuracy"].items():
        print(f"| {k} | {r['accuracy_n'][k]} | {v:.1%} |")
    print(
        f"\nunseen families (instructions from bench/gui_phrases.py): overall {r['unseen_overall']:.1%}, "
        f"candidate recall@3 {r['unseen_recall3']:.1%}\n"
    )
    for part, title in (
        ("kind", "instruction kind"),
        ("target", "target type"),
        ("recall3", "recall@3 by kind"),
        ("half", "half"),
    ):
        print(f"| {title} | n | accuracy |\n|---|---|---|")
        for k, v in r["unseen"][part].items():
            print(f"| {k} | {r['unseen_n'][part][k]} | {v:.1%} |")
        print()
    print(
        f"\ninteractable elements: recall {r['interactable_recall']:.1%}, precision {r['interactable_precision']:.1%} (IoU ≥ 0.5); "
        f"unseen families: recall {r['unseen_interactable_recall']:.1%}, precision {r['unseen_interactable_precision']:.1%}\n"
    )
    print("| type | truth | predicted | recall | precision |\n|---|---|---|---|---|")
    for t, v in r["per_type"].items():
        rec = "–" if v["recall"] is None else f"{v['recall']:.0%}"
        pre = "–" if v["precision"] is None else f"{v['precision']:.0%}"
        print(f"| {t} | {v['truth']} | {v['predicted']} | {rec} | {pre} |")
    print(
        f"\nground seconds per call: cold (incl. OCR) median {r['seconds_cold_median']}, "
        f"warm median {r['seconds_warm_median']}, warm max {r['seconds_warm_max']}; "
        f"cold on 1920×1080: {r['seconds_cold_1080p']}"
    )
    if r["misses"]:
        print("\nmisses:\n" + "\n".join(f"- {m}" for m in r["misses"]))


if __name__ == "__main__":
    run(quick=False)
