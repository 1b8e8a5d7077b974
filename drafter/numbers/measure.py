"""What follows a figure (and what precedes it): range, hedge, scale and unit, read into a Mention.

534.51万元, 440余场, 近1万余人, 3-5人, 20000人以上: the figure's claim is its value in base units, the
precision it was written with, and the hedge that widens it. Split from the scanner, which decides
first whether a figure is a quantity at all.
"""

from __future__ import annotations

import re
from decimal import Decimal

from drafter.numbers.mention import Mention
from drafter.numbers.vocabulary import (
    _INNER_HEDGES,
    _PREFIX_HEDGES,
    _PREFIX_RE,
    _SCALES,
    _SUFFIX_HEDGES,
    _SUFFIX_RE,
    _UNIT_RE,
    _UNITS,
    Dim,
    HedgeKind,
)

_CELL_BORDER = re.compile(r"[ \u3000]*\t[ \t\u3000]*| {2,}|\u3000{2,}")


def _skip_space(norm: str, i: int) -> int:
    while i < len(norm) and norm[i] in " \t\u3000":
        i += 1
    return i


def _quantity(
    text: str,
    norm: str,
    start: int,
    end: int,
    number: Decimal,
    decimals: int,
    *,
    chinese: bool,
    lone_scale: bool = False,
    scale: Decimal = Decimal(1),
    upper_number: Decimal | None = None,
) -> Mention | None:
    """Read hedge, scale and unit after a figure, and a hedge before it.

    `scale` is already known for a Chinese numeral written to the 万 (一百二十三万); otherwise a 万/亿/千
    after the figure (1.58万, 二十余万) sets it.
    """
    i = _skip_space(norm, end)
    if _CELL_BORDER.fullmatch(norm, end, i):
        # a tab or a run of spaces after a figure is a table's cell border: "390.05\t—\t97.81%",
        # "9.88   部分乡镇…" are cells side by side, not a range or a unit (部)
        i = end
    hedge: str | None = None
    hedge_kind: HedgeKind | None = None
    conflict = False
    scaled = scale != 1
    # range: 3-5人, 10至20场
    # a tab or a run of blanks parts table cells: "390.05\t—\t97.81%" and "3,318,726.40    —     96.19%"
    # are three cells, not a range
    rng = _RANGE_AFTER.match(norm, i) if not chinese and not _CELL_BORDER.search(norm, end, i) else None
    if rng and (_CELL_BORDER.search(rng.group()) or Decimal(rng.group(1)) <= number):
        rng = None  # "1486.71 — 95.10%": a range runs upwards; these are two cells with a dash between
    if rng:
        after = _skip_space(norm, rng.end())
        if _UNIT_RE.match(norm, after) or norm[after : after + 1] in _SCALES:
            upper_number = Decimal(rng.group(1))
            decimals = max(decimals, len(rng.group(1).partition(".")[2]))
            i = after
    if norm[i : i + 1] in _INNER_HEDGES and not chinese_word_follows(norm, i):
        hedge = norm[i]
        hedge_kind = _INNER_HEDGES[hedge]
        i = _skip_space(norm, i + 1)
    if not scaled and norm[i : i + 1] in _SCALES and not _UNIT_RE.match(norm, i):  # 千米, 千克, 千瓦: units
        scale = _SCALES[norm[i]]
        i = _skip_space(norm, i + 1)
        if hedge is None and norm[i : i + 1] in _INNER_HEDGES and not chinese_word_follows(norm, i):
            hedge = norm[i]
            hedge_kind = _INNER_HEDGES[hedge]
            i = _skip_space(norm, i + 1)
    unit_match = _UNIT_RE.match(norm, i)
    unit = ""
    dim: Dim = "number"
    family = ""
    if unit_match:
        unit = unit_match.group()
        dim, family = _UNITS[unit]
        i = unit_match.end()
    if chinese and not unit:
        return None  # a numeral inside a word: 百姓, 十四五
    if chinese and lone_scale and hedge is None and not _PREFIX_RE.search(norm[max(0, start - 3) : start]):
        return None  # 万家, 百花: a lone 万/百/千 measures nothing without a hedge
    suffix = _SUFFIX_RE.match(norm, i) if i > end or not _CELL_BORDER.match(norm, i) else None
    if suffix:
        word = suffix.group(1)
        kind = _SUFFIX_HEDGES[word]
        if hedge is not None and hedge_kind is not None:  # 100余人以上
            conflict = _contradict(hedge_kind, kind)
            hedge, hedge_kind = hedge + "…" + word, kind if conflict else _looser(hedge_kind, kind)
        else:
            hedge, hedge_kind = word, kind
        i = suffix.end()
    mention_start = start
    prefix = _PREFIX_RE.search(norm, max(0, start - 3), start)
    if prefix and norm[prefix.start() - 1 : prefix.start()] != "最":  # 最近三年 is no hedge
        word = prefix.group().strip()
        kind = _PREFIX_HEDGES[word]
        if hedge is not None and hedge_kind is not None:  # 近1万余人, 超过100余人
            conflict = conflict or _contradict(kind, hedge_kind)
            hedge = word + "…" + hedge
            hedge_kind = hedge_kind if conflict else _looser(kind, hedge_kind)
        else:
            hedge, hedge_kind = word, kind
        mention_start = prefix.start()
    if dim == "money" and scale != 1:
        unit = {Decimal(10_000): "万元", Decimal(100_000_000): "亿元", Decimal(1000): "千元"}[scale]
    value = number * scale
    upper = upper_number * scale if upper_number is not None else None
    return Mention(
        mention_start,
        i,
        text[mention_start:i],
        "quantity",
        value=value,
        number=number,
        scale=scale,
        decimals=decimals,
        unit=unit,
        dim=dim,
        family=family,
        hedge=hedge,
        hedge_kind=hedge_kind,
        hedge_conflict=conflict,
        upper=upper,
        chinese=chinese,
        num_start=start,
        num_end=end,
    )


_LESS: frozenset[HedgeKind] = frozenset({"below", "under"})
_MORE: frozenset[HedgeKind] = frozenset({"above", "at_least"})
_LOOSENESS: dict[HedgeKind, int] = {"above": 1, "below": 1, "at_least": 2, "under": 2, "about": 3}


def _contradict(a: HedgeKind, b: HedgeKind) -> bool:
    """近/不足 say "less than", 余/多/以上 say "more than": together they contradict (近1万余人)."""
    return (a in _LESS and b in _MORE) or (a in _MORE and b in _LESS)


def _looser(a: HedgeKind, b: HedgeKind) -> HedgeKind:
    """Of two hedges that agree (超过100余人, 约200余人), the wider claim: 超过, 约."""
    return a if _LOOSENESS[a] >= _LOOSENESS[b] else b


_DUO_WORDS = (
    "多元化",
    "多样",
    "多种",
    "多方",
    "多措",
    "多形式",
    "多渠道",
    "多层",
    "多彩",
    "多功能",
    "多部门",
    "多领域",
)
_CELL_BORDER = re.compile(r"\t|[ \u3000]{2,}")
_RANGE_AFTER = re.compile(r"[-—–~至到][ \u3000]*(\d+(?:\.\d+)?)")


def chinese_word_follows(norm: str, i: int) -> bool:
    """多 starts a word in 多元化, 多样, 多种, 多方 (几 in 几乎): then it is not a hedge (50多名 is)."""
    return (norm[i] == "多" and norm.startswith(_DUO_WORDS, i)) or norm.startswith("几乎", i)
