"""Documents → slides and reports, scored against documents with known truth.

For each input format (DOCX, PDF with one scanned page, PPTX, HTML, Markdown) and each variant of
the quarterly review: read it, write a deck and a report, then score heading recall in slide titles,
table cells preserved as native table cells, figures kept (native charts or pictures), key numbers
present in the deck and in the report, overflowing text boxes (re-measured), and seconds per page.
Also times a 24-page text-only PDF to get seconds per text page. Targets (issue 6): heading recall
≥ 95%, cells ≥ 95%, key numbers ≥ 95%, overflow 0, ≤ 0.5 s per text page.

    python -m bench docs [--quick]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bench.docs_corpus import Spec, quarterly_spec, write_all, write_pdf
from bench.docs_score import (
    cells_preserved,
    deck_facts,
    deck_rules,
    document_texts,
    heading_recall,
    key_figure_ok,
    numbers_present,
)

OUT = Path(__file__).parent / "out" / "docs"


def _one(fmt: str, path: Path, spec: Spec, work: Path) -> dict:
    from seer.context import Context
    from seer.skills.docs.deck import document_to_slides
    from seer.skills.docs.read import load_document
    from seer.skills.docs.report import report
    from seer.skills.docs.schema import ReportInput, SlidesInput

    t0 = time.perf_counter()
    doc = load_document(str(path), Context())
    t_read = time.perf_counter() - t0
    t1 = time.perf_counter()
    res = document_to_slides(SlidesInput(path=str(path), output=str(work / f"{path.stem}-{fmt}.pptx")), Context())
    t_deck = time.perf_counter() - t1
    rep = report(ReportInput(paths=[str(path)], output=str(work / f"{path.stem}-{fmt}.md")), Context())
    md = Path(rep.path).read_text(encoding="utf-8")
    f = deck_facts(res.pptx)
    rules = deck_rules(res.pptx, document_texts(doc))
    source = _source_text(doc)
    kf = rep.key_figures
    headings = spec.headings(with_scanned=fmt == "pdf")
    kept = len(f.charts) + f.pictures
    return {
        "format": fmt,
        "pages": doc.pages,
        "heading_recall": heading_recall(headings, f.titles),
        "cells": cells_preserved(spec.table_cells(), f.table_cells),
        "figures_kept": min(1.0, kept / spec.n_figures()) if spec.n_figures() else 1.0,
        "native_charts": len(f.charts),
        "numbers_deck": numbers_present(spec.key_numbers, "\n".join(f.text)),
        "numbers_report": numbers_present(spec.key_numbers, md),
        "overflow": res.overflow + len(f.outside),
        "slides": res.slides,
        "max_cont_per_section": rules.max_cont_per_section,
        "fragment_bullets": len(rules.fragments),
        "title_only_slides": len(rules.title_only),
        "key_figure_precision": round(sum(key_figure_ok(k.value, k.context, source) for k in kf) / len(kf), 4)
        if kf
        else 1.0,
        "report_numbers_absent": _absent_numbers(md, source),
        "read_s": round(t_read, 3),
        "deck_s": round(t_deck, 3),
        "s_per_page": round((t_read + t_deck) / max(1, doc.pages), 3),
    }


REALISM = Path(__file__).resolve().parents[1].parent / "shared" / "realism" / "docs" / "files"


def _realism_decks(work: Path) -> dict | None:
    """Decks and reports from the realism documents (only run when `../shared/realism` exists; only
    aggregate figures, overall and per format, are returned: no file names, no text): the slide-count rule (≤ 1.5 slides per source page for short documents, at least 8,
    ≤ 30 for long), fragment bullets, title-only slides, pictures kept, the LibreOffice render check, and
    the report's key-figure precision and numbers absent from the source."""
    if not REALISM.is_dir():
        return None
    from seer.config import Settings
    from seer.context import Context
    from seer.skills.docs.deck import document_to_slides
    from seer.skills.docs.read import load_document
    from seer.skills.docs.report import report
    from seer.skills.docs.schema import ReportInput, SlidesInput
    from seer.skills.docs.slides import preview
    from seer.skills.docs.slides.planner import slide_budget

    ctx = Context(settings=Settings(allowed_roots=[str(REALISM), str(work)]), model=None)
    rows = []
    for k, path in enumerate(sorted(REALISM.iterdir())):
        fmt = path.suffix.lstrip(".").lower()
        try:
            doc = load_document(str(path), ctx)
            res = document_to_slides(
                SlidesInput(path=str(path), output=str(work / f"real-{k}.pptx"), preview=preview.soffice() is not None),
                ctx,
            )
            rep = report(ReportInput(paths=[str(path)], output=str(work / f"real-{k}.md")), ctx)
        except Exception as exc:  # noqa: BLE001  (a failure is a figure here, not a crash of the bench)
            print(f"realism deck failed: {path.name}: {type(exc).__name__}: {exc}"[:300], file=sys.stderr)
            rows.append({"format": fmt, "error": True})
            continue
        rules = deck_rules(res.pptx, document_texts(doc))
        if rules.fragments:  # named on the console only: nothing of these files goes into the results
            print(f"realism deck {path.name}: fragment bullets {rules.fragments[:5]}", file=sys.stderr)
        budget = slide_budget(doc)  # 1.5 per page (pages from words for flowing formats), 8 to 30
        source = _source_text(doc)
        kf = rep.key_figures
        pictures = sum(1 for f in doc.figures() if f.png and not (f.chart and f.chart.series))
        rows.append(
            {
                "format": fmt,
                "within_count": res.slides <= budget,
                "fragments": len(rules.fragments),
                "title_only": len(rules.title_only),
                "pictures": pictures,
                "pictures_kept": min(rules.pictures, pictures),
                "max_cont_per_section": rules.max_cont_per_section,
                "key_figures": len(kf),
                "key_figures_ok": sum(key_figure_ok(k.value, k.context, source) for k in kf),
                "report_numbers_absent": _absent_numbers(Path(rep.path).read_text(encoding="utf-8"), source),
                "render_problems": sum(w.startswith("render check") for w in res.warnings) if res.previews else None,
            }
        )
    formats = sorted({r["format"] for r in rows})
    return {
        **_deck_figures(rows),
        "by_format": {f: _deck_figures([r for r in rows if r["format"] == f]) for f in formats},
    }


