"""The issue-15 rules for decks and reports: slide counts that follow the content, whole-statement
bullets, no title-only slides, pictures kept with captions, key figures that are quantities, a real
extractive summary, and no number that is not in the source."""

from __future__ import annotations

import io
import math
import re

from PIL import Image

from bench.docs_score import deck_rules, document_texts, is_fragment
from seer.context import Context
from seer.skills.docs.deck import document_to_slides
from seer.skills.docs.document import ListBlock
from seer.skills.docs.key_figures import from_text
from seer.skills.docs.read import load_document
from seer.skills.docs.report import report
from seer.skills.docs.schema import ReportInput, SlidesInput
from seer.skills.docs.summary import summarize


def _deck(path, out):
    res = document_to_slides(SlidesInput(path=str(path), output=str(out)), Context(model=None))
    doc = load_document(str(path), Context(model=None), charts=False)
    return res, doc, deck_rules(res.pptx, document_texts(doc))


def test_fragment_rule():
    assert is_fragment("Which $426.3 million is already committed")
    assert is_fragment("Where figures are estimates")
    assert is_fragment("Strong renewals in North America")
    assert not is_fragment("Revenue grew 12.4% to $48.2 million")


def test_corpus_decks_follow_the_slide_rules(corpus, deck_dir):
    for fmt in ("docx", "pdf", "md"):
        res, doc, rules = _deck(corpus[fmt], deck_dir / f"rules-{fmt}.pptx")
        sections = len([s for s in doc.sections if s.heading])
        assert rules.slides <= max(math.ceil(1.5 * doc.pages), 8, sections + 4), res.titles
        assert rules.max_cont_per_section <= 1 and rules.fragments == [] and rules.title_only == [], (fmt, rules)


def test_long_document_is_summarised_into_at_most_thirty_slides(tmp_path):
    md = ["# Annual Plover Report", ""]
    for s in range(24):
        md += [f"## Region {s} findings", ""]
        md += [
            f"Observers in region {s} counted {100 + s * 7 + k} nests during visit {k}, and the count rose "
            f"after the wetland works were finished in spring."
            for k in range(14)
        ]
        md.append("")
    src = tmp_path / "long.md"
    src.write_text("\n".join(md))
    res, doc, rules = _deck(src, tmp_path / "long.pptx")
    assert rules.slides <= 30, res.titles
    assert rules.max_cont_per_section <= 1 and rules.fragments == [] and rules.title_only == []


def test_pictures_are_kept_with_their_captions(tmp_path):
    import docx
    from docx.shared import Inches

    rng = __import__("numpy").random.default_rng(5)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (240, 320, 3), dtype="uint8")).save(buf, format="PNG")
    d = docx.Document()
    d.add_heading("Field photographs", 1)
    d.add_paragraph("The survey team photographed every nesting site that was visited this year.")
    d.add_picture(buf, width=Inches(3))
    d.add_paragraph("Figure 1: Ruff-4410 nesting site at dawn")
    d.save(tmp_path / "photos.docx")
    res, _, rules = _deck(tmp_path / "photos.docx", tmp_path / "photos.pptx")
    assert rules.pictures == 1 and rules.pictures_captioned == 1
    from pptx import Presentation

    texts = [s.text_frame.text for sl in Presentation(res.pptx).slides for s in sl.shapes if s.has_text_frame]
    assert any("Ruff-4410 nesting site at dawn" in t for t in texts)


def test_key_figures_are_quantities_not_identifiers():
    text = (
        "Order SKU-4563 was the largest, and revenue reached $48.2 million in 2024 (see page 14 and Figure 7-26). "
        "Churn fell to 2.3% while the team grew to 412 employees; ISBN 978-3-16-148410-0 lists 320 pages."
    )
    values = [k.value for k in from_text(text, 1, None)]
    assert values == ["$48.2 million", "2.3%", "412 employees"]


