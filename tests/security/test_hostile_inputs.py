"""Hostile files: each gives its exact typed error (or decodes, bounded) quickly, and the next call succeeds."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from seer.config import Settings
from seer.context import Context
from seer.errors import InputError, LimitError
from seer.perception.image import load_image
from seer.skills.docs.readers import ReadOptions, read_path
from tests.security import hostile

ROOT = Path(__file__).resolve().parents[2]


def _next_calls_succeed(good_files) -> None:
    img = load_image(str(good_files["image"]), Settings())
    assert (img.width, img.height) == (320, 200)
    doc = read_path(good_files["docx"], ReadOptions(ctx=Context(model=None), ocr=False))
    assert "Kestrel-5521" in json.dumps(doc.model_dump(mode="json"))


def test_every_hostile_input_gives_its_typed_error_fast(cases, good_files):
    wrong = []
    for name, value, kind, expected in cases:
        t0 = time.perf_counter()
        got = hostile.run_case(kind, value)
        took = time.perf_counter() - t0
        if got != expected:
            wrong.append(f"{name}: expected {expected}, got {got}")
        if took > 2.0:
            wrong.append(f"{name}: took {took:.1f} s")
        _next_calls_succeed(good_files)
    assert not wrong, wrong


def test_battery_stays_within_memory_under_a_hard_cap(tmp_path):
    """The whole battery in a fresh process capped at 1.5 GB of address space: no MemoryError, no
    escaped exception, and a small peak (bombs are refused from their headers, never decoded)."""
    out = subprocess.run(
        [sys.executable, "-m", "tests.security.hostile", str(tmp_path), "1536"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    expected = {name: exp for name, _, _, exp in hostile.battery(tmp_path)}
    got = {r["name"]: r["got"] for r in report["results"]}
    assert got == expected
    assert report["peak_rss_mb"] < 600, report


def test_bomb_errors_say_which_limit_to_raise():
    with pytest.raises(LimitError, match=r"max_pixels \(SEER_MAX_PIXELS\)"):
        load_image(hostile.png_header_only(50_000, 50_000), Settings())
    # and the limit is configurable: the same image passes a raised limit's header check (then fails as truncated)
    with pytest.raises(InputError, match="corrupt or truncated"):
        load_image(hostile.png_header_only(50_000, 50_000), Settings(max_pixels=3_000_000_000))


def test_zip_limits_are_configurable(hostile_dir):
    bomb = hostile_dir / "bomb.docx"
    if not bomb.exists():
        hostile.docx_zip_bomb(bomb, 24)
    strict = Settings(max_unzipped_bytes=5_000_000, max_zip_ratio=100_000)
    with pytest.raises(LimitError, match="max_unzipped_bytes"):
        read_path(bomb, ReadOptions(ctx=Context(settings=strict, model=None), ocr=False))
    lenient = Settings(max_zip_ratio=100_000)
    doc = read_path(bomb, ReadOptions(ctx=Context(settings=lenient, model=None), ocr=False))
    assert "bomb" in json.dumps(doc.model_dump(mode="json"))


def test_xlsx_with_entity_expansion_is_refused(tmp_path):
    import openpyxl

    good = tmp_path / "good.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Osprey-3310"
    wb.save(good)
    ok = read_path(good, ReadOptions(ctx=Context(model=None), ocr=False))
    assert "Osprey-3310" in json.dumps(ok.model_dump(mode="json"))
    bad = hostile.xlsx_billion_laughs(tmp_path / "laughs.xlsx", good)
    t0 = time.perf_counter()
    with pytest.raises(InputError, match="DTD"):
        read_path(bad, ReadOptions(ctx=Context(model=None), ocr=False))
    assert time.perf_counter() - t0 < 1.0


def test_pdf_page_limit_and_range(hostile_dir):
    many = hostile.pdf_many(hostile_dir / "many.pdf", 3000)
    with pytest.raises(LimitError, match="3000 pages"):
        read_path(many, ReadOptions(ctx=Context(model=None), ocr=False))
    # the max_pages setting caps what any call may ask for
    capped = Settings(max_pages=50)
    with pytest.raises(LimitError, match="50-page limit"):
        read_path(many, ReadOptions(ctx=Context(settings=capped, model=None), ocr=False, max_pages=10_000))
    # a range inside the limit reads
    doc = read_path(many, ReadOptions(ctx=Context(model=None), ocr=False, pages=(1, 5)))
    assert any("read pages 1-5 of 3000" in w for w in doc.warnings)


def test_pdf_with_a_giant_page_is_rendered_within_max_pixels(hostile_dir):
    """A 200×200-inch page would be a 900 MP render at 150 dpi; it is scaled to fit max_pixels."""
    from seer.skills.docs.readers.pdf import _fit_scale

    assert _fit_scale(150 / 72, 14_400, 14_400, 40_000_000) * 14_400 <= 40_000_000**0.5 + 1
    big = hostile.pdf_huge_page(hostile_dir / "huge.pdf")
    settings = Settings(max_pixels=400_000)
    t0 = time.perf_counter()
    doc = read_path(big, ReadOptions(ctx=Context(settings=settings, model=None), ocr=True))
    assert time.perf_counter() - t0 < 15
    assert any("max_pixels" in w for w in doc.warnings)


def test_encrypted_pdf_names_the_fix(hostile_dir):
    enc = hostile_dir / "enc.pdf"
    if not enc.exists():
        hostile.pdf_encrypted(enc)
    with pytest.raises(InputError, match="encrypted"):
        read_path(enc, ReadOptions(ctx=Context(model=None), ocr=False))


def test_gif_with_many_frames_decodes_only_the_first(hostile_dir):
    data = hostile.gif_many_frames(30_000)
    t0 = time.perf_counter()
    img = load_image(data, Settings())
    assert time.perf_counter() - t0 < 1.0
    assert (img.width, img.height) == (2, 2)


def test_fifo_is_refused_not_read_forever(tmp_path, good_files):
    import os

    fifo = tmp_path / "screen.png"
    os.mkfifo(fifo)
    t0 = time.perf_counter()
    with pytest.raises(InputError, match="not a regular file"):
        load_image(str(fifo), Settings())
    doc_fifo = tmp_path / "report.pdf"
    os.mkfifo(doc_fifo)
    with pytest.raises(InputError):
        read_path(doc_fifo, ReadOptions(ctx=Context(model=None), ocr=False))
    assert time.perf_counter() - t0 < 2
    _next_calls_succeed(good_files)


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return hostile.video(tmp_path_factory.mktemp("video") / "clip.mp4", frames=30)


class TestVideo:
    def _ingest(self, path, store_dir, settings=None):
        from seer.memory.recorder import Recorder, RecorderOptions
        from seer.memory.store import open_store
        from seer.memory.video import ingest_video

        store = open_store(store_dir)
        try:
            rec = Recorder(store, "ep", RecorderOptions(ocr=False))
            return ingest_video(path, rec, fps=5, settings=settings or Settings())
        finally:
            store.close()

    def test_broken_streams_fail_typed_or_keep_what_decoded(self, clip, tmp_path):
        data = clip.read_bytes()
        for name, blob in (
            ("trunc.mp4", hostile.truncated(data, 0.5)),
            ("junk.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\xff" * 4000),
            ("empty.mp4", b""),
            ("noise.mp4", hostile.os_random(20_000)),
        ):
            p = tmp_path / name
            p.write_bytes(blob)
            t0 = time.perf_counter()
            with pytest.raises(InputError):
                self._ingest(p, tmp_path / "store")
            assert time.perf_counter() - t0 < 5
        corrupt = tmp_path / "corrupt.mp4"
        corrupt.write_bytes(hostile.corrupt_middle(data))
        try:
            r = self._ingest(corrupt, tmp_path / "store2")
            assert r.frames_seen <= 15
        except InputError:
            pass
        good = self._ingest(clip, tmp_path / "store3")  # the next call succeeds
        assert good.frames_seen == 15 and good.frames_kept >= 2

    def test_video_limits(self, clip, tmp_path):
        with pytest.raises(LimitError, match="max_pixels"):
            self._ingest(clip, tmp_path / "s1", Settings(max_pixels=10_000))
        with pytest.raises(LimitError, match="max_video_seconds"):
            self._ingest(clip, tmp_path / "s2", Settings(max_video_seconds=1.0))


def test_unusual_pixel_modes_decode():
    import io

    from PIL import Image as PILImage

    for mode in ("1", "L", "P", "CMYK", "I", "F", "LA", "RGBA"):
        im = PILImage.new(mode, (8, 6))
        buf = io.BytesIO()
        im.save(buf, format="TIFF")
        img = load_image(buf.getvalue(), Settings())
        assert img.pixels.shape == (6, 8, 3) and img.pixels.dtype == np.uint8


def _patched_zip(path, field_offsets: dict[bytes, int], value: int) -> None:
    """A one-part Office-like zip whose header field (by offset in the local and central headers) is `value`."""
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    data = bytearray(path.read_bytes())
    for sig, offset in field_offsets.items():
        at = data.find(sig)
        data[at + offset : at + offset + 2] = value.to_bytes(2, "little")
    path.write_bytes(bytes(data))


def test_encrypted_or_odd_method_zip_parts_are_named(tmp_path):
    from seer.security import check_zip

    enc = tmp_path / "locked.docx"
    _patched_zip(enc, {b"PK\x03\x04": 6, b"PK\x01\x02": 8}, 0x1)  # general-purpose flags: encrypted
    with pytest.raises(InputError, match="encrypted"):
        check_zip(enc, Settings())
    odd = tmp_path / "odd.docx"
    _patched_zip(odd, {b"PK\x03\x04": 8, b"PK\x01\x02": 10}, 99)  # compression method: 99 (AES)
    with pytest.raises(InputError, match="compression method 99"):
        check_zip(odd, Settings())
