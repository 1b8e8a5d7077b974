"""Table layouts read as layout (issue 17, item 2): 序号 columns, header cells split over lines, row cuts.

Each text is a made-up table in a shape published reports arrive in, with the figures of
tests/check/test_tables.py's data. Both ways: the layout reads clean (its figures proved, its 序号 and
layout cells ignored, nothing a reviewer must look at), and a wrong figure planted in it is caught.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import Cause, check, make_grounder
from drafter.data.load import parse_data
from tests.check.test_tables import DATA

ROWS = [
    ["开展宣讲活动", "≥26次", "26次", "20", "20"],
    ["发布宣传文章", "2000篇", "2200篇", "15", "15"],
    ["培训合格率", "≥95%", "100%", "15", "15"],
    ["帮扶资金发放", "50.6万元", "41.3万元", "10", "8"],
]
HEADER = ["三级指标", "年度指标值", "实际完成值", "分值", "得分"]


@pytest.fixture(scope="module")
def grounder():
    return make_grounder(parse_data(DATA, Path("t.yaml")))


def problems(text: str, grounder) -> list[tuple[str, str]]:
    return [(v.mention.text.strip(), v.verdict) for v in check(text, grounder).verdicts if v.is_problem]


def grid(sep: str, header: list[str], serial_at: int = 0, lead: list[str] | None = None) -> str:
    """A grid table whose rows carry a 序号 cell (at `serial_at`) the header may not name."""
    lines = [sep.join(header)]
    for k, row in enumerate(ROWS):
        cells = [*(lead or []), *row]
        cells.insert(serial_at, str(k + 1))
        lines.append(sep.join(cells))
    return "\n".join(lines) + "\n"


def one_per_line(border: str, header: list[str]) -> str:
    """The same table pasted one cell per line, each with `border` after it ("" for none)."""
    cells = [*header, *(c for k, row in enumerate(ROWS) for c in (str(k + 1), *row))]
    return "".join(f"{c}{border}\n" for c in cells)


SERIAL_LAYOUTS = {
    "pipe, header without 序号": grid(" | ", HEADER),
    "pipe, empty corner": "  | " + grid(" | ", HEADER),
    "tab": grid("\t", HEADER),
    "two spaces": grid("    ", HEADER),
    "single space": grid(" ", HEADER),
    "pipe, 序号 in the second column": grid(" | ", ["一级指标", *HEADER], 1, ["产出指标"]),
    "one cell per line, bordered, named 序号": one_per_line(" |", ["序号", *HEADER]),
    "one cell per line, bordered, no 序号": one_per_line(" |", HEADER),
    "one cell per line, no border": one_per_line("", HEADER),
}


@pytest.mark.parametrize("name", list(SERIAL_LAYOUTS))
def test_a_serial_column_is_layout_in_any_table(name: str, grounder) -> None:
    text = SERIAL_LAYOUTS[name]
    verdicts = check(text, grounder).verdicts
    assert [v for v in verdicts if v.is_problem or v.verdict == "unreadable"] == []
    figures = [v for v in verdicts if v.mention.is_quantity and v.cause is not Cause.ORDINAL_COLUMN]
    assert len(figures) == 16 and all(v.verdict == "ok" for v in figures)
    serials = [v for v in verdicts if v.mention.text.strip() in "1234" and v.mention.text.strip()]
    assert all(v.verdict == "ignored" for v in serials)


@pytest.mark.parametrize("name", list(SERIAL_LAYOUTS))
def test_a_wrong_figure_beside_a_serial_column_is_caught(name: str, grounder) -> None:
    text = SERIAL_LAYOUTS[name]
    at = text.rindex("8")  # 帮扶资金发放's 得分, the last figure
    wrong = text[:at] + "7" + text[at + 1 :]
    assert problems(wrong, grounder) == [("7", "mismatch")]
    at = text.index("2200篇")
    assert problems(text[:at] + "2300篇" + text[at + 5 :], grounder) == [("2300篇", "mismatch")]


# a web page's 自评表 pasted one bordered cell per line: header names split over lines, the 一级/二级
# 指标 merged down the rows, the 原因 cell given only where there is one
SPLIT_SCORES = [
    *("一级指标", "二级指标", "三级指标"),
    *("年度", "指标值", "实际", "完成值", "分值", "得分", "偏差原因分析及改进措施"),
    *("产出指标", "数量指标", "开展宣讲活动", "≥26次", "26次", "20", "20"),
    *("发布宣传文章", "2000篇", "2200篇", "15", "15"),
    *("质量指标", "培训合格率", "≥95%", "100%", "15", "15"),
    *("效益指标", "社会效益指标", "帮扶资金发放", "50.6万元", "41.3万元", "10", "8", "资金拨付滞后"),
]
# the funds table the same way, every name split, 其中's empty cells kept as bars
SPLIT_FUNDS = [
    *("项目", "年初", "预算数", "全年", "预算数", "全年", "执行数", "执行率", "分值", "得分"),
    *("年度资金总额", "300.00", "320.50", "301.27", "94.00%", "10", "9.40"),
    *("其中：财政拨款", "280.00", "300.50", "285.27", "94.93%", "", ""),
]
# a name split over three lines (实际 / 完成 / 值)
DEEP = [
    *("三级指标", "年度", "指标值", "实际", "完成", "值", "分值", "得分"),
    *(c for row in ROWS for c in row),
]


def bordered(cells: list[str]) -> str:
    return "".join(f"{c} |\n" if c else "|\n" for c in cells)


@pytest.mark.parametrize("cells", [SPLIT_SCORES, SPLIT_FUNDS, DEEP], ids=["scores", "funds", "three lines"])
def test_a_header_name_split_over_lines_is_read_joined(cells: list[str], grounder) -> None:
    text = bordered(cells)
    verdicts = check(text, grounder).verdicts
    assert [v for v in verdicts if v.is_problem or v.verdict == "unreadable"] == []
    cells_read = [v for v in verdicts if v.binding is not None and v.binding.placed is not None]
    assert len(cells_read) >= 10 and all(v.verdict == "ok" for v in cells_read)
    headers = {v.binding.placed.header for v in cells_read}
    assert headers & {"年度指标值", "全年执行数"} and not headers & {"年度", "全年", "实际", "指标值"}


@pytest.mark.parametrize(
    ("cells", "right", "wrong"),
    [
        (SPLIT_SCORES, "8", "7"),
        (SPLIT_SCORES, "2200篇", "2300篇"),
        (SPLIT_FUNDS, "301.27", "310.27"),
        (DEEP, "2200篇", "2300篇"),
    ],
)
def test_a_wrong_figure_under_a_split_header_is_caught(cells, right, wrong, grounder) -> None:
    planted = [wrong if c == right else c for c in cells]
    assert problems(bordered(planted), grounder) == [(wrong, "mismatch")]


# a 基础数据表 pasted one cell per line: a row's label line, then its value lines; the year columns
# take figures only, the 备注 column words only where a row has a remark
BASIC_DATA = """
unit: {name: 测试县妇女联合会, level: 县, year: 2023}
budget:
  total: {label: 年度资金总额, budget: 320.50, actual: 301.27, last_year: 280.00}
  basic: {budget: 210.00, actual: 201.27, last_year: 190.40}
  personnel: {budget: 175.00, actual: 170.00, last_year: 160.20}
  public: {budget: 35.00, actual: 31.27, last_year: 30.20}
  projects_total: {budget: 110.50, actual: 100.00, last_year: 89.60}
