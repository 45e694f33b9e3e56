"""The report: key figures with sources, tables, figures saved next to it, sources list, trace."""

import json

import pytest

from bench.docs_score import numbers_present
from seer.context import Context
from seer.errors import InputError
from seer.skills.docs.report import report
from seer.skills.docs.schema import ReportInput


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "qbr.md"
    res = report(ReportInput(paths=[str(corpus["docx"]), str(corpus["pptx"])], output=str(out), trace=True), Context())
    return res, out.read_text(encoding="utf-8")


def test_report_content(built, spec):
    res, md = built
    assert md.startswith(f"# {spec.title} and 1 more source(s)\n")
    for h in ("## Executive summary", "## Key figures", "## Sources", "### Revenue by Region", "#### Product Adoption"):
        assert f"\n{h}\n" in md, h
    assert res.sections == md.count("\n## ")
    assert numbers_present(spec.key_numbers, md) == 1.0
    assert "| North America | $18.4M | $20.9M | +13.6% |" in md
    assert res.tables == 2 and res.figures == 2


def test_key_figures_cite_every_source(built):
    res, md = built
    row = next(line for line in md.splitlines() if line.startswith("| $48.2 million |"))
    assert "qbr0.docx" in row and "qbr0.pptx, p. 2" in row
    assert len({k.value for k in res.key_figures}) == len(res.key_figures)


def test_figures_are_written_next_to_the_report(built):
    res, md = built
    from pathlib import Path

    folder = Path(res.path).with_name("qbr_files")
    pngs = sorted(folder.glob("*.png"))
    assert pngs and f"](qbr_files/{pngs[0].name})" in md
    assert "| Q3 2024 | 3,150 |" in md  # the native chart's data, kept as a table


def test_trace(built):
    res, _ = built
    steps = [t.step for t in res.trace]
    assert steps == ["plan", "read", "update", "read", "update", "write"]
    assert res.trace[-1].findings == len(res.key_figures)
    saved = json.loads(open(res.path.replace(".md", ".trace.json")).read())
    assert [s["step"] for s in saved] == steps


def test_report_errors(tmp_path, corpus):
    with pytest.raises(InputError, match="not found"):
        report(ReportInput(paths=[str(tmp_path / "nope.pdf")], output=str(tmp_path / "r.md")), Context())
    with pytest.raises(InputError, match=".md"):
        report(ReportInput(paths=[str(corpus["md"])], output=str(tmp_path / "r.docx")), Context())
    bad = tmp_path / "bad.pptx"
    bad.write_bytes(b"garbage")
    res = report(ReportInput(paths=[str(corpus["md"]), str(bad)], output=str(tmp_path / "r.md")), Context())
    assert any("bad.pptx" in w for w in res.warnings) and len(res.sources) == 1
