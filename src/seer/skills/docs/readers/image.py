"""A plain image: one figure (the picture itself) plus its text, read by OCR, as paragraphs."""

from __future__ import annotations

import io
from pathlib import Path

from ....perception.image import load_image
from .registry import ReadOptions, register


@register(
    "image",
    suffixes=(".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff"),
    mimes=("image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp", "image/tiff"),
    magic=(b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"RIFF"),
)
def read_image(path: Path, opts: ReadOptions) -> object:
    img = load_image(str(path), opts.ctx.settings)
    b = opts.builder(path, "image")
    buf = io.BytesIO()
    img.pil().save(buf, format="PNG")
    b.figure(buf.getvalue(), img.width, img.height, page=1, caption=path.stem.replace("_", " "))
    if opts.ocr:
        from ....perception.ocr import read_lines

        opts.ctx.report(0, 1, "OCR")
        para: list[str] = []
        prev_bottom = None
        for ln in sorted(read_lines(img), key=lambda l: (l.box.y0, l.box.x0)):
            if prev_bottom is not None and ln.box.y0 - prev_bottom > 0.8 * ln.box.height and para:
                b.paragraph(" ".join(para), page=1)
                para = []
            para.append(ln.text)
            prev_bottom = ln.box.y1
        if para:
            b.paragraph(" ".join(para), page=1)
        b.doc.ocr_pages.append(1)
    return b.finish(title=path.stem.replace("_", " "), pages=1)
