"""With a model, bullets come from it, but a rewrite that invents or drops a number is refused."""

import json

from bench.docs_score import deck_facts
from seer.config import Settings
from seer.context import Context
from seer.models import from_settings
from seer.skills.docs.deck import document_to_slides
from seer.skills.docs.schema import SlidesInput
from tests.models.fake_model import FakeModel
from tests.models.fake_server import KEY


def scripted(request) -> str:
    """Answers by section: honest for 'Sales', invents a number for 'Costs'."""
    assert request.json_schema["required"] == ["bullets"]
    if "'Sales'" in request.messages[-1].parts[-1].text:
        return json.dumps({"bullets": ["Sales rose to $9.7 million, a record quarter"]})
    return json.dumps({"bullets": ["Costs fell 45% thanks to automation"]})


def test_model_bullets_are_checked(tmp_path):
    src = tmp_path / "m.md"
    src.write_text(
        "# Review\n\n## Sales\n\nSales for the quarter rose to $9.7 million, which was the best result since the"
        " company was founded many years ago in a small garage.\n\n## Costs\n\nCosts fell by 3.1% as the team"
        " automated the invoicing pipeline end to end.\n"
    )
    model = FakeModel(scripted, name="scripted-vlm")
    res = document_to_slides(SlidesInput(path=str(src), output=str(tmp_path / "m.pptx")), Context(model=model))
    f = deck_facts(res.pptx)
    text = "\n".join(f.text)
    assert "Sales rose to $9.7 million, a record quarter" in text
    assert "45%" not in text and "3.1%" in text  # the invented number was refused, the local bullet kept
    assert res.planner.startswith("scripted-vlm") and any("numbers not in the source" in w for w in res.warnings)
    assert len(model.requests) == 2 and "$9.7 million" in model.requests[0].messages[-1].parts[-1].text


ANSWERS = {  # by section: an honest rewrite, an invented number, and the right digits at the wrong scale
    "Sales": "Sales rose to $9.7 million, a record quarter",
    "Costs": "Costs fell 45% thanks to automation",
    "Hiring": "The team grew to 240 billion people in two offices",
}


def _section_answer(seen) -> str:
    assert seen.body["response_format"]["type"] == "json_schema"
    prompt = "".join(p["text"] for p in seen.body["messages"][-1]["content"] if p["type"] == "text")
    section = next(name for name in ANSWERS if f"'{name}'" in prompt)
    return json.dumps({"bullets": [ANSWERS[section]]})


def test_model_bullets_over_the_wire_are_checked(tmp_path, fake_server, fake):
    """The whole path through the local OpenAI-compatible server: plan, ask per section, check, write."""
    src = tmp_path / "w.md"
    src.write_text(
        "# Review\n\n## Sales\n\nSales for the quarter rose to $9.7 million, which was the best result since"
        " the company was founded many years ago.\n\n## Costs\n\nCosts fell by 3.1% as the team automated the"
        " invoicing pipeline end to end.\n\n## Hiring\n\nThe team grew to 240 people across the two offices"
        " that opened during the year.\n"
    )
    fake.oracle = _section_answer
    model = from_settings(Settings(model="qwen2.5-vl-vllm", base_url=fake_server.url + "/v1", api_key=KEY))
    res = document_to_slides(SlidesInput(path=str(src), output=str(tmp_path / "w.pptx")), Context(model=model))
    text = "\n".join(deck_facts(res.pptx).text)
    assert len(fake.seen) == 3
    assert ANSWERS["Sales"] in text
    assert "45%" not in text and "3.1%" in text
    assert "billion" not in text and "240 people" in text  # same digits, another number: the local bullet stays
    assert "(1 sections rewritten)" in res.planner
    refused = [w for w in res.warnings if "numbers not in the source" in w]
    assert len(refused) == 2 and any("Hiring" in w and "240 billion" in w for w in refused)
