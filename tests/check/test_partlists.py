"""A total its own 其中 parts exceed is wrong, though each figure agrees with the data."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import check, make_grounder
from drafter.data.load import parse_data

DATA = """
unit: {name: 样例县文化馆, level: 县, year: 2023}
activities:
  - title: 群众文化
    bullets:
      - 全年举办展演活动40场，其中广场演出22场、送戏下乡21场。
      - 开展培训30期，其中舞蹈培训12期、书法培训9期。
      - 服务群众1200人次，其中青少年700人次、老年人650人次。
      - 全年举办讲座15场，其中线上6场，较上年增加10场。
"""


@pytest.fixture(scope="module")
def grounder():
    return make_grounder(parse_data(DATA, Path("parts.yaml")))


def verdict(text: str, figure: str, grounder) -> str:
    return next(v for v in check(text, grounder).verdicts if v.mention.text.strip() == figure).verdict


def test_a_total_below_the_sum_of_its_parts_is_a_mismatch(grounder) -> None:
    result = check("全年举办展演活动40场，其中广场演出22场、送戏下乡21场。", grounder)
    total = next(v for v in result.verdicts if v.mention.text == "40场")
    assert total.verdict == "mismatch" and total.expected == "43场"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("开展培训30期，其中舞蹈培训12期、书法培训9期。", "30期"),  # parts below the total: a partial list
        ("服务群众1200人次，其中青少年700人次、老年人650人次。", "1200人次"),  # people may be in two parts
        ("全年举办讲座15场，其中线上6场，较上年增加10场。", "15场"),  # a change is no part
    ],
)
def test_parts_that_may_rightly_exceed_or_fall_short_are_left_alone(text: str, figure: str, grounder) -> None:
    assert verdict(text, figure, grounder) == "ok"
