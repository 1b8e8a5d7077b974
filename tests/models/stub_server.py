"""A real, scriptable OpenAI-compatible HTTP server on 127.0.0.1, for tests. Stdlib only.

It serves `POST /v1/chat/completions` (JSON, or SSE when the request says `"stream": true`, with a
final usage chunk when `stream_options.include_usage` is set) and `GET /v1/models`. Each chat
request takes the next scripted reply from a queue:

    with run_stub_server() as stub:
        stub.enqueue("第一个回答", rate_limited(), "重试后的回答", lambda body: body["model"])
        ...  # point a client at stub.base_url
        assert stub.requests[0].json["messages"][0]["content"] == "..."

A reply is a `str` (a normal answer with usage), a callable `(request_json) -> str` that computes
the answer from the request, or a `Reply` built by the helpers below (`answer`, `error`,
`rate_limited`, `server_error`, `unauthorized`, `model_not_found`, `context_length_exceeded`,
`delayed`, `malformed_json`, `empty_answer`). When the queue is empty, `stub.default` answers (set
it to a str or callable); with no default the server answers 400 "script ran out", so a test that
makes an unplanned call fails loudly.

In a test module, import the fixture, then ask for `stub_server` in a test's parameters:
`from tests.models.stub_server import stub_server_fixture  # noqa: F401`.
Error replies carry `retry-after-ms: 1` as well as `Retry-After: 0`: the openai SDK only honours a
positive delay, so this keeps its retries (and the tests) fast.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

Responder = Callable[[dict[str, Any]], str]

FAST_RETRY_HEADERS = {"Retry-After": "0", "retry-after-ms": "1"}


@dataclass(frozen=True)
class Reply:
    """One scripted reply. Build with the helper functions rather than directly."""

    kind: str  # "answer" | "error" | "malformed" | "responder"
    text: str = ""
    status: int = 200
    body: Mapping[str, Any] | None = None  # error JSON
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before replying
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    responder: Responder | None = None


@dataclass(frozen=True)
class StubRequest:
    """One request the server received."""

    method: str
    path: str
    headers: Mapping[str, str]  # lower-cased names
    json: Any  # parsed body, or None (GET, or a body that was not JSON)
    raw: bytes


# ---------------------------------------------------------------------------------------- reply helpers


def answer(text: str, *, prompt_tokens: int | None = None, completion_tokens: int | None = None) -> Reply:
    """A normal answer. Token counts default to a rough len // 2 of the prompt and the answer."""
    return Reply("answer", text=text, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)


def empty_answer() -> Reply:
    """A well-formed answer whose content is the empty string."""
    return Reply("answer", text="")


def responder(fn: Responder) -> Reply:
    """An answer computed from the request JSON."""
    return Reply("responder", responder=fn)


