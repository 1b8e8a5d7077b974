"""A task's own answer budget and the streamed pieces of its answer, against the stub server (issue 19).

The per-task max_tokens must reach the server under that name, never above the backend's cap (the CLI
--max-tokens); a streamed answer comes in SSE chunks, each handed to the request's on_text as it
arrives, and the pieces make up the answer.
"""

from __future__ import annotations

import asyncio

from drafter.models import Message, OpenAICompatible, Request
from drafter.models.config import Endpoint
from drafter.models.fake import FakeModel
from tests.models.stub_server import StubServer, stub_server_fixture  # noqa: F401 - the fixture

ANSWER = "全年开展示范宣讲进基层440余场，推动党的创新理论进入寻常百姓家。"


def make(stub: StubServer, **options) -> OpenAICompatible:
    endpoint = Endpoint(base_url=stub.base_url, api_key="k", model="stub-model")
    return OpenAICompatible(endpoint, timeout=5, max_retries=0, **options)


def request(max_tokens: int | None = None, on_text=None) -> Request:
    return Request((Message("user", "写一句"),), "work", {}, max_tokens=max_tokens, on_text=on_text)


def test_a_task_budget_is_sent_as_max_tokens(stub_server: StubServer) -> None:
    stub_server.enqueue(ANSWER, ANSWER)
    model = make(stub_server, max_tokens=2048)
    asyncio.run(model.generate(request(300)))
    asyncio.run(model.generate(request()))
    sent = [r.json["max_tokens"] for r in stub_server.chat_requests]
    assert sent == [300, 2048]


def test_the_cap_bounds_a_task_budget(stub_server: StubServer) -> None:
    stub_server.enqueue(ANSWER)
    model = make(stub_server, max_tokens=256)
    assert model.budget(request(900)) == 256
    asyncio.run(model.generate(request(900)))
    assert stub_server.chat_requests[0].json["max_tokens"] == 256


def test_no_cap_sends_the_task_budget_alone(stub_server: StubServer) -> None:
    stub_server.enqueue(ANSWER)
    asyncio.run(make(stub_server).generate(request(123)))
    assert stub_server.chat_requests[0].json["max_tokens"] == 123


def test_streamed_chunks_reach_on_text_and_make_up_the_answer(stub_server: StubServer) -> None:
    stub_server.enqueue(ANSWER)
    pieces: list[str] = []
    generation = asyncio.run(make(stub_server, stream=True).generate(request(200, pieces.append)))
    body = stub_server.chat_requests[0].json
    assert body["stream"] is True and body["max_tokens"] == 200
    assert len([p for p in pieces if p]) >= len(ANSWER) // 4  # the stub sends 4 characters a chunk
    assert "".join(pieces) == generation.text == ANSWER
    assert generation.usage.completion_tokens > 0


def test_the_fake_model_streams_to_on_text_too() -> None:
    pieces: list[str] = []
    model = FakeModel(ANSWER)
    asyncio.run(model.generate(request(64, pieces.append)))
    assert "".join(pieces) == ANSWER and len(pieces) > 1
    assert model.requests[0].max_tokens == 64
