"""The clients against a real local server speaking each wire format, strictly validated."""

import asyncio
import logging
import time

import pytest

from seer.errors import ModelError, NotConfigured
from seer.models import ImagePart, Message, Request, TextPart, from_settings
from seer.perception.geometry import Box
from tests.models.conftest import red_image
from tests.models.fake_server import KEY, Step

FAST = {"backoff_base": 0.02, "backoff_cap": 0.1}
RED = (700, 400, 820, 460)


@pytest.fixture(scope="module")
def screen():
    return red_image(1920, 1080, RED)


def test_openai_request_shape_and_usage(fake, make_settings, screen):
    m = from_settings(make_settings("gpt-4.1"), **FAST)
    fake.push(Step(text="It is a red box."))
    r = m.complete(Request.ask("What is this?", screen, system="Be brief.", max_tokens=50))
    assert r.text == "It is a red box." and r.model == "gpt-4.1" and r.finish_reason == "stop"
    (seen,) = fake.seen
    assert seen.body["max_tokens"] == 50 and seen.body["temperature"] == 0.0
    assert seen.body["messages"][0] == {"role": "system", "content": "Be brief."}
    parts = seen.body["messages"][1]["content"]
    assert [p["type"] for p in parts] == ["image_url", "text"] and parts[0]["image_url"]["detail"] == "high"
    assert seen.images[0].size == (1365, 768) and seen.mimes == ["image/png"]
    assert r.usage.image_tokens_est == 1105 and r.usage.input_tokens == 1100 and r.usage.output_tokens == 7
    assert r.latency_s > 0


def test_anthropic_request_shape_thinking_and_reasoning(fake, make_settings, screen):
    m = from_settings(make_settings("claude", provider="anthropic"), **FAST)
    fake.push(Step(text="A red box.", reasoning="looked at it"))
    r = m.complete(Request.ask("What?", screen, system="sys", thinking=True, max_tokens=100))
    (seen,) = fake.seen
    assert seen.wire == "anthropic" and seen.body["system"] == "sys"
    assert seen.body["thinking"]["budget_tokens"] < seen.body["max_tokens"] and "temperature" not in seen.body
    assert seen.images[0].size == (1429, 804)
    assert r.text == "A red box." and r.reasoning == "looked at it" and r.usage.image_tokens_est == 1532


@pytest.mark.parametrize(
    "preset,field,value",
    [
        ("glm-4.5v", "thinking", {"type": "disabled"}),
        ("qwen2.5-vl-vllm", "chat_template_kwargs", {"enable_thinking": False}),
        ("qwen3-vl", "enable_thinking", False),
    ],
)
def test_thinking_switch_per_server(fake, make_settings, preset, field, value):
    m = from_settings(make_settings(preset), **FAST)
    m.complete(Request.ask("hi", thinking=False))
    assert fake.seen[0].body[field] == value


def test_json_schema_modes_and_tolerant_extraction(fake, make_settings):
    schema = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}
    qwen = from_settings(make_settings("qwen2.5-vl-vllm"), **FAST)
    fake.push(Step(text='{"n": 3}'))
    assert qwen.complete(Request.ask("count", json_schema=schema)).json == {"n": 3}
    assert fake.seen[-1].body["response_format"]["json_schema"]["schema"] == schema
    glm = from_settings(make_settings("glm-4.5v"), **FAST)
    fake.push(
        Step(
            text='<think>hmm</think>Sure! ```json\n{"n": 4,}\n``` done',
        )
    )
    r = glm.complete(Request.ask("count", json_schema=schema))
    assert r.json == {"n": 4} and r.reasoning == "hmm" and "<think>" not in r.text
    body = fake.seen[-1].body
    assert (
        body["response_format"] == {"type": "json_object"}
        and "JSON schema" in body["messages"][-1]["content"][-1]["text"]
    )
    fake.push(Step(text="no json at all"))
    with pytest.raises(ModelError, match="asked for JSON"):
        glm.complete(Request.ask("count", json_schema=schema))


