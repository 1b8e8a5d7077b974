"""What one figure is, read where it stands: a marker, an ordinal, a year or a date, a name, or a
quantity with its hedge and unit.

The scanner (drafter.numbers.scan) finds the figures outside furniture and names; this module decides
each one: `read_arabic` for digits (第3名, "1、", 2021-2025, 3月, 534.51万元), `read_chinese` for Chinese
numerals (百分之九十, 一是, 三五人, 数十人, 三级联动, 统一). Figures that are no quantity come back as
`ignored` mentions with their kind and reason, so nothing is skipped silently.
"""

from __future__ import annotations

import re
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
from drafter.numbers.measure import read_quantity, skip_space
from drafter.numbers.mention import Mention
from drafter.numbers.vocabulary import (
    CN_BIG,
    CN_CHARS,
    CN_DIGITS,
    MARKER_AFTER,
    PAREN_AFTER,
    PAREN_BEFORE,
    YEAR_AFTER_MARKER,
    YEAR_RANGE_AFTER,
    Kind,
    parse_chinese,
)


def ignored(text: str, start: int, end: int, kind: Kind, reason: str, **kw: object) -> Mention:
    """A mention that is no quantity: its span, kind and reason (the digits' span defaults to it)."""
    kw.setdefault("num_start", start)
    kw.setdefault("num_end", end)
    return Mention(start, end, text[start:end], kind, reason=reason, **kw)  # type: ignore[arg-type]


_RATIO_BEFORE = re.compile(r"\d[:：∶]$")
# an item of a numbered list: "3." opening a line (a 3、 list does not go on with 4.92)
_ITEM_LINE = re.compile(r"(?m)^[ \t\u3000]*(\d{1,2})[.．](?!\d)")
# an item's text after its glued figure (5.65岁及以上老年人…): words on the same line, not a next cell
_ITEM_TEXT = re.compile(r"[^\s\d|｜].*?[\u4e00-\u9fff]")


def _next_item(norm: str, start: int, raw: str) -> bool:
    """Is the figure's integer part the number of the item after the previous line's (4. then 5.65)?"""
    whole, _, fraction = raw.partition(".")
    if not whole.isdigit() or len(whole) > 2 or int(whole) < 2 or fraction.startswith("0"):
        return False
    items = _ITEM_LINE.findall(norm, max(0, start - 600), start)
    return bool(items) and int(items[-1]) == int(whole) - 1


def _at_line_start(norm: str, at: int) -> bool:
    """Only blanks (or Markdown's heading, bullet and quote marks: ## 1., - 2、) before `at` on its line."""
    i = at - 1
    while i >= 0 and norm[i] in " \t\u3000#*->":
        i -= 1
    return i < 0 or norm[i] == "\n"


def read_arabic(text: str, norm: str, m: re.Match[str]) -> Mention | list[Mention] | None:
    """An Arabic figure: a marker or a name by its neighbours, a year or a date, else a quantity."""
    raw = m.group("ar")
    start, end = m.span()
    decimals = len(raw.partition(".")[2])
    before = norm[max(0, start - 12) : start]
    marked = _arabic_marker(text, norm, start, end, raw, decimals, before)
    if marked is not None:
        return marked
    number = Decimal(raw.replace(",", ""))
    after_i = skip_space(norm, end)
    nxt = norm[after_i : after_i + 2]
    if decimals == 0 and len(raw) == 4 and 1900 <= number <= 2099:
        year = _arabic_year(text, norm, start, end, int(number), after_i, nxt)
        if year is not None:
            return year
    if decimals == 0 and nxt.startswith("月") and 1 <= number <= 12:
        return ignored(text, start, after_i + 1, "date", "month")
    if decimals == 0 and nxt[:1] in ("日", "号") and 1 <= number <= 31 and "月" in before[-3:]:
        return ignored(text, start, after_i + 1, "date", "day")

    found = read_quantity(text, norm, start, end, number, decimals, chinese=False)
    return _recent(text, norm, found) if found is not None else None


def _arabic_marker(
    text: str, norm: str, start: int, end: int, raw: str, decimals: int, before: str
) -> Mention | list[Mention] | None:
    """A figure that numbers or names rather than measures (a ratio's term, 第3, a list marker, 附件1,
    a code), by the characters around it; None for a figure that may measure something."""
    # 生师比20.64:1, 1∶1配套: the ratio's second term says what the first is of, it states nothing
    if _RATIO_BEFORE.search(before) and decimals == 0:
        return ignored(text, start, end, "proper", "ratio term (20.64:1)")
    # ordinals: 第3名, 第四届
    if before.rstrip().endswith("第"):
        stop = end + (1 if end < len(norm) and norm[end] in _ORDINAL_WORDS else 0)
        return ignored(text, start, stop, "ordinal", "ordinal (第…)", num_end=end)
    # list markers: "1、" or "2. " at a line start, "（2）", "指标1"
    line_start = _at_line_start(norm, start)
    if line_start:
        marker = _line_start_marker(text, norm, start, end, raw, decimals)
        if marker is not None:
            return marker
    if PAREN_BEFORE.search(before) and PAREN_AFTER.match(norm, end):
        return ignored(text, start, end, "marker", "list marker")
    if before.endswith("指标") and norm[end : end + 1] in "：:、 ）)":
        return ignored(text, start, end, "marker", "indicator number")
    rule = None if "," in raw else arabic_rule(norm, start, end, len(raw), decimals, line_start)
    if rule:
        return ignored(text, rule[0], rule[1], rule[2], rule[3], num_end=end)
    return None