"""
BASIC = [
    *("项目", "2022年决算数", "2023年预算数", "2023年决算数", "备注"),
    *("年度资金总额", "280.00", "320.50", "301.27"),
    *("基本支出", "190.40", "210.00", "201.27"),
    *("人员支出", "160.20", "175.00", "170.00"),
    *("公用支出", "30.20", "35.00", "31.27"),
    *("项目支出", "89.60", "110.50", "100.00", "含结转"),
]


def test_a_basic_data_table_one_cell_per_line_binds_each_row_to_its_own_label() -> None:
    g = make_grounder(parse_data(BASIC_DATA, Path("b.yaml")))
    verdicts = [v for v in check(bordered(BASIC), g).verdicts if v.mention.is_quantity]
    assert len(verdicts) == 15 and all(v.verdict == "ok" for v in verdicts)
    by_text = {v.mention.text.strip(): v.fact_id for v in verdicts}
    assert by_text["190.40"] == "budget.basic.last_year"  # not the 年度资金总额 row's
    assert by_text["31.27"] == "budget.public.actual"
    wrong = [c if c != "175.00" else "157.00" for c in BASIC]
    assert problems(bordered(wrong), g) == [("157.00", "mismatch")]
    wrong = [c if c != "30.20" else "32.20" for c in BASIC]
    assert problems(bordered(wrong), g) == [("32.20", "mismatch")]


# a transposed table: fields as rows, years as columns
TRANSPOSED = "项目 | 2022年 | 2023年\n编制数 | 8 | 8\n实有人数 | 6 | 7\n全年执行数 | 280.00 | 301.27\n"
PRIOR_YEAR = """
facts:
  - {id: staff.authorized.2022, label: 2022年编制数, value: 8, unit: 人}
  - {id: staff.actual.2022, label: 2022年实有人数, value: 6, unit: 人}
