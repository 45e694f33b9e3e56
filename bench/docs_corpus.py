"""Documents with known truth (outline, tables, figures, key numbers) written in every input format.

Used by bench/bench_docs.py, tests/docs and samples/make_report_sample.py. Every format carries
the same content, so one truth scores them all; planted numbers are unusual enough that finding
them cannot be a coincidence.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


@dataclass
class Section:
    heading: str
    level: int
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    table: list[list[str]] | None = None
    table_caption: str | None = None
    chart: tuple[str, list[str], list[float]] | None = None  # (caption, categories, values)


@dataclass
class Spec:
    title: str
    sections: list[Section]
    key_numbers: list[str]
    scanned: Section | None = None  # PDF only: this section is printed on an image-only page

    def headings(self, with_scanned: bool = False) -> list[str]:
        hs = [s.heading for s in self.sections]
        return hs + ([self.scanned.heading] if with_scanned and self.scanned else [])

    def table_cells(self) -> list[str]:
        return [c for s in self.sections if s.table for r in s.table for c in r if c]

    def n_figures(self) -> int:
        return sum(1 for s in self.sections if s.chart)


def quarterly_spec(variant: int = 0) -> Spec:
    """The quarterly business review; `variant` shifts the numbers so documents differ."""
    v = variant
    rev, growth, cust, margin, churn = 48.2 + v, 12.4 + v / 10, 3150 + 10 * v, 61.7 - v / 10, 2.3 + v / 10
    regions = [
        ["Region", "Q2 revenue", "Q3 revenue", "Change"],
        ["North America", f"${18.4 + v:.1f}M", f"${20.9 + v:.1f}M", "+13.6%"],
        ["Europe", f"${11.2 + v:.1f}M", f"${12.6 + v:.1f}M", "+12.5%"],
        ["Asia Pacific", f"${7.9 + v:.1f}M", f"${9.1 + v:.1f}M", "+15.2%"],
        ["Latin America", f"${4.8 + v:.1f}M", f"${5.6 + v:.1f}M", "+16.7%"],
    ]
    key = [
        f"${rev:.1f} million",
        f"{growth:.1f}%",
        f"{cust:,} customers",
        f"{margin:.1f}%",
        f"{churn:.1f}%",
        "$7.35 million",
    ]
    sections = [
        Section(
            "Executive Summary",
            1,
            [
                f"Revenue for the third quarter reached ${rev:.1f} million, up {growth:.1f}% on the same quarter last year, "
                "driven by strong renewals in North America and a faster than expected ramp of the new analytics tier.",
                f"Gross margin held at {margin:.1f}% despite higher cloud hosting costs, and monthly churn fell to {churn:.1f}%, "
                "the lowest level recorded since the company began tracking it.",
            ],
        ),
        Section(
            "Revenue by Region",
            1,
            [
                "Every region grew faster than the market. Latin America grew fastest from a small base, while Europe "
                "benefited from the two new channel partners signed in the second quarter.",
            ],
            table=regions,
            table_caption="Table 1: Revenue by region",
        ),
        Section(
            "Customer Growth",
            1,
            [
                f"The customer base grew to {cust:,} customers at the end of the quarter. Most new logos came from "
                "mid-market companies that moved off spreadsheets and legacy reporting tools.",
            ],
            chart=(
                "Figure 1: Customers by quarter",
                ["Q4 2023", "Q1 2024", "Q2 2024", "Q3 2024"],
                [2650.0 + 10 * v, 2810.0 + 10 * v, 2980.0 + 10 * v, float(cust)],
            ),
        ),
        Section(
            "Product Adoption",
            2,
            [
                "The analytics tier launched in July and already accounts for one in five new contracts. Adoption is "
                "highest among finance teams, who use the scheduled reports feature most heavily.",
            ],
            bullets=[
                "Scheduled reports used by 64% of analytics customers",
                "Average of 14 dashboards per account, up from 9",
                "Mobile usage doubled after the September release",
            ],
        ),
        Section(
            "Operations",
            1,
            [
                "Support response times improved after the move to a follow-the-sun rota. The infrastructure migration "
                "finished two weeks early and under budget, at a total cost of $7.35 million.",
            ],
            bullets=[
                "Median first response time fell from 4.1 hours to 1.8 hours",
                "Uptime for the quarter was 99.97% against a 99.9% target",
                "Headcount grew to 412 employees across four offices",
            ],
        ),
        Section(
            "Outlook",
            1,
            [
                "For the fourth quarter the company expects revenue between $51 million and $53 million, with margin "
                "broadly stable. Hiring will focus on sales engineering and customer success.",
            ],
        ),
    ]
    scanned = Section(
        "Appendix: Signed Board Memo",
        1,
        ["The board approved the expansion budget of $2.4 million for the Singapore office on 14 October."],
    )
    return Spec(f"Quarterly Business Review Q3 {2024 + v}", sections, key, scanned)


# --------------------------------------------------------------------------- pictures


def chart_png(categories: list[str], values: list[float], title: str = "Customers", size=(720, 440)) -> bytes:
    """A plain bar chart with a numeric y axis, gridlines and category labels."""
    w, h = size
    img = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 15)
    tfont = ImageFont.truetype(FONT_BOLD, 18)
    left, right, top, bottom = 80, w - 30, 50, h - 50
    d.text((w // 2, 18), title, fill="black", font=tfont, anchor="mt")
    vmax = 500 * (int(max(values) / 500) + 1)
    for t in range(0, int(vmax) + 1, 500):
        y = bottom - (bottom - top) * t / vmax
        d.line([(left, y), (right, y)], fill=(220, 220, 220))
        d.text((left - 8, y), f"{t:,}", fill="black", font=font, anchor="rm")
    d.line([(left, top), (left, bottom), (right, bottom)], fill="black", width=2)
    slot = (right - left) / len(values)
    for i, (c, v) in enumerate(zip(categories, values)):
        x0 = left + slot * i + slot * 0.2
        x1 = left + slot * (i + 1) - slot * 0.2
        y = bottom - (bottom - top) * v / vmax
        d.rectangle([x0, y, x1, bottom - 1], fill=(46, 104, 170))
        d.text(((x0 + x1) / 2, bottom + 8), c, fill="black", font=font, anchor="mt")
    buf = io.BytesIO()
    img.quantize(32).save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def scanned_page_png(section: Section, size=(1275, 1650)) -> bytes:
    """A letter page at 150 dpi holding one heading and its paragraphs, as a scanner would see it."""
    img = Image.new("RGB", size, (250, 250, 248))
    d = ImageDraw.Draw(img)
    hfont = ImageFont.truetype(FONT_BOLD, 44)
    bfont = ImageFont.truetype(FONT, 28)
    y = 160
    d.text((150, y), section.heading, fill="black", font=hfont)
    y += 110
    for p in section.paragraphs:
        line = ""
        for word in p.split():
            trial = f"{line} {word}".strip()
            if d.textlength(trial, font=bfont) > size[0] - 300:
                d.text((150, y), line, fill="black", font=bfont)
                y += 46
                line = word
            else:
                line = trial
        d.text((150, y), line, fill="black", font=bfont)
        y += 80
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


# --------------------------------------------------------------------------- writers


def write_docx(spec: Spec, path: Path) -> Path:
    import docx
    from docx.shared import Inches

    d = docx.Document()
    d.core_properties.title = spec.title
    d.add_heading(spec.title, 0)
    for s in spec.sections:
        d.add_heading(s.heading, s.level)
        for p in s.paragraphs:
            d.add_paragraph(p)
        for item in s.bullets:
            d.add_paragraph(item, style="List Bullet")
        if s.table:
            d.add_paragraph(s.table_caption or "", style="Caption")
            t = d.add_table(rows=len(s.table), cols=len(s.table[0]))
            t.style = "Table Grid"
            for r, row in enumerate(s.table):
                for c, text in enumerate(row):
                    t.cell(r, c).text = text
        if s.chart:
            caption, cats, vals = s.chart
            d.add_picture(io.BytesIO(chart_png(cats, vals)), width=Inches(5.5))
            d.add_paragraph(caption, style="Caption")
    d.save(str(path))
    return path


def write_pdf(spec: Spec, path: Path, scanned: bool = True) -> Path:
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import inch
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        ListFlowable,
        ListItem,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )
    from reportlab.platypus import Image as RLImage

    rl_config.invariant = 1  # no timestamps or random ids: the same spec gives the same bytes
    st = getSampleStyleSheet()
    story = [Paragraph(spec.title, st["Title"])]
    for s in spec.sections:
        story.append(Paragraph(s.heading, st["Heading1" if s.level == 1 else "Heading2"]))
        for p in s.paragraphs:
            story.append(Paragraph(p.replace("&", "&amp;"), st["BodyText"]))
        if s.bullets:
            story.append(
                ListFlowable(
                    [ListItem(Paragraph(b, st["BodyText"])) for b in s.bullets], bulletType="bullet", start="•"
                )
            )
        if s.table:
            story.append(Paragraph(s.table_caption or "", st["Italic"]))
            t = Table(s.table)
            t.setStyle(
                TableStyle(
                    [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold")]
                )
            )
            story += [t, Spacer(1, 8)]
        if s.chart:
            caption, cats, vals = s.chart
            story.append(RLImage(io.BytesIO(chart_png(cats, vals)), width=5 * inch, height=5 * inch * 440 / 720))
            story.append(Paragraph(caption, st["Italic"]))
    w, h = letter
    if scanned and spec.scanned:
        story += [
            NextPageTemplate("full"),
            PageBreak(),
            RLImage(io.BytesIO(scanned_page_png(spec.scanned)), width=w - 2, height=h - 2),
        ]
    doc = BaseDocTemplate(str(path), pagesize=letter, title=spec.title)
    doc.addPageTemplates(
        [
            PageTemplate("normal", [Frame(72, 72, w - 144, h - 144)]),
            PageTemplate("full", [Frame(0, 0, w, h, 0, 0, 0, 0)]),
        ]
    )
    doc.build(story)
    return path


def write_pptx(spec: Spec, path: Path) -> Path:
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    prs = Presentation()
    prs.core_properties.title = spec.title
    s0 = prs.slides.add_slide(prs.slide_layouts[0])
    s0.shapes.title.text = spec.title
    for s in spec.sections:
        slide = prs.slides.add_slide(
            prs.slide_layouts[1] if (s.paragraphs or s.bullets) and not (s.table or s.chart) else prs.slide_layouts[5]
        )
        slide.shapes.title.text = s.heading
        if s.table or s.chart:
            box = slide.shapes.add_textbox(Inches(0.5), Inches(1.5), Inches(9), Inches(1.2)).text_frame
            box.word_wrap = True
            box.text = " ".join(s.paragraphs)
            for b in s.bullets:
                box.add_paragraph().text = b
        else:
            body = slide.placeholders[1].text_frame
            body.text = s.paragraphs[0] if s.paragraphs else ""
            for p in s.paragraphs[1:]:
                body.add_paragraph().text = p
            for b in s.bullets:
                para = body.add_paragraph()
                para.text = b
                para.level = 1
        if s.table:
            rows, cols = len(s.table), len(s.table[0])
            t = slide.shapes.add_table(rows, cols, Inches(0.5), Inches(3), Inches(9), Inches(0.4) * rows).table
            for r, row in enumerate(s.table):
                for c, text in enumerate(row):
                    t.cell(r, c).text = text
        if s.chart:
            caption, cats, vals = s.chart
            data = CategoryChartData()
            data.categories = cats
            data.add_series("Customers", vals)
            slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2.8), Inches(8), Inches(4.2), data)
    prs.save(str(path))
    return path


def _html_escape(t: str) -> str:
    return t.replace("&", "&amp;").replace("<", "&lt;")


def write_html(spec: Spec, path: Path) -> Path:
    out = [
        f"<!DOCTYPE html><html><head><title>{_html_escape(spec.title)}</title><style>body{{font-family:sans-serif}}</style></head><body>",
        "<nav><a href='#'>Home</a></nav>",
        f"<h1>{_html_escape(spec.title)}</h1>",
    ]
    for s in spec.sections:
        tag = f"h{s.level + 1}"
        out.append(f"<section><{tag}>{_html_escape(s.heading)}</{tag}>")
        out += [f"<p>{_html_escape(p)}</p>" for p in s.paragraphs]
        if s.bullets:
            out.append("<ul>" + "".join(f"<li>{_html_escape(b)}</li>" for b in s.bullets) + "</ul>")
        if s.table:
            rows = "".join(
                "<tr>"
                + "".join(f"<{'th' if i == 0 else 'td'}>{_html_escape(c)}</{'th' if i == 0 else 'td'}>" for c in r)
                + "</tr>"
                for i, r in enumerate(s.table)
            )
            out.append(f"<table><caption>{_html_escape(s.table_caption or '')}</caption>{rows}</table>")
        if s.chart:
            caption, cats, vals = s.chart
            uri = "data:image/png;base64," + base64.b64encode(chart_png(cats, vals)).decode()
            out.append(
                f"<figure><img src='{uri}' alt='chart'><figcaption>{_html_escape(caption)}</figcaption></figure>"
            )
        out.append("</section>")
    out.append("<script>var x = 1;</script></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def write_markdown(spec: Spec, path: Path) -> Path:
    out = [f"# {spec.title}", ""]
    for k, s in enumerate(spec.sections):
        out += ["#" * (s.level + 1) + " " + s.heading, ""]
        out += [p + "\n" for p in s.paragraphs]
        if s.bullets:
            out += [f"- {b}" for b in s.bullets] + [""]
        if s.table:
            out += [f"*{s.table_caption}*", "", "| " + " | ".join(s.table[0]) + " |", "|" + "---|" * len(s.table[0])]
            out += ["| " + " | ".join(r) + " |" for r in s.table[1:]] + [""]
        if s.chart:
            caption, cats, vals = s.chart
            img = path.with_name(f"{path.stem}-chart{k}.png")
            img.write_bytes(chart_png(cats, vals))
            out += [f"![{caption}]({img.name})", ""]
    path.write_text("\n".join(out), encoding="utf-8")
    return path


WRITERS = {"docx": write_docx, "pdf": write_pdf, "pptx": write_pptx, "html": write_html, "md": write_markdown}


def write_all(folder: Path, variant: int = 0) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    spec = quarterly_spec(variant)
    return {fmt: fn(spec, folder / f"qbr{variant}.{fmt}") for fmt, fn in WRITERS.items()}


def scene_png(seed: int, size=(640, 420)) -> bytes:
    """A drawn wetland scene (sky, water, reeds, a bird): a picture that is not a chart."""
    import random

    rnd = random.Random(seed)
    w, h = size
    im = Image.new("RGB", size)
    d = ImageDraw.Draw(im)
    horizon = int(h * rnd.uniform(0.45, 0.6))
    for y in range(h):  # sky and water gradients
        t = y / horizon if y < horizon else (y - horizon) / (h - horizon)
        d.line(
            [(0, y), (w, y)],
            fill=(int(150 + 80 * t), int(190 + 40 * t), 235)
            if y < horizon
            else (int(40 + 30 * t), int(90 + 40 * t), int(120 + 30 * t)),
        )
    for _ in range(40):  # reeds
        x = rnd.randrange(w)
        d.line(
            [(x, h), (x + rnd.randint(-12, 12), horizon - rnd.randint(10, 90))],
            fill=(70, 90 + rnd.randint(0, 40), 40),
            width=3,
        )
    bx, by = rnd.randint(w // 4, 3 * w // 4), horizon + rnd.randint(10, 40)
    d.ellipse([bx - 50, by - 22, bx + 50, by + 22], fill=(245, 245, 240))  # body
    d.ellipse([bx + 35, by - 55, bx + 65, by - 25], fill=(245, 245, 240))  # head
    d.polygon([(bx + 62, by - 42), (bx + 110, by - 36), (bx + 62, by - 32)], fill=(30, 30, 30))  # bill
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def write_survey_docx(path: Path) -> Path:
    """A field-survey report unlike the quarterly review: prose with figures, a counts table, four
    photographs with captions and a list of next steps (the second sample deck in docs/)."""
    import docx
    from docx.shared import Inches

    d = docx.Document()
    d.add_heading("Wetland Bird Survey 2026", 0)
    d.add_heading("Findings", 1)
    d.add_paragraph("Volunteers counted 4,812 waterbirds at six sites between March and June, 14% more than in 2025.")
    d.add_paragraph(
        "Breeding pairs of avocet rose to 126 after the new scrapes at North Marsh were finished in February."
    )
    d.add_paragraph(
        "Disturbance fell at the two sites where the footpath was moved, and nesting began eleven days earlier there."
    )
    d.add_heading("Counts by site", 1)
    rows = [
        ["Site", "Waterbirds", "Breeding pairs", "Change"],
        ["North Marsh", "1,420", "58", "+21%"],
        ["Reed Bay", "960", "31", "+9%"],
        ["Heron Pool", "812", "12", "+4%"],
        ["Salt Flats", "744", "9", "-3%"],
        ["Mill Lagoon", "512", "11", "+17%"],
        ["East Scrape", "364", "5", "+30%"],
    ]
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    d.add_heading("Field photographs", 1)
    d.add_paragraph("The team photographed each site at dawn on the day of the count.")
    for k, caption in enumerate(
        [
            "Avocet feeding at North Marsh",
            "Egret on the Reed Bay shore",
            "Gull resting at Heron Pool",
            "Tern over the Salt Flats",
        ]
    ):
        d.add_picture(io.BytesIO(scene_png(k)), width=Inches(3))
        d.add_paragraph(f"Figure {k + 1}: {caption}")
    d.add_heading("Next steps", 1)
    for item in [
        "Repeat the count at all six sites in September",
        "Fence the East Scrape before the next breeding season",
        "Train eight new volunteers in spring",
    ]:
        d.add_paragraph(item, style="List Bullet")
    d.save(path)
    return path
