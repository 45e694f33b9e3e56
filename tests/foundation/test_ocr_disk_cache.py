"""The on-disk OCR cache: a screenshot read by one process is not read again by the next."""

import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from seer.config import default_settings
from seer.perception import ocr, ocr_disk
from seer.perception.image import from_array, load_image

READ = "import sys, seer; print(seer.read_screenshot(sys.argv[1]).model_dump_json())"


@pytest.fixture
def disk(tmp_path, monkeypatch):
    monkeypatch.setenv("SEER_OCR_CACHE_DIR", str(tmp_path / "cache"))
    default_settings.cache_clear()
    ocr.configure(default_settings())
    ocr._cache.clear()
    yield tmp_path / "cache" / "ocr.sqlite"
    ocr._cache.clear()


class Refusing:
    """An engine that fails the test if it is asked to read."""

    name = "refusing"

    def read(self, pixels, detail="accurate"):
        raise AssertionError("the pixels were read again")


def test_a_new_process_gets_the_lines_without_reading(known_screen, disk, monkeypatch):
    path, truth = known_screen
    first = subprocess.run([sys.executable, "-c", READ, str(path)], capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert disk.is_file()
    # this process has read nothing: its lines can only come from the file the other one wrote
    monkeypatch.setattr(ocr, "engine", lambda detail="accurate": Refusing())
    lines = ocr.read_lines(load_image(str(path), default_settings()))
    assert {t for t, _ in truth} <= {l.text for l in lines}
    again = subprocess.run([sys.executable, "-c", READ, str(path)], capture_output=True, text=True, timeout=120)
    assert again.stdout == first.stdout


def test_other_pixels_regions_and_detail_are_read(known_screen, disk, monkeypatch):
    path, _ = known_screen
    image = load_image(str(path), default_settings())
    ocr.read_lines(image)
    ocr._cache.clear()
    monkeypatch.setattr(ocr, "engine", lambda detail="accurate": Refusing())
    ocr.read_lines(image)  # from disk
    changed = image.pixels.copy()
    changed[5, 5] = 0
    for call in (
        lambda: ocr.read_lines(from_array(changed)),
        lambda: ocr.read_lines(image, region=image.box.pad(-10)),
        lambda: ocr.read_lines(image, detail="fast"),
    ):
        with pytest.raises(AssertionError, match="read again"):
            call()


def test_a_changed_engine_never_answers_from_old_results(monkeypatch):
    box = from_array(np.zeros((8, 8, 3), np.uint8)).box
    before = ocr_disk.key("d", box, "accurate", "onnx/auto")
    ocr_disk.code_stamp.cache_clear()
    monkeypatch.setattr(ocr_disk, "code_stamp", lambda: "another version of the OCR code")
    assert ocr_disk.key("d", box, "accurate", "onnx/auto") != before
    assert ocr_disk.key("d", box, "accurate", "onnx/latin") != ocr_disk.key("d", box, "accurate", "onnx/auto")


def test_a_damaged_or_unwritable_cache_is_only_a_miss(known_screen, disk, tmp_path):
    path, truth = known_screen
    disk.parent.mkdir(parents=True)
    disk.write_bytes(b"this is not a database" * 100)
    assert {t for t, _ in truth} <= {l.text for l in ocr.read_lines(load_image(str(path), default_settings()))}
    blocked = ocr_disk.DiskCache(tmp_path / "a-file" / "ocr.sqlite")
    (tmp_path / "a-file").write_text("a file where the folder should be")
    assert blocked.get("k") is None
    blocked.put("k", [])  # no error


def test_the_oldest_entries_go(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr_disk, "ENTRIES", 3)
    cache = ocr_disk.DiskCache(tmp_path / "ocr.sqlite")
    line = ocr.TextLine("Save", from_array(np.zeros((8, 8, 3), np.uint8)).box, 0.99)
    for k in "abcd":
        cache.put(k, [line])
    assert cache.get("a") is None and cache.get("d") == [line]


def test_empty_setting_turns_it_off(known_screen, tmp_path, monkeypatch):
    monkeypatch.setenv("SEER_OCR_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    default_settings.cache_clear()
    ocr.configure(default_settings())
    assert ocr.disk_cache() is None
    Image.open(known_screen[0]).save(tmp_path / "copy.png")
    ocr.read_lines(load_image(str(tmp_path / "copy.png"), default_settings()))
    assert not list(tmp_path.rglob("*.sqlite"))


def test_memory_regions_stay_out_of_it(known_screen, disk):
    """Memory keeps the lines of each changed region in its own store: the many small crops of a
    recording never crowd the screenshots out of the disk cache."""
    from seer.memory.region_ocr import read_region

    path, _ = known_screen
    pixels = load_image(str(path), default_settings()).pixels
    assert [l.text for l in read_region(pixels, from_array(pixels).box.pad(-20), fast=False)]
    assert not disk.exists() or _rows(disk) == 0


def _rows(path) -> int:
    import sqlite3

    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM lines").fetchone()[0]
