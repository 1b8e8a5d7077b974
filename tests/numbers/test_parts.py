"""contradictions: a total and its 其中…其他 list, read from the words alone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.numbers import extract
from drafter.numbers.parts import contradictions


def found(text: str) -> list[tuple[str, bool, str]]:
    return [(c.whole.text, c.exceeds, c.total()) for c in contradictions(text, extract(text))]


def test_a_full_list_short_of_a_hedged_total() -> None:
    text = "全镇登记志愿者2400余人，其中青年志愿者1320人、巾帼志愿者610人、其他志愿者390人。"
    assert found(text) == [("2400余人", False, "2320人")]


def test_a_full_list_above_its_total() -> None:
    text = "共收到来信86件。其中咨询类41件、投诉类30件、其余各类19件。"
    assert found(text) == [("86件", True, "90件")]


def test_money_parts_in_another_unit_are_compared_in_yuan() -> None:
    text = "慰问支出12.50万元，其中春节慰问80000元、其他慰问44000元。"
    (c,) = contradictions(text, extract(text))
    assert c.low == Decimal("123999.0") and c.total() == "12.40万元"


def test_kinds_of_one_thing_may_not_add_up_to_more_than_their_whole() -> None:
    # 县级示范校 and 乡镇示范校 are both 示范校: no school is counted twice
    text = "共创建示范学校21所，其中县级示范校9所、乡镇示范校13所，覆盖学生8000人。"
    assert found(text) == [("21所", True, "22所")]


@pytest.mark.parametrize(
    "text",
    [
        # kinds of one thing need not cover the whole
        "共创建示范学校21所，其中县级示范校9所、乡镇示范校10所。",
        # a cumulative kind holds another
        "在职人员40人，其中大专以上学历36人、本科学历25人。",
        # adds up
        "全镇登记志愿者2400余人，其中青年志愿者1420人、巾帼志愿者610人、其他志愿者390人。",
        # rounded parts miss the total by less than their rounding
        "支出30.0万元，其中办公费10.0万元、印刷费9.9万元、其他费用10.0万元。",
        # no catch-all: kinds that may overlap (党员 and 女职工), or only some of the parts
        "在职职工52人，其中党员35人、女职工28人。",
        "办理案件652件，其中刑事案件218件、民事案件300件。",
        # another unit in the list: not a list of parts of this total
        "培训120人，其中其他单位30人次、本单位80人次。",
        # the total is not right before 其中
        "覆盖群众3000人和志愿者，其中其他人员100人、党员200人。",
        # one part only
        "受理投诉30件，其中其他类别5件。",
    ],
)
def test_no_contradiction(text: str) -> None:
    assert found(text) == []
