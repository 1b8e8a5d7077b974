"""Ctrl-C and cancellation mid-draft, and atomic writes: what was finished is on disk, the rest is marked.

report.md shows 〔未完成…〕 for every unfinished section, draft.json says `pending` and `complete: false`,
and drafting again finishes the job. `write_atomic` never leaves a half-written or missing file.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter.drafting.markdown import PENDING
from drafter.drafting.run import Drafter
from drafter.drafting.store import save, write_atomic
from drafter.models import FakeModel
from tests.drafting.helpers import PLAIN, by_id, data_path, env_for, example_data, make_draft, plain_answer
from tests.models.stub_server import StubServer, delayed, stub_server_fixture  # noqa: F401

DATA = example_data("ziyang-2021")
PERFORMANCE = "全年支出合计134.56万元，其中基本支出82.67万元，项目经费支出51.89万元。"
WORK_1 = "2021年，共救助了7名“两癌”贫困妇女，发放救助金7万元。"
MODEL_SECTIONS = ("performance", "work_1", "work_2", "work_3", "work_4", "problems", "improvements")


def read(outdir: Path) -> tuple[str, dict]:
    report = (outdir / "report.md").read_text(encoding="utf-8")
    return report, json.loads((outdir / "draft.json").read_text(encoding="utf-8"))


def run_until_interrupted(drafter: Drafter, draft) -> None:
    """Run the draft on a fresh loop until a KeyboardInterrupt escapes it, then clean up as asyncio.run does.

    A KeyboardInterrupt raised inside a task leaves the loop at once; cancelling what is left then raises
    it again from the main task. Both are caught, and the main task's exception is retrieved, so asyncio
    logs no "Task exception was never retrieved" traceback (whose formatting trips a CPython 3.11.7 bug
    in ast.parse's recursion counter, which then breaks pytest's assertion rewriting).
    """
    loop = asyncio.new_event_loop()
    main = loop.create_task(drafter.run(draft))
    try:
        with pytest.raises(KeyboardInterrupt):
            loop.run_until_complete(main)
        left = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in left:
            task.cancel()
        try:
            loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
        except KeyboardInterrupt:
            pass
        assert main.done() and isinstance(main.exception(), KeyboardInterrupt)
    finally:
        loop.close()


def assert_saved_as_unfinished(
    outdir: Path, done: set[str], unfinished: tuple[str, ...] = ("pending",)
) -> None:
    """The files hold the finished sections' text and mark every other writing section unfinished."""
    report, record = read(outdir)
    assert record["complete"] is False
    for s in record["sections"]:
        if s["status"] == "heading":
            continue
        if s["id"] in done:
            assert s["status"] in ("ok", "repaired", "flagged"), s
            assert s["text"] and s["text"] in report
        else:
            assert s["status"] in unfinished, s
            assert s["text"] == ""
    pending = [s for s in record["sections"] if s["status"] in unfinished]
    assert pending, "nothing was left unfinished: the test did not interrupt anything"
    assert report.count(PENDING) == len(pending)
    assert "〔未完成〕" in report.splitlines()[2]  # the head note points the reader at them
    lines = report.splitlines()
    for s in pending:  # each unfinished section's heading is followed by the mark
        at = lines.index(f"{'#' * (s['level'] + 1)} {s['heading']}")
        assert lines[at + 2] == PENDING


def test_keyboard_interrupt_from_the_model_keeps_finished_sections(tmp_path: Path) -> None:
    model = FakeModel(PERFORMANCE, WORK_1, KeyboardInterrupt(), latency=0.01, default=plain_answer)
    drafter, draft = make_draft(DATA, model, concurrency=1)
    run_until_interrupted(drafter, draft)
    save(draft, tmp_path)  # what `drafter draft` does in its finally
    done = {sd.section.id for sd in draft.sections if sd.done and sd.status != "heading"}
    assert {"staff", "budget_basic", "performance", "work_1"} <= done
    assert "work_2" not in done and by_id(draft)["work_2"].status == "pending"
    assert_saved_as_unfinished(tmp_path, done)
    report, _ = read(tmp_path)
    assert PERFORMANCE in report and WORK_1 in report

    # drafting again (a new Drafter on the same draft) does only what is left, and completes it
    asked = len(model.requests)
    again = Drafter(DATA, model=model, concurrency=1)
    asyncio.run(again.run(draft))
    redone = [r.context["section"]["id"] for r in model.requests[asked:]]
    assert sorted(redone) == ["improvements", "problems", "work_2", "work_3", "work_4"]
    save(draft, tmp_path)
    report, record = read(tmp_path)
    assert record["complete"] is True and PENDING not in report
    # ziyang's data says nothing of the three fund budgets: those sections ask for it (flagged notes)
    funds = {"gov_fund", "state_capital", "social_insurance"}
    assert {s["status"] for s in record["sections"] if s["id"] in funds} == {"flagged"}
    assert {s["status"] for s in record["sections"] if s["id"] not in funds} <= {"heading", "ok"}


