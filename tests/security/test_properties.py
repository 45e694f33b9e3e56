"""Property tests (hypothesis): the image loader, coordinate conversions, model-output parsers, the
path policy and the document readers never crash on arbitrary input: a result or a typed SeerError."""

from __future__ import annotations

import io
import json
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage

from seer.config import Settings
from seer.context import Context
from seer.errors import InputError, SeerError
from seer.models import _json
from seer.models.coords import CONVENTIONS, Frame, parse, to_located
from seer.perception.geometry import Box
from seer.perception.image import load_image
from seer.security import check_path
from tests.security import hostile

FAST = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
SMALL = Settings(max_pixels=4_000_000, max_bytes=2_000_000)


def _seed_images() -> list[bytes]:
    rng = np.random.default_rng(0)
    arr = rng.integers(0, 255, (24, 32, 3), dtype=np.uint8)
    out = []
    for fmt, mode in (
        ("PNG", "RGB"),
        ("JPEG", "RGB"),
        ("GIF", "P"),
        ("BMP", "RGB"),
        ("TIFF", "RGB"),
        ("WEBP", "RGB"),
        ("PNG", "RGBA"),
    ):
        buf = io.BytesIO()
        im = PILImage.fromarray(arr)
        im = im.convert(mode) if mode != "RGB" else im
        im.save(buf, format=fmt)
        out.append(buf.getvalue())
    return out


SEEDS = _seed_images()


def mutate(data: bytes, edits: list[tuple[int, int]], cut: float | None) -> bytes:
    buf = bytearray(data)
    for pos, val in edits:
        buf[pos % len(buf)] = val
    if cut is not None:
        buf = buf[: max(1, int(len(buf) * cut))]
    return bytes(buf)


edits = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=12)


@FAST
@given(st.sampled_from(range(len(SEEDS))), edits, st.one_of(st.none(), st.floats(0.05, 1.0)))
def test_image_loader_on_mutated_images(i, ed, cut):
    data = mutate(SEEDS[i], ed, cut)
    try:
        img = load_image(data, SMALL)
    except SeerError:
        return
    assert img.pixels.ndim == 3 and img.pixels.shape[2] == 3 and img.pixels.dtype == np.uint8
    assert img.width * img.height <= SMALL.max_pixels


@FAST
@given(st.binary(max_size=4096))
def test_image_loader_on_random_bytes(data):
    try:
        load_image(data, SMALL)
    except SeerError:
        pass


@FAST
@given(st.text(max_size=300))
def test_image_loader_on_random_strings(text):
    try:
        load_image(text, SMALL)
    except SeerError:
        pass


# -- coordinates -----------------------------------------------------------------------------------------
crops = st.builds(
    lambda x, y, w, h: Box(x, y, x + w, y + h),
    st.integers(0, 3000),
    st.integers(0, 3000),
    st.integers(1, 4000),
    st.integers(1, 4000),
)


@FAST
@given(
    crops,
    st.integers(1, 4000),
    st.integers(1, 4000),
    st.sampled_from(CONVENTIONS),
    st.lists(st.floats(-1e5, 1e5, allow_nan=False), min_size=4, max_size=4),
)
def test_frame_round_trip(crop, sw, sh, conv, vals):
    f = Frame(crop, sw, sh)
    back = f.from_original(f.to_original(tuple(vals), conv), conv)
    assert all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6) for a, b in zip(back, vals))


@FAST
@given(
    crops,
    st.integers(1, 4000),
    st.integers(1, 4000),
    st.sampled_from(CONVENTIONS),
    st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=4).filter(lambda v: len(v) in (2, 4)),
)
def test_located_answers_stay_inside_the_crop(crop, sw, sh, conv, vals):
    from seer.models.coords import Found

    loc = to_located(Found(tuple(vals)), Frame(crop, sw, sh), conv)
    x, y = loc.point
    assert crop.x0 <= x <= crop.x1 and crop.y0 <= y <= crop.y1
    if loc.box is not None:
        b = loc.box
        assert crop.x0 <= b.x0 <= b.x1 <= crop.x1 and crop.y0 <= b.y0 <= b.y1 <= crop.y1


