"""End to end through the real HTTP path: `drafter draft` against a local OpenAI-compatible stub server.

The stub answers each section from its prompt, with numbers that are wrong, swapped or invented (and
one that is corrected when re-asked). Whatever the model says, report.md must carry no wrong number
without a 〔待核实〕 mark, replaced numbers must show their verified values and be marked 〔已更正〕,
swapped given values must be marked (not "fixed": which of the two is wrong is a binding question),
draft.json must record how each section was made, and the API key must appear nowhere.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from drafter.check import check, make_grounder
from drafter.check.examples import example_numbers_for
from drafter.data.fewshot import load_corpus
from drafter.drafting.repair import MARK, unflagged
from drafter.drafting.run import Drafter
from drafter.models import OpenAICompatible
from drafter.models.config import Endpoint
from drafter.text.tokens import count_tokens
from drafter.writing.builtin import NAME as TEMPLATE_WRITER
from drafter.writing.outline import load_outline
from tests.drafting.helpers import data_path, env_for, example_data, sections
from tests.models.stub_server import (
    StubServer,
    model_not_found,
    run_stub_server,
    stub_server_fixture,  # noqa: F401 - the stub_server fixture
)

KEY = "sk-test-SECRET-123"
MODEL = "stub-model"
DATA = example_data("ziyang-2021")

WRONG_P = (
    "2021年，资阳区妇联统筹使用预算资金，全年支出合计144.56万元，"
    "其中基本支出82.67万元，项目经费支出51.89万元。"
)
RIGHT_1 = "2021年，共救助了7名“两癌”贫困妇女，发放救助金7万元。"
SWAPPED_2 = (
    "利用区政府机关大型电子显示屏开展集中普法活动，发放资料20000余份。宣传相关法律知识，覆盖人数10000人以上。"
)
INVENTED_3 = (
    "2021年我区农村适龄和城镇低保适龄妇女“两癌”免费检查完成4060例，占全年任务的101%。"
    "另为35名困难妇女提供心理疏导服务。"
)
WRONG_4, RIGHT_4 = "隆重表彰全区30个文明家庭。", "隆重表彰全区20个文明家庭。"
PLAIN = "经自评，各项工作有序推进，较好地完成了年度目标任务。"

# heading in the prompt -> the model's answers, first attempt then re-asks (the last one repeats)
SCRIPT: dict[str, list[str]] = {
    "六、部门整体支出绩效情况": [WRONG_P],  # stubborn: a bound wrong total
    "1.积极救助贫困母亲": [RIGHT_1],
    "2.集中普法宣传": [SWAPPED_2],  # stubborn: two activities' numbers swapped
    "3.全面开展农村适龄妇女“两癌”免费检查工作": [INVENTED_3],  # stubborn: an invented figure
    "4.积极推报典型、表彰先进，并加强宣传报道": [WRONG_4, RIGHT_4],  # corrected when re-asked
    "七、存在的问题及原因分析": [PLAIN],
    "八、下一步改进措施": [PLAIN],
}
_HEADING = re.compile(r"中的“(.+?)”部分")


def heading_of(body: dict[str, Any]) -> str:
    first_user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    match = _HEADING.search(first_user)
    assert match, first_user[:200]
    return match.group(1)


def attempt_of(body: dict[str, Any]) -> int:
    """1 for the first call, 2 for the first re-ask (system, user, then assistant + user per re-ask)."""
    return (len(body["messages"]) - 2) // 2 + 1


def scripted(body: dict[str, Any]) -> str:
    answers = SCRIPT[heading_of(body)]
    return answers[min(attempt_of(body), len(answers)) - 1]


def stub_usage(body: dict[str, Any], text: str) -> tuple[int, int]:
    """The usage the stub server reports: a rough len // 2 of the prompt and of the answer."""
    prompt = "".join(str(m.get("content", "")) for m in body["messages"])
    return max(1, len(prompt) // 2), max(1, len(text) // 2)


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    out: Path

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def endpoint_args(url: str, model: str = MODEL, timeout: str = "10") -> list[str]:
    """--base-url, --model and a distinctive --api-key, with no retries and a short timeout; one call per
    section (--whole-sections: the script answers by section heading; small tasks: test_small_tasks_stub)."""
    return [
        "--base-url", url, "--model", model, "--api-key", KEY, "--max-retries", "0", "--timeout", timeout,
        "--whole-sections",
    ]  # fmt: skip


def drafter_draft(tmp: Path, *args: str, data: Path | None = None) -> Run:
    out = tmp / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "drafter",
            "draft",
            str(data or data_path("ziyang-2021")),
            "-o",
            str(out),
            *args,
        ],
        capture_output=True,
        env=env_for(tmp),
        cwd=tmp,
        timeout=90,
        check=False,
    )
    return Run(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"), out)


def assert_no_key(run: Run) -> None:
    """The key is in no output and no file the run wrote (temp files included)."""
    assert KEY not in run.output and "SECRET-123" not in run.output
    if run.out.exists():
        for path in run.out.rglob("*"):
            if path.is_file():
                content = path.read_text(encoding="utf-8", errors="replace")
                assert KEY not in content and "SECRET-123" not in content, path


@dataclass(frozen=True)
class Scripted:
    run: Run
    requests: list[Any]  # the stub's chat requests
    base_url: str
    report: str
    record: dict[str, Any]

    def section(self, sid: str) -> dict[str, Any]:
        return next(s for s in self.record["sections"] if s["id"] == sid)

    def requests_for(self, heading: str) -> list[Any]:
        return [r for r in self.requests if heading_of(r.json) == heading]


@pytest.fixture(scope="module")
def scripted_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scripted]:
    tmp = tmp_path_factory.mktemp("scripted")
    with run_stub_server() as stub:
        stub.default = scripted
        run = drafter_draft(tmp, *endpoint_args(stub.base_url, timeout="20"), "--max-repairs", "1")
        assert run.returncode == 0, run.output
        report = (run.out / "report.md").read_text(encoding="utf-8")
        record = json.loads((run.out / "draft.json").read_text(encoding="utf-8"))
        yield Scripted(run, list(stub.chat_requests), stub.base_url, report, record)


