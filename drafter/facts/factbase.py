"""Every figure of a ReportData as a `Fact`: id, naming words, exact value, unit, precision, origin.

Three origins:
- `data`: a typed field (budget.basic.actual = 534.51万元);
- `text`: a number inside free text (an activity bullet's 440余场), bound to the words around it;
- `derived`: computed from the data's structure, never searched for among combinations: 执行率 of each
  line, 占比 of each part in its whole, sums of parts, 同比 changes, 差额, per-person figures, counts.

Values are in base units (元 for money, percent for rates, plain counts), so a report may write 元,
万元 or 亿元 and still be compared exactly. `FactBase` indexes them for the checker and the drafter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from drafter.data.model import ReportData
from drafter.numbers import Dim, Mention, format_value

Origin = Literal["data", "text", "derived"]
HUNDRED = Decimal(100)
WAN = Decimal(10_000)

# Words that name what kind of figure a money mention is: they narrow a subject's facts to a measure.
MEASURE_WORDS: dict[str, tuple[str, ...]] = {
    "budget": ("预算数", "预算", "批复", "申请", "安排"),
    "initial_budget": ("年初预算", "年初"),
    "received": ("到位", "拨付"),
    "actual": ("执行数", "执行", "支出", "决算", "实际", "使用", "完成", "用于"),
    "last_year": ("上年", "去年", "上一年", "上年支出", "上年实际支出", "上年决算", "上年同期"),
    "balance": ("结余", "差额", "未执行", "未使用", "节约"),
    "rate": ("执行率", "完成率", "执行进度", "支出率"),
    "share": ("占", "比例", "比重", "占比"),
    "yoy": ("同比", "与上年相比", "比上年", "较上年", "增长", "增加", "下降", "减少"),
    # the change itself (增加629.25万元), not 较上年9873.46万元 (that is last year's figure)
    "yoy_diff": ("增加", "减少", "增长", "下降", "增减", "增支", "减支"),
    # an indicator's columns: 年度指标值, 实际完成值, 分值, 得分
    "target": ("年度指标值", "指标值", "目标值", "年度目标", "计划", "预期"),
    "achieved": ("实际完成值", "完成值", "实际完成", "实际值", "实际开展", "完成"),
    "weight": ("分值", "权重", "满分"),
    "score": ("得分", "评分", "得"),
    "deduction": ("扣分", "扣除", "扣减", "扣"),  # 扣0.18分: 分值 less 得分
}


@dataclass(frozen=True, slots=True)
class Fact:
    """One figure the data states or implies."""

    id: str
    label: str  # how a reader would name it: 基本支出执行数, 440余场（开展示范宣讲进基层）
    value: Decimal  # base units
    unit: str  # display unit: 万元, %, 人, 场 …
    dim: Dim
    family: str = ""
    decimals: int | None = None  # precision the data wrote it with (display unit)
    origin: Origin = "data"
    subject: str = ""  # what it is about; the facts of one subject share naming words
    measure: str = "value"  # budget, actual, rate, share, yoy, count …
    terms: tuple[str, ...] = ()  # words that name the subject
    whole_terms: tuple[str, ...] = ()  # for shares: words naming the whole
    derivation: str = ""  # for derived facts: the formula with its figures
    mention: Mention | None = None  # for text facts: the number as written in the data
    context: str = ""  # for text facts: the clause it stands in
    around: str = ""  # for text facts: the words of its sentence around it (up to 40 characters before)
    source: str = ""  # field path in the data file
    required: bool = False  # a full report must state it

    def interval(self) -> tuple[Decimal, Decimal, bool, bool]:
        """What the data knows of the value: exact, or (for hedged text figures) a range."""
        if self.mention is not None and (
            self.mention.hedge_kind is not None or self.mention.upper is not None
        ):
            return self.mention.interval()
        # an unhedged figure is known exactly as written (15.5万人 is 155000): the text may round it
        return (self.value, self.value, True, True)

    def shown(self, unit: str | None = None, decimals: int | None = None) -> str:
        """The value written for a reader, in `unit` (default its own) with `decimals`."""
        unit = self.unit if unit is None else unit
        if self.mention is not None and unit == self.unit and decimals is None:
            return self.mention.text.strip()
        if decimals is None and self.decimals is not None and unit == self.unit:
            decimals = self.decimals
        return format_value(self.value, unit, decimals)


@dataclass
class FactBase:
    """All facts of one ReportData, indexed for lookup by id, dimension and naming word."""

    data: ReportData
    facts: list[Fact] = field(default_factory=list)
    allowed_years: frozenset[int] = frozenset()
    # (month, day) of every date its texts hold, and (month, None) of every month they name
    dates: frozenset[tuple[int, int | None]] = frozenset()
    title_years: frozenset[int] = frozenset()  # years the data's texts give a report title (TITLE_AFTER_YEAR)
    relations: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)  # (figure, whole, parts)

    def __post_init__(self) -> None:
        self.by_id: dict[str, Fact] = {}

    def add(self, fact: Fact) -> None:
        if fact.id in self.by_id:
            raise ValueError(f"duplicate fact id {fact.id}")
        self.by_id[fact.id] = fact
        self.facts.append(fact)

    def get(self, fact_id: str) -> Fact | None:
        return self.by_id.get(fact_id)

    def __getitem__(self, fact_id: str) -> Fact:
        return self.by_id[fact_id]

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts)

    def __len__(self) -> int:
        return len(self.facts)

    def of_subject(self, subject: str) -> list[Fact]:
        return [f for f in self.facts if f.subject == subject]


_CLAUSE_STOP = re.compile(r"[。；;！？!?\n，,：:]")
_DIGIT = re.compile(r"[\d一二三四五六七八九十两]")
_SENTENCE_STOP = re.compile(r"[。；;！？!?\n]")


def sentence_context(text: str, start: int, end: int, before: int = 40, after: int = 12) -> str:
    """The words of a number's sentence around it: wider than its clause (扣2分 needs its reason)."""
    left_stop = max(
        (m.end() for m in _SENTENCE_STOP.finditer(text, max(0, start - before), start)), default=None
    )
    stop = _SENTENCE_STOP.search(text, end, end + after)
    return text[
        left_stop if left_stop is not None else max(0, start - before) : stop.start() if stop else end + after
    ]


def clause_context(text: str, start: int, end: int, before: int = 24, after: int = 10) -> tuple[str, str]:
    """Words of a number's clause: up to `before` characters to its left and `after` to its right."""
    left_stop = max(
        (m.end() for m in _CLAUSE_STOP.finditer(text, max(0, start - before), start)), default=None
    )
    left = text[left_stop if left_stop is not None else max(0, start - before) : start]
    # 先进集体3个、巾帼建功标兵5个: an item of a list with its own figure is a clause of its own
    mark = left.rfind("、")
    if mark > 0 and _DIGIT.search(left, 0, mark):
        left = left[mark + 1 :]
    stop = _CLAUSE_STOP.search(text, end, end + after)
    right = text[end : stop.start() if stop else end + after]
    return left, right.split("、", 1)[0]
