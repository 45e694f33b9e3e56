"""The model path against a real local HTTP server speaking the OpenAI wire format (tests/models/fake_server):
the model's table is checked against the measured one; names it reads are adopted, numbers it gets wrong are not."""

import json

import pytest

from bench.bench_charts import ChartSpec, SeriesSpec, render
from seer.config import Settings
from seer.context import Context
from seer.errors import NotConfigured
from seer.models import from_settings
from seer.skills.docs.charts import ParseChartInput, parse_chart
from tests.models.fake_server import KEY, Step

QUARTERS = ["Q1", "Q2", "Q3", "Q4"]


@pytest.fixture
def model(fake_server, fake):
    return fake, from_settings(Settings(model="qwen2.5-vl-vllm", base_url=fake_server.url + "/v1", api_key=KEY))


@pytest.fixture(scope="module")
def bar_png(tmp_path_factory):
    # one series, no legend: perception can only call it "value"
    spec = ChartSpec("bar", [SeriesSpec("Units", [40.0, 65.0, 30.0, 80.0])], QUARTERS, legend=False, width=560)
    path = tmp_path_factory.mktemp("model") / "bar.png"
    path.write_bytes(render(spec))
    return str(path)


def _answer(values, name="Units sold", kind="bar"):
    return json.dumps(
        {
            "chart_type": kind,
            "title": None,
            "x_label": None,
            "y_label": None,
            "series": [{"name": name, "points": [{"x": q, "y": v} for q, v in zip(QUARTERS, values)]}],
        }
    )


def test_agreeing_model_names_the_series(model, bar_png):
    fake, client = model
    fake.push(Step(text=_answer([40, 65, 30, 80])))
    res = parse_chart(ParseChartInput(image=bar_png), Context(model=client))
    assert res.chart_type == "bar" and res.series[0].name == "Units sold"
    assert [round(p.y) for p in res.series[0].points] == [40, 65, 30, 80]
    assert not any("disagree" in w for w in res.warnings)
    body = fake.seen[0].body
    assert body["response_format"]["type"] == "json_schema" and len(fake.seen[0].images) == 1


def test_disagreeing_model_values_are_reported_not_used(model, bar_png):
    fake, client = model
    fake.push(Step(text=_answer([40, 95, 30, 10])))  # two numbers invented
    res = parse_chart(ParseChartInput(image=bar_png), Context(model=client))
    assert [round(p.y) for p in res.series[0].points] == [40, 65, 30, 80]
    assert any("disagree with the measured ones at 2 of 4" in w for w in res.warnings)


def test_local_only_when_asked(model, bar_png):
    fake, client = model
    res = parse_chart(ParseChartInput(image=bar_png, use_model=False), Context(model=client))
    assert fake.seen == [] and res.series[0].name == "value"


def test_use_model_without_a_model_says_how_to_configure(bar_png):
    with pytest.raises(NotConfigured, match="SEER_MODEL"):
        parse_chart(ParseChartInput(image=bar_png, use_model=True), Context())
