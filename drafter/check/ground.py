"""Ground every number of a text in the data: the heart of drafter's promise.

`check()` is a pipeline of stages, each a function of one input to one output:

    segment (layout: script, sentences, tables)  → mentions (every number, within its cell)
    → bind (a Binding: what the words around it name)  → verdict (is it true of that?)
    → later passes over all verdicts (其中 lists, years, changed names, part lists, one figure per fact)

The index of the facts is drafter.check.index, the bind stage drafter.check.binding (label binding in
drafter.check.labels, table cells in drafter.check.cells, bullet words in drafter.check.textindex);
this module judges a Binding and runs the pipeline.

- A bound number must be true of its fact: 人员支出87.62万元 is a mismatch even though 87.62 is in the
  data (it is 公用支出). Only numbers with no label fall back to matching any fact by value, and then
  only when their sentence's words support that fact.
- "True" is interval containment: the values the text claims (534.5 -> [534.45, 534.55), 440余 ->
  (440, 450), 近万 -> [8000, 10000)) must contain what the data knows. So rounding to fewer decimals
  passes, a hedge must hold (余 needs the true value above), and a text may never be more precise
  than the data (data 440余场 cannot become 440场).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable
from decimal import Decimal

from drafter.audit.rules import Finding, audit
from drafter.check.binding import Binder
from drafter.check.causes import Cause
from drafter.check.cells import enumerated, supports
from drafter.check.cellspan import mentions as read_mentions
from drafter.check.changes import change_columns
from drafter.check.claims import bullets_that_prove, goal_column, label_in_own_clause, on_side
from drafter.check.examples import ExampleNumbers
from drafter.check.figurewords import unless_a_bound
from drafter.check.hints import unnamed_hint
from drafter.check.index import FactIndex
from drafter.check.layout import Doc, segment
from drafter.check.match import (
    accepts,
    accepts_as_written,
    as_fall,
    compatible,
    overlaps,
    same_core,
)
from drafter.check.missing import required_missing
from drafter.check.names import NearNames
from drafter.check.onefigure import one_figure_per_fact
from drafter.check.partlists import flag_part_lists, listed_parts
from drafter.check.readings import choose_readings, confirm_tables
from drafter.check.result import Binding, BindKind, CheckResult, Verdict
from drafter.check.serials import serial_lines
from drafter.check.textindex import ACHIEVED, TARGET, TEXT_BIND, TEXT_TIE, TextIndex
from drafter.check.years import misdated, not_a_quantity, unheld_dates
from drafter.data.model import ReportData
from drafter.facts.build import Fact, FactBase, build_facts
from drafter.numbers import Mention, format_value
from drafter.text.marks import annotations, inside_annotation

__all__ = ["CheckResult", "ExampleNumbers", "Grounder", "Judge", "Verdict", "check", "make_grounder"]

_AS_WRITTEN_SCORE = 0.9  # a bullet's clause words repeated almost all: the data's own sentence
_COPIED = "；与示例报告 {} 中的数相同，疑为照抄示例"


class Judge:
    """The verdict stage: is a bound number true of what it is bound to?"""

    def __init__(self, index: FactIndex, examples: ExampleNumbers | None = None) -> None:
        self.index = index
        self.facts = index.facts
        self.flagged = index.flagged
        self.examples = examples

    def verdict(self, doc: Doc, b: Binding) -> Verdict:
        """The verdict on the quantity `b` binds."""
        m, text = b.mention, doc.text
        sentence = text[doc.sentence_start(m.start) : doc.sentence_end(m.end)].strip()
        assert m.value is not None
        if b.kind is BindKind.FAULT:
            return self._fault(b, sentence)
        fall = as_fall(text, m)
        if b.kind is BindKind.CELL:
            # a stated figure (自评得分) before the same figure derived from others (指标得分合计)
            for fact in sorted(b.facts, key=lambda f: f.origin != "data"):
                if accepts_change(fact, m, fall) or accepts_as_written(fact, m):
                    return self.proved(m, fact, sentence, bound=True, binding=b)
            return self.wrong(m, b.facts[0], sentence, bound=True, binding=b)
        return self._by_words(doc, b, fall, sentence)

    def _fault(self, b: Binding, sentence: str) -> Verdict:
        """A table cell that states no figure of the data: a 序号, a column its row lacks, unreadable."""
        cause = b.fault or Cause.CELL_OVERFLOW
        ignored = {Cause.ORDINAL_COLUMN: "ignored", Cause.OTHER_BODY: "ignored"}
        kind = {**ignored, Cause.CELL_NOT_IN_DATA: "unsupported"}.get(cause, "unreadable")
        return Verdict(b.mention, kind, reason=b.note, sentence=sentence, cause=cause, binding=b)  # type: ignore[arg-type]

    def _by_words(self, doc: Doc, b: Binding, fall: Mention | None, sentence: str) -> Verdict:
        """A number the label before it, or its clause's words, bind (or nothing binds)."""
        m, text = b.mention, doc.text
        structured = list(b.label or ())
        if label_in_own_clause(doc, b, structured):
            structured = []  # 2型糖尿病患者规范管理率72.8%: its clause's words, not an earlier label
        side = goal_column(doc, m)  # | 预期目标 | 实际完成情况 |: the cell's column says goal or result
        structured = on_side(structured, side)
        if len(structured) > 1:
            # a figure written exactly is the fact it equals (总分 100 is the 分值), not another it rounds
            # (99.77); then a stated figure before one derived from others: the audit's verdict on it
            structured.sort(key=lambda f: (f.value != m.value, f.origin != "data"))
        if not m.hedge_conflict:
            for fact in structured:
                if accepts_change(fact, m, fall):
                    exact = self._bullet_as_written(b) if fact.value != m.value else None
                    return self.proved(m, exact or fact, sentence, bound=True, binding=b)
        # bullets alike in words: the one with the figure as written (3000亩以上, not 3200亩) first
        textual = sorted(b.words, key=lambda f: not _as_written(f, m))
        textual = on_side(
            bullets_that_prove(self.index, m, structured, textual), side
        )  # not 计划4次 by 实际4次
        if b.placed is None:
            textual = unless_a_bound(textual, text, m)  # 平均三个工作日 is no goal of ≤3个工作日
        bound = structured + [f for f in textual if f not in structured]
        if m.hedge_conflict:
            fact = bound[0] if bound else None
            return Verdict(
                m,
                "hedge",
                fact_id=fact.id if fact else None,
                fact_label=fact.label if fact else None,
                reason=f"约数词互相矛盾（{m.hedge}）",
                bound=bool(bound),
                sentence=sentence,
                cause=Cause.HEDGE_CONFLICT,
                binding=b,
            )
        if not bound:
            return self._by_value(doc, b, fall, sentence)
        for fact in bound:
            if accepts_change(fact, m, fall):
                return self.proved(m, fact, sentence, bound=True, binding=b)
        corrected = self._corrected_of(b, bound, sentence)
        if corrected is not None:
            return corrected
        # not in a goal table's 预期目标 column: there the column, not the words, says it is the goal
        paired = self._achieved_of(text, m, structured, textual) if side != "target" else None
        if paired is not None:
            return self.proved(m, paired, sentence, bound=True, binding=b)
        return self.wrong(m, bound[0], sentence, bound=True, binding=b)

    def _corrected_of(self, b: Binding, bound: list[Fact], sentence: str) -> Verdict | None:
        """3.58万元 where the data's 3.68 disagrees with its parts (3.58): the text is right."""
        m = b.mention
        for fact in bound:
            right = self._corrected(fact)
            if right is not None and accepts(right, m):
                return Verdict(
                    m,
                    "ok",
                    fact_id=fact.id,
                    fact_label=fact.label,
                    expected=right.shown(),
                    expected_value=right.value,
                    reason=f"与数据审核的更正值一致（{self.flagged[fact.id].message}）",
                    bound=True,
                    sentence=sentence,
                    cause=Cause.AUDIT_CORRECTION,
                    binding=b,
                )
        return None

    def _by_value(self, doc: Doc, b: Binding, fall: Mention | None, sentence: str) -> Verdict:
        """A number nothing names: a fact of its value proves it only with its sentence's support."""
        m, text = b.mention, doc.text
        matches = self._value_matches(m, fall)
        if m.dim == "number" and not b.in_row:
            # a bare number in prose with no label: only a unitless figure of the data can prove it
            matches = [f for f in matches if f.dim == "number"]
        listed = enumerated(text, m)
        if listed is not None:
            return Verdict(
                m,
                "ok",
                reason=f"文中列举了{listed}项",
                sentence=sentence,
                cause=Cause.LISTED_COUNT,
                binding=b,
            )
        # a value alone proves nothing: the words around the number must support the fact
        supported = [f for f in matches if supports(self.index, doc, m, f, b.in_row)]
        supported.sort(key=lambda f: (not _as_written(f, m), f.value != m.value))  # 扣2分 is 2分, not 1.5分
        if supported:
            return self.proved(m, supported[0], sentence, bound=False, binding=b)
        if matches:
            fact = matches[0]
            return Verdict(
                m,
                "unsupported",
                fact_id=fact.id,
                fact_label=fact.label,
                reason=unnamed_hint(self.facts.data, fact),
                sentence=sentence,
                cause=Cause.VALUE_UNNAMED,
                binding=b,
            )
        near = [f for f in self.by_value_core(m) if same_core(f, m)]
        if near:
            return self.wrong(m, near[0], sentence, bound=False, binding=b)
        if m.dim == "money" and m.scale == 1:
            slip = next((f for f in self.index.by_dim["money"] if f.value == m.value * 10_000), None)
            if slip is not None:
                return self.wrong(m, slip, sentence, bound=False, binding=b)
        copied = self.examples.find(m) if self.examples else ()
        return Verdict(
            m,
            "unsupported",
            reason="数据中没有这个数" + (_COPIED.format(", ".join(copied)) if copied else ""),
            sentence=sentence,
            cause=Cause.NOT_IN_DATA,
            also=(Cause.COPIED_FROM_EXAMPLE,) if copied else (),
            binding=b,
        )

    def by_value_core(self, m: Mention) -> list[Fact]:
        """Facts with the mention's figure (for hedge mistakes: 近440 against 440余)."""
        if m.value is None:
            return []
        return [f for f in self.index.by_value(m.value, m.value) if compatible(f, m)]

    def _value_matches(self, m: Mention, fall: Mention | None = None) -> list[Fact]:
        low, high, _, _ = m.interval()
        by_value = self.index.by_value
        found = by_value(low, high)
        if m.dim == "number" and m.scale == 1:  # a bare table cell may state 万元
            found = found + by_value(low * 10_000, high * 10_000)
        if fall is not None:  # 下降10.48%: a signed change of -10.48
            low, high, _, _ = fall.interval()
            found = found + by_value(low, high)
        return [f for f in found if accepts_change(f, m, fall)]

    def _achieved_of(self, text: str, m: Mention, structured: list[Fact], textual: list[Fact]) -> Fact | None:
        """The achieved figure of the goal whose words bind a number to its target.

        满意度95.8% repeats the words of the goal 满意度不低于90% more closely than those of the result
        问卷调查满意度95.8%: a goal and its result share their words, so a figure bound to a goal's
        target it does not state is proved by the result's figure named by the same words.
        """
        if structured or not textual or not all(TARGET.match(f.source) for f in textual):
            return None
        near, _ = self.index.text_index.match(text, m, floor=TEXT_BIND - TEXT_TIE)
        return next((f for f in near if ACHIEVED.match(f.source) and accepts(f, m)), None)

    def _bullet_as_written(self, b: Binding) -> Fact | None:
        """The data's own sentence, copied: a bullet figure written as the mention, its words repeated.

        年度总体目标：…网络零售额达到3亿元以上 is the goal's 3亿, not the 3.4亿 achieved that 以上 also holds.
        """
        if b.score < _AS_WRITTEN_SCORE:
            return None
        m = b.mention
        return next((f for f in b.words if _as_written(f, m) and f.value == m.value), None)

    # ------------------------------------------------------------ verdicts on a fact

    def proved(
        self, m: Mention, fact: Fact, sentence: str, *, bound: bool, binding: Binding | None = None
    ) -> Verdict:
        """`m` states `fact`: ok, unless the audit found that figure of the data wrong."""
        finding = self.flagged.get(fact.id)
        if finding is not None and fact.origin == "data":
            return self._data_wrong(m, fact, finding, sentence, bound, binding)
        return Verdict(
            m,
            "ok",
            fact_id=fact.id,
            fact_label=fact.label,
            expected=fact.shown(),
            expected_value=fact.value,
            derivation=fact.derivation or None,
            bound=bound,
            sentence=sentence,
            cause=Cause.PROVED,
            binding=binding,
        )

    def _data_wrong(
        self, m: Mention, fact: Fact, finding: Finding, sentence: str, bound: bool, binding: Binding | None
    ) -> Verdict:
        """The text agrees with a figure the audit found wrong: the data's mistake (and its right figure)."""
        reason = f"与数据一致，但数据自身有误：{finding.message}"
        if finding.expected is None:
            return Verdict(
                m,
                "mismatch",
                fact_id=fact.id,
                fact_label=fact.label,
                reason=reason,
                bound=bound,
                sentence=sentence,
                cause=Cause.DATA_INCONSISTENT,
                binding=binding,
            )
        scale = fact.value / finding.stated if finding.stated else Decimal(1)
        exponent = finding.expected.normalize().as_tuple().exponent
        places = max(fact.decimals or 0, -exponent if isinstance(exponent, int) else 0)
        return Verdict(
            m,
            "mismatch",
            fact_id=fact.id,
            fact_label=fact.label,
            expected=format_value(finding.expected * scale, fact.unit, min(places, 2)),
            expected_value=finding.expected,
            derivation=fact.derivation or None,
            reason=reason,
            bound=bound,
            sentence=sentence,
            cause=Cause.DATA_INCONSISTENT,
            binding=binding,
        )

    def _corrected(self, fact: Fact) -> Fact | None:
        """The data figure as the audit says it should be (the sum of its parts), if it is in question."""
        finding = self.flagged.get(fact.id)
        if finding is None or finding.expected is None or not finding.stated or fact.origin != "data":
            return None
        value = finding.expected * (fact.value / finding.stated)  # the finding speaks in the data's unit
        return dataclasses.replace(fact, value=value, mention=None)

    def wrong(
        self, m: Mention, fact: Fact, sentence: str, *, bound: bool, binding: Binding | None = None
    ) -> Verdict:
        """`m` is bound to `fact` and does not state it: a wrong figure, or a wrong hedge."""
        expected = self._expected(fact, m)
        also: tuple[Cause, ...] = ()
        if same_core(fact, m) or (
            m.hedge is not None and fact.mention is not None and overlaps(m.interval(), fact.interval())
        ):
            verdict, cause = "hedge", Cause.HEDGE_MISUSED
            reason = f"约数用法与数据不符：数据为“{expected}”"
        else:
            verdict, cause = "mismatch", Cause.WRONG_VALUE
            reason = f"应为 {expected}（{fact.label}）"
            if m.dim == "money" and m.value and fact.value and fact.value / m.value == 10_000:
                reason += "；单位疑误：数据为万元，文中写成元"
                also += (Cause.UNIT_SUSPECT,)
            copied = self.examples.find(m) if self.examples else ()
            if copied:
                reason += _COPIED.format(", ".join(copied))
                also += (Cause.COPIED_FROM_EXAMPLE,)
        return Verdict(
            m,
            verdict,  # type: ignore[arg-type]
            fact_id=fact.id,
            fact_label=fact.label,
            expected=expected,
            expected_value=fact.value,
            derivation=fact.derivation or None,
            reason=reason,
            bound=bound,
            sentence=sentence,
            cause=cause,
            also=also,
            binding=binding,
        )

    def _expected(self, fact: Fact, m: Mention) -> str:
        if fact.mention is not None:
            return fact.mention.text.strip()
        unit = m.unit if (m.dim == fact.dim and m.unit and fact.dim != "money") else fact.unit
        if fact.origin == "derived" or fact.dim == "percent":
            decimals = m.decimals if m.dim == fact.dim else 2
            return format_value(fact.value, unit, max(decimals, 1) if fact.dim == "percent" else decimals)
        return format_value(fact.value, unit, fact.decimals if unit == fact.unit else None)


