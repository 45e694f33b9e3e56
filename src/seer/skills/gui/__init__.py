"""GUI skills: list UI elements, ground an instruction to a click point, draw set-of-marks."""

from ..registry import Skill
from .annotate import annotate
from .elements import list_elements
from .ground import ground
from .schema import AnnotateInput, Annotation, ElementList, GroundInput, GroundResult, ListElementsInput


def _elements_table(out: ElementList):
    from rich.markup import escape
    from rich.table import Table

    if not out.elements and out.text:  # format text or markdown
        return out.text
    t = Table(title=_elements_summary(out), title_justify="left")
    for col in ("id", "type", "text", "box", "point", "state"):
        t.add_column(col)
    for e in out.elements:
        text = e.text or (f"({e.name})" if e.name else "")
        t.add_row(str(e.id), e.type, escape(text[:50]), " ".join(map(str, e.box)), " ".join(map(str, e.point)), e.state or "")
    return t


def _ground_text(out: GroundResult):
    from rich.text import Text

    if out.found:
        return Text.assemble(("found ", "green"), f"click {out.point[0]},{out.point[1]}  box {out.box}  "
                             f"confidence {out.confidence:.2f}  ({out.path}: {out.reason})")
    lines = [Text.assemble(("not found: ", "yellow"), out.reason)]
    lines += [Text(f"  candidate {c.id} {c.type} {c.text!r} at {c.point} score {c.score:.2f}") for c in out.candidates]
    return Text("\n").join(lines)


def _elements_summary(out: ElementList) -> str:
    if not out.elements and out.text:
        return f"elements on a {out.width}×{out.height} screenshot (untrusted labels read from pixels):\n{out.text}"
    n = sum(e.interactable for e in out.elements)
    return f"{len(out.elements)} elements ({n} interactable) on a {out.width}×{out.height} screenshot"


def _ground_summary(out: GroundResult) -> str:
    if out.found:
        return f"found at point {out.point} (box {out.box}, confidence {out.confidence:.2f}): {out.reason}"
    return f"not found ({out.reason}); {len(out.candidates)} candidates listed"


def _annotate_summary(out: Annotation) -> str:
    legend = "; ".join(f"{m.number}: {m.type or 'box'} {m.text!r}" if m.text else f"{m.number}: {m.type or 'box'}" for m in out.marks[:60])
    return f"{len(out.marks)} marks. {legend}"


SKILLS = [
    Skill(name="list_elements", fn=list_elements, input_model=ListElementsInput, output_model=ElementList,
          cli="elements", positional=("image",), summary=_elements_summary, render=_elements_table),
    Skill(name="ground", fn=ground, input_model=GroundInput, output_model=GroundResult,
          cli="ground", positional=("image", "instruction"), summary=_ground_summary, render=_ground_text),
    Skill(name="annotate", fn=annotate, input_model=AnnotateInput, output_model=Annotation,
          cli="annotate", positional=("image",), summary=_annotate_summary, image_result=lambda out: out.png or None),
]
