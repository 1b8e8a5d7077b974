"""A sentence naming no budget line but the unit itself speaks of the unit's whole budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import check, make_grounder
from drafter.data.load import parse_data

DATA = """
unit: {name: 样例县自然资源局, short_name: 县自然资源局, aliases: [本局], level: 县, year: 2023}
budget:
  total: {label: 部门预算, initial_budget: 830.40, budget: 912.75, actual: 886.10, last_year: 850.02}
  sources:
    - {label: 一般公共预算拨款, budget: 860.75, actual: 840.30}
    - {label: 上年结转, budget: 52.00, actual: 45.80}
  projects:
    - {label: 地质灾害防治专项资金, budget: 120.00, actual: 118.40}
  partial: [projects]
"""


@pytest.fixture(scope="module")
def grounder():
    return make_grounder(parse_data(DATA, Path("test.yaml")))


def verdicts(text: str, grounder) -> dict[str, str]:
    return {v.mention.text: v.verdict for v in check(text, grounder).verdicts if v.mention.is_quantity}


@pytest.mark.parametrize(
    "text",
    [
        "2023年部门年初预算830.40万元。",
        "本局全年预算调整为912.75万元。",
        "县自然资源局年初预算830.40万元，较上年支出850.02万元有所下降。",
        "年中追加地灾应急资金等后全年预算912.75万元。",
        "全年执行886.10万元，预算执行率97.08%。",
    ],
)
def test_the_unit_itself_and_measure_words_name_the_whole(text: str, grounder) -> None:
    assert set(verdicts(text, grounder).values()) == {"ok"}


@pytest.mark.parametrize(
    "text",
    [
        # another noun names something the data does not have: not the total's figure by value
        "耕地保护补助全年预算912.75万元。",
        # an event that names a line of the data: the figure after it is that line's (and wrong for it)
        "追加地质灾害防治专项资金后全年预算912.75万元。",
    ],
)
def test_other_nouns_do_not_speak_of_the_whole(text: str, grounder) -> None:
    assert verdicts(text, grounder)["912.75万元"] in ("unsupported", "mismatch")


CHANGE = """
unit: {name: 样例县自然资源局, level: 县, year: 2023}
facts:
  - {id: trips, label: 差旅费支出, value: 3.42, unit: 万元}
  - {id: trips.less, label: 差旅费比上年减少, value: 0.58, unit: 万元}
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年差旅费支出3.42万元，均为市内交通，比上年减少0.58万元。", "ok"),
        ("全年差旅费支出3.42万元，均为市内交通，较上年同期减少0.58万元。", "ok"),
        ("全年差旅费支出3.42万元，均为市内交通，比上年减少0.85万元。", "mismatch"),
    ],
)
def test_a_change_on_last_year_is_the_change_not_last_years_figure(text: str, expected: str) -> None:
    grounder = make_grounder(parse_data(CHANGE, Path("test.yaml")))
    assert verdicts(text, grounder) == {"3.42万元": "ok", text[-7:-1]: expected}


def test_a_sentence_wrapped_after_a_comma_runs_on_to_the_next_line(grounder) -> None:
    # text copied from a PDF breaks lines mid-sentence: the line after "，" still speaks of 上年结转
    text = "其中上年结转全年预算52.00万元，\n执行45.80万元。\n执行45.80万元。"
    got = [(v.mention.text, v.verdict) for v in check(text, grounder).verdicts if v.mention.is_quantity]
    assert got[:2] == [("52.00万元", "ok"), ("45.80万元", "ok")]
    assert got[2] == ("45.80万元", "unsupported")  # a line after 。 is a sentence of its own


def test_the_whole_budgets_own_name_without_its_money_word_names_it() -> None:
    data = """
unit: {name: 样例市疾病预防控制中心, level: 市, year: 2023}
budget:
  total: {label: 年度资金总额, aliases: [专项资金], budget: 210.00, actual: 198.30}
"""
    grounder = make_grounder(parse_data(data, Path("test.yaml")))
    assert verdicts("2023年专项全年预算210.00万元，全年执行198.30万元。", grounder) == {
        "210.00万元": "ok",
        "198.30万元": "ok",
    }
    assert verdicts("2023年疫苗全年预算210.00万元。", grounder) == {"210.00万元": "unsupported"}
