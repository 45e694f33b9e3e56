"""Slide thumbnails: LibreOffice (headless) converts the deck to PDF, pypdfium2 renders each page, and
the render check (`check.check_render`) compares that layout with the deck's boxes."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ....config import Settings
from ....perception.encode import encode_png
from ....security import write_output
from .check import Problem, check_render

INSTALL_HINT = (
    "slide previews need LibreOffice: install it (Debian/Ubuntu: apt-get install libreoffice-impress) and retry"
)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def render_previews(
    deck: Path, folder: Path, settings: Settings, width: int = 640, timeout: float = 180.0
) -> tuple[list[Path], str | None, list[Problem]]:
    """PNG thumbnails of every slide, None and the render check's problems; or no thumbnails, a note
    saying why and no problems."""
    exe = soffice()
    if exe is None:
        return [], INSTALL_HINT, []
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory(prefix="seer-preview-") as tmp:
        profile = Path(tmp) / "profile"
        cmd = [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            str(deck),
        ]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return [], f"LibreOffice did not finish converting the deck within {timeout:.0f} s", []
        except (subprocess.CalledProcessError, OSError) as exc:
            return [], f"LibreOffice failed to convert the deck ({exc})", []
        pdf_path = Path(tmp) / f"{deck.stem}.pdf"
        if not pdf_path.is_file():
            return [], "LibreOffice produced no PDF for the deck", []
        problems = check_render(deck, pdf_path)
        pdf = pdfium.PdfDocument(str(pdf_path))
        out = []
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                scale = width / page.get_width()
                img = page.render(scale=scale).to_pil()
                out.append(
                    write_output(
                        folder / f"slide-{i + 1:02d}.png",
                        encode_png(img),
                        settings,
                        what="slide preview",
                        suffixes=(".png",),
                    )
                )
        finally:
            pdf.close()
    return out, None, problems
