"""The prose check in the drafting loop: a rejected answer is re-asked once with its reasons, then the
built-in writer takes the section, flagged with them; nothing that failed it ships as 通过.

Answers are the shapes a real Qwen2.5 0.5B gave (tests/fixtures/prose/): the prompt handed back,
a loop cut off at max_tokens, the re-ask's list. The fixtures themselves go through the loop too.
"""

from __future__ import annotations

import json
from pathlib import Path

from drafter.drafting.repair import MARK
from drafter.models import FakeModel, Request
from drafter.writing.builtin import NAME as TEMPLATE_WRITER
from tests.drafting.helpers import example_data, run_draft
from tests.drafting.test_stub_server import drafter_draft, endpoint_args
from tests.models.stub_server import StubServer, stub_server_fixture  # noqa: F401

DATA = example_data("ziyang-2021")
GOOD_1 = (
    "区妇联高度重视贫困母亲“两癌”救助工作，从项目宣传、患者资料收集、调查核实、数据录入到资金发放，"
    "做好每一环节工作，确保资金安全发放到位。2021年，共救助了7名“两癌”贫困妇女，发放救助金7万元。"
)
WRONG_1 = GOOD_1.replace("7名", "8名")
LOOP = "2021年，共救助了7名“两癌”贫困妇女，发放救助金7万元。" * 30
REPEATED = "同一内容反复出现（重复率 0.97）"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "prose"


def one(model: FakeModel, sid: str = "work_1", **options):
    drafter, draft = run_draft(DATA, model, ids={sid}, **options)
    return drafter, draft.sections[0]


def prompt_back(request: Request) -> str:
    return request.messages[1].content


def test_a_loop_is_reasked_once_with_its_reason_then_the_good_answer_ships() -> None:
    model = FakeModel(LOOP, GOOD_1)
    _, sd = one(model)
    asked = model.requests[1].messages[-1].content
    assert asked.startswith("你刚才的回答不能作为报告正文") and "同一内容反复出现" in asked
    assert len(model.requests[1].messages[-2].content) <= 300  # the rejected answer is not sent back whole
    assert sd.text == GOOD_1 and sd.status == "ok" and sd.writer == "fake"
    assert [p["prose"] for p in sd.attempts[0].problems if "prose" in p][:1] == ["repetition"]
    assert any("未通过文字检查" in n and "已要求重写" in n for n in sd.notes)


def test_rejected_twice_the_built_in_writer_takes_the_section_flagged_with_the_reasons() -> None:
    model = FakeModel(default=LOOP)
    _, sd = one(model, max_repairs=2)
    _, reference = one(None)
    assert len(model.requests) == 2  # re-asked once, not max_repairs times
    assert sd.writer == TEMPLATE_WRITER and sd.text == reference.text and sd.status == "flagged"
    assert sd.flags == [f"模型未能生成本部分（回答未通过文字检查：{REPEATED}），已改用内置模板写作"]
    assert LOOP not in sd.text and MARK not in sd.text


def test_a_number_reask_answered_with_garbage_keeps_the_last_prose_answer_fixed() -> None:
    model = FakeModel(WRONG_1, prompt_back, prompt_back)
    _, sd = one(model, max_repairs=2)
    assert len(model.requests) == 3  # the number re-ask, then the one prose re-ask
    corrected = GOOD_1.replace("7名", "7名〔已更正：原为8名〕", 1)  # 8名 put back from the data, visibly
    assert sd.writer == "fake" and sd.text == corrected
    assert sd.status == "repaired" and "【" not in sd.text
    assert any("保留此前通过的回答" in n for n in sd.notes)


def test_with_no_reasks_allowed_a_rejected_answer_goes_straight_to_the_built_in_writer() -> None:
    model = FakeModel(default=prompt_back)
    _, sd = one(model, max_repairs=0)
    assert len(model.requests) == 1 and sd.writer == TEMPLATE_WRITER and sd.status == "flagged"
    assert any("复述了提示词" in f for f in sd.flags)


def test_no_section_marked_ok_fails_the_prose_check_whatever_the_model_says() -> None:
    """Every captured degenerate answer, as the model's every answer: none ships, each falls back."""
    for path in sorted(FIXTURES.glob("*.json")):
        fixture = json.loads(path.read_text(encoding="utf-8"))
        if not fixture["expect"]:
            continue  # salvaged: report prose once tidied
        model = FakeModel(default=fixture["answer"])
        data = example_data(fixture["example"])
        _, draft = run_draft(data, model, ids={fixture["section"]})
        sd = draft.sections[0]
        assert sd.writer == TEMPLATE_WRITER and sd.status == "flagged", path.name
        assert fixture["answer"][:100] not in sd.text


def test_the_console_and_draft_json_name_the_reasons(stub_server: StubServer, tmp_path: Path) -> None:
    answers = {"积极救助贫困母亲": [LOOP, GOOD_1]}  # by theme: the heading's numbering is the outline's

    def scripted(body: dict) -> str:
        first_user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        for heading, script in answers.items():
            if f"{heading}”部分" in first_user:
                return script.pop(0) if len(script) > 1 else script[0]
        return first_user  # every other section: the prompt handed back

    stub_server.default = scripted
    run = drafter_draft(tmp_path, *endpoint_args(stub_server.base_url), "--max-repairs", "1",
                        "--sections", "work_1,work_2")  # fmt: skip
    assert run.returncode == 0, run.output
    record = json.loads((run.out / "draft.json").read_text(encoding="utf-8"))
    work_1, work_2 = (next(s for s in record["sections"] if s["id"] == i) for i in ("work_1", "work_2"))
    assert work_1["status"] == "ok" and work_1["text"] == GOOD_1
    assert work_1["attempts"][0]["problems"][0]["prose"] == "repetition"
    assert work_2["writer"] == TEMPLATE_WRITER and work_2["status"] == "flagged"
    assert "echo_prompt" in {p.get("prose") for p in work_2["attempts"][0]["problems"]}
    assert work_2["attempts"][0]["text"].startswith("【任务】")  # the raw answer is kept for fixtures
    assert "回答未通过文字检查：复述了提示词的栏目标题" in run.stdout
    assert "积极救助贫困母亲: 第 1 次回答未通过文字检查（同一内容反复出现" in run.stdout
