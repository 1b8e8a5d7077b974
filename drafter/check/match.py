"""Whether a number, as written, is a true statement of a fact: units, precision and hedges as intervals."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from drafter.facts.build import Fact
from drafter.numbers import Mention

_DIM_OK = {
    "money": {"money"},
    "percent": {"percent"},
    "permille": {"permille"},
    "points": {"points", "percent"},
    # a score is 分 or a bare figure, never 26次 or 2200篇: a count is no indicator's weight
    "score": {"score", "number"},
    "count": {"count", "number"},
    "duration": {"duration", "count"},
}


def compatible(fact: Fact, m: Mention) -> bool:
    """Could `m` be a way of writing `fact` at all (money with money, 人 with 名, 个 with any count)?"""
    if (m.family == "phrase") != (fact.family == "phrase"):  # 三级联动, 八大文化: only with their like
        return False
    if m.dim == "number" or fact.dim == "number":
        return True
    if fact.dim not in _DIM_OK.get(m.dim, {m.dim}):
        return False
    if m.dim == "count" and fact.dim == "count":
        return (
            m.family == fact.family or "generic" in (m.family, fact.family) or not m.family or not fact.family
        )
    return True


def contains(outer: tuple[Decimal, Decimal, bool, bool], inner: tuple[Decimal, Decimal, bool, bool]) -> bool:
    """Is every value of `inner` inside `outer`? (Intervals as (low, high, low_closed, high_closed).)"""
    olo, ohi, olc, ohc = outer
    ilo, ihi, ilc, ihc = inner
    low_ok = ilo > olo or (ilo == olo and (olc or not ilc))
    high_ok = ihi < ohi or (ihi == ohi and (ohc or not ihc))
    return low_ok and high_ok


def overlaps(a: tuple[Decimal, Decimal, bool, bool], b: tuple[Decimal, Decimal, bool, bool]) -> bool:
    return not (a[1] < b[0] or b[1] < a[0])


_LOOSE = Decimal("1.25")  # 以上/不足 must stay within a quarter of what the data says


def accepts(fact: Fact, m: Mention) -> bool:
    """Is the mention a true statement of the fact (rounding and hedges included)?

    Open-ended hedges must also be tight: data 20000人以上 is not "2000人以上" (true, but misleading).
    """
    if m.value is None or m.hedge_conflict or not compatible(fact, m):
        return False
    if m.hedge_kind == "at_least" and fact.interval()[0] > m.value * _LOOSE:
        return False
    if m.hedge_kind == "under" and fact.interval()[1] * _LOOSE < m.value:
        return False
    if m.dim == "number" and fact.dim == "money" and m.scale == 1 and fact.unit == "万元":
        # a bare table cell "534.51" under a 万元 header states 万元
        m_claim = _scaled(m.interval(), Decimal(10_000))
        return contains(m_claim, fact.interval())
    return contains(m.interval(), fact.interval())


def _scaled(iv: tuple[Decimal, Decimal, bool, bool], k: Decimal) -> tuple[Decimal, Decimal, bool, bool]:
    return (iv[0] * k, iv[1] * k, iv[2], iv[3])


def same_core(fact: Fact, m: Mention) -> bool:
    """Same figure, different hedge: 近440场 against the data's 440余场."""
    if fact.mention is not None:
        return (
            fact.mention.number == m.number
            and fact.mention.scale == m.scale
            and fact.mention.hedge != m.hedge
        )
    return m.hedge is not None and m.value == fact.value


def accepts_as_written(fact: Fact, m: Mention) -> bool:
    """A bare table cell under a unit column (指标值 6.8 | 计量单位 万人) states a text figure as written."""
    if m.dim != "number" or m.value is None or fact.mention is None or fact.mention.scale == 1:
        return False
    return contains(_scaled(m.interval(), fact.mention.scale), fact.interval())


# a fall written as its size (下降9.10%, 降幅为9.10%): the data may hold it signed (-9.10)
_FALL = re.compile(r"(?:下降|减少|降低|下滑|回落|缩减|压减|降幅|减幅)(?:了|为|达|约)?\s*$")


def as_fall(text: str, m: Mention) -> Mention | None:
    """The mention read as a signed change (-9.10) when a fall word states its direction, else None.

    Rates and amounts alike: 下降3.2% and 比上年减少1.19万元 both state the size of a negative change.
    """
    if m.value is None or m.value <= 0 or m.upper is not None:
        return None
    if not _FALL.search(text, max(0, m.start - 8), m.start):
        return None
    number = -m.number if m.number is not None else None
    return dataclasses.replace(m, value=-m.value, number=number)
