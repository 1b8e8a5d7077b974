"""A model section as small tasks (issue 19 items 1 and 2): one call per theme or group of bullets,
each with its own answer budget and a paragraph of the same kind as its example; the tool writes the
headings and the 一是、二是; figures as slots the tool fills exactly, a slot in the wrong sentence caught.
"""

from __future__ import annotations

import re

from drafter.data.model import ReportData
from drafter.drafting.codes import Code
from drafter.drafting.tasks import SLOT_MARK
from drafter.models import FakeModel, Request
from drafter.writing.builtin import NAME as TEMPLATE_WRITER
from drafter.writing.tasks import BUDGET_MAX, BUDGET_MIN, split
from tests.drafting.helpers import by_id, example_data, run_draft

ZIYANG = example_data("ziyang-2021")
HENGYANG = example_data("hengyang-2023")
POINT = re.compile(r"^- (.+)$", re.MULTILINE)


def points_back(request: Request) -> str:
    """A good small model: the task's own points (slots as shown) written out, nothing else."""
    user = request.messages[1].content
    shown = user.partition("【本段要点】")[2].partition("\n\n")[0]
    return "".join(p if p.endswith("。") else p + "。" for p in POINT.findall(shown))


def one(data, model, sid: str, **options):
    options.setdefault("small_tasks", True)
    _, draft = run_draft(data, model, ids={sid}, **options)
    return by_id(draft)[sid]


def test_a_long_theme_is_one_call_per_group_of_bullets_each_with_its_budget() -> None:
    model = FakeModel(default=points_back)
    sd = one(HENGYANG, model, "work_1")
    assert len(model.requests) >= 2  # a long theme: a call per group of its bullets
    budgets = [r.max_tokens for r in model.requests]
    assert all(BUDGET_MIN <= b <= BUDGET_MAX for b in budgets)
    assert [a.max_tokens for a in sd.attempts] == budgets and [a.task for a in sd.attempts] == list(
        range(len(budgets))
    )
    bullets = [str(b) for b in HENGYANG.activities[0].bullets]
    for request in model.requests:  # each call holds its own points and no other group's
        user = request.messages[1].content
        assert "【参考写法】" in user and "不写标题" in user
    first, second = (r.messages[1].content for r in model.requests[:2])
    assert bullets[0] in first and bullets[0] not in second
    paragraphs = sd.text.splitlines()
    assert [p[:2] for p in paragraphs] == ["一是", "二是", "三是", "四是"][: len(paragraphs)]
    assert sd.status == "ok" and sd.writer == "fake"
    assert "440余场" in sd.text and "【F" not in sd.text


def test_the_budget_is_fitted_to_the_material() -> None:
    from drafter.facts.build import build_facts
    from drafter.writing.sections import context
    from tests.drafting.helpers import sections

    facts = build_facts(ZIYANG)
    planned = {s.id: s for s in sections(ZIYANG)}
    short = split(context(planned["work_1"], ZIYANG, facts))[0]
    assert short.budget == max(BUDGET_MIN, min(BUDGET_MAX, 3 * short.tokens))
    problems = split(context(planned["problems"], ZIYANG, facts))
    assert len(problems) == 1 and problems[0].budget < short.budget  # the whole section, but short


def test_problems_are_one_short_call_and_the_model_writes_no_heading() -> None:
    model = FakeModel(
        "一是公用经费预算不足，不能满足单位日常运行费用支出；二是绩效指标设计不够精准，"
        "预算绩效管理水平有待提高。"
    )
    sd = one(HENGYANG, model, "problems")
    assert len(model.requests) == 1
    user = model.requests[0].messages[1].content
    assert "存在的问题及原因分析" in user and model.requests[0].max_tokens < BUDGET_MAX
    assert sd.writer == "fake" and not sd.text.startswith("七、")


