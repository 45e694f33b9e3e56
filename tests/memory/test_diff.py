"""diff_screenshots on rendered screens: regions, text added/removed/edited, noise ignored."""

import numpy as np
from PIL import Image

from seer.skills.registry import Skill
from seer.skills.vision.diff import diff_screenshots
from seer.skills.vision.diff_schema import DiffInput, DiffOutput
from tests.memory.screens import TEXT, screen

DIFF = Skill(
    name="diff_screenshots",
    fn=diff_screenshots,
    input_model=DiffInput,
    output_model=DiffOutput,
    cli="diff",
    positional=("a", "b"),
)


def _png(px, path):
    Image.fromarray(px).save(path)
    return str(path)


def test_edit_and_new_dialog_are_reported_with_text(tmp_path):
    after = list(TEXT)
    after[1] = "Budget approved for the billing team"
    a = _png(screen(TEXT, pointer=(600, 120)), tmp_path / "a.png")
    b = _png(screen(after, caret=False, pointer=(640, 90), popup="Export finished: 12 files"), tmp_path / "b.png")
    out = DIFF.invoke({"a": a, "b": b, "output": str(tmp_path / "d.png")})
    assert out.changed and 0.5 < out.similarity < 1.0
    assert len(out.regions) == 2, out.regions
    edit, dialog = out.regions  # top to bottom
    assert edit.kind == "text" and edit.box[1] >= 40 + 24 - 6 and edit.box[3] <= 40 + 2 * 24 + 4
    assert any("design" in c.before and "billing" in c.after for c in edit.changed) or (
        "design" in " ".join(edit.removed) and "billing" in " ".join(edit.added)
    )
    assert dialog.kind == "text" and any("Export finished" in t for t in dialog.added)
    assert dialog.box[0] >= 195 and dialog.box[2] <= 645
    assert len(out.ignored) >= 2  # the caret that went away and the pointer that moved
    png = out.image()
    assert png[:4] == b"\x89PNG" and (tmp_path / "d.png").read_bytes() == png


def test_identical_up_to_noise_is_unchanged(tmp_path):
    rng = np.random.default_rng(0)
    px = screen(TEXT)
    noisy = np.clip(px.astype(np.int16) + rng.integers(-15, 16, px.shape), 0, 255).astype(np.uint8)
    out = DIFF.invoke({"a": _png(px, tmp_path / "a.png"), "b": _png(noisy, tmp_path / "b.png")})
    assert not out.changed and out.similarity == 1.0 and out.regions == []


def test_other_size_is_resized_and_flagged(tmp_path):
    px = screen(TEXT)
    big = np.asarray(Image.fromarray(screen(TEXT, popup="Hello there")).resize((1600, 960), Image.Resampling.LANCZOS))
    out = DIFF.invoke({"a": _png(px, tmp_path / "a.png"), "b": _png(big, tmp_path / "b.png"), "ocr": False})
    assert out.resized and out.width == 800
    assert len(out.regions) == 1 and out.regions[0].kind == "visual"  # ocr off: boxes only


def test_screens_of_different_shapes_are_said_to_differ(tmp_path):
    px = screen(TEXT)
    cut = px[:, : px.shape[1] // 2]  # the same pixels, half as wide: another window, not another scale
    out = DIFF.invoke({"a": _png(px, tmp_path / "a.png"), "b": _png(cut, tmp_path / "b.png"), "ocr": False})
    assert out.changed and out.similarity == 0.0 and out.resized
    assert out.warnings and "different shapes" in out.warnings[0]


def test_missing_file_is_an_input_error(tmp_path):
    import pytest

    from seer.errors import InputError

    with pytest.raises(InputError, match="not found"):
        DIFF.invoke({"a": str(tmp_path / "nope.png"), "b": str(tmp_path / "nope.png")})
