"""What an MCP client pays for on every turn: the tool list, kept small.

The tool list (names, descriptions, input schemas) is resent with every agent turn, so it is cut to
what an agent needs to choose and call a tool: a brief description per tool (the skill's docstring
stays the full contract for `seer VERB --help` and `help(seer.fn)`; the Agent Skills carry the long
guidance), input schemas without pydantic's titles and `anyOf [T, null]` wrappers, and field
descriptions of at most one short sentence. Memory's seven skills are folded into two tools whose
`op` picks the skill, and `seer serve --tools vision,gui` exposes only some families. Validation
is unchanged: every call is still checked against the skill's own input model.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union

from mcp_types import CallToolResult
from pydantic import BaseModel, Field, TypeAdapter, create_model

from ..errors import InputError
from ..skills.registry import Skill

# The tool list's description of each tool: what it does and when to use it, in a line or two.
BRIEFS = {
    "read_screenshot": "Read all text on a screenshot (UI, web page, terminal, dialog) with pixel boxes; returns lines, "
    "blocks in reading order, text and Markdown. Use to know what a screen says or where text is.",
    "ask_image": "Ask a question about one or more images. Answers with a vision model if configured, else from local "
    "OCR (what it says, where a text is).",
    "describe_image": "Describe an image as data: kind, app, summary, regions with boxes, visible text, errors/dialogs.",
    "diff_screenshots": "What changed between two screenshots (before/after an action): changed boxes and the text "
    "added, removed or edited. Use to check that a click or keystroke worked.",
    "list_elements": "List the UI elements on a screenshot (buttons, links, inputs, toggles, tabs, menu items, icons) "
    "with id, box, click point, label and state.",
    "ground": 'Find the UI element an instruction names ("the Save button", "the second Delete link", "close the '
    'dialog") and return its box and the point to click; found=false with candidates when unsure.',
    "annotate": "Draw numbered boxes (set-of-marks) on a screenshot; returns the image and a legend of numbers, boxes "
    "and click points.",
    "parse_chart": "Read the numbers in a chart image (bar, line, area, scatter, pie) into a table (series, CSV, "
    "Markdown) with warnings.",
    "read_document": "Read a PDF, DOCX, PPTX, XLSX, HTML, Markdown or image into sections, paragraphs, tables, "
    "figures and key numbers (scans are OCR'd). Use before quoting or summarising a document.",
    "document_to_slides": "Turn a document into an editable 16:9 PowerPoint deck (bullets, native tables and charts, "
    "pictures, notes); optional Marp twin and PNG previews.",
    "report": "Write a Markdown report from documents or images: summary, key figures with sources, sections, tables.",
    "memory": "Remember what was on screen: op=add a screenshot (with a note or action), ingest_video a screen "
    "recording, or compact the store.",
    "memory_recall": "Recall what was on screen earlier: op=search (words or paraphrase; hits with time and box), "
    "context (an episode's timeline within a token budget), get (one frame as an image), stats.",
    # Z.ai's tool names (`--zai-aliases`)
    "ui_to_artifact": "Turn a UI screenshot into code, a prompt, a spec or a description.",
    "extract_text_from_screenshot": "Extract a screenshot's text (code, terminal, prose) in reading order.",
    "ui_diff_check": "List the differences between an expected and an actual UI screenshot, with boxes.",
    "analyze_video": "Answer a question about a local screen recording (kept as a memory episode, text read).",
    "video_analysis": "Same as analyze_video.",
    "image_analysis": "Same as analyze_image.",
}

# MCP tool -> the skills it folds, each picked by `op` (the part of its name after the tool's prefix).
FOLDS = {
    "memory": ("memory_add", "memory_ingest_video", "memory_compact"),
    "memory_recall": ("memory_search", "memory_context", "memory_get", "memory_stats"),
}
WRITING = {"memory"}  # folded tools that write state

# The tool list describes required fields by their first sentence and optional ones only where the
# name and default do not say enough (the rest are still listed, typed, with their defaults).
FIELD_BRIEFS = {
    "image": "file path, data: URI or base64",
    "image_source": "path, data: URI or base64",
    "video_source": "path of a local screen recording",
    "prompt": "what you want",
    "expected_image_source": "the reference UI",
    "actual_image_source": "the implementation",
    "images": "more images (paths, data: URIs or base64)",
    "region": "[x0,y0,x1,y1] part of the image",
    "store": "store folder (default $SEER_STORE)",
    "output": "file path to write",
    "pages": "range, e.g. '1-20'",
    "boxes": "flat x0,y0,x1,y1,... to mark instead of detected elements",
    "types": "element types to keep, e.g. button, link, input",
    "kinds": "ocr, note, action",
    "detail": "fast or accurate",
    "format": "text: a row per item with its box; markdown; json: every field",
    "template": ".pptx whose theme to use",
}
# Defaults the MCP door sets when the client leaves a field out: agents pay for every token, so
# listings come back as compact rows unless `format: "json"` asks for every field.
DOOR_DEFAULTS = {"format": "text"}

# Validation keywords a caller does not need to see: the server checks them on every call.
SERVER_CHECKED = {
    "maxLength",
    "minLength",
    "maxItems",
    "minItems",
    "maximum",
    "minimum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "pattern",
}


def family(skill: Skill) -> str:
    """The family a skill belongs to: vision, gui, docs or memory (from its module)."""
    parts = skill.fn.__module__.split(".")
    return parts[2] if parts[1] == "skills" else parts[1]


def brief(skill_or_name: Skill | str, doc: str = "") -> str:
    name = skill_or_name if isinstance(skill_or_name, str) else skill_or_name.name
    if name in BRIEFS:
        return BRIEFS[name]
    text = doc or (skill_or_name.description if isinstance(skill_or_name, Skill) else "")
    return _first_sentence(text)


def _first_sentence(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    for i, ch in enumerate(text):
        if (
            ch in ".;"
            and (i + 1 == len(text) or text[i + 1] == " ")
            and i > 20
            and not text[:i].endswith(("e.g", "i.e"))
        ):
            return text[:i] + "." if i < limit else text[:limit].rsplit(" ", 1)[0] + "…"
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def compact_schema(schema: Any) -> Any:
    """A JSON schema without what a model does not need to call the tool: titles, `anyOf [T, null]`
    wrappers (the field is simply optional), null defaults, and field descriptions past one sentence."""
    if isinstance(schema, list):
        return [compact_schema(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "title" and isinstance(value, str) or key in SERVER_CHECKED:
            continue
        if key == "default" and value is None:
            continue
        if key == "properties":
            required = set(schema.get("required", ()))
            out[key] = {name: _describe(name, compact_schema(prop), name in required) for name, prop in value.items()}
            for name, default in DOOR_DEFAULTS.items():
                if name in out[key]:
                    out[key][name]["default"] = default
            continue
        out[key] = compact_schema(value)
    variants = out.get("anyOf")
    if isinstance(variants, list):
        kept = [v for v in variants if v != {"type": "null"}]
        if len(kept) == 1 and len(kept) < len(variants):
            del out["anyOf"]
            out = {**kept[0], **out}
    return out


def _describe(name: str, prop: dict[str, Any], required: bool) -> dict[str, Any]:
    text = prop.pop("description", None)
    if name in FIELD_BRIEFS:
        prop["description"] = FIELD_BRIEFS[name]
    elif required and isinstance(text, str):
        prop["description"] = _first_sentence(text, 80)
    return prop


@dataclass(frozen=True)
class Fold:
    """One MCP tool over several skills; `op` names the skill (its name without the tool's prefix)."""

    name: str
    skills: tuple[Skill, ...]

    @property
    def ops(self) -> dict[str, Skill]:
        return {s.name.removeprefix("memory_"): s for s in self.skills}

    @property
    def writes(self) -> bool:
        return self.name in WRITING

    def input_model(self) -> type[BaseModel]:
        """`op` plus every field of every folded skill, all optional (each skill checks its own)."""
        fields: dict[str, Any] = {"op": (Literal[tuple(self.ops)], Field(description="which operation"))}
        for skill in self.skills:
            for fname, f in skill.input_model.model_fields.items():
                if fname in fields:
                    continue
                used_by = [op for op, s in self.ops.items() if fname in s.input_model.model_fields]
                desc = _first_sentence(f.description or "", 90)
                if len(used_by) < len(self.ops):
                    desc = f"({', '.join(used_by)}) {desc}".strip()
                fields[fname] = (f.annotation | None, Field(None, description=desc))
        return create_model(f"{self.name}_input", **fields)

    def output_schema(self) -> dict[str, Any]:
        """An object that is any one of the folded skills' outputs (the op decides which)."""
        union = Union[tuple(s.output_model for s in self.skills)]  # type: ignore[valid-type]  # built at run time
        return {"type": "object", **TypeAdapter(union).json_schema(mode="serialization")}  # type: ignore[arg-type]

    def pick(self, kwargs: dict[str, Any]) -> tuple[Skill, dict[str, Any]]:
        """The skill `op` names and its arguments; an argument another op takes is refused by name."""
        op = kwargs.get("op")
        skill = self.ops.get(op) if isinstance(op, str) else None
        if skill is None:
            raise InputError(f"{self.name}: op must be one of {', '.join(self.ops)}")
        given = {k: v for k, v in kwargs.items() if k != "op" and v is not None}
        foreign = sorted(set(given) - set(skill.input_model.model_fields))
        if foreign:
            raise InputError(
                f"{self.name} op={op} takes no {', '.join(foreign)}; it takes "
                f"{', '.join(skill.input_model.model_fields)}"
            )
        return skill, given


def folds(tools: list[Skill]) -> tuple[list[Skill], list[Fold]]:
    """The skills left as their own tools, and the folds over the rest (only skills present fold)."""
    by_name = {s.name: s for s in tools}
    made: list[Fold] = []
    for name, members in FOLDS.items():
        present = tuple(by_name[m] for m in members if m in by_name)
        if present:
            made.append(Fold(name, present))
    folded = {s.name for f in made for s in f.skills}
    return [s for s in tools if s.name not in folded], made


def parse_families(spec: str | None) -> set[str] | None:
    """`--tools vision,gui` -> {"vision", "gui"}; None or "all" -> every family."""
    if not spec or spec.strip().lower() == "all":
        return None
    wanted = {p.strip().lower() for p in spec.split(",") if p.strip()}
    unknown = wanted - {"vision", "gui", "docs", "memory"}
    if unknown:
        raise InputError(f"unknown tool families {sorted(unknown)}; choose from vision, gui, docs, memory")
    return wanted


def signature_of(model: type[BaseModel], result_type: Any) -> tuple[inspect.Signature, dict[str, Any]]:
    """A keyword-only signature mirroring `model`'s fields (after a `ctx`), so the SDK derives the same schema."""
    from mcp.server.mcpserver import Context as MCPContext

    params = [inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=MCPContext)]
    for name, field in model.model_fields.items():
        default = inspect.Parameter.empty if field.is_required() else field.default
        params.append(
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[field.annotation, field], default=default
            )
        )
    annotations = {"ctx": MCPContext, **{p.name: p.annotation for p in params[1:]}, "return": result_type}
    return inspect.Signature(params, return_annotation=result_type), annotations


def result_type(output: Any) -> Any:
    return Annotated[CallToolResult, output]
