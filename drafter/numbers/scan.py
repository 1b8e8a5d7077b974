"""The scanner: every number in a text, in one pass, quantities and non-quantities alike."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

from drafter.numbers.context import (
    SLOGAN_WORDS,
    arabic_rule,
    chinese_rule,
    counted_label_before,
    recent_period,
    shu_is_label,
    slogan_rule,
    year_without_nian,
)
from drafter.numbers.furniture import find_furniture
from drafter.numbers.mention import Mention
from drafter.numbers.vocabulary import (
    _CANDIDATE,
    _CN_BIG,
    _CN_CHARS,
    _CN_DIGITS,
    _FULLWIDTH,
    _HAS_FULLWIDTH,
    _INNER_HEDGES,
    _MARKER_AFTER,
    _PAREN_AFTER,
    _PAREN_BEFORE,
    _PREFIX_HEDGES,
    _PREFIX_RE,
    _SCALES,
    _SPECIAL,
    _SUFFIX_HEDGES,
    _SUFFIX_RE,
    _UNIT_RE,
    _UNITS,
    _YEAR_AFTER_MARKER,
    _YEAR_RANGE_AFTER,
    Dim,
    HedgeKind,
    Kind,
    _lexicon_regex,
    lexicon_terms,
    parse_chinese,
)

# ---------------------------------------------------------------- the scanner


def extract(text: str, lexicon: Iterable[str] | Mapping[str, Iterable[str]] | None = None) -> list[Mention]:
    """Every number in `text`, in order, quantities and non-quantities alike."""
    norm = text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text
    regex, reasons = _lexicon_regex(lexicon_terms(lexicon))
    furniture = [_ignored(text, f.start, f.end, f.kind, f.reason) for f in find_furniture(norm)]
    held = [(f.start, f.end) for f in furniture]
    held_starts = [s for s, _ in held]
    specials: list[Mention] = []  # few: dates, document numbers, 00后
    for m in _SPECIAL.finditer(norm):
        if held and _overlaps(held, held_starts, m.start(), m.end()):
            continue
        kind: Kind
        which = m.lastgroup
        if which == "docno":
            kind, reason = "code", "document number"
        elif which == "festival":
            kind, reason = "date", "named day (月·日)"
        elif which == "generation":
            kind, reason = "proper", "generation (00后)"
        else:
            kind, reason = "proper", "anniversary"
        specials.append(
            Mention(
                m.start(),
                m.end(),
                text[m.start() : m.end()],
                kind,
                reason=reason,
                num_start=m.start(),
                num_end=m.end(),
            )
        )
    names: list[Mention] = []
    for m in regex.finditer(norm):
        start, end = m.span()
        if held and _overlaps(held, held_starts, start, end):
            continue  # 12345 inside a phone number or a URL
        if m.group()[0] == "一" and norm[start - 1 : start] in _YI_WORD_HEADS:
            continue  # 统一批复 holds no 一批
        if not any(c.isdigit() or c in _CN_CHARS or c == "双" for c in m.group()):
            continue
        clash = [x for x in specials if x.start < end and start < x.end]
        if clash:  # a listed name wins only where it holds more: 乐财预[2024]2 号, 6·26国际禁毒日
            if not all(start <= x.start and x.end <= end and x.end - x.start < end - start for x in clash):
                continue
            specials = [x for x in specials if x not in clash]
        names.append(
            Mention(
                start, end, text[start:end], "proper", reason=reasons[m.group()], num_start=start, num_end=end
            )
        )
    mentions = furniture + specials + names
    taken = sorted((x.start, x.end) for x in mentions)
    starts = [s for s, _ in taken]

    pos = 0
    for m in _CANDIDATE.finditer(norm):
        if m.start() < pos or _inside(taken, starts, m.start()):
            continue
        found = _arabic(text, norm, m) if m.group("ar") else _chinese(text, norm, m)
        for one in found if isinstance(found, list) else [found] if found is not None else []:
            if one.start < pos or _overlaps(taken, starts, one.start, one.end):
                continue  # a range or hedge reaching into a name (3-12338人): the name wins
            mentions.append(one)
            pos = one.end
    mentions.sort(key=lambda x: x.start)
    return mentions


def _at_line_start(norm: str, at: int) -> bool:
    """Only blanks (or Markdown's heading, bullet and quote marks: ## 1., - 2、) before `at` on its line."""
    i = at - 1
    while i >= 0 and norm[i] in " \t\u3000#*->":
        i -= 1
    return i < 0 or norm[i] == "\n"


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Does [start, end) meet any of `spans` (sorted, non-overlapping)?"""
    i = bisect.bisect_left(starts, end) - 1
    return i >= 0 and spans[i][1] > start


def _inside(spans: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


def _skip_space(norm: str, i: int) -> int:
    while i < len(norm) and norm[i] in " \t\u3000":
        i += 1
    return i


def _ignored(text: str, start: int, end: int, kind: Kind, reason: str, **kw: object) -> Mention:
    kw.setdefault("num_start", start)
    kw.setdefault("num_end", end)
    return Mention(start, end, text[start:end], kind, reason=reason, **kw)  # type: ignore[arg-type]


def _arabic(text: str, norm: str, m: re.Match[str]) -> Mention | list[Mention] | None:
    raw = m.group("ar")
    start, end = m.span()
    number = Decimal(raw.replace(",", ""))
    decimals = len(raw.partition(".")[2])
    before = norm[max(0, start - 12) : start]
    after_i = _skip_space(norm, end)
    nxt = norm[after_i : after_i + 2]

    # ordinals: 第3名, 第四届
    if before.rstrip().endswith("第"):
        stop = end + (1 if end < len(norm) and norm[end] in _ORDINAL_WORDS else 0)
        return _ignored(text, start, stop, "ordinal", "ordinal (第…)", num_end=end)
    # list markers: "1、" or "2. " at a line start, "（2）", "指标1"
    line_start = _at_line_start(norm, start)
    if decimals == 0 and line_start and (after := _MARKER_AFTER.match(norm, end)):
        marker = _ignored(text, start, after.end(), "marker", "list marker")
        year = _YEAR_AFTER_MARKER.match(norm, after.end())
        if not year:
            return marker
        return [marker, _ignored(text, year.start(), year.end(), "year", "year", years=(int(year.group(1)),))]
    if _PAREN_BEFORE.search(before) and _PAREN_AFTER.match(norm, end):
        return _ignored(text, start, end, "marker", "list marker")
    if before.endswith("指标") and norm[end : end + 1] in "：:、 ）)":
        return _ignored(text, start, end, "marker", "indicator number")
    rule = None if "," in raw else arabic_rule(norm, start, end, len(raw), decimals, line_start)
    if rule:
        return _ignored(text, rule[0], rule[1], rule[2], rule[3], num_end=end)

    # years and periods
    is_year = decimals == 0 and len(raw) == 4 and 1900 <= number <= 2099
    if is_year:
        rng = _YEAR_RANGE_AFTER.match(norm, end)
        if rng:
            second = int(rng.group(1))
            return _ignored(
                text,
                start,
                rng.end(),
                "period",
                "plan period",
                years=(int(number), second),
                num_start=start,
                num_end=rng.end(),
            )  # type: ignore[arg-type]
        if nxt.startswith("年"):
            return _ignored(text, start, after_i + 1, "year", "year", years=(int(number),))  # type: ignore[arg-type]
        rng = _BARE_YEAR_RANGE.match(norm, end)
        if rng and 0 < int(rng.group(1)) - int(number) <= 30:  # 2021-2025规划, （2021—2025）
            return _ignored(
                text, start, rng.end(), "period", "plan period", years=(int(number), int(rng.group(1)))
            )  # type: ignore[arg-type]
        if year_without_nian(norm, end):  # 2019绩效评价, 2023预算
            return _ignored(text, start, end, "year", "year (no 年)", years=(int(number),))  # type: ignore[arg-type]
    if decimals == 0 and nxt.startswith("月") and 1 <= number <= 12:
        return _ignored(text, start, after_i + 1, "date", "month")
    if decimals == 0 and nxt[:1] in ("日", "号") and 1 <= number <= 31 and "月" in before[-3:]:
        return _ignored(text, start, after_i + 1, "date", "day")

    found = _quantity(text, norm, start, end, number, decimals, chinese=False)
    return _recent(text, norm, found) if found is not None else None


def _chinese(text: str, norm: str, m: re.Match[str]) -> Mention | None:
    raw = m.group("cn")
    start, end = m.span()
    before = norm[max(0, start - 3) : start]
    if raw.startswith("百分之"):
        value = parse_chinese(raw[3:])
        if value is None:
            return None
        return Mention(
            start,
            end,
            text[start:end],
            "quantity",
            value=value,
            number=value,
            unit="%",
            dim="percent",
            family="percent",
            chinese=True,
            decimals=_cn_decimals(raw),
            num_start=start,
            num_end=end,
        )
    if before.endswith("第"):
        stop = end + (1 if end < len(norm) and norm[end] in _ORDINAL_WORDS else 0)
        return _ignored(text, start, stop, "ordinal", "ordinal (第…)", chinese=True, num_end=end)
    if _PAREN_BEFORE.search(before) and _PAREN_AFTER.match(norm, end):
        return _ignored(text, start, end, "marker", "list marker", chinese=True)
    if len(raw) <= 2 and norm.startswith("、", end) and _at_line_start(norm, start):
        return _ignored(text, start, end + 1, "marker", "list marker", chinese=True)
    if len(raw) == 1 and norm.startswith("是", end):
        return _ignored(text, start, end + 1, "marker", "list marker (一是…)", chinese=True)
    if norm.startswith("分之", end):
        return _fraction(text, norm, start, end, raw)
    digits_only = all(c in _CN_DIGITS for c in raw)
    if digits_only and len(raw) == 4 and norm.startswith("年", end):
        value = parse_chinese(raw)
        if value is not None and 1900 <= value <= 2099:
            return _ignored(text, start, end + 1, "year", "year", chinese=True, years=(int(value),))  # type: ignore[arg-type]
    if raw == "一" and before[-1:] in _YI_WORD_HEADS:
        return None  # 统一, 唯一, 同一: 一 ends a word
    upper: Decimal | None = None
    value = None if digits_only and len(raw) == 2 else parse_chinese(raw)
    if value is None:
        pair = _cn_pair(raw)  # 三五人, 一两个, 三四十人, 十七八岁, 两三万
        if pair is None:
            return None
        value, upper = pair
    vague = raw[0] in "十百千万亿" and (
        before[-1:] == "几" or (before[-1:] == "数" and not shu_is_label(norm, start - 1))
    )
    # 一百二十三万 is written to the 万 like 123万: keep that scale, as Arabic figures do
    scale = Decimal(100_000_000) if "亿" in raw else Decimal(10_000) if "万" in raw else Decimal(1)
    number = value / scale
    decimals = _cn_decimals(raw) if scale == 1 else max(0, -_exponent(number))
    found = _quantity(
        text,
        norm,
        start,
        end,
        number,
        decimals,
        chinese=True,
        scale=scale,
        upper_number=None if upper is None else upper / scale,
        lone_scale=not vague and (raw in _CN_BIG or raw in ("百", "千")),
    )
    slogan_word = end < len(norm) and norm[end] in SLOGAN_WORDS
    if found is None and slogan_word and not vague and upper is None and scale == 1:
        slogan = slogan_rule(norm, start, end, raw)
        if slogan is None:
            return None
        if slogan is not True:
            return _ignored(text, slogan[0], slogan[1], slogan[2], slogan[3], chinese=True, num_end=end)
        word = norm[end]
        return Mention(
            start,
            end + 1,
            text[start : end + 1],
            "quantity",
            value=number,
            number=number,
            unit=word,
            dim="count",
            family="phrase",
            chinese=True,
            num_start=start,
            num_end=end,
        )
    if vague:  # 数十人, 几百名: no figure to check
        stop = found.end if found is not None else end
        return _ignored(
            text,
            start - 1,
            stop,
            "proper",
            "vague number (数十, 几百)",
            chinese=True,
            num_start=start - 1,
            num_end=end,
        )
    if found is None:
        return None
    if rule := chinese_rule(norm, start, end, raw, found.unit):
        return _ignored(text, rule[0], rule[1], rule[2], rule[3], chinese=True, num_end=end)
    if raw == "一" and found.hedge is None and found.dim == "count" and not counted_label_before(norm, start):
        return _ignored(text, found.start, found.end, "proper", "一 as an article (一个, 一批)", chinese=True)
    return _recent(text, norm, found)


def _recent(text: str, norm: str, found: Mention) -> Mention:
    """近三年, 最近5年: the span a report looks back on, not a hedged duration to verify."""
    if recent_period(norm, found.num_start, found.unit):
        return _ignored(
            text,
            found.start,
            found.end,
            "proper",
            "recent period (近三年)",
            num_start=found.num_start,
            num_end=found.num_end,
            chinese=found.chinese,
        )
    return found


# 一 ends these words (统一, 唯一 …): then it is no article and no number
_YI_WORD_HEADS = frozenset("统唯同单划合归逐专均之如整")
_ORDINAL_WORDS = "名届次批期位个"


def _exponent(d: Decimal) -> int:
    exponent = d.normalize().as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _cn_pair(raw: str) -> tuple[Decimal, Decimal] | None:
    """Two neighbouring digits name a range: 三五 (3-5), 一两 (1-2), 三四十 (30-40), 十七八 (17-18)."""
    pairs = [i for i in range(len(raw) - 1) if raw[i] in _CN_DIGITS and raw[i + 1] in _CN_DIGITS]
    if len(pairs) != 1:
        return None
    i = pairs[0]
    low_digit, high_digit = _CN_DIGITS[raw[i]], _CN_DIGITS[raw[i + 1]]
    if not (low_digit and 1 <= high_digit - low_digit <= 2):
        return None
    low, high = parse_chinese(raw[: i + 1] + raw[i + 2 :]), parse_chinese(raw[:i] + raw[i + 1 :])
    if low is None or high is None or low >= high:
        return None
    return low, high


def _cn_decimals(raw: str) -> int:
    return len(raw.partition("点")[2])


def _fraction(text: str, norm: str, start: int, end: int, raw: str) -> Mention | None:
    m = _CN_RUN.match(norm, end + 2)
    if not m:
        return None
    denominator, numerator = parse_chinese(raw), parse_chinese(m.group())
    if not denominator or numerator is None:
        return None
    value = numerator / denominator * 100
    return Mention(
        start,
        m.end(),
        text[start : m.end()],
        "quantity",
        value=value,
        number=value,
        unit="%",
        dim="percent",
        family="percent",
        chinese=True,
        decimals=2,
        num_start=start,
        num_end=m.end(),
    )


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
    hedge: str | None = None
    hedge_kind: HedgeKind | None = None
    conflict = False
    scaled = scale != 1
    # range: 3-5人, 10至20场
    rng = _RANGE_AFTER.match(norm, i) if not chinese else None
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
    if not scaled and norm[i : i + 1] in _SCALES and not norm.startswith(("千米", "千克"), i):
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
    suffix = _SUFFIX_RE.match(norm, i)
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
_CN_RUN = re.compile("[" + _CN_CHARS + "]+")
_BARE_YEAR_RANGE = re.compile(r"\s*[-—–~至到]\s*((?:19|20)\d{2})(?![\d.])")
_RANGE_AFTER = re.compile(r"[-—–~至到]\s*(\d+(?:\.\d+)?)")


def chinese_word_follows(norm: str, i: int) -> bool:
    """多 starts a word in 多元化, 多样, 多种, 多方 (几 in 几乎): then it is not a hedge (50多名 is)."""
    return (norm[i] == "多" and norm.startswith(_DUO_WORDS, i)) or norm.startswith("几乎", i)


def quantities(
    text: str, lexicon: Iterable[str] | Mapping[str, Iterable[str]] | None = None
) -> list[Mention]:
    """The mentions of `text` that are quantities."""
    return [m for m in extract(text, lexicon) if m.is_quantity]
