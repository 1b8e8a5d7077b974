"""A year that dates the evaluated year's budget figures must be the report year."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import check, make_grounder
from drafter.data.load import parse_data

DATA = """
unit: {name: 样例县水利局, level: 县, year: 2023}
budget:
  total: {budget: 740.00, actual: 702.56, last_year: 688.10}
"""


@pytest.fixture(scope="module")
def grounder():
    return make_grounder(parse_data(DATA, Path("test.yaml")))


def year_verdict(text: str, grounder) -> str:
    (v,) = [v for v in check(text, grounder).verdicts if v.mention.kind == "year"]
    return v.verdict


@pytest.mark.parametrize(
    "text",
    [
        "截至2022年底，全年实际支出702.56万元。",
        "本单位2024年度全年预算740.00万元。",
    ],
)
def test_another_year_dating_this_years_budget_is_flagged(text: str, grounder) -> None:
    assert year_verdict(text, grounder) == "mismatch"


@pytest.mark.parametrize(
    "text",
    [
        "截至2023年12月31日，全年实际支出702.56万元。",
        "2022年支出688.10万元。",  # last year's figure, dated last year
        "较2022年上年支出688.10万元有所增加，全年实际支出702.56万元。",
        "2022年以来累计投入702.56万元。",  # a span of years
        "2022年制定管理办法。全年实际支出702.56万元。",  # another sentence
    ],
)
def test_years_that_date_other_things_stay_allowed(text: str, grounder) -> None:
    assert year_verdict(text, grounder) == "ok"


# ------------------------------------------------------------------ a year that names the report (item 4b)


def year_cause(text: str, grounder, year: str = "2022") -> tuple[str, str]:
    (v,) = [v for v in check(text, grounder).verdicts if v.mention.kind == "year" and year in v.mention.text]
    return v.verdict, v.cause.value


@pytest.mark.parametrize(
    "text",
    [
        "样例县水利局\n2022年度部门整体支出绩效自评报告\n一、基本情况\n",  # a stray year on the cover
        "样例县水利局2022年度部门整体支出\n",  # the heading cut short, as the report had it
        "| 2022年度部门整体支出绩效自评表 |  |\n",  # the 自评表's own heading row
        "根据县财政局部署，现将2022年度部门整体支出绩效自评情况报告如下：\n",  # the opening formula
        "现将本局2022年整体绩效自评情况报告如下。\n",
    ],
)
def test_a_year_naming_the_report_is_the_report_year(text: str, grounder) -> None:
    assert year_cause(text, grounder) == ("mismatch", "title_year")


@pytest.mark.parametrize(
    "text",
    [
        "针对2022年度部门整体支出绩效自评发现的问题，本局逐项整改落实。\n",  # prose about the year before
        "较2022年度部门整体支出增加14.46万元。\n",
    ],
)
def test_years_in_prose_about_the_year_before_stay_years(text: str, grounder) -> None:
    assert year_cause(text, grounder) == ("ok", "year")


def test_the_report_year_on_the_cover_is_a_year(grounder) -> None:
    assert year_cause("样例县水利局\n2023年度部门整体支出绩效自评报告\n", grounder, "2023") == ("ok", "year")


def test_a_title_year_the_data_names_is_said_why() -> None:
    data = DATA + "other_notes:\n  - 本报告附2022年度部门整体支出绩效自评报告的整改情况。\n"
    said = make_grounder(parse_data(data, Path("test.yaml")))
    assert year_cause("附件：2022年度部门整体支出绩效自评报告\n", said) == ("ok", "year")
    plain = make_grounder(parse_data(DATA, Path("test.yaml")))
    assert year_cause("附件：2022年度部门整体支出绩效自评报告\n", plain) == ("mismatch", "title_year")


def test_a_year_before_bumen_is_a_year_not_a_count_of_bu(grounder) -> None:
    # issue 17: "2021部门整体绩效自评报告" was read as 2021部 (8 times in one report)
    assert year_cause("样例县水利局2023部门整体绩效自评报告\n", grounder, "2023") == ("ok", "year")
    assert year_cause("样例县水利局2022部门整体绩效自评报告\n", grounder) == ("mismatch", "title_year")
    counted = [v.mention for v in check("全年拍摄2021部纪录片。", grounder).verdicts]
    assert [(m.text, m.kind) for m in counted] == [("2021部", "quantity")]
