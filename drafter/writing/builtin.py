"""The built-in template writer: a Model with no language model behind it (it lives with the writing,
whose phrase templates it renders, and satisfies drafter.models' protocol like any backend).

It writes a section from the structured context its request carries (not from the chat messages),
with the phrase templates in prompts/writer/. Offline, instant, and its numbers come straight from the
fact base: the generation carries its provenance (the fact behind every figure it wrote), so a checker
that binds one of them elsewhere is caught disagreeing with the writer instead of "repairing" it.
"""

from __future__ import annotations

import time
from pathlib import Path

from drafter.models.base import Generation, Request, Usage
from drafter.writing.prompts import render_section

NAME = "built-in template writer"


class TemplateWriter:
    name = NAME

    def __init__(self, prompts_dir: Path | None = None) -> None:
        self.prompts_dir = prompts_dir

    async def generate(self, request: Request) -> Generation:

        start = time.perf_counter()
        text, gaps = render_section(dict(request.context), self.prompts_dir)
        return Generation(
            text=str(text),
            usage=Usage(),
            model=NAME,
            seconds=time.perf_counter() - start,
            provenance=text.spans,
            gaps=gaps,
        )
