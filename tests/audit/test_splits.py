"""A 自评表's two splits of one 年度资金总额 add up to it (issue 17, item 4).

The rows 年度资金总额 | 其中：财政拨款 | 其他资金 | 按支出性质分：基本支出 | 项目支出 are two splits of one
total: 按收入性质分 (budget.sources) and 按支出性质分 (budget.basic + budget.projects_total). Each is
added up against the total in every figure given (年初预算数, 全年预算数, 全年执行数); a split that
misses it is a `split_mismatch`. `budget.structure_of` says which whole 按支出性质分 splits when the
data states a 支出合计 of its own.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from drafter.audit.rules import Finding, FindingCode, audit
from drafter.check.ground import check
from drafter.check.result import Cause
from drafter.data.load import load_data
from drafter.data.model import ReportData
from drafter.data.xlsx_write import write_workbook
from drafter.errors import InputError
from drafter.facts.build import build_facts

UNIT = {"name": "测试单位", "level": "市", "year": 2021}
# the real report's 自评表: 全年执行数 2030.12 (执行率 100%), 按支出性质分 900.47 + 1025.20 = 1925.67
ISSUE = {
    "total": {"label": "年度资金总额", "budget": "2030.12", "actual": "2030.12", "rate": "100"},
    "sources": [{"label": "财政拨款", "budget": "2030.12", "actual": "2030.12"}],
    "basic": {"budget": "900.47", "actual": "900.47"},
    "projects_total": {"budget": "1025.20", "actual": "1025.20"},
}


def run(budget: dict[str, Any]) -> list[Finding]:
    data = ReportData.model_validate({"unit": UNIT, "budget": budget})
    return audit(data, build_facts(data))


def splits(findings: list[Finding]) -> list[tuple[str | None, Decimal | None, Decimal | None]]:
    return [(f.fact_id, f.stated, f.expected) for f in findings if f.code == FindingCode.SPLIT_MISMATCH]


def test_the_split_by_nature_that_misses_its_total_is_a_finding() -> None:
    assert splits(run(ISSUE)) == [
        ("budget.total.budget", Decimal("2030.12"), Decimal("1925.67")),
        ("budget.total.actual", Decimal("2030.12"), Decimal("1925.67")),
    ]


def test_the_split_by_source_that_misses_its_total_is_a_finding() -> None:
    budget = {
        **ISSUE,
        "basic": {"actual": "1004.92"},
        "sources": [
            {"label": "财政拨款", "initial_budget": "1800.00", "actual": "1900.00"},
            {"label": "其他资金", "initial_budget": "100.00", "actual": "100.00"},
        ],
        "total": {**ISSUE["total"], "initial_budget": "1900.00"},
    }
    assert splits(run(budget)) == [("budget.total.actual", Decimal("2030.12"), Decimal("2000.00"))]


def test_splits_that_agree_are_no_finding() -> None:
    assert run({**ISSUE, "basic": {"budget": "1004.92", "actual": "1004.92"}}) == []


def test_a_figure_the_spending_total_leaves_out_is_the_total_s() -> None:
    # 支出合计 states its 执行数 only: the split's 全年预算数 is added up against the 年度资金总额
    budget = {**ISSUE, "spending": {"label": "支出合计", "actual": "1925.67"}}
    assert splits(run(budget)) == [("budget.total.budget", Decimal("2030.12"), Decimal("1925.67"))]


def test_a_spending_total_of_its_own_keeps_its_split() -> None:
    # yuelu's 自评表: 资金来源合计 198.80 and 资金结构合计 174.74 are two wholes, each with its parts
    budget = {
        "total": {"budget": "198.80"},
        "sources": [{"label": "财政拨款", "budget": "174.56"}, {"label": "其他资金", "budget": "24.24"}],
        "spending": {"budget": "174.74"},
        "basic": {"budget": "110.00"},
        "projects_total": {"budget": "64.74"},
    }
    assert run(budget) == []


def test_structure_of_total_ties_the_split_to_the_table_s_total() -> None:
    budget = {**ISSUE, "spending": {"actual": "1925.67", "budget": "1925.67"}}
    assert splits(run(budget)) == []  # the split adds up to the 支出合计 it is taken of
    tied = splits(run({**budget, "structure_of": "total"}))
    assert [fid for fid, _, _ in tied] == ["budget.total.budget", "budget.total.actual"]
    assert splits(run({**ISSUE, "spending": {"actual": "1925.67"}, "structure_of": "spending"})) == []


def test_a_table_cell_of_a_total_its_split_misses_is_data_inconsistent() -> None:
    data = ReportData.model_validate({"unit": UNIT, "budget": ISSUE})
    result = check("2021年年度资金总额全年执行数2030.12万元，执行率100%。\n", data)
    (verdict,) = [v for v in result.verdicts if v.mention.text.startswith("2030.12")]
    assert (verdict.verdict, verdict.cause) == ("mismatch", Cause.DATA_INCONSISTENT)


@pytest.mark.parametrize(
    ("budget", "said"),
    [
        ({"total": {"actual": "5"}, "structure_of": "total"}, "basic or projects_total is not given"),
        (
            {
                "total": {"actual": "5"},
                "basic": {"actual": "2"},
                "projects_total": {"actual": "3"},
                "structure_of": "spending",
            },
            "budget.spending is not given",
        ),
        ({"total": {"actual": "5"}, "structure_of": "年度资金总额"}, "budget.structure_of"),
    ],
)
def test_a_structure_of_the_data_cannot_hold_is_named(
    tmp_path: Path, budget: dict[str, Any], said: str
) -> None:
    path = tmp_path / "data.json"
    path.write_text(json.dumps({"unit": UNIT, "budget": budget}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_data(path)
    assert said in exc.value.message and "data.json" in exc.value.message


def test_structure_of_has_its_row_in_the_workbook(tmp_path: Path) -> None:
    data = ReportData.model_validate(
        {"unit": UNIT, "budget": {**ISSUE, "spending": {"actual": "1925.67"}, "structure_of": "total"}}
    )
    path = tmp_path / "data.xlsx"
    path.write_bytes(write_workbook(data))
    back = load_data(path)
    assert back.budget.structure_of == "total" and back == data
    wb = openpyxl.load_workbook(path)
    ws = wb["基本情况"]
    (row,) = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "按支出性质分之总额"]
    ws.cell(row, 2).value = "全部"
    wb.save(path)
    with pytest.raises(InputError) as exc:
        load_data(path)
    assert "基本情况!B" in exc.value.message and "'total' or 'spending'" in exc.value.message
