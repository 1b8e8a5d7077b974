"""`drafter draft`'s small tasks over the real HTTP path (issue 19 item 4): each task's budget reaches the
stub server as max_tokens (never above --max-tokens), streamed chunks are counted per section for its
tokens per second, and the estimate of the time left is printed after the first model section.
"""

from __future__ import annotations

import io
import re
from typing import Any

from rich.console import Console

from drafter.drafting.job import DraftOptions, WriterChoice, draft_report
from drafter.drafting.progress import DraftProgress, duration, estimate, tokens_per_second
from drafter.drafting.record import Attempt, Draft, SectionDraft
from drafter.models.base import Usage
from drafter.writing.builtin import NAME as TEMPLATE_WRITER
from tests.drafting.helpers import data_path, sections
from tests.drafting.test_stub_server import DATA
from tests.models.stub_server import StubServer, stub_server_fixture  # noqa: F401 - the fixture

POINT = re.compile(r"^- (.+)$", re.MULTILINE)


def points_back(body: dict[str, Any]) -> str:
    """A good small model: the task's own points (figures as slots) written out; a short paragraph for
    a task without points."""
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    shown = user.partition("【本段要点】")[2].partition("\n\n")[0]
    points = POINT.findall(shown)
    return (
        "".join(p.rstrip("。") + "。" for p in points)
        or "经自评，各项工作有序推进，较好地完成了年度目标任务。"
    )


def draft(stub: StubServer, tmp_path, **options: Any) -> tuple[str, Any]:
    out = io.StringIO()
    console = Console(file=out, width=200, force_terminal=False)
    writer = WriterChoice(base_url=stub.base_url, api_key="k", model="stub-model", timeout=10, max_retries=0)
    opts = DraftOptions(data_path("ziyang-2021"), tmp_path / "out", writer, concurrency=1, **options)
    outcome = draft_report(opts, console)
    return out.getvalue(), outcome


def test_small_tasks_stream_with_their_budgets_and_the_estimate_is_printed(
    stub_server: StubServer, tmp_path
) -> None:
    stub_server.default = points_back
    printed, outcome = draft(stub_server, tmp_path, stream=True, max_tokens=400)
    bodies = [r.json for r in stub_server.chat_requests]
    assert bodies and all(b["stream"] is True for b in bodies)
    budgets = [b["max_tokens"] for b in bodies]
    assert max(budgets) == 400 and min(budgets) < 400  # each task its own budget, under the cap
    assert (
        len(
            re.findall(
                r"^estimate: about .+ for the \d+ model sections left \(at 1 at a time\)$", printed, re.M
            )
        )
        == 1
    )
    model_written = [sd for sd in outcome.draft.sections if sd.section.writer == "model" and sd.attempts]
    # 存在问题 of data that holds none is not asked of the model: the built-in writer marks the gap
    unasked = {sd.section.id for sd in model_written if sd.writer == TEMPLATE_WRITER}
    assert unasked <= {"problems", "improvements"}
    model_written = [sd for sd in model_written if sd.section.id not in unasked]
    assert model_written and all(sd.writer == "stub-model" for sd in model_written)
    assert all(tokens_per_second(sd) for sd in model_written)
    assert "tok/s" in printed


def test_streamed_pieces_are_counted_while_a_section_runs() -> None:
    sd = SectionDraft(sections(DATA, ids={"work_1"})[0], status="running")
    sd.streamed, sd.stream_started = 30, 100.0
    assert tokens_per_second(sd, now=110.0) == 3.0
    sd.status = "ok"
    sd.attempts = [
        Attempt(1, "t", Usage(100, 40), 8.0, None, []),
        Attempt(2, "t", Usage(100, 20), 2.0, None, []),
    ]
    assert tokens_per_second(sd) == 6.0


def test_the_estimate_is_the_mean_time_of_the_model_sections_done_times_those_left() -> None:
    planned = [s for s in sections(DATA) if s.writer == "model" and s.writes]
    sds = [SectionDraft(s) for s in planned]
    the_draft = Draft("t", "d", "m", {"base_url": "u", "model": "m"}, sds)
    assert estimate(the_draft, 1) is None  # nothing done yet
    sds[0].status, sds[0].attempts = "ok", [Attempt(1, "t", Usage(), 120.0, None, [])]
    assert estimate(the_draft, 1) == (120.0 * (len(sds) - 1), len(sds) - 1)
    assert estimate(the_draft, 2) == (120.0 * (len(sds) - 1) / 2, len(sds) - 1)
    out = io.StringIO()
    progress = DraftProgress(Console(file=out, width=200), 1)
    progress.update(the_draft)
    progress.update(the_draft)
    assert out.getvalue().count("estimate: about") == 1
    assert duration(40) == "40 s" and duration(90) == "2 min" and duration(5400) == "1 h 30 min"
