"""An 增减 column of a comparison table states the change along its row, not the row's own fact.

"项目 | 2022年 | 2023年 | 增减" with a row 全年执行数 | 280.00 | 301.27 | 21.27: the 21.27 is 2023's
cell less 2022's, of the same row (a 执行率 row's change is in points). A header of a relative change
(增减率, 增幅, 增长率) states it in percent of the earlier year's cell. The figure is judged against
that difference of the row's own year cells (each of them is checked against the data as any cell),
never bound to the row's field: 21.27 is no 全年执行数, and a wrong one is a mismatch with the
difference expected.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import ROUND_HALF_UP, Decimal

from drafter.check.causes import Cause
from drafter.check.result import Verdict
from drafter.check.tablelines import Placed

_CHANGE = re.compile(r"^(?:比上年|较上年|同比)?(?:增减|增\(减\)|增（减）|变动|差额|增长|增加)")
_RELATIVE = re.compile(r"率|幅|%|％")
_YEAR = re.compile(r"^((?:19|20)\d\d)\s*年?")
_MINUS = re.compile(r"[-−－—]\s*$|减少\s*$|下降\s*$")
_HUNDRED = Decimal(100)


def change_columns(text: str, verdicts: list[Verdict]) -> list[Verdict]:
    """Each 增减 cell judged as its row's later year cell less its earlier one, of one measure.

    The year cells compared name the same thing but for their year (2022年 | 2023年, or 2022年执行数 |
    2023年执行数, never 2023年预算数 against 2022年执行数).
    """
    rows: dict[tuple[int, tuple[int, ...]], dict[str, dict[int, Verdict]]] = {}
    changes: list[int] = []
    for k, v in enumerate(verdicts):
        p = _placed(v)
        if p is None or v.mention.number is None:
            continue
        header = p.header.replace(" ", "")
        if _CHANGE.match(header):
            changes.append(k)
            continue
        year = _YEAR.match(header)
        if year is not None:
            rest = header[year.end() :]
            rows.setdefault(_key(p), {}).setdefault(rest, {})[int(year.group(1))] = v
    out = list(verdicts)
    for k in changes:
        v = verdicts[k]
        p = _placed(v)
        assert p is not None
        pairs = [years for years in rows.get(_key(p), {}).values() if len(years) >= 2]
        if len(pairs) == 1:
            out[k] = _judged(text, v, p, pairs[0])
    return out


def _key(p: Placed) -> tuple[int, tuple[int, ...]]:
    return p.region, tuple(c.start for c in p.labels)


def _placed(v: Verdict) -> Placed | None:
    p = v.binding.placed if v.binding is not None else None
    return p if p is not None and p.region >= 0 and v.mention.is_quantity else None


def _signed(text: str, v: Verdict, number: Decimal) -> Decimal:
    """The figure with the minus written before it (−1, 减少2.55)."""
    before = text[max(0, v.mention.start - 3) : v.mention.num_start or v.mention.start]
    return -number if _MINUS.search(before) else number


def _judged(text: str, v: Verdict, p: Placed, cells: dict[int, Verdict]) -> Verdict:
    """ok where the figure is the change of its row's year cells, rounded half-up as written.

    A change in percent beside year cells that are not (同比增减 | 8.44% beside 执行数) is relative.
    """
    first, last = min(cells), max(cells)
    earlier = _signed(text, cells[first], cells[first].mention.number or Decimal(0))
    later = _signed(text, cells[last], cells[last].mention.number or Decimal(0))
    percent = v.mention.dim == "percent" and cells[last].mention.dim != "percent"
    relative = bool(_RELATIVE.search(p.header)) or percent
    if relative and earlier == 0:
        return v  # a change in percent of nothing: not computable, left as judged
    change = (later - earlier) / earlier * _HUNDRED if relative else later - earlier
    step = Decimal(1).scaleb(-v.mention.decimals)
    expected = change.quantize(step, rounding=ROUND_HALF_UP)
    number = _signed(text, v, v.mention.number or Decimal(0))
    signed = number != v.mention.number
    agrees = number == expected if signed else abs(number) == abs(expected)
    how = f"{last}年 {later} − {first}年 {earlier}" + ("，除以上年" if relative else "")
    if agrees:
        return dataclasses.replace(
            v,
            verdict="ok",
            fact_id=None,
            fact_label=f"{p.header}（{how}）",
            expected=None,
            expected_value=None,
            derivation=how,
            reason="",
            cause=Cause.ROW_CHANGE,
            also=(),
        )
    return dataclasses.replace(
        v,
        verdict="mismatch",
        fact_id=None,
        fact_label=p.header,
        expected=str(expected),
        expected_value=expected,
        derivation=how,
        reason=f"应为 {expected}（本行{how}）",
        cause=Cause.WRONG_VALUE,
        also=(),
    )