model_text = st.one_of(
    st.text(max_size=400),
    st.text(alphabet="[](){}<>|,.:-0123456789 xybox_2dpointbegin_of_endlabel\"'\n", max_size=400),
)


@FAST
@given(model_text)
def test_coordinate_parser_never_crashes(text):
    for f in parse(text):
        assert len(f.values) in (2, 4)
        assert all(isinstance(v, float) for v in f.values)


# -- JSON from model answers ---------------------------------------------------------------------------
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**9), 10**9) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@FAST
@given(
    st.dictionaries(st.text(max_size=8), json_values, min_size=1, max_size=5),
    st.text(alphabet="abc .:\n", max_size=40),
    st.booleans(),
)
def test_extract_json_finds_the_object_in_prose(obj, prose, fenced):
    assume("{" not in prose and "[" not in prose)
    body = json.dumps(obj)
    text = f"{prose}\n```json\n{body}\n```\n{prose}" if fenced else f"{prose} {body} {prose}"
    assert _json.extract_json(text) == obj


@FAST
@given(st.text(max_size=600))
def test_json_extractor_never_crashes(text):
    for v in _json.json_values(text):
        assert isinstance(v, (dict, list))


# -- paths -------------------------------------------------------------------------------------------
@FAST
@given(st.lists(st.sampled_from(["..", ".", "a", "b", "~", "/", "etc", "tmp", "x.png"]), min_size=1, max_size=8))
def test_path_policy_only_ever_returns_paths_inside_the_roots(parts):
    from seer.security import allowed_roots

    s = Settings()
    raw = "/".join(parts).replace("//", "/")
    try:
        real = check_path(raw, s)
    except InputError:
        return
    assert any(real.is_relative_to(r) for r in allowed_roots(s))


# -- document readers ----------------------------------------------------------------------------------
class Seeds(tuple):
    def __new__(cls, d, data):
        return super().__new__(cls, (d, data))

    def __repr__(self) -> str:  # keep failure reports readable
        return "Seeds(...)"


@pytest.fixture(scope="module")
def doc_seeds(tmp_path_factory):
    import openpyxl

    d = tmp_path_factory.mktemp("docseeds")
    docx = hostile.docx_with_text(d / "s.docx", "Seed text for the fuzzer")
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["B2"] = "x", 3.5
    wb.save(d / "s.xlsx")
    pdf = hostile.pdf_pages(d / "s.pdf", 1, "Seed text for the fuzzer, long enough to be a text page")
    html = d / "s.html"
    html.write_text("<html><body><h1>T</h1><p>para</p><table><tr><td>1</td></tr></table></body></html>")
    md = d / "s.md"
    md.write_text("# Title\n\nSome *text*.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    return Seeds(
        d,
        {
            ".docx": docx.read_bytes(),
            ".xlsx": (d / "s.xlsx").read_bytes(),
            ".pdf": pdf.read_bytes(),
            ".html": html.read_bytes(),
            ".md": md.read_bytes(),
        },
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from([".docx", ".xlsx", ".pdf", ".html", ".md"]), edits, st.one_of(st.none(), st.floats(0.05, 1.0)))
def test_document_readers_on_mutated_files(doc_seeds, suffix, ed, cut):
    from seer.skills.docs.readers import ReadOptions, read_path

    d, seeds = doc_seeds
    path = d / f"m{suffix}"
    path.write_bytes(mutate(seeds[suffix], ed, cut))
    try:
        doc = read_path(path, ReadOptions(ctx=Context(settings=SMALL, model=None), ocr=False, charts=False))
    except SeerError:
        return
    assert doc.sections is not None  # parsed or refused, never a crash


def test_fenced_scalars_are_not_answers():
    """Found by the atheris harness: a fenced `1` came back as the 'JSON answer' (callers expect an object)."""
    assert _json.json_values("[[```1\n``````json,`2]\n`````[[?") == []
    assert _json.extract_json('```json\n"just a string"\n```') is None
    assert _json.extract_json('```json\n{"a": 1}\n```') == {"a": 1}