def test_429_with_retry_after_is_honoured(fake, make_settings):
    m = from_settings(make_settings("qwen2.5-vl-vllm"), **FAST)
    fake.push(Step(status=429, text="slow down", headers={"Retry-After": "1"}), Step(text="ok now"))
    t = time.perf_counter()
    assert m.complete(Request.ask("hi")).text == "ok now"
    gap = fake.times[1] - fake.times[0]
    assert 1.0 <= gap < 2.0 and time.perf_counter() - t >= 1.0


def test_500_is_retried_with_backoff_then_gives_up_clearly(fake, make_settings):
    m = from_settings(make_settings("qwen2.5-vl-vllm", model_retries=2), **FAST)
    fake.push(Step(status=500, text="boom"), Step(text="recovered"))
    assert m.complete(Request.ask("hi")).text == "recovered"
    fake.push(*[Step(status=503, text="overloaded")] * 3)
    with pytest.raises(ModelError, match=r"503.*overloaded.*after 3 attempts"):
        m.complete(Request.ask("hi"))


def test_retry_after_beyond_the_limit_fails_fast(fake, make_settings):
    m = from_settings(make_settings("qwen2.5-vl-vllm"), max_wait=5, **FAST)
    fake.push(Step(status=429, text="quota", headers={"Retry-After": "3600"}))
    t = time.perf_counter()
    with pytest.raises(ModelError, match="wait 3600 s"):
        m.complete(Request.ask("hi"))
    assert time.perf_counter() - t < 1


def test_slow_reply_past_the_timeout(fake, make_settings):
    m = from_settings(make_settings("qwen2.5-vl-vllm", model_timeout=0.3), **FAST)
    fake.push(Step(text="late", delay=1.0))
    with pytest.raises(ModelError, match=r"no answer within 0.3 s.*SEER_MODEL_TIMEOUT"):
        m.complete(Request.ask("hi"))


def test_malformed_json_body(fake, make_settings):
    m = from_settings(make_settings("qwen2.5-vl-vllm"), **FAST)
    fake.push(Step(body=b'{"choices": [ not json'))
    with pytest.raises(ModelError, match="not JSON"):
        m.complete(Request.ask("hi"))
    fake.push(Step(body=b'{"object": "list"}'))
    with pytest.raises(ModelError, match="without choices"):
        m.complete(Request.ask("hi"))


def test_bad_key_is_never_echoed(fake, make_settings, caplog):
    wrong = "sk-wrong-key-ABCDEFGHIJKLMNOP"
    m = from_settings(make_settings("qwen2.5-vl-vllm", key=wrong), **FAST)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(NotConfigured) as info:
        m.complete(Request.ask("hi"))
    msg = str(info.value)
    assert "401" in msg and "SEER_API_KEY" in msg
    assert wrong not in msg and wrong[:12] not in msg and wrong not in caplog.text and wrong not in repr(m)


@pytest.mark.parametrize(
    "status,text,err,match",
    [
        (404, "The model `nope` does not exist.", ModelError, "model is not available"),
        (404, "Not Found", NotConfigured, "SEER_BASE_URL"),
        (400, "This model's maximum context length is 8192 tokens", ModelError, "too long"),
        (403, "forbidden region", NotConfigured, "403"),
    ],
)
def test_status_errors_say_what_to_do(fake, make_settings, status, text, err, match):
    m = from_settings(make_settings("qwen2.5-vl-vllm"), **FAST)
    fake.push(Step(status=status, text=text))
    with pytest.raises(err, match=match):
        m.complete(Request.ask("hi"))
    assert len(fake.seen) == 1  # not retried


def test_unreachable_endpoint(make_settings):
    from seer.config import Settings

    s = Settings(model="qwen2.5-vl-vllm", base_url="http://127.0.0.1:9/v1", model_retries=1)
    with pytest.raises(ModelError, match=r"cannot reach http://127.0.0.1:9/v1.*after 2 attempts"):
        from_settings(s, **FAST).complete(Request.ask("hi"))


