"""A problem the audit finds in the data, its machine code, and the rounding its messages use.

Split from drafter.audit.rules so the audit's parts (scores, finance) can share them without importing
each other. A finding's `message` is for the reader (Chinese, output only); what it is, for code that
decides anything, is its `code` (and the coarse `kind`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class FindingCode(StrEnum):
    """One code per kind of finding the audit makes (and the checker's missing fact)."""

    SUM_MISMATCH = "sum_mismatch"  # a whole's figure against the sum of its parts
    SPLIT_MISMATCH = "split_mismatch"  # 年度资金总额 against a split: 按收入性质分 or 按支出性质分
    ACTUAL_MISTYPED = "actual_mistyped"  # 执行数 off its parts, the stated 执行率 computed from their sum
    SWAPPED_FIGURES = "swapped_figures"  # a part's 预算数 and 执行数 typed in each other's column
    BALANCE_MISMATCH = "balance_mismatch"  # 本年收入 + 上年结转 − 结转下年 against 支出合计
    LISTED_PARTS_MISMATCH = "listed_parts_mismatch"  # a text's 其中… list against its own total
    THREE_PUBLIC_SUM_MISMATCH = "three_public_sum_mismatch"  # “三公”经费 against its parts
    YOY_AMOUNT_MISMATCH = "yoy_amount_mismatch"  # a stated 同比增减额 against 执行数 − 上年数
    RATE_MISMATCH = "rate_mismatch"  # a stated 执行率 against 执行数 / 预算数
    YOY_RATE_MISMATCH = "yoy_rate_mismatch"  # a stated 同比增减率 against the two years' figures
    FINANCE_RATE_MISMATCH = "finance_rate_mismatch"  # 政府采购执行率, 中小企业占比, 结转结余率, 控制率
    SHARE_MISMATCH = "share_mismatch"  # a stated 占比 against part / whole
    STAFF_COUNT_MISMATCH = "staff_count_mismatch"  # 编制数 / 实有人数 against their kinds
    HEDGE_CONFLICT = "hedge_conflict"  # 近…余: hedge words that contradict each other
    SCORE_ABOVE_WEIGHT = "score_above_weight"  # an indicator's 得分 above its 分值
    SCORE_COEFFICIENT_MISMATCH = "score_coefficient_mismatch"  # 得分 against 分值 × 得分系数
    SCORE_PROPORTION_MISMATCH = "score_proportion_mismatch"  # 得分 against 分值 × 实际 / 目标
    FUNDS_SCORE_MISMATCH = "funds_score_mismatch"  # the 资金 row's 得分 against 执行率 × 分值
    TOTAL_WEIGHT_MISMATCH = "total_weight_mismatch"  # 总分值 against the 分值 of the rows
    TOTAL_SCORE_MISMATCH = "total_score_mismatch"  # 自评得分 against the 得分 of the rows
    GROUP_TOTAL_MISMATCH = "group_total_mismatch"  # a stated 一级/二级指标 subtotal against its rows
    GRADE_MISMATCH = "grade_mismatch"  # 等级 against the grade thresholds of the 得分
    NOT_COMPUTABLE = "not_computable"  # a stated rate, share or score whose base is zero (a note)
    PUBLIC_PARTS_SUM_MISMATCH = "public_parts_sum_mismatch"  # 公用支出 against 办公费 + 差旅费 + …
    LINE_BALANCE_MISMATCH = "line_balance_mismatch"  # a stated 结余 against 预算数 − 执行数
    RETURNED_ABOVE_BALANCE = "returned_above_balance"  # 结余交回 more than the 结余
    FUND_LEVELS_ABOVE_BUDGET = (
        "fund_levels_above_budget"  # 中央 + 省 + 市 + 县区资金 above the project's budget
    )
    PROJECT_GROUP_SUM_MISMATCH = "project_group_sum_mismatch"  # 区级专项 against the projects under it
    RETIRED_SPLIT_MISMATCH = "retired_split_mismatch"  # 离退休人员 against 离休 + 退休
    STAFF_SPLIT_MISMATCH = "staff_split_mismatch"  # 实有人数 against its split by post or by funding
    BUILDING_RATE_MISMATCH = "building_rate_mismatch"  # 楼堂馆所 面积/投资控制率 against 实际 / 批复
    MISSING_FACT = "missing_fact"  # a required figure the report never states (drafter.check)


# the code of a finding made without one (outside the audit: the checker's "missing")
_DEFAULT_CODES = {"missing": FindingCode.MISSING_FACT}


@dataclass(frozen=True)
class Finding:
    """A problem found without reading the report: in the data itself, or a required figure missing.

    `derivation` is how the `expected` figure is computed ("a + b = c"), where the message states it.
    """

    # "sum", "rate", "share", "score", "grade", "count", "hedge", "swap", "missing"; "bound": a part above
    # its whole (结余交回 above the 结余), which no figure put in the whole's place would fix
    kind: str
    message: str
    fact_id: str | None = None
    stated: Decimal | None = None
    expected: Decimal | None = None
    severity: str = "error"  # "error" or "note" (rounding within tolerance)
    code: FindingCode | None = None
    derivation: str = ""

    def __post_init__(self) -> None:
        if self.code is None and self.kind in _DEFAULT_CODES:
            object.__setattr__(self, "code", _DEFAULT_CODES[self.kind])

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "message": self.message,
            "fact_id": self.fact_id,
            "stated": None if self.stated is None else str(self.stated),
            "expected": None if self.expected is None else str(self.expected),
            "severity": self.severity,
        }


def not_computable(fact_id: str, name: str, stated: Decimal, base_name: str, unit: str = "%") -> Finding:
    """A stated rate whose base is zero: no figure follows from the data, so none is claimed wrong.

    执行率 of a zero 预算数 (or 同比 of a zero 上年数) is a division by zero, not a figure to compare;
    the data is told so, as a note, instead of the audit stopping on it.
    """
    return Finding(
        "rate",
        f"{name}表列 {stated}{unit}，但{base_name}为 0，无法计算",
        fact_id,
        stated,
        None,
        "note",
        code=FindingCode.NOT_COMPUTABLE,
    )


def round_like(value: Decimal, like: Decimal) -> Decimal:
    """`value` rounded half-up to the places `like` was written with (a stated 96.13 → two)."""
    exponent = like.as_tuple().exponent
    assert isinstance(exponent, int)
    return value.quantize(Decimal(1).scaleb(min(exponent, 0)), rounding=ROUND_HALF_UP)


def two_places(value: Decimal) -> str:
    """A computed figure for a message, to two places (half-up)."""
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}"
