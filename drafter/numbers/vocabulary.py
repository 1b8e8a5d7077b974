"""The words numbers come with: units, scales, hedges, Chinese numerals, and the lexicon of names."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Literal

import yaml

from drafter.paths import resource

Kind = Literal["quantity", "year", "period", "date", "marker", "ordinal", "proper", "code"]
Dim = Literal["money", "percent", "permille", "points", "score", "count", "duration", "number"]

# Full-width digits and marks become ASCII one character for one, so spans stay valid. Traditional
# characters of the number words (萬 個 兩 點 餘 …, as in reports from Hong Kong, Macao or a .docx in
# 繁體) become simplified the same way: 4.82萬元 is 4.82万元.
_TRADITIONAL = (
    "萬億個兩點項場條張輛間處組隊屆對餘約數幾內戶歲課學時鐘噸畝類冊頭隻週標圖務號與將過於為輪節"
    "發佈電話聯繫諮詢傳關網郵編碼頁",
    "万亿个两点项场条张辆间处组队届对余约数几内户岁课学时钟吨亩类册头只周标图务号与将过于为轮节"
    "发布电话联系咨询传关网邮编码页",
)
FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．％－～" + _TRADITIONAL[0], "0123456789.%-~" + _TRADITIONAL[1]
)

HAS_FULLWIDTH = re.compile("[０-９．％－～" + _TRADITIONAL[0] + "]")


def fold_fullwidth(text: str) -> str:
    """`text` with full-width figures and the traditional unit words made plain, one for one.

    The same as `text.translate(FULLWIDTH)`, faster on a report: translate looks up every character,
    while a report holds a few distinct full-width ones (％, －), each replaced in one C-level pass.
    """
    first = HAS_FULLWIDTH.search(text)
    if first is None:
        return text  # most texts have none
    found = set(HAS_FULLWIDTH.findall(text, first.start()))
    if len(found) > 12:  # a text written in full width throughout: one lookup per character is cheaper
        return text.translate(FULLWIDTH)
    for char in found:
        text = text.replace(char, chr(FULLWIDTH[ord(char)]))
    return text


SCALES = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000)}

# Unit word -> (dimension, family). Counts are compatible within a family; "个" goes with any count.
UNITS: dict[str, tuple[Dim, str]] = {
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
    "宗": ("count", "case"),
    "起": ("count", "case"),
    "笔": ("count", "transaction"),
    "双": ("count", "pair"),
    "箱": ("count", "package"),
    "袋": ("count", "package"),
    "瓶": ("count", "package"),
    "桶": ("count", "package"),
    "盒": ("count", "package"),
    "卷": ("count", "package"),
    "顶": ("count", "piece"),
    "把": ("count", "piece"),
    "枚": ("count", "piece"),
    "颗": ("count", "piece"),
    "粒": ("count", "piece"),
    "盏": ("count", "piece"),
    "栋": ("count", "building"),
    "艘": ("count", "vehicle"),
    "架": ("count", "vehicle"),
    "/10万": ("count", "per_100k"),  # 孕产妇死亡率15/10万: a rate per 100 000
    "/万": ("count", "per_10k"),
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
    "㎡": ("count", "area"),
    "平方公里": ("count", "area_km2"),
    "公顷": ("count", "area_ha"),
    "立方米": ("count", "volume"),
    "千瓦时": ("count", "energy"),
    "千瓦": ("count", "power"),
    "兆瓦": ("count", "power"),
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
# the lookahead on first characters fails most positions at once instead of trying ~100 words
UNIT_RE = re.compile(
    "(?=["
    + re.escape("".join(sorted({u[0] for u in UNITS})))
    + "])(?:"
    + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
    + ")"
)

HedgeKind = Literal["above", "at_least", "below", "under", "about"]
PREFIX_HEDGES: dict[str, HedgeKind] = {
    # negated comparisons first (the regex prefers the longest word): 不少于8500件 is "at least 8500",
    # not 少于 "under 8500"; 不超过 is "at most", not 超过
    "不少于": "at_least",
    "不低于": "at_least",
    "不小于": "at_least",
    "不超过": "under",
    "不高于": "under",
    "不多于": "under",
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
SUFFIX_HEDGES: dict[str, HedgeKind] = {
    "以上": "at_least",
    "之多": "at_least",
    "以下": "under",
    "以内": "under",
    "左右": "about",
    "上下": "about",
}
INNER_HEDGES: dict[str, HedgeKind] = {"余": "above", "多": "above", "几": "above"}  # 440余, 50多, 十几
PREFIX_RE = re.compile("(?:" + "|".join(sorted(PREFIX_HEDGES, key=len, reverse=True)) + r")\s*$")
SUFFIX_RE = re.compile(r"\s*(" + "|".join(SUFFIX_HEDGES) + ")")

HEDGE_WORDS: tuple[str, ...] = (*PREFIX_HEDGES, *INNER_HEDGES, *SUFFIX_HEDGES)


def hedged(figure: str, unit: str, hedge: str | None) -> str:
    """A figure written with its hedge where a clerk writes it: 近4000万元, 1300余个, 80人以上.

    A data file names a figure's hedge apart from its value (value: 1300, hedge: 余); read back as
    text, it means the same interval the report's 1300余个 does.
    """
    if not hedge:
        return f"{figure}{unit}"
    if hedge in PREFIX_HEDGES:
        return f"{hedge}{figure}{unit}"
    if hedge in INNER_HEDGES:
        return f"{figure}{hedge}{unit}"
    if hedge in SUFFIX_HEDGES:
        return f"{figure}{unit}{hedge}"
    raise ValueError(f"unknown hedge {hedge!r}: expected one of {'、'.join(HEDGE_WORDS)}")


CN_DIGITS = {
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
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_CHARS = "".join(CN_DIGITS) + "".join(_CN_SMALL) + "".join(CN_BIG)

# The leading lookaheads let the engine skip positions that cannot start a match (3x faster scans).
CANDIDATE = re.compile(
    r"(?=[0-9" + CN_CHARS + r"百])(?:"
    r"(?P<ar>(?<![\d.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(?!(?:19|20)\d\d\s*年)\d+)?)"
    r"|(?P<cn>百分之[" + CN_CHARS + r"点]+|[" + CN_CHARS + r"]+(?:点[" + "".join(CN_DIGITS) + r"]+)?))"
)
SPECIAL = re.compile(
    r"(?=[\[〔【(（0-9])(?:(?P<docno>[\[〔【(（]\s*(?:19|20)\d{2}\s*[\]〕】)）]\s*(?:[\u4e00-\u9fff]{1,4}\d{2,8}[\u4e00-\u9fff]{1,4})?第?\s*\d+\s*号)"
    r"|(?P<festival>(?<!\d)\d{1,2}\s*[·•]\s*\d{1,2}(?!\d))"
    r"|(?P<generation>(?<![\d.])\d0后)"
    r"|(?P<anniversary>(?<![\d.])\d+\s*周年))"
)
MARKER_AFTER = re.compile(r"\s*(?:[、.．](?!\d)|[.．](?=(?:19|20)\d\d\s*年))")
YEAR_AFTER_MARKER = re.compile(r"((?:19|20)\d\d)\s*年")
YEAR_RANGE_AFTER = re.compile(r"\s*[-—–~至到]\s*((?:19|20)\d{2})\s*年")
PAREN_BEFORE = re.compile(r"[（(]\s*$")
PAREN_AFTER = re.compile(r"\s*[）)]")


# ---------------------------------------------------------------- lexicon


@functools.cache
def builtin_lexicon() -> tuple[tuple[str, str], ...]:
    """(term, reason) pairs from drafter/resources/lexicon.yaml, loaded once."""
    with open(resource("lexicon.yaml"), encoding="utf-8") as fh:
        groups = yaml.safe_load(fh)
    return tuple((str(term), reason) for reason, terms in groups.items() for term in terms)


@functools.cache
def lexicon_regex(extra: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    reasons = {term.translate(FULLWIDTH): reason for term, reason in builtin_lexicon()}
    reasons.update((term.translate(FULLWIDTH), reason) for term, reason in extra)  # matched on `norm`
    terms = sorted(reasons, key=len, reverse=True)
    # a term made of digits must not match inside a longer number (12345 in 1234567)
    # (and one ending in words may be followed by its figure: 4K演播室二期设备购置210.35万元)
    parts = [
        ("(?<!\\d)" if t[:1].isdigit() else "") + re.escape(t) + ("(?!\\d)" if t[-1:].isdigit() else "")
        for t in terms
    ]
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
    if fraction and not all(c in CN_DIGITS for c in fraction):
        return None
    if len(integer) > 1 and all(c in CN_DIGITS for c in integer):
        if "两" in integer:
            return None  # 两 never reads digit by digit: 一两 is "one or two"
        whole = int("".join(str(CN_DIGITS[c]) for c in integer))  # digit by digit: 二〇二三
    else:
        whole = _parse_cn_integer(integer)
        if whole is None:
            return None
    value = Decimal(whole)
    if fraction:
        value += Decimal("0." + "".join(str(CN_DIGITS[c]) for c in fraction))
    return value


def _parse_cn_integer(text: str) -> int | None:
    total = section = 0
    digit: int | None = None
    last_small = 10**9
    last_unit = 0  # the unit just before a trailing digit: 一万二 is 12000, 一千二 is 1200
    zero = False  # a 零 since that unit: 一千零二 is 1002
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None and digit != 0 and CN_DIGITS[ch] != 0:
                return None  # two digits in a row: 十四五, 三八
            digit = CN_DIGITS[ch]
            zero = zero or digit == 0
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if unit >= last_small:
                return None
            section += (1 if digit is None else digit) * unit
            last_small, digit, last_unit, zero = unit, None, unit, False
        elif ch in CN_BIG:
            big = CN_BIG[ch]
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
