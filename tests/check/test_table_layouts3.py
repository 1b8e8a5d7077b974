"""Issue 17's held-out table layouts, written anew (tests/check/layouts3.py): each reads clean on the
data it was written from, and a wrong figure planted in a second copy is caught; a table no reading
confirms says `unreadable` for every claim its cells would make, mismatch, hedge or unsupported alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import Cause, check, make_grounder
from drafter.data.load import parse_data
from tests.check import layouts3
from tests.check.test_table_readings import FUNDS
from tests.check.test_tables import DATA as SMALL_DATA


@pytest.fixture(scope="module")
def grounder():
    return make_grounder(parse_data(layouts3.DATA, Path("layouts3.yaml")))


@pytest.fixture(scope="module")
def small():
    return make_grounder(parse_data(SMALL_DATA, Path("t.yaml")))


def problems(text: str, grounder) -> list[tuple[str, str]]:
    return [(v.mention.text.strip(), v.verdict) for v in check(text, grounder).verdicts if v.is_problem]


def verdicts(text: str, grounder) -> dict[str, tuple[str, Cause]]:
    return {v.mention.text.strip(): (v.verdict, v.cause) for v in check(text, grounder).verdicts}


def test_a_change_column_is_the_rows_later_year_less_its_earlier(grounder) -> None:
    found = verdicts(layouts3.COMPARE, grounder)
    assert problems(layouts3.COMPARE, grounder) == []
    assert found["21.27"] == ("ok", Cause.ROW_CHANGE)  # 301.27 − 280.00, not the row's 全年执行数
    assert found["2.55%"] == ("ok", Cause.ROW_CHANGE)  # 94.00% − 96.55%, in points
    assert found["0"] == ("ok", Cause.ROW_CHANGE)


def test_a_wrong_change_is_a_mismatch_with_the_difference_expected(grounder) -> None:
    wrong = layouts3.COMPARE.replace("| 21.27", "| 12.27")
    found = [v for v in check(wrong, grounder).verdicts if v.is_problem]
    found_as = [(v.mention.text.strip(), v.verdict, v.expected) for v in found]
    assert found_as == [("12.27", "mismatch", "21.27")]
    # a wrong year cell is caught as that cell, and its change (right as the report states it) too
    wrong = layouts3.COMPARE.replace("| 320.50 |", "| 322.50 |")
    assert ("322.50", "mismatch") in problems(wrong, grounder)
    # a signed change the wrong way round is wrong
    assert problems(layouts3.COMPARE.replace("| -1\n", "| 1\n"), grounder) == []  # sign left out
    assert problems(layouts3.COMPARE.replace("| 30.50", "| -30.50"), grounder) == [("30.50", "mismatch")]


def test_a_relative_change_column_is_in_percent_of_the_earlier_year(small) -> None:
    text = "项目 | 2022年 | 2023年 | 增长率\n全年执行数 | 280.00 | 301.27 | 7.60%\n"
    assert verdicts(text, small)["7.60%"] == ("ok", Cause.ROW_CHANGE)
    assert problems(text.replace("7.60%", "7.90%"), small) == [("7.90%", "mismatch")]


def test_an_unsupported_cell_of_an_unconfirmed_table_is_unreadable(small) -> None:
    # every figure one column to the left, and one no fact of the data has: no claim of any kind
    shifted = FUNDS.format("320.50 | 301.27 | 94.00% | 77.77")
    assert problems(shifted, small) == []
    assert verdicts(shifted, small)["77.77"] == ("unreadable", Cause.TABLE_UNCONFIRMED)


def test_an_unsupported_cell_of_a_confirmed_row_stays_unsupported(small) -> None:
    text = FUNDS.format("300.00 | 320.50 | 301.27 | 94.00%")
    text += "妇女维权项目 | 25.00 | 77.77 | 18.00 | 72.00%\n"
    found = verdicts(text, small)
    assert found["25.00"][0] == "ok" and found["18.00"][0] == "ok"  # the row is confirmed
    assert found["77.77"][0] in ("unsupported", "mismatch")  # so its stray figure is a claim


def test_a_hedged_cell_of_an_unconfirmed_row_is_unreadable_of_a_confirmed_one_a_problem(small) -> None:
    head = "项目 | 年初预算数 | 全年预算数 | 全年执行数\n"
    shifted = head + "年度资金总额 | 320.50 | 近301.27 | 77.00\n"
    assert problems(shifted, small) == []
    assert verdicts(shifted, small)["近301.27"] == ("unreadable", Cause.TABLE_UNCONFIRMED)
    confirmed = head + "年度资金总额 | 300.00 | 320.50 | 近301.27\n"
    assert problems(confirmed, small) == [("近301.27", "mismatch")]


def test_fund_lines_as_columns_read_each_cell_as_the_lines_figure_of_the_rows_measure(grounder) -> None:
    found = {
        (v.mention.text.strip(), v.binding.placed.header): v.fact_id
        for v in check(layouts3.FUND_COLUMNS, grounder).verdicts
        if v.binding is not None and v.binding.placed is not None
    }
    assert problems(layouts3.FUND_COLUMNS, grounder) == []
    assert found["285.27", "财政拨款"] == "budget.sources[0].actual"
    assert found["320.50", "合计"] == "budget.total.budget"
    wrong = layouts3.FUND_COLUMNS.replace("| 16.00 |", "| 61.00 |")
    assert problems(wrong, grounder) == [("61.00", "mismatch")]


def test_an_unbordered_basic_data_table_one_cell_per_line_is_read_by_row_and_year(grounder) -> None:
    found = [v for v in check(layouts3.BASIC_LINES, grounder).verdicts if v.mention.is_quantity]
    assert len(found) == 8 and all(v.verdict == "ok" for v in found)
    assert {v.fact_id for v in found if v.mention.text.strip() == "11"} == {"facts.staff.actual.2022"}
    wrong = layouts3.BASIC_LINES.replace("\n301.27", "\n310.27")
    assert problems(wrong, grounder) == [("310.27", "mismatch")]


def test_a_pdf_self_evaluation_with_a_serial_column_and_a_repeated_header_reads_clean(grounder) -> None:
    found = [v for v in check(layouts3.PDF_SELF, grounder).verdicts if v.binding and v.binding.placed]
    placed = {(v.mention.text.strip(), v.fact_id): v.binding.placed.header for v in found}
    assert problems(layouts3.PDF_SELF, grounder) == []
    # the 序号 is taken off each row, so its words and figures align under their own columns
    assert placed["26次", "indicators[0].actual#1"] == "实际完成值"
    assert placed["8", "indicators[6].score"] == "得分"  # after the page break, 序号 7 …
    assert placed["96%", "indicators[9].actual#1"] == "实际完成值"  # … and 10, not under 分值
    assert sum(1 for v in found if v.verdict == "ok") == 40


@pytest.mark.parametrize(
    ("right", "wrong"),
    [("41.3万元  10  8", "41.3万元  10  9"), ("≥90%  96%", "≥90%  69%"), ("2200篇", "2300篇")],
)
def test_a_wrong_figure_in_the_pdf_self_evaluation_is_caught(grounder, right: str, wrong: str) -> None:
    text = layouts3.PDF_SELF.replace(right, wrong)
    assert problems(text, grounder) == [(wrong.split("  ")[-1], "mismatch")]


def test_a_serial_column_the_header_does_not_name_is_found_by_its_run(grounder) -> None:
    # no 序号 in the header: the rows' first cells running 1, 2 … (and 7 … after the repeated
    # header) are their 序号, not 一级指标 figures
    text = layouts3.PDF_SELF.replace("序号  一级指标", "一级指标")
    assert problems(text, grounder) == []
    assert problems(text.replace("26次  10", "26次  12"), grounder) == [("12", "mismatch")]


def test_first_cells_that_do_not_run_n_n_plus_1_stay_figures() -> None:
    from drafter.check.tables import Tables

    text = "年初预算数  全年预算数  全年执行数  执行率\n280  300  285  95%\n20  20  16  80%\n"
    placed = [(p.cell.text, p.header) for p in Tables(text).region_cells(0)]
    assert placed[0] == ("280", "年初预算数") and placed[4] == ("20", "年初预算数")
    # 1 then 3: no run, so a row's first cell stays its figure even with a cell left out
    text = "年初预算数  全年预算数  全年执行数  执行率\n1  300  285\n3  20  16\n"
    placed = [(p.cell.text, p.header) for p in Tables(text).region_cells(0)]
    assert ("序号" not in {h for _, h in placed}) and len(placed) == 6
