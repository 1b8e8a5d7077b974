"""Ground every number of a text in the data: the heart of drafter's promise.

For each quantity the checker first asks *what the words before it name* (label binding), then
whether the number is true of that:

- structured facts are named by their terms (人员支出, 编制数, a project's name); the nearest term in
  the number's sentence binds it, measure words (预算/执行, 占…比例, 执行率, 同比) pick the figure;
- numbers from activity bullets are bound by the words of their clause (weighted character bigrams),
  so a count moved to another activity is caught like a swapped budget line;
- a bound number must be true of its fact: 人员支出87.62万元 is a mismatch even though 87.62 is in
  the data (it is 公用支出). Only numbers with no label fall back to matching any fact by value.

"True" is interval containment: the values the text claims (534.5 -> [534.45, 534.55), 440余 ->
(440, 450), 近万 -> [8000, 10000)) must contain what the data knows. So rounding to fewer decimals
passes, a hedge must hold (余 needs the true value above), and a text may never be more precise
than the data (data 440余场 cannot become 440场).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from drafter.check.layout import (
    Doc,
    bigrams,
    column_measure,
    in_text_cell,
    squeeze,
)
from drafter.check.match import accepts, compatible, overlaps, same_core
from drafter.check.result import CheckResult, Verdict
from drafter.data.audit import Finding, audit
from drafter.data.facts import MEASURE_WORDS, Fact, FactBase, build_facts, clause_context
from drafter.data.model import ReportData
from drafter.marks import annotations, inside_annotation
from drafter.numbers import Mention, extract, format_value

_BIND_DISTANCE = 30  # squeezed characters between a label and its number, within a sentence
_TABLE_WINDOW = 400  # how far back a table cell looks for its row label
_TEXT_BIND = 0.55  # weighted share of a bullet number's clause words the text must repeat
_TEXT_TIE = 0.12  # bullets scoring this close to the best are bound too (the same words twice)
# Scale: a bigram shared by more bullet numbers than this names none of them (a stop-word, like 服务 or
# 人次 in a data file of thousands of bullets). It does not nominate candidates, which keeps binding
# linear in the number of figures; it still scores the candidates the rarer bigrams nominate. The
# bundled examples' longest posting is 10, so they bind exactly as without the cap.
_POSTINGS_CAP = 100

_RATE_WORDS = ("执行率", "完成率", "执行进度", "支出率", "到位率", "预算执行")
_YOY_WORDS = ("同比", "上年", "去年", "增长", "增加", "下降", "减少", "增幅", "降幅")


@dataclass(frozen=True)
class ExampleNumbers:
    """Quantities that appear in the example reports, to recognise a number copied from one."""

    where: Mapping[tuple[str, Decimal], tuple[str, ...]]

    @classmethod
    def from_texts(cls, texts: Mapping[str, str]) -> ExampleNumbers:
        where: dict[tuple[str, Decimal], list[str]] = defaultdict(list)
        for report, text in texts.items():
            for m in extract(text):
                if m.is_quantity and m.value is not None and report not in where[(m.dim, m.value)]:
                    where[(m.dim, m.value)].append(report)
        return cls({k: tuple(v) for k, v in where.items()})

    def find(self, m: Mention) -> tuple[str, ...]:
        if m.value is None:
            return ()
        return self.where.get((m.dim, m.value), ())


class Grounder:
    """Indexes one FactBase for checking many texts against it."""

    def __init__(
        self, facts: FactBase, findings: Iterable[Finding] = (), examples: ExampleNumbers | None = None
    ):
        self.facts = facts
        self.examples = examples
        self.lexicon = tuple(facts.data.lexicon)
        self.findings = list(findings)
        self.flagged = {f.fact_id: f for f in self.findings if f.severity == "error" and f.fact_id}
        self.by_subject: dict[str, list[Fact]] = defaultdict(list)
        self._compat_cache: dict[tuple[str, str, str], list[Fact]] = {}
        term_subjects: dict[str, set[str]] = defaultdict(set)
        self.share_facts: list[Fact] = []
        for fact in facts:
            if fact.origin == "text":
                continue
            self.by_subject[fact.subject].append(fact)
            for term in fact.terms:
                if squeeze(term):
                    term_subjects[squeeze(term)].add(fact.subject)
            if fact.measure == "share":
                self.share_facts.append(fact)
        self.term_subjects = {t: tuple(sorted(s)) for t, s in term_subjects.items()}
        terms = sorted(self.term_subjects, key=len, reverse=True)
        firsts = "".join(sorted({re.escape(t[0]) for t in terms}))
        self.term_re = re.compile(f"(?=[{firsts}])(?:{'|'.join(map(re.escape, terms))})") if terms else None
        # numbers from free text: bound by the weighted words of their clause
        self.text_facts = [f for f in facts if f.origin == "text"]
        df: dict[str, int] = defaultdict(int)
        self._left: list[set[str]] = []
        self._right: list[set[str]] = []
        for fact in self.text_facts:
            left, _, right = fact.context.partition("\u2016")
            lb, rb = bigrams(left[-14:]), bigrams(right[:6])
            self._left.append(lb)
            self._right.append(rb)
            for g in lb | rb:
                df[g] += 1
        n = max(1, len(self.text_facts))
        self.idf = {g: math.log(1 + n / c) for g, c in df.items()}
        self.index: dict[str, list[int]] = defaultdict(list)
        for i, (lb, rb) in enumerate(zip(self._left, self._right, strict=True)):
            for g in lb | rb:
                self.index[g].append(i)
        self._norm = [
            sum(self.idf[g] for g in lb) + 0.5 * sum(self.idf[g] for g in rb)
            for lb, rb in zip(self._left, self._right, strict=True)
        ]
        self.by_dim: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            self.by_dim[fact.dim].append(fact)
        ordered = sorted(facts, key=lambda f: f.value)
        self._values = [f.value for f in ordered]
        self._ordered = ordered

    def _compatible_of(self, subject: str, m: Mention) -> list[Fact]:
        """The subject's facts a mention of this kind could state (cached: the same few kinds recur)."""
        key = (subject, m.dim, m.family)
        found = self._compat_cache.get(key)
        if found is None:
            found = self._compat_cache[key] = [f for f in self.by_subject[subject] if compatible(f, m)]
        return found

    def _by_value(self, low: Decimal, high: Decimal) -> list[Fact]:
        """Facts whose value lies in [low, high]: the only ones an interval can contain."""
        i = bisect.bisect_left(self._values, low)
        j = bisect.bisect_right(self._values, high)
        return self._ordered[i:j]

    def by_value_core(self, m: Mention) -> list[Fact]:
        """Facts with the mention's figure (for hedge mistakes: 近440 against 440余)."""
        if m.value is None:
            return []
        return [f for f in self._by_value(m.value, m.value) if compatible(f, m)]

    def _value_matches(self, m: Mention) -> list[Fact]:
        low, high, _, _ = m.interval()
        found = self._by_value(low, high)
        if m.dim == "number" and m.scale == 1:  # a bare table cell may state 万元
            found = found + self._by_value(low * 10_000, high * 10_000)
        return [f for f in found if accepts(f, m)]

    # ------------------------------------------------------------ binding

    def _window(self, doc: Doc, m: Mention) -> tuple[int, bool]:
        """Where the words a number is read with start: its sentence, or for a table cell its row."""
        line = doc.line(m.start, m.end)
        if len(line) <= len(m.text) + 8 and not squeeze(line.replace(m.text, "", 1)):  # a table cell
            return max(0, m.start - _TABLE_WINDOW), True
        return max(doc.sentence_start(m.start), m.start - 120), False

    def _structured(self, doc: Doc, m: Mention) -> tuple[list[Fact], int]:
        """Facts the label before `m` names, and how far the label is (squeezed chars)."""
        if self.term_re is None:
            return [], 999
        window_start, table = self._window(doc, m)
        return self._bind(doc, m, window_start, table) or ([], 999)

    def _bind(self, doc: Doc, m: Mention, window_start: int, table: bool) -> tuple[list[Fact], int] | None:
        assert self.term_re is not None
        squeezed, kept = doc.squeezed()
        ws, me = bisect.bisect_left(kept, window_start), bisect.bisect_left(kept, m.start)
        window = squeezed[ws:me]
        occurrences = doc.terms(self.term_re, ws, me)
        if not occurrences:
            return None
        clause_at = max(window.rfind(c) for c in "，,：:、") + 1
        clause = window[clause_at:]
        limit = len(window) if table else _BIND_DISTANCE

        if m.dim == "percent" or (m.dim == "number" and "%" in m.text):
            share_at = clause.rfind("占")
            if share_at >= 0:
                return self._share(window, clause_at + share_at, occurrences), 0
            measures = (
                {"rate"}
                if any(w in clause for w in _RATE_WORDS)
                else ({"yoy"} if any(w in clause for w in _YOY_WORDS) else None)
            )
        else:
            measures = None
        for end, term in reversed(occurrences):
            distance = len(window) - end
            if distance > limit:
                break
            if table and in_text_cell(doc.text, doc.raw_after(ws + end), m.start):
                continue  # the term sits in a prose cell or one with its own number: not this row's label
            found = [f for s in self.term_subjects[term] for f in self._compatible_of(s, m)]
            if measures:
                found = [f for f in found if f.measure in measures] or found
            if not found:
                continue
            if len(found) > 1 and table:
                column = column_measure(doc, m, doc.raw_after(ws + end))
                if column is not None:
                    found = [f for f in found if f.measure == column] or found
            if m.dim in ("money", "number") and len(found) > 1:
                found = self._narrow(found, window[end:], term)
            return found, distance
        return None

    def _share(self, window: str, share_at: int, occurrences: list[tuple[int, str]]) -> list[Fact]:
        """占…比例: the part is named before 占, the whole after it."""
        wholes = {t for end, t in occurrences if end > share_at}
        parts = [t for end, t in occurrences if end <= share_at]
        if not parts:
            return []
        part = parts[-1]
        part_subjects = set(self.term_subjects[part])
        found = [
            f
            for f in self.share_facts
            if f.subject in part_subjects
            and (not wholes or any(squeeze(w) in wholes for w in f.whole_terms) or f.origin == "data")
        ]
        return found

    def _narrow(self, found: list[Fact], gap: str, term: str = "") -> list[Fact]:
        """Measure words between the label and the number pick the figure (预算 vs 执行); the nearest wins.

        With no such word, a label that says 预算 itself (申请预算资金, 预算总金额) names the budget.
        """
        measures = {f.measure for f in found}
        if (
            "budget" in measures
            and "预算" in term
            and not any(w in gap for words in MEASURE_WORDS.values() for w in words)
        ):
            return [f for f in found if f.measure == "budget"]
        best: tuple[int, str] | None = None
        for measure, words in MEASURE_WORDS.items():
            if measure not in measures:
                continue
            at = max((gap.rfind(w) + len(w) for w in words if w in gap), default=-1)
            if at >= 0 and (best is None or at > best[0]):
                best = (at, measure)
        if best is None:
            return found
        return [f for f in found if f.measure == best[1]]

    def _textual(self, text: str, m: Mention) -> tuple[list[Fact], float]:
        """Bullet numbers whose clause words the text repeats."""
        if not self.text_facts:
            return [], 0.0
        left, right = clause_context(text, m.start, m.end)
        lb, rb = bigrams(left[-14:]), bigrams(right[:6])
        scores: dict[int, float] = defaultdict(float)
        common: list[tuple[str, float, list[set[str]]]] = []  # (bigram, weight, side) over the cap
        for g, weight, side in [(g, 1.0, self._left) for g in lb] + [(g, 0.5, self._right) for g in rb]:
            postings = self.index.get(g, ())
            if len(postings) > _POSTINGS_CAP:
                common.append((g, weight, side))
                continue
            for i in postings:
                if g in side[i]:
                    scores[i] += weight * self.idf[g]
        for i in scores:  # candidates get the common bigrams' share too: their scores stay exact
            for g, weight, side in common:
                if g in side[i]:
                    scores[i] += weight * self.idf[g]
        # only facts near the binding threshold can bind: test units for those alone
        close = _TEXT_BIND - _TEXT_TIE
        ranked = sorted(
            (r, i)
            for i, s in scores.items()
            if self._norm[i] > 0 and (r := s / self._norm[i]) >= close and compatible(self.text_facts[i], m)
        )
        ranked.reverse()
        if not ranked or ranked[0][0] < _TEXT_BIND:
            return [], ranked[0][0] if ranked else 0.0
        best = ranked[0][0]
        return [self.text_facts[i] for r, i in ranked if r >= best - _TEXT_TIE], best

    # ------------------------------------------------------------ verdicts

    def judge(self, doc: Doc | str, m: Mention) -> Verdict:
        doc = Doc(doc) if isinstance(doc, str) else doc
        text = doc.text
        sentence = text[doc.sentence_start(m.start) : doc.sentence_end(m.end)].strip()
        if not m.is_quantity:
            return self._judge_other(m, sentence)
        assert m.value is not None
        structured, _ = self._structured(doc, m)
        if not m.hedge_conflict:
            for fact in structured:
                if accepts(fact, m):
                    return self._ok(m, fact, sentence, bound=True)
        textual, _ = self._textual(text, m)
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
            )
        if bound:
            for fact in bound:
                if accepts(fact, m):
                    return self._ok(m, fact, sentence, bound=True)
            fact = bound[0]
            return self._wrong(m, fact, sentence, bound=True)
        matches = self._value_matches(m)
        if m.dim == "number" and not self._window(doc, m)[1]:
            # a bare number in prose with no label: only a unitless figure of the data can prove it
            matches = [f for f in matches if f.dim == "number"]
        if matches:
            return self._ok(m, matches[0], sentence, bound=False)
        near = [f for f in self.by_value_core(m) if same_core(f, m)]
        if near:
            return self._wrong(m, near[0], sentence, bound=False)
        if m.dim == "money" and m.scale == 1:
            slip = next((f for f in self.by_dim["money"] if f.value == m.value * 10_000), None)
            if slip is not None:
                return self._wrong(m, slip, sentence, bound=False)
        copied = self.examples.find(m) if self.examples else ()
        reason = "数据中没有这个数" + (
            f"；与示例报告 {', '.join(copied)} 中的数相同，疑为照抄示例" if copied else ""
        )
        return Verdict(m, "unsupported", reason=reason, sentence=sentence)

    def bindings(self, doc: Doc | str, m: Mention) -> list[Fact]:
        """Every fact the words around `m` bind it to (repair replaces a number only when there is one)."""
        doc = Doc(doc) if isinstance(doc, str) else doc
        structured, _ = self._structured(doc, m)
        textual, _ = self._textual(doc.text, m)
        return structured + [f for f in textual if f not in structured]

    def _ok(self, m: Mention, fact: Fact, sentence: str, bound: bool) -> Verdict:
        finding = self.flagged.get(fact.id)
        if finding is not None and finding.expected is not None and fact.origin == "data":
            scale = fact.value / finding.stated if finding.stated else Decimal(1)
            exponent = finding.expected.normalize().as_tuple().exponent
            places = max(fact.decimals or 0, -exponent if isinstance(exponent, int) else 0)
            expected = format_value(finding.expected * scale, fact.unit, min(places, 2))
            return Verdict(
                m,
                "mismatch",
                fact.id,
                fact.label,
                expected,
                finding.expected,
                fact.derivation or None,
                f"与数据一致，但数据自身有误：{finding.message}",
                bound,
                sentence,
            )
        return Verdict(
            m,
            "ok",
            fact.id,
            fact.label,
            fact.shown(),
            fact.value,
            fact.derivation or None,
            "",
            bound,
            sentence,
        )

    def _wrong(self, m: Mention, fact: Fact, sentence: str, bound: bool) -> Verdict:
        expected = self._expected(fact, m)
        if same_core(fact, m) or (
            m.hedge is not None and fact.mention is not None and overlaps(m.interval(), fact.interval())
        ):
            reason = f"约数用法与数据不符：数据为“{expected}”"
            verdict = "hedge"
        else:
            verdict = "mismatch"
            reason = f"应为 {expected}（{fact.label}）"
            if m.dim == "money" and m.value and fact.value and fact.value / m.value == 10_000:
                reason += "；单位疑误：数据为万元，文中写成元"
            copied = self.examples.find(m) if self.examples else ()
            if copied:
                reason += f"；与示例报告 {', '.join(copied)} 中的数相同，疑为照抄示例"
        return Verdict(
            m,
            verdict,
            fact.id,
            fact.label,
            expected,
            fact.value,
            fact.derivation or None,
            reason,  # type: ignore[arg-type]
            bound,
            sentence,
        )

    def _expected(self, fact: Fact, m: Mention) -> str:
        if fact.mention is not None:
            return fact.mention.text.strip()
        unit = m.unit if (m.dim == fact.dim and m.unit and fact.dim != "money") else fact.unit
        if fact.origin == "derived" or fact.dim == "percent":
            decimals = m.decimals if m.dim == fact.dim else 2
            return format_value(fact.value, unit, max(decimals, 1) if fact.dim == "percent" else decimals)
        return format_value(fact.value, unit, fact.decimals if unit == fact.unit else None)

    def _judge_other(self, m: Mention, sentence: str) -> Verdict:
        if m.kind in ("year", "period"):
            wrong = [y for y in m.years if y not in self.facts.allowed_years]
            if wrong:
                allowed = "、".join(str(y) for y in sorted(self.facts.allowed_years))
                return Verdict(
                    m,
                    "mismatch",
                    expected=str(self.facts.data.unit.year),
                    reason=f"年份 {wrong[0]} 不在数据中（报告年度及相邻年份、数据所列年份：{allowed}）",
                    sentence=sentence,
                )
            return Verdict(m, "ok", reason="年份", sentence=sentence)
        return Verdict(m, "ignored", reason=m.reason, sentence=sentence)

    def required_missing(self, verdicts: list[Verdict], required: Collection[str] | None) -> list[Finding]:
        stated = {v.fact_id for v in verdicts if v.verdict == "ok"}
        mentions = [v.mention for v in verdicts if v.mention.is_quantity and v.verdict == "ok"]
        out = []
        for fact in self.facts:
            if not fact.required or (required is not None and fact.id not in required):
                continue
            if fact.id in stated or any(accepts(fact, m) for m in mentions):
                continue
            out.append(Finding("missing", f"未写明{fact.label}（{fact.shown()}）", fact.id, None, fact.value))
        return out


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
) -> CheckResult:
    """Judge every number of `text` against `data`; also report the data's own findings and missing facts.

    `required`: ids of facts the text must state (default: every fact marked required in the data).
    Pass a Grounder (make_grounder) to reuse the indexes when checking many texts against one data file.
    """
    grounder = data if isinstance(data, Grounder) else make_grounder(data, examples)
    doc = Doc(text)
    notes = annotations(text)  # drafter's 〔已更正：原为…〕 quotes the wrong number it replaced: not a claim
    verdicts = [
        Verdict(m, "ignored", reason="drafter 的更正标注")
        if notes and inside_annotation(notes, m.start, m.end)
        else grounder.judge(doc, m)
        for m in extract(text, grounder.lexicon)
    ]
    return CheckResult(
        text=text,
        verdicts=verdicts,
        audit=list(grounder.findings),
        missing=grounder.required_missing(verdicts, required),
    )