def _deck_figures(rows: list[dict]) -> dict:
    """Aggregate deck and report figures over `rows` (one per document; no names, no text of the files)."""
    done = [r for r in rows if "error" not in r]
    n_kf = sum(r["key_figures"] for r in done)
    n_pic = sum(r["pictures"] for r in done)
    return {
        "files": len(rows),
        "errors": len(rows) - len(done),
        "within_slide_count": round(sum(r["within_count"] for r in done) / max(1, len(done)), 4),
        "fragment_bullets": sum(r["fragments"] for r in done),
        "title_only_slides": sum(r["title_only"] for r in done),
        "max_cont_per_section": max((r["max_cont_per_section"] for r in done), default=0),
        "pictures_kept": round(sum(r["pictures_kept"] for r in done) / n_pic, 4) if n_pic else 1.0,
        "key_figure_precision": round(sum(r["key_figures_ok"] for r in done) / n_kf, 4) if n_kf else 1.0,
        "key_figures": n_kf,
        "report_numbers_absent": sum(r["report_numbers_absent"] for r in done),
        "render_problems": sum(r["render_problems"] or 0 for r in done),
    }


def _source_text(doc) -> str:
    """Every text of a document (paragraphs, list items, cells, key-figure sentences), for the number checks."""
    items = [i for b in doc.blocks() if b.kind == "list" for i in b.items]
    return "\n".join(
        [getattr(b, "text", "") for b in doc.blocks()]
        + items
        + [doc.title or ""]
        + doc.headings()
        + [c for t in doc.tables() for r in t.rows for c in r]
        + [k.context for k in doc.key_figures()]
    )


def _absent_numbers(md: str, source: str) -> int:
    """Numbers in the report's summary and key figures that its source does not contain."""
    import re

    parts = re.split(r"^## ", md, flags=re.MULTILINE)
    checked = "\n".join(p for p in parts if p.startswith(("Executive summary", "Key figures")))
    checked = re.sub(r"\S+\.(?:pdf|docx|pptx|xlsx|html?|md)\b|\bp\. \d+", "", checked)  # sources and pages cited
    nums = re.findall(r"\d[\d,.]*\d|\d", checked)
    return sum(n not in source for n in nums)


