"""A table's reading is a hypothesis the data must confirm (issue 17, item 1).

Each text is a layout of a published table, with the figures of tests/check/test_tables.py's data: a
space-aligned PDF table whose cells do not stand under their headers, a table read one column off, two
cells glued by OCR. Under the reading the data confirms every cell agrees; a cell that disagrees
inside a confirmed reading is a mistake and is caught; a table no reading confirms is `unreadable`
with its cause, never a list of mismatches.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import Cause, check, make_grounder
from drafter.data.load import parse_data
from tests.check.test_tables import DATA


@pytest.fixture(scope="module")
def grounder():
    return make_grounder(parse_data(DATA, Path("t.yaml")))


def problems(text: str, grounder) -> list[tuple[str, str]]:
    return [(v.mention.text.strip(), v.verdict) for v in check(text, grounder).verdicts if v.is_problem]


def causes(text: str, grounder) -> dict[str, Cause]:
    return {v.mention.text.strip(): v.cause for v in check(text, grounder).verdicts}


# a PDF's 自评表 as text: cells parted by two spaces, nothing under its header's position, the empty
# 偏差原因 cell left out of most rows
SPACED = (
    "一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分  偏差原因分析及改进措施\n"
    "产出指标  数量指标  开展宣讲活动  ≥26次  26次  20  20\n"
    "产出指标  数量指标  发布宣传文章  2000篇  2200篇  15  15\n"
    "产出指标  质量指标  培训合格率  ≥95%  100%  15  15\n"
    "效益指标  社会效益指标  帮扶资金发放  50.6万元  41.3万元  10  8  资金拨付滞后\n"
)


def test_a_space_aligned_table_is_read_as_the_data_confirms(grounder) -> None:
    assert problems(SPACED, grounder) == []
    tables = check(SPACED, grounder)  # the reading by position is kept as a candidate, not placed
    assert all(v.verdict == "ok" for v in tables.verdicts if v.mention.text.strip() in ("2200篇", "8"))


def test_a_mistake_in_an_agreeing_space_aligned_table_is_caught(grounder) -> None:
    wrong = SPACED.replace("41.3万元  10  8", "41.3万元  10  7")
    assert problems(wrong, grounder) == [("7", "mismatch")]
    wrong = SPACED.replace("2200篇  15  15", "2300篇  15  15")
    assert problems(wrong, grounder) == [("2300篇", "mismatch")]


FUNDS = "项目 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率\n年度资金总额 | {}\n"


def test_a_table_no_reading_confirms_is_unreadable_not_a_list_of_mismatches(grounder) -> None:
    shifted = FUNDS.format("320.50 | 301.27 | 94.00% | 10")  # every figure one column to the left
    assert problems(shifted, grounder) == []
    found = causes(shifted, grounder)
    assert found["320.50"] is Cause.TABLE_UNCONFIRMED
    assert found["301.27"] is Cause.TABLE_UNCONFIRMED


def test_a_wrong_figure_in_a_confirmed_row_is_still_a_mismatch(grounder) -> None:
    assert problems(FUNDS.format("300.00 | 320.50 | 301.27 | 94.00%"), grounder) == []
    wrong = FUNDS.format("300.00 | 320.50 | 310.27 | 94.00%")
    assert problems(wrong, grounder) == [("310.27", "mismatch")]
    found = causes(wrong, grounder)
    assert found["310.27"] is Cause.WRONG_VALUE


# a single-spaced PDF row: 分值 15 and 得分 15 glued into one token, the row one cell short
GLUED = "三级指标 年度指标值 实际完成值 分值 得分\n培训合格率 ≥95% 100% {}\n"


def test_two_adjacent_cells_glued_are_read_as_glued(grounder) -> None:
    text = GLUED.format("1515")
    assert problems(text, grounder) == []
    assert causes(text, grounder)["1515"] is Cause.CELLS_JOINED


def test_a_leading_zero_token_is_glued_whatever_the_data(grounder) -> None:
    # 0 | 100% glued: its 100% agrees, and where the figure after the 0 does not, it is still glue
    assert problems(GLUED.format("15 15").replace("100%", "0100%"), grounder) == []
    text = GLUED.format("15 15").replace("100%", "095%")
    assert problems(text, grounder) == []
    assert causes(text, grounder)["095%"] is Cause.CELLS_JOINED


def test_a_wrong_figure_in_a_full_row_is_not_taken_for_glue(grounder) -> None:
    # 11 could be 1 and 1, but the row has all its cells: no column was swallowed
    assert problems(GLUED.format("15 15"), grounder) == []
    assert problems(GLUED.format("15 11"), grounder) == [("11", "mismatch")]


GLOSSED = """
unit: {name: 测试县文化馆, level: 县, year: 2023}
budget:
  unit: 万元
  projects:
    - {label: 公共文化服务体系建设, budget: 42.00, actual: 40.50}
"""


def test_pinyin_glosses_inside_words_are_layout() -> None:
    g = make_grounder(parse_data(GLOSSED, Path("g.yaml")))
    text = "公共文化服務(wù)體系建設(shè)項目全年預算42.00萬元，實際支出40.50萬元。"
    assert problems(text, g) == []
    assert problems(text.replace("40.50", "41.50"), g) == [("41.50万元", "mismatch")]
    table = "項目 | 全年預算數 | 全年執行數\n公共文化服務(wù)體系建設(shè) | 42.00 | 40.50\n"
    assert problems(table, g) == []
    assert problems(table.replace("40.50", "45.00"), g) == [("45.00", "mismatch")]
    # a bracket of letters that is no gloss stays as written: (km) after a figure, (A) before prose
    assert "·" not in check("道路长度12(km)，分为(A)类。", g).verdicts[0].sentence
