"""document_to_slides: a document → a measured, native 16:9 PPTX (plus a Marp Markdown twin)."""

from __future__ import annotations

from pathlib import Path

from ...context import Context
from ...errors import InputError
from ...security import check_output_path, check_path, check_zip
from .read import load_document
from .schema import SlidesInput, SlidesOutput
from .slides.check import check_deck
from .slides.marp import write_marp
from .slides.model_rewriter import ModelRewriter
from .slides.planner import plan
from .slides.pptx_writer import open_presentation, write_deck
from .slides.preview import render_previews


def document_to_slides(inp: SlidesInput, ctx: Context) -> SlidesOutput:
    """Turn a document (PDF, DOCX, PPTX, XLSX, HTML, Markdown) into a 16:9 PowerPoint deck: title,
    agenda, slides per section with condensed bullets (long sections split, text measured so it never
    overflows), native tables (split when large), charts redrawn as native editable charts from their
    data, pictures with captions, speaker notes with the full text, key figures and a summary. Returns
    the slide count, paths and slide titles. Optional: a Marp Markdown twin, a .pptx template to honour,
    and PNG previews (needs LibreOffice)."""
    out = Path(inp.output).expanduser() if inp.output else Path.cwd() / (Path(inp.path).stem + ".pptx")
    check_output_path(out, ctx.settings, what="deck output")
    if inp.markdown:
        check_output_path(inp.markdown, ctx.settings, what="Markdown output")
    if inp.template and check_path(inp.template, ctx.settings, what="template").is_file():
        check_zip(Path(inp.template).expanduser(), ctx.settings)
    if out.suffix.lower() != ".pptx":
        raise InputError(f"output must be a .pptx path, got {out}")
    if inp.markdown and not inp.markdown.lower().endswith(".md"):
        raise InputError(f"markdown must be a .md path, got {inp.markdown}")
    doc = load_document(inp.path, ctx, max_pages=inp.max_pages).main_content()
    _, layout, _ = open_presentation(inp.template)
    ctx.report(0, 3, "planning slides")
    rewriter = ModelRewriter(ctx.model) if ctx.model is not None else None
    specs = plan(doc, layout, rewriter, max_slides=inp.max_slides)
    ctx.report(1, 3, "writing the deck")
    _, counts = write_deck(specs, out, inp.template, ctx.settings)
    md = write_marp(specs, Path(inp.markdown).expanduser(), ctx.settings) if inp.markdown else None
    problems = check_deck(out)
    warnings = list(doc.warnings) + [str(p) for p in problems]
    warnings += [f"figure on page {f.page or '?'}: {f.note}" for f in doc.figures() if f.note and f.chart is None]
    planner = "local"
    if rewriter is not None:
        planner = f"{getattr(ctx.model, 'name', 'model')} ({rewriter.used} sections rewritten)"
        warnings += [f"model bullets discarded for {r}" for r in rewriter.rejected]
    previews: list[Path] = []
    note = None
    if inp.preview:
        ctx.report(2, 3, "rendering previews")
        previews, note, rendered = render_previews(out, out.with_name(f"{out.stem}_preview"), settings=ctx.settings)
        warnings += [f"render check: {p}" for p in rendered]
    ctx.report(3, 3, "done")
    return SlidesOutput(
        slides=len(specs),
        pptx=str(out),
        markdown=str(md) if md else None,
        titles=[s.title for s in specs],
        tables=counts["tables"],
        charts=counts["charts"],
        pictures=counts["pictures"],
        overflow=len(problems),
        previews=[str(p) for p in previews],
        preview_note=note,
        planner=planner,
        warnings=warnings,
    )