def _text_pdf_speed(work: Path, pages_wanted: int) -> dict:
    """A long text-only PDF: the quarterly review repeated; seconds per page to read and to make the deck."""
    from seer.context import Context
    from seer.skills.docs.deck import document_to_slides
    from seer.skills.docs.read import load_document
    from seer.skills.docs.schema import SlidesInput

    base = quarterly_spec(0)
    sections = []
    v = 0
    while len(sections) < pages_wanted * 7:
        s = quarterly_spec(v)
        for sec in s.sections:
            sec.heading = f"{sec.heading} {v + 1}"
            sec.chart = None  # text pages only: chart reading is timed per figure in the main table
        sections += s.sections
        v += 1
    spec = Spec(base.title, sections, base.key_numbers, None)
    path = write_pdf(spec, work / "long.pdf", scanned=False)
    t0 = time.perf_counter()
    doc = load_document(str(path), Context(), charts=False)
    t_read = time.perf_counter() - t0
    t1 = time.perf_counter()
    res = document_to_slides(SlidesInput(path=str(path), output=str(work / "long.pptx"), max_slides=400), Context())
    t_all = time.perf_counter() - t1
    f = deck_facts(res.pptx)
    return {
        "pages": doc.pages,
        "read_s_per_page": round(t_read / doc.pages, 3),
        "slides_s_per_page": round(t_all / doc.pages, 3),
        "slides": res.slides,
        "heading_recall": heading_recall(spec.headings(), f.titles),
        "overflow": res.overflow,
    }


def _warm_up(work: Path) -> None:
    """Load the OCR models and imports once, so the first row is not charged for them."""
    from seer.context import Context
    from seer.skills.docs.read import load_document

    paths = write_all(work / "warm", variant=9)
    load_document(str(paths["md"]), Context())


def run(quick: bool = False) -> dict:
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="docs-", dir=OUT))
    variants = [0] if quick else [0, 1, 2]
    rows = []
    _warm_up(work)
    for v in variants:
        spec = quarterly_spec(v)
        for fmt, path in write_all(work / f"v{v}", variant=v).items():
            rows.append({"variant": v, **_one(fmt, path, spec, work)})
    speed = _text_pdf_speed(work, 6 if quick else 24)
    keys = ["heading_recall", "cells", "figures_kept", "numbers_deck", "numbers_report", "key_figure_precision"]
    summary = {k: round(sum(r[k] for r in rows) / len(rows), 4) for k in keys}
    for k in ("overflow", "fragment_bullets", "title_only_slides", "report_numbers_absent"):
        summary[k] = sum(r[k] for r in rows)
    summary["max_cont_per_section"] = max(r["max_cont_per_section"] for r in rows)
    summary["text_pdf_s_per_page"] = speed["slides_s_per_page"]
    print(
        "| format | variant | pages | slides | heading recall | cells | figures kept | native charts | numbers (deck) | numbers (report) | overflow | s/page |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['format']} | {r['variant']} | {r['pages']} | {r['slides']} | {r['heading_recall']:.0%} | {r['cells']:.0%} | "
            f"{r['figures_kept']:.0%} | {r['native_charts']} | {r['numbers_deck']:.0%} | {r['numbers_report']:.0%} | {r['overflow']} | {r['s_per_page']:.2f} |"
        )
    print(
        f"\n**Mean**: heading recall {summary['heading_recall']:.1%}, cells {summary['cells']:.1%}, figures kept "
        f"{summary['figures_kept']:.1%}, key numbers deck {summary['numbers_deck']:.1%} / report {summary['numbers_report']:.1%}, "
        f"overflowing boxes {summary['overflow']}; key-figure precision {summary['key_figure_precision']:.1%}, "
        f"report numbers absent from the source {summary['report_numbers_absent']}, fragment bullets "
        f"{summary['fragment_bullets']}, title-only slides {summary['title_only_slides']}, most continuations in a "
        f"section {summary['max_cont_per_section']}."
    )
    print(
        f"\n**Text PDF, {speed['pages']} pages**: read {speed['read_s_per_page']:.3f} s/page; read + plan + write deck "
        f"{speed['slides_s_per_page']:.3f} s/page ({speed['slides']} slides, heading recall {speed['heading_recall']:.0%}, "
        f"overflow {speed['overflow']})."
    )
    real = None if quick else _realism_decks(work)
    if real:
        print(
            f"\n**Decks from the realism documents** ({real['files']} files, {real['errors']} failed): slide-count rule met on "
            f"{real['within_slide_count']:.0%}, fragment bullets {real['fragment_bullets']}, title-only slides "
            f"{real['title_only_slides']}, pictures kept {real['pictures_kept']:.0%}, most continuations in a section "
            f"{real['max_cont_per_section']}, render-check problems {real['render_problems']}; reports: key-figure "
            f"precision {real['key_figure_precision']:.0%} of {real['key_figures']}, numbers absent from the source "
            f"{real['report_numbers_absent']}."
        )
    return {"summary": summary, "rows": rows, "text_pdf": speed, "realism_decks": real}


if __name__ == "__main__":
    run(quick=True)
