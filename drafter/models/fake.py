"""A scripted `Model` for tests (in the spirit of simonw/llm's MockModel).

    model = FakeModel()
    model.enqueue("第一段", lambda request: request.context["单位名称"], EndpointTimeout("..."))
    generation = await model.generate(request)
    assert model.requests[0].section_kind == "overview"

Each call takes the next scripted answer: a str, a callable `(Request) -> str`, or an exception
instance, which is raised (to test how callers handle model errors). When the script is empty the
`default` answers (a str or callable); with no default the call fails with `ScriptExhausted`, an
AssertionError, so an unplanned call fails the test. Every request is recorded in `requests`, in
call order, before any `latency` sleep.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable

from drafter.models.base import Generation, Request, Usage

__all__ = ["FakeModel", "ScriptExhausted"]

Answer = str | Callable[[Request], str] | BaseException


class ScriptExhausted(AssertionError):
    """FakeModel was asked more often than its script (and it has no default)."""


class FakeModel:
    """`Model` that answers from a script. `latency` seconds are awaited per call (asyncio.sleep)."""

    def __init__(
        self,
        *answers: Answer,
        name: str = "fake",
        latency: float = 0.0,
        default: str | Callable[[Request], str] | None = None,
    ) -> None:
        self.name = name
        self.latency = latency
        self.default = default
        self.requests: list[Request] = []
        self._script: deque[Answer] = deque()
        self.enqueue(*answers)

    def enqueue(self, *answers: Answer) -> None:
        for answer in answers:
            if not (isinstance(answer, str | BaseException) or callable(answer)):
                raise TypeError(
                    f"FakeModel answers are str, callable(Request) -> str or exceptions; got {answer!r}"
                )
        self._script.extend(answers)

    @property
    def pending(self) -> int:
        """Scripted answers not used yet."""
        return len(self._script)

    async def generate(self, request: Request) -> Generation:
        started = time.perf_counter()
        self.requests.append(request)
        if self._script:
            answer: Answer = self._script.popleft()
        elif self.default is not None:
            answer = self.default
        else:
            raise ScriptExhausted(
                f"FakeModel {self.name!r} ran out of scripted answers at call {len(self.requests)} "
                f"(section {request.section_kind or '?'}): enqueue more, or set default="
            )
        if self.latency:
            await asyncio.sleep(self.latency)
        if isinstance(answer, BaseException):
            raise answer
        text = answer if isinstance(answer, str) else answer(request)
        if not isinstance(text, str):
            raise TypeError(f"a FakeModel answer callable must return str, got {type(text).__name__}")
        if request.on_text is not None:  # a streamed answer, in pieces of a few characters
            for start in range(0, len(text), 4):
                request.on_text(text[start : start + 4])
        prompt = "".join(m.content for m in request.messages)
        usage = Usage(prompt_tokens=_rough_tokens(prompt), completion_tokens=_rough_tokens(text))
        return Generation(text=text, usage=usage, model=self.name, seconds=time.perf_counter() - started)


def _rough_tokens(text: str) -> int:
    return max(1, len(text) // 2) if text else 0
