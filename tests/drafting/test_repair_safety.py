"""A repair can never make a number wrong (issue 6): what is replaced, what is only marked, and how.

A number is replaced only when its binding is certain and its value is not one the section was given;
the built-in writer's numbers are never replaced; every replacement is visible in report.md.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.check import check
from drafter.check.ground import Grounder, make_grounder
from drafter.check.result import Verdict
from drafter.data.load import parse_data
from drafter.data.model import ReportData
from drafter.drafting.markdown import to_markdown
from drafter.drafting.repair import MARK, fix_or_mark, unflagged
from drafter.facts.build import build_facts
from drafter.models import FakeModel
from drafter.writing.builtin import NAME as TEMPLATE_WRITER
from tests.check.test_tables import DATA as TABLE_DATA
from tests.drafting.helpers import example_data, run_draft

ZIYANG = example_data("ziyang-2021")
# the shape of issue 6: an indicator scored below its weight, with figures in its target and actual
INDICATORS = [
    {
        "level1": "产出指标",
        "name": "妇女创业培训人次",
        "target": "50.6",
        "actual": "41.3",
        "weight": 10,
        "score": 8,
        "deviation": "部分培训因场地调整延期",
    },
    {
        "level1": "满意度指标",
        "name": "服务对象满意度",
        "target": "≥90%",
        "actual": "95%",
        "weight": 90,
        "score": 90,
    },
]
DATA = ReportData.model_validate({**ZIYANG.model_dump(), "indicators": INDICATORS})
GIVEN = "〔待核实：本句数字是本部分数据中另一项的值，请核对是否写错了位置〕"


def problems_section(answer: str):
    drafter, draft = run_draft(DATA, FakeModel(default=answer), ids={"problems"}, max_repairs=0)
    return drafter, draft, draft.sections[0]


class TargetAsWeight(Grounder):
    """A checker that binds the indicator's 年度指标值 50.6, written after 分值, to the 分值 (10分), and is
    certain of it: the mis-binding of issue 6, made on purpose."""

    def _weight(self):
        return self.facts["indicators[0].weight"]

    def judge(self, doc, m) -> Verdict:
        v = super().judge(doc, m)
        if m.value == Decimal("50.6"):
            w = self._weight()
            return Verdict(
                m, "mismatch", w.id, w.label, "10分", w.value, None, "应为 10分（分值）", True, v.sentence
            )
        return v

    def bindings(self, doc, m):
        return [self._weight()] if m.value == Decimal("50.6") else super().bindings(doc, m)


def test_a_given_target_next_to_a_weight_label_is_marked_not_replaced() -> None:
    """50.6 is the indicator's 年度指标值, a value the problems section was given. Written after 分值,
    a checker binds it to the weight (10分): replacing it would make the report claim what the data
    does not say. The given-value rule marks it even though the (wrong) binding is certain."""
    facts = build_facts(DATA)
    answer = "“妇女创业培训人次”指标分值为50.6分。"
    misbinding = TargetAsWeight(facts, make_grounder(facts).findings)
    _, draft = run_draft(
        DATA, FakeModel(default=answer), ids={"problems"}, max_repairs=0, grounder=misbinding
    )
    sd = draft.sections[0]
    assert sd.text == answer + GIVEN
    assert "10分" not in sd.text and "已更正" not in sd.text
    assert [(f.action, f.text, f.mark) for f in sd.fixes] == [("marked", "50.6分", "given")]
    assert sd.corrections == [] and sd.status == "flagged"


def test_with_the_real_checker_the_target_after_a_weight_label_is_never_replaced() -> None:
    answer = "“妇女创业培训人次”指标分值为50.6分。"
    drafter, _, sd = problems_section(answer)
    assert sd.text.startswith(answer) and "10分" not in sd.text and sd.corrections == []
    flagged = bool(check(answer, drafter.grounder).problems)
    assert (MARK in sd.text) == flagged  # marked exactly when the checker sees a problem


def test_a_given_value_under_another_label_is_marked_even_when_the_binding_is_certain() -> None:
    answer = "全年支出合计134.56万元，其中基本支出134.56万元。"  # the total, written again as 基本支出
    drafter, draft = run_draft(DATA, FakeModel(default=answer), ids={"performance"}, max_repairs=0)
    sd = draft.sections[0]
    (wrong,) = check(answer, drafter.grounder).problems
    assert (wrong.fact_id, len(drafter.grounder.bindings(answer, wrong.mention))) == (
        "budget.basic.actual",
        1,
    )
    assert sd.text == answer + GIVEN
    assert [(f.action, f.mark) for f in sd.fixes] == [("marked", "given")] and sd.corrections == []
    report = to_markdown(draft)
    assert "〔待核实〕" in report and "已更正" not in report  # a reviewer searching 已更正 finds nothing


def test_issue_6_the_correct_sentence_is_never_turned_into_weights() -> None:
    answer = "“妇女创业培训人次”指标年度指标值为50.6，实际完成41.3，得分8分。"
    _, _, sd = problems_section(answer)
    for figure in ("50.6", "41.3", "8分"):
        assert figure in sd.text
    assert "已更正" not in sd.text and "10分" not in sd.text and "90分" not in sd.text
    assert sd.corrections == []


def test_an_ambiguous_binding_is_marked_not_replaced() -> None:
    answer = "“妇女创业培训人次”指标得分7分。"  # 得分 and 分值 of the indicator both bind (score dims)
    _, _, sd = problems_section(answer)
    assert sd.text == answer + "〔待核实：本句有数字与数据不符〕" and sd.corrections == []


def test_a_wrong_number_that_is_no_given_value_is_still_replaced_visibly() -> None:
    answer = (
        "全年支出合计144.56万元。"  # one fact (支出合计 134.56万元), and 144.56 is no value of the section
    )
    drafter, draft = run_draft(DATA, FakeModel(default=answer), ids={"performance"}, max_repairs=0)
    sd = draft.sections[0]
    assert sd.text == "全年支出合计134.56万元〔已更正：原为144.56万元〕。"
    assert [(f.text, f.replacement, f.fact_id) for f in sd.corrections] == [
        ("144.56万元", "134.56万元", "budget.spending.actual")
    ]
    report = to_markdown(draft)
    assert "> 〔已更正：本部分按数据改正了以下数字，请复核——“144.56万元”改为“134.56万元”〕" in report
    assert "标注〔已更正〕之处是 drafter 按数据改正的数字" in report
    result = check(report, drafter.grounder)  # the whole report.md, as `drafter check` reads it
    assert result.problems == [] and unflagged(result) == []


def test_a_bare_number_is_never_given_a_unit_by_replacement() -> None:
    grounder = make_grounder(ZIYANG)
    text = "全年支出合计144.56。"  # bare: the checker may bind it to 134.56万元, but 144.56 states no unit
    fixed, fixes, result = fix_or_mark(text, grounder)
    assert "134.56" not in fixed and [f.action for f in fixes] in ([], ["marked"])
    assert unflagged(result) == []


class MisbindingGrounder(Grounder):
    """A deliberately broken checker: every money figure is bound to the wrong fact."""

    def judge(self, doc, m) -> Verdict:
        v = super().judge(doc, m)
        if v.verdict == "ok" and m.dim == "money":
            wrong = next(f for f in self.facts if f.dim == "money" and f.value != m.value)
            return Verdict(m, "mismatch", wrong.id, wrong.label, wrong.shown(), wrong.value, None,
                           f"应为 {wrong.shown()}（{wrong.label}）", True, v.sentence)  # fmt: skip
        return v


@pytest.mark.parametrize("sid", ["budget_basic", "performance"])
def test_a_checker_bug_never_rewrites_the_built_in_writers_numbers(sid: str) -> None:
    facts = build_facts(ZIYANG)
    broken = MisbindingGrounder(facts, make_grounder(facts).findings)
    _, reference = run_draft(ZIYANG, ids={sid})
    _, draft = run_draft(ZIYANG, ids={sid}, grounder=broken)
    sd = draft.sections[0]
    assert sd.writer == TEMPLATE_WRITER
    assert sd.corrections == [] and "已更正" not in sd.text
    assert MARK in sd.text and "内置写作器按数据写出" in sd.text
    assert sd.text.replace(
        "〔待核实：本句数字由内置写作器按数据写出，但检查未能确认其依据，请核对〕", ""
    ) == (reference.sections[0].text)  # every figure exactly as the writer wrote it
    assert any("检查器缺陷" in f for f in sd.flags) and sd.status == "flagged"
    assert {f.mark for f in sd.fixes} == {"writer"}


def test_a_resumed_section_keeps_its_corrections_in_report_md() -> None:
    answer = "全年支出合计144.56万元。"
    _, draft = run_draft(DATA, FakeModel(default=answer), ids={"performance"}, max_repairs=0)
    sd = draft.sections[0]
    record = sd.to_dict()
    sd.fixes, sd.restored = [], record  # as store.resume leaves a finished section
    assert [(f.text, f.replacement) for f in sd.corrections] == [("144.56万元", "134.56万元")]
    assert "“144.56万元”改为“134.56万元”" in to_markdown(draft)


def test_a_cell_the_checker_cannot_place_is_marked_in_a_draft() -> None:
    """`drafter check` only reports an unreadable cell; a draft may not carry one bare."""

    g = make_grounder(parse_data(TABLE_DATA, Path("t.yaml")))
    text = "项目 | 执行率 | 分值 | 得分\n年度资金总额 | 94.00%10 | 9.40\n"
    assert any(v.verdict == "unreadable" for v in check(text, g).verdicts)
    fixed, fixes, result = fix_or_mark(text, g)
    assert MARK in fixed and not unflagged(result)
    assert any(f.action == "marked" and f.mark == "unreadable" for f in fixes), fixes
    assert not any(f.action == "replaced" for f in fixes)


def test_a_signed_change_is_never_printed_in_place_of_a_figure() -> None:
    """A replacement of -30万元 (a signed change) for a written amount is what 减少30万元 says, never a figure
    to print: such a verdict is marked, not replaced."""
    import dataclasses

    from drafter.check import check as run_check
    from drafter.check import make_grounder as grounder_of
    from drafter.drafting.repair import judgement
    from tests.drafting.helpers import example_data

    data = example_data("ziyang-2021")
    g = grounder_of(data)
    result = run_check("2021年基本支出92.67万元。", g)
    (wrong,) = [v for v in result.verdicts if v.verdict == "mismatch"]
    assert judgement(wrong, g, None) == "replace"  # the data proves 82.67: replaced, as before
    signed = dataclasses.replace(wrong, expected="-30万元")
    assert judgement(signed, g, None) != "replace"
