"""Each kind of finding the audit makes carries its machine code, set where its message is written.

Code that decides anything about a finding reads its `code` (or `kind`), never its Chinese message.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from drafter.audit.findings import Finding, FindingCode
from drafter.audit.rules import audit
from drafter.data.load import load_data
from drafter.data.model import ReportData
from drafter.facts.build import build_facts

ROOT = Path(__file__).resolve().parents[2]
AUDIT = ROOT / "drafter" / "audit"
UNIT = {"name": "测试单位", "level": "市", "year": 2023}


def _indicator(weight: str, score: str, name: str = "指标", **more: str) -> dict[str, str]:
    return {
        "level1": "产出指标",
        "level2": "数量指标",
        "name": name,
        "weight": weight,
        "score": score,
        **more,
    }


_THREE_PUBLIC = {
    "total": {"actual": "10.00"},
    "overseas": {"actual": "1.00"},
    "vehicles": {"actual": "4.00"},
    "reception": {"actual": "3.00"},
}

CASES: dict[FindingCode, dict[str, Any]] = {
    FindingCode.BUILDING_RATE_MISMATCH: {
        "budget": {"buildings": {"approved_area": "100", "actual_area": "90", "area_rate": "80"}}
    },
    FindingCode.RETIRED_SPLIT_MISMATCH: {
        "staff": {
            "retired": 5,
            "retired_parts": [{"label": "离休", "count": 1}, {"label": "退休", "count": 3}],
        }
    },
    FindingCode.STAFF_SPLIT_MISMATCH: {
        "staff": {
            "actual": 5,
            "actual_by_post": [{"label": "管理岗", "count": 1}, {"label": "工勤岗", "count": 3}],
        }
    },
    FindingCode.PROJECT_GROUP_SUM_MISMATCH: {
        "budget": {
            "project_groups": [{"label": "g", "actual": "9.00"}],
            "projects": [{"label": "p", "group": "g", "actual": "8.00"}],
        }
    },
    FindingCode.LINE_BALANCE_MISMATCH: {
        "budget": {"basic": {"budget": "10.00", "actual": "8.00", "balance": "3.00"}}
    },
    FindingCode.RETURNED_ABOVE_BALANCE: {
        "budget": {"basic": {"budget": "10.00", "actual": "8.00", "balance_returned": "3.00"}}
    },
    FindingCode.FUND_LEVELS_ABOVE_BUDGET: {
        "budget": {
            "projects": [{"label": "p", "budget": "10.00", "funds_central": "8.00", "funds_city": "3"}]
        }
    },
    FindingCode.PUBLIC_PARTS_SUM_MISMATCH: {
        "budget": {
            "public": {"actual": "10.00"},
            "public_parts": [{"label": "办公费", "actual": "6.00"}, {"label": "差旅费", "actual": "3.00"}],
        }
    },
    FindingCode.SUM_MISMATCH: {
        "budget": {
            "projects_total": {"budget": "100.00"},
            "projects": [{"label": "a", "budget": "60.00"}, {"label": "b", "budget": "30.00"}],
        }
    },
    FindingCode.SPLIT_MISMATCH: {  # the 自评表's 按支出性质分 split is not its 年度资金总额 (issue 17)
        "budget": {
            "total": {"budget": "2030.12", "actual": "2030.12"},
            "basic": {"actual": "900.47"},
            "projects_total": {"actual": "1025.20"},
        }
    },
    FindingCode.ACTUAL_MISTYPED: {  # 90.00% is 180 / 200: the parts' sum, not the 190 typed
        "budget": {
            "total": {"budget": "200.00", "actual": "190.00", "rate": "90.00"},
            "spending": {"actual": "180.00"},
            "basic": {"actual": "100.00"},
            "projects_total": {"actual": "80.00"},
        }
    },
    FindingCode.SWAPPED_FIGURES: {  # 项目支出 50 / 40 swapped back makes both sums agree
        "budget": {
            "total": {"budget": "100.00", "actual": "80.00"},
            "basic": {"budget": "50.00", "actual": "40.00"},
            "projects_total": {"budget": "40.00", "actual": "50.00"},
        }
    },
    FindingCode.BALANCE_MISMATCH: {
        "budget": {
            "income": {"actual": "100"},
            "carryover_in": {"actual": "0"},
            "carryover_out": {"actual": "0"},
            "total": {"actual": "90"},
        }
    },
    FindingCode.LISTED_PARTS_MISMATCH: {
        "activities": [
            {
                "title": "活动",
                "bullets": ["全区登记团队300支，其中广场舞团队160支、合唱团队90支、其他团队40支。"],
            }
        ]
    },
    FindingCode.THREE_PUBLIC_SUM_MISMATCH: {"budget": {"three_public": _THREE_PUBLIC}},
    FindingCode.YOY_AMOUNT_MISMATCH: {
        "budget": {"basic": {"actual": "1012.66", "last_year": "1000.16", "yoy_amount": "125.0"}}
    },
    FindingCode.RATE_MISMATCH: {"budget": {"basic": {"budget": "100", "actual": "90", "rate": "95"}}},
    FindingCode.YOY_RATE_MISMATCH: {
        "budget": {"basic": {"actual": "110", "last_year": "100", "yoy_rate": "5"}}
    },
    FindingCode.FINANCE_RATE_MISMATCH: {
        "budget": {"procurement": {"budget": "100", "actual": "90", "rate": "95"}}
    },
    FindingCode.SHARE_MISMATCH: {
        "budget": {
            "total": {"actual": "100"},
            "basic": {"actual": "60", "share": "50"},
            "projects_total": {"actual": "40"},
        }
    },
    FindingCode.STAFF_COUNT_MISMATCH: {
        "staff": {"actual": 5, "actual_parts": [{"label": "a", "count": 4}, {"label": "b", "count": 2}]}
    },
    FindingCode.HEDGE_CONFLICT: {
        "activities": [{"title": "活动", "bullets": ["开展巡讲，线下参与近1万余人。"]}]
    },
    FindingCode.SCORE_ABOVE_WEIGHT: {"indicators": [_indicator("5", "6")]},
    FindingCode.SCORE_COEFFICIENT_MISMATCH: {
        "indicators": [_indicator("15", "12", target="≥12.5公里", actual="10公里", coefficient="0.9")]
    },
    FindingCode.SCORE_PROPORTION_MISMATCH: {
        "indicators": [_indicator("10", "8.5", target="≥12.5公里", actual="10公里")]
    },
    FindingCode.FUNDS_SCORE_MISMATCH: {
        "budget": {"total": {"budget": "100", "actual": "90", "weight": "10", "score": "10"}}
    },
    FindingCode.TOTAL_WEIGHT_MISMATCH: {
        "indicators": [_indicator("5", "5"), _indicator("10", "10")],
        "self_evaluation": {"total_weight": "20"},
    },
    FindingCode.TOTAL_SCORE_MISMATCH: {
        "indicators": [_indicator("5", "5"), _indicator("10", "10")],
        "self_evaluation": {"score": "20"},
    },
    FindingCode.GROUP_TOTAL_MISMATCH: {
        "indicators": [_indicator("30", "30", "a"), _indicator("20", "18", "b")],
        "indicator_groups": [{"level1": "产出指标", "weight": 50, "score": 49}],
    },
    FindingCode.GRADE_MISMATCH: {"self_evaluation": {"score": "95", "grade": "中"}},
    FindingCode.NOT_COMPUTABLE: {"budget": {"basic": {"budget": "0", "actual": "5", "rate": "100"}}},
}


def _codes(fields: dict[str, Any]) -> list[FindingCode | None]:
    data = ReportData.model_validate({"unit": UNIT, **fields})
    return [f.code for f in audit(data, build_facts(data))]


def test_every_code_but_the_checkers_has_a_case() -> None:
    assert set(CASES) == set(FindingCode) - {FindingCode.MISSING_FACT}


@pytest.mark.parametrize("code", list(CASES), ids=str)
def test_each_kind_of_finding_carries_its_code(code: FindingCode) -> None:
    assert code in _codes(CASES[code])


def test_every_finding_the_audit_writes_names_its_code() -> None:
    """Each `Finding(...)` in drafter/audit passes `code=`: the code is set where the message is."""
    used: set[str] = set()
    for path in AUDIT.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Finding":
                code = next((k.value for k in node.keywords if k.arg == "code"), None)
                assert isinstance(code, ast.Attribute), f"{path.name}:{node.lineno}: a Finding without code="
                used.add(code.attr)
    assert used == {c.name for c in FindingCode} - {"MISSING_FACT"}


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "examples").iterdir() if p.is_dir()))
def test_no_finding_of_the_examples_is_without_a_code(name: str) -> None:
    data = load_data(ROOT / "examples" / name / "data.yaml")
    assert all(f.code is not None for f in audit(data, build_facts(data)))


def test_a_missing_fact_is_coded_by_its_kind() -> None:
    assert (
        Finding("missing", "未写明预算数（100万元）", "budget.total.budget").code == FindingCode.MISSING_FACT
    )
    assert Finding("sum", "x").code is None  # the audit always names one; nothing guesses it


def test_the_code_is_no_part_of_the_json() -> None:
    finding = Finding("sum", "x", code=FindingCode.SUM_MISMATCH)
    assert set(finding.to_dict()) == {"kind", "message", "fact_id", "stated", "expected", "severity"}