def error(
    status: int,
    message: str,
    *,
    type: str = "invalid_request_error",
    code: str | None = None,
    param: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Reply:
    """An error status with OpenAI's error JSON: {"error": {"message", "type", "param", "code"}}."""
    body = {"error": {"message": message, "type": type, "param": param, "code": code}}
    return Reply("error", status=status, body=body, headers=dict(headers or {}))


def rate_limited() -> Reply:
    return error(
        429,
        "Rate limit reached, please retry",
        type="rate_limit_exceeded",
        code="rate_limit_exceeded",
        headers=FAST_RETRY_HEADERS,
    )


def server_error() -> Reply:
    return error(
        500,
        "The server had an error while processing your request",
        type="server_error",
        headers=FAST_RETRY_HEADERS,
    )


def unauthorized(message: str = "Incorrect API key provided") -> Reply:
    return error(401, message, code="invalid_api_key")


def model_not_found(model: str) -> Reply:
    return error(
        404,
        f"The model `{model}` does not exist or you do not have access to it.",
        param="model",
        code="model_not_found",
    )


def context_length_exceeded() -> Reply:
    return error(
        400,
        "This model's maximum context length is 8192 tokens. However, your messages resulted in "
        "9000 tokens. Please reduce the length of the messages.",
        param="messages",
        code="context_length_exceeded",
    )


def delayed(seconds: float, then: Reply | str = "迟到的回答") -> Reply:
    """Wait `seconds` before sending `then` (use a delay longer than the client's timeout)."""
    reply = answer(then) if isinstance(then, str) else then
    return dataclasses.replace(reply, delay=seconds)


def malformed_json() -> Reply:
    """HTTP 200 with Content-Type application/json but a body that is not JSON."""
    return Reply("malformed", text='{"id": "chatcmpl-stub", "choices": [{"message": ')


# -- faults of a misbehaving endpoint (tests/faults)


def service_unavailable() -> Reply:
    return error(503, "Service temporarily unavailable", type="server_error", headers=FAST_RETRY_HEADERS)


def rate_limited_retry_after(seconds: str = "0.05") -> Reply:
    """429 with only a Retry-After header (no retry-after-ms), as most servers send it."""
    return error(429, "Too many requests", type="rate_limit_exceeded", headers={"Retry-After": seconds})


def hang(seconds: float = 30.0) -> Reply:
    """Accept the request and say nothing (the stop of the server ends the wait)."""
    return Reply("hang", delay=seconds)


def reset_mid_body() -> Reply:
    """Headers promising a body, half of it, then a TCP reset."""
    return Reply("reset_body", text='{"id": "chatcmpl-stub", "object": "chat.completion", "choices": [')


def reset_mid_stream(text: str = "开头的几个字") -> Reply:
    """A streamed answer that starts (these chunks), then the connection is reset."""
    return Reply("reset_stream", text=text)


def slow_stream(text: str, gap: float) -> Reply:
    """A streamed answer with `gap` seconds between chunks (each gap under the client's timeout)."""
    return Reply("answer", text=text, headers={"x-stub-gap": str(gap)})


def html_page() -> Reply:
    """HTTP 200 with a web page (a proxy login or the wrong base URL)."""
    return Reply("html", text="<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>")


def empty_choices() -> Reply:
    """HTTP 200 with a completion whose choices list is empty."""
    return Reply("empty_choices")


# ----------------------------------------------------------------------------------------------- server


class StubServer:
    """The running server: `base_url`, `enqueue(...)`, `requests`, `default`."""

    def __init__(self, model_ids: tuple[str, ...] = ("stub-model",)) -> None:
        self.model_ids = model_ids
        self.requests: list[StubRequest] = []
        self.default: str | Responder | Reply | None = None
        self.usage_chunk = True  # False: ignore stream_options.include_usage, as llama.cpp's server does
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="stub-openai", daemon=True
        )
        self.port: int = self._httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"

    # -- script
    def enqueue(self, *replies: str | Responder | Reply) -> None:
        with self._lock:
            self._queue.extend(_as_reply(r) for r in replies)

    @property
    def pending(self) -> int:
        """Scripted replies not used yet."""
        with self._lock:
            return len(self._queue)

    @property
    def chat_requests(self) -> list[StubRequest]:
        return [r for r in self.requests if r.path.partition("?")[0].endswith("/chat/completions")]

    def _next_reply(self) -> Reply:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        if self.default is not None:
            return _as_reply(self.default)
        return error(400, "stub server: the test's script ran out of replies", code="stub_script_empty")

    # -- lifecycle
    def start(self) -> StubServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # ends pending delays at once
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _sleep(self, seconds: float) -> None:
        self._stopping.wait(seconds)


def _as_reply(item: str | Responder | Reply) -> Reply:
    if isinstance(item, Reply):
        return item
    if isinstance(item, str):
        return answer(item)
    if callable(item):
        return responder(item)
    raise TypeError(f"cannot script a reply from {item!r}")


