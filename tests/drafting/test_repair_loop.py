"""The section loop with a scripted model: generate → check → targeted re-ask → fix or mark.

Runs the Drafter directly on ziyang-2021 (whose data is consistent) with `FakeModel`. Each test
scripts the model's answers and asserts what the loop sent back (the re-ask), what it shipped, and
that no wrong number reaches the text without a 〔待核实〕 mark.
"""

from __future__ import annotations

import asyncio

import pytest

from drafter.check import check
from drafter.drafting.repair import MARK, unflagged
from drafter.models import (
    AuthenticationFailed,
    BadResponse,
    ContextTooLong,
    EndpointTimeout,
    EndpointUnreachable,
    FakeModel,
    ModelNotFound,
    RateLimited,
    Request,
    ServerError,
)
from drafter.writing.builtin import NAME as TEMPLATE_WRITER
from drafter.writing.outline import Outline, OutlineSection
from drafter.writing.prompts import DEFAULT_FEWSHOT_TOKENS, render_prompt
from drafter.writing.sections import context
from tests.drafting.helpers import by_id, example_data, make_draft, plain_answer, run_draft

DATA = example_data("ziyang-2021")

# work_1: 积极救助贫困母亲 — 7名, 7万元
RIGHT_1 = "2021年，共救助了7名“两癌”贫困妇女，发放救助金7万元。"
WRONG_1 = "2021年，共救助了8名“两癌”贫困妇女，发放救助金7万元。"
CORRECTED_1 = "2021年，共救助了7名〔已更正：原为8名〕“两癌”贫困妇女，发放救助金7万元。"  # visibly
INVENTED = "另慰问困难妇女35户。"
# work_2: 集中普法宣传 — 10000余份 and 20000人以上, here swapped
RIGHT_2 = (
    "利用区政府机关大型电子显示屏开展集中普法活动，发放资料10000余份。宣传相关法律知识，覆盖人数20000人以上。"
)
SWAPPED_2 = (
    "利用区政府机关大型电子显示屏开展集中普法活动，发放资料20000余份。宣传相关法律知识，覆盖人数10000人以上。"
)
# performance: 基本支出 82.67 and 项目经费支出 51.89, swapped
RIGHT_P = "全年支出合计134.56万元，其中基本支出82.67万元，项目经费支出51.89万元。"
SWAPPED_P = "全年支出合计134.56万元，其中基本支出51.89万元，项目经费支出82.67万元。"

BUDGET_BASIC_BY_MODEL = Outline(
    title="{{ unit.name }}{{ unit.year }}年度部门整体支出绩效自评报告",
    sections=[
        OutlineSection(
            id="budget_basic",
            heading="（一）基本支出",
            kind="budget_basic",
            writer="model",
            needs=["budget.basic"],
            require=["budget.basic.actual", "budget.personnel.actual", "budget.public.actual"],
        )
    ],
)


def one(model: FakeModel, sid: str, **options):
    drafter, draft = run_draft(DATA, model, ids={sid}, **options)
    return drafter, draft.sections[0]


def reask(model: FakeModel, n: int) -> str:
    """The last user message of the model's n-th request (0-based): the re-ask, for n >= 1."""
    message = model.requests[n].messages[-1]
    assert message.role == "user"
    return message.content


# ------------------------------------------------------------------------------------- the re-ask


