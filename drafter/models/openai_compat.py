"""Any OpenAI-compatible chat endpoint (cloud API, vLLM, Ollama, llama.cpp...), via ChatOpenAI.

langchain_openai and openai are imported on first use, not when this module is imported (importing
them takes over a second, and the template writer never needs them).

Retries: the openai SDK under ChatOpenAI re-sends a request after a timeout, a dropped connection,
408/409/429 or 5xx, up to `max_retries` times, with exponential backoff (0.5 s doubling, at most
8 s, jittered), or the server's Retry-After / retry-after-ms when it sends one. Nothing here adds
retries of its own. `timeout` bounds each network step (connect, or the next bytes of the answer)
of each attempt; it is not a cap on the whole call.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import time
import weakref
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from drafter.io.limits import strip_controls
from drafter.models.base import (
    AuthenticationFailed,
    BadResponse,
    ContextTooLong,
    EndpointTimeout,
    EndpointUnreachable,
    Generation,
    Message,
    ModelError,
    ModelNotFound,
    RateLimited,
    Request,
    ServerError,
    Usage,
)
from drafter.models.config import Endpoint

if TYPE_CHECKING:
    from langchain_core.messages import BaseMessage
    from langchain_openai import ChatOpenAI

__all__ = ["OpenAICompatible"]

# Requests actually sent for the current generate() call (an httpx request hook counts them): an error
# message says "after N retries" only for retries that happened (a stream that breaks midway is not
# re-sent by the SDK).
_SENT: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "drafter_requests_sent", default=None
)


async def _count_request(request: Any) -> None:
    sent = _SENT.get()
    if sent is not None:
        sent[0] += 1


_CONTEXT_MARKERS = (
    "context_length_exceeded",
    "maximum context length",
    "context length",
    "context window",
    "context size",
    "exceed_context_size",
    "prompt is too long",
    "input tokens exceed",
    "too many tokens",
)


class OpenAICompatible:
    """`Model` backed by an OpenAI-compatible `/chat/completions` endpoint.

    `timeout` (seconds) and `max_retries` default to the Endpoint's (see drafter.models.config).
    `temperature` and `max_tokens` are sent only when set; `max_tokens` is sent under that name,
    which local servers and Chinese cloud APIs understand (OpenAI's o-series want
    max_completion_tokens and will refuse it). A request's own `max_tokens` (a task's answer budget)
    is sent instead when set, never above this cap. With `stream=True` the answer is streamed, each
    piece handed to the request's `on_text` as it arrives (progress, tokens per second), and token
    usage comes from the final usage chunk (`stream_options.include_usage`).
    """

    def __init__(
        self,
        endpoint: Endpoint,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        temperature: float | None = None,
        max_tokens: int | None = None,
        stream: bool = False,
    ) -> None:
        self.endpoint = endpoint
        self.name = endpoint.model
        self.timeout = float(endpoint.timeout if timeout is None else timeout)
        self.max_retries = int(endpoint.max_retries if max_retries is None else max_retries)
        if not self.timeout > 0:
            raise ValueError(f"timeout must be above 0 seconds, got {self.timeout}")
        if self.max_retries < 0:
            raise ValueError(f"max_retries must be 0 or more, got {self.max_retries}")
        if max_tokens is not None and max_tokens <= 0:
            raise ValueError(f"max_tokens must be above 0, got {max_tokens}")
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.stream = stream
        # One client per event loop: an httpx connection pool must not outlive its loop.
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, ChatOpenAI] = (
            weakref.WeakKeyDictionary()
        )

    def __repr__(self) -> str:
        return (
            f"OpenAICompatible(model={self.name!r}, base_url={self.endpoint.display_url!r}, "
            f"stream={self.stream})"
        )

    async def generate(self, request: Request) -> Generation:
        if not request.messages:
            raise ValueError("a Request needs at least one message")
        from langsmith import tracing_context  # comes with langchain-core

        chat = self._chat()
        messages = _to_langchain(request.messages)
        started = time.perf_counter()
        sent = [0]
        pieces = 0  # streamed chunks with text: one token each on llama.cpp, vLLM and Ollama
        counting = _SENT.set(sent)
        try:
            # Never send prompts to LangSmith, whatever LANGSMITH_TRACING says: drafts stay local.
            with tracing_context(enabled=False):
                options = self._call_options(request)
                if self.stream:
                    reply: Any = None
                    async for chunk in chat.astream(messages, stream_usage=True, **options):
                        reply = chunk if reply is None else reply + chunk
                        piece = _text_of(chunk)
                        pieces += bool(piece)
                        if request.on_text is not None:
                            request.on_text(piece)
                else:
                    reply = await chat.ainvoke(messages, **options)
        except Exception as exc:
            mapped = self._map_error(exc, retries=max(0, sent[0] - 1))
            if mapped is None:
                raise
            raise mapped from (None if self._mentions_key(exc) else exc)
        finally:
            _SENT.reset(counting)
        seconds = time.perf_counter() - started

        # control characters (ESC sequences …) never reach the terminal, report.md or the checker
        text = strip_controls(_text_of(reply)) if reply is not None else ""
        metadata = getattr(reply, "response_metadata", None) or {}
        if not text.strip():
            finish = metadata.get("finish_reason")
            why = f" (finish_reason: {finish})" if finish else ""
            raise BadResponse(
                f"model {self.name} at {self.endpoint.display_url} returned an empty answer{why}",
                hint="retry; if it persists the model may be hitting max_tokens or a content filter, "
                "or the server may put the answer somewhere else (e.g. reasoning_content)",
            )
        usage_metadata = getattr(reply, "usage_metadata", None) or {}
        usage = Usage(
            prompt_tokens=int(usage_metadata.get("input_tokens") or 0),
            # a server that ignores stream_options.include_usage (llama.cpp's) sends no usage chunk: the
            # streamed pieces are its tokens, rather than a draft.json that says the answer cost nothing
            completion_tokens=int(usage_metadata.get("output_tokens") or 0) or pieces,
        )
        model = str(metadata.get("model_name") or metadata.get("model") or self.name)
        finish = str(metadata.get("finish_reason") or "")
        return Generation(text=text, usage=usage, model=model, seconds=seconds, finish_reason=finish)

    def budget(self, request: Request) -> int | None:
        """The answer length sent for `request`: its own budget, capped by this backend's max_tokens."""
        asked = [n for n in (request.max_tokens, self.max_tokens) if n is not None and n > 0]
        return min(asked) if asked else None

    def _call_options(self, request: Request) -> dict[str, Any]:
        """Per-call options: a task's own answer budget replaces the client's max_tokens (same name,
        in the body, as the client sends it)."""
        budget = self.budget(request)
        if budget is None or budget == self.max_tokens:
            return {}
        return {"extra_body": {"max_tokens": budget}}

    async def aclose(self) -> None:
        """Close this loop's HTTP connections (optional; they also close with the process)."""
        loop = asyncio.get_running_loop()
        chat = self._clients.pop(loop, None)
        if chat is not None and chat.http_async_client is not None:
            await chat.http_async_client.aclose()

    # ------------------------------------------------------------------------------------------ client

    def _chat(self) -> ChatOpenAI:
        loop = asyncio.get_running_loop()
        chat = self._clients.get(loop)
        if chat is None:
            import openai
            from langchain_openai import ChatOpenAI

            options: dict[str, Any] = {}
            if self.temperature is not None:
                options["temperature"] = self.temperature
            if self.max_tokens is not None:
                options["extra_body"] = {"max_tokens": self.max_tokens}

            # a query in the base URL (`?api-key=…`, `?api-version=…`) goes with every request; the SDK
            # would otherwise glue /chat/completions after it
            parts = urlsplit(self.endpoint.base_url)
            if parts.query:
                options["default_query"] = dict(parse_qsl(parts.query, keep_blank_values=True))
            chat = ChatOpenAI(
                model=self.endpoint.model,
                base_url=urlunsplit(parts._replace(query="", fragment="")),
                api_key=self.endpoint.api_key,
                timeout=self.timeout,
                max_retries=self.max_retries,
                stream_usage=self.stream,
                use_responses_api=False,  # local servers only speak /chat/completions
                http_async_client=openai.DefaultAsyncHttpxClient(
                    timeout=self.timeout, event_hooks={"request": [_count_request]}
                ),
                **options,
            )
            self._clients[loop] = chat
        return chat

    # ------------------------------------------------------------------------------------------ errors

    def _redact(self, text: str) -> str:
        for secret in self.endpoint.secrets:  # the key, and any credentials in the base URL
            text = text.replace(secret, "***")
        return text

    def _mentions_key(self, exc: BaseException) -> bool:
        """True when the key appears anywhere in the exception chain (some servers echo it)."""
        secrets = self.endpoint.secrets
        if not secrets:
            return False
        seen: set[int] = set()
        current: BaseException | None = exc
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            body = getattr(current, "body", None)
            said = f"{current!s} {current!r} {body!r}"
            if any(secret in said for secret in secrets):
                return True
            current = current.__cause__ or current.__context__
        return False

    def _map_error(self, exc: BaseException, retries: int | None = None) -> ModelError | None:
        """The ModelError for an exception from ChatOpenAI / the openai SDK, or None (a bug: re-raise).

        `retries` is how many re-sends really happened (None: assume the configured number).
        """
        import openai

        error = self._classify(exc, openai, self.max_retries if retries is None else retries)
        if error is not None:
            error.message = self._redact(error.message)
            error.hint = self._redact(error.hint) if error.hint else error.hint
            error.args = (error.message,)
        return error

    def _classify(self, exc: BaseException, openai: Any, retried: int) -> ModelError | None:
        url, model = self.endpoint.display_url, self.name
        retries = _retries_phrase(retried)
        if isinstance(exc, openai.APITimeoutError | TimeoutError) or _is_httpx(exc, "Timeout"):
            return EndpointTimeout(
                f"no answer from {url} (model {model}) within the {self.timeout:g} s timeout{retries}",
                hint="the model may be slow or overloaded: raise the timeout ([model] timeout in "
                "drafter.toml, DRAFTER_TIMEOUT or --timeout), or check the server",
            )
        if isinstance(exc, openai.APIConnectionError) or _is_httpx(exc, ""):
            return EndpointUnreachable(
                f"cannot reach {url}: {_connection_reason(exc)}{retries}",
                hint="check the server is running and the URL is right, "
                "or set OPENAI_BASE_URL / pass --base-url",
            )
        if isinstance(exc, openai.APIStatusError):
            return self._classify_status(exc, retries)
        if isinstance(exc, openai.APIError | ValueError | KeyError | TypeError | IndexError | AttributeError):
            detail = _short(str(exc)) or type(exc).__name__
            kind = "malformed JSON" if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
            return BadResponse(
                f"{url} (model {model}) sent an answer that is not a usable chat completion "
                f"({kind}: {detail})",
                hint="check that the base URL is the server's OpenAI-compatible root (usually ending in /v1) "
                "and not a web page or a proxy login; the server's log may say more",
            )
        return None

    def _classify_status(self, exc: Any, retries: str) -> ModelError:
        url, model = self.endpoint.display_url, self.name
        status = exc.status_code
        detail = _short(_server_message(exc))
        said = f": {detail}" if detail else ""
        code = _error_field(exc, "code") or ""
        if status in (400, 413, 422) and _is_context_overflow(exc):
            return ContextTooLong(
                f"the prompt is too long for model {model} at {url} (HTTP {status}){said}",
                hint="shorten the section's input data or prompt, lower max_tokens, or use a model with a "
                "longer context window",
            )
        if status == 401:
            return AuthenticationFailed(
                f"{url} rejected the API key (HTTP 401){said}",
                hint="set OPENAI_API_KEY (or api_key_env in drafter.toml) to a valid key for this endpoint",
            )
        if status == 403:
            return AuthenticationFailed(
                f"{url} refused access to model {model} (HTTP 403){said}",
                hint="check that the API key may use this model, "
                "or pick another with DRAFTER_MODEL / --model",
            )
        if status == 404:
            return ModelNotFound(
                f"{url} does not serve model {model!r} (HTTP 404){said}",
                hint=f"check the model name (DRAFTER_MODEL / --model / [model] name; GET {url}/models lists "
                "the server's models) and that the base URL ends where the API starts (often /v1)",
            )
        if status == 429:
            if code == "insufficient_quota" or "quota" in detail.lower():
                return RateLimited(
                    f"{url} says the account is out of quota (HTTP 429){said}",
                    hint="top up or raise the quota for this key, or use another endpoint",
                )
            return RateLimited(
                f"{url} is still rate-limiting model {model} (HTTP 429){retries}{said}",
                hint="wait and run again, lower the number of concurrent requests, or raise max_retries",
            )
        if status >= 500:
            return ServerError(
                f"{url} failed with HTTP {status} (model {model}){retries}{said}",
                hint="the server is having trouble: check its log, or run again later",
            )
        return BadResponse(
            f"{url} rejected the request for model {model} (HTTP {status}){said}",
            hint="the server may not support a parameter drafter sends (temperature, max_tokens, "
            "stream_options): check its log",
        )


