"""Mention.distinctive: which figures are specific enough to suggest copying from another report."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from drafter.check.match import accepts
from drafter.data.factbase import Fact
from drafter.numbers import quantities


@pytest.mark.parametrize(
    ("text", "distinctive"),
    [
        ("534.51万元", True),
        ("96769.85元", True),
        ("94.09%", True),
        ("1234人", True),
        ("12.5%", True),
        ("3.65万元", True),
        ("238场", True),
        ("0元", False),
        ("2人", False),
        ("04个", False),
        ("10个", False),
        ("100%", False),
        ("100.00%", False),
        ("1200人", False),  # round: two significant digits
        ("20.00万元", False),
        ("3.5分", False),
    ],
)
def test_distinctive(text: str, distinctive: bool) -> None:
    (m,) = quantities(text)
    assert m.distinctive is distinctive


def test_a_standard_not_reached_is_an_upper_bound() -> None:
    (m,) = quantities("预算执行率未达到90%，")
    assert m.hedge == "未达到" and m.interval() == (Decimal(0), Decimal(90), True, False)
    rate = Fact(id="r", label="执行率", value=Decimal("61.40"), unit="%", dim="percent", family="percent")
    assert accepts(rate, m)  # a standard missed, by however much: no tightness asked of it
    assert not accepts(dataclasses.replace(rate, value=Decimal("92.00")), m)
