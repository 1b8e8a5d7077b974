"""A total and the parts a text lists after it (X人，其中A a人、B b人): do the words contradict themselves?

"全县现有在册会员1200余人，其中个人会员860人、团体会员及其他会员280人" cannot be true: the parts add up
to 1140, below what 1200余 claims, and a list that names 其他/其余 names every part, so it may not add
up to more than the whole either. Kinds of one thing (县道8条、乡村道8条, both 道) cannot overlap, so
they may not add up to more than their whole (共15条); they need not cover it. Other lists are left
alone: 其中党员35人、女职工20人 are kinds that overlap. Figures are taken as written (each part's own
rounding interval), so rounded parts that miss their total by a rounding step are no contradiction.
Nothing here reads the data: a sentence can be wrong by itself.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from drafter.numbers.mention import Mention, format_value

_AMONG = re.compile(r"其中")
_BETWEEN = re.compile(r"[\s，,。：:；;]*")  # what may stand between a total and its 其中
_LIST_END = re.compile(r"[，,。；;！？!?\n]")
_LIST_START = re.compile(r"[\s，,：:]*")
_CATCH_ALL = re.compile(r"其他|其它|其余")


@dataclass(frozen=True, slots=True)
class Contradiction:
    """A total its listed parts cannot add up to."""

    whole: Mention
    parts: tuple[Mention, ...]
    low: Decimal  # the least the parts can add up to, base units
    high: Decimal  # the most
    exceeds: bool  # True: more than the whole; False: a full list (其他 …) short of it

    def total(self) -> str:
        """The parts' sum written in the whole's unit (1140人, 45.60万元)."""
        value = sum((p.value for p in self.parts if p.value is not None), Decimal(0))
        if self.whole.dim != "money":
            return format_value(value, self.whole.unit)
        same = (p.decimals for p in self.parts if p.unit == self.whole.unit)
        return format_value(value, self.whole.unit, max([self.whole.decimals, *same]))

    def message(self) -> str:
        figures = " + ".join(p.text.strip() for p in self.parts)
        how = "多于" if self.exceeds else "少于"
        whole = self.whole.text.strip()
        return f"其中所列各项（含“其他”，即全部组成）之和为{self.total()}（{figures}），{how}“{whole}”"


def _compatible(whole: Mention, part: Mention) -> bool:
    if part.value is None or part.dim != whole.dim or part.dim == "percent":
        return False
    return part.dim == "money" or part.unit == whole.unit


def contradictions(text: str, mentions: Sequence[Mention]) -> Iterator[Contradiction]:
    """Every total in `text` whose 其中 list cannot add up to it (mentions: `text`'s, in order)."""
    if "其中" not in text:
        return
    quantities = [m for m in mentions if m.is_quantity and m.value is not None]
    ends = [m.end for m in quantities]
    for among in _AMONG.finditer(text):
        at = bisect.bisect_right(ends, among.start())  # the quantities ending before 其中
        if not at:
            continue
        whole = quantities[at - 1]
        if _BETWEEN.fullmatch(text, whole.end, among.start()) is None or whole.dim not in ("count", "money"):
            continue
        start = _LIST_START.match(text, among.end()).end()
        stop = _LIST_END.search(text, start)
        end = stop.start() if stop else len(text)
        parts = tuple(m for m in quantities[at : bisect.bisect_right(ends, end)] if start <= m.start)
        if len(parts) < 2 or not all(_compatible(whole, p) for p in parts):
            continue
        full = _CATCH_ALL.search(text, start, end) is not None
        if not full and not _one_kind(text, start, parts):
            continue  # 其中党员35人、女职工20人: kinds that may overlap, and need not be all of them
        spans = [_claim(p) for p in parts]
        low = sum((s[0] for s in spans), Decimal(0))
        high = sum((s[1] for s in spans), Decimal(0))
        w_low, w_high, low_closed, high_closed = _claim(whole)
        if low > w_high or (low == w_high and not high_closed):
            yield Contradiction(whole, parts, low, high, exceeds=True)
        elif full and (high < w_low or (high == w_low and not low_closed)):
            yield Contradiction(whole, parts, low, high, exceeds=False)


def _claim(m: Mention) -> tuple[Decimal, Decimal, bool, bool]:
    """What a figure claims: a plain count (8条) is exact, anything else its interval (rounding, hedge)."""
    if m.dim == "count" and m.hedge is None and m.scale == 1 and m.decimals == 0 and m.upper is None:
        assert m.value is not None
        return (m.value, m.value, True, True)
    return m.interval()


_LABEL_STOP = re.compile(r"[、，,：:；;和及与]")
_CUMULATIVE = re.compile(r"以上|以下|及以|含|包括")


def _one_kind(text: str, start: int, parts: Sequence[Mention]) -> bool:
    """Are the parts kinds of one thing (县道8条、乡村道8条: both 道), so none can be counted twice?

    Their names end alike; a cumulative name (大专以上学历) may hold another (本科学历), so it does not.
    """
    names = []
    floor = start
    for p in parts:
        stops = [m.end() for m in _LABEL_STOP.finditer(text, floor, p.start)]
        name = text[max([floor, *stops]) : p.start].strip()
        if not name or _CUMULATIVE.search(name):
            return False
        names.append(name)
        floor = p.end
    last = names[0][-1]
    return "\u4e00" <= last <= "\u9fff" and all(n[-1] == last for n in names)
