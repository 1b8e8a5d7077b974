"""A project table's 合计 row when the data lists the projects but states no projects total.

The row's 预算数 and 执行数 are the sums of the listed projects, and its 执行率 is summed 执行数 / summed
预算数 × 100, half-up to the printed decimals: all three are proved, and a wrong one is a mismatch. A
`partial` list (其中…) is no sum, so nothing is derived from it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import check
from drafter.data.load import parse_data

DATA = """
unit: {{name: 测试县妇女联合会, short_name: 测试县妇联, level: 县, year: 2023}}
budget:
  total: {{label: 年度资金总额, budget: 320.50, actual: 301.27}}
  projects:
    - {{label: 妇女维权项目, budget: 25.00, actual: 18.00}}
    - {{label: 儿童关爱项目, budget: 40.00, actual: 39.50}}
    - {{label: 家庭教育项目, budget: 35.03, actual: 30.00}}
{partial}
"""


def table(total_row: str) -> str:
    return (
        "二、项目支出执行情况\n"
        "| 项目名称 | 预算数 | 执行数 | 执行率 |\n"
        "| --- | --- | --- | --- |\n"
        "| 妇女维权项目 | 25.00 | 18.00 | 72.00% |\n"
        "| 儿童关爱项目 | 40.00 | 39.50 | 98.75% |\n"
        "| 家庭教育项目 | 35.03 | 30.00 | 85.64% |\n"
        f"| 合计 | {total_row} |\n"
    )


def verdicts(total_row: str, partial: str = "") -> dict[str, str]:
    """The verdict on each cell of the 合计 row, by its text."""
    text = table(total_row)
    data = parse_data(DATA.format(partial=partial), Path("t.yaml"))
    row_start = text.index("| 合计")
    return {
        v.mention.text.strip(): v.verdict for v in check(text, data).verdicts if v.mention.start > row_start
    }


def test_total_row_of_listed_projects_is_proved() -> None:
    # 25.00 + 40.00 + 35.03 = 100.03; 18.00 + 39.50 + 30.00 = 87.50; 87.50 / 100.03 = 87.4737…% → 87.47%
    assert verdicts("100.03 | 87.50 | 87.47%") == {"100.03": "ok", "87.50": "ok", "87.47%": "ok"}


@pytest.mark.parametrize(
    ("row", "wrong"),
    [
        ("100.03 | 87.50 | 87.48%", "87.48%"),
        ("100.03 | 88.50 | 87.47%", "88.50"),
        ("101.03 | 87.50 | 87.47%", "101.03"),
    ],
)
def test_wrong_total_row_figure_is_a_mismatch(row: str, wrong: str) -> None:
    assert verdicts(row)[wrong] == "mismatch"


@pytest.mark.parametrize(("rate", "verdict"), [("50.01%", "ok"), ("50.00%", "mismatch")])
def test_total_row_rate_rounds_half_up(rate: str, verdict: str) -> None:
    # 25.00 + 40.00 + 135.00 = 200.00; 18.00 + 39.50 + 42.51 = 100.01; 100.01 / 200.00 = 50.005% → 50.01%
    data = DATA.replace("35.03, actual: 30.00", "135.00, actual: 42.51").format(partial="")
    text = table(f"200.00 | 100.01 | {rate}").replace("35.03 | 30.00 | 85.64%", "135.00 | 42.51 | 31.49%")
    result = check(text, parse_data(data, Path("t.yaml")))
    row = [v.verdict for v in result.verdicts if v.mention.start > text.index("| 合计")]
    assert row == ["ok", "ok", verdict]


def test_partial_project_list_gives_no_total_row_figures() -> None:
    row = verdicts("100.03 | 87.50 | 87.47%", partial="  partial: [projects]")
    assert "ok" not in row.values()
