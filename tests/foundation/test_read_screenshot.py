import time

import numpy as np
import pytest
from PIL import Image

import seer
from seer.errors import InputError
from seer.perception.geometry import Box


def _match(out, text):
    hits = [l for l in out.lines if l.text == text]
    assert hits, f"{text!r} not read; got {[l.text for l in out.lines]}"
    return hits[0]


def test_reads_planted_text_with_tight_boxes(known_screen):
    path, truth = known_screen
    out = seer.read_screenshot(str(path))
    assert (out.width, out.height) == (640, 240)
    for text, box in truth:
        line = _match(out, text)
        assert Box.of(line.box).iou(Box.of(box)) >= 0.6, (text, line.box, box)
        assert line.confidence > 0.8
    assert "Quarterly Settings" in out.text


def test_heading_and_reading_order(known_screen):
    path, _ = known_screen
    out = seer.read_screenshot(path)
    assert out.markdown.startswith("# Quarterly Settings") or out.markdown.startswith("## Quarterly Settings")
    order = [l.text for l in out.lines]
    assert (
        order.index("Quarterly Settings")
        < order.index("Invoice 4471 was approved")
        < order.index("kestrel-amber@example.com")
    )


def test_region_keeps_full_image_coordinates(known_screen):
    path, truth = known_screen
    box = dict(truth)["Delete project"]
    out = seer.read_screenshot(path, region=[400, 95, 640, 135])
    assert [l.text for l in out.lines] == ["Delete project"]
    assert Box.of(out.lines[0].box).iou(Box.of(box)) >= 0.6


def test_region_outside_image_is_an_error(known_screen):
    path, _ = known_screen
    with pytest.raises(InputError, match="outside"):
        seer.read_screenshot(path, region=[700, 300, 800, 400])


def test_dark_theme_small_text(tmp_path):
    from bench.screens import render_screen

    img, truth = render_screen(7, "app", (960, 600), "dark", 11)
    path = tmp_path / "dark.png"
    img.save(path)
    out = seer.read_screenshot(path)
    read = {l.text for l in out.lines}
    exact = sum(t in read for t, _ in truth)
    assert exact >= 0.85 * len(truth), (exact, len(truth))


def test_repeated_image_is_served_from_cache(known_screen):
    path, _ = known_screen
    seer.read_screenshot(path)
    t = time.perf_counter()
    again = seer.read_screenshot(path)
    assert time.perf_counter() - t < 0.5
    assert _match(again, "Export CSV")


def test_blank_image_reads_nothing():
    blank = Image.fromarray(np.full((120, 200, 3), 250, np.uint8))
    import io

    buf = io.BytesIO()
    blank.save(buf, "PNG")
    out = seer.read_screenshot(buf.getvalue())
    assert out.lines == [] and out.text == "" and out.markdown == ""


def test_accurate_rereads_tiny_text_larger(tmp_path):
    from PIL import ImageDraw

    from bench.screens import font

    img = Image.new("RGB", (600, 120), "white")
    d = ImageDraw.Draw(img)
    for i, t in enumerate(["tiny status bar text 8px", "Version 2.4.1 build 5567"]):
        d.text((10, 10 + 25 * i), t, font=font("sans", 8), fill="black")
    path = tmp_path / "tiny.png"
    img.save(path)
    accurate = {l.text for l in seer.read_screenshot(path, detail="accurate").lines}
    assert "Version 2.4.1 build 5567" in accurate
    fast = seer.read_screenshot(path, detail="fast")
    assert all(Box.of(l.box).x1 <= 600 and Box.of(l.box).y1 <= 120 for l in fast.lines)


def test_charsets_all_and_auto_read_cjk_latin_does_not(tmp_path):
    """'all' reads every step with the whole alphabet, the default 'auto' the lines Latin cannot
    explain; 'latin' can only emit Latin characters."""
    from PIL import ImageDraw, ImageFont

    from seer.perception.ocr_onnx import OnnxOcr

    cjk = next(
        (
            p
            for p in [
                "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            ]
            if __import__("os").path.exists(p)
        ),
        None,
    )
    if cjk is None:
        pytest.skip("no CJK font installed (fonts-noto-cjk)")
    img = Image.new("RGB", (420, 80), "white")
    ImageDraw.Draw(img).text((10, 20), "设置 保存 取消", font=ImageFont.truetype(cjk, 28), fill="black")
    for charset in ("all", "auto"):
        assert any("保存" in l.text for l in OnnxOcr(charset=charset).read(np.asarray(img))), charset
    latin = OnnxOcr(charset="latin").read(np.asarray(img))
    assert not any("保存" in l.text for l in latin)
