"""Tables in the layouts real reports arrive in, and binding that respects units, columns and measures.

Each text is made up in a shape seen in published reports: pipe, tab and space separated grids, headers
broken over two lines, columns in other orders and extra columns, subtotal rows, multi-year columns,
traditional characters, cells glued by OCR. A cell is bound by its row and its column: a swapped pair
of cells is two mismatches, an indicator's 26次 is never its 分值, and a cell that cannot be placed is
`unreadable`, not a mismatch.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import check, make_grounder
from drafter.check.tables import Tables, header_measure, to_simplified
from drafter.data.load import parse_data

DATA = """
unit: {name: 测试县妇女联合会, short_name: 测试县妇联, level: 县, year: 2023}
staff: {authorized: 8, actual: 7}
budget:
  total: {label: 年度资金总额, initial_budget: 300.00, budget: 320.50, actual: 301.27, rate: 94.00,
          weight: 10, score: 9.40, last_year: 280.00}
  sources:
    - {label: 财政拨款, initial_budget: 280.00, budget: 300.50, actual: 285.27}
    - {label: 其他资金, initial_budget: 20.00, budget: 20.00, actual: 16.00}
  basic: {actual: 201.27}
  personnel: {actual: 170.00}
  public: {actual: 31.27}
  projects_total: {actual: 100.00, share: 33.19}
  projects:
    - {label: 妇女维权项目, budget: 25.00, received: 20.00, actual: 18.00}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 开展宣讲活动, target: "≥26次", actual: 26次,
     weight: 20, score: 20}
  - {level1: 产出指标, level2: 数量指标, name: 发布宣传文章, target: 2000篇, actual: 2200篇,
     weight: 15, score: 15}
  - {level1: 产出指标, level2: 质量指标, name: 培训合格率, target: "≥95%", actual: 100%,
     weight: 15, score: 15}
  - {level1: 效益指标, level2: 社会效益指标, name: 帮扶资金发放, target: 50.6万元, actual: 41.3万元,
     weight: 10, score: 8}
activities:
  - title: 就业帮扶
    bullets:
      - 组建专家队伍103人，开展技能培训15.5万人次。
      - 评选先进集体3个、巾帼建功标兵5个。
      - 为困难妇女筹集善款96769.85元，发放救助金31万元。
self_evaluation: {score: 97.40, total_weight: 100}
"""


@pytest.fixture(scope="module")
def grounder():
    return make_grounder(parse_data(DATA, Path("t.yaml")))


def quantities(text: str, grounder) -> list[tuple[str, str, str | None]]:
    return [
        (v.mention.text.strip(), v.verdict, v.fact_id)
        for v in check(text, grounder).verdicts
        if v.mention.is_quantity
    ]


def problems(text: str, grounder) -> list[tuple[str, str]]:
    return [(v.mention.text.strip(), v.verdict) for v in check(text, grounder).problems]


BUDGET_PIPES = """\
| 项目 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 分值 | 得分 |
|---|---|---|---|---|---|---|
| 年度资金总额 | 300.00 | 320.50 | 301.27 | 94.00% | 10 | 9.40 |
| 其中：财政拨款 | 280.00 | 300.50 | 285.27 | 94.93% | | |
| 其他资金 | 20.00 | 20.00 | 16.00 | 80.00% | | |
"""

BUDGET_BARS_SPLIT_HEADER = """\
项目 | 年初 | 全年 | 全年 | 分值 | 执行率 | 得分
 | 预算数 | 预算数 | 执行数 |  |  |
