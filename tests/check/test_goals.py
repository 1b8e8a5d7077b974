"""A goal's target and its result share their words: a result bound by them to the target is still proved."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import check, make_grounder
from drafter.data.load import parse_data

DATA = """
unit: {name: 样例镇人民政府, level: 镇, year: 2023}
goals:
  target:
    - "农村生活垃圾收运覆盖率不低于95%"
    - "改造农村户厕300户"
  achieved:
    - "经第三方抽查农村生活垃圾收运覆盖率98.6%"
    - "完成农村户厕改造312户"
"""


@pytest.fixture(scope="module")
def grounder():
    return make_grounder(parse_data(DATA, Path("test.yaml")))


def verdict(text: str, grounder, number: str) -> str:
    (v,) = [v for v in check(text, grounder).verdicts if v.mention.text == number]
    return v.verdict


def test_the_result_in_the_targets_words_is_proved(grounder) -> None:
    assert verdict("全镇农村生活垃圾收运覆盖率98.6%。", grounder, "98.6%") == "ok"


def test_the_target_itself_is_still_the_target(grounder) -> None:
    assert verdict("目标为农村生活垃圾收运覆盖率不低于95%。", grounder, "不低于95%") == "ok"


def test_a_figure_that_is_neither_target_nor_result_is_wrong(grounder) -> None:
    assert verdict("全镇农村生活垃圾收运覆盖率96.8%。", grounder, "96.8%") == "mismatch"


def test_another_goals_result_does_not_prove_it(grounder) -> None:
    # 312 is the result of the other goal, whose words this clause does not repeat
    assert verdict("全镇农村生活垃圾收运覆盖率312户。", grounder, "312户") != "ok"
