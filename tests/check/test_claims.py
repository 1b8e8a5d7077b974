"""Two figures of one subject exchanged within a sentence, where each label names its own figure.

A label like 全年支出 (a term of the whole budget) or an indicator's name says whose figure a number is
but not which one; the other number's words (较上年, 调整后预算, 的控制目标, 实际开展) say which. Such
exchanges are mismatches, while the correct sentences, and a figure stated twice, stay clean.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import check, make_grounder
from drafter.data.load import parse_data

DATA = """
unit: {name: 测试县水利局, short_name: 县水利局, level: 县, year: 2023}
budget:
  unit: 万元
  total:
    label: 年度资金总额
    aliases: [全年支出, 调整后预算, 全年可用资金]
    initial_budget: 800.00
    budget: 912.40
    actual: 876.15
    last_year: 845.30
indicators:
  - {level1: 产出指标, level2: 成本指标, name: 管网维修单价, target: "3500元", actual: "3260元"}
  - {level1: 产出指标, level2: 数量指标, name: 河道巡查, target: "24次", actual: "26次"}
  - {level1: 效益指标, level2: 社会效益指标, name: 群众满意度, target: "90%", actual: "93.5%"}
  - {level1: 效益指标, level2: 生态效益指标, name: 污水处理率, target: "≥85%", actual: "88.6%"}
  - {level1: 产出指标, level2: 时效指标, name: 群众投诉办理时限, target: "≤5个工作日", actual: "3个工作日"}
  - {level1: 产出指标, level2: 成本指标, name: 会议费支出控制, target: "≤6.50万元", actual: "5.20万元"}
facts:
  - {id: meeting.budget, label: 会议费预算, value: "6.50", unit: 万元}
  - {id: meeting.actual, label: 会议费实际支出, value: "5.20", unit: 万元}
goals:
  target: ["完成河道清淤42公里，培训基层河长300人次。"]
  achieved: ["完成河道清淤45公里，培训基层河长312人次。"]
activities:
  - title: 改善农村人居环境
    bullets:
      - 农村生活垃圾收运率91.2%，新建公厕12座。
