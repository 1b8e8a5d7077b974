"""Words that speak of the unit's whole budget without naming a budget line.

"2023年部门年初预算1645.80万元，全年预算调整为1932.16万元，较上年支出1768.20万元…" names no line of the
data, yet every figure in it is the unit's own total: the words before each number are the unit itself
(部门, 本单位, its name, short name and aliases; the whole budget's own names, 项目资金 also as 项目), a
year, and measure words (年初预算, 调整为, 较上年支出).
A clause of such words only is read as the whole budget's; a clause with any other noun is not (an
unknown 专项资金全年预算50万元 is not the total's 50万元).
"""

from __future__ import annotations

import re

from drafter.check.layout import squeeze
from drafter.data.model import ReportData
from drafter.facts.factbase import MEASURE_WORDS

# the unit as a whole, however a report calls it
_WHOLE_NAMES = ("部门整体", "本部门", "本单位", "我单位", "部门", "单位", "整体", "全局", "本局", "我局")
_MEASURES = ("budget", "initial_budget", "received", "actual", "last_year", "balance")
# what else such a clause holds: a year, 全年, a comparison (较/比), an adjustment (调整为), connectives
_CONNECTIVES = (
    r"(?:19|20)\d\d年度?",
    "全年",
    "本年",
    "当年",
    "年度",
    "全部",
    "共计",
    "累计",
    "合计",
    "总计",
    "总额",
    "资金",
    "调整后",
    "调整为",
    "调整",
    "追加后",
    "较",
    "比",
    "为",
    "数",
    "达到",
    "达",
    "共",
    "的",
    "率",
)
_MONEY_WORD = re.compile(r"(?:资金|经费|预算|支出)(?:总额|合计)?$")
# an event before the figure (年中追加就业补助资金等后全年预算…): the figure after it is still the whole's
_AFTER_EVENT = re.compile(r"^.{2,20}?后(?=(?:19|20)\d\d年|全年|本年|年度)")


def whole_clause(data: ReportData) -> re.Pattern[str]:
    """A pattern a clause (squeezed, without its fact's terms) fully matches when it speaks of the whole."""
    unit = data.unit
    names = {squeeze(n) for n in (unit.name, unit.short_name or "", *unit.aliases) if n}
    total = data.budget.total
    if total is not None:  # the whole's own names without their money word: 项目资金 -> 项目
        for name in (total.label or "", *total.aliases):
            stem = _MONEY_WORD.sub("", squeeze(name))
            if len(stem) >= 2:
                names.add(stem)
    words = {w for measure in _MEASURES for w in MEASURE_WORDS[measure]}
    plain = sorted({*names, *_WHOLE_NAMES, *words}, key=len, reverse=True)
    alternatives = [*_CONNECTIVES, *(re.escape(w) for w in plain if w)]
    return re.compile("(?:" + "|".join(alternatives) + ")+")


def speaks_of_whole(pattern: re.Pattern[str], clause: str, term_re: re.Pattern[str] | None) -> bool:
    """Does a clause (squeezed) name nothing but the unit's whole and measure words?"""
    if pattern.fullmatch(clause):
        return True
    event = _AFTER_EVENT.match(clause)
    if event is None or (term_re is not None and term_re.search(event.group())):
        return False  # an event naming a line of the data is about that line
    return pattern.fullmatch(clause, event.end()) is not None
