"""A skill family of one, as a newcomer would add it: one schema (which says how it is shown), one
function, one registry line."""

from pydantic import BaseModel, Field

from seer.skills.common import Output
from seer.skills.registry import Skill


class ToyInput(BaseModel):
    word: str = Field(description="The word to turn round.")
    times: int = Field(1, ge=1, description="How often to repeat it.")


class ToyOutput(Output):
    backwards: str = Field(description="The word backwards, repeated.")

    def summary_text(self) -> str:
        return f"turned round: {self.backwards}"

    def __rich__(self) -> str:
        return f"[bold]{self.backwards}[/]"


def toy_reverse(inp: ToyInput, ctx) -> ToyOutput:
    """Turn a word round. A test's skill: it shows every door lists a new skill."""
    return ToyOutput(backwards=inp.word[::-1] * inp.times)


SKILLS = [
    Skill(
        name="toy_reverse",
        fn=toy_reverse,
        input_model=ToyInput,
        output_model=ToyOutput,
        cli="toy",
        positional=("word",),
    )
]
