"""Names of the data's lexicon written with one numeral changed (七大文化 -> 八大文化, 两癌 -> 三癌).

The lexicon tells the scanner that the numeral inside 两癌筛查 or 三八红旗手 is part of a name, not a
figure to check. The same phrase with another numeral (三癌, 四八红旗手) is then no name the data knows:
it would pass unseen as an ignored word, so it is a claim the data does not support. A phrase counts
as such a near-name when it has the term's length and differs from it in exactly one numeral, is no
term of any lexicon (nor part of one), and appears nowhere in the data's own words. A term made of
numerals only (三八) matches only outside a longer numeral (三十八 holds no 十八).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from drafter.check.causes import Cause
from drafter.check.result import Verdict
from drafter.numbers import Mention

NUMERALS = "零一二两三四五六七八九十百千"
_CLASS = f"[{NUMERALS}]"


class NearNames:
    """The data's own numbered names, and a finder of their one-numeral variants in a text."""

    def __init__(self, terms: Iterable[str], known: Iterable[str], data_words: str):
        own = sorted({t for t in terms if any(c in NUMERALS for c in t)}, key=len, reverse=True)
        self.known = set(known) | set(own)
        self.data_words = data_words
        shapes: dict[str, list[str]] = {}  # 三八 and 十八 share one shape: each match is tried on both
        for term in own:
            body = "".join(_CLASS if c in NUMERALS else re.escape(c) for c in term)
            before = f"(?<!{_CLASS})" if term[0] in NUMERALS else ""
            after = f"(?!{_CLASS})" if term[-1] in NUMERALS else ""
            shapes.setdefault(f"{before}({body}){after}", []).append(term)
        self.shapes = list(shapes.values())
        # a first-character lookahead lets the scan skip the text between candidates (one class test
        # per character instead of every alternative's)
        first_class = "".join(sorted({c for t in own for c in (NUMERALS if t[0] in NUMERALS else t[0])}))
        self.regex = re.compile(f"(?=[{re.escape(first_class)}])(?:{'|'.join(shapes)})") if shapes else None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, term) of every near-name in `text`."""
        if self.regex is None:
            return []
        out = []
        for m in self.regex.finditer(text):
            phrase = m.group()
            if phrase in self.known or any(phrase in k for k in self.known) or phrase in self.data_words:
                continue
            near = [
                t
                for t in self.shapes[(m.lastindex or 1) - 1]
                if sum(a != b for a, b in zip(phrase, t, strict=True)) == 1
            ]
            if near:
                out.append((m.start(), m.end(), near[0]))
        return out

    def flag(self, text: str, verdicts: list[Verdict]) -> list[Verdict]:
        """`verdicts` with each near-name not already flagged as a problem made one."""
        found = self.find(text)
        if not found:
            return verdicts
        out = list(verdicts)
        for start, end, term in found:
            inside = [v for v in out if v.mention.start < end and start < v.mention.end]
            if any(v.is_problem for v in inside):
                continue
            if any(v.mention.is_quantity and v.mention.end > end for v in inside):
                continue  # a figure reaching beyond the phrase is judged as one (三十个 is no 三八 changed)
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end) % (len(text) + 1)
            if any(v.mention.kind == "ordinal" for v in inside) and term in text[line_start:line_end]:
                continue  # levels in a row (一级指标 | 二级指标 | 三级指标): a series, not a changed name
            out = [v for v in out if v not in inside]
            phrase = text[start:end]
            mention = Mention(
                start, end, phrase, "proper", reason="名称中的数字", num_start=start, num_end=end
            )
            out.append(
                Verdict(
                    mention,
                    "unsupported",
                    reason=f"“{phrase}”与数据中的名称“{term}”只差一个数字，数据中没有“{phrase}”",
                    sentence=phrase,
                    cause=Cause.NEAR_NAME,
                )
            )
        out.sort(key=lambda v: v.mention.start)
        return out
