import base64
import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from seer.config import Settings, load_settings
from seer.errors import InputError, LimitError, NotConfigured
from seer.perception.geometry import Box
from seer.perception.image import load_image


def _encoded(fmt: str, img: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


@pytest.fixture()
def rgb():
    arr = np.zeros((30, 40, 3), np.uint8)
    arr[:, :20] = (200, 30, 30)
    arr[:, 20:] = (30, 30, 200)
    return Image.fromarray(arr)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "BMP", "TIFF", "GIF"])
def test_every_format_decodes_to_rgb(tmp_path, rgb, fmt):
    path = tmp_path / f"x.{fmt.lower()}"
    path.write_bytes(_encoded(fmt, rgb))
    img = load_image(str(path), Settings())
    assert (img.width, img.height) == (40, 30)
    assert img.pixels.dtype == np.uint8 and img.pixels.shape == (30, 40, 3)
    left, right = img.pixels[15, 5], img.pixels[15, 35]
    assert left[0] > 150 > left[2] and right[2] > 150 > right[0]


def test_gif_takes_first_frame(tmp_path):
    frames = [Image.new("RGB", (8, 8), c) for c in ((255, 0, 0), (0, 255, 0))]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=50, loop=0)
    px = load_image(path, Settings()).pixels[4, 4]
    assert px[0] > 200 and px[1] < 50


def test_exif_orientation_is_applied(tmp_path):
    img = Image.new("RGB", (40, 20), (0, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise on display
    path = tmp_path / "rot.jpg"
    img.save(path, exif=exif)
    loaded = load_image(path, Settings())
    assert (loaded.width, loaded.height) == (20, 40)


def test_alpha_is_flattened_on_white():
    img = Image.new("RGBA", (4, 4), (0, 0, 0, 0))
    loaded = load_image(_encoded("PNG", img), Settings())
    assert (loaded.pixels == 255).all()


def test_same_pixels_same_digest_across_encodings(rgb):
    a = load_image(_encoded("PNG", rgb), Settings())
    b = load_image(base64.b64encode(_encoded("BMP", rgb)).decode(), Settings())
    c = load_image("data:image/png;base64," + base64.b64encode(_encoded("PNG", rgb)).decode(), Settings())
    assert a.digest == b.digest == c.digest
    assert load_image(_encoded("JPEG", rgb), Settings()).digest != a.digest


def test_missing_file_names_the_path(tmp_path):
    with pytest.raises(InputError, match="not found.*nope.png"):
        load_image(str(tmp_path / "nope.png"), Settings())


def test_directory_is_refused(tmp_path):
    with pytest.raises(InputError, match="directory"):
        load_image(tmp_path, Settings())


def test_not_an_image(tmp_path):
    p = tmp_path / "notes.png"
    p.write_text("just some text pretending to be a png " * 10)
    with pytest.raises(InputError, match="not an image"):
        load_image(p, Settings())


def test_empty_file(tmp_path):
    p = tmp_path / "empty.png"
    p.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        load_image(p, Settings())


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_truncated_image(rgb, fmt):
    big = Image.fromarray(np.random.default_rng(0).integers(0, 255, (200, 200, 3), dtype=np.uint8))
    data = _encoded(fmt, big)
    with pytest.raises(InputError, match="corrupt or truncated"):
        load_image(data[: len(data) // 2], Settings())


def _png_header_only(width: int, height: int, idat: bytes | None = None) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = idat if idat is not None else zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_decompression_bomb_refused_before_decoding():
    with pytest.raises(LimitError, match=r"100000×100000.*over the 40 MP limit"):
        load_image(_png_header_only(100_000, 100_000), Settings())


def test_zlib_bomb_png_refused():
    # 12k × 12k of zeros compresses to a few hundred KB but would decode to 432 MB
    raw = zlib.compress(b"\x00" * (12000 * 3 + 1) * 12000, 9)
    assert len(raw) < 1_000_000
    with pytest.raises(LimitError, match="144.0 MP"):
        load_image(_png_header_only(12000, 12000, raw), Settings())


def test_pixel_limit_is_configurable(rgb):
    small = load_settings(max_pixels=1000)
    with pytest.raises(LimitError, match="max_pixels"):
        load_image(_encoded("PNG", rgb), small)
    assert load_image(_encoded("PNG", rgb), load_settings(max_pixels=1200)).width == 40


def test_byte_limit(rgb, tmp_path):
    p = tmp_path / "x.png"
    p.write_bytes(_encoded("PNG", rgb))
    with pytest.raises(LimitError, match="byte"):
        load_image(p, load_settings(max_bytes=10))


def test_urls_refused_unless_enabled():
    with pytest.raises(NotConfigured, match="allow_urls"):
        load_image("https://example.com/shot.png", Settings())


def test_bad_base64_and_data_uri():
    with pytest.raises(InputError, match="base64"):
        load_image("data:image/png;base64,@@@@", Settings())
    with pytest.raises(InputError):
        load_image("A" * 100, Settings())  # valid base64 alphabet, not an image


def test_crop_outside_is_an_error(rgb):
    img = load_image(_encoded("PNG", rgb), Settings())
    assert img.crop(Box(10, 5, 20, 15)).pixels.shape == (10, 10, 3)
    with pytest.raises(InputError, match="outside"):
        img.crop(Box(100, 100, 200, 200))


def test_a_region_argument_is_clipped_or_refused(rgb):
    img = load_image(_encoded("PNG", rgb), Settings())
    assert img.region(None) is None
    assert img.region([30, 20, 500, 500]).as_list() == [30, 20, img.width, img.height]
    with pytest.raises(InputError, match="4 numbers"):
        img.region([1, 2, 3])
    with pytest.raises(InputError, match="outside"):
        img.region([img.width + 5, 0, img.width + 50, 10])
