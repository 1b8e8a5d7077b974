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

from drafter.numbers.measure import chinese_word_follows
from drafter.numbers.mention import Mention, format_value
from drafter.numbers.scan import extract, quantities
from drafter.numbers.vocabulary import (
    HEDGE_WORDS,
    Dim,
    HedgeKind,
    Kind,
    builtin_lexicon,
    hedged,
    lexicon_terms,
    parse_chinese,
)

__all__ = [
    "HEDGE_WORDS",
    "Dim",
    "HedgeKind",
    "Kind",
    "Mention",
    "builtin_lexicon",
    "chinese_word_follows",
    "extract",
    "format_value",
    "hedged",
    "lexicon_terms",
    "parse_chinese",
    "quantities",
]
