"""GUI skills: list UI elements, ground an instruction to a click point, draw set-of-marks."""

from ..registry import Skill
from .annotate import annotate
from .elements import list_elements
from .ground import ground
from .schema import AnnotateInput, Annotation, ElementList, GroundInput, GroundResult, ListElementsInput

SKILLS = [
    Skill(
        name="list_elements",
        fn=list_elements,
        input_model=ListElementsInput,
        output_model=ElementList,
        cli="elements",
        positional=("image",),
    ),
    Skill(
        name="ground",
        fn=ground,
        input_model=GroundInput,
        output_model=GroundResult,
        cli="ground",
        positional=("image", "instruction"),
    ),
    Skill(
        name="annotate",
        fn=annotate,
        input_model=AnnotateInput,
        output_model=Annotation,
        cli="annotate",
        positional=("image",),
    ),
]
