"""Words that say which figure of a subject a number is, not which subject: read by the binder and judge.

Measure words alone (实际支出, 全年预算) go on with the sentence's subject; an indicator's column words
(年度指标值, 实际完成) pick its target or its result; a bound (不超过, ≤) or the words after a figure
(的控制目标) make it a goal; a sentence headed 年度总体目标： lists goals.
"""

from __future__ import annotations

import re

from drafter.check.layout import Doc
from drafter.facts.build import MEASURE_WORDS, Fact
from drafter.numbers import Mention

# a label made of measure words only (实际支出, 全年支出) names a figure of whatever the sentence is about
MEASURE_ONLY = re.compile(
    "(?:"
    + "|".join(
        sorted(
            {re.escape(w) for ws in MEASURE_WORDS.values() for w in ws} | {"全年", "本年", "年度"},
            key=len,
            reverse=True,
        )
    )
    + ")+"
)
# words a count's own clause may hold without naming another subject (年末实有 … 共 …)
CONNECTIVES = re.compile(
    r"(?:19|20)\d\d年|年末|年底|全年|其中|共计|合计|总计|共|达到|达|为|有|计|已|累计|年度|本年|实际"
)
# an indicator's column words (实际完成, 年度指标值) name which figure of the subject, not another subject
COLUMN_WORDS = re.compile(
    # not a bare 完成 (三级指标11个，完成10个: a part of them)
    "|".join(
        sorted(
            (w for w in MEASURE_WORDS["target"] + MEASURE_WORDS["achieved"] if len(w) >= 3),
            key=len,
            reverse=True,
        )
    )
)
OWN_NOUN = re.compile(r"[\u4e00-\u9fff]{2}")
# words after a figure that call it the goal: 低于1200元的控制目标, 未达到82%的年度指标值
TARGET_AFTER = re.compile(r"\s*的(?:年度)?(?:指标值|目标值|目标|标准|要求|控制目标)")
_BOUND_WORDS = r"[≥≤<>＜＞≧≦]|不少于|不低于|不超过|不高于|不多于|大于|小于|高于|低于|控制在"
_BOUND_BEFORE = re.compile(f"(?:{_BOUND_WORDS})\\s*$")
_BOUND_TEXT = re.compile(f"(?:{_BOUND_WORDS})\\s*‖")  # ‖ marks where a text fact's own number stands
# a sentence headed 年度总体目标： (or 绩效目标：, 预期目标：) lists the goals, not what was done
_GOAL_HEAD = re.compile(
    r"\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?(?:年度总体|年度绩效|总体|绩效|预期|年度)目标[:：]"
)
_INDICATOR_COLUMNS = ("target", "achieved", "weight", "score")


def unless_a_bound(found: list[Fact], text: str, m: Mention) -> list[Fact]:
    """A plain figure with no column word is not an indicator's target that is a bound (≤3个工作日).

    指派时限平均三个工作日 states a result: a goal of ≤3 is written with its sign or words
    (不超过3个工作日, 3个工作日以内, 年度指标值3个工作日), so the plain figure is the result's.
    """
    if m.hedge is not None or _BOUND_BEFORE.search(text, max(0, m.start - 4), m.start):
        return found
    bounds = [f for f in found if f.measure == "target" and _is_bound(f)]
    return [f for f in found if f not in bounds] if bounds and len(bounds) < len(found) else found


def goal_sentence(doc: Doc, m: Mention, found: list[Fact]) -> bool:
    """Is `m` in a sentence headed 年度总体目标： and the label's facts an indicator's (with a target)?"""
    return any(f.measure == "target" for f in found) and _GOAL_HEAD.match(
        doc.text, doc.sentence_start(m.start)
    )


def _is_bound(f: Fact) -> bool:
    return f.origin == "text" and _BOUND_TEXT.search(f.context) is not None


def own_words(clause: str) -> bool:
    """Does a clause hold words of its own, beyond measure words and connectives (年末实有, 执行率)?"""
    return (
        OWN_NOUN.search(CONNECTIVES.sub("", COLUMN_WORDS.sub("", MEASURE_ONLY.sub("", clause)))) is not None
    )


def scored_row(term: str, m: Mention) -> bool:
    """A score after a term of money or rate words only (预算执行率10分): the 评分表 row of that name."""
    score_words = (*MEASURE_WORDS["weight"], *MEASURE_WORDS["score"])
    return m.dim == "score" and not any(w in term for w in score_words)


def indicator_column(found: list[Fact], gap: str) -> str | None:
    """The indicator column the words between label and number name (指标值 → target, 实际完成 → achieved).

    Only where the label names an indicator (its facts have those columns); the nearest word wins, then
    the longest (实际完成值 over 完成值).
    """
    measures = {f.measure for f in found}
    if not measures & {"target", "achieved"}:
        return None
    best: tuple[int, int, str] | None = None
    for measure in _INDICATOR_COLUMNS:
        if measure not in measures:
            continue
        words = MEASURE_WORDS[measure] if measure != "score" else ("得分",)
        at = max(((gap.rfind(w) + len(w), len(w)) for w in words if w in gap), default=None)
        if at is not None and (best is None or at > best[:2]):
            best = (*at, measure)
    return best[2] if best else None


def inside_column_word(window: str, end: int, term: str) -> bool:
    """Is the term at window[end - len(term):end] part of a longer indicator column word (年度指标值)?"""
    start = end - len(term)
    for w in _COLUMN_WORD_LIST:
        if term in w and w != term:
            for at in range(max(0, end - len(w)), start + 1):
                if window.startswith(w, at) and at <= start and at + len(w) >= end:
                    return True
    return False


# the indicator columns' own words (年度指标值, 实际完成值): a data label that is part of one (指标)
# never names a figure from inside it
_COLUMN_WORD_LIST = tuple(
    sorted(
        {w for k in ("target", "achieved") for w in MEASURE_WORDS[k] if len(w) >= 3}, key=len, reverse=True
    )
)
