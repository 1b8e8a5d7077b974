"""OpenAICompatible against a real HTTP stub server on 127.0.0.1 (no monkeypatching of our code)."""

from __future__ import annotations

import asyncio
import logging
import socket
import time

import pytest

from drafter.models import (
    AuthenticationFailed,
    BadResponse,
    ContextTooLong,
    EndpointTimeout,
    EndpointUnreachable,
    Message,
    ModelError,
    ModelNotFound,
    OpenAICompatible,
    RateLimited,
    Request,
    ServerError,
    Usage,
)
from drafter.models.config import Endpoint
from tests.models.stub_server import (
    StubServer,
    answer,
    context_length_exceeded,
    delayed,
    empty_answer,
    malformed_json,
    model_not_found,
    rate_limited,
    server_error,
    stub_server_fixture,  # noqa: F401 - the stub_server fixture
    unauthorized,
)

KEY = "sk-drafter-TEST-7f3a9c1e5b-DO-NOT-LEAK"
MODEL = "qwen2.5-7b-instruct"

REQUEST = Request(
    messages=(
        Message("system", "你是绩效自评报告的撰写助手。"),
        Message("user", "请写部门概况。"),
    ),
    section_kind="overview",
    context={"单位名称": "某某局"},
)


def make(stub: StubServer, *, key: str = KEY, model: str = MODEL, **options) -> OpenAICompatible:
    options.setdefault("timeout", 5)
    options.setdefault("max_retries", 0)
    return OpenAICompatible(Endpoint(base_url=stub.base_url, api_key=key, model=model), **options)


def run(coro):
    return asyncio.run(coro)


def assert_no_key(text: str) -> None:
    assert KEY not in text
    assert "7f3a9c1e5b" not in text


@pytest.fixture(autouse=True)
def _capture_everything(caplog):
    caplog.set_level(logging.DEBUG)


@pytest.fixture(autouse=True)
def _key_never_logged(caplog, capsys):
    yield
    out, err = capsys.readouterr()
    assert_no_key(caplog.text + out + err)


# ----------------------------------------------------------------------------------------- answers


def test_normal_answer(stub_server: StubServer) -> None:
    stub_server.enqueue(answer("本部门共有内设机构5个。", prompt_tokens=30, completion_tokens=12))
    generation = run(make(stub_server, temperature=0.2, max_tokens=256).generate(REQUEST))

    assert generation.text == "本部门共有内设机构5个。"
    assert generation.usage == Usage(prompt_tokens=30, completion_tokens=12)
    assert generation.usage.total_tokens == 42
    assert generation.model == MODEL
    assert generation.seconds > 0

    (sent,) = stub_server.requests
    assert sent.method == "POST" and sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    body = sent.json
    assert body["model"] == MODEL
    assert body["messages"] == [
        {"role": "system", "content": "你是绩效自评报告的撰写助手。"},
        {"role": "user", "content": "请写部门概况。"},
    ]
    assert body["temperature"] == 0.2
    assert body["max_tokens"] == 256
    assert not body.get("stream")


def test_unset_options_are_not_sent(stub_server: StubServer) -> None:
    stub_server.enqueue("好")
    run(make(stub_server).generate(REQUEST))
    body = stub_server.requests[0].json
    assert "temperature" not in body
    assert "max_tokens" not in body and "max_completion_tokens" not in body


def test_streaming_answer_counts_usage(stub_server: StubServer) -> None:
    text = "2024年度，本部门围绕中心工作，预算执行率达到98.5%。"
    stub_server.enqueue(answer(text, prompt_tokens=50, completion_tokens=20))
    generation = run(make(stub_server, stream=True).generate(REQUEST))

    assert generation.text == text
    assert generation.usage == Usage(prompt_tokens=50, completion_tokens=20)
    assert generation.model == MODEL
    body = stub_server.requests[0].json
    assert body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}