def test_wrong_then_right_is_fixed_by_one_reask() -> None:
    model = FakeModel(WRONG_1, RIGHT_1)
    _, sd = one(model, "work_1")
    assert sd.status in ("ok", "repaired")
    assert sd.text == RIGHT_1
    assert len(sd.attempts) == 2 and len(model.requests) == 2
    assert [p["text"] for p in sd.attempts[0].problems] == ["8名"] and sd.attempts[1].problems == []
    assert sd.fixes == [] and MARK not in sd.text
    # the re-ask: the whole conversation so far, then only what failed, with the sentence and the value
    roles = [m.role for m in model.requests[1].messages]
    assert roles == ["system", "user", "assistant", "user"]
    assert model.requests[1].messages[:2] == model.requests[0].messages
    assert model.requests[1].messages[2].content == WRONG_1
    text = reask(model, 1)
    assert "“8名”" in text
    assert f"句子“{WRONG_1}”" in text
    assert "应为“7名”" in text
    assert "7万元" not in text.replace(WRONG_1, "")  # the number that was right is not asked about
    assert sd.writer == "fake" and sd.result is not None and sd.result.ok


def test_wrong_every_time_the_bound_number_is_replaced_after_the_last_reask() -> None:
    model = FakeModel(default=WRONG_1)
    drafter, sd = one(model, "work_1", max_repairs=2)
    assert len(model.requests) == 3 and len(sd.attempts) == 3  # the first answer and two re-asks
    # each re-ask carries the prompt and only the last answer: the conversation never outgrows the context
    assert [m.role for m in model.requests[2].messages] == ["system", "user", "assistant", "user"]
    assert model.requests[2].messages[2].content == sd.attempts[1].text
    for n in (1, 2):
        assert "“8名”" in reask(model, n) and "应为“7名”" in reask(model, n)
    assert sd.text == CORRECTED_1  # 8名 replaced by the verified 7名, and the reader is told
    assert [(f.action, f.text, f.replacement, f.fact_id) for f in sd.fixes] == [
        ("replaced", "8名", "7名", "activities[0].bullets[1]#1")
    ]
    assert sd.corrections == sd.fixes and sd.to_dict()["corrections"] == [sd.fixes[0].to_dict()]
    assert sd.status == "repaired"
    assert sd.flags == ["1 个数字与数据不符，已按数据改正并标注〔已更正〕"]
    final = check(sd.text, drafter.grounder)
    assert final.problems == [] and unflagged(final) == []
    quoted = next(v for v in final.verdicts if v.mention.text == "8名")  # inside the mark: not a claim
    assert quoted.verdict == "ignored" and quoted.reason == "drafter 的更正标注"


@pytest.mark.parametrize("max_repairs", [0, 1, 3])
def test_the_number_of_reasks_is_max_repairs(max_repairs: int) -> None:
    model = FakeModel(default=WRONG_1)
    _, sd = one(model, "work_1", max_repairs=max_repairs)
    assert len(model.requests) == max_repairs + 1
    assert sd.text == CORRECTED_1


def test_an_invented_number_is_marked_and_the_section_flagged() -> None:
    model = FakeModel(default=WRONG_1 + INVENTED)
    drafter, sd = one(model, "work_1", max_repairs=1)
    assert "数据中没有这个数" in reask(model, 1) and "“35户”" in reask(model, 1)
    assert sd.text == CORRECTED_1 + "另慰问困难妇女35户。〔待核实：本句有数字在数据中找不到依据〕"
    assert sd.status == "flagged"
    assert "1 处数字无法核实，已在文中标注〔待核实〕" in sd.flags
    assert "1 个数字与数据不符，已按数据改正并标注〔已更正〕" in sd.flags
    assert sorted((f.action, f.text) for f in sd.fixes) == [("marked", "35户"), ("replaced", "8名")]
    final = check(sd.text, drafter.grounder)
    assert [v.mention.text for v in final.problems] == ["35户"]  # still wrong, but not silently
    assert unflagged(final) == []


def test_an_answer_ending_mid_sentence_is_cut_off_and_not_kept() -> None:
    """No closing 。 at the very end: the answer was cut off (whatever the server said), so the prose
    check rejects it and the built-in writer writes the section; nothing of the cut answer is kept."""
    model = FakeModel(default=RIGHT_1 + "另慰问困难妇女35户")
    drafter, sd = one(model, "work_1", max_repairs=0)
    assert sd.writer_fallback and "35户" not in sd.text
    assert any(p.get("prose") == "truncated" for a in sd.attempts for p in a.problems)
    assert unflagged(check(sd.text, drafter.grounder)) == []