# ------------------------------------------------------------------------------- the report is safe


def test_first_line_names_the_model_writer(scripted_run: Scripted) -> None:
    first = scripted_run.run.stdout.splitlines()[0]
    assert first.startswith(f"writer: model {MODEL} at {scripted_run.base_url}"), first


def test_no_wrong_number_in_the_report_goes_unflagged(scripted_run: Scripted) -> None:
    report = scripted_run.report
    result = check(report, make_grounder(DATA, example_numbers_for(DATA)))  # as `drafter check` does
    assert unflagged(result) == []
    assert [(v.mention.text, v.verdict) for v in result.problems] == [
        ("20000余份", "hedge"),
        ("10000人以上", "hedge"),
        ("35名", "unsupported"),
    ]
    assert result.missing == [] and result.audit_errors == []
    assert report.count(MARK + "：") == 3


def test_replaced_numbers_show_their_verified_values(scripted_run: Scripted) -> None:
    report = scripted_run.report
    # the wrong total appears only where the correction quotes it, in the text and in the section's list
    assert (
        "全年支出合计134.56万元〔已更正：原为144.56万元〕，其中基本支出82.67万元，项目经费支出51.89万元。"
        in report
    )
    assert "> 〔已更正：本部分按数据改正了以下数字，请复核——“144.56万元”改为“134.56万元”〕" in report
    assert report.count("144.56") == 2
    # two given values swapped: marked where they stand, never replaced
    given = "〔待核实：本句数字是本部分数据中另一项的值，请核对是否写错了位置〕"
    assert f"发放资料20000余份。{given}宣传相关法律知识，覆盖人数10000人以上。{given}" in report
    assert RIGHT_4 in report and WRONG_4 not in report
    assert "另为35名困难妇女提供心理疏导服务。〔待核实：本句有数字在数据中找不到依据〕" in report