年度资金总额 | 300.00 | 320.50 | 301.27 | 10 | 94.00% | 9.40
其中：财政拨款 | 280.00 | 300.50 | 285.27 |  | 94.93% |
"""

BUDGET_TABS = (
    "项目\t全年预算数\t年初预算数\t全年执行数\t分值\t执行率\t得分\n"
    "年度资金总额\t320.50\t300.00\t301.27\t10\t94.00%\t9.40\n"
    "财政拨款\t300.50\t280.00\t285.27\t\t94.93%\t\n"
)

BUDGET_SPACES = """\
项目              年初预算数    全年预算数    全年执行数    执行率     分值   得分
年度资金总额        300.00        320.50        301.27      94.00%     10     9.40
其他资金             20.00         20.00         16.00      80.00%
"""

BUDGET_TRADITIONAL = """\
| 項目 | 年初預算數 | 全年預算數 | 全年執行數 | 執行率 |
| 年度資金總額 | 300.00 | 320.50 | 301.27 | 94.00% |
"""


@pytest.mark.parametrize(
    "text", [BUDGET_PIPES, BUDGET_BARS_SPLIT_HEADER, BUDGET_TABS, BUDGET_SPACES, BUDGET_TRADITIONAL]
)
def test_a_budget_table_in_any_layout_is_read_cell_by_cell(text: str, grounder) -> None:
    found = quantities(text, grounder)
    assert found and all(v == "ok" for _, v, _ in found), found
    by_text = {t: fid for t, _, fid in found}
    assert by_text["300.00"] == "budget.total.initial_budget"
    assert by_text["320.50"] == "budget.total.budget"
    assert by_text["301.27"] == "budget.total.actual"


@pytest.mark.parametrize("layout", [BUDGET_PIPES, BUDGET_BARS_SPLIT_HEADER, BUDGET_TABS])
def test_swapped_cells_of_a_row_are_two_mismatches(layout: str, grounder) -> None:
    text = layout.replace("320.50", "@").replace("301.27", "320.50").replace("@", "301.27")
    found = problems(text, grounder)
    assert ("320.50", "mismatch") in found and ("301.27", "mismatch") in found, found


def test_a_header_split_over_two_lines_is_joined_column_by_column() -> None:
    text = BUDGET_BARS_SPLIT_HEADER
    tables = Tables(text)
    cell = tables.at(text.index("320.50"))
    assert cell is not None and cell.header == "全年预算数"
    assert header_measure(cell.header) == "budget"
    assert header_measure(tables.at(text.index("9.40")).header) == "score"  # type: ignore[union-attr]


INDICATORS = """\
一级指标 | 二级指标 | 三级指标 | 计量单位 | 指标性质 | 年度指标值 | 实际完成值 | 分值 | 得分 | 是否核心指标
产出指标(50分) |  |  |  |  |  |  | 50 | 50 |
产出指标 | 数量指标 | 开展宣讲活动 | 次 | ≥ | ≥26次 | 26次 | 20 | 20 | 是
 | 数量指标 | 发布宣传文章 | 篇 | = | 2000篇 | 2200篇 | 15 | 15 | 否
 | 质量指标 | 培训合格率 | % | ≥ | ≥95% | 100% | 15 | 15 | 否