def _line_start_marker(
    text: str, norm: str, start: int, end: int, raw: str, decimals: int
) -> Mention | list[Mention] | None:
    """ "1、" or "2. " opening a line (and a year after it), or item 5's marker glued to its figure."""
    if decimals == 0 and (after := MARKER_AFTER.match(norm, end)):
        marker = ignored(text, start, after.end(), "marker", "list marker")
        year = YEAR_AFTER_MARKER.match(norm, after.end())
        if not year:
            return marker
        return [marker, ignored(text, year.start(), year.end(), "year", "year", years=(int(year.group(1)),))]
    if decimals > 0 and _next_item(norm, start, raw):
        # "5.65岁及以上老年人…" after items 1. to 4.: item 5's marker glued to its figure 65岁
        point = start + len(raw.partition(".")[0]) + 1
        marker = ignored(text, start, point, "marker", "list marker (glued to its figure)")
        rest = raw.partition(".")[2]
        found = read_quantity(text, norm, point, end, Decimal(rest), 0, chinese=False)
        if found is not None and not _ITEM_TEXT.match(norm, found.end):
            return None  # 4.92 alone on its line, or a cell before the next (4.92\t良好): a figure, no item
        return [marker, found] if found is not None else marker
    return None


def _arabic_year(
    text: str, norm: str, start: int, end: int, year: int, after_i: int, nxt: str
) -> Mention | None:
    """A four-digit figure from 1900 to 2099 as a year or a plan period, or None (it is a count)."""
    rng = YEAR_RANGE_AFTER.match(norm, end)
    if rng:
        second = int(rng.group(1))
        return ignored(
            text,
            start,
            rng.end(),
            "period",
            "plan period",
            years=(year, second),
            num_start=start,
            num_end=rng.end(),
        )
    if nxt.startswith("年"):
        return ignored(text, start, after_i + 1, "year", "year", years=(year,))
    rng = _BARE_YEAR_RANGE.match(norm, end)
    if rng and 0 < int(rng.group(1)) - year <= 30:  # 2021-2025规划, （2021—2025）
        return ignored(text, start, rng.end(), "period", "plan period", years=(year, int(rng.group(1))))
    if year_without_nian(norm, end):  # 2019绩效评价, 2023预算
        return ignored(text, start, end, "year", "year (no 年)", years=(year,))
    return None


def read_chinese(text: str, norm: str, m: re.Match[str]) -> Mention | None:
    """A Chinese numeral: a percentage, a marker or a year, else a quantity if a measure word follows
    (a numeral inside a word, 百姓 or 统一, is no number)."""
    raw = m.group("cn")
    start, end = m.span()
    before = norm[max(0, start - 3) : start]
    if raw.startswith("百分之"):
        return _chinese_percent(text, start, end, raw)
    marked = _chinese_marker(text, norm, start, end, raw, before)
    if marked is not None:
        return marked
    if norm.startswith("分之", end):
        return _fraction(text, norm, start, end, raw)
    digits_only = all(c in CN_DIGITS for c in raw)
    if digits_only and len(raw) == 4 and norm.startswith("年", end):
        value = parse_chinese(raw)
        if value is not None and 1900 <= value <= 2099:
            return ignored(text, start, end + 1, "year", "year", chinese=True, years=(int(value),))
    if raw == "一" and _yi_in_a_word(norm, end, before):
        return None  # 统一, 唯一, 同一: 一 ends a word; 一起 is "together"
    parsed = _chinese_value(raw, digits_only)
    if parsed is None:
        return None
    return _chinese_quantity(text, norm, start, end, raw, before, *parsed)


def _chinese_percent(text: str, start: int, end: int, raw: str) -> Mention | None:
    """百分之九十四点零九: a percentage written out."""
    value = parse_chinese(raw[3:])
    return None if value is None else _written_percent(text, start, end, value, _cn_decimals(raw))


def _written_percent(text: str, start: int, end: int, value: Decimal, decimals: int) -> Mention:
    """A percentage written in Chinese numerals (百分之…, 三分之一), the whole span its figure."""
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
        decimals=decimals,
        num_start=start,
        num_end=end,
    )


