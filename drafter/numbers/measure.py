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
    INNER_HEDGES,
    PREFIX_HEDGES,
    PREFIX_RE,
    SCALES,
    SUFFIX_HEDGES,
    SUFFIX_RE,
    UNIT_RE,
    UNITS,
    Dim,
    HedgeKind,
)

# a tab or a run of blanks parts table cells. (An earlier, stricter pattern stood here too; the one
# below, defined after it, was the one in force, and is kept.)
_CELL_BORDER = re.compile(r"\t|[ \u3000]{2,}")
_RANGE_AFTER = re.compile(r"[-—–~至到][ \u3000]*(\d+(?:\.\d+)?)")


def skip_space(norm: str, i: int) -> int:
    while i < len(norm) and norm[i] in " \t\u3000":
        i += 1
    return i


def read_quantity(
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
    i = skip_space(norm, end)
    if _CELL_BORDER.fullmatch(norm, end, i):
        # a tab or a run of spaces after a figure is a table's cell border: "390.05\t—\t97.81%",
        # "9.88   部分乡镇…" are cells side by side, not a range or a unit (部)
        i = end
    if not chinese and (rng := _range_after(norm, end, i, number)):
        i, upper_number, range_decimals = rng
        decimals = max(decimals, range_decimals)
    i, hedge, scale = _inner_hedge_and_scale(norm, i, scale)
    hedge_kind = INNER_HEDGES[hedge] if hedge is not None else None
    unit_match = UNIT_RE.match(norm, i)
    unit = ""
    dim: Dim = "number"
    family = ""
    if unit_match:
        unit = unit_match.group()
        dim, family = UNITS[unit]
        i = unit_match.end()
    if chinese and not unit:
        return None  # a numeral inside a word: 百姓, 十四五
    if chinese and lone_scale and hedge is None and not PREFIX_RE.search(norm[max(0, start - 3) : start]):
        return None  # 万家, 百花: a lone 万/百/千 measures nothing without a hedge
    i, hedge, hedge_kind, conflict = _suffix_hedge(norm, end, i, hedge, hedge_kind)
    mention_start, hedge, hedge_kind, conflict = _prefix_hedge(norm, start, hedge, hedge_kind, conflict)
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


def _range_after(norm: str, end: int, i: int, number: Decimal) -> tuple[int, Decimal, int] | None:
    """3-5人, 10至20场: where the unit after the range starts, its upper figure and that figure's decimals.

    A tab or a run of blanks parts table cells: "390.05\t—\t97.81%" and "3,318,726.40    —     96.19%"
    are three cells, not a range; and a range runs upwards ("1486.71 — 95.10%" is two cells).
    """
    if _CELL_BORDER.search(norm, end, i):
        return None
    rng = _RANGE_AFTER.match(norm, i)
    if not rng or _CELL_BORDER.search(rng.group()) or Decimal(rng.group(1)) <= number:
        return None
    after = skip_space(norm, rng.end())
    if UNIT_RE.match(norm, after) or norm[after : after + 1] in SCALES:
        return after, Decimal(rng.group(1)), len(rng.group(1).partition(".")[2])
    return None


def _inner_hedge_and_scale(norm: str, i: int, scale: Decimal) -> tuple[int, str | None, Decimal]:
    """余/多/几 and 万/亿/千 after the figure, in either order (440余, 1.58万, 二十余万, 10万余): where the
    unit may start, the hedge and the scale. A scale already known (一百二十三万) is kept."""
    hedge: str | None = None
    if norm[i : i + 1] in INNER_HEDGES and not chinese_word_follows(norm, i):
        hedge = norm[i]
        i = skip_space(norm, i + 1)
    if scale == 1 and norm[i : i + 1] in SCALES and not UNIT_RE.match(norm, i):  # 千米, 千克, 千瓦: units
        scale = SCALES[norm[i]]
        i = skip_space(norm, i + 1)
        if hedge is None and norm[i : i + 1] in INNER_HEDGES and not chinese_word_follows(norm, i):
            hedge = norm[i]
            i = skip_space(norm, i + 1)
    return i, hedge, scale


def _suffix_hedge(
    norm: str, end: int, i: int, hedge: str | None, hedge_kind: HedgeKind | None
) -> tuple[int, str | None, HedgeKind | None, bool]:
    """以上/以下/左右 after the unit, joined to a hedge already read (100余人以上): where the mention ends,
    the hedge, its kind, and whether the two contradict."""
    suffix = SUFFIX_RE.match(norm, i) if i > end or not _CELL_BORDER.match(norm, i) else None
    if not suffix:
        return i, hedge, hedge_kind, False
    word = suffix.group(1)
    kind = SUFFIX_HEDGES[word]
    conflict = False
    if hedge is not None and hedge_kind is not None:  # 100余人以上
        conflict = _contradict(hedge_kind, kind)
        hedge, hedge_kind = hedge + "…" + word, kind if conflict else _looser(hedge_kind, kind)
    else:
        hedge, hedge_kind = word, kind
    return suffix.end(), hedge, hedge_kind, conflict


def _prefix_hedge(
    norm: str, start: int, hedge: str | None, hedge_kind: HedgeKind | None, conflict: bool
) -> tuple[int, str | None, HedgeKind | None, bool]:
    """近/约/超过 before the figure, joined to the hedges after it (近1万余人, 超过100余人): where the
    mention starts, the hedge, its kind, and whether any two contradict."""
    prefix = PREFIX_RE.search(norm, max(0, start - 3), start)
    if not prefix or norm[prefix.start() - 1 : prefix.start()] == "最":  # 最近三年 is no hedge
        return start, hedge, hedge_kind, conflict
    word = prefix.group().strip()
    kind = PREFIX_HEDGES[word]
    if hedge is not None and hedge_kind is not None:  # 近1万余人, 超过100余人
        conflict = conflict or _contradict(kind, hedge_kind)
        hedge = word + "…" + hedge
        hedge_kind = hedge_kind if conflict else _looser(kind, hedge_kind)
    else:
        hedge, hedge_kind = word, kind
    return prefix.start(), hedge, hedge_kind, conflict


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


def chinese_word_follows(norm: str, i: int) -> bool:
    """多 starts a word in 多元化, 多样, 多种, 多方 (几 in 几乎): then it is not a hedge (50多名 is)."""
    return (norm[i] == "多" and norm.startswith(_DUO_WORDS, i)) or norm.startswith("几乎", i)