"""


def test_a_transposed_table_reads_the_row_as_the_field_and_the_column_as_its_year() -> None:
    g = make_grounder(parse_data(DATA + PRIOR_YEAR, Path("t.yaml")))
    found = {
        (v.mention.text.strip(), v.binding.placed.header): v
        for v in check(TRANSPOSED, g).verdicts
        if v.binding is not None and v.binding.placed is not None
    }
    assert found["6", "2022年"].fact_id == "facts.staff.actual.2022"
    assert found["7", "2023年"].fact_id == "staff.actual"
    assert found["280.00", "2022年"].fact_id == "budget.total.last_year"
    assert all(v.verdict == "ok" for v in found.values())
    assert problems(TRANSPOSED.replace("| 6 |", "| 5 |"), g) == [("5", "mismatch")]
    assert problems(TRANSPOSED.replace("| 7\n", "| 9\n"), g) == [("9", "mismatch")]


def test_another_years_figure_the_data_lacks_is_unsupported_not_the_report_years(grounder) -> None:
    # the data holds 2023's 实有人数 (7) only: 2022's 6 is not "应为 7"
    verdicts = {v.mention.text.strip(): v for v in check(TRANSPOSED, grounder).verdicts}
    assert verdicts["6"].verdict == "unsupported" and verdicts["6"].cause is Cause.CELL_NOT_IN_DATA
    assert verdicts["7"].verdict == "ok"


SCORED_AS_WORDS = (
    "三级指标 年度指标值 实际完成值 分值 得分\n"
    "开展宣讲活动 ≥26次 26次 20 20\n"
    "培训合格率 ≥95% 达成预期指标 {} {}\n"
    "帮扶资金发放 50.6万元 41.3万元 10 8\n"
)


def test_a_pair_after_a_result_in_words_is_the_rows_weight_and_score(grounder) -> None:
    # 达成预期指标 8 8: 分值 and 得分 after a 实际完成值 in words, no 指标8 (an item number) ignored
    verdicts = check(SCORED_AS_WORDS.format(15, 15), grounder).verdicts
    fifteens = [v for v in verdicts if v.mention.text.strip() == "15"]
    assert [(v.mention.kind, v.verdict) for v in fifteens] == [("quantity", "ok"), ("quantity", "ok")]
    assert problems(SCORED_AS_WORDS.format(15, 15), grounder) == []


def test_a_wrong_score_after_a_result_in_words_is_caught(grounder) -> None:
    assert problems(SCORED_AS_WORDS.format(15, 12), grounder) == [("12", "mismatch")]
    assert problems(SCORED_AS_WORDS.format(12, 15), grounder) == [("12", "mismatch")]
