"""Drop-in aliases for Z.ai's Vision MCP server (`@z_ai/mcp-server`): same tool names and arguments,
answered by seer's skills, so switching is one line of client config (`seer serve --zai-aliases`).

Each alias tries its routes in order and answers with the first skill that can: a vision-model route
when a model is configured, else a local one (OCR, elements, charts) whose typed result the calling
agent interprets. The text answer is what Z.ai's server returns; `result` adds seer's typed output
(boxes in pixels). The mapping table lives in docs/harness.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..context import Context
from ..errors import NotConfigured
from ..skills.common import Output
from ..skills.registry import Skill

IMAGE_SOURCE = "The image: an absolute file path (cheapest), a data: URI or raw base64; http(s) URLs only when seer's allow_urls setting is on."
PROMPT = "What you want from the image, in words."


class ImageAsk(BaseModel):
    image_source: str = Field(description=IMAGE_SOURCE)
    prompt: str = Field(description=PROMPT)


class UiToArtifactInput(ImageAsk):
    output_type: Literal["code", "prompt", "spec", "description"] = Field(
        "description",
        description="What to produce: frontend code, a prompt that recreates the UI, a design spec, or a description.",
    )


class ExtractTextInput(ImageAsk):
    programming_language: str | None = Field(None, description="Language hint when the screenshot shows code.")


class DiagnoseInput(ImageAsk):
    context: str | None = Field(None, description="When the error happened, e.g. 'during npm install'.")


class DiagramInput(ImageAsk):
    diagram_type: str | None = Field(
        None, description="Known diagram type, e.g. architecture, flowchart, uml, sequence."
    )


class DataVizInput(ImageAsk):
    analysis_focus: str | None = Field(None, description="What to focus on, e.g. trends, anomalies, comparisons.")


class UiDiffInput(BaseModel):
    expected_image_source: str = Field(description="The expected/reference UI. " + IMAGE_SOURCE)
    actual_image_source: str = Field(description="The actual implementation. " + IMAGE_SOURCE)
    prompt: str = Field(description="What to compare and how much detail you need.")


class VideoAsk(BaseModel):
    video_source: str = Field(
        description="The video: an absolute path to a local screen recording (mp4, mov, webm, mkv)."
    )
    prompt: str = Field(description="What you want to know about the video.")


class ZaiAnswer(Output):
    answer: str = Field(description="The answer as text, as Z.ai's server would return it.")
    answered_by: list[str] = Field(description="The seer tools that produced it, in order.")
    result: dict[str, Any] = Field(
        description="The typed output of the last seer tool: boxes [x0,y0,x1,y1] and points in image pixels."
    )
    note: str | None = Field(
        None, description="How the answer was made when no vision model is configured, and what to do about it."
    )

    def summary_text(self) -> str:
        return self.answer + (f"\n\n({self.note})" if self.note else "")


Route = Callable[[Any, Context], tuple[list[str], BaseModel]]
LOCAL_NOTE = (
    "no vision model is configured, so seer answered locally with {tools}; interpret the typed result "
    "yourself, or configure a model (SEER_MODEL) for free-form answers"
)


def _skill(name: str) -> Skill:
    from ..skills.registry import get

    try:
        return get(name)
    except KeyError:
        raise NotConfigured(f"seer has no {name} tool in this install") from None


def _run(name: str, params: dict[str, Any], ctx: Context) -> tuple[list[str], BaseModel]:
    return [name], _skill(name).invoke(params, ctx)


def ask(question: Callable[[Any], str]) -> Route:
    return lambda inp, ctx: _run("ask_image", {"image": inp.image_source, "question": question(inp)}, ctx)


def skill(name: str, params: Callable[[Any], dict[str, Any]]) -> Route:
    return lambda inp, ctx: _run(name, params(inp), ctx)


def _hint(label: str, value: str | None) -> str:
    return f" ({label}: {value})" if value else ""


def _diff(inp: UiDiffInput, ctx: Context) -> tuple[list[str], BaseModel]:
    """Any registered screenshot-diff skill: its first two required string fields take expected, actual."""
    from ..skills.registry import skills

    for s in skills():
        if "diff" in s.name:
            fields = [n for n, f in s.input_model.model_fields.items() if f.is_required() and f.annotation is str]
            if len(fields) >= 2:
                return _run(s.name, {fields[0]: inp.expected_image_source, fields[1]: inp.actual_image_source}, ctx)
    raise NotConfigured("seer has no screenshot-diff tool in this install")


def _diff_by_model(inp: UiDiffInput, ctx: Context) -> tuple[list[str], BaseModel]:
    question = f"The first image is the expected UI design, the second the actual implementation. List every visual difference. {inp.prompt}"
    return _run(
        "ask_image",
        {"image": inp.expected_image_source, "images": [inp.actual_image_source], "question": question},
        ctx,
    )


def _video(inp: VideoAsk, ctx: Context) -> tuple[list[str], BaseModel]:
    """The recording as a memory episode named by its content (a second question about the same
    file reuses it; a changed file is a new one), then its timeline focused on the question."""
    episode = "video-" + _content_digest(inp.video_source, ctx)
    stored = _skill("memory_stats").invoke({}, ctx)
    ingested = any(e.episode == episode and e.frames for e in stored.episodes)
    if not ingested:
        _run("memory_ingest_video", {"video": inp.video_source, "episode": episode}, ctx)
    tools, out = _run("memory_context", {"episode": episode, "query": inp.prompt}, ctx)
    return (tools if ingested else ["memory_ingest_video", *tools]), out


def _content_digest(path: str, ctx: Context) -> str:
    import hashlib

    from ..security import check_input_file

    real = check_input_file(path, ctx.settings, what="video")
    digest = hashlib.blake2b(digest_size=8)
    with real.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _screen_text(inp: Any) -> dict[str, Any]:
    return {"image": inp.image_source}


ALIASES: dict[str, tuple[type[BaseModel], str, list[Route]]] = {
    "ui_to_artifact": (
        UiToArtifactInput,
        "Turn a UI screenshot into frontend code, a recreation prompt, a design spec or a description "
        "(output_type). With a vision model configured the model writes it; without one seer returns the UI's "
        "elements with boxes and text, from which you write it.",
        [
            ask(
                lambda i: (
                    f"Produce a {i.output_type} of this UI ({'frontend code' if i.output_type == 'code' else i.output_type}). {i.prompt}"
                )
            ),
            skill("list_elements", _screen_text),
        ],
    ),
    "extract_text_from_screenshot": (
        ExtractTextInput,
        "Extract the text from a screenshot (code, terminal output, configuration, prose) with line boxes, "
        "in reading order, locally and exactly; layout and indentation kept in the markdown.",
        [skill("read_screenshot", _screen_text)],
    ),
    "diagnose_error_screenshot": (
        DiagnoseInput,
        "Diagnose an error, exception or stack trace shown in a screenshot. With a vision model the model "
        "diagnoses; without one seer returns the exact text on screen for you to diagnose.",
        [
            ask(
                lambda i: (
                    f"Diagnose the error shown: likely root cause and fix.{_hint('context', i.context)} {i.prompt}"
                )
            ),
            skill("read_screenshot", _screen_text),
        ],
    ),
    "understand_technical_diagram": (
        DiagramInput,
        "Explain an architecture diagram, flowchart, UML, ER or sequence diagram. With a vision model the model "
        "explains; without one seer returns the diagram's regions and labels with boxes.",
        [
            ask(
                lambda i: (
                    f"Explain this technical diagram{_hint('type', i.diagram_type)}: components and flows. {i.prompt}"
                )
            ),
            skill("describe_image", _screen_text),
            skill("read_screenshot", _screen_text),
        ],
    ),
    "analyze_data_visualization": (
        DataVizInput,
        "Read a chart, graph or dashboard: its data table, trends and anomalies. seer's chart parser reads "
        "the values from the pixels when installed; else a vision model, else the text on the chart.",
        [
            skill("parse_chart", _screen_text),
            ask(lambda i: f"Analyse this data visualisation{_hint('focus', i.analysis_focus)}. {i.prompt}"),
            skill("read_screenshot", _screen_text),
        ],
    ),
    "ui_diff_check": (
        UiDiffInput,
        "Compare an expected UI screenshot with the actual implementation and list the differences, with "
        "boxes in the actual image's pixels.",
        [_diff, _diff_by_model],
    ),
    "analyze_image": (
        ImageAsk,
        "General image analysis when no specialised tool fits. With a vision model the model answers the "
        "prompt; without one seer describes the image locally (kind, regions, visible text).",
        [ask(lambda i: i.prompt), skill("describe_image", _screen_text), skill("read_screenshot", _screen_text)],
    ),
    "analyze_video": (
        VideoAsk,
        "Understand a local screen recording: seer keeps its distinct frames (deduplicated, text read) as a "
        "memory episode and answers with a timeline that fits a token budget, frames by id.",
        [_video],
    ),
}
ALIASES["image_analysis"] = ALIASES["analyze_image"]
ALIASES["video_analysis"] = ALIASES["analyze_video"]


def _answer(out: BaseModel) -> str:
    text = out.summary_text() if isinstance(out, Output) else None
    return out.model_dump_json(indent=1) if text is None else text


def _runner(name: str, routes: list[Route]) -> Callable[[Any, Context], ZaiAnswer]:
    def run(inp: Any, ctx: Context) -> ZaiAnswer:
        skipped: list[str] = []
        for i, route in enumerate(routes):
            try:
                tools, out = route(inp, ctx)
            except NotConfigured as exc:
                skipped.append(str(exc))
                continue
            local = i > 0 and "ask_image" not in tools
            return ZaiAnswer(
                answer=_answer(out),
                answered_by=tools,
                result=out.model_dump(mode="json"),
                note=LOCAL_NOTE.format(tools=", ".join(tools)) if local and skipped else None,
            )
        raise NotConfigured(f"{name} cannot be answered here: " + "; ".join(skipped))

    return run


def alias_skills() -> list[Skill]:
    """One Skill per alias; they run through the same tool path as every other skill."""
    out = []
    for name, (model, doc, routes) in ALIASES.items():
        fn = _runner(name, routes)
        fn.__name__ = name
        fn.__doc__ = f"{doc} (Drop-in for Z.ai's Vision MCP `{name}`; the answer is text plus seer's typed result.)"
        out.append(Skill(name=name, fn=fn, input_model=model, output_model=ZaiAnswer, cli=f"zai {name}"))
    return out
