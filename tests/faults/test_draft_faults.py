"""The endpoint fault matrix through `drafter draft`, re-run over a finished report.

Every fault is served for every model call of the run. A fault that stops the run (no connection, key
rejected, unknown model) exits 2 and leaves the finished report untouched; a fault that one section
survives (5xx, timeouts, bad answers) has the built-in writer write it, and when that happens to every
model section the run exits 3 with a complete, flagged report. No case loses the finished report or
leaves a temp file or the lock behind.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.drafting.outdir import LOCK_NAME
from tests.faults.helpers import ZIYANG, files, one_line_error, record, run_main
from tests.models.stub_server import (
    Reply,
    StubServer,
    context_length_exceeded,
    empty_answer,
    empty_choices,
    hang,
    html_page,
    malformed_json,
    model_not_found,
    rate_limited_retry_after,
    reset_mid_body,
    reset_mid_stream,
    server_error,
    service_unavailable,
    slow_stream,
    stub_server_fixture,  # noqa: F401 - the stub_server fixture
    unauthorized,
)

PLAIN = "各项工作有序推进，较好地完成了年度任务。"
# the sections the model is asked for: ziyang-2021's data states no problem and no measure, so 存在问题 and
# 改进措施 are the built-in writer's (a gap marked), never a model call
MODEL_SECTIONS = ("performance", "work_1", "work_2", "work_3", "work_4")

STOPS = {  # fault -> words of the one-line error
    "reset mid-body": (reset_mid_body(), False, "cannot reach"),
    "reset mid-stream": (reset_mid_stream(), True, "cannot reach"),
    "401": (unauthorized(), False, "rejected the API key (HTTP 401)"),
    "404": (model_not_found("stub-model"), False, "does not serve model 'stub-model' (HTTP 404)"),
}
FALLS_BACK = {  # fault -> words of the sections' flags
    "500": (server_error(), False, "HTTP 500"),
    "503": (service_unavailable(), False, "HTTP 503"),
    "hang": (hang(), False, "timeout"),
    "malformed JSON": (malformed_json(), False, "malformed JSON"),
    "empty choices": (empty_choices(), False, "not a usable chat completion"),
    "empty content": (empty_answer(), True, "empty answer"),
    "HTML": (html_page(), False, "not a usable chat completion"),
    "context length": (context_length_exceeded(), False, "too long"),
}


def rerun(stub: StubServer, out: Path, monkeypatch, capsys, reply: Reply, stream: bool, timeout: str = "10"):
    """Draft once offline, then again against the faulty stub. The short timeout is only for the fault
    that hangs: given to every fault, a loaded machine answered a 400 after it and the section's flag
    said timeout instead of the fault's words."""
    first = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out)
    assert first.code == 0, first.text
    before = files(out)
    stub.default = reply
    args = ["--base-url", stub.base_url, "--model", "stub-model", "--max-retries", "0", "--timeout", timeout]
    result = run_main(
        monkeypatch, capsys, "draft", ZIYANG, "-o", out, *args, *(["--stream"] if stream else [])
    )
    assert not list(out.glob(".*.tmp")) and not (out / LOCK_NAME).exists()
    return before, result


@pytest.mark.parametrize("fault", list(STOPS))
def test_a_fault_that_stops_the_run_keeps_the_report(
    stub_server, tmp_path, monkeypatch, capsys, fault
) -> None:
    reply, stream, words = STOPS[fault]
    out = tmp_path / "out"
    before, result = rerun(stub_server, out, monkeypatch, capsys, reply, stream)
    assert words in one_line_error(result)
    after = files(out)
    assert after["report.md"] == before["report.md"] and after["draft.json"] == before["draft.json"]


@pytest.mark.parametrize("fault", list(FALLS_BACK))
def test_a_fault_every_section_survives_exits_3(stub_server, tmp_path, monkeypatch, capsys, fault) -> None:
    reply, stream, words = FALLS_BACK[fault]
    out = tmp_path / "out"
    _, result = rerun(
        stub_server, out, monkeypatch, capsys, reply, stream, "0.3" if fault == "hang" else "10"
    )
    assert result.code == 3, result.text
    assert "Traceback" not in result.text
    done = record(out)
    assert done["complete"] is True
    fell_back = [s for s in done["sections"] if any("模型未能生成本部分" in f for f in s["flags"])]
    assert {s["id"] for s in fell_back} == set(MODEL_SECTIONS)
    assert all(s["status"] == "flagged" and s["text"] for s in fell_back)
    assert all(words in " ".join(s["flags"]) for s in fell_back), [(s["id"], s["flags"]) for s in fell_back]


@pytest.mark.parametrize("fault", ["429 with Retry-After", "slow stream"])
def test_a_fault_the_retry_or_the_timeout_absorbs(stub_server, tmp_path, monkeypatch, capsys, fault) -> None:
    out = tmp_path / "out"
    if fault == "429 with Retry-After":
        stub_server.enqueue(rate_limited_retry_after("0.05"))
        reply, stream = PLAIN, False
    else:
        reply, stream = slow_stream(PLAIN, 0.05), True
    first = run_main(monkeypatch, capsys, "draft", ZIYANG, "-o", out)
    assert first.code == 0
    stub_server.default = reply
    args = [
        "--base-url",
        stub_server.base_url,
        "--model",
        "stub-model",
        "--max-retries",
        "1",
        "--timeout",
        "2",
    ]
    result = run_main(
        monkeypatch, capsys, "draft", ZIYANG, "-o", out, *args, *(["--stream"] if stream else [])
    )
    assert result.code == 0, result.text
    done = record(out)
    assert done["complete"] is True and done["writer"] == "stub-model"
    assert not any("模型未能" in f for s in done["sections"] for f in s["flags"])
