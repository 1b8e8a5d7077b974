"""A number found in a text: where it is, what it claims (value, precision, hedge), and what it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from drafter.numbers.vocabulary import (
    SCALES,
    Dim,
    HedgeKind,
    Kind,
)


@dataclass(slots=True, eq=True)
class Mention:
    """One number in a text. `value` is in base units: 元, percent, or the count itself.

    Treated as immutable; not declared frozen only because a frozen dataclass builds ~2x slower
    (one object.__setattr__ per field), and a report has hundreds of mentions per check.
    """

    start: int
    end: int
    text: str
    kind: Kind
    value: Decimal | None = None
    number: Decimal | None = None  # the figure as written, before its scale (1.58 in 1.58万)
    scale: Decimal = Decimal(1)
    decimals: int = 0
    unit: str = ""  # unit word as written (元, %, 人次 …); money keeps its scale: 万元
    dim: Dim = "number"
    family: str = ""
    hedge: str | None = None
    hedge_kind: HedgeKind | None = None
    hedge_conflict: bool = False  # 近1万余人: two hedges that contradict each other
    upper: Decimal | None = None  # second end of a range (3-5人), base units
    chinese: bool = False
    reason: str = ""  # why it is not a quantity
    num_start: int = 0  # span of the digits alone, for replacing the figure
    num_end: int = 0
    years: tuple[int, ...] = field(default=())  # for year and period mentions

    @property
    def is_quantity(self) -> bool:
        return self.kind == "quantity"

    @property
    def distinctive(self) -> bool:
        """Is the figure specific enough that finding it in another report suggests copying?

        534.51万元, 96769.85元, 3.65万元 or 238场 is; 0, 2, 10, 100, 1200, 3.5 or 04 occur in any report by
        chance. The test is three significant digits as written (trailing zeros of a round figure do not
        count: 1200 has two).
        """
        if not self.is_quantity or self.number is None:
            return False
        return len(self.number.normalize().as_tuple().digits) >= 3 and self.number != 0

    @property
    def step(self) -> Decimal:
        """The precision the figure was written with, in base units (0.01万元 -> 100 元)."""
        return Decimal(1).scaleb(-self.decimals) * self.scale

    def hedge_step(self) -> Decimal:
        """Span a hedge like 余 covers: one unit of the last non-zero written digit (440余 -> 10).

        A hedge after the scale word covers at most one unit of that scale (10万余 -> 10000).
        """
        assert self.number is not None
        digits = self.number.normalize()
        exponent = digits.as_tuple().exponent
        assert isinstance(exponent, int)
        if digits == 0:
            exponent = 0
        step = Decimal(1).scaleb(exponent) * self.scale
        if self.scale != 1 and self._hedge_after_scale():
            # 10万余元 is 10万 and some: (100000, 110000); 10余万 is (10万, 20万)
            step = min(step, self.scale)
        return step

    def _hedge_after_scale(self) -> bool:
        """Does the hedge follow the 万/亿 (1万余, 一万余) rather than precede it (20余万)?"""
        figure = self.text[self.num_start - self.start : self.num_end - self.start]
        rest = self.text[self.num_end - self.start :].lstrip(" \t\u3000")
        return "万" in figure or "亿" in figure or rest[:1] in SCALES

    def interval(self) -> tuple[Decimal, Decimal, bool, bool]:
        """The values this mention claims, as (low, high, low_closed, high_closed), in base units.

        Unhedged figures claim their rounding interval (534.5 -> [534.45, 534.55), 四舍五入);
        余/多 claim (v, v + step); 近 [0.8v, v); 不足 [0, v); 以上 [v, inf); 约/左右 [0.9v, 1.1v].
        """
        assert self.value is not None
        v = self.value
        inf = Decimal("Infinity")
        if self.upper is not None:
            return (v, self.upper, True, True)
        match self.hedge_kind:
            case None:
                half = self.step / 2
                return (v - half, v + half, True, False)
            case "above":
                return (v, v + self.hedge_step(), False, False)
            case "at_least":
                return (v, inf, True, False)
            case "below":
                return (v * Decimal("0.8"), v, True, False)
            case "under":
                return (Decimal(0), v, True, _inclusive_upper(self.hedge))
            case "about":
                return (v * Decimal("0.9"), v * Decimal("1.1"), True, True)
        raise AssertionError(self.hedge_kind)


def format_value(value: Decimal, unit: str, decimals: int | None = None) -> str:
    """A base-unit value written back in `unit` (万元 divides by 10 000), with `decimals` places."""
    shown = value
    if unit == "万元":
        shown = value / Decimal(10_000)
    elif unit == "亿元":
        shown = value / Decimal(100_000_000)
    elif unit == "千元":
        shown = value / Decimal(1000)
    if decimals is not None:
        shown = shown.quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
    else:
        shown = shown.normalize()
        if shown == shown.to_integral():
            shown = shown.quantize(Decimal(1))
    return f"{shown:f}{unit}"


def _inclusive_upper(hedge: str | None) -> bool:
    """以下/以内 and 不超过/不高于/不多于 include their figure (at most); 不足/低于 exclude it."""
    h = hedge or ""
    return h.endswith(("以下", "以内")) or h.startswith(("不超过", "不高于", "不多于"))
