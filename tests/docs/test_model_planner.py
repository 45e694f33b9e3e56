"""With a model, bullets come from it, but a rewrite that invents or drops a number is refused."""

from types import SimpleNamespace

from bench.docs_score import deck_facts
from seer.context import Context
from seer.skills.docs.deck import document_to_slides
from seer.skills.docs.schema import SlidesInput


class ScriptedModel:
    """Answers by section: honest for 'Sales', invents a number for 'Costs'."""

    name = "scripted-vlm"

    def __init__(self):
        self.prompts = []

    def complete(self, request):
        prompt = request.messages[-1].parts[-1].text
        self.prompts.append(prompt)
        assert request.json_schema["required"] == ["bullets"]
        if "'Sales'" in prompt:
            return SimpleNamespace(json={"bullets": ["Sales rose to $9.7 million, a record quarter"]})
        return SimpleNamespace(json={"bullets": ["Costs fell 45% thanks to automation"]})


def test_model_bullets_are_checked(tmp_path):
    src = tmp_path / "m.md"
    src.write_text("# Review\n\n## Sales\n\nSales for the quarter rose to $9.7 million, which was the best result since the"
                   " company was founded many years ago in a small garage.\n\n## Costs\n\nCosts fell by 3.1% as the team"
                   " automated the invoicing pipeline end to end.\n")
    model = ScriptedModel()
    res = document_to_slides(SlidesInput(path=str(src), output=str(tmp_path / "m.pptx")), Context(model=model))
    f = deck_facts(res.pptx)
    text = "\n".join(f.text)
    assert "Sales rose to $9.7 million, a record quarter" in text
    assert "45%" not in text and "3.1%" in text  # the invented number was refused, the local bullet kept
    assert res.planner.startswith("scripted-vlm") and any("numbers not in the source" in w for w in res.warnings)
    assert len(model.prompts) == 2 and "$9.7 million" in model.prompts[0]