"""


@pytest.fixture(scope="module")
def grounder():
    return make_grounder(parse_data(DATA, Path("claims.yaml")))


def problems(text: str, grounder) -> list[str]:
    return [v.mention.text.strip() for v in check(text, grounder).verdicts if v.is_problem]


@pytest.mark.parametrize(
    "right, swapped",
    [
        # 较上年 names last year's figure: the loosely labelled 全年支出 cannot be it as well
        (
            "全年支出876.15万元，较上年845.30万元增长3.65%。",
            "全年支出845.30万元，较上年876.15万元增长3.65%。",
        ),
        # the same across the halves of one sentence (；)
        ("调整后预算912.40万元；全年支出876.15万元。", "调整后预算876.15万元；全年支出912.40万元。"),
        ("全年可用资金912.40万元，实际支出876.15万元。", "全年可用资金876.15万元，实际支出912.40万元。"),
        # 的控制目标 / 的年度指标值 after a figure names the indicator's target
        ("管网维修单价3260元，低于3500元的控制目标。", "管网维修单价3500元，低于3260元的控制目标。"),
        ("群众满意度93.5%，高于90%的年度指标值。", "群众满意度90%，高于93.5%的年度指标值。"),
        # 计划 names the target: the indicator's result (实际开展26次) does not prove it
        ("河道巡查计划24次，实际开展26次。", "河道巡查计划26次，实际开展24次。"),
        # the second clause names its own figure (a bullet's): the first clause's indicator does not reach it
        ("污水处理率88.6%，农村生活垃圾收运率91.2%。", "污水处理率91.2%，农村生活垃圾收运率88.6%。"),
        # 预算 picks the budget: the indicator's copy of the actual (5.20万元) does not prove it
        ("会议费支出预算6.50万元，实际支出5.20万元。", "会议费支出预算5.20万元，实际支出6.50万元。"),
    ],
)
def test_each_figure_is_caught_where_the_other_words_name_it(right: str, swapped: str, grounder) -> None:
    assert problems(right, grounder) == []
    flagged = problems(swapped, grounder)
    assert len(flagged) == 2, flagged


@pytest.mark.parametrize(
    "text",
    [
        "全年支出876.15万元，全年支出876.2万元。",
        "调整后预算912.40万元，年度资金总额912.4万元。",
    ],
)
def test_a_figure_stated_twice_in_a_sentence_is_no_exchange(text: str, grounder) -> None:
    assert problems(text, grounder) == []


def test_a_loose_label_keeps_every_figure_when_no_other_number_names_one(grounder) -> None:
    assert problems("全年可用资金912.40万元。", grounder) == []
    assert problems("全年可用资金876.15万元。", grounder) == []


def test_a_bullet_copy_of_the_figure_the_words_ruled_out_proves_nothing(grounder) -> None:
    # the indicator states the actual 5.20万元; 预算 says this is the budget (6.50万元)
    assert problems("会议费支出预算5.20万元。", grounder) == ["5.20万元"]
    assert problems("会议费支出预算6.50万元。", grounder) == []


GOAL_TABLE = """| 年度总体目标 | 预期目标 | 实际完成情况 |
| 目标1 | 完成河道清淤{}公里，培训基层河长300人次。 | 完成河道清淤{}公里，培训基层河长312人次。 |
"""


def test_a_goal_tables_column_says_goal_or_result_where_the_cells_words_are_alike(grounder) -> None:
    assert problems(GOAL_TABLE.format(42, 45), grounder) == []
    assert problems(GOAL_TABLE.format(45, 42), grounder) == ["45公里", "42公里"]


def test_a_header_cell_naming_both_sides_picks_neither(grounder) -> None:
    # 年度目标完成情况 heads a one-column run: the cell's own words decide, as in prose
    text = "| 年度目标完成情况 | 说明 |\n| 完成河道清淤45公里。 | 无 |\n"
    assert problems(text, grounder) == []


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("群众投诉办理时限平均3个工作日。", []),
        ("群众投诉办理时限平均5个工作日。", ["5个"]),  # the goal is ≤5: a plain 5 is no result of it
        ("群众投诉办理时限平均五个工作日。", ["五个"]),
        ("群众投诉办理时限不超过5个工作日。", []),  # the goal, with its bound
        ("群众投诉办理时限年度指标值5个工作日，实际3个工作日。", []),
    ],
)
def test_a_plain_figure_is_not_a_goal_that_is_a_bound(text: str, flagged: list[str], grounder) -> None:
    assert problems(text, grounder) == flagged


COUNTS = """
unit: {name: 测试县水务局, short_name: 县水务局, level: 县, year: 2023}
staff:
  authorized: 40
  actual: 37
  subordinate_units: [县水利工程管理站]
  notes: [在12个乡（镇）设水务服务点。]
"""


def test_a_count_of_a_noun_with_a_bracketed_alternative_counts_that_noun() -> None:
    """在12个乡（镇）设水务服务点: 乡（镇） is what is counted, not the 事业单位 of the clause before."""
    grounder = make_grounder(parse_data(COUNTS, Path("counts.yaml")))
    right = "下设县水利工程管理站1个事业单位，在12个乡（镇）设水务服务点。"
    assert problems(right, grounder) == []
    assert problems("下设县水利工程管理站1个事业单位，在1个乡（镇）设水务服务点。", grounder) == ["1个"]


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("年度总体目标：污水处理率不低于85%，群众满意度达到90%以上。", []),
        # 88.6% is the result: under a heading of goals it is no goal of the data
        ("年度总体目标：污水处理率不低于88.6%，群众满意度达到90%以上。", ["不低于88.6%"]),
        ("年度总体目标完成情况：污水处理率88.6%。", []),
    ],
)
def test_a_sentence_headed_by_the_years_goals_states_goals(text: str, flagged: list[str], grounder) -> None:
    assert problems(text, grounder) == flagged