def _rough_tokens(text: str) -> int:
    return max(1, len(text) // 2) if text else 0


def _prompt_tokens(body: Any) -> int:
    messages = body.get("messages", []) if isinstance(body, dict) else []
    return _rough_tokens("".join(str(m.get("content", "")) for m in messages if isinstance(m, dict)))


def _make_handler(server: StubServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # one request per connection; the body ends when it closes
        server_version = "StubOpenAI/1.0"

        def log_message(self, format: str, *args: Any) -> None:  # silence stderr logging
            pass

        # -- recording
        def _record(self) -> StubRequest:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                parsed = json.loads(raw) if raw else None
            except ValueError:
                parsed = None
            request = StubRequest(
                method=self.command,
                path=self.path,
                headers={k.lower(): v for k, v in self.headers.items()},
                json=parsed,
                raw=raw,
            )
            with server._lock:
                server.requests.append(request)
            return request

        # -- writing
        def _send_json(self, status: int, payload: Any, headers: Mapping[str, str] | None = None) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            self._send_bytes(status, data, "application/json", headers)

        def _send_bytes(
            self, status: int, data: bytes, content_type: str, headers: Mapping[str, str] | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        # -- routes
        def do_GET(self) -> None:
            self._record()
            if self.path.partition("?")[0].rstrip("/").endswith("/models"):
                data = [
                    {"id": m, "object": "model", "created": 0, "owned_by": "stub"} for m in server.model_ids
                ]
                self._send_json(200, {"object": "list", "data": data})
            else:
                self._send_json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})

        def do_POST(self) -> None:
            request = self._record()
            if not self.path.partition("?")[0].rstrip("/").endswith("/chat/completions"):
                self._send_json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
                return
            body = request.json if isinstance(request.json, dict) else {}
            reply = server._next_reply()
            if reply.delay:
                server._sleep(reply.delay)
                if server._stopping.is_set():
                    return
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._reply(reply, body)

        def _reset(self) -> None:
            """Close with a TCP reset (SO_LINGER 0), as a crashed server or a proxy would."""
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()

        def _reply(self, reply: Reply, body: dict[str, Any]) -> None:
            if reply.kind == "hang":
                return  # the delay already ran (until the server stopped): nothing is sent
            if reply.kind == "html":
                self._send_bytes(200, reply.text.encode("utf-8"), "text/html; charset=utf-8")
                return
            if reply.kind == "empty_choices":
                payload = {"id": "chatcmpl-stub", "object": "chat.completion", "created": 0}
                self._send_json(200, {**payload, "model": body.get("model", "stub-model"), "choices": []})
                return
            if reply.kind == "reset_body":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "4096")
                self.end_headers()
                self.wfile.write(reply.text.encode("utf-8"))
                self._reset()
                return
            if reply.kind == "reset_stream":
                self._stream(reply.text, str(body.get("model", "stub-model")), {}, body, reset=True)
                return
            if reply.kind == "error":
                self._send_json(reply.status, reply.body, reply.headers)
                return
            if reply.kind == "malformed":
                if body.get("stream"):
                    data = f"data: {reply.text}\n\n".encode()
                    self._send_bytes(200, data, "text/event-stream")
                else:
                    self._send_bytes(200, reply.text.encode("utf-8"), "application/json")
                return
            text = reply.text
            if reply.kind == "responder":
                assert reply.responder is not None
                text = reply.responder(body)
            model = str(body.get("model", "stub-model"))
            prompt_tokens, completion_tokens = reply.prompt_tokens, reply.completion_tokens
            usage = {
                "prompt_tokens": _prompt_tokens(body) if prompt_tokens is None else prompt_tokens,
                "completion_tokens": _rough_tokens(text) if completion_tokens is None else completion_tokens,
            }
            usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
            if body.get("stream"):
                self._stream(text, model, usage, body, gap=float(reply.headers.get("x-stub-gap", 0)))
            else:
                self._send_json(
                    200,
                    {
                        "id": "chatcmpl-stub",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": model,
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": text},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": usage,
                    },
                )

        def _stream(
            self,
            text: str,
            model: str,
            usage: dict[str, int],
            body: dict[str, Any],
            *,
            gap: float = 0.0,
            reset: bool = False,
        ) -> None:
            created = int(time.time())

            def chunk(choices: list[dict[str, Any]], **extra: Any) -> bytes:
                payload = {
                    "id": "chatcmpl-stub",
                    "object": "chat.completion.chunk",
                    "created": created,
                    "model": model,
                    "choices": choices,
                    **extra,
                }
                return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode()

            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            self.wfile.write(
                chunk([{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}])
            )
            for start in range(0, len(text), 4):
                self.wfile.write(
                    chunk(
                        [{"index": 0, "delta": {"content": text[start : start + 4]}, "finish_reason": None}]
                    )
                )
                self.wfile.flush()
                if gap:
                    server._sleep(gap)
            if reset:
                self._reset()
                return
            self.wfile.write(chunk([{"index": 0, "delta": {}, "finish_reason": "stop"}]))
            options = body.get("stream_options") or {}
            if options.get("include_usage") and server.usage_chunk:
                self.wfile.write(chunk([], usage=usage))
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()

    return Handler


@contextlib.contextmanager
def run_stub_server(model_ids: tuple[str, ...] = ("stub-model",)) -> Iterator[StubServer]:
    """Start a stub server on an ephemeral 127.0.0.1 port; stop it on exit."""
    server = StubServer(model_ids).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(name="stub_server")
def stub_server_fixture() -> Iterator[StubServer]:
    """A running StubServer, stopped after the test. Request it as `stub_server`."""
    with run_stub_server() as server:
        yield server


# The fixture is registered as "stub_server" whichever of these two names a test module imports.
# Import `stub_server_fixture`: importing `stub_server` works too, but then ruff reports every test
# parameter named stub_server as a redefinition (F811).
stub_server = stub_server_fixture
