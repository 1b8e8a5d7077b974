"""A count names what it counts by the noun after it: 8个站所和5个中队 counts 中队, not 站所."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import check, make_grounder
from drafter.data.load import parse_data

DATA = """
unit: {name: 样例县林业局, level: 县, year: 2023}
facts:
  - {id: stations, label: 林业站所, value: 8, unit: 个}
  - {id: squads, label: 森林消防中队, value: 5, unit: 个}
"""


@pytest.fixture(scope="module")
def grounder():
    return make_grounder(parse_data(DATA, Path("test.yaml")))


def verdicts(text: str, grounder) -> list[tuple[str, str, str | None]]:
    return [
        (v.mention.text, v.verdict, v.fact_id)
        for v in check(text, grounder).verdicts
        if v.mention.is_quantity
    ]


def test_the_second_count_is_not_named_by_the_first_counts_noun(grounder) -> None:
    got = verdicts("对8个林业站所和5个消防中队逐一检查。", grounder)
    assert got == [("8个", "ok", "facts.stations"), ("5个", "ok", "facts.squads")]


def test_a_wrong_second_count_is_still_caught(grounder) -> None:
    got = verdicts("对8个林业站所和6个消防中队逐一检查。", grounder)
    assert got[1][0] == "6个" and got[1][1] in ("mismatch", "unsupported")


def test_a_label_before_its_count_still_binds(grounder) -> None:
    assert verdicts("全县林业站所8个。", grounder) == [("8个", "ok", "facts.stations")]


PARTS = """
unit: {name: 样例县林业局, level: 县, year: 2023}
facts:
  - {id: tasks, label: 绩效指标, value: 12, unit: 项}
  - {id: tasks.met, label: 已完成指标, aliases: [完成], value: 10, unit: 项}
"""


@pytest.mark.parametrize("text", ["12项绩效指标中完成10项。", "12项绩效指标中已完成10项。"])
def test_a_part_of_a_counted_whole_is_not_the_whole(text: str) -> None:
    grounder = make_grounder(parse_data(PARTS, Path("test.yaml")))
    got = verdicts(text, grounder)
    assert got[1][:2] == ("10项", "ok") and got[1][2] != "facts.tasks"