效益指标 | 社会效益指标 | 帮扶资金发放 | 万元 | ≥ | 50.6万元 | 41.3万元 | 10 | 8 | 否
"""


def test_indicator_values_bind_to_their_columns_never_to_the_weight(grounder) -> None:
    found = quantities(INDICATORS, grounder)
    assert all(v == "ok" for _, v, _ in found), found
    ids = [fid for t, _, fid in found if t in ("26次", "2200篇", "100%")]
    assert ids and all(fid and ".weight" not in fid and ".score" not in fid for fid in ids), found


def test_a_wrong_indicator_value_is_a_mismatch_against_its_own_column(grounder) -> None:
    wrong = INDICATORS.replace("| 2200篇 |", "| 2100篇 |")
    v = next(v for v in check(wrong, grounder).verdicts if v.mention.text == "2100篇")
    assert v.verdict == "mismatch" and v.fact_id == "indicators[1].actual#1"


def test_a_count_under_the_weight_column_is_unreadable_not_a_mismatch(grounder) -> None:
    shifted = INDICATORS.replace("| 26次 | 20 | 20 | 是", "| 20 | 26次 | 20 | 是")
    verdicts = {v.mention.text: v.verdict for v in check(shifted, grounder).verdicts}
    assert verdicts["26次"] == "unreadable"


def test_a_subtotal_row_is_the_sum_of_its_group(grounder) -> None:
    text = "产出指标（50分）：开展宣讲活动等。\n" + INDICATORS
    found = quantities(text, grounder)
    assert ("50分", "ok", "indicators.level1[0].weight~") in found
    assert not problems(text.replace("(50分)", "(60分)"), grounder) == []


def test_cells_glued_by_ocr_are_unreadable(grounder) -> None:
    text = "项目 | 执行率 | 分值 | 得分\n年度资金总额 | 94.00%10 | 9.40\n"
    verdicts = check(text, grounder).verdicts
    glued = [v for v in verdicts if v.mention.text.startswith(("94", "10"))]
    assert glued and all(v.verdict == "unreadable" for v in glued), glued
    assert not [v for v in verdicts if v.verdict == "mismatch"]
    # the glued cell swallowed a column: the cell after it cannot be placed either
    after = next(v for v in verdicts if v.mention.text == "9.40")
    assert after.verdict == "unreadable"
    assert check(text, grounder).counts()["unreadable"] == len(glued) + 1


def test_multi_year_columns_read_the_report_year_and_the_year_before(grounder) -> None:
    text = "项目 | 2021年 | 2022年 | 2023年\n年度资金总额 | 250.00 | 280.00 | 301.27\n"
    found = {t: (v, fid) for t, v, fid in quantities(text, grounder)}
    assert found["301.27"] == ("ok", "budget.total.actual")
    assert found["280.00"] == ("ok", "budget.total.last_year")
    assert found["250.00"][0] != "ok"  # 2021 is in no data field


def test_a_total_row_is_the_whole_of_the_rows_above(grounder) -> None:
    text = (
        "序号\t来源\t全年预算数\t全年执行数\n1\t财政拨款\t300.50\t285.27\n"
        "2\t其他资金\t20.00\t16.00\n\t合计\t320.50\t301.27\n"
    )
    found = quantities(text, grounder)
    assert ("320.50", "ok", "budget.total.budget") in found
    assert ("301.27", "ok", "budget.total.actual") in found
    serials = [v for v in check(text, grounder).verdicts if v.mention.text.strip() in ("1", "2")]
    assert serials and all(v.verdict == "ignored" for v in serials)


def test_traditional_characters_read_as_simplified() -> None:
    assert to_simplified("三級指標 預算數 執行率") == "三级指标 预算数 执行率"
    assert len(to_simplified("預算")) == 2


# --------------------------------------------------------------- binding that respects meaning


def test_the_repair_scenario_stays_correct(grounder) -> None:
    """The writer drafted these right; they must bind to the indicator's own columns."""
    text = "帮扶资金发放年度指标值为50.6万元，实际完成41.3万元，得分8分。"
    assert [v for _, v, _ in quantities(text, grounder)] == ["ok", "ok", "ok"]
    found = {t: fid for t, _, fid in quantities(text, grounder)}
    assert found["8分"] == "indicators[3].score"


@pytest.mark.parametrize(
    "text",
    [
        "帮助103名妇女实现就业。",  # 103 is the size of an expert team
        "发放慰问金100.00万元。",  # 100.00 is 项目支出
    ],
)
def test_a_value_in_the_data_does_not_prove_a_sentence_about_something_else(text: str, grounder) -> None:
    (v,) = [v for v in check(text, grounder).verdicts if v.mention.is_quantity]
    assert v.verdict == "unsupported"


def test_a_measure_word_restricts_the_fact(grounder) -> None:
    # 33.19% is 项目支出's share: it cannot be an 执行率
    (v,) = [v for v in check("全年执行率为33.19%。", grounder).verdicts if v.mention.is_quantity]
    assert v.verdict != "ok"
    swapped = "妇女维权项目年初预算为20.00万元，到位数25.00万元。"
    assert len(problems(swapped, grounder)) == 2
    assert problems("妇女维权项目预算为25.00万元，到位数20.00万元。", grounder) == []


@pytest.mark.parametrize(
    "text",
    [
        "发放救助金310000元。",  # 31万元 in 元
        "开展技能培训16万人次。",  # 15.5万 rounded half-up
        "为困难妇女筹集善款96769.9元。",  # 96769.85 rounded half-up
        "评选巾帼建功标兵5个、先进集体3个。",  # the bullet's two clauses in the other order
    ],
)
def test_legal_rewrites_of_bullet_figures_pass(text: str, grounder) -> None:
    assert problems(text, grounder) == [], quantities(text, grounder)


