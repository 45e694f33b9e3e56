"""A minimal custom agent loop on seer's Python API: look, decide, act, check.

    python examples/minimal_agent.py                       # runs on a generated demo screenshot
    python examples/minimal_agent.py shot.png "Delete project"
    SEER_MODEL=glm-4.5v python examples/minimal_agent.py shot.png "the Save button"

The "act" step here only prints where it would click; swap `click()` for pyautogui, Playwright or
your computer-use tool. Without a vision model everything runs locally (OCR + element detection).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from seer import Seer


def demo_screenshot() -> Path:
    """A small settings screen with a known button, so the example runs anywhere."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (480, 160), "white")
    d = ImageDraw.Draw(img)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 16)
    except OSError:
        font = ImageFont.load_default()
    d.text((20, 20), "Project settings", font=font, fill="black")
    d.rectangle((300, 90, 450, 126), outline=(90, 90, 90), width=2, fill=(240, 240, 245))
    d.text((318, 99), "Delete project", font=font, fill="black")
    path = Path(tempfile.gettempdir()) / "seer-demo-settings.png"
    img.save(path)
    return path


def click(point: list[int]) -> None:
    print(f"act: click at {point}")


def run(screenshot: Path, goal: str) -> list[int] | None:
    seer = Seer()  # Seer(model="glm-4.5v") to let a vision model ground and answer
    page = seer.read_screenshot(screenshot)  # look: exact text with boxes
    print(f"look: {len(page.lines)} text lines: {[line.text for line in page.lines][:5]}")
    hit = seer.ground(screenshot, instruction=goal)  # decide: where is the target?
    if not hit.found:
        print(f"decide: not found ({hit.reason}); candidates: {[c.text for c in hit.candidates][:5]}")
        return None
    print(f"decide: {goal!r} is at box {hit.box} (confidence {hit.confidence:.2f})")
    click(hit.point)  # act
    # check: a real loop takes a new screenshot here, reads it again and verifies the click worked
    return hit.point


if __name__ == "__main__":
    shot = Path(sys.argv[1]) if len(sys.argv) > 1 else demo_screenshot()
    target = sys.argv[2] if len(sys.argv) > 2 else "Delete project"
    sys.exit(0 if run(shot, target) else 1)
