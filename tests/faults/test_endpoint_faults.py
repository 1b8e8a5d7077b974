"""The endpoint fault matrix: every way a real OpenAI-compatible server misbehaves, served on 127.0.0.1.

Each case asserts the error class (which decides: fatal, or fall back to the built-in writer), that the
message names the endpoint, that retries are claimed only when they happened, and that the key never
shows. Timeouts are short (0.3 s): the whole matrix runs in a few seconds.
"""

from __future__ import annotations

import asyncio
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
)
from drafter.models.config import Endpoint
from tests.models.stub_server import (
    Reply,
    StubServer,
    context_length_exceeded,
    empty_answer,
    empty_choices,
    hang,
    html_page,
    malformed_json,
    model_not_found,
    rate_limited_retry_after,
    reset_mid_body,
    reset_mid_stream,
    server_error,
    service_unavailable,
    slow_stream,
    stub_server_fixture,  # noqa: F401 - the stub_server fixture
    unauthorized,
)

KEY = "sk-fault-matrix-0b7e2d41-SECRET"
REQUEST = Request((Message("system", "你是写作助手。"), Message("user", "请写一段。")), "work", {})


def model(
    stub: StubServer, *, stream: bool = False, retries: int = 0, timeout: float = 0.3
) -> OpenAICompatible:
    endpoint = Endpoint(base_url=stub.base_url, api_key=KEY, model="stub-model")
    return OpenAICompatible(endpoint, timeout=timeout, max_retries=retries, stream=stream)


def fails(stub: StubServer, replies: list[Reply], *, stream: bool = False, retries: int = 0) -> ModelError:
    stub.enqueue(*replies)
    with pytest.raises(ModelError) as info:
        asyncio.run(model(stub, stream=stream, retries=retries).generate(REQUEST))
    error = info.value
    assert KEY not in f"{error} {error!r} {error.hint}"
    assert stub.base_url in error.message
    return error


# (name, replies, stream, retries, error class, words in the message, requests the server sees)
MATRIX = [
    ("500 after a retry", [server_error(), server_error()], False, 1, ServerError, "HTTP 500", 2),
    ("503", [service_unavailable()], False, 0, ServerError, "HTTP 503", 1),
    ("hang", [hang()], False, 0, EndpointTimeout, "0.3 s timeout", 1),
    ("hang while streaming", [hang()], True, 0, EndpointTimeout, "timeout", 1),
    ("reset mid-body", [reset_mid_body()], False, 0, EndpointUnreachable, "cannot reach", 1),
    ("reset mid-stream", [reset_mid_stream()], True, 0, EndpointUnreachable, "cannot reach", 1),
    ("malformed JSON", [malformed_json()], False, 0, BadResponse, "malformed JSON", 1),
    ("empty choices", [empty_choices()], False, 0, BadResponse, "not a usable chat completion", 1),
    ("empty content", [empty_answer()], False, 0, BadResponse, "empty answer", 1),
    ("empty content, streamed", [empty_answer()], True, 0, BadResponse, "empty answer", 1),
    ("HTML page", [html_page()], False, 0, BadResponse, "not a usable chat completion", 1),
    ("401", [unauthorized(f"bad key {KEY}")], False, 2, AuthenticationFailed, "HTTP 401", 1),
    ("404", [model_not_found("stub-model")], False, 2, ModelNotFound, "HTTP 404", 1),
    ("context length", [context_length_exceeded()], False, 2, ContextTooLong, "too long", 1),
]


@pytest.mark.parametrize(
    ("replies", "stream", "retries", "kind", "words", "sent"),
    [case[1:] for case in MATRIX],
    ids=[case[0] for case in MATRIX],
)
def test_endpoint_fault(
    stub_server: StubServer,
    replies: list[Reply],
    stream: bool,
    retries: int,
    kind: type[ModelError],
    words: str,
    sent: int,
) -> None:
    error = fails(stub_server, replies, stream=stream, retries=retries)
    assert isinstance(error, kind), error
    assert words in error.message
    assert error.hint
    assert len(stub_server.chat_requests) == sent
    done = sent - 1
    if done:
        assert f"after {done} retr" in error.message
    else:
        assert "after" not in error.message  # no retry was made, so none is claimed


def test_a_stream_reset_midway_claims_no_retry_even_with_retries_configured(stub_server: StubServer) -> None:
    """The SDK does not re-send a stream that already started: the message must not say it did."""
    error = fails(stub_server, [reset_mid_stream()], stream=True, retries=2)
    assert len(stub_server.chat_requests) == 1
    assert "retr" not in error.message


def test_429_with_retry_after_is_waited_for_then_answered(stub_server: StubServer) -> None:
    stub_server.enqueue(rate_limited_retry_after("0.05"), "第二次成功")
    started = time.perf_counter()
    generation = asyncio.run(model(stub_server, retries=1).generate(REQUEST))
    assert generation.text == "第二次成功"
    assert len(stub_server.chat_requests) == 2
    assert time.perf_counter() - started < 3


def test_429_still_limited_after_the_retry_says_so(stub_server: StubServer) -> None:
    error = fails(stub_server, [rate_limited_retry_after("0.01")] * 2, retries=1)
    assert isinstance(error, RateLimited) and "after 1 retry" in error.message


def test_a_slow_stream_within_the_timeout_is_read_to_the_end(stub_server: StubServer) -> None:
    """The timeout bounds each wait for the next bytes, not the whole answer: a slow stream finishes."""
    text = "慢慢地一个字一个字地写出来的回答。"  # 5 chunks, 0.1 s apart: 0.5 s in all, over the timeout
    stub_server.enqueue(slow_stream(text, 0.1))
    generation = asyncio.run(model(stub_server, stream=True, timeout=0.3).generate(REQUEST))
    assert generation.text == text


def test_control_characters_from_the_model_are_removed(stub_server: StubServer) -> None:
    stub_server.enqueue("正文\x1b[2J\x1b]0;title\x07继续\r\n下一行\u202e。")
    generation = asyncio.run(model(stub_server).generate(REQUEST))
    assert generation.text == "正文[2J]0;title继续\n下一行。"