def test_each_section_got_the_reask_it_needed(scripted_run: Scripted) -> None:
    calls = {heading: len(scripted_run.requests_for(heading)) for heading in SCRIPT}
    assert calls == {
        "六、部门整体支出绩效情况": 2,
        "1.积极救助贫困母亲": 1,
        "2.集中普法宣传": 2,
        "3.全面开展农村适龄妇女“两癌”免费检查工作": 2,
        "4.积极推报典型、表彰先进，并加强宣传报道": 2,
        "七、存在的问题及原因分析": 1,
        "八、下一步改进措施": 1,
    }
    reask = scripted_run.requests_for("4.积极推报典型、表彰先进，并加强宣传报道")[1].json["messages"]
    assert [m["role"] for m in reask] == ["system", "user", "assistant", "user"]
    assert reask[2]["content"] == WRONG_4
    assert f"句子“{WRONG_4}”中的“30个”" in reask[3]["content"] and "应为“20个”" in reask[3]["content"]
    for r in scripted_run.requests:
        assert r.json["model"] == MODEL
        assert r.headers["authorization"] == f"Bearer {KEY}"  # the key was really used...


def test_the_api_key_is_written_nowhere(scripted_run: Scripted) -> None:
    assert_no_key(scripted_run.run)  # ...but never written or shown
    assert sorted(p.name for p in scripted_run.run.out.iterdir()) == ["draft.json", "report.md"]
    assert scripted_run.record["endpoint"] == {"base_url": scripted_run.base_url, "model": MODEL}


# ------------------------------------------------------------------------------ draft.json records


def test_draft_json_records_each_prompt(scripted_run: Scripted) -> None:
    corpus = {f"{p.report}/{p.path.name}": p for p in load_corpus()}
    templates = {
        "performance": "performance.j2",
        "work_1": "work.j2",
        "work_2": "work.j2",
        "work_3": "work.j2",
        "work_4": "work.j2",
        "problems": "problems.j2",
        "improvements": "improvements.j2",
    }
    for sid, template in templates.items():
        s = scripted_run.section(sid)
        first = scripted_run.requests_for(s["heading"])[0].json["messages"]
        system, user = first[0]["content"], first[1]["content"]
        prompt = s["prompt"]
        assert prompt["template"] == template
        assert prompt["sha256"] == hashlib.sha256(f"{system}\n\n{user}".encode()).hexdigest()
        assert prompt["tokens"] == count_tokens(system) + count_tokens(user)
        assert prompt["fewshot"], sid  # the default budget holds some passages for every narrative kind
        for name in prompt["fewshot"]:
            assert not name.startswith("ziyang-2021/")  # never the unit's own published report
            assert corpus[name].text in user
        assert s["writer"] == MODEL
    for sid in ("staff", "budget_basic", "budget_projects", "gov_fund", "conclusion"):
        s = scripted_run.section(sid)
        assert "prompt" not in s and s["writer"] == TEMPLATE_WRITER


def test_draft_json_records_attempts_with_the_servers_usage(scripted_run: Scripted) -> None:
    total = [0, 0]
    for heading in SCRIPT:
        requests = scripted_run.requests_for(heading)
        s = next(x for x in scripted_run.record["sections"] if x["heading"] == heading)
        assert len(s["attempts"]) == len(requests)
        for attempt, request in zip(s["attempts"], requests, strict=True):
            answer = scripted(request.json)
            assert attempt["text"] == answer
            prompt_tokens, completion_tokens = stub_usage(request.json, answer)
            assert attempt["usage"] == {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
            }
            total[0] += prompt_tokens
            total[1] += completion_tokens
        assert s["usage"]["prompt_tokens"] == sum(a["usage"]["prompt_tokens"] for a in s["attempts"])
    assert scripted_run.record["usage"] == {"prompt_tokens": total[0], "completion_tokens": total[1]}
    problems = scripted_run.section("work_4")["attempts"][0]["problems"]
    assert [(p["text"], p["verdict"], p["expected"]) for p in problems] == [("30个", "mismatch", "20个")]