def test_report_summary_is_extractive_and_numbers_come_from_the_source(corpus, tmp_path):
    out = report(ReportInput(paths=[str(corpus["pdf"])], output=str(tmp_path / "r.md")), Context(model=None))
    md = (tmp_path / "r.md").read_text()
    summary = md.split("## Executive summary", 1)[1].split("\n## ", 1)[0]
    lines = [l[2:] for l in summary.splitlines() if l.startswith("- ")]
    doc = load_document(str(corpus["pdf"]), Context(model=None), charts=False)
    source = " ".join(
        [b.text for b in doc.blocks() if hasattr(b, "text")]
        + [i for b in doc.blocks() if isinstance(b, ListBlock) for i in b.items]
    )
    assert 3 <= len(lines) <= 5
    for line in lines:
        sentence = re.sub(r" \(p\. \d+\)$", "", line)
        assert sentence in source and re.search(r"\(p\. \d+\)$", line)  # whole sentences, with their page
    picked = summarize(doc)
    assert any("$48.2 million" in c.text for c in picked)  # the sentence that carries the headline figure
    everything = source + " ".join(c for t in doc.tables() for r in t.rows for c in r)
    assert out.key_figures and all(k.value in everything for k in out.key_figures)


def _noise_png(seed: int) -> bytes:
    rng = __import__("numpy").random.default_rng(seed)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (180, 240, 3), dtype="uint8")).save(buf, format="PNG")
    return buf.getvalue()


def test_many_pictures_share_slides_within_the_budget(tmp_path):
    """A one-page document with ten photographs: every picture and caption is kept, on gallery slides,
    and the deck stays within the slide budget with nothing outside its box."""
    import docx
    from docx.shared import Inches
    from pptx import Presentation

    from seer.skills.docs.slides.check import check_deck

    d = docx.Document()
    d.add_heading("Survey photographs", 1)
    d.add_paragraph("The survey team photographed every nesting site that was visited this year.")
    for k in range(10):
        d.add_picture(io.BytesIO(_noise_png(k)), width=Inches(2))
        d.add_paragraph(f"Figure {k + 1}: Plover-{6100 + k} nest site")
    d.save(tmp_path / "photos.docx")
    res, _, rules = _deck(tmp_path / "photos.docx", tmp_path / "photos.pptx")
    assert rules.slides <= 8, res.titles
    assert rules.pictures == 10 and rules.title_only == []
    texts = "\n".join(s.text_frame.text for sl in Presentation(res.pptx).slides for s in sl.shapes if s.has_text_frame)
    assert all(f"Plover-{6100 + k} nest site" in texts for k in range(10))
    assert check_deck(res.pptx) == []


def test_extra_tables_move_to_the_notes_when_over_budget(tmp_path):
    """Twelve small tables in a short document: the deck stays within its budget, and the rows of every
    table left off a slide are in the speaker notes."""
    from pptx import Presentation

    md = ["# Depot inventory", "", "The depots reported their stock at the end of the quarter.", ""]
    for t in range(12):
        md += [
            f"## Depot {t}",
            "",
            f"Depot {t} keeps its stock in two halls.",
            "",
            "| Item | Count |",
            "|---|---|",
            f"| Crate-{t}A | {10 + t} |",
            f"| Crate-{t}B | {40 + t} |",
            "",
        ]
    (tmp_path / "depots.md").write_text("\n".join(md))
    res, doc, rules = _deck(tmp_path / "depots.md", tmp_path / "depots.pptx")
    sections = len([s for s in doc.sections if s.heading and s.blocks])
    assert rules.slides <= sections + 4 and rules.title_only == [], res.titles  # a slide per section, no more
    prs = Presentation(res.pptx)
    shown = "\n".join(
        c.text for sl in prs.slides for s in sl.shapes if s.has_table for r in s.table.rows for c in r.cells
    )
    notes = "\n".join(sl.notes_slide.notes_text_frame.text for sl in prs.slides if sl.has_notes_slide)
    assert all(f"Crate-{t}B" in shown or f"Crate-{t}B | {40 + t}" in notes for t in range(12))


