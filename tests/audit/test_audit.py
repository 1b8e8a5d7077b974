"""audit: the data's own arithmetic.

The examples raise exactly their known mistakes; synthetic cases test one rule each.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from drafter.audit.rules import SUM_TOLERANCE, Finding, audit
from drafter.data.load import load_data
from drafter.data.model import ReportData, Scoring
from drafter.facts.build import build_facts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
UNIT = {"name": "测试单位", "level": "市", "year": 2023}


def run(**fields: Any) -> list[Finding]:
    data = ReportData.model_validate({"unit": UNIT, **fields})
    return audit(data, build_facts(data))


def example(name: str) -> list[Finding]:
    data = load_data(EXAMPLES / name / "data.yaml")
    return audit(data, build_facts(data))


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


# ------------------------------------------------------------------ the examples


def test_yuelu_finds_its_three_real_mistakes_and_nothing_else() -> None:
    findings = example("yuelu-2021")
    assert sorted((f.kind, f.fact_id) for f in findings) == [
        ("score", "self_evaluation.score"),
        ("score", "self_evaluation.total_weight"),
        ("sum", "budget.total.budget"),
    ]
    assert all(f.severity == "error" for f in findings)
    by_id = {f.fact_id: f for f in findings}

    total = by_id["budget.total.budget"]  # 资金来源合计 198.8 vs 174.74 + 24.24 = 198.98
    assert total.stated == Decimal("198.8")
    assert total.expected == Decimal("198.98")
    assert "174.74" in total.message and "24.24" in total.message
    # the stated 执行率 106.87% explains the typo: it was computed from 198.98, so no separate rate finding
    assert "106.87" in total.message
    assert "198.98" in total.message.split("106.87")[1]

    weight = by_id["self_evaluation.total_weight"]  # indicators 100 + 资金 row 10 = 110, stated 100
    assert (weight.stated, weight.expected) == (Decimal(100), Decimal(110))
    score = by_id["self_evaluation.score"]
    assert (score.stated, score.expected) == (Decimal(100), Decimal(110))


def test_hengyang_finds_only_the_contradictory_hedge() -> None:
    finding = only(example("hengyang-2023"))
    assert finding.kind == "hedge"
    assert finding.fact_id == "activities[3].bullets[4]#2"
    assert "近1万余人" in finding.message
    assert finding.stated == 10_000


@pytest.mark.parametrize("name", ["laoting-2023", "ziyang-2021"])
def test_consistent_examples_raise_nothing(name: str) -> None:
    assert example(name) == []


# ------------------------------------------------------------------ parts and wholes


def test_sources_not_summing_to_the_total() -> None:
    finding = only(
        run(
            budget={
                "total": {"budget": "100.00"},
                "sources": [
                    {"label": "财政拨款", "budget": "60.00"},
                    {"label": "其他资金", "budget": "30.00"},
                ],
            }
        )
    )
    assert finding.kind == "sum"
    assert finding.fact_id == "budget.total.budget"
    assert finding.stated == Decimal("100.00")
    assert finding.expected == Decimal("90.00")
    assert finding.severity == "error"
    assert "财政拨款 60.00" in finding.message and "其他资金 30.00" in finding.message


def test_rounding_within_a_hundredth_is_a_note() -> None:
    assert SUM_TOLERANCE == Decimal("0.01")
    finding = only(
        run(
            budget={
                "total": {"budget": "100.00"},
                "sources": [{"label": "a", "budget": "60.00"}, {"label": "b", "budget": "39.99"}],
            }
        )
    )
    assert finding.severity == "note"
    assert finding.expected == Decimal("99.99")
    finding = only(
        run(
            budget={
                "total": {"budget": "100.00"},
                "sources": [{"label": "a", "budget": "60.00"}, {"label": "b", "budget": "39.98"}],
            }
        )
    )
    assert finding.severity == "error"


def test_parts_that_sum_exactly_raise_nothing() -> None:
    assert (
        run(
            budget={
                "total": {"budget": "198.98", "actual": "212.64"},
                "sources": [
                    {"label": "a", "budget": "174.74", "actual": "204.67"},
                    {"label": "b", "budget": "24.24", "actual": "7.97"},
                ],
            }
        )
        == []
    )


@pytest.mark.parametrize(
    ("budget", "fact_id", "expected"),
    [
        (
            {"basic": {"actual": "100"}, "personnel": {"actual": "30"}, "public": {"actual": "30"}},
            "budget.basic.actual",
            Decimal(60),
        ),
        (
            {"spending": {"actual": "100"}, "basic": {"actual": "60"}, "projects_total": {"actual": "30"}},
            "budget.spending.actual",
            Decimal(90),
        ),
        (
            {"total": {"actual": "100"}, "basic": {"actual": "60"}, "projects_total": {"actual": "30"}},
            "budget.total.actual",
            Decimal(90),
        ),
        (
            {
                "projects_total": {"actual": "100"},
                "projects": [{"label": "p", "actual": "60"}, {"label": "q", "actual": "30"}],
            },
            "budget.projects_total.actual",
            Decimal(90),
        ),
        (
            {
                "total": {"actual": "100"},
                "economic": [
                    {"label": "工资福利支出", "actual": "60"},
                    {"label": "商品和服务支出", "actual": "30"},
                ],
            },
            "budget.total.actual",
            Decimal(90),
        ),
    ],
)
def test_every_whole_is_checked_against_its_parts(
    budget: dict[str, Any], fact_id: str, expected: Decimal
) -> None:
    finding = only(run(budget=budget))
    assert (finding.kind, finding.fact_id, finding.expected) == ("sum", fact_id, expected)


@pytest.mark.parametrize(
    "budget",
    [
        {"basic": {"actual": "100"}},  # no parts at all
        {"basic": {"actual": "100"}, "personnel": {"actual": "30"}},  # 公用支出 not given
        {"basic": {"actual": "100"}, "public": {"actual": "30"}},
        {"spending": {"actual": "100"}, "basic": {"actual": "60"}},  # 项目支出 not given
        {"projects_total": {"actual": "100"}, "projects": [{"label": "p", "actual": "60"}, {"label": "q"}]},
        {
            "basic": {"budget": "100"},
            "personnel": {"actual": "30"},
            "public": {"actual": "30"},
        },  # other figure
    ],
)
def test_a_whole_is_compared_only_when_all_its_parts_are_given(budget: dict[str, Any]) -> None:
    assert run(budget=budget) == []


# ------------------------------------------------------------------ stated rates and shares


def test_wrong_stated_execution_rate() -> None:
    finding = only(run(budget={"basic": {"budget": "100", "actual": "90", "rate": "95"}}))
    assert finding.kind == "rate"
    assert finding.fact_id == "budget.basic.rate"
    assert (finding.stated, finding.expected) == (Decimal(95), Decimal(90))
    assert "95%" in finding.message and "90%" in finding.message


@pytest.mark.parametrize("rate", ["94.09", "94.1", "94"])
def test_stated_rate_rounded_to_its_own_precision_is_right(rate: str) -> None:
    assert run(budget={"total": {"budget": "97.43", "actual": "91.67", "rate": rate}}) == []


def test_rate_off_by_one_in_the_last_place_is_wrong() -> None:
    finding = only(run(budget={"total": {"budget": "97.43", "actual": "91.67", "rate": "94.08"}}))
    assert finding.expected == Decimal("94.09")


def test_rate_against_the_initial_budget() -> None:
    assert run(budget={"basic": {"initial_budget": "100", "actual": "90", "rate": "90"}}) == []
    assert only(run(budget={"basic": {"initial_budget": "100", "actual": "90", "rate": "80"}})).kind == "rate"


def test_wrong_stated_share() -> None:
    finding = only(
        run(
            budget={
                "basic": {"actual": "534.51"},
                "personnel": {"actual": "446.89", "share": "80"},
                "public": {"actual": "87.62", "share": "16.4"},
            }
        )
    )
    assert finding.kind == "share"
    assert finding.fact_id == "budget.personnel.share"
    assert finding.stated == Decimal(80)
    assert finding.expected == Decimal(84)  # rounded like the stated figure
    assert "446.89" in finding.message


def test_right_stated_shares() -> None:
    assert (
        run(
            budget={
                "basic": {"actual": "534.51"},
                "personnel": {"actual": "446.89", "share": "83.6"},
                "public": {"actual": "87.62", "share": "16.4"},
            }
        )
        == []
    )


def test_stated_share_of_spending_is_right_when_budget_is_also_given() -> None:
    """占比 of 人员支出 in 基本支出: 90 of 100 spent is 90%, even though the budgets split 50/50."""
    budget = {
        "basic": {"budget": "200", "actual": "100"},
        "personnel": {"budget": "100", "actual": "90", "share": "90"},
        "public": {"budget": "100", "actual": "10", "share": "10"},
    }
    assert run(budget=budget) == []


def test_wrong_year_on_year_rate() -> None:
    finding = only(run(budget={"basic": {"actual": "110", "last_year": "100", "yoy_rate": "5"}}))
    assert finding.kind == "rate"
    assert finding.fact_id == "budget.basic.yoy_rate"
    assert finding.expected == Decimal(10)


def test_right_year_on_year_rates() -> None:
    assert run(budget={"basic": {"actual": "110", "last_year": "100", "yoy_rate": "10"}}) == []
    assert run(budget={"basic": {"actual": "90", "last_year": "100", "yoy_rate": "-10"}}) == []


def test_year_on_year_decrease_may_be_stated_as_its_size() -> None:
    """下降10% is written 10 in the table: the size of a fall is not an error."""
    assert run(budget={"basic": {"actual": "90", "last_year": "100", "yoy_rate": "10"}}) == []


def test_year_on_year_rate_with_the_wrong_sign_is_found() -> None:
    """Spending rose by 10% but the table says −10%: a stated fall for a rise is wrong."""
    finding = only(run(budget={"basic": {"actual": "110", "last_year": "100", "yoy_rate": "-10"}}))
    assert finding.fact_id == "budget.basic.yoy_rate"


# ------------------------------------------------------------------ staff


def test_staff_parts_not_summing() -> None:
    finding = only(
        run(
            staff={
                "authorized": 10,
                "authorized_parts": [{"label": "行政编制", "count": 6}, {"label": "工勤编制", "count": 3}],
            }
        )
    )
    assert finding.kind == "count"
    assert finding.fact_id == "staff.authorized"
    assert (finding.stated, finding.expected) == (Decimal(10), Decimal(9))
    actual = only(
        run(staff={"actual": 5, "actual_parts": [{"label": "a", "count": 4}, {"label": "b", "count": 2}]})
    )
    assert actual.fact_id == "staff.actual"


def test_staff_parts_summing() -> None:
    assert (
        run(
            staff={
                "authorized": 5,
                "authorized_parts": [{"label": "全额", "count": 5}, {"label": "差额", "count": 0}],
                "actual": 22,
                "actual_parts": [{"label": "行政", "count": 21}, {"label": "工勤", "count": 1}],
            }
        )
        == []
    )


# ------------------------------------------------------------------ scores and grades


def indicator(weight: str, score: str, name: str = "指标") -> dict[str, str]:
    return {"level1": "产出指标", "name": name, "weight": weight, "score": score}


def test_indicator_score_above_its_weight() -> None:
    finding = only(run(indicators=[indicator("5", "6", "开展活动次数")]))
    assert finding.kind == "score"
    assert finding.fact_id == "indicators[0].score"
    assert (finding.stated, finding.expected) == (Decimal(6), Decimal(5))
    assert "开展活动次数" in finding.message


def test_indicator_score_at_or_below_weight() -> None:
    assert run(indicators=[indicator("5", "5"), indicator("10", "8.5")]) == []


def test_total_weight_not_the_sum_of_weights() -> None:
    finding = only(
        run(
            indicators=[indicator("50", "50"), indicator("40", "40")], self_evaluation={"total_weight": "100"}
        )
    )
    assert finding.fact_id == "self_evaluation.total_weight"
    assert finding.expected == Decimal(90)


def test_score_not_the_sum_of_scores() -> None:
    finding = only(
        run(
            indicators=[indicator("50", "40"), indicator("50", "45")],
            self_evaluation={"score": "90", "total_weight": "100"},
        )
    )
    assert finding.fact_id == "self_evaluation.score"
    assert finding.expected == Decimal(85)
    assert (
        run(
            indicators=[indicator("50", "40"), indicator("50", "45")],
            self_evaluation={"score": "85", "total_weight": "100"},
        )
        == []
    )


def test_budget_row_score_follows_execution_rate_times_weight() -> None:
    finding = only(run(budget={"total": {"budget": "100", "actual": "90", "weight": "10", "score": "10"}}))
    assert finding.fact_id == "budget.total.score"
    assert finding.expected == 9
    assert run(budget={"total": {"budget": "100", "actual": "90", "weight": "10", "score": "9"}}) == []
    # over-execution is capped at the weight
    assert run(budget={"total": {"budget": "100", "actual": "120", "weight": "10", "score": "10"}}) == []


@pytest.mark.parametrize(
    ("score", "grade", "expected"),
    [
        ("95", "优", None),
        ("90", "优", None),
        ("89.99", "优", "良"),
        ("85", "优", "良"),
        ("90", "良", "优"),
        ("80", "良", None),
        ("79.5", "良", "中"),
        ("60", "中", None),
        ("59.9", "中", "差"),
        ("30", "差", None),
        ("95", "优秀", None),
        ("85", "良好", None),
        ("98", "良好", "优"),
    ],
)
def test_grade_must_match_the_score(score: str, grade: str, expected: str | None) -> None:
    findings = run(self_evaluation={"score": score, "grade": grade})
    if expected is None:
        assert findings == []
    else:
        finding = only(findings)
        assert finding.kind == "grade"
        assert finding.fact_id == "self_evaluation.grade"
        assert f"“{expected}”" in finding.message


def test_grade_thresholds_are_settings() -> None:
    scoring = {"excellent": "85", "good": "75", "pass": "60"}
    assert run(self_evaluation={"score": "86", "grade": "优"}, scoring=scoring) == []
    assert only(run(self_evaluation={"score": "84", "grade": "优"}, scoring=scoring)).kind == "grade"


def test_default_thresholds() -> None:
    scoring = Scoring()
    assert [scoring.grade(Decimal(s)) for s in ("100", "90", "89.99", "80", "79.99", "60", "59.99", "0")] == [
        "优",
        "优",
        "良",
        "良",
        "中",
        "中",
        "差",
        "差",
    ]


def test_grade_without_a_score_is_not_judged() -> None:
    assert run(self_evaluation={"grade": "优"}) == []


# ------------------------------------------------------------------ balance


def test_income_and_carryovers_must_balance_spending() -> None:
    finding = only(
        run(
            budget={
                "income": {"actual": "100"},
                "carryover_in": {"actual": "5"},
                "carryover_out": {"actual": "2"},
                "spending": {"actual": "100"},
            }
        )
    )
    assert finding.kind == "sum"
    assert "收支不平衡" in finding.message
    assert (finding.stated, finding.expected) == (Decimal(100), Decimal(103))


def test_balanced_income_and_spending() -> None:
    assert (
        run(
            budget={
                "income": {"actual": "132.35"},
                "carryover_in": {"actual": "2.21"},
                "carryover_out": {"actual": "0"},
                "spending": {"actual": "134.56"},
            }
        )
        == []
    )
    # a carry-over the data does not state is unknown, not zero: it may be the whole difference
    assert run(budget={"income": {"actual": "100"}, "total": {"actual": "100"}}) == []
    assert run(budget={"income": {"actual": "100"}, "total": {"actual": "90"}}) == []
    stated = {"income": {"actual": "100"}, "total": {"actual": "90"}, "carryover_out": {"actual": "0"}}
    assert only(run(budget=stated)).expected == 100
    over = {"income": {"actual": "100"}, "total": {"actual": "110"}}
    assert run(budget=over) == []  # 上年结转 10 may explain it
    assert only(run(budget={**over, "carryover_in": {"actual": "0"}})).expected == 100
    # without a spending line there is nothing to compare
    assert run(budget={"income": {"actual": "100"}}) == []


# ------------------------------------------------------------------ hedges and output


def test_contradictory_hedge_in_free_text() -> None:
    finding = only(run(activities=[{"title": "活动", "bullets": ["开展巡讲，线下参与近1万余人。"]}]))
    assert finding.kind == "hedge"
    assert finding.fact_id == "activities[0].bullets[0]#1"


def test_consistent_hedges_raise_nothing() -> None:
    assert (
        run(activities=[{"title": "活动", "bullets": ["开展宣讲440余场，近万名女性参与，覆盖2万余人。"]}])
        == []
    )


def test_finding_to_dict_keeps_exact_figures_as_strings() -> None:
    finding = only(
        run(
            budget={
                "total": {"budget": "100.00"},
                "sources": [{"label": "a", "budget": "60.00"}, {"label": "b", "budget": "30.00"}],
            }
        )
    )
    assert finding.to_dict() == {
        "kind": "sum",
        "message": finding.message,
        "fact_id": "budget.total.budget",
        "stated": "100.00",
        "expected": "90.00",
        "severity": "error",
    }


def _scored(target: str, actual: str, weight: str, score: str, coefficient: str | None = None) -> dict:
    row = {**indicator(weight, score, "道路硬化里程"), "target": target, "actual": actual}
    if coefficient is not None:
        row["coefficient"] = coefficient
    return row


def test_an_unmet_target_scores_in_proportion() -> None:
    finding = only(run(indicators=[_scored("≥12.5公里", "10公里", "10", "8.5")]))
    assert (finding.kind, finding.stated, finding.expected) == ("score", Decimal("8.5"), Decimal(8))
    assert run(indicators=[_scored("≥12.5公里", "10公里", "10", "8")]) == []


def test_a_stated_coefficient_is_the_tables_own_rule() -> None:
    # 15 × 0.9 = 13.5, though 15 × 10 / 12.5 would be 12: the coefficient decides, no finding
    assert run(indicators=[_scored("≥12.5公里", "10公里", "15", "13.5", "0.9")]) == []
    finding = only(run(indicators=[_scored("≥12.5公里", "10公里", "15", "12", "0.9")]))
    assert (finding.stated, finding.expected) == (Decimal(12), Decimal("13.5"))
    assert "得分系数" in finding.message


def test_a_three_public_change_on_last_year_is_checked_like_any_budget_lines() -> None:
    tp = {"total": {"actual": "3.58", "last_year": "3.94", "yoy_rate": "-11.39"}}
    finding = only(run(budget={"three_public": tp}))
    assert finding.fact_id == "budget.three_public.total.yoy_rate"
    assert (finding.stated, finding.expected) == (Decimal("-11.39"), Decimal("-9.14"))
    tp["total"]["yoy_rate"] = "-9.14"
    assert run(budget={"three_public": tp}) == []


def test_a_score_below_the_proportion_is_a_judged_deduction_a_note_not_an_error() -> None:
    finding = only(run(indicators=[_scored("≥95%", "93.6%", "10", "9")]))
    assert finding.severity == "note" and finding.expected is not None
    assert "酌情扣分" in finding.message
    above = only(run(indicators=[_scored("≥12.5公里", "10公里", "10", "9")]))  # the rule gives 8
    assert above.severity == "error"


# ------------------------------------------------------------------ one typo, one finding


def test_a_transposed_part_is_one_finding_not_one_per_figure_it_feeds() -> None:
    # 基本支出 执行数 typed 412.35 for 421.35: the total, the 执行率 and the shares, all computed by the
    # clerk from 421.35, then disagree with the data too
    findings = run(
        budget={
            "total": {"budget": "620.00", "actual": "601.35"},
            "basic": {"budget": "430.00", "actual": "412.35", "rate": "97.99", "share": "70.07"},
            "personnel": {"actual": "361.35", "share": "85.76"},
            "public": {"actual": "60.00"},
            "projects_total": {"budget": "190.00", "actual": "180.00"},
        }
    )
    finding = only([f for f in findings if f.severity == "error"])
    assert (finding.kind, finding.fact_id) == ("sum", "budget.basic.actual")
    assert finding.expected == Decimal("421.35")
    assert "随之消除" in finding.message  # the shares computed from 421.35 too


def test_a_mistake_the_correction_does_not_explain_stays_its_own_finding() -> None:
    findings = run(
        budget={
            "total": {"budget": "620.00", "actual": "601.35"},
            "basic": {"budget": "430.00", "actual": "412.35", "rate": "98.99"},  # 421.35 / 430 is 97.99
            "personnel": {"actual": "361.35"},
            "public": {"actual": "60.00"},
            "projects_total": {"budget": "190.00", "actual": "180.00"},
        }
    )
    errors = sorted((f.kind, f.fact_id) for f in findings if f.severity == "error")
    assert errors == [("rate", "budget.basic.rate"), ("sum", "budget.basic.actual")]


def test_an_indicator_whose_nature_is_a_ceiling_is_not_scored_in_proportion() -> None:
    row = {"level1": "产出指标", "unit": "万元/人", "weight": "6", "score": "6"}
    cost = {**row, "name": "人均救助成本", "nature": "≤", "target": "1.5", "actual": "1.18"}
    floor = {**row, "name": "人均救助金额", "nature": "≥", "target": "1.5", "actual": "1.18"}
    assert [f.fact_id for f in run(indicators=[cost, floor]) if f.kind == "score"] == ["indicators[1].score"]