def _retries_phrase(retried: int) -> str:
    if retried <= 0:
        return ""
    return f", after {retried} {'retry' if retried == 1 else 'retries'}"


# ------------------------------------------------------------------------------------------------ helpers


def _to_langchain(messages: tuple[Message, ...]) -> list[BaseMessage]:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    out: list[BaseMessage] = []
    for message in messages:
        if message.role not in kinds:
            raise ValueError(f"unknown message role {message.role!r}")
        out.append(kinds[message.role](content=message.content))
    return out


def _text_of(message: Any) -> str:
    content = getattr(message, "content", "")
    if isinstance(content, str):
        return content
    parts: list[str] = []
    for part in content or []:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and part.get("type") == "text":
            parts.append(str(part.get("text", "")))
    return "".join(parts)


def _is_httpx(exc: BaseException, name_part: str) -> bool:
    """An httpx / httpx2 exception (the transport under openai) whose class name contains name_part."""
    return any(
        cls.__module__.split(".")[0] in ("httpx", "httpx2", "httpcore") and name_part in cls.__name__
        for cls in type(exc).__mro__
    )


def _connection_reason(exc: BaseException) -> str:
    seen: set[int] = set()
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    for error in chain:
        if isinstance(error, ConnectionRefusedError) or "connection refused" in str(error).lower():
            return "connection refused"
    for error in chain:
        text = str(error).lower()
        if "name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
            return "host name not found"
        if "ssl" in text or "certificate" in text:
            return f"TLS error ({_short(str(error), 160)})"
        if "timed out" in text:
            return "connection timed out"
    deepest = chain[-1]
    text = _short(str(deepest), 160)
    return text or type(deepest).__name__


def _error_field(exc: Any, name: str) -> str | None:
    value = getattr(exc, name, None)
    if value is None:
        body = getattr(exc, "body", None)
        if isinstance(body, dict):
            inner = body.get("error", body)
            if isinstance(inner, dict):
                value = inner.get(name)
    return str(value) if value is not None else None


def _server_message(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
        if isinstance(inner, str):
            return inner
    message = str(getattr(exc, "message", "") or "")
    return message.split(" - ", 1)[1] if message.startswith("Error code:") and " - " in message else message


def _is_context_overflow(exc: Any) -> bool:
    haystack = " ".join(
        str(x) for x in (_error_field(exc, "code"), _error_field(exc, "type"), _server_message(exc)) if x
    ).lower()
    return any(marker in haystack for marker in _CONTEXT_MARKERS)


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