_CHANGE_MEASURES = frozenset({"yoy", "yoy_diff"})


def accepts_change(fact: Fact, m: Mention, fall: Mention | None) -> bool:
    """`accepts`, and a fall stated as its size is true of a signed year-on-year change.

    The change is a rate (yoy) or an amount (yoy_diff, 同比增减额 −1.19); a fall word before a rate the
    data derives as a rise (下降3.2% where 上年 → 执行数 grew 3.2%) is the wrong direction. A stated
    change may be written as its size, and the derived amount is one (|执行数 − 上年数|): no sign to test.
    """
    change = fact.measure in _CHANGE_MEASURES
    if change and fall is not None and fact.measure == "yoy" and fact.origin == "derived" and fact.value > 0:
        return False
    if accepts(fact, m):
        return True
    return fall is not None and change and fact.value < 0 and accepts(fact, fall)


def _as_written(fact: Fact, m: Mention) -> bool:
    """Does a bullet number read exactly as the mention (figure and hedge)?"""
    return fact.mention is not None and fact.mention.text.strip() == m.text.strip()


class Grounder:
    """The checker of one data file: its fact index, binder and judge, built once for many texts.

    `judge(doc, m)` binds one number and judges its binding; `bind(doc, m)` is the binding alone.
    """

    def __init__(
        self, facts: FactBase, findings: Iterable[Finding] = (), examples: ExampleNumbers | None = None
    ) -> None:
        self.index = FactIndex(facts, findings)
        self.binder = Binder(self.index)
        self.judging = Judge(self.index, examples)
        self.facts = facts
        self.examples = examples
        self.findings = self.index.findings
        self.flagged = self.index.flagged
        self.lexicon = self.index.lexicon

    @property
    def text_index(self) -> TextIndex:
        return self.index.text_index

    @property
    def near_names(self) -> NearNames:
        return self.index.near_names

    def bind(self, doc: Doc | str, m: Mention) -> Binding:
        """What the words around the quantity `m` name."""
        return self.binder.bind(Doc(doc) if isinstance(doc, str) else doc, m)

    def judge(self, doc: Doc | str, m: Mention) -> Verdict:
        """The verdict on `m`: a quantity bound, then its binding judged; any other number as it is."""
        doc = Doc(doc) if isinstance(doc, str) else doc
        if not m.is_quantity:
            return not_a_quantity(self.facts, doc, m)
        return self.judging.verdict(doc, self.binder.bind(doc, m))

    def bindings(self, doc: Doc | str, m: Mention) -> list[Fact]:
        """Every fact the words around `m` bind it to (repair replaces a number only when there is one)."""
        return list(self.bind(doc, m).facts) if m.is_quantity else []

    def required_missing(self, verdicts: list[Verdict], required: Collection[str] | None) -> list[Finding]:
        return required_missing(self.facts, verdicts, required)

    def later_passes(self, doc: Doc, found: list[Mention], verdicts: list[Verdict]) -> list[Verdict]:
        """The passes over all verdicts that a number alone cannot show."""
        text = doc.text
        verdicts = change_columns(text, verdicts)  # an 增减 cell: its row's 2023 less its 2022
        verdicts = confirm_tables(self.index, doc, verdicts)  # a mismatch only inside a confirmed reading
        verdicts = serial_lines(doc, verdicts)  # 1, 2, 3 … down an unbordered table's rows: its 序号
        verdicts = listed_parts(text, found, verdicts)  # a total its own 其中…其他 list cannot add up to
        verdicts = misdated(doc, verdicts, self.facts.data.unit.year)  # 截至2022年… figures of 2023
        verdicts = self.near_names.flag(text, verdicts)  # 七大文化 -> 八大文化
        verdicts = flag_part_lists(text, verdicts)  # a total below its 其中 parts
        # 全年支出X，较上年Y: Y's words claim 上年
        return one_figure_per_fact(self.facts, self.binder.labels, self.judging, doc, verdicts)