def test_draft_json_records_the_provenance_of_every_number(scripted_run: Scripted) -> None:
    numbers = {
        sid: scripted_run.section(sid)["check"]["numbers"] for sid in ("performance", "work_1", "work_2")
    }
    by_text = {sid: {n["text"]: n for n in ns} for sid, ns in numbers.items()}
    assert by_text["work_1"]["7名"]["fact"] == "activities[0].bullets[1]#1"
    assert by_text["work_1"]["7万元"]["fact"] == "activities[0].bullets[1]#2"
    assert by_text["performance"]["134.56万元"]["fact"] == "budget.spending.actual"
    assert by_text["performance"]["82.67万元"]["fact"] == "budget.basic.actual"
    assert by_text["work_2"]["20000余份"]["fact"] == "activities[1].bullets[0]#1"
    assert by_text["work_2"]["20000余份"]["verdict"] == "hedge"
    assert by_text["work_2"]["10000人以上"]["fact"] == "activities[1].bullets[1]#1"
    for s in scripted_run.record["sections"]:
        for n in s.get("check", {}).get("numbers", []):
            if n["verdict"] == "ok" and not re.fullmatch(r"\d{4}年?", n["text"]):
                assert n.get("fact") or n.get("derivation"), (s["id"], n)
    fixes = scripted_run.section("performance")["fixes"]
    assert fixes == [
        {
            "action": "replaced",
            "text": "144.56万元",
            "replacement": "134.56万元",
            "fact_id": "budget.spending.actual",
            "reason": fixes[0]["reason"],
        }
    ]
    assert scripted_run.section("performance")["corrections"] == fixes
    assert [(f["action"], f["mark"]) for f in scripted_run.section("work_2")["fixes"]] == [
        ("marked", "given"),
        ("marked", "given"),
    ]
    assert scripted_run.section("work_2")["corrections"] == []
    marked = scripted_run.section("work_3")
    assert marked["status"] == "flagged" and [f["action"] for f in marked["fixes"]] == ["marked"]
    assert marked["check"]["ok"] is False
    assert {"performance", "work_2", "work_3"} <= set(scripted_run.record["flagged_sections"])
    work_4 = scripted_run.section("work_4")  # right when re-asked; flagged for the points left out
    assert work_4["status"] == "flagged" and work_4["fixes"] == [] and work_4["flags"]
    assert all("大部分要点没有写" in f for f in work_4["flags"])
    assert scripted_run.record["complete"] is True


# ----------------------------------------------------------------------------- the library path


def test_drafter_with_openai_compatible_streaming(stub_server: StubServer) -> None:
    stub_server.default = scripted
    endpoint = Endpoint(base_url=stub_server.base_url, api_key=KEY, model=MODEL)
    model = OpenAICompatible(endpoint, stream=True, timeout=10, max_retries=0)
    drafter = Drafter(DATA, model=model, endpoint=endpoint, max_repairs=1)
    chosen = sections(DATA, ids={"work_2", "work_4"})
    draft = drafter.new_draft(load_outline(), chosen, "data.yaml")
    asyncio.run(drafter.run(draft))
    work_2, work_4 = draft.sections
    given = "〔待核实：本句数字是本部分数据中另一项的值，请核对是否写错了位置〕"
    assert work_2.text == SWAPPED_2.replace("。", "。" + given)
    assert work_2.status == "flagged" and work_4.text == RIGHT_4
    assert work_4.status == "flagged" and work_4.fixes == []  # right, but 1 of its theme's 10 points
    for request in stub_server.chat_requests:
        assert request.json["stream"] is True
    usage = [a.usage for a in work_4.attempts]
    expected = [
        stub_usage(r.json, scripted(r.json))
        for r in stub_server.chat_requests
        if heading_of(r.json) == work_4.section.heading
    ]
    assert [(u.prompt_tokens, u.completion_tokens) for u in usage] == expected
    assert unflagged(check(work_2.text, drafter.grounder)) == []