def test_the_same_drafter_can_resume_in_a_new_event_loop() -> None:
    """After Ctrl-C, `asyncio.run(drafter.run(draft))` again must draft the rest (as run()'s docstring says:
    "Draft every pending section"), not fail on asyncio objects bound to the first, closed loop."""
    model = FakeModel(PERFORMANCE, KeyboardInterrupt(), latency=0.01, default=plain_answer)
    drafter, draft = make_draft(DATA, model, concurrency=1)
    run_until_interrupted(drafter, draft)
    assert not draft.complete
    asyncio.run(drafter.run(draft))
    assert draft.complete


def test_cancelling_the_run_midway_keeps_finished_sections(tmp_path: Path) -> None:
    model = FakeModel(
        latency=0.05, default=lambda r: WORK_1 if r.context["section"]["id"] == "work_1" else plain_answer(r)
    )
    drafter, draft = make_draft(DATA, model, concurrency=2)
    saved: list[str] = []

    def update(sd) -> None:  # as the CLI does: every finished section goes to disk at once
        if sd.done:
            save(draft, tmp_path)
            saved.append(sd.section.id)

    drafter.on_update = update

    async def main() -> None:
        task = asyncio.create_task(drafter.run(draft))
        while not by_id(draft)["work_1"].done:
            await asyncio.sleep(0.005)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert "work_1" in saved
    done = {sd.section.id for sd in draft.sections if sd.done and sd.status != "heading"}
    assert not {"work_4", "problems", "improvements"} & done
    assert all(sd.status != "running" for sd in draft.sections)
    # the files written after the last finished section already say what is unfinished (sections still
    # being drafted at that moment are recorded as running)...
    assert_saved_as_unfinished(tmp_path, done, unfinished=("pending", "running"))
    # ...and saving after the cancellation gives the same picture
    save(draft, tmp_path)
    assert_saved_as_unfinished(tmp_path, done)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_ctrl_c_on_drafter_draft_saves_and_the_same_command_finishes(
    stub_server: StubServer, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = [sys.executable, "-m", "drafter", "draft", str(data_path("ziyang-2021")), "-o", str(out)]
    args += ["--base-url", stub_server.base_url, "--model=stub-model", "--max-retries=0", "--timeout=30"]
    stub_server.default = delayed(30, PLAIN)  # the model never answers in time: Ctrl-C while it thinks
    child = subprocess.Popen(
        args, cwd=tmp_path, env=env_for(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 30
        while not (stub_server.chat_requests and (out / "draft.json").exists()):
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "drafter draft never asked the model"
            time.sleep(0.02)
        child.send_signal(signal.SIGINT)
        stdout, stderr = child.communicate(timeout=20)
    finally:
        if child.poll() is None:
            child.kill()
    stdout_text = stdout.decode("utf-8")
    assert child.returncode == 130, stdout_text + stderr.decode("utf-8")
    assert "interrupted: finished sections are saved" in stdout_text
    _, record = read(out)
    done = {s["id"] for s in record["sections"] if s["status"] not in ("pending", "heading")}
    assert {"staff", "duties", "budget_basic", "budget_projects"} <= done
    assert not set(MODEL_SECTIONS) & done
    assert_saved_as_unfinished(out, done)

    stub_server.default = PLAIN  # the same command again, with a model that answers
    rerun = subprocess.run(
        args, cwd=tmp_path, env=env_for(tmp_path), capture_output=True, timeout=60, check=False
    )
    assert rerun.returncode == 0, rerun.stdout.decode("utf-8") + rerun.stderr.decode("utf-8")
    report, record = read(out)
    assert record["complete"] is True and PENDING not in report
    assert all(s["status"] != "pending" for s in record["sections"])


# ------------------------------------------------------------------------------------ atomic writes


def test_write_atomic_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "report.md"
    write_atomic(target, "旧稿\n")
    write_atomic(target, "新稿\n")
    assert target.read_text(encoding="utf-8") == "新稿\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.md"]  # no temp file left


def test_write_atomic_keeps_the_old_file_when_the_rename_fails(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "report.md"
    target.write_text("旧稿：完整的一份\n", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, "新稿")
    assert target.read_text(encoding="utf-8") == "旧稿：完整的一份\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # the temp file is cleaned up


def test_write_atomic_keeps_the_old_file_when_interrupted_while_writing(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "draft.json"
    target.write_text('{"old": true}\n', encoding="utf-8")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, '{"new": true}\n' * 10_000)
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["draft.json"]


def test_save_never_leaves_a_report_without_its_record(tmp_path: Path, monkeypatch) -> None:
    """A failed save leaves the previous pair of files readable (each file whole)."""
    _, draft = make_draft(DATA, None, ids={"staff"})
    asyncio.run(Drafter(DATA).run(draft))
    save(draft, tmp_path)
    before = read(tmp_path)
    real_replace = os.replace

    def fail_on_report(src, dst):
        if str(dst).endswith("report.md"):
            raise OSError(5, "I/O error")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_on_report)
    with pytest.raises(OSError):
        save(draft, tmp_path)
    report, record = read(tmp_path)
    assert report == before[0]
    assert record["sections"] == before[1]["sections"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.json", "report.md"]