def test_a_sentence_without_closing_punctuation_is_marked_once() -> None:
    """A paragraph that ends at a line break, as models often write: its number is marked once."""
    model = FakeModel(default=RIGHT_1 + "另慰问困难妇女35户\n其他工作有序推进。")
    drafter, sd = one(model, "work_1", max_repairs=0)  # must not crash the run
    marked = "另慰问困难妇女35户〔待核实：本句有数字在数据中找不到依据〕"
    assert sd.text == RIGHT_1 + marked + "\n其他工作有序推进。"
    assert sd.status == "flagged" and [f.action for f in sd.fixes] == ["marked"]
    assert unflagged(check(sd.text, drafter.grounder)) == []


GIVEN = "〔待核实：本句数字是本部分数据中另一项的值，请核对是否写错了位置〕"


def test_swapped_activity_numbers_are_marked_not_replaced() -> None:
    """Both numbers are values the section was given: which label is wrong is a binding question."""
    model = FakeModel(default=SWAPPED_2)
    drafter, sd = one(model, "work_2", max_repairs=1)
    asked = reask(model, 1)  # the re-ask still says what the data gives
    assert "数据为“10000余份”" in asked and "数据为“20000人以上”" in asked
    assert sd.text == SWAPPED_2.replace("。", "。" + GIVEN)
    assert [(f.action, f.mark) for f in sd.fixes] == [("marked", "given"), ("marked", "given")]
    assert sd.corrections == [] and sd.status == "flagged"
    assert unflagged(check(sd.text, drafter.grounder)) == []


def test_swapped_budget_figures_are_marked_not_replaced() -> None:
    model = FakeModel(default=SWAPPED_P)
    drafter, sd = one(model, "performance", max_repairs=1)
    asked = reask(model, 1)
    assert "应为“82.67万元”（基本支出执行数）" in asked and "应为“51.89万元”（项目经费支出执行数）" in asked
    assert sd.text == SWAPPED_P + GIVEN  # one sentence, one mark
    assert "51.89万元，项目经费支出82.67万元" in sd.text
    assert sd.corrections == [] and sd.status == "flagged"
    assert unflagged(check(sd.text, drafter.grounder)) == []


def test_a_wrong_year_is_marked_not_replaced() -> None:
    model = FakeModel(default="2015年，共救助了7名“两癌”贫困妇女，发放救助金7万元。")
    drafter, sd = one(model, "work_1", max_repairs=0)
    assert sd.text.endswith("。〔待核实：本句有数字与数据不符〕")
    assert sd.text.startswith("2015年")  # a year is never rewritten: the reviewer decides
    assert [(f.action, f.text) for f in sd.fixes] == [("marked", "2015年")]
    assert sd.status == "flagged" and unflagged(check(sd.text, drafter.grounder)) == []


# ------------------------------------------------------------------------------- required facts


def test_a_missing_required_fact_is_asked_for() -> None:
    complete = "2021年基本支出82.67万元，其中人员工资支出63.41万元，日常公用经费支出19.26万元。"
    model = FakeModel("2021年基本支出82.67万元。", complete)
    _, draft = run_draft(DATA, model, the_outline=BUDGET_BASIC_BY_MODEL)
    sd = draft.sections[0]
    asked = reask(model, 1)
    assert "本部分须写明：人员工资支出执行数为63.41万元" in asked
    assert "本部分须写明：日常公用经费支出执行数为19.26万元" in asked
    assert "基本支出执行数为" not in asked.replace("公用经费支出执行数", "")  # the one stated is not asked
    assert sd.text == complete and sd.status == "ok" and len(sd.attempts) == 2
    assert sd.result is not None and sd.result.missing == []