def make_grounder(data: ReportData | FactBase, examples: ExampleNumbers | None = None) -> Grounder:
    """Facts, audit and indexes for `data`, built once and reusable for many texts."""
    facts = data if isinstance(data, FactBase) else build_facts(data)
    return Grounder(facts, audit(facts.data, facts), examples)


def check(
    text: str,
    data: ReportData | FactBase | Grounder,
    *,
    required: Collection[str] | None = None,
    examples: ExampleNumbers | None = None,
    drafted: bool = False,
) -> CheckResult:
    """Judge every number of `text` against `data`; also report the data's own findings and missing facts.

    `required`: ids of facts the text must state (default: every fact marked required in the data).
    `drafted`: the text is a draft drafter wrote, whose 月/日 dates are claims the data must hold.
    Pass a Grounder (make_grounder) to reuse the indexes when checking many texts against one data file.
    """
    grounder = data if isinstance(data, Grounder) else make_grounder(data, examples)
    doc = segment(text)
    found = read_mentions(doc, grounder.lexicon)
    judged = choose_readings(doc, found, grounder.judge)  # a table read as the data confirms it most
    notes = annotations(
        doc.text
    )  # drafter's 〔已更正：原为…〕 quotes the wrong number it replaced: not a claim
    verdicts = [
        Verdict.ignored(m, Cause.CORRECTION_NOTE, "drafter 的更正标注")
        if notes and inside_annotation(notes, m.start, m.end)
        else judged.get(i) or grounder.judge(doc, m)  # bind, then judge the binding
        for i, m in enumerate(found)
    ]
    verdicts = grounder.later_passes(doc, found, verdicts)
    if drafted:
        verdicts = unheld_dates(doc, verdicts, grounder.facts)
    return CheckResult(
        text=text,
        verdicts=verdicts,
        audit=list(grounder.findings),
        missing=grounder.required_missing(verdicts, required),
    )