def test_a_stream_without_a_usage_chunk_counts_its_pieces(stub_server: StubServer) -> None:
    """llama.cpp's server ignores stream_options.include_usage: the answer's tokens are its streamed
    pieces (the stub sends four characters a piece), not 0, so tokens per second can be reported."""
    stub_server.usage_chunk = False
    text = "2024年度，本部门围绕中心工作，预算执行率达到98.5%。"
    stub_server.enqueue(answer(text, prompt_tokens=50, completion_tokens=20))
    generation = run(make(stub_server, stream=True).generate(REQUEST))
    assert generation.text == text
    assert generation.usage == Usage(prompt_tokens=0, completion_tokens=-(-len(text) // 4))


def test_callable_responder_sees_the_prompt(stub_server: StubServer) -> None:
    stub_server.default = lambda body: "回答：" + body["messages"][-1]["content"]
    model = make(stub_server)
    first = run(model.generate(REQUEST))
    second = run(model.generate(Request(messages=(Message("user", "第二问"),))))  # a new event loop
    assert first.text == "回答：请写部门概况。"
    assert second.text == "回答：第二问"


def test_concurrent_calls(stub_server: StubServer) -> None:
    stub_server.default = lambda body: body["messages"][-1]["content"].upper()
    model = make(stub_server)

    async def many():
        requests = [Request(messages=(Message("user", f"q{i}"),)) for i in range(8)]
        return await asyncio.gather(*(model.generate(r) for r in requests))

    assert [g.text for g in run(many())] == [f"Q{i}" for i in range(8)]


# ---------------------------------------------------------------------------------------- retries


def test_rate_limited_then_success(stub_server: StubServer) -> None:
    stub_server.enqueue(rate_limited(), "重试成功")
    generation = run(make(stub_server, max_retries=2).generate(REQUEST))
    assert generation.text == "重试成功"
    assert len(stub_server.chat_requests) == 2


def test_rate_limited_after_retries(stub_server: StubServer) -> None:
    stub_server.enqueue(rate_limited(), rate_limited())
    with pytest.raises(RateLimited) as info:
        run(make(stub_server, max_retries=1).generate(REQUEST))
    assert len(stub_server.chat_requests) == 2
    assert stub_server.base_url in info.value.message
    assert info.value.hint


def test_server_error_after_retries(stub_server: StubServer) -> None:
    stub_server.enqueue(server_error(), server_error(), server_error())
    with pytest.raises(ServerError) as info:
        run(make(stub_server, max_retries=2).generate(REQUEST))
    assert isinstance(info.value, ModelError)
    assert len(stub_server.chat_requests) == 3  # the first try and 2 retries
    assert "HTTP 500" in info.value.message
    assert "2 retries" in info.value.message
    assert stub_server.base_url in info.value.message


# ------------------------------------------------------------------------------------------ errors


def test_timeout(stub_server: StubServer) -> None:
    stub_server.enqueue(delayed(3.0))
    started = time.perf_counter()
    with pytest.raises(EndpointTimeout) as info:
        run(make(stub_server, timeout=0.5).generate(REQUEST))
    assert time.perf_counter() - started < 2.5
    assert stub_server.base_url in info.value.message
    assert MODEL in info.value.message
    assert "timeout" in info.value.hint


def test_timeout_while_streaming(stub_server: StubServer) -> None:
    stub_server.enqueue(delayed(3.0))
    with pytest.raises(EndpointTimeout):
        run(make(stub_server, timeout=0.5, stream=True).generate(REQUEST))


def test_malformed_json(stub_server: StubServer) -> None:
    stub_server.enqueue(malformed_json())
    with pytest.raises(BadResponse) as info:
        run(make(stub_server).generate(REQUEST))
    assert "malformed JSON" in info.value.message
    assert stub_server.base_url in info.value.message


def test_malformed_json_while_streaming(stub_server: StubServer) -> None:
    stub_server.enqueue(malformed_json())
    with pytest.raises(BadResponse):
        run(make(stub_server, stream=True).generate(REQUEST))


@pytest.mark.parametrize("stream", [False, True])
def test_empty_answer(stub_server: StubServer, stream: bool) -> None:
    stub_server.enqueue(empty_answer())
    with pytest.raises(BadResponse) as info:
        run(make(stub_server, stream=stream).generate(REQUEST))
    assert "empty answer" in info.value.message
    assert MODEL in info.value.message


def test_unauthorized_never_shows_the_key(stub_server: StubServer) -> None:
    # a careless server that echoes the key back in its error message
    stub_server.enqueue(unauthorized(f"Incorrect API key provided: {KEY}"))
    model = make(stub_server)
    with pytest.raises(AuthenticationFailed) as info:
        run(model.generate(REQUEST))
    error = info.value
    assert stub_server.requests[0].headers["authorization"] == f"Bearer {KEY}"
    assert "401" in error.message and stub_server.base_url in error.message
    assert "OPENAI_API_KEY" in error.hint
    assert_no_key(str(error))
    assert_no_key(repr(error))
    assert_no_key(repr(error.args))
    assert_no_key(repr(model))
    assert error.__cause__ is None  # the chained SDK error quoted the key, so it is dropped


def test_model_not_found_names_the_model(stub_server: StubServer) -> None:
    stub_server.enqueue(model_not_found("no-such-model"))
    with pytest.raises(ModelNotFound) as info:
        run(make(stub_server, model="no-such-model").generate(REQUEST))
    assert "no-such-model" in info.value.message
    assert stub_server.base_url in info.value.message
    assert "DRAFTER_MODEL" in info.value.hint


def test_context_too_long(stub_server: StubServer) -> None:
    stub_server.enqueue(context_length_exceeded())
    with pytest.raises(ContextTooLong) as info:
        run(make(stub_server, max_retries=2).generate(REQUEST))
    assert len(stub_server.chat_requests) == 1  # a 400 is not retried
    assert "maximum context length" in info.value.message


def test_connection_refused_names_the_url() -> None:
    with socket.socket() as s:  # a port that was free a moment ago and now has no listener
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    model = OpenAICompatible(Endpoint(base_url=url, api_key=KEY, model=MODEL), timeout=2, max_retries=0)
    with pytest.raises(EndpointUnreachable) as info:
        run(model.generate(REQUEST))
    assert info.value.message == f"cannot reach {url}: connection refused"
    assert "OPENAI_BASE_URL" in info.value.hint and "--base-url" in info.value.hint
    assert_no_key(str(info.value))


def test_no_key_configured_sends_placeholder(stub_server: StubServer) -> None:
    stub_server.enqueue("好")
    run(make(stub_server, key="not-needed").generate(REQUEST))
    assert stub_server.requests[0].headers["authorization"] == "Bearer not-needed"


def test_empty_request_is_a_bug() -> None:
    model = OpenAICompatible(Endpoint(base_url="http://127.0.0.1:9/v1", api_key=KEY, model=MODEL))
    with pytest.raises(ValueError):
        run(model.generate(Request(messages=())))


def test_options_come_from_the_endpoint() -> None:
    endpoint = Endpoint("http://127.0.0.1:9/v1", KEY, MODEL, timeout=7.5, max_retries=4)
    model = OpenAICompatible(endpoint)
    assert (model.timeout, model.max_retries, model.name) == (7.5, 4, MODEL)
    model = OpenAICompatible(endpoint, timeout=1, max_retries=0)
    assert (model.timeout, model.max_retries) == (1.0, 0)
