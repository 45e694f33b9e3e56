"""Host limits: capped images, cut text with a note, oversized results shrunk (still schema-valid) and
kept whole as a paged resource, and no base64 in structured output."""

from __future__ import annotations

import base64
import io
import json

import anyio
import jsonschema
from mcp import Client
from mcp_types import ImageContent, TextResourceContents
from PIL import Image
from pydantic import Field

from seer.context import Context
from seer.mcp.host_limits import (
    MAX_IMAGE_BYTES,
    MAX_STRUCTURED_CHARS,
    cut_text,
    fit_image,
    looks_like_blob,
    scrub_blobs,
    shrink,
)
from seer.mcp.server import build_server
from seer.skills.common import Output
from seer.skills.registry import Skill

from .slow_server import TEST_SKILLS


def _png(w: int, h: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (w, h), (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


def _noise_png(w: int, h: int) -> bytes:
    import numpy as np

    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(7).integers(0, 256, (h, w, 3), dtype=np.uint8)).save(buf, format="PNG")
    return buf.getvalue()


def test_fit_image_keeps_small_and_downscales_large():
    small = _png(640, 480)
    assert fit_image(small) == (small, "image/png")
    data, mime = fit_image(_png(5000, 1200))
    with Image.open(io.BytesIO(data)) as im:
        assert im.size == (2000, 480) and mime == "image/png"


def test_fit_image_caps_bytes_with_jpeg_or_a_smaller_png():
    noisy = _noise_png(1900, 1000)  # incompressible: ~5.7 MB as PNG, within the side limit
    assert len(noisy) > 4 * MAX_IMAGE_BYTES
    data, mime = fit_image(noisy)
    assert len(data) <= MAX_IMAGE_BYTES and mime == "image/jpeg"
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == "JPEG" and max(im.size) <= 2000
    data, mime = fit_image(noisy, jpeg=False)
    assert len(data) <= MAX_IMAGE_BYTES and mime == "image/png"
    with Image.open(io.BytesIO(data)) as im:
        assert im.format == "PNG" and im.width < 1900


def test_cut_text_says_where_the_rest_is():
    assert cut_text("short") == "short"
    cut = cut_text("x" * 60_000, 1000, where="seer://artifacts/r.json")
    assert len(cut) <= 1000 and cut.endswith("the full result is at seer://artifacts/r.json]") and "60,000" in cut


def test_blobs_are_scrubbed():
    data_uri = "data:image/png;base64," + base64.b64encode(_png(10, 10)).decode()
    raw = base64.b64encode(_png(300, 300)).decode()
    out = scrub_blobs({"a": data_uri, "b": [raw, "Export CSV"], "c": 3})
    assert out["a"].startswith("[binary data omitted") and out["b"][0].startswith("[binary data omitted")
    assert out["b"][1] == "Export CSV" and out["c"] == 3
    assert not looks_like_blob("a normal sentence " * 300)


def test_shrink_fits_and_shares_the_cut():
    value = {"w": 1, "lines": [{"text": "t" * 40, "box": [1, 2, 3, 4]} for _ in range(6000)], "markdown": "m" * 150_000}
    cut = shrink(value, 60_000)
    assert len(json.dumps(cut.value, separators=(",", ":"))) <= 60_000
    assert 0 < len(cut.value["lines"]) < 6000 and 0 < len(cut.value["markdown"]) < 150_000
    assert set(cut.cuts) == {"/lines", "/markdown"} and cut.cuts["/lines"][1] == 6000


class Pic(Output):
    note: str = Field(description="A note.")
    leaked: str = Field(description="A field a careless skill filled with base64.")


def _pic(inp: Pic, ctx: Context) -> Pic:
    """Return a huge image and leak base64 into structured output (test tool)."""
    out = Pic(note=inp.note, leaked=base64.b64encode(_png(50, 50) * 20).decode())
    return out.with_image(_png(4000, 3000) if inp.note == "flat" else _noise_png(4000, 3000))


PIC = Skill(name="huge_picture", fn=_pic, input_model=Pic, output_model=Pic, cli="huge-picture")


def test_server_fits_results_to_the_host():
    async def main():
        async with Client(build_server(extra_skills=[*TEST_SKILLS, PIC])) as client:
            tools = {t.name: t for t in (await client.list_tools()).tools}
            big = await client.call_tool("big_result", {"lines": 4000})
            assert not big.is_error
            size = len(json.dumps(big.structured_content, separators=(",", ":")))
            assert size <= MAX_STRUCTURED_CHARS
            jsonschema.validate(big.structured_content, tools["big_result"].output_schema)
            text = big.content[0].text
            assert len(text) <= 16_000 and "the full result is seer://artifacts/big_result-result-" in text
            whole = big.meta["seer/truncated"]["full_result"]
            name = whole.rsplit("/", 1)[1]
            first = (await client.read_resource(f"seer://pages/{name}/1")).contents[0]
            assert isinstance(first, TextResourceContents) and first.text.startswith(f"[{name}: page 1 of ")
            pages = int(first.text.split(" of ", 1)[1].split(",", 1)[0])
            last = (await client.read_resource(f"seer://pages/{name}/{pages}")).contents[0].text
            assert "line 03999 kestrel" in last  # the last line survives in the paged full result

            pic = await client.call_tool("huge_picture", {"note": "flat", "leaked": ""})
            assert pic.structured_content["leaked"].startswith("[binary data omitted")
            images = [c for c in pic.content if isinstance(c, ImageContent)]
            assert len(images) == 1 and images[0].mime_type == "image/png"
            with Image.open(io.BytesIO(base64.b64decode(images[0].data))) as im:
                assert im.size == (2000, 1500)
            noisy = await client.call_tool("huge_picture", {"note": "noise", "leaked": ""})
            image = next(c for c in noisy.content if isinstance(c, ImageContent))
            assert len(base64.b64decode(image.data)) <= MAX_IMAGE_BYTES  # 36 MB of noise as PNG
            with Image.open(io.BytesIO(base64.b64decode(image.data))) as im:
                assert max(im.size) <= 2000 and im.format == image.mime_type.split("/")[1].upper()

    anyio.run(main)
