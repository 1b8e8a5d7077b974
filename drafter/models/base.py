"""The one model interface: `await model.generate(Request) -> Generation`, and its errors.

Backends (`OpenAICompatible`, `FakeModel`) implement `Model`. Every failure a user can act on is a
`ModelError` subclass below; each names the endpoint (and model where it matters) and carries a
hint. No message ever contains an API key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from drafter.errors import ModelError

__all__ = [
    "AuthenticationFailed",
    "BadResponse",
    "ContextTooLong",
    "EndpointTimeout",
    "EndpointUnreachable",
    "Generation",
    "Message",
    "Model",
    "ModelError",
    "ModelNotFound",
    "RateLimited",
    "Request",
    "ServerError",
    "Usage",
]


@dataclass(frozen=True)
class Message:
    role: Literal["system", "user", "assistant"]
    content: str


@dataclass
class Usage:
    """Tokens spent. `Usage() + Usage()` adds up; `sum(usages, Usage())` (or plain `sum`) totals."""

    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        if not isinstance(other, Usage):
            return NotImplemented
        return Usage(
            self.prompt_tokens + other.prompt_tokens,
            self.completion_tokens + other.completion_tokens,
        )

    def __radd__(self, other: object) -> Usage:
        if other == 0:  # lets the built-in sum() start from 0
            return Usage(self.prompt_tokens, self.completion_tokens)
        return NotImplemented


@dataclass(frozen=True)
class Request:
    """What a section asks of a model: the chat messages, plus the structured context they were
    rendered from (the template writer, which has no language model, writes from `context`)."""

    messages: tuple[Message, ...]
    section_kind: str = ""
    context: Mapping[str, Any] = field(default_factory=dict)
    # the answer budget of this task (tokens); a backend's own max_tokens caps it (None: the cap alone)
    max_tokens: int | None = None
    # called with each piece of a streamed answer as it arrives (progress, tokens per second)
    on_text: Callable[[str], None] | None = field(default=None, compare=False, repr=False)


@dataclass
class Generation:
    text: str
    usage: Usage
    model: str  # model name as reported by the server, else as configured
    seconds: float  # wall time of the call, retries included
    provenance: tuple[Any, ...] = ()  # the built-in writer: a provenance.Span per figure it wrote
    finish_reason: str = ""  # as the server reports it: "length" means cut off at max_tokens
    gaps: tuple[str, ...] = ()  # the built-in writer: what the data lacks, marked 〔待补充〕 in the text


@runtime_checkable
class Model(Protocol):
    name: str

    async def generate(self, request: Request) -> Generation: ...


# ------------------------------------------------------------------------------------------------ errors
# All subclass drafter.errors.ModelError(message, hint=None).


class EndpointUnreachable(ModelError):
    """No connection to the endpoint (refused, DNS, TLS, dropped mid-answer)."""


class AuthenticationFailed(ModelError):
    """The endpoint rejected the API key (401), or the key may not use this model (403)."""


class ModelNotFound(ModelError):
    """The endpoint does not serve the configured model name (404)."""


class ContextTooLong(ModelError):
    """The prompt plus the requested answer length exceed the model's context window."""


class RateLimited(ModelError):
    """Still rate-limited (429) after the configured retries, or out of quota."""


class EndpointTimeout(ModelError):
    """The endpoint did not answer within the timeout (after the configured retries)."""


class ServerError(ModelError):
    """The endpoint kept failing with 5xx after the configured retries."""


class BadResponse(ModelError):
    """The endpoint answered, but not usably: malformed JSON, empty answer, other rejections."""
