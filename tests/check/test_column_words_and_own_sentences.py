"""Two binding rules found when the writer drafted the promoted corpus cases.

A data label that is part of an indicator column word (a fact labelled 指标) never binds a number from
inside 年度指标值; and a sentence copied from the data's own text (a goal: 达到3亿元以上) is proved by
the figure it states, not by another fact that 以上 also holds (3.4亿 achieved).
"""

from __future__ import annotations

from pathlib import Path

from drafter.check import check, make_grounder
from drafter.data.load import parse_data

DATA = """
unit: {name: 测试县交通运输局, level: 县, year: 2023}
indicators:
  - {level1: 产出指标, name: 养护资金支付时限, target: ≤30日, actual: 25日, weight: 10, score: 10}
goals:
  target: ["年度总体目标：网络零售额达到3亿元以上。"]
facts:
  - {id: ind.count, label: 指标, value: 8, unit: 项}
  - {id: online, label: 网络零售额, value: 340000000, unit: 元}
"""


def _verdicts(text: str):
    grounder = make_grounder(parse_data(DATA, Path("t.yaml")))
    return {v.mention.text: v for v in check(text, grounder).verdicts if v.mention.is_quantity}


def test_a_label_inside_a_column_word_does_not_bind() -> None:
    found = _verdicts("养护资金支付时限年度指标值≤30日，实际完成25日，得满分。")
    assert found["30"].verdict == "ok" and found["30"].fact_id == "indicators[0].target#1"
    assert found["25"].verdict == "ok" and found["25"].fact_id == "indicators[0].actual#1"
    assert _verdicts("共设置指标8项。")["8项"].fact_id == "facts.ind.count"  # as a label it still binds


def test_the_datas_own_goal_sentence_is_its_goal() -> None:
    found = _verdicts("年度总体目标：网络零售额达到3亿元以上。")
    assert found["3亿元以上"].fact_id == "goals.target[0]#1"
    achieved = _verdicts("全年网络零售额达到3.4亿元。")
    assert achieved["3.4亿元"].fact_id == "facts.online"
