"""The fuzz targets: each takes raw bytes and must end in a result or a SeerError, nothing else."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

SETTINGS = None
_TMP = Path(tempfile.mkdtemp(prefix="seer-fuzz-"))


def _settings():
    global SETTINGS
    if SETTINGS is None:
        from seer.config import Settings

        SETTINGS = Settings(max_pixels=4_000_000, max_bytes=4_000_000, max_unzipped_bytes=64_000_000)
    return SETTINGS


def image(data: bytes) -> None:
    from seer.errors import SeerError
    from seer.perception.image import load_image

    try:
        load_image(data, _settings())
    except SeerError:
        pass


def image_text(data: bytes) -> None:
    """The string form of an image argument: paths, data: URIs, base64, URLs."""
    from seer.errors import SeerError
    from seer.perception.image import load_image

    try:
        load_image(data.decode("utf-8", "replace"), _settings())
    except SeerError:
        pass


def coords(data: bytes) -> None:
    from seer.models.coords import Frame, parse, to_located
    from seer.perception.geometry import Box

    text = data.decode("utf-8", "replace")
    frame = Frame(Box(10, 20, 650, 500), 448, 336)
    for found in parse(text)[:50]:
        for conv in ("norm1000", "pixels", "fraction"):
            loc = to_located(found, frame, conv)
            x, y = loc.point
            if not (10 <= x <= 650 and 20 <= y <= 500):
                raise AssertionError(f"point {loc.point} outside the crop for {found}")


def json_answer(data: bytes) -> None:
    from seer.models._json import extract_json, json_values

    text = data.decode("utf-8", "replace")
    for v in json_values(text):
        assert isinstance(v, (dict, list))
    extract_json(text)


def _doc(suffix: str) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        from seer.context import Context
        from seer.errors import SeerError
        from seer.skills.docs.readers import ReadOptions, read_path

        path = _TMP / f"input{suffix}"
        path.write_bytes(data)
        try:
            read_path(path, ReadOptions(ctx=Context(settings=_settings(), model=None), ocr=False, charts=False))
        except SeerError:
            pass

    target.__name__ = f"doc{suffix.replace('.', '_')}"
    return target


TARGETS: dict[str, Callable[[bytes], None]] = {
    "image": image,
    "image_text": image_text,
    "coords": coords,
    "json": json_answer,
    "docx": _doc(".docx"),
    "xlsx": _doc(".xlsx"),
    "pptx": _doc(".pptx"),
    "pdf": _doc(".pdf"),
    "html": _doc(".html"),
}


def seeds(target: str) -> list[bytes]:
    """A few valid inputs to start from (the fuzzer mutates them)."""
    import numpy as np
    from PIL import Image as PILImage

    if target == "image":
        out = []
        arr = np.random.default_rng(0).integers(0, 255, (16, 24, 3), dtype=np.uint8)
        for fmt in ("PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP"):
            buf = io.BytesIO()
            PILImage.fromarray(arr).save(buf, format=fmt)
            out.append(buf.getvalue())
        return out
    if target == "image_text":
        return [
            b"data:image/png;base64,iVBORw0KGgo=",
            b"/tmp/x.png",
            b"../../etc/passwd",
            b"~/a.png",
            b"http://127.0.0.1/x",
        ]
    if target == "coords":
        return [
            b"<|begin_of_box|>[100, 200, 300, 400]<|end_of_box|>",
            b'```json\n[{"bbox_2d": [1, 2, 3, 4], "label": "x"}]\n```',
            b"<|box_start|>(10,20),(30,40)<|box_end|>",
            b"click at (0.5, 0.25)",
            b'{"point": [12, 34]}',
        ]
    if target == "json":
        return [b'Sure: {"a": [1, 2, {"b": null}],}', b"```json\n[1, 2, 3]\n```", b"{ broken"]
    d = Path(tempfile.mkdtemp(prefix="seer-fuzz-seed-"))
    if target == "docx":
        import docx

        doc = docx.Document()
        doc.add_heading("Seed", 1)
        doc.add_paragraph("Fuzz seed paragraph")
        doc.add_table(rows=2, cols=2).cell(0, 0).text = "x"
        doc.save(d / "s.docx")
        return [(d / "s.docx").read_bytes()]
    if target == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        wb.active["A1"], wb.active["B2"] = "x", 2.5
        wb.save(d / "s.xlsx")
        return [(d / "s.xlsx").read_bytes()]
    if target == "pptx":
        from pptx import Presentation

        prs = Presentation()
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = "Seed"
        s.placeholders[1].text = "A bullet"
        prs.save(d / "s.pptx")
        return [(d / "s.pptx").read_bytes()]
    if target == "pdf":
        from reportlab.pdfgen import canvas

        c = canvas.Canvas(str(d / "s.pdf"))
        c.drawString(72, 720, "Fuzz seed text that is long enough to count as a text layer")
        c.showPage()
        c.save()
        return [(d / "s.pdf").read_bytes()]
    if target == "html":
        return [
            b"<html><body><h1>T</h1><p>x</p><ul><li>a</li></ul><table><tr><td>1</td></tr></table><img src='a.png'></body></html>"
        ]
    return [b""]


def workdir() -> Path:
    root = Path(os.environ.get("SEER_FUZZ_DIR", Path(__file__).resolve().parents[1] / "bench" / "out" / "fuzz"))
    root.mkdir(parents=True, exist_ok=True)
    return root
