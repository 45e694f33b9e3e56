"""Image rules: sizes and token estimates per provider, PNG vs JPEG by content, crop and zoom."""

import io

import numpy as np
import pytest
from PIL import Image as PILImage

from seer.models.images import looks_like_photo, plan, prepare, zoom_for, zoom_region
from seer.models.presets import PRESETS, profile_for
from seer.perception.geometry import Box
from tests.models.conftest import red_image


@pytest.mark.parametrize(
    "preset,size,tokens",
    [
        ("gpt-4.1", (1365, 768), 1105),  # 85 + 170 × 3×2 tiles
        ("claude", (1429, 804), 1532),  # ≤ 1.15 MP, w·h/750
        ("qwen2.5-vl-vllm", (1932, 1092), 2691),  # 69 × 39 patches of 28 px
        ("glm-4.5v", (1932, 1092), 2691),
        ("qwen3-vl", (1920, 1088), 2040),  # 60 × 34 patches of 32 px
        ("qwen2.5-vl", (1316, 728), 1222),  # DashScope's 1280-token default budget
    ],
)
def test_1080p_size_and_token_estimate_per_provider(preset, size, tokens):
    p = PRESETS[preset]
    rule = p.profile_for(p.model).rule
    assert rule.size(1920, 1080) == size
    assert rule.tokens(1920, 1080) == tokens


def test_profiles_follow_the_model_id():
    assert profile_for("qwen2.5vl:7b").convention == "pixels"
    assert profile_for("Qwen/Qwen3-VL-8B-Instruct").convention == "norm1000"
    assert profile_for("z-ai/glm-4.5v").convention == "norm1000"
    assert profile_for("ByteDance-Seed/UI-TARS-1.5-7B").family == "qwen2.5-vl"
    assert profile_for("anthropic/claude-sonnet-4").family == "claude"
    assert profile_for("llava:13b").family == "generic"


def test_png_for_screens_jpeg_for_photos_and_bytes_match_the_declared_type():
    screen = red_image(800, 600, (10, 10, 50, 50))
    photo = red_image(800, 600, (10, 10, 50, 50), noise=True)
    assert not looks_like_photo(screen.pixels) and looks_like_photo(photo.pixels)
    rule = PRESETS["claude"].profile.rule
    ps, pp = prepare(screen, rule), prepare(photo, rule)
    assert ps.mime == "image/png" and PILImage.open(io.BytesIO(ps.data)).format == "PNG"
    assert pp.mime == "image/jpeg" and PILImage.open(io.BytesIO(pp.data)).format == "JPEG"


def test_prepare_sends_exactly_the_planned_size_and_region():
    img = red_image(1920, 1080, (900, 500, 960, 530))
    rule = PRESETS["qwen2.5-vl-vllm"].profile.rule
    p = prepare(img, rule, Box(800, 400, 1100, 600), zoom=3.0)
    sent = np.asarray(PILImage.open(io.BytesIO(p.data)).convert("RGB"))
    assert (sent.shape[1], sent.shape[0]) == (p.frame.sent_w, p.frame.sent_h) == rule.size(900, 600)
    assert p.frame.crop == Box(800, 400, 1100, 600)
    assert p.tokens_est == rule.tokens(900, 600)
    # the red target lands where the frame says it does
    ys, xs = np.nonzero((sent[:, :, 0] > 150) & (sent[:, :, 1] < 100))
    x0, y0 = p.frame.to_original((float(xs.min()), float(ys.min())), "pixels")
    assert abs(x0 - 900) <= 1 and abs(y0 - 500) <= 1


def test_zoom_helpers():
    assert zoom_for(Box(0, 0, 200, 100)) == 4.0
    assert zoom_for(Box(0, 0, 1600, 900)) == 1.0
    z = zoom_region(Box(0, 0, 1920, 1080), Box(1900, 5, 1915, 20), context=1.0, min_side=160)
    assert z.x1 == 1920 and z.y0 == 0 and z.width >= 160 and z.height >= 160
    assert z.x0 <= 1900 and z.y1 >= 20


def test_plan_rejects_a_region_outside_the_image():
    from seer.errors import InputError

    with pytest.raises(InputError, match="outside"):
        plan(red_image(100, 100, (1, 1, 5, 5)), PRESETS["claude"].profile.rule, Box(200, 200, 300, 300))