def test_a_required_fact_never_stated_flags_the_section() -> None:
    model = FakeModel(default="2021年基本支出82.67万元。")
    _, draft = run_draft(DATA, model, the_outline=BUDGET_BASIC_BY_MODEL, max_repairs=1)
    sd = draft.sections[0]
    assert len(model.requests) == 2
    assert sd.status == "flagged"
    assert any(f.startswith("未写明") and "63.41万元" in f and "19.26万元" in f for f in sd.flags), sd.flags


# ---------------------------------------------------------------------------------- model errors


def test_context_too_long_shrinks_the_fewshot_budget_and_retries() -> None:
    model = FakeModel(ContextTooLong("the prompt is too long for model fake"), RIGHT_1)
    drafter, sd = one(model, "work_1")
    first = render_prompt(
        context(sd.section, DATA, drafter.facts),
        level=DATA.unit.level,
        exclude_units=drafter.exclude_units,
        fewshot_tokens=DEFAULT_FEWSHOT_TOKENS,
    )
    assert len(model.requests) == 2
    assert model.requests[0].messages == first.messages  # the full prompt was tried first
    assert model.requests[1].messages == sd.prompt.messages  # then the smaller one, which is recorded
    assert sd.prompt.tokens < first.tokens
    assert len(sd.prompt.fewshot) < len(first.fewshot)
    assert set(sd.prompt.fewshot) <= set(first.fewshot)
    assert len(model.requests[1].messages[1].content) < len(model.requests[0].messages[1].content)
    # a shrink is recorded, but it is not something a reviewer must fix: a note, not a flag
    assert sd.notes[0] == f"提示词超出模型上下文，参考范文预算缩减为 {DEFAULT_FEWSHOT_TOKENS // 2} tokens"
    assert all("条要点" in note for note in sd.notes[1:])  # RIGHT_1 writes one of the theme's two points
    assert sd.flags == [] and sd.status == "ok"
    assert sd.text == RIGHT_1 and sd.writer == "fake" and len(sd.attempts) == 1


def test_context_too_long_down_to_no_examples_then_the_template_writer() -> None:
    model = FakeModel(*[ContextTooLong("too long") for _ in range(5)])
    _, sd = one(model, "work_1")
    assert len(model.requests) == 5  # 1500, 750, 375, 187, then none
    assert "【参考范文】" in model.requests[0].messages[1].content
    assert "【参考范文】" not in model.requests[-1].messages[1].content
    assert sd.writer == TEMPLATE_WRITER
    assert any("已改用内置模板写作" in f for f in sd.flags)
    assert model.pending == 0


@pytest.mark.parametrize(
    "error",
    [
        BadResponse("model fake returned an empty answer"),
        RateLimited("still rate-limited"),
        ServerError("HTTP 500"),
        EndpointTimeout("no answer within 5 s"),
    ],
)
def test_a_non_fatal_model_error_falls_back_to_the_template_writer(error) -> None:
    model = FakeModel(error)
    drafter, sd = one(model, "work_1")
    _, reference = one(None, "work_1")  # what the built-in writer alone writes
    assert sd.writer == TEMPLATE_WRITER
    assert sd.text == reference.text and sd.text
    assert sd.status == "flagged"
    assert sd.flags == [f"模型未能生成本部分（{error.message}），已改用内置模板写作"]
    assert sd.attempts[0].problems == [{"error": error.message}] and sd.attempts[0].text == ""
    assert len(sd.attempts) == 2  # the failed call, then the template
    assert check(sd.text, drafter.grounder).problems == []


