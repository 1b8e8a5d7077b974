"""A fall stated as its size after 减少/下降 is true of a negative year-on-year change, amount or rate.

The data may hold the change signed (yoy_amount −1.19, or 上年数 above 执行数 giving a negative 同比增减率):
"比上年减少1.19万元" and "下降3.20%" state it. A wrong size, or a rise word where the data falls
(增加1.19万元 against −1.19), is still a mismatch, and so is a fall word where the derived rate rose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import check
from drafter.data.load import parse_data

DATA = """
unit: {name: 测试县人民检察院, short_name: 县检察院, level: 县, year: 2023}
budget:
  total: {label: 年度资金总额, budget: 900.00, actual: 880.00}
  basic: {actual: 774.00, last_year: 800.00}
  projects_total: {actual: 106.00, last_year: 100.00}
  three_public:
    unit: 万元
    total: {actual: 15.42, yoy_amount: -1.19}
"""


def verdict(sentence: str) -> str:
    """The verdict on the last number of the sentence."""
    result = check(sentence, parse_data(DATA, Path("t.yaml")))
    return [v for v in result.verdicts if v.mention.is_quantity][-1].verdict


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2023年“三公”经费支出15.42万元，比上年减少1.19万元。", "ok"),  # stated −1.19, its size after 减少
        ("2023年“三公”经费支出15.42万元，比上年减少1.29万元。", "mismatch"),  # a wrong size
        ("2023年“三公”经费支出15.42万元，比上年增加1.19万元。", "mismatch"),  # a rise where the data falls
        ("基本支出774.00万元，比上年下降3.25%。", "ok"),  # (774 − 800) / 800 = −3.25%
        ("基本支出774.00万元，比上年下降3.20%。", "mismatch"),
        ("基本支出774.00万元，比上年增长3.25%。", "mismatch"),
        ("项目支出106.00万元，比上年增长6.00%。", "ok"),  # (106 − 100) / 100 = 6%
        ("项目支出106.00万元，比上年下降6.00%。", "mismatch"),  # a fall word where the rate rose
        ("基本支出774.00万元，比上年减少26.00万元。", "ok"),  # |774 − 800|
        ("基本支出774.00万元，比上年减少25.00万元。", "mismatch"),
    ],
)
def test_change_after_a_direction_word(sentence: str, expected: str) -> None:
    assert verdict(sentence) == expected
