"""Documents: read anything into one structure, parse charts, and deliver slides and reports."""

from ..registry import Skill
from .charts import ChartData, ParseChartInput, parse_chart  # noqa: E402
from .deck import document_to_slides
from .document import Document
from .read import read_document
from .report import report
from .schema import ReadDocumentInput, ReportInput, ReportOutput, SlidesInput, SlidesOutput

SKILLS = [
    Skill(
        name="parse_chart",
        fn=parse_chart,
        input_model=ParseChartInput,
        output_model=ChartData,
        cli="chart",
        positional=("image",),
        formats=("csv", "markdown"),
    ),
    Skill(
        name="read_document",
        fn=read_document,
        input_model=ReadDocumentInput,
        output_model=Document,
        cli="read-doc",
        positional=("path",),
    ),
    Skill(
        name="document_to_slides",
        fn=document_to_slides,
        input_model=SlidesInput,
        output_model=SlidesOutput,
        cli="slides",
        positional=("path",),
    ),
    Skill(
        name="report",
        fn=report,
        input_model=ReportInput,
        output_model=ReportOutput,
        cli="report",
        positional=("paths",),
    ),
]
