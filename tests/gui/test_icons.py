"""The icon classifier as shipped: it loads from the package, names icons from sets it never trained on,
and answers None for text."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from seer.perception.icons import SYNONYMS, match_icon, match_icons, names

from .heldout_icons import HEROICONS, MDI

ROOT = Path(__file__).resolve().parents[2]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _render(svg: str, size: int, fg: tuple[int, int, int], bg: tuple[int, int, int], pad: int = 3) -> np.ndarray:
    resvg = pytest.importorskip("resvg_py")
    png = bytes(resvg.svg_to_bytes(svg_string=svg, width=size, height=size))
    alpha = (
        cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_UNCHANGED)[:, :, 3].astype(np.float32)[..., None] / 255
    )
    canvas = np.empty((size + 2 * pad, size + 2 * pad, 3), np.float32)
    canvas[:] = bg
    canvas[pad : pad + size, pad : pad + size] = (
        canvas[pad : pad + size, pad : pad + size] * (1 - alpha) + np.array(fg) * alpha
    )
    return cv2.cvtColor(canvas.astype(np.uint8), cv2.COLOR_RGB2GRAY)


def test_model_ships_in_the_package_with_its_labels_and_licences():
    pkg = resources.files("seer.perception.icons")
    model = pkg / "icons.onnx"
    assert model.is_file() and model.stat().st_size < 5_000_000
    labels = json.loads((pkg / "icons.json").read_text())
    assert labels["classes"][-1] == "unknown"
    assert not {"mdi", "heroicons", "remix"} & set(labels["trained_on"])
    licences = (pkg / "LICENSES.txt").read_text()
    assert all(name in licences for name in ("lucide-static", "@tabler/icons", "@material-design-icons/svg"))
    assert {"settings", "close", "search", "delete", "add", "menu", "more", "edit", "back", "home"} <= set(names())
    # every function can be asked for by name
    assert set(names()) <= set(SYNONYMS) and all(SYNONYMS[name] for name in names())


@pytest.mark.parametrize("icon_set", [MDI, HEROICONS], ids=["mdi", "heroicons"])
def test_held_out_icons_are_named_by_function(icon_set):
    wrong = []
    for fn, svg in icon_set.items():
        for size, fg, bg in ((24, (30, 30, 30), (255, 255, 255)), (18, (255, 255, 255), (25, 103, 210))):
            m = match_icon(_render(svg, size, fg, bg))
            if m is None or m.name != fn:
                wrong.append((fn, size, m and m.name))
    assert len(wrong) <= 3, wrong


def test_text_is_not_an_icon():
    font = ImageFont.truetype(FONT, 15)
    crops = []
    for text in ("Settings", "Q3 2025", "Inbox", "Apply", "42", "Ok"):
        img = Image.new("L", (90, 24), 250)
        ImageDraw.Draw(img).text((4, 3), text, fill=20, font=font)
        crops.append(np.asarray(img))
    assert match_icons(crops) == [None] * len(crops)
    assert match_icon(np.full((20, 20), 200, np.uint8)) is None


def test_a_batch_of_a_hundred_crops_is_fast():
    crops = [_render(svg, 20, (0, 0, 0), (255, 255, 255)) for svg in (*MDI.values(), *HEROICONS.values())] * 5
    match_icons(crops)
    t = time.perf_counter()
    out = match_icons(crops)
    assert len(out) == 100 and time.perf_counter() - t < 0.5


@pytest.mark.slow
def test_training_smoke_run_writes_a_loadable_model(tmp_path):
    if importlib.util.find_spec("torch") is None or not (ROOT / "build" / "icon-sets" / "node_modules").exists():
        pytest.skip("needs the `train` extra and the npm icon sets in build/icon-sets")
    subprocess.run(
        [sys.executable, "-W", "ignore", str(ROOT / "tools" / "train_icons.py"), "--smoke", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    import onnxruntime as ort

    session = ort.InferenceSession(str(tmp_path / "icons.onnx"), providers=["CPUExecutionProvider"])
    classes = json.loads((tmp_path / "icons.json").read_text())["classes"]
    logits = session.run(None, {"input": np.zeros((3, 1, 32, 32), np.float32)})[0]
    assert logits.shape == (3, len(classes))
