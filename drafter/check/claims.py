"""One figure per fact in a sentence: two different numbers cannot both state the same figure.

Label binding judges each number alone, and a label that names a subject without saying which of its
figures (全年实际支出 is a term of the whole budget; 人工造林亩均成本 names an indicator, not its
target or result) binds every figure of that subject: the number passes if it is any of them. That
leniency is right for a number alone, and wrong beside a number whose own words name the figure:

    全年实际支出9873.46万元，较上年10502.71万元增长6.37%   (the two figures exchanged)

较上年 says the second number is last year's, so last year's figure is spoken for in this sentence, and
the first number — whose label could also mean last year's — must be one of the subject's other
figures. It is not, so both are flagged. The rule fires only where a number whose words pick a single
figure does *not* match it while a loosely labelled number of the same sentence does; a sentence that
states a figure twice (the same value, or a rounding of it) is left alone.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from drafter.check.binding import own_words
from drafter.check.layout import Doc, squeeze
from drafter.check.match import accepts
from drafter.check.result import Verdict
from drafter.facts.build import Fact, clause_context
from drafter.numbers import Mention

if TYPE_CHECKING:
    from drafter.check.ground import Grounder

_CLAIMED = ("mismatch", "hedge")
_BORDER = re.compile(r"[|｜]")
_CLAUSE_BREAK = re.compile(r"[，,：:、；;]")
_ACHIEVED_HEAD = re.compile(r"实际完成|完成情况|完成值|实际值")
_TARGET_HEAD = re.compile(r"预期目标|年度目标|目标值|指标值|计划")
_HEADER_REACH = 15  # lines a row looks back for its table's header


def one_figure_per_fact(grounder: Grounder, doc: Doc, verdicts: list[Verdict]) -> list[Verdict]:
    """Re-judge loosely bound numbers whose figure another number of the sentence names outright."""
    facts = grounder.facts
    claimed = {
        (fact.subject, fact.measure)
        for v in verdicts
        if v.verdict in _CLAIMED and v.bound and (fact := facts.get(v.fact_id or "")) is not None
    }
    if not claimed:
        return verdicts  # nothing stated wrongly: no figure is spoken for by a wrong number
    groups: dict[tuple[int, str, str], list[int]] = defaultdict(list)
    for i, v in enumerate(verdicts):
        fact = facts.get(v.fact_id or "")
        if fact is None or (fact.subject, fact.measure) not in claimed or not v.bound:
            continue
        if not v.mention.is_quantity or v.verdict not in ("ok", *_CLAIMED):
            continue
        groups[(_sentence_start(doc.text, v.mention.start), fact.subject, fact.measure)].append(i)
    out = list(verdicts)
    tables = None
    for (_, subject, measure), members in groups.items():
        if len(members) < 2 or not any(verdicts[i].verdict in _CLAIMED for i in members):
            continue
        if tables is None:
            tables = doc.tables()
        bindings = {i: grounder._structured(doc, verdicts[i].mention)[0] for i in members}
        spoken = [
            i
            for i in members
            if verdicts[i].verdict in _CLAIMED
            and bindings[i]
            and {(f.subject, f.measure) for f in bindings[i]} == {(subject, measure)}
        ]
        for i in members:
            v = verdicts[i]
            loose = {f.measure for f in bindings[i] if f.subject == subject}
            if v.verdict != "ok" or len(loose) < 2 or measure not in loose:
                continue
            if tables.at(v.mention.start) is not None:
                continue  # a table cell is bound by its row and column, not by the words before it
            if not any(_differ(v, verdicts[j]) for j in spoken):
                continue
            others = [f for f in bindings[i] if (f.subject, f.measure) != (subject, measure)]
            fact = next((f for f in others if accepts(f, v.mention)), None)
            if fact is not None:
                out[i] = grounder._ok(v.mention, fact, v.sentence, bound=True)
            elif others:
                out[i] = grounder._wrong(v.mention, others[0], v.sentence, bound=True)
    return out


def _sentence_start(text: str, at: int) -> int:
    """Where the whole sentence begins: 调整后预算X万元；全年支出Y万元 is one sentence of two halves."""
    return max(text.rfind("。", 0, at), text.rfind("\n", 0, at)) + 1


def _differ(a: Verdict, b: Verdict) -> bool:
    """Different figures: neither number's interval meets the other's (not a restatement or rounding)."""
    lo_a, hi_a, _, _ = a.mention.interval()
    lo_b, hi_b, _, _ = b.mention.interval()
    return hi_a < lo_b or hi_b < lo_a


def label_in_own_clause(
    grounder: Grounder, doc: Doc, m: Mention, structured: list[Fact], distance: int
) -> bool:
    """Does the number's own clause name a subject of the bullets other than the label before it?

    高血压患者规范管理率76.3%，2型糖尿病患者规范管理率72.8%: the second clause's words are no term of
    the data, so the nearest term (an earlier clause's indicator) reaches its number; but a bullet names
    2型糖尿病患者规范管理率, and the clause's own words, not the earlier label, say what 72.8% is.
    """
    if not structured or distance < 2:
        return False  # a label right before the number: no words of the clause's own between them
    squeezed, kept = doc.squeezed()
    at = bisect.bisect_left(kept, m.start)
    if not _CLAUSE_BREAK.search(squeezed, max(0, at - distance), at):
        return False  # the label stands in the number's own clause
    left = squeeze(clause_context(doc.text, m.start, m.end)[0])
    if distance <= len(left) or not own_words(left):
        return False
    named = {f.subject for f in structured}
    return any(f.subject not in named for f in grounder.text_index.match(doc.text, m)[0])


def bullets_that_prove(
    grounder: Grounder, m: Mention, structured: list[Fact], textual: list[Fact]
) -> list[Fact]:
    """The bullet figures that may prove a number its label bound to `structured` and did not prove.

    Where the label named the subject and its words picked the figure (计划4次, “三公”经费预算3.65万元),
    a bullet's copy of one of the subject's other figures (the indicator's 实际完成 4次; an indicator
    stating the 三公 actual 3.65万元) is that other figure, and does not prove it.
    """
    if not structured:
        return textual
    chosen = {(f.subject, f.measure) for f in structured}
    named = {f.subject for f in structured}
    kept_values = {f.value for f in structured}
    ruled_out = {
        f.value
        for s in named
        for f in grounder._compatible_of(s, m)
        if (f.subject, f.measure) not in chosen and f.value not in kept_values
    }
    return [
        f
        for f in textual
        if ((f.subject, f.measure) in chosen) or (f.subject not in named and f.value not in ruled_out)
    ]


def goal_column(doc: Doc, m: Mention) -> str | None:
    """In a table of 预期目标 | 实际完成情况 cells written as sentences, the side a number stands on.

    | 目标2 | 资助困难学生150名… | 资助困难学生126名… |: the two cells' words are alike, so only the
    column says the first is the goal and the second the result ("target", "achieved" or None).
    """
    text = doc.text
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.start)
    row = text[start : len(text) if end < 0 else end]
    if not _BORDER.search(row):
        return None
    cells = _cells(row)
    if len(cells) < 2:
        return None  # one cell per line: no row to read a column from
    at = len(_BORDER.findall(text, start, m.start))
    above = start
    for _ in range(_HEADER_REACH):
        if above <= 0:
            return None
        line_start = text.rfind("\n", 0, above - 1) + 1
        header = _cells(text[line_start : above - 1])
        above = line_start
        if len(header) != len(cells) or at >= len(header):
            continue
        sides = [_head_side(h) for h in header]
        if "target" in sides and "achieved" in sides:
            return sides[at]
    return None


def _head_side(cell: str) -> str | None:
    """预期目标 → target, 实际完成情况 → achieved; 年度目标完成情况 (both) → neither."""
    achieved, target = _ACHIEVED_HEAD.search(cell), _TARGET_HEAD.search(cell)
    if achieved and target:
        return None
    return "achieved" if achieved else ("target" if target else None)


def _cells(line: str) -> list[str]:
    parts = _BORDER.split(line.rstrip())
    return parts[:-1] if len(parts) > 1 and not parts[-1].strip() else parts


def on_side(facts: list[Fact], side: str | None) -> list[Fact]:
    """The facts a number on a goal table's side may state: the goal's or the result's, and any other."""
    if side is None:
        return facts
    return [f for f in facts if _side(f) in (None, side)]


def _side(f: Fact) -> str | None:
    if f.measure in ("target", "achieved"):
        return f.measure
    if f.id.startswith("goals.target"):
        return "target"
    return "achieved" if f.id.startswith("goals.achieved") else None
