"""Failed runs and the output folder: nothing finished is lost, nothing is half-written, exits tell the truth.

Each case runs the real entry point (in-process, or as a child process where a signal is involved) and
asserts the exit code, the message, and the files left in the output folder.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter.drafting.outdir import LOCK_NAME
from tests.drafting.helpers import env_for
from tests.faults.helpers import ZIYANG, files, one_line_error, record, run_main
from tests.models.stub_server import (
    StubServer,
    hang,
    server_error,
    stub_server_fixture,  # noqa: F401 - the stub_server fixture
    unauthorized,
)

PLAIN = "各项工作有序推进，较好地完成了年度任务。"


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/v1"


def complete_draft(monkeypatch, capsys, out: Path) -> dict[str, bytes]:
    result = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out)
    assert result.code == 0, result.text
    assert record(out)["complete"] is True
    return files(out)


def model_args(url: str, *extra: str) -> list[str]:
    return ["--base-url", url, "--model", "stub-model", "--max-retries", "0", "--timeout", "2", *extra]


# ------------------------------------------------------------------------------ a failed re-run


@pytest.mark.parametrize("fault", ["unreachable", "401"])
def test_a_failed_rerun_keeps_the_finished_report(
    stub_server: StubServer, tmp_path, monkeypatch, capsys, fault
):
    out = tmp_path / "out"
    before = complete_draft(monkeypatch, capsys, out)
    url = closed_port_url() if fault == "unreachable" else stub_server.base_url
    stub_server.default = unauthorized()
    result = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out, *model_args(url))
    message = one_line_error(result)
    assert ("cannot reach" if fault == "unreachable" else "HTTP 401") in message
    after = files(out)
    assert after["report.md"] == before["report.md"] and after["draft.json"] == before["draft.json"]
    assert "kept the earlier, more complete report" in result.out
    assert "report.new.md" in result.out
    partial = record(out, "draft.new.json")
    assert partial["complete"] is False  # this run's work is kept too, beside the report
    assert not (out / LOCK_NAME).exists()


def test_resume_continues_the_new_draft_and_then_replaces_the_report(
    stub_server, tmp_path, monkeypatch, capsys
):
    out = tmp_path / "out"
    complete_draft(monkeypatch, capsys, out)
    stub_server.default = unauthorized()
    run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out, *model_args(stub_server.base_url))
    assert (out / "draft.new.json").exists()
    stub_server.default = PLAIN
    result = run_main(
        monkeypatch, capsys, "draft", ZIYANG, "-o", out, "--resume", *model_args(stub_server.base_url)
    )
    assert result.code == 0, result.text
    assert f"kept from {out / 'draft.new.json'}" in result.out
    done = record(out)
    assert done["complete"] is True and done["writer"] == "stub-model"
    assert not (out / "draft.new.json").exists() and not (out / "report.new.md").exists()


def test_a_single_section_run_does_not_replace_a_full_report(tmp_path, monkeypatch, capsys) -> None:
    out = tmp_path / "out"
    before = complete_draft(monkeypatch, capsys, out)
    result = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out, "--sections", "staff")
    assert result.code == 0, result.text
    assert files(out)["report.md"] == before["report.md"]
    assert "report.new.md" in result.out


def test_a_complete_rerun_replaces_the_report(tmp_path, monkeypatch, capsys) -> None:
    out = tmp_path / "out"
    complete_draft(monkeypatch, capsys, out)
    (out / "report.md").write_text("旧稿\n", encoding="utf-8")
    result = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out)
    assert result.code == 0 and "kept the earlier" not in result.out
    assert (out / "report.md").read_text(encoding="utf-8") != "旧稿\n"


def test_a_report_without_its_record_is_replaced_only_by_a_complete_draft(
    stub_server, tmp_path, monkeypatch, capsys
):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").write_text("人工修改过的报告\n", encoding="utf-8")
    stub_server.default = unauthorized()
    run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out, *model_args(stub_server.base_url))
    assert (out / "report.md").read_text(encoding="utf-8") == "人工修改过的报告\n"


# ----------------------------------------------------------------------------- one run per folder


def test_a_second_run_into_a_busy_folder_is_refused(stub_server, tmp_path, monkeypatch, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)", "drafter"])
    try:
        (out / LOCK_NAME).write_text(f"{holder.pid}\n", encoding="utf-8")
        result = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out, *model_args(stub_server.base_url))
    finally:
        holder.kill()
        holder.wait()
    message = one_line_error(result)
    assert f"another drafter run (pid {holder.pid}) is writing into this folder" in message
    assert not stub_server.chat_requests  # refused before any model call
    assert sorted(files(out)) == [LOCK_NAME]  # nothing written over the other run's work


def test_a_stale_lock_is_taken_over(tmp_path, monkeypatch, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    (out / LOCK_NAME).write_text(f"{gone.pid}\n", encoding="utf-8")
    result = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out)
    assert result.code == 0, result.text
    assert not (out / LOCK_NAME).exists()


def test_temp_files_of_a_killed_run_are_removed(tmp_path, monkeypatch, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in (".report.md.k9x2.tmp", ".draft.json.a1b2.tmp"):
        (out / name).write_text("half", encoding="utf-8")
    (out / "notes.tmp").write_text("mine", encoding="utf-8")  # not drafter's: left alone
    assert run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out).code == 0
    assert sorted(files(out)) == ["draft.json", "notes.tmp", "report.md"]


# ------------------------------------------------------------------------- unusable output folder


def test_an_output_path_that_is_a_file(stub_server, tmp_path, monkeypatch, capsys) -> None:
    out = tmp_path / "out"
    out.write_text("x", encoding="utf-8")
    result = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out, *model_args(stub_server.base_url))
    assert "is a file, expected the output folder" in one_line_error(result)
    assert not stub_server.chat_requests


def test_an_output_folder_inside_a_file(stub_server, tmp_path, monkeypatch, capsys) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", tmp_path / "file" / "out")
    assert "cannot create the output folder" in one_line_error(result)


def test_report_md_that_is_a_folder(stub_server, tmp_path, monkeypatch, capsys) -> None:
    (tmp_path / "out" / "report.md").mkdir(parents=True)
    result = run_main(
        monkeypatch, capsys, "draft", ZIYANG, "-o", tmp_path / "out", *model_args(stub_server.base_url)
    )
    assert "report.md: is a folder" in one_line_error(result)
    assert not stub_server.chat_requests


def test_a_folder_drafter_cannot_write_into(stub_server, tmp_path, monkeypatch, capsys) -> None:
    """A read-only folder (simulated: the tests run as root, who may write anywhere)."""
    out = tmp_path / "out"
    out.mkdir()
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if str(path).startswith(str(out)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    result = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out, *model_args(stub_server.base_url))
    assert "cannot write into the output folder (Permission denied)" in one_line_error(result)
    assert not stub_server.chat_requests


# ------------------------------------------------------------------------------ modes and resume


def test_outputs_keep_their_permissions(tmp_path, monkeypatch, capsys) -> None:
    out = tmp_path / "out"
    old_umask = os.umask(0o022)
    try:
        complete_draft(monkeypatch, capsys, out)
        assert stat.S_IMODE((out / "report.md").stat().st_mode) == 0o644
        (out / "draft.json").chmod(0o640)
        complete_draft(monkeypatch, capsys, out)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((out / "report.md").stat().st_mode) == 0o644
    assert stat.S_IMODE((out / "draft.json").stat().st_mode) == 0o640


@pytest.mark.parametrize("content", ["", "[1, 2]", '{"sections": "no"}', '{"sections": [1]}', "{"])
def test_resume_with_an_empty_or_foreign_record(tmp_path, monkeypatch, capsys, content: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "draft.json").write_text(content, encoding="utf-8")
    result = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out, "--resume")
    message = one_line_error(result)
    assert "draft.json" in message and "remove --resume" in message
    assert (out / "draft.json").read_text(encoding="utf-8") == content


# ------------------------------------------------------------------------------------- secrets


@pytest.mark.parametrize("shape", ["query", "userinfo"])
def test_a_key_inside_the_base_url_is_never_shown_or_stored(
    stub_server, tmp_path, monkeypatch, capsys, shape
):
    secret = "s3cr3t-in-url-9d2f"
    host = stub_server.base_url.removeprefix("http://")
    url = f"http://{host}?api-key={secret}" if shape == "query" else f"http://user:{secret}@{host}"
    stub_server.default = PLAIN
    out = tmp_path / "out"
    result = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out, *model_args(url))
    assert result.code == 0, result.text
    assert stub_server.chat_requests  # the key still reached the server
    for name, content in files(out).items():
        assert secret.encode() not in content, name
    assert secret not in result.text
    assert "***" in record(out)["endpoint"]["base_url"]


# -------------------------------------------------------------------------------- exit status


def test_exit_3_when_the_model_wrote_no_section(stub_server, tmp_path, monkeypatch, capsys) -> None:
    stub_server.default = server_error()
    out = tmp_path / "out"
    result = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out, *model_args(stub_server.base_url))
    assert result.code == 3, result.text
    assert "no section was written by the model" in result.out
    assert record(out)["complete"] is True  # the fallback still wrote everything


def test_exit_0_when_the_model_wrote_some_sections(stub_server, tmp_path, monkeypatch, capsys) -> None:
    stub_server.enqueue(server_error())  # one section falls back, the others are the model's
    stub_server.default = PLAIN
    result = run_main(
        monkeypatch,
        capsys,
        "draft",
        ZIYANG,
        "-o",
        tmp_path / "out",
        "-j",
        "1",
        *model_args(stub_server.base_url),
    )
    assert result.code == 0, result.text


# ------------------------------------------------------------------------------------- signals


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_saves_restores_the_cursor_and_says_so(stub_server: StubServer, tmp_path: Path) -> None:
    out = tmp_path / "out"
    stub_server.default = hang()
    args = [
        sys.executable,
        "-m",
        "drafter",
        "draft",
        str(ZIYANG),
        "-o",
        str(out),
        *model_args(stub_server.base_url),
    ]
    args[-1] = "30"  # --timeout: the model thinks until the signal
    env = {
        **env_for(tmp_path),
        "FORCE_COLOR": "1",
        "TERM": "xterm",
    }  # a terminal: the live table hides the cursor
    env.pop("NO_COLOR")
    log = (tmp_path / "stdout").open("wb")  # a file, not a pipe: the live table must never block on it
    child = subprocess.Popen(args, cwd=tmp_path, env=env, stdout=log, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not (stub_server.chat_requests and (out / "draft.json").exists()):
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        child.send_signal(signal.SIGTERM)
        _, stderr = child.communicate(timeout=20)
    finally:
        if child.poll() is None:
            child.kill()
        log.close()
    text = (tmp_path / "stdout").read_text(encoding="utf-8")
    assert child.returncode == 143, text + stderr.decode("utf-8")
    assert "terminated: finished sections are saved" in text
    assert "\x1b[?25l" in text and text.rfind("\x1b[?25h") > text.rfind("\x1b[?25l")  # cursor shown again
    saved = json.loads((out / "draft.json").read_text(encoding="utf-8"))
    assert saved["complete"] is False and any(s["status"] == "ok" for s in saved["sections"])
    assert not (out / LOCK_NAME).exists()
    assert not list(out.glob(".*.tmp"))


def test_escapes_in_the_model_name_never_reach_the_terminal(
    stub_server, tmp_path, monkeypatch, capsys
) -> None:
    stub_server.default = PLAIN
    args = model_args(stub_server.base_url)
    args[args.index("stub-model")] = "\x1b]0;pwned\x07qwen\x1b[2J"
    result = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", tmp_path / "out", *args)
    assert result.code == 0, result.text
    assert "\x1b" not in result.text and "\x07" not in result.text
    assert "\\x1b]0;pwned" in result.out


def test_a_full_disk_leaves_the_report_whole_and_says_so(tmp_path, monkeypatch, capsys) -> None:
    import errno

    out = tmp_path / "out"
    before = complete_draft(monkeypatch, capsys, out)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    result = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out)
    assert "cannot write the draft (No space left on device)" in one_line_error(result)
    after = files(out)
    assert after["report.md"] == before["report.md"] and after["draft.json"] == before["draft.json"]
    assert not list(out.glob(".*.tmp")) and not (out / LOCK_NAME).exists()