def test_table_slides_over_a_small_budget_go_to_the_notes():
    from seer.skills.docs.slides.planner import SlideSpec, _fit_budget

    slides = [SlideSpec("title", "Deck")] + [
        SlideSpec("table", "Halls", rows=[["Item", "Count"], [f"Bin-{k}", str(k)]], section="Halls") for k in range(6)
    ]
    slides.append(SlideSpec("summary", "Summary"))
    kept = _fit_budget(slides, 4, {"Halls"})
    assert len(kept) == 4 and kept[1].rows[1][0] == "Bin-0"  # the section's first table stays
    shown = {sp.rows[1][0] for sp in kept if sp.rows}
    notes = "\n".join(sp.notes for sp in kept)
    assert len(shown) == 2 and all(f"Bin-{k}" in shown or f"Bin-{k} | {k}" in notes for k in range(6))


def test_verbless_paragraphs_are_kept_whole_not_cut():
    from seer.skills.docs.slides.condense import bullets_from_text

    paras = ["Kundennummer 2023.4.1. 8 Uhr Zentrale Nord", "www.depot-north.example"]
    assert bullets_from_text(paras) == ["Kundennummer 2023.4.1. 8 Uhr Zentrale Nord", "www.depot-north.example"]
    # prose with statements still drops its stray pieces
    assert bullets_from_text(["The depot shipped 40 crates in May. Zentrale Nord"]) == [
        "The depot shipped 40 crates in May"
    ]


def test_report_opening_before_the_first_heading_is_not_under_key_figures(tmp_path):
    md = [
        "Depot North shipped 412 crates worth $1.2 million in the first quarter of the year.",
        "",
        "# Halls",
        "",
        "Hall B stores 35% of the crates that the depot ships to the coast.",
    ]
    (tmp_path / "depot.md").write_text("\n".join(md))
    rep = report(
        ReportInput(paths=[str(tmp_path / "depot.md")], output=str(tmp_path / "depot-report.md")), Context(model=None)
    )
    text = (tmp_path / "depot-report.md").read_text()
    assert text.split("## Introduction", 1)[1].lstrip().startswith("Depot North shipped 412 crates")
    assert text.index("## Key figures") < text.index("## Introduction") < text.index("## Halls") and rep.sections >= 4


def test_text_between_tables_keeps_one_continuation_per_section(tmp_path):
    """Long text, a table, more text, a table and more text in one section: at most one "(cont.)" slide,
    and the text that found no slide is in the speaker notes."""
    from pptx import Presentation

    def prose(tag: str) -> list[str]:
        return [
            f"The {tag} crew inspected hall {k} on day {k + 3}, and they logged {20 + k} crates in good order."
            for k in range(14)
        ]

    table = ["", "| Hall | Crates |", "|---|---|", "| A | 12 |", "| B | 30 |", ""]
    md = [
        "# Warehouse audit",
        "",
        "## Halls",
        "",
        *prose("morning"),
        *table,
        *prose("noon"),
        *table,
        "Late note: Heron-9191 gate was sealed at dusk.",
        "",
    ]
    (tmp_path / "audit.md").write_text("\n".join(md))
    res, _, rules = _deck(tmp_path / "audit.md", tmp_path / "audit.pptx")
    assert rules.max_cont_per_section <= 1, res.titles
    notes = "\n".join(
        sl.notes_slide.notes_text_frame.text for sl in Presentation(res.pptx).slides if sl.has_notes_slide
    )
    assert "Heron-9191 gate was sealed at dusk" in notes


def test_more_sections_with_tables_than_room_keeps_to_the_budget():
    from seer.skills.docs.slides.planner import SlideSpec, _fit_budget

    slides = [SlideSpec("title", "Deck")] + [
        SlideSpec("table", f"Hall {k}", rows=[["Item", "Count"], [f"Bin-{k}", str(k)]], section=f"Hall {k}")
        for k in range(10)
    ]
    kept = _fit_budget(slides + [SlideSpec("summary", "Summary")], 6, {f"Hall {k}" for k in range(10)})
    shown = {sp.rows[1][0] for sp in kept if sp.rows}
    notes = "\n".join(sp.notes for sp in kept)
    assert len(kept) == 6 and all(f"Bin-{k}" in shown or f"Bin-{k} | {k}" in notes for k in range(10))
