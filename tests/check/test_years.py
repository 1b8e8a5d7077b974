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
