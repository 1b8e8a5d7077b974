"""audit: one typo in the data is reported once, at the figure that is wrong, not at each consequence."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drafter.audit.rules import Finding, audit, parts_figures
from drafter.data.model import ReportData
from drafter.facts.build import build_facts

UNIT = {"name": "样例县文化馆", "level": "县", "year": 2023}


def run(**fields: Any) -> list[Finding]:
    data = ReportData.model_validate({"unit": UNIT, **fields})
    return [f for f in audit(data, build_facts(data)) if f.severity == "error"]


def _mistyped_total(rate: str, score: str) -> dict[str, Any]:
    # the rows give 执行 45.60 + 4.30 = 49.90; the total row was typed 49.09
    return {
        "total": {"budget": "52.00", "actual": "49.09", "rate": rate, "weight": "10", "score": score},
        "sources": [
            {"label": "本级财政资金", "budget": "48.00", "actual": "45.60"},
            {"label": "上级补助资金", "budget": "4.00", "actual": "4.30"},
        ],
    }


def test_rate_and_score_that_follow_the_parts_point_at_the_total_alone() -> None:
    # 49.90 / 52.00 = 95.96%, and 9.60 its score; 49.09 / 52.00 would be 94.40%
    findings = run(budget=_mistyped_total("95.96", "9.60"))
    assert [(f.kind, f.fact_id) for f in findings] == [("sum", "budget.total.actual")]
    assert findings[0].expected == Decimal("49.90")
    assert "49.09 应为 49.90 之误" in findings[0].message


def test_a_rate_that_follows_neither_figure_is_still_its_own_mistake() -> None:
    findings = run(budget=_mistyped_total("97.00", "9.60"))
    assert {(f.kind, f.fact_id) for f in findings} == {
        ("sum", "budget.total.actual"),
        ("rate", "budget.total.rate"),
    }


def test_a_score_that_follows_neither_figure_is_still_its_own_mistake() -> None:
    findings = run(budget=_mistyped_total("95.96", "8.00"))
    assert {(f.kind, f.fact_id) for f in findings} == {
        ("sum", "budget.total.actual"),
        ("score", "budget.total.score"),
    }


def test_a_mistyped_part_is_reported_once_not_again_at_its_whole() -> None:
    # 人员 300.40 + 公用 60.20 = 360.60, typed 366.00; the total 410.60 = 360.60 + 50.00 is right
    findings = run(
        budget={
            "total": {"budget": "420.00", "actual": "410.60"},
            "basic": {"actual": "366.00"},
            "personnel": {"actual": "300.40"},
            "public": {"actual": "60.20"},
            "projects_total": {"actual": "50.00"},
        }
    )
    assert [(f.fact_id, f.expected) for f in findings] == [("budget.basic.actual", Decimal("360.60"))]
    assert "410.60 也与其组成相符" in findings[0].message


def test_two_independent_sum_mistakes_are_both_kept() -> None:
    # the basic line is off its parts by 5.40, the total off its parts by 3.00: no single typo explains both
    findings = run(
        budget={
            "total": {"budget": "420.00", "actual": "413.60"},
            "basic": {"actual": "366.00"},
            "personnel": {"actual": "300.40"},
            "public": {"actual": "60.20"},
            "projects_total": {"actual": "50.00"},
        }
    )
    assert {f.fact_id for f in findings} == {"budget.basic.actual", "budget.total.actual"}


def test_the_parts_figure_of_a_mistyped_total_is_a_fact() -> None:
    data = ReportData.model_validate({"unit": UNIT, "budget": _mistyped_total("95.96", "9.60")})
    facts = build_facts(data)
    (fact,) = parts_figures(facts, audit(data, facts))
    assert fact.id == "budget.total.actual~parts"
    assert fact.value == Decimal("499000.00")  # 元
    assert fact.origin == "derived" and fact.subject == "budget.total" and fact.measure == "actual"


def _indicator(score: str, **extra: str) -> dict[str, Any]:
    return {
        "level1": "产出指标",
        "name": "文化惠民演出场次",
        "target": "≥40场",
        "actual": "36场",
        "weight": "10",
        "score": score,
        **extra,
    }


def test_full_marks_for_a_missed_target_are_no_rounding_of_the_rule() -> None:
    # 10 × 36 / 40 = 9.0: a stated 10 would round 9.0 to nothing, and is full marks for a shortfall
    (finding,) = run(indicators=[_indicator("10")])
    assert finding.fact_id == "indicators[0].score" and finding.expected == Decimal(9)
    assert run(indicators=[_indicator("9")]) == []


def test_an_adjusted_target_is_the_one_scored() -> None:
    # 调整指标值 ≥36场: 36 meets it, so full marks are right
    assert run(indicators=[_indicator("10", adjusted_target="≥36场")]) == []
    (finding,) = run(indicators=[_indicator("10", adjusted_target="≥38场")])
    assert "调整指标值 38" in finding.message