def test_concurrency_limit_per_endpoint(fake, make_settings):
    m = from_settings(make_settings("qwen2.5-vl-vllm", model_concurrency=2), **FAST)
    fake.push(*[Step(text=str(i), delay=0.1) for i in range(6)])

    async def many():
        return await asyncio.gather(*(m.acomplete(Request.ask(f"q{i}")) for i in range(6)))

    out = asyncio.run(many())
    assert sorted(r.text for r in out) == [str(i) for i in range(6)]
    assert fake.max_overlap() == 2


def test_cancellation_stops_the_request(fake, make_settings):
    m = from_settings(make_settings("qwen2.5-vl-vllm"), **FAST)
    fake.push(Step(text="late", delay=2.0))

    async def cancel():
        task = asyncio.ensure_future(m.acomplete(Request.ask("hi")))
        await asyncio.sleep(0.2)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    t = time.perf_counter()
    asyncio.run(cancel())
    assert time.perf_counter() - t < 1.0


def test_sync_wrapper_works_inside_a_running_loop(fake, make_settings):
    m = from_settings(make_settings("qwen2.5-vl-vllm"), **FAST)

    async def inside():
        return m.complete(Request.ask("hi")).text

    assert asyncio.run(inside()) == "OK"


def test_disk_cache_keys_on_prompt_and_image_content(fake, make_settings, tmp_path, screen):
    m = from_settings(make_settings("qwen2.5-vl-vllm", model_cache_dir=str(tmp_path)), **FAST)
    fake.push(Step(text="first"), Step(text="second"), Step(text="third"))
    a = m.complete(Request.ask("what?", screen))
    b = m.complete(Request.ask("what?", screen))
    assert (a.text, b.text, b.cached, len(fake.seen)) == ("first", "first", True, 1)
    assert b.frames == a.frames and b.usage.image_tokens_est == a.usage.image_tokens_est
    assert m.complete(Request.ask("what else?", screen)).text == "second"
    other = red_image(1920, 1080, (10, 10, 20, 20))
    assert m.complete(Request.ask("what?", other)).text == "third"
    assert KEY not in "".join(p.read_text() for p in tmp_path.rglob("*.json"))


@pytest.mark.parametrize(
    "preset,how",
    [
        ("qwen2.5-vl-vllm", "pixels/qwen_json"),
        ("qwen2.5-vl-vllm", "pixels/qwen_tags"),
        ("glm-4.5v", "norm1000/glm"),
        ("glm-5v-turbo", "norm1000/text"),
        ("qwen3-vl-vllm", "norm1000/qwen_json"),
        ("gpt-4.1", "pixels/text"),
        ("ollama", "pixels/bbox_tag"),
        ("claude", "pixels/text"),
        ("qwen2.5-vl-vllm", "fraction/text"),
    ],
)
@pytest.mark.parametrize("region", [None, Box(500, 300, 1100, 700)])
def test_boxes_come_back_in_original_pixels(fake, make_settings, screen, preset, how, region):
    """The server finds the red box in the image it received and answers in its convention."""
    provider = "anthropic" if preset == "claude" else None
    m = from_settings(make_settings(preset, provider=provider), **FAST)
    fake.push(Step(find_red=how))
    zoom = 2.0 if region else 1.0
    r = m.complete(Request((Message("user", (ImagePart(screen, region, zoom), TextPart("where is the red box?"))),)))
    (loc,) = r.locate()
    # tolerance: one model unit in original pixels (1000ths of the crop for norm1000) plus resampling blur
    crop = region or screen.box
    tol = 2 + (crop.width / 1000 if how.startswith("norm1000") else crop.width / fake.seen[0].images[0].size[0])
    assert all(abs(a - b) <= tol for a, b in zip(loc.box.as_list(), RED)), (loc.box, RED, tol)
    assert not loc.clipped
