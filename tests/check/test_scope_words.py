"""Scope words: a sentence about another body (所属事业单位, 二级机构, 全系统) or another measure (年初 at
its head) constrains what its figures bind to; a real mistake of the same shape is still caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import Cause, check, make_grounder
from drafter.data.load import parse_data

DATA = """
unit: {name: 样例县文化旅游局, short_name: 县文旅局, level: 县, year: 2023}
budget:
  unit: 万元
  total: {initial_budget: 51587.78, budget: 60000.00, actual: 58000.00}
  income: {initial_budget: 51587.78, budget: 60000.00, actual: 58000.00}
  basic: {budget: 250.00, actual: 240.00}
staff:
  authorized: 50
  actual: 45
  departments_count: 8
  subordinate_units: [县图书馆, 县文化馆, 县博物馆, 县剧团, 县文物所, 县旅游中心]
"""


@pytest.fixture(scope="module")
def grounder():
    return make_grounder(parse_data(DATA, Path("scope.yaml")))


def verdicts(text: str, grounder) -> dict[str, tuple[str, Cause]]:
    return {
        v.mention.text: (v.verdict, v.cause) for v in check(text, grounder).verdicts if v.mention.is_quantity
    }


@pytest.mark.parametrize(
    "text",
    [
        "所属事业单位6个，核定编制数320人，在职人员288人。",
        "下属单位6个，共有编制数320人，实有人数288人。",
        "全系统共有在职人员288人。",
        "系统内核定编制320人。",
    ],
)
def test_a_figure_about_another_body_is_no_figure_of_the_unit(text: str, grounder) -> None:
    got = verdicts(text, grounder)
    assert got.get("320人", ("ignored", Cause.OTHER_BODY)) == ("ignored", Cause.OTHER_BODY)
    assert got["288人" if "288人" in got else "320人"] == ("ignored", Cause.OTHER_BODY)
    assert got.get("6个", ("ok",))[0] == "ok"  # the count of those bodies is the data's own


def test_the_count_of_the_bodies_is_still_checked(grounder) -> None:
    got = verdicts("所属事业单位7个，核定编制数320人，在职人员288人。", grounder)
    assert got["7个"] == ("mismatch", Cause.WRONG_VALUE)


@pytest.mark.parametrize(
    "text",
    [
        "本局核定编制数51人，在职人员45人。",  # the unit's own sentence
        "所属事业单位6个；核定编制数51人。",  # a clause after ； is the unit's again
        "所属事业单位6个，局机关核定编制数51人。",  # 局机关 brings the sentence back to the unit
        "核定编制数51人，所属事业单位6个。",  # before the scope word
    ],
)
def test_the_units_own_figure_is_still_checked(text: str, grounder) -> None:
    assert verdicts(text, grounder)["51人"] == ("mismatch", Cause.WRONG_VALUE)


def test_nian_chu_at_a_sentence_head_makes_its_budget_the_initial_one(grounder) -> None:
    assert verdicts("2023年初，部门本年收入预算51587.78万元。", grounder)["51587.78万元"][0] == "ok"
    # the adjusted figure where the sentence speaks of the initial one is a mistake
    assert verdicts("2023年初，部门本年收入预算60000.00万元。", grounder)["60000.00万元"] == (
        "mismatch",
        Cause.WRONG_VALUE,
    )


def test_the_scope_of_nian_chu_ends_at_the_adjusted_budget(grounder) -> None:
    got = verdicts("2023年初，部门本年收入预算51587.78万元，调整后预算60000.00万元。", grounder)
    assert got == {"51587.78万元": ("ok", Cause.PROVED), "60000.00万元": ("ok", Cause.PROVED)}
    # 年初以来 is "since January": no initial budget
    assert verdicts("年初以来，本年收入预算60000.00万元。", grounder)["60000.00万元"][0] == "ok"


def test_second_level_bodies_are_the_subordinate_units(grounder) -> None:
    assert verdicts("局机关下设6个二级机构。", grounder)["6个"][0] == "ok"
    assert verdicts("二级机构7个。", grounder)["7个"] == ("mismatch", Cause.WRONG_VALUE)


def test_the_hint_names_what_the_field_accepts(grounder) -> None:
    (count,) = [v for v in check("共有6个单位。", grounder).verdicts if v.mention.is_quantity]
    assert count.cause is Cause.VALUE_UNNAMED
    assert "加别名" not in count.reason and "facts:" in count.reason  # 下属单位数 takes no aliases
    (money,) = [v for v in check("支出240.00万元。", grounder).verdicts if v.mention.is_quantity]
    assert money.cause is Cause.VALUE_UNNAMED and "可在数据中为它加别名 aliases" in money.reason


def test_a_one_off_grant_is_no_count_but_its_figure_is_checked(grounder) -> None:
    got = verdicts("在职人员一次性补助46人。", grounder)
    assert "一次" not in got  # 一次性 (one-off) after 人员 was read as 1次, no fact's figure
    assert got["46人"] == ("mismatch", Cause.WRONG_VALUE)  # the headcount after it is still judged
