"""The model layer: one async interface (`Model.generate(Request) -> Generation`) and its backends.

`OpenAICompatible` talks to any OpenAI-compatible chat endpoint; `FakeModel` answers from a script
(tests). Importing this package does not import langchain_openai or openai; the first
`OpenAICompatible.generate` call does.
"""

from drafter.models.base import (
    AuthenticationFailed,
    BadResponse,
    ContextTooLong,
    EndpointTimeout,
    EndpointUnreachable,
    Generation,
    Message,
    Model,
    ModelError,
    ModelNotFound,
    RateLimited,
    Request,
    ServerError,
    Usage,
)
from drafter.models.fake import FakeModel, ScriptExhausted
from drafter.models.openai_compat import OpenAICompatible

__all__ = [
    "AuthenticationFailed",
    "BadResponse",
    "ContextTooLong",
    "EndpointTimeout",
    "EndpointUnreachable",
    "FakeModel",
    "Generation",
    "Message",
    "Model",
    "ModelError",
    "ModelNotFound",
    "OpenAICompatible",
    "RateLimited",
    "Request",
    "ScriptExhausted",
    "ServerError",
    "Usage",
]