@pytest.mark.parametrize(
    "error",
    [
        EndpointUnreachable("cannot reach http://127.0.0.1:9/v1: connection refused"),
        AuthenticationFailed("http://127.0.0.1:9/v1 rejected the API key (HTTP 401)"),
        ModelNotFound("http://127.0.0.1:9/v1 does not serve model 'x' (HTTP 404)"),
    ],
)
def test_a_fatal_model_error_stops_the_run(error) -> None:
    model = FakeModel(error, default=RIGHT_1)
    drafter, draft = make_draft(DATA, model, ids={"work_1", "work_2"}, concurrency=1)
    with pytest.raises(type(error)) as raised:
        asyncio.run(drafter.run(draft))
    assert raised.value is error
    assert by_id(draft)["work_1"].status == "pending"
    assert not draft.complete


def test_only_narrative_sections_go_to_the_model() -> None:
    model = FakeModel(default=plain_answer)
    _, draft = run_draft(DATA, model)
    asked = sorted(r.context["section"]["id"] for r in model.requests)
    assert asked == ["improvements", "performance", "problems", "work_1", "work_2", "work_3", "work_4"]
    sections = by_id(draft)
    assert sections["budget_basic"].writer == TEMPLATE_WRITER and sections["work_1"].writer == "fake"
    assert draft.complete and draft.writer == "fake"


# ------------------------------------------------------------------------------------- prompt echoes


def echo(request: Request) -> str:
    """What the local Qwen2.5 0.5B did: hand the prompt back, few-shot passages and all."""
    return request.messages[1].content


def test_an_answer_that_repeats_the_prompt_is_reasked_not_checked() -> None:
    model = FakeModel(echo, RIGHT_1)
    _, sd = one(model, "work_1")
    assert "不能作为报告正文" in reask(model, 1) and "复述了提示词的栏目标题" in reask(model, 1)
    assert sd.text == RIGHT_1 and sd.status == "ok"
    assert {p["prose"] for p in sd.attempts[0].problems} >= {"echo_prompt"}
    assert sd.attempts[0].text == echo(model.requests[0])  # the rejected answer is recorded as given


def test_a_model_that_only_repeats_the_prompt_gives_way_to_the_built_in_writer() -> None:
    model = FakeModel(default=echo)
    _, sd = one(model, "work_1", max_repairs=1)
    assert len(model.requests) == 2
    assert sd.writer == TEMPLATE_WRITER and sd.status == "flagged"
    assert any("未通过文字检查" in f and "复述了提示词" in f for f in sd.flags), sd.flags
    assert "【" not in sd.text and "写作要求" not in sd.text


# ------------------------------------------------------------------------------------- copied prose


def passage_sentence(request: Request) -> str:
    """A sentence of a few-shot passage in the prompt: another unit's report (a real 0.5B model did this)."""
    examples = request.messages[1].content.partition("【参考范文】")[2]
    sentences = examples.replace("\n", "。").split("。")
    return next(s for s in sentences if len(s) >= 20 and "——" not in s and "仅供参考" not in s) + "。"


OWN_PROBLEMS = (
    "经自评，本年度部门整体支出管理总体规范，预算执行、资产管理和绩效目标完成情况良好，未发现突出问题。"
    "但对照更高要求，绩效管理工作仍有提升空间。"
)


def test_a_sentence_copied_from_an_example_is_reasked_then_marked() -> None:
    model = FakeModel(default=lambda r: OWN_PROBLEMS + passage_sentence(r))
    _, sd = one(model, "problems")
    copied = passage_sentence(model.requests[0])
    assert "照抄了参考范文" in reask(model, 1) and copied.rstrip("。") in reask(model, 1)
    assert sd.status == "flagged" and any("照抄了参考范文" in f for f in sd.flags)
    assert "〔待核实：本句照抄了参考范文" in sd.text
    assert sd.attempts[0].problems == [{"copied": copied.rstrip("。")}]


def test_a_copied_sentence_rewritten_on_reask_ships_clean() -> None:
    clean = "经自评，本年度未发现突出问题。"
    model = FakeModel(lambda r: clean + passage_sentence(r), clean)
    _, sd = one(model, "problems")
    assert sd.status == "ok" and sd.text == clean