def test_a_bullet_figure_written_more_precisely_than_the_data_fails(grounder) -> None:
    assert problems("开展技能培训15.52万人次。", grounder)


PARTIAL = """
unit: {name: 测试县卫健委, level: 县, year: 2023}
budget:
  basic: {actual: 100.00}
  personnel: {actual: 80.00}
  public: {actual: 20.00}
  projects_total: {actual: 500.00}
  projects:
    - {label: 基本公共卫生服务补助资金, actual: 300.00}
    - {label: 疾病预防控制专项资金, actual: 120.00}
  partial: [projects]
staff:
  authorized: 30
  authorized_parts:
    - {label: 行政编制, count: 20}
  partial: [authorized_parts]
"""


def test_a_partial_list_claims_no_sum() -> None:
    grounder = make_grounder(parse_data(PARTIAL, Path("p.yaml")))
    assert [f for f in grounder.findings if f.kind in ("sum", "count")] == []
    text = (
        "核定编制30人，其中行政编制20人。基本支出100.00万元，人员支出80.00万元，公用支出20.00万元；"
        "项目支出500.00万元，其中基本公共卫生服务补助资金300.00万元。"
    )
    result = check(text, grounder)
    assert result.problems == [] and result.missing == []
    assert grounder.facts.get("budget.projects_total.actual~") is None


MERGED_LABEL_HEADER = (
    "项目资金\t\t年初预算数\t全年预算数\t全年执行数\n"
    "（万元）\t年度资金总额\t{}\t{}\t301.27\n"
    "\t其中：财政拨款\t280.00\t300.50\t285.27\n"
)


def test_an_empty_header_cell_after_a_label_header_is_a_label_column(grounder) -> None:
    """项目资金 spans two columns (the unit note, the row's name): the second names the row."""
    assert check(MERGED_LABEL_HEADER.format("300.00", "320.50"), grounder).problems == []
    swapped = check(MERGED_LABEL_HEADER.format("320.50", "300.00"), grounder)
    assert [v.mention.text.strip() for v in swapped.problems] == ["320.50", "300.00"]


BUDGET_SPACES_MERGED = """\
                      年初预算数    全年预算数    全年执行数    执行率
项目资金      年度资金总额    {}      320.50      301.27      94.00%
（万元）      其中：财政拨款   280.00      300.50      285.27      94.93%
"""


def test_a_full_width_cell_stands_in_its_column_like_any_other(grounder) -> None:
    """３００．００ is one character per digit, as 300.00 is: the grid reads it in the same column."""
    found = quantities(BUDGET_SPACES_MERGED.format("３００．００"), grounder)
    assert all(v == "ok" for _, v, _ in found), found
    assert [fid for _, _, fid in found][:3] == [
        "budget.total.initial_budget",
        "budget.total.budget",
        "budget.total.actual",
    ]


def test_a_tab_row_keeps_its_merged_cells_as_empty_tabs(grounder) -> None:
    # the 一级/二级 cells of the rows below the first are blank tabs, the last (偏差原因) cell left off
    text = (
        "一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\t得分\t偏差原因\n"
        "产出指标\t数量指标\t开展宣讲活动\t≥26次\t26次\t20\t20\n"
        "\t\t发布宣传文章\t2000篇\t2200篇\t15\t15\n"
        "\t质量指标\t培训合格率\t≥95%\t100%\t15\t15\n"
    )
    assert problems(text, grounder) == []
    wrong = text.replace("2200篇\t15\t15", "2200篇\t15\t12")
    assert problems(wrong, grounder) == [("12", "mismatch")]


def test_a_row_name_glued_to_its_first_figure_is_parted(grounder) -> None:
    text = (
        "项目\t年初预算数\t全年预算数\t全年执行数\t执行率\n"
        "年度资金总额\t300.00\t320.50\t301.27\t94.00%\n"
        "其中：财政拨款280.00\t300.50\t285.27\t94.93%\n"
    )
    assert problems(text, grounder) == []
    assert problems(text.replace("300.50\t285.27", "300.50\t285.72"), grounder) == [("285.72", "mismatch")]