def _chinese_marker(text: str, norm: str, start: int, end: int, raw: str, before: str) -> Mention | None:
    """第四届, （二）, 一、 at a line start, 一是: a numeral that numbers an item; None otherwise."""
    if before.endswith("第"):
        stop = end + (1 if end < len(norm) and norm[end] in _ORDINAL_WORDS else 0)
        return ignored(text, start, stop, "ordinal", "ordinal (第…)", chinese=True, num_end=end)
    if PAREN_BEFORE.search(before) and PAREN_AFTER.match(norm, end):
        return ignored(text, start, end, "marker", "list marker", chinese=True)
    if len(raw) <= 2 and norm.startswith("、", end) and _at_line_start(norm, start):
        return ignored(text, start, end + 1, "marker", "list marker", chinese=True)
    if len(raw) == 1 and norm.startswith("是", end):
        return ignored(text, start, end + 1, "marker", "list marker (一是…)", chinese=True)
    return None


def _yi_in_a_word(norm: str, end: int, before: str) -> bool:
    """Is a lone 一 part of a word (统一, 一起, 下一年度, 一年来) rather than a number?"""
    return (
        before[-1:] in YI_WORD_HEADS
        or norm.startswith("起", end)
        or (before[-1:] != "" and before[-1:] in "上下")  # 下一年度: next
        or norm.startswith("年来", end)  # 一年来: over the year
        or norm.startswith(_YI_WORD_TAILS, end)  # 一次性补助: one-off, a word, not 一次
    )


def _chinese_value(raw: str, digits_only: bool) -> tuple[Decimal, Decimal | None] | None:
    """The numeral's value, and the upper end of a range of neighbouring digits (三五人), or None."""
    value = None if digits_only and len(raw) == 2 else parse_chinese(raw)
    if value is not None:
        return value, None
    return _cn_pair(raw)  # 三五人, 一两个, 三四十人, 十七八岁, 两三万


def _chinese_quantity(
    text: str, norm: str, start: int, end: int, raw: str, before: str, value: Decimal, upper: Decimal | None
) -> Mention | None:
    """A Chinese numeral read as a quantity, unless it is vague (数十), a slogan's (三级联动) or a name's."""
    vague = raw[0] in "十百千万亿" and (
        before[-1:] == "几" or (before[-1:] == "数" and not shu_is_label(norm, start - 1))
    )
    # 一百二十三万 is written to the 万 like 123万: keep that scale, as Arabic figures do
    scale = Decimal(100_000_000) if "亿" in raw else Decimal(10_000) if "万" in raw else Decimal(1)
    number = value / scale
    decimals = _cn_decimals(raw) if scale == 1 else max(0, -_exponent(number))
    found = read_quantity(
        text,
        norm,
        start,
        end,
        number,
        decimals,
        chinese=True,
        scale=scale,
        upper_number=None if upper is None else upper / scale,
        lone_scale=not vague and (raw in CN_BIG or raw in ("百", "千")),
    )
    slogan_word = end < len(norm) and norm[end] in SLOGAN_WORDS
    if found is None and slogan_word and not vague and upper is None and scale == 1:
        return _slogan(text, norm, start, end, raw, number)
    if vague:  # 数十人, 几百名: no figure to check
        stop = found.end if found is not None else end
        return ignored(
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
        return ignored(text, rule[0], rule[1], rule[2], rule[3], chinese=True, num_end=end)
    if raw == "一" and found.hedge is None and found.dim == "count" and not counted_label_before(norm, start):
        return ignored(text, found.start, found.end, "proper", "一 as an article (一个, 一批)", chinese=True)
    return _recent(text, norm, found)


def _slogan(text: str, norm: str, start: int, end: int, raw: str, number: Decimal) -> Mention | None:
    """A numeral before 级/大/地 (三级联动, 七大文化, 两地): a count of the word, a name, or nothing."""
    slogan = slogan_rule(norm, start, end, raw)
    if slogan is None:
        return None
    if slogan is not True:
        return ignored(text, slogan[0], slogan[1], slogan[2], slogan[3], chinese=True, num_end=end)
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


def _recent(text: str, norm: str, found: Mention) -> Mention:
    """近三年, 最近5年: the span a report looks back on, not a hedged duration to verify."""
    if recent_period(norm, found.num_start, found.unit):
        return ignored(
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
YI_WORD_HEADS = frozenset("统唯同单划合归逐专均之如整")
_ORDINAL_WORDS = "名届次批期位个"
# words 一 opens whose second character is a measure word: 一次性 (one-off), not 一次
_YI_WORD_TAILS = ("次性",)


def _exponent(d: Decimal) -> int:
    exponent = d.normalize().as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _cn_pair(raw: str) -> tuple[Decimal, Decimal] | None:
    """Two neighbouring digits name a range: 三五 (3-5), 一两 (1-2), 三四十 (30-40), 十七八 (17-18)."""
    pairs = [i for i in range(len(raw) - 1) if raw[i] in CN_DIGITS and raw[i + 1] in CN_DIGITS]
    if len(pairs) != 1:
        return None
    i = pairs[0]
    low_digit, high_digit = CN_DIGITS[raw[i]], CN_DIGITS[raw[i + 1]]
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
    return _written_percent(text, start, m.end(), numerator / denominator * 100, 2)


_CN_RUN = re.compile("[" + CN_CHARS + "]+")
_BARE_YEAR_RANGE = re.compile(r"\s*[-—–~至到]\s*((?:19|20)\d{2})(?![\d.])")
