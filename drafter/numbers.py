"""Find every number in Chinese report text: where it is, what it is worth, and whether it is a quantity.

Pure and fast: no I/O except loading the built-in lexicon once. A `Mention` carries its span, its value
in base units (元 for money, percent for %, a count otherwise), the precision it was written with, its
hedge (余 多 近 约 以上 …) and unit. Numbers that are not quantities are still returned, marked with
a `kind` (year, date, period, marker, ordinal, proper, code) and a reason, so nothing is silently
skipped: the checker verifies years too, and shows why it left the rest alone.

Chinese numerals count only where they measure something (两万余人, 四期, 百分之九十四点零九); a numeral
character inside an ordinary word (百姓, 万家, 统一) is not a number at all. Neighbouring digits name a
range (三五人 is 3-5), and a numeral after 数/几 (数十人, 几百名) is vague: returned, but not a quantity.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Kind = Literal["quantity", "year", "period", "date", "marker", "ordinal", "proper", "code"]
Dim = Literal["money", "percent", "permille", "points", "score", "count", "duration", "number"]

# Full-width digits and marks become ASCII one character for one, so spans stay valid.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％－～", "0123456789.%-~")

_HAS_FULLWIDTH = re.compile("[０-９．％－～]")

_SCALES = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000)}

# Unit word -> (dimension, family). Counts are compatible within a family; "个" goes with any count.
_UNITS: dict[str, tuple[Dim, str]] = {
    "元": ("money", "money"),
    "%": ("percent", "percent"),
    "‰": ("permille", "permille"),
    "个百分点": ("points", "points"),
    "百分点": ("points", "points"),
    "分": ("score", "score"),
    "人次": ("count", "person_time"),
    "户次": ("count", "household_time"),
    "人": ("count", "person"),
    "名": ("count", "person"),
    "位": ("count", "person"),
    "场次": ("count", "event"),
    "场": ("count", "event"),
    "次": ("count", "event"),
    "期": ("count", "event"),
    "堂": ("count", "event"),
    "节": ("count", "event"),
    "轮": ("count", "event"),
    "户": ("count", "household"),
    "个": ("count", "generic"),
    "家": ("count", "organisation"),
    "所": ("count", "organisation"),
    "处": ("count", "organisation"),
    "篇": ("count", "document"),
    "份": ("count", "document"),
    "件": ("count", "document"),
    "本": ("count", "document"),
    "册": ("count", "document"),
    "条": ("count", "item"),
    "项": ("count", "item"),
    "类": ("count", "item"),
    "例": ("count", "case"),
    "株": ("count", "plant"),
    "棵": ("count", "plant"),
    "批": ("count", "batch"),
    "支": ("count", "team"),
    "组": ("count", "team"),
    "对": ("count", "pair"),
    "台": ("count", "device"),
    "辆": ("count", "vehicle"),
    "套": ("count", "set"),
    "间": ("count", "room"),
    "座": ("count", "building"),
    "首": ("count", "work"),
    "幅": ("count", "work"),
    "部": ("count", "work"),
    "集": ("count", "work"),
    "张": ("count", "sheet"),
    "封": ("count", "letter"),
    "块": ("count", "piece"),
    "只": ("count", "animal"),
    "头": ("count", "animal"),
    "亩": ("count", "area"),
    "平方米": ("count", "area"),
    "公里": ("count", "length"),
    "千米": ("count", "length"),
    "米": ("count", "length"),
    "吨": ("count", "weight"),
    "公斤": ("count", "weight"),
    "千克": ("count", "weight"),
    "斤": ("count", "weight"),
    "倍": ("count", "ratio"),
    "岁": ("count", "age"),
    "周岁": ("count", "age"),
    "课时": ("duration", "duration"),
    "学时": ("duration", "duration"),
    "小时": ("duration", "duration"),
    "分钟": ("duration", "duration"),
    "天": ("duration", "duration"),
    "个月": ("duration", "duration"),
    "年": ("duration", "duration"),
}
_UNIT_RE = re.compile("|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True)))

HedgeKind = Literal["above", "at_least", "below", "under", "about"]
_PREFIX_HEDGES: dict[str, HedgeKind] = {
    "将近": "below",
    "接近": "below",
    "近": "below",
    "不足": "under",
    "不到": "under",
    "少于": "under",
    "低于": "under",
    "超过": "at_least",
    "多于": "at_least",
    "高于": "at_least",
    "逾": "at_least",
    "超": "at_least",
    "大约": "about",
    "约为": "about",
    "约": "about",
}
_SUFFIX_HEDGES: dict[str, HedgeKind] = {
    "以上": "at_least",
    "之多": "at_least",
    "以下": "under",
    "以内": "under",
    "左右": "about",
    "上下": "about",
}
_INNER_HEDGES: dict[str, HedgeKind] = {"余": "above", "多": "above", "几": "above"}  # 440余, 50多, 十几
_PREFIX_RE = re.compile("(?:" + "|".join(sorted(_PREFIX_HEDGES, key=len, reverse=True)) + r")\s*$")
_SUFFIX_RE = re.compile(r"\s*(" + "|".join(_SUFFIX_HEDGES) + ")")

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG)

# The leading lookaheads let the engine skip positions that cannot start a match (3x faster scans).
_CANDIDATE = re.compile(
    r"(?=[0-9" + _CN_CHARS + r"百])(?:"
    r"(?P<ar>(?<![\d.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(?!(?:19|20)\d\d\s*年)\d+)?)"
    r"|(?P<cn>百分之[" + _CN_CHARS + r"点]+|[" + _CN_CHARS + r"]+(?:点[" + "".join(_CN_DIGITS) + r"]+)?))"
)
_SPECIAL = re.compile(
    r"(?=[\[〔【(（0-9])(?:(?P<docno>[\[〔【(（]\s*(?:19|20)\d{2}\s*[\]〕】)）]\s*\d+\s*号)"
    r"|(?P<festival>(?<!\d)\d{1,2}\s*[·•]\s*\d{1,2}(?!\d))"
    r"|(?P<generation>(?<![\d.])\d0后)"
    r"|(?P<anniversary>(?<![\d.])\d+\s*周年))"
)
_MARKER_AFTER = re.compile(r"\s*(?:[、.．](?!\d)|[.．](?=(?:19|20)\d\d\s*年))")
_YEAR_AFTER_MARKER = re.compile(r"((?:19|20)\d\d)\s*年")
_YEAR_RANGE_AFTER = re.compile(r"\s*[-—–~至到]\s*((?:19|20)\d{2})\s*年")
_PAREN_BEFORE = re.compile(r"[（(]\s*$")
_PAREN_AFTER = re.compile(r"\s*[）)]")


@dataclass(frozen=True, slots=True)
class Mention:
    """One number in a text. `value` is in base units: 元, percent, or the count itself."""

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
        return "万" in figure or "亿" in figure or rest[:1] in _SCALES

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
                return (Decimal(0), v, True, (self.hedge or "").endswith(("以下", "以内")))
            case "about":
                return (v * Decimal("0.9"), v * Decimal("1.1"), True, True)
        raise AssertionError(self.hedge_kind)


# ---------------------------------------------------------------- lexicon


@functools.cache
def builtin_lexicon() -> tuple[tuple[str, str], ...]:
    """(term, reason) pairs from drafter/resources/lexicon.yaml, loaded once."""
    import yaml

    from drafter.paths import resource

    with open(resource("lexicon.yaml"), encoding="utf-8") as fh:
        groups = yaml.safe_load(fh)
    return tuple((str(term), reason) for reason, terms in groups.items() for term in terms)


@functools.cache
def _lexicon_regex(extra: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    reasons = {term.translate(_FULLWIDTH): reason for term, reason in builtin_lexicon()}
    reasons.update((term.translate(_FULLWIDTH), reason) for term, reason in extra)  # matched on `norm`
    terms = sorted(reasons, key=len, reverse=True)
    # a term made of digits must not match inside a longer number (12345 in 1234567)
    parts = [rf"(?<!\d){re.escape(t)}(?!\d)" if t[:1].isdigit() else re.escape(t) for t in terms]
    # the lookahead on first characters lets the engine skip most positions at once
    firsts = "".join(sorted({re.escape(t[0]) for t in terms}))
    return re.compile(f"(?=[{firsts}])(?:{'|'.join(parts)})"), reasons


def lexicon_terms(terms: Iterable[str] | Mapping[str, Iterable[str]] | None) -> tuple[tuple[str, str], ...]:
    """Normalise user lexicon input (a list, or reason -> list) to (term, reason) pairs."""
    if not terms:
        return ()
    if isinstance(terms, Mapping):
        return tuple((str(t), str(reason)) for reason, items in terms.items() for t in items)
    return tuple((str(t), "user lexicon") for t in terms)


# ---------------------------------------------------------------- Chinese numerals


def parse_chinese(text: str) -> Decimal | None:
    """一百二十三万 -> 1230000, 两万 -> 20000, 九十四点零九 -> 94.09, 二〇二三 -> 2023; None if malformed.

    Spoken short forms keep their meaning (一万二 -> 12000, 一千二 -> 1200). Digit-by-digit reading
    (二〇二三) is for years and codes; a pair like 三五 (three to five) is not a number here.
    """
    if not text:
        return None
    integer, dot, fraction = text.partition("点")
    if dot and (not integer or not fraction):
        return None  # 一点 (a little), 点五
    if fraction and not all(c in _CN_DIGITS for c in fraction):
        return None
    if len(integer) > 1 and all(c in _CN_DIGITS for c in integer):
        if "两" in integer:
            return None  # 两 never reads digit by digit: 一两 is "one or two"
        whole = int("".join(str(_CN_DIGITS[c]) for c in integer))  # digit by digit: 二〇二三
    else:
        whole = _parse_cn_integer(integer)
        if whole is None:
            return None
    value = Decimal(whole)
    if fraction:
        value += Decimal("0." + "".join(str(_CN_DIGITS[c]) for c in fraction))
    return value


def _parse_cn_integer(text: str) -> int | None:
    total = section = 0
    digit: int | None = None
    last_small = 10**9
    last_unit = 0  # the unit just before a trailing digit: 一万二 is 12000, 一千二 is 1200
    zero = False  # a 零 since that unit: 一千零二 is 1002
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0 and _CN_DIGITS[ch] != 0:
                return None  # two digits in a row: 十四五, 三八
            digit = _CN_DIGITS[ch]
            zero = zero or digit == 0
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if unit >= last_small:
                return None
            section += (1 if digit is None else digit) * unit
            last_small, digit, last_unit, zero = unit, None, unit, False
        elif ch in _CN_BIG:
            big = _CN_BIG[ch]
            part = section + (digit or 0)
            if big == 100_000_000:
                total = total * big if part == 0 and total else (total + (part or 1)) * big  # 万亿 = 10^12
            else:
                if part == 0 and total:
                    return None  # 万万, 亿万
                total += (part or 1) * big
            section, digit, last_small, last_unit, zero = 0, None, 10**9, big, False
        else:
            return None
    if digit and not zero and last_unit >= 100:
        digit *= last_unit // 10  # 一万二, 三千五: the digit is one place below the unit
    return total + section + (digit or 0)


# ---------------------------------------------------------------- the scanner


def extract(text: str, lexicon: Iterable[str] | Mapping[str, Iterable[str]] | None = None) -> list[Mention]:
    """Every number in `text`, in order, quantities and non-quantities alike."""
    norm = text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text
    regex, reasons = _lexicon_regex(lexicon_terms(lexicon))
    specials: list[Mention] = []  # few: dates, document numbers, 00后
    for m in _SPECIAL.finditer(norm):
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
    mentions = specials + names
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
    line_start = norm.rfind("\n", 0, at) + 1
    return not norm[line_start:at].strip(" \t\u3000#*->")


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
    if decimals == 0 and _at_line_start(norm, start) and (after := _MARKER_AFTER.match(norm, end)):
        marker = _ignored(text, start, after.end(), "marker", "list marker")
        year = _YEAR_AFTER_MARKER.match(norm, after.end())
        if not year:
            return marker
        return [marker, _ignored(text, year.start(), year.end(), "year", "year", years=(int(year.group(1)),))]
    if _PAREN_BEFORE.search(before) and _PAREN_AFTER.match(norm, end):
        return _ignored(text, start, end, "marker", "list marker")
    if before.endswith("指标") and norm[end : end + 1] in "：:、 ）)":
        return _ignored(text, start, end, "marker", "indicator number")

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
    if decimals == 0 and nxt.startswith("月") and 1 <= number <= 12:
        return _ignored(text, start, after_i + 1, "date", "month")
    if decimals == 0 and nxt[:1] in ("日", "号") and 1 <= number <= 31 and "月" in before[-3:]:
        return _ignored(text, start, after_i + 1, "date", "day")

    return _quantity(text, norm, start, end, number, decimals, chinese=False)


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
    vague = raw[0] in "十百千万亿" and before[-1:] in ("数", "几") and before[-2:-1] not in _SHU_NOUN_HEADS
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
    if raw in ("一",) and found.hedge is None and found.dim == "count":
        return _ignored(text, found.start, found.end, "proper", "一 as an article (一个, 一批)", chinese=True)
    return found


# 一 ends these words (统一, 唯一 …): then it is no article and no number
_YI_WORD_HEADS = frozenset("统唯同单划合归逐专均之如整")
# 人数, 次数, 户数, 总数 …: 数 ends a noun and the numeral after it is a real figure (人数十余人)
_SHU_NOUN_HEADS = frozenset("人次户件总基倍分指场名个项位家篇份例株")
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
_RANGE_AFTER = re.compile(r"[-—–~至到]\s*(\d+(?:\.\d+)?)")


def chinese_word_follows(norm: str, i: int) -> bool:
    """多 starts a word in 多元化, 多样, 多种, 多方 (几 in 几乎): then it is not a hedge (50多名 is)."""
    return (norm[i] == "多" and norm.startswith(_DUO_WORDS, i)) or norm.startswith("几乎", i)


def quantities(
    text: str, lexicon: Iterable[str] | Mapping[str, Iterable[str]] | None = None
) -> list[Mention]:
    """The mentions of `text` that are quantities."""
    return [m for m in extract(text, lexicon) if m.is_quantity]


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