PROJECTS = """
unit: {name: 测试县实验小学, level: 县, year: 2023}
budget:
  unit: 万元
  projects:
    - {label: 课后服务补助, initial_budget: 30.00, budget: 32.00, actual: 31.20, rate: 97.50}
    - {label: 校舍维修改造, initial_budget: 80.00, budget: 80.00, actual: 76.00, rate: 95.00}
"""


def test_a_project_tables_fund_row_is_its_titled_projects() -> None:
    g = make_grounder(parse_data(PROJECTS, Path("p.yaml")))
    table = (
        "项目名称 | {name}\n"
        "项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 执行率\n"
        " | 年度资金总额 | {row}\n"
    )
    first = table.format(name="课后服务补助", row="30.00 | 32.00 | 31.20 | 97.50%")
    second = table.format(name="校舍维修改造", row="80.00 | 80.00 | 76.00 | 95.00%")
    assert problems(first + "\n" + second, g) == []
    swapped = table.format(name="校舍维修改造", row="30.00 | 32.00 | 31.20 | 97.50%")
    assert len(problems(swapped, g)) == 4  # every figure is the other project's


def test_an_earlier_years_part_row_reads_the_figure_named_by_year() -> None:
    data = """
unit: {name: 测试县档案局, level: 县, year: 2023}
years: [2021]
budget:
  unit: 万元
  total: {actual: 300.00, last_year: 280.00}
  basic: {actual: 200.00, last_year: 190.00}
  projects_total: {actual: 100.00, last_year: 90.00}
facts:
  - {id: y2021.basic, label: 2021年基本支出, value: 180.00, unit: 万元}
"""
    g = make_grounder(parse_data(data, Path("years.yaml")))
    text = "项目 | 2021年 | 2022年 | 2023年\n其中：基本支出 | 180.00 | 190.00 | 200.00\n"
    assert problems(text, g) == []
    assert problems(text.replace("180.00", "170.00"), g) == [("170.00", "mismatch")]


# --------------------------------------------------------------- one cell per line, with a border

