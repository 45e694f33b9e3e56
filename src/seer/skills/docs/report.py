"""report: documents and images → one Markdown business report, by a plan → read → update → write loop.

The running state (what was planned, what each source added) is a plain dataclass; with `trace`
each step is returned and written next to the report, so an agent can see how it was built.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from ...config import Settings
from ...context import Context
from ...errors import InputError, SeerError
from ...security import check_output_path, check_path, write_output
from .document import Document, KeyFigure
from .markdown_render import Assets, table_md, to_markdown
from .read import load_document
from .schema import ReportInput, ReportOutput, TraceStep
from .summary import summarize


@dataclass
class Finding:
    figure: KeyFigure
    sources: list[str]  # "file, p. N" for every source that states this number


@dataclass
class ReportState:
    """What the loop knows so far: the plan, the documents read, and the findings gathered."""

    plan: list[Path]
    docs: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    trace: list[TraceStep] = field(default_factory=list)

    def log(self, step: str, detail: str, source: str | None = None) -> None:
        self.trace.append(TraceStep(step=step, source=source, detail=detail, findings=len(self.findings)))


def report(inp: ReportInput, ctx: Context) -> ReportOutput:
    """Write a Markdown business report from one or more documents or images (PDF, DOCX, PPTX, XLSX,
    HTML, Markdown, PNG/JPEG): title, executive summary, key figures with their source file and page,
    the sources' sections with their tables and figures (pictures saved next to the report, chart data
    as tables), and a sources list. Numbers are only ever copied from the sources. Set `trace` to get
    the plan → read → update → write steps. Returns the report path, section count and key figures."""
    if not inp.paths:
        raise InputError("report needs at least one document path")
    out = Path(inp.output).expanduser()
    check_output_path(out, ctx.settings, what="report output")
    if out.suffix.lower() not in (".md", ".markdown"):
        raise InputError(f"output must be a .md path, got {out}")
    state = ReportState(plan=[Path(p).expanduser() for p in inp.paths])
    for path in state.plan:  # the roots first: "not found" must not tell what exists outside them
        check_path(path, ctx.settings, what="document")
    missing = [str(p) for p in state.plan if not p.exists()]
    if missing:
        raise InputError(f"not found: {', '.join(missing)}; check the paths")
    state.log("plan", f"{len(state.plan)} source(s) to read: " + ", ".join(p.name for p in state.plan))
    for i, path in enumerate(state.plan):
        ctx.report(i, len(state.plan), f"reading {path.name}")
        try:
            doc = load_document(str(path), ctx, max_pages=inp.max_pages).main_content()
        except SeerError as exc:
            if len(state.plan) == 1:
                raise
            state.failed.append(f"{path.name}: {exc}")
            state.log("read", f"failed: {exc}", path.name)
            continue
        state.docs.append(doc)
        state.log(
            "read",
            f"{doc.format}, {doc.pages} page(s), {len(doc.sections)} sections, {len(doc.tables())} tables, "
            f"{len(doc.figures())} figures" + (f", OCR on pages {doc.ocr_pages}" if doc.ocr_pages else ""),
            path.name,
        )
        known = {f.figure.value: f for f in state.findings}
        new = confirmed = 0
        for k in doc.key_figures():
            where = path.name + (f", p. {k.page}" if k.page else "")
            if k.value in known:
                if where not in known[k.value].sources:
                    known[k.value].sources.append(where)
                    confirmed += 1
                continue
            known[k.value] = Finding(k, [where])
            state.findings.append(known[k.value])
            new += 1
        state.log("update", f"+{new} key figures, {confirmed} confirmed by this source", path.name)
    if not state.docs:
        raise InputError("none of the sources could be read: " + "; ".join(state.failed))
    ctx.report(len(state.plan), len(state.plan), "writing the report")
    title = inp.title or _title(state)
    text, n_sections = _write(state, title, out, ctx.settings)
    write_output(out, text, ctx.settings, what="report output", suffixes=(".md", ".markdown", ".txt"))
    state.log("write", f"{n_sections} sections, {len(text):,} characters → {out}")
    if inp.trace:
        write_output(
            out.with_suffix(".trace.json"),
            json.dumps([t.model_dump() for t in state.trace], indent=2),
            ctx.settings,
            what="report trace",
            suffixes=(".json",),
        )
    return ReportOutput(
        path=str(out),
        title=title,
        sections=n_sections,
        sources=[d.source for d in state.docs],
        key_figures=[f.figure for f in state.findings],
        tables=sum(len(d.tables()) for d in state.docs),
        figures=sum(len(d.figures()) for d in state.docs),
        trace=state.trace if inp.trace else None,
        warnings=state.failed + [f"{Path(d.source).name}: {w}" for d in state.docs for w in d.warnings],
    )


def _title(state: ReportState) -> str:
    first = state.docs[0].title or Path(state.docs[0].source).stem
    return first if len(state.docs) == 1 else f"{first} and {len(state.docs) - 1} more source(s)"


def _summary(state: ReportState) -> list[str]:
    """Per source: the sentences that best say what it is about, whole, each with its page."""
    lines = []
    for d in state.docs:
        name = d.title or Path(d.source).name
        picked = summarize(d, n=5 if len(state.docs) == 1 else 3)
        if not picked:
            continue
        if len(state.docs) > 1:
            lines.append(f"**{name}**")
        lines += [f"- {c.text}" + (f" (p. {c.page})" if c.page and d.pages > 1 else "") for c in picked]
    return lines


def _write(state: ReportState, title: str, out: Path, settings: Settings) -> tuple[str, int]:
    parts = [
        f"# {title}",
        "",
        f"*Report generated by seer on {time.strftime('%Y-%m-%d')} from {len(state.docs)} source(s).*",
        "",
    ]
    n = 0
    summary = _summary(state)
    parts += [
        "## Executive summary",
        "",
        *(summary or ["*The sources hold no prose to summarise; their content follows.*"]),
        "",
    ]
    n += 1
    if state.findings:
        rows = [["Figure", "Context", "Source"]] + [
            [f.figure.value, f.figure.context, "; ".join(f.sources)] for f in state.findings
        ]
        parts += ["## Key figures", "", table_md(rows), ""]
        n += 1
    assets = Assets(out.with_name(f"{out.stem}_files"), settings, link_base=out.parent)
    single = len(state.docs) == 1
    for d in state.docs:
        if not single:
            parts += [f"## {d.title or Path(d.source).name}", f"*Source: {Path(d.source).name}*", ""]
            n += 1
        elif d.sections and not d.sections[0].heading and d.sections[0].blocks:
            parts += ["## Introduction", ""]  # what comes before the first heading is not part of the key figures
            n += 1
        body = to_markdown(d.model_copy(update={"title": None}), assets, heading_offset=1 if single else 2)
        n += sum(1 for line in body.splitlines() if line.startswith("## "))
        parts += [body.strip(), ""]
    parts += ["## Sources", ""]
    n += 1
    for i, d in enumerate(state.docs, 1):
        extra = f"; OCR on page(s) {', '.join(map(str, d.ocr_pages))}" if d.ocr_pages else ""
        parts.append(f"{i}. `{d.source}` — {d.format.upper()}, {d.pages} page(s){extra}")
    for f in state.failed:
        parts.append(f"- not read: {f}")
    return "\n".join(parts).rstrip() + "\n", n
