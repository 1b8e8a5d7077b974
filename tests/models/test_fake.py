from __future__ import annotations

import asyncio
import time

import pytest

from drafter.models import (
    EndpointTimeout,
    FakeModel,
    Generation,
    Message,
    Model,
    Request,
    ScriptExhausted,
    Usage,
)


def request(text: str, kind: str = "", **context) -> Request:
    messages = (Message("system", "系统提示"), Message("user", text))
    return Request(messages=messages, section_kind=kind, context=context)


def test_is_a_model() -> None:
    assert isinstance(FakeModel(), Model)


def test_answers_in_enqueue_order_and_records_requests() -> None:
    model = FakeModel("一", name="scripted")
    model.enqueue("二", "三")
    asked = [request("问一", "a"), request("问二", "b"), request("问三", "c")]

    async def ask_all() -> list[Generation]:
        return [await model.generate(r) for r in asked]

    generations = asyncio.run(ask_all())
    assert [g.text for g in generations] == ["一", "二", "三"]
    assert model.requests == asked
    assert [r.section_kind for r in model.requests] == ["a", "b", "c"]
    assert all(g.model == "scripted" for g in generations)
    assert model.pending == 0


def test_callable_answers_see_the_request() -> None:
    model = FakeModel(lambda r: f"{r.context['单位']}：{r.messages[-1].content}")
    generation = asyncio.run(model.generate(request("概况", 单位="某某局")))
    assert generation.text == "某某局：概况"


def test_usage_is_rough_but_not_zero() -> None:
    generation = asyncio.run(FakeModel("本年度预算执行率为98%").generate(request("写一段")))
    assert generation.usage.prompt_tokens > 0
    assert generation.usage.completion_tokens == len("本年度预算执行率为98%") // 2
    usage = generation.usage
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens


def test_running_out_fails_loudly() -> None:
    model = FakeModel("only one")
    asyncio.run(model.generate(request("1")))
    with pytest.raises(ScriptExhausted, match="ran out"):
        asyncio.run(model.generate(request("2")))
    assert isinstance(ScriptExhausted("x"), AssertionError)
    assert len(model.requests) == 2


def test_default_answers_when_the_script_is_empty() -> None:
    model = FakeModel("first", default=lambda r: "default:" + r.messages[-1].content)

    async def go() -> list[str]:
        return [(await model.generate(request(q))).text for q in ("a", "b", "c")]

    assert asyncio.run(go()) == ["first", "default:b", "default:c"]
    model = FakeModel(default="always")
    assert asyncio.run(model.generate(request("x"))).text == "always"


def test_enqueued_exception_is_raised() -> None:
    model = FakeModel(EndpointTimeout("no answer from http://127.0.0.1:1/v1"), "after")
    with pytest.raises(EndpointTimeout):
        asyncio.run(model.generate(request("1")))
    assert asyncio.run(model.generate(request("2"))).text == "after"


def test_rejects_unusable_answers() -> None:
    with pytest.raises(TypeError):
        FakeModel().enqueue(42)  # type: ignore[arg-type]
    model = FakeModel(lambda r: 42)  # type: ignore[arg-type, return-value]
    with pytest.raises(TypeError):
        asyncio.run(model.generate(request("x")))


def test_latency_is_awaited_concurrently() -> None:
    model = FakeModel(default="ok", latency=0.2)

    async def five() -> list[Generation]:
        return await asyncio.gather(*(model.generate(request(str(i))) for i in range(5)))

    started = time.perf_counter()
    generations = asyncio.run(five())
    elapsed = time.perf_counter() - started
    assert 0.2 <= elapsed < 0.6  # five calls overlap: asyncio.sleep, not time.sleep
    assert all(g.seconds >= 0.2 for g in generations)
    assert [r.messages[-1].content for r in model.requests] == ["0", "1", "2", "3", "4"]


def test_usage_adds_up() -> None:
    a, b = Usage(1, 2), Usage(10, 20)
    assert a + b == Usage(11, 22)
    assert sum([a, b]) == Usage(11, 22)
    assert sum([a, b], Usage()) == Usage(11, 22)
    assert (a + b).total_tokens == 33