def test_a_slot_is_filled_with_the_exact_value_unit_and_hedge() -> None:
    model = FakeModel(
        "2021年，区妇联共救助了【F1】“两癌”贫困妇女，发放救助金【F2】万元，确保资金安全发放到位。"
    )
    sd = one(ZIYANG, model, "work_1")
    user = model.requests[0].messages[1].content
    assert "【F1】：共救助了7名“两癌”贫困妇女（即“7名”）" in user
    assert sd.text == "2021年，区妇联共救助了7名“两癌”贫困妇女，发放救助金7万元，确保资金安全发放到位。"
    assert sd.status == "ok" and not sd.fixes
    assert sd.attempts[0].raw.count("【F") == 2  # the raw answer is kept as given


def test_a_slot_in_the_wrong_sentence_is_reasked_then_marked() -> None:
    swapped = "2021年，区妇联共救助了【F2】“两癌”贫困妇女。发放救助金【F1】，确保资金安全发放到位。"
    model = FakeModel(default=swapped)
    sd = one(ZIYANG, model, "work_1", max_repairs=1)
    assert len(model.requests) == 2
    reask = model.requests[1].messages[-1].content
    assert "【F2】是“发放救助金7万元”，只能写在说这件事的句子里" in reask
    assert [p["slot"] for p in sd.attempts[0].problems if "slot" in p] == ["【F2】", "【F1】"]
    assert sd.text.count(SLOT_MARK) == 2 and sd.status == "flagged"
    assert sd.flagged_for(Code.SLOT_MISPLACED)


def test_a_slot_moved_back_after_the_reask_ships_clean() -> None:
    swapped = "2021年，区妇联共救助了【F2】“两癌”贫困妇女，发放救助金【F1】。"
    right = "2021年，区妇联共救助了【F1】“两癌”贫困妇女，发放救助金【F2】。"
    sd = one(ZIYANG, FakeModel(swapped, right), "work_1")
    assert sd.text == "2021年，区妇联共救助了7名“两癌”贫困妇女，发放救助金7万元。" and sd.status == "ok"


def test_a_slot_the_prompt_never_named_is_marked() -> None:
    model = FakeModel(default="2021年，区妇联共救助了【F1】“两癌”贫困妇女，发放救助金【F2】，另有【F9】。")
    sd = one(ZIYANG, model, "work_1", max_repairs=0)
    assert "【F9】" in sd.text and SLOT_MARK in sd.text and sd.status == "flagged"


def test_digits_instead_of_slots_are_checked_as_today() -> None:
    model = FakeModel(default="2021年，区妇联共救助了8名“两癌”贫困妇女，发放救助金7万元。")
    sd = one(ZIYANG, model, "work_1")
    assert "“8名”：应为“7名”" in model.requests[1].messages[-1].content  # re-asked with what the data says
    assert sd.text == "2021年，区妇联共救助了7名〔已更正：原为8名〕“两癌”贫困妇女，发放救助金7万元。"
    assert sd.status == "repaired"


def test_without_slots_the_prompt_lists_the_figures_and_no_slot() -> None:
    model = FakeModel(default=points_back)
    sd = one(ZIYANG, model, "work_1", slots=False)
    user = model.requests[0].messages[1].content
    assert "【F1】" not in user and "7名" in user and sd.status == "ok"


def test_a_task_never_written_as_prose_sends_the_section_to_the_built_in_writer() -> None:
    loop = "2021年，共救助了7名“两癌”贫困妇女，发放救助金7万元。" * 30
    model = FakeModel(default=loop)
    sd = one(ZIYANG, model, "work_1", max_repairs=2)
    assert len(model.requests) == 2 and sd.writer == TEMPLATE_WRITER and sd.writer_fallback


def test_problems_with_none_in_the_data_are_not_asked_of_the_model() -> None:
    """A 0.5B model asked for 存在问题 of data holding none wrote "数据未反映明显问题…" and it was kept:
    with nothing to write from, the built-in writer says what the outline asks for and marks the gap."""
    raw = ZIYANG.model_dump(by_alias=True, exclude_none=True)
    raw["problems"], raw["improvements"] = [], []
    data = ReportData.model_validate(raw)
    model = FakeModel(default="一是预算编制不够精细。")
    sd = one(data, model, "problems", max_repairs=0)
    assert model.requests == [] and sd.writer == TEMPLATE_WRITER