# a funds table whose 原因 cell is merged down its rows (only the first row has it), then an indicator
# table whose 一级/二级指标 cells are left empty under a merged name, with a 合计 row spanning the names
CELL_LINES = [
    *("项目", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分", "偏差原因"),
    *("年度资金总额", "300.00", "320.50", "301.27", "94.00%", "10", "9.40", "部分采购延至次年"),
    *("财政拨款", "280.00", "300.50", "285.27", "94.93%", "/", "/"),
    *("其他资金", "20.00", "20.00", "16.00", "80.00%", "/", "/"),
    *("一级指标", "二级指标", "三级指标", "指标性质", "年度指标值", "计量单位", "实际完成值", "分值", "得分"),
    *("产出指标", "数量指标", "开展宣讲活动", "≥", "26", "次", "26", "20", "20"),
    *("", "", "发布宣传文章", "=", "2000", "篇", "2200", "15", "15"),
    *("", "质量指标", "培训合格率", "≥", "95", "%", "100", "15", "15"),
    *("效益指标", "社会效益指标", "帮扶资金发放", "≥", "50.6", "万元", "41.3", "10", "8"),
    *("合计", "70", "67.40"),
    "评价结论",
    "本年度各项指标基本完成，资金使用规范，部分采购延至次年，自评结果为优，今后将进一步加强预算执行管理。",
]


def _bordered(cells: list[str], leading: bool | None) -> str:
    """One cell a line, with its border after it, before it (leading) or on both sides (None)."""
    shape = "{} |" if leading is False else "| {}" if leading else "| {} |"
    return "".join(shape.format(c).replace("  ", " ").strip() + "\n" for c in cells)


@pytest.mark.parametrize("leading", [False, True, None])
def test_a_table_one_cell_per_line_is_placed_by_row_and_column(leading: bool | None) -> None:
    # the 合计 counts the 分值 of the funds row too: 10 + 60 = 70, 9.40 + 58 = 67.40
    data = DATA.replace("{score: 97.40, total_weight: 100}", "{score: 67.40, total_weight: 70}")
    grounder = make_grounder(parse_data(data, Path("t.yaml")))
    text = _bordered(CELL_LINES, leading)
    tables = Tables(text)
    cell = tables.at(text.index("285.27"))
    assert cell is not None and cell.header == "全年执行数" and cell.labels[0].text == "财政拨款"
    assert tables.at(text.index("16.00")).labels[0].text == "其他资金"  # type: ignore[union-attr]
    found = quantities(text, grounder)
    assert found and all(v == "ok" for _, v, _ in found), found
    ids = {t: fid for t, _, fid in found}
    assert ids["320.50"] == "budget.total.budget" and ids["9.40"] == "budget.total.score"
    assert ids["2200"] == "indicators[1].actual#1"
    assert ids["67.40"] == "self_evaluation.score"


def test_swapped_cells_one_per_line_are_two_mismatches(grounder) -> None:
    cells = list(CELL_LINES)
    at = cells.index("300.50")
    cells[at], cells[at + 1] = cells[at + 1], cells[at]  # 全年预算数 and 全年执行数 of 财政拨款
    found = problems(_bordered(cells, False), grounder)
    assert ("300.50", "mismatch") in found and ("285.27", "mismatch") in found, found
    cells = list(CELL_LINES)
    cells[cells.index("2200")] = "2100"
    assert ("2100", "mismatch") in problems(_bordered(cells, False), grounder)


def test_a_narrow_row_does_not_shift_the_rows_after_it() -> None:
    # the second row leaves out 分值/得分 (merged down), the third is full: each row keeps its own name
    cells = [
        *("项目", "全年预算数", "全年执行数", "执行率", "分值", "得分"),
        *("年度资金总额", "320.50", "301.27", "94.00%", "10", "9.40"),
        *("财政拨款", "300.50", "285.27", "94.93%"),
        *("其他资金", "20.00", "16.00", "80.00%", "0", "0"),
    ]
    text = _bordered(cells, False)
    tables = Tables(text)
    row = {p.cell.text: (p.labels[0].text, p.header) for p in tables._placed}
    assert row["285.27"] == ("财政拨款", "全年执行数")
    assert row["16.00"] == ("其他资金", "全年执行数")
    assert row["80.00%"] == ("其他资金", "执行率")


SUBTOTALS = (
    "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
    "产出指标\t数量指标\t开展宣讲活动\t≥26次\t26次\t20\t20\n"
    "\t\t发布宣传文章\t2000篇\t2200篇\t15\t15\n"
    "\t质量指标\t培训合格率\t≥95%\t100%\t15\t15\n"
    "\t小计\t\t\t\t50\t50\n"
    "效益指标\t社会效益指标\t帮扶资金发放\t50.6万元\t41.3万元\t10\t8\n"
    "\t小计\t\t\t\t10\t8\n"
)


def test_a_subtotal_row_adds_up_its_own_group_not_the_whole_table(grounder) -> None:
    found = quantities(SUBTOTALS, grounder)
    assert all(v == "ok" for _, v, _ in found), found
    line = SUBTOTALS.index("\t小计\t\t\t\t50")
    ids = {fid for t, _, fid in found if t == "50"}
    assert "indicators.level1[0].weight~" in ids and "indicators.level1[0].score~" in ids
    wrong = SUBTOTALS[:line] + SUBTOTALS[line:].replace("\t50\t50", "\t50\t45", 1)
    (v,) = [v for v in check(wrong, grounder).verdicts if v.mention.text.strip() == "45"]
    assert v.verdict == "mismatch" and v.fact_id == "indicators.level1[0].score~"
    last = [v for v in check(SUBTOTALS, grounder).verdicts if v.mention.text.strip() == "8"]
    assert all(v.fact_id and v.fact_id.startswith(("indicators[3]", "indicators.level1[1]")) for v in last)


SPACED_DASHES = """\
项目              年初预算数    全年预算数    全年执行数    分值    执行率     得分    偏差原因
年度资金总额        300.00        320.50        301.27      10     94.00%     9.40   部分采购延至次年
其中：财政拨款      280.00        300.50        285.27      —      94.93%      —
"""


def test_cells_side_by_side_are_not_a_range_or_a_unit(grounder) -> None:
    # "285.27      —      94.93%" is three cells, not a range; "9.40   部分…" a score and a note
    found = {t: (v, fid) for t, v, fid in quantities(SPACED_DASHES, grounder)}
    assert found["285.27"] == ("ok", "budget.sources[0].actual")
    assert found["94.93%"][0] == "ok" and found["9.40"] == ("ok", "budget.total.score")
    wrong = SPACED_DASHES.replace("94.93%", "95.93%")
    assert ("95.93%", "mismatch") in problems(wrong, grounder)


def test_an_adjusted_target_cell_is_the_adjusted_target_not_the_first_one() -> None:
    data = DATA.replace('"≥95%", actual: 100%,', '"≥95%", adjusted_target: "≥92%", actual: 100%,')
    grounder = make_grounder(parse_data(data, Path("t.yaml")))
    text = (
        "三级指标 | 年度指标值 | 调整指标值 | 实际完成值 | 分值 | 得分\n"
        "培训合格率 | ≥95% | ≥92% | 100% | 15 | 15\n"
    )
    found = {t: (v, fid) for t, v, fid in quantities(text, grounder)}
    assert found["92%"] == ("ok", "indicators[2].adjusted_target#1"), found
    assert found["95%"][1] == "indicators[2].target#1"
    assert ("93%", "mismatch") in problems(text.replace("≥92%", "≥93%"), grounder)


def test_a_figure_does_not_reach_into_the_next_cell_of_a_single_spaced_row(grounder) -> None:
    # copied from a PDF: single spaces between cells, an empty cell's dash glued to the figure before it
    text = "项目 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n其他资金 20.00 20.00 16.00— 80.00%—\n"
    found = {t: (v, fid) for t, v, fid in quantities(text, grounder)}
    assert found["16.00"] == ("ok", "budget.sources[1].actual"), found
    assert found["80.00%"][0] == "ok", found
    assert ("81.00%", "mismatch") in problems(text.replace("80.00%", "81.00%"), grounder)


def test_one_cell_per_line_rows_that_leave_out_their_merged_names() -> None:
    # the 一级/二级指标 cells merged down are not repeated, nor left empty: the rows are simply shorter
    cells = [
        *("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
        *("产出指标", "数量指标", "开展宣讲活动", "≥26次", "26次", "20", "20"),
        *("发布宣传文章", "2000篇", "2200篇", "15", "15"),
        *("质量指标", "培训合格率", "≥95%", "100%", "15", "15"),
        *("效益指标", "社会效益指标", "帮扶资金发放", "50.6万元", "41.3万元", "10", "8"),
        *("总分", "60", "58"),
    ]
    data = DATA.replace("{score: 97.40, total_weight: 100}", "{score: 58, total_weight: 60}")
    data = data.replace("weight: 10, score: 9.40,", "")
    grounder = make_grounder(parse_data(data, Path("t.yaml")))
    text = _bordered(cells, leading=True)
    placed = {p.cell.start: p for p in Tables(text)._placed}
    second = placed[text.index("2200篇")]
    assert [c.text for c in second.labels] == ["发布宣传文章", "数量指标", "产出指标"]
    assert second.header == "实际完成值"
    found = quantities(text, grounder)
    assert found and all(v == "ok" for _, v, _ in found), found


WRAPPED_NAMES = """\
一级指标  二级指标    三级指标          年度指标值    实际完成值    分值   得分
产出指标  数量指标    开展宣讲活动      ≥26次         26次          20     20
效益      社会效益    帮扶资金发放      50.6万元      41.3万元      10     8
指标      指标
总分                                                              30     28
"""


def test_names_wrapped_onto_a_second_line_neither_end_the_table_nor_start_one() -> None:
    # "指标 | 指标" (the ends of 效益指标, 社会效益指标) name no column of figures: the 总分 row after
    # them still stands under 分值 / 得分
    data = DATA.replace("{score: 97.40, total_weight: 100}", "{score: 28, total_weight: 30}")
    grounder = make_grounder(parse_data(data, Path("t.yaml")))
    tables = Tables(WRAPPED_NAMES)
    total = tables.at(WRAPPED_NAMES.index("30 "))
    assert total is not None and total.header == "分值"
    swapped = WRAPPED_NAMES.replace("30     28", "28     30")
    assert {("28", "mismatch"), ("30", "mismatch")} <= set(problems(swapped, grounder))


def test_full_width_figures_in_a_table_are_cells_like_any_other(grounder) -> None:
    # a row placed by position under the header (fewer cells than columns): full-width figures are two
    # columns wide on screen but one character each, as wide as the figures they stand for
    wide = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
    row = BUDGET_SPACES.splitlines()[2]
    text = BUDGET_SPACES.replace(row, row.translate(wide))
    found = quantities(text, grounder)
    assert found and all(v == "ok" for _, v, _ in found), found
    assert ("１６．００", "ok", "budget.sources[1].actual") in found


def test_a_label_header_merged_over_two_columns_names_the_rows_of_both(grounder) -> None:
    # 项目 spans the merged 资金 cell and the line's own name: the name under the empty header cell
    # is the row's label, so a swap inside the row is caught by its columns
    text = (
        "项目\t\t年初预算数\t全年预算数\t全年执行数\n"
        "资金\t年度资金总额\t300.00\t320.50\t301.27\n"
        "\t其他资金\t20.00\t20.00\t16.00\n"
    )
    placed = Tables(text).at(text.index("320.50"))
    assert placed is not None and placed.labels[0].text == "年度资金总额"
    assert all(v == "ok" for _, v, _ in quantities(text, grounder))
    swapped = text.replace("300.00\t320.50", "320.50\t300.00")
    assert {("300.00", "mismatch"), ("320.50", "mismatch")} <= set(problems(swapped, grounder))


def test_a_target_cell_of_a_row_that_is_no_indicator_is_unstated_not_its_rate(grounder) -> None:
    # the funds line has an 执行率 but no 年度指标值: 100% is not a wrong 执行率, the data lacks it
    text = (
        "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
        "预算执行 | 执行情况 | 年度资金总额执行率 | 100% | 94.00% | 10 | 9.40\n"
    )
    verdicts = {v.mention.text.strip(): v for v in check(text, grounder).verdicts}
    assert verdicts["100%"].verdict == "unsupported" and verdicts["100%"].fact_id is None
    assert verdicts["94.00%"].verdict == "ok" and verdicts["9.40"].verdict == "ok"


def test_a_short_total_row_stands_under_the_columns_a_total_adds_up() -> None:
    # 总分 | 60 | 58 leaves out the name, unit and target columns: its figures are 分值 and 得分
    data = DATA.replace("{score: 97.40, total_weight: 100}", "{score: 58, total_weight: 60}")
    grounder = make_grounder(parse_data(data.replace("weight: 10, score: 9.40,", ""), Path("t.yaml")))
    text = INDICATORS.replace("产出指标(50分) |  |  |  |  |  |  | 50 | 50 |\n", "") + "总分 | 60 | 58\n"
    total = Tables(text).at(text.index("60 |"))
    assert total is not None and total.header == "分值"
    swapped = text.replace("总分 | 60 | 58", "总分 | 58 | 60")
    assert {("58", "mismatch"), ("60", "mismatch")} <= set(problems(swapped, grounder))


def test_a_row_name_and_a_column_header_together_name_a_listed_figure() -> None:
    # 得分率 is no column the checker knows a home for: the data lists each row's as a `facts:` figure
    data = DATA + (
        "facts:\n"
        "  - {id: rate.output, label: 产出指标得分率, value: 96.67, unit: '%'}\n"
        "  - {id: rate.all, label: 合计得分率, value: 97.40, unit: '%'}\n"
    )
    grounder = make_grounder(parse_data(data, Path("t.yaml")))
    text = "一级指标 | 分值 | 得分 | 得分率(%)\n产出指标 | 50 | 50 | 96.67%\n合计 | 100 | 97.40 | 97.40%\n"
    verdicts = {(v.mention.text.strip(), v.verdict, v.fact_id) for v in check(text, grounder).verdicts}
    assert ("96.67%", "ok", "facts.rate.output") in verdicts
    assert ("97.40%", "ok", "facts.rate.all") in verdicts
    assert ("97.50%", "mismatch") in problems(text.replace("97.40%", "97.50%"), grounder)
