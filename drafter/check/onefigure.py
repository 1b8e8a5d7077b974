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

from collections import defaultdict
from typing import Protocol

from drafter.check.labels import LabelBinder
from drafter.check.layout import Doc
from drafter.check.match import accepts
from drafter.check.result import Binding, Verdict
from drafter.facts.build import Fact, FactBase
from drafter.numbers import Mention

_CLAIMED = ("mismatch", "hedge")


class Restating(Protocol):
    """What the pass needs of the judge: a verdict that a bound number states a fact, or states it wrongly."""

    def proved(
        self, m: Mention, fact: Fact, sentence: str, *, bound: bool, binding: Binding | None
    ) -> Verdict: ...

    def wrong(
        self, m: Mention, fact: Fact, sentence: str, *, bound: bool, binding: Binding | None
    ) -> Verdict: ...


def one_figure_per_fact(
    facts: FactBase, labels: LabelBinder, judge: Restating, doc: Doc, verdicts: list[Verdict]
) -> list[Verdict]:
    """Re-judge loosely bound numbers whose figure another number of the sentence names outright."""
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
        bindings = {i: _label_of(labels, doc, verdicts[i]) for i in members}
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
                out[i] = judge.proved(v.mention, fact, v.sentence, bound=True, binding=v.binding)
            elif others:
                out[i] = judge.wrong(v.mention, others[0], v.sentence, bound=True, binding=v.binding)
    return out


def _label_of(labels: LabelBinder, doc: Doc, v: Verdict) -> list[Fact] | tuple[Fact, ...]:
    """The facts the label before a verdict's number names: as bound, or read now for a table cell
    (bound by its row and column, not by label) and for a verdict made without a binding."""
    b = v.binding
    if b is not None and b.label is not None:
        return b.label
    return labels.label(doc, v.mention).facts


def _sentence_start(text: str, at: int) -> int:
    """Where the whole sentence begins: 调整后预算X万元；全年支出Y万元 is one sentence of two halves."""
    return max(text.rfind("。", 0, at), text.rfind("\n", 0, at)) + 1


def _differ(a: Verdict, b: Verdict) -> bool:
    """Different figures: neither number's interval meets the other's (not a restatement or rounding)."""
    lo_a, hi_a, _, _ = a.mention.interval()
    lo_b, hi_b, _, _ = b.mention.interval()
    return hi_a < lo_b or hi_b < lo_a