# ------------------------------------------------------------------------ errors the user can fix


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_endpoint_exits_2_naming_the_url_and_how_to_configure_it(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    run = drafter_draft(tmp_path, *endpoint_args(url, timeout="5"))
    assert run.returncode == 2, run.output
    assert run.stdout.splitlines()[0].startswith(f"writer: model {MODEL} at {url}")
    assert f"cannot reach {url}" in run.stderr
    assert "--base-url" in run.stderr and "OPENAI_BASE_URL" in run.stderr
    assert "Traceback" not in run.output
    assert_no_key(run)


def test_unknown_model_exits_2_naming_the_model(stub_server: StubServer, tmp_path: Path) -> None:
    stub_server.default = model_not_found("qwen-does-not-exist")
    run = drafter_draft(tmp_path, *endpoint_args(stub_server.base_url, "qwen-does-not-exist", timeout="5"))
    assert run.returncode == 2, run.output
    assert "qwen-does-not-exist" in run.stderr and "404" in run.stderr
    record = json.loads((run.out / "draft.json").read_text(encoding="utf-8"))  # what was done is kept
    assert record["complete"] is False
    assert {s["id"]: s["status"] for s in record["sections"]}["budget_basic"] == "ok"
    assert "--model" in run.stderr  # the hint says where the name comes from
    assert "Traceback" not in run.output
    assert_no_key(run)


def test_unknown_section_id_exits_2_listing_the_valid_ids(tmp_path: Path) -> None:
    run = drafter_draft(tmp_path, "--sections", "work,nonsense", "--template-only")
    assert run.returncode == 2, run.output
    assert "unknown section nonsense" in run.stderr
    listed = run.stderr.split("sections are:", 1)[1]
    for sid in "basic staff budget_basic performance work problems improvements conclusion".split():
        assert re.search(rf"\b{sid}\b", listed), sid
    assert not (run.out / "report.md").exists()  # nothing was drafted


def test_sections_option_drafts_only_those(tmp_path: Path) -> None:
    run = drafter_draft(tmp_path, "--sections", "budget_basic,conclusion")
    assert run.returncode == 0, run.output
    assert run.stdout.splitlines()[0].startswith("writer: built-in template writer")
    record = json.loads((run.out / "draft.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in record["sections"]] == ["general_budget", "budget_basic", "conclusion"]
    assert record["complete"] is True and record["writer"] == TEMPLATE_WRITER


def test_an_answer_without_closing_punctuation_is_marked_not_a_crash(
    stub_server: StubServer, tmp_path: Path
) -> None:
    """Models often end a paragraph with a line break and no 。: the invented figure there must be marked
    once, and `drafter draft` must finish normally (no traceback). (The answer's very last sentence has
    its 。: one without it is a cut-off answer, rejected by the prose check, issue 19.)"""
    stub_server.default = "各项工作有序推进。另慰问困难妇女35户\n下一步将继续做好相关工作。"
    run = drafter_draft(
        tmp_path, "--sections", "problems", *endpoint_args(stub_server.base_url), "--max-repairs", "0"
    )
    assert run.returncode == 0, run.output
    assert "Traceback" not in run.output
    report = (run.out / "report.md").read_text(encoding="utf-8")
    assert "另慰问困难妇女35户〔待核实：本句有数字在数据中找不到依据〕\n下一步将继续做好相关工作。" in report
    assert report.count(MARK + "：") == 1
    assert unflagged(check(report, DATA)) == []
