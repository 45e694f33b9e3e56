"""Render the icon pictures that tests paint into synthetic screens (run by hand; output is committed).

The classifier that names icons is trained by tools/train_icons.py; these PNGs are only test fixtures.

    python tools/build_icons.py [--lucide DIR] [--tabler DIR]

Sources (fetched with `npm pack`, never at run time):
  lucide-static (ISC, https://lucide.dev)     -> icons/<svg>.svg
  @tabler/icons (MIT, https://tabler.io/icons) -> icons/outline/<svg>.svg
Each icon is rasterised with resvg-py (build-time only) at 48×48, black strokes on white, and
saved as an 8-bit grayscale PNG in src/seer/perception/icons/templates/<name>.<set>.png.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

OUT = Path(__file__).resolve().parents[1] / "src" / "seer" / "perception" / "icons"
SIZE = 48

# canonical name -> (lucide file, tabler file); several rows may share a name (variants)
ICONS: list[tuple[str, str, str]] = [
    ("settings", "settings", "settings"),
    ("settings", "cog", "adjustments-horizontal"),
    ("close", "x", "x"),
    ("search", "search", "search"),
    ("delete", "trash-2", "trash"),
    ("add", "plus", "plus"),
    ("menu", "menu", "menu-2"),
    ("home", "house", "home"),
    ("back", "arrow-left", "arrow-left"),
    ("back", "chevron-left", "chevron-left"),
    ("forward", "arrow-right", "arrow-right"),
    ("forward", "chevron-right", "chevron-right"),
    ("refresh", "refresh-cw", "refresh"),
    ("download", "download", "download"),
    ("upload", "upload", "upload"),
    ("edit", "pencil", "pencil"),
    ("edit", "square-pen", "edit"),
    ("share", "share-2", "share"),
    ("star", "star", "star"),
    ("heart", "heart", "heart"),
    ("bell", "bell", "bell"),
    ("user", "user", "user"),
    ("user", "circle-user", "user-circle"),
    ("more", "ellipsis-vertical", "dots-vertical"),
    ("more", "ellipsis", "dots"),
    ("filter", "funnel", "filter"),
    ("sort", "arrow-up-down", "arrows-sort"),
    ("play", "play", "player-play"),
    ("pause", "pause", "player-pause"),
    ("copy", "copy", "copy"),
    ("save", "save", "device-floppy"),
    ("lock", "lock", "lock"),
    ("info", "info", "info-circle"),
    ("warning", "triangle-alert", "alert-triangle"),
    ("help", "circle-help", "help-circle"),
    ("chevron_down", "chevron-down", "chevron-down"),
    ("check", "check", "check"),
    ("mail", "mail", "mail"),
    ("send", "send", "send"),
    ("attach", "paperclip", "paperclip"),
    ("view", "eye", "eye"),
    ("calendar", "calendar", "calendar"),
    ("external", "external-link", "external-link"),
]


def _fetch(package: str, dest: Path) -> Path:
    tgz = subprocess.run(
        ["npm", "pack", package, "--silent"], cwd=dest, check=True, capture_output=True, text=True
    ).stdout.split()[-1]
    with tarfile.open(dest / tgz) as tar:
        tar.extractall(dest / package.replace("/", "_"), filter="data")
    return dest / package.replace("/", "_") / "package"


def _render(svg: Path) -> np.ndarray:
    import resvg_py

    text = svg.read_text(encoding="utf-8").replace("currentColor", "#000000")
    png = resvg_py.svg_to_bytes(svg_string=text, width=SIZE, height=SIZE)
    rgba = Image.open(io.BytesIO(bytes(png))).convert("RGBA")
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return np.asarray(flat.convert("L"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lucide", type=Path, help="unpacked lucide-static package dir (default: npm pack)")
    ap.add_argument("--tabler", type=Path, help="unpacked @tabler/icons package dir (default: npm pack)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    lucide = args.lucide or _fetch("lucide-static", tmp)
    tabler = args.tabler or _fetch("@tabler/icons", tmp)
    target = OUT / "templates"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    seen: dict[str, int] = {}
    for name, lu, tb in ICONS:
        for tag, path in (
            ("lucide", lucide / "icons" / f"{lu}.svg"),
            ("tabler", tabler / "icons" / "outline" / f"{tb}.svg"),
        ):
            key = f"{name}.{tag}"
            seen[key] = seen.get(key, 0) + 1
            suffix = "" if seen[key] == 1 else str(seen[key])
            Image.fromarray(_render(path)).save(target / f"{name}.{tag}{suffix}.png", optimize=True)
    (target / "LICENSES.txt").write_text(
        "Icon templates in templates/*.lucide*.png are rendered from Lucide (lucide-static), ISC License:\n\n"
        + (lucide / "LICENSE").read_text(encoding="utf-8")
        + "\n\nIcon templates in templates/*.tabler*.png are rendered from Tabler Icons (@tabler/icons), MIT License:\n\n"
        + (tabler / "LICENSE").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    print(f"wrote {len(list(target.glob('*.png')))} templates to {target}")


if __name__ == "__main__":
    main()
