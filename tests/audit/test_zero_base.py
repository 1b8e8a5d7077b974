"""A rate of a zero base is not computable: the audit says so (a coded note), never stops on it.

A line whose 预算数 (or 上年数, or the whole of a share) is 0 used to end `drafter check` and `drafter
draft` with decimal.DivisionByZero (issue 17, item 7). The figures stated beside such a line are told
as `not_computable` notes; a zero 执行数 over a real budget is an ordinary 0% and still checked.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from drafter.audit.rules import Finding, FindingCode, audit
from drafter.check.ground import check
from drafter.data.load import load_data
from drafter.data.model import ReportData
from drafter.facts.build import build_facts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
UNIT = {"name": "测试单位", "level": "市", "year": 2023}


def run(**fields: Any) -> list[Finding]:
    data = ReportData.model_validate({"unit": UNIT, **fields})
    return audit(data, build_facts(data))


def coded(findings: list[Finding], code: FindingCode) -> list[Finding]:
    return [f for f in findings if f.code == code]


def test_a_stated_rate_of_a_zero_budget_is_a_note_not_a_crash() -> None:
    (note,) = coded(
        run(budget={"total": {"budget": "0", "actual": "5.00", "rate": "100"}}), FindingCode.NOT_COMPUTABLE
    )
    assert note.severity == "note"
    assert note.fact_id == "budget.total.rate"
    assert note.stated == Decimal(100) and note.expected is None
    assert "无法计算" in note.message and "预算数为 0" in note.message


def test_a_zero_actual_over_a_real_budget_is_an_ordinary_rate() -> None:
    assert run(budget={"basic": {"budget": "10.00", "actual": "0", "rate": "0"}}) == []
    (wrong,) = run(budget={"basic": {"budget": "10.00", "actual": "0", "rate": "100"}})
    assert wrong.code == FindingCode.RATE_MISMATCH and wrong.expected == Decimal(0)


def test_a_zero_actual_of_a_swapped_part_does_not_divide_by_it() -> None:
    # the part's 预算数 and 执行数 typed in each other's column, one of them 0, and a rate stated beside it
    findings = run(
        budget={
            "total": {"budget": "100", "actual": "80"},
            "sources": [
                {"label": "财政拨款", "budget": "100", "actual": "80"},
                {"label": "其他资金", "budget": "0", "actual": "0", "rate": "50"},
            ],
        }
    )
    assert coded(findings, FindingCode.NOT_COMPUTABLE)[0].fact_id == "budget.sources[1].rate"


def test_a_yoy_rate_of_a_zero_last_year_is_not_computable() -> None:
    (note,) = run(budget={"total": {"actual": "5", "last_year": "0", "yoy_rate": "10"}})
    assert (note.code, note.severity, note.fact_id) == (
        FindingCode.NOT_COMPUTABLE,
        "note",
        "budget.total.yoy_rate",
    )


def test_a_share_of_a_zero_whole_is_not_computable() -> None:
    findings = run(
        budget={
            "total": {"budget": "0", "actual": "0"},
            "sources": [{"label": "财政拨款", "budget": "0", "actual": "0", "share": "100"}],
        }
    )
    assert [f.fact_id for f in coded(findings, FindingCode.NOT_COMPUTABLE)] == ["budget.sources[0].share"]


def test_the_funds_score_of_a_zero_budget_is_not_computable() -> None:
    findings = run(budget={"total": {"budget": "0", "actual": "0", "weight": "10", "score": "10"}})
    assert [f.fact_id for f in coded(findings, FindingCode.NOT_COMPUTABLE)] == ["budget.total.score"]


def test_a_zero_base_of_a_mistyped_whole_is_no_division() -> None:
    # the whole's 预算数 is off its parts, whose sum is 0: the score may not follow a zero budget
    findings = run(
        budget={
            "total": {"budget": "10", "actual": "5", "weight": "10", "score": "5"},
            "basic": {"budget": "0", "actual": "5"},
            "projects_total": {"budget": "0", "actual": "0"},
        }
    )
    assert FindingCode.SPLIT_MISMATCH in {f.code for f in findings}


@pytest.mark.parametrize(
    ("fields", "fact_id"),
    [
        (
            {"budget": {"procurement": {"budget": "0", "actual": "0", "rate": "100"}}},
            "budget.procurement.rate",
        ),
        (
            {"budget": {"procurement": {"actual": "0", "sme": "0", "sme_share": "50"}}},
            "budget.procurement.sme_share",
        ),
        ({"staff": {"authorized": 0, "actual": 0, "control_rate": "100"}}, "staff.control_rate"),
        (
            {"budget": {"total": {"budget": "0"}, "carryover_out": {"actual": "0"}, "carryover_rate": "0"}},
            "budget.carryover_rate",
        ),
    ],
)
def test_a_stated_finance_rate_of_a_zero_base_is_not_computable(fields: dict[str, Any], fact_id: str) -> None:
    (note,) = coded(run(**fields), FindingCode.NOT_COMPUTABLE)
    assert (note.fact_id, note.severity) == (fact_id, "note")


def test_no_rate_fact_is_derived_of_a_zero_base() -> None:
    data = ReportData.model_validate(
        {
            "unit": UNIT,
            "staff": {"authorized": 0, "actual": 0},
            "budget": {
                "total": {
                    "budget": "0",
                    "actual": "5",
                    "received": "0",
                    "last_year": "0",
                    "initial_budget": "0",
                },
                "sources": [{"label": "财政拨款", "budget": "0", "actual": "0"}],
                "procurement": {"budget": "0", "actual": "0", "sme": "0"},
                "carryover_out": {"actual": "0"},
            },
            "indicators": [{"level1": "产出指标", "name": "完成数量", "weight": "0", "score": "0"}],
        }
    )
    facts = build_facts(data)
    derived = {f.id for f in facts if f.origin == "derived" and f.dim == "percent"}
    # only the shares and rates of the one figure that is not zero (执行数 5) are derived
    assert derived == {"budget.sources[0].share_actual~", "budget.carryover_rate_actual~"}
    assert facts.get("budget.total.actual") is not None


def _zeroed(raw: dict[str, Any], slot: str, figure: str) -> dict[str, Any] | None:
    line = raw.get("budget", {}).get(slot)
    if not isinstance(line, dict) or line.get(figure) is None:
        return None
    return {**raw, "budget": {**raw["budget"], slot: {**line, figure: Decimal(0)}}}


@pytest.mark.parametrize("name", ["hengyang-2023", "laoting-2023", "yuelu-2021"])
def test_a_zero_figure_on_any_main_line_of_an_example_checks_without_error(name: str) -> None:
    data = load_data(EXAMPLES / name / "data.yaml")
    text = (EXAMPLES / name / "report.txt").read_text(encoding="utf-8")[:4000]
    raw = data.model_dump(by_alias=True, exclude_none=True)
    tried = 0
    for slot in ("total", "spending", "basic", "personnel", "public", "projects_total"):
        for figure in ("budget", "actual", "last_year", "initial_budget"):
            zeroed = _zeroed(raw, slot, figure)
            if zeroed is None:
                continue
            result = check(text, ReportData.model_validate(zeroed))  # no DivisionByZero
            assert result.verdicts
            tried += 1
    assert tried >= 3
