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

The label binding lives in drafter.check.binding, the bullet-word index in drafter.check.textindex,
table cells in drafter.check.cells; this module judges.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from decimal import Decimal

from drafter.audit.rules import Finding, audit, parts_figures
from drafter.check.binding import TARGET_AFTER, LabelBinding, unless_a_bound
from drafter.check.cells import ORDINAL, UNSTATED, NameIndex, bind_cell, enumerated, supports
from drafter.check.cellspan import within_cells
from drafter.check.claims import (
    bullets_that_prove,
    goal_column,
    label_in_own_clause,
    on_side,
    one_figure_per_fact,
)
from drafter.check.examples import ExampleNumbers
from drafter.check.layout import (
    Doc,
    squeeze,
)
from drafter.check.match import (
    accepts,
    accepts_as_written,
    accepts_change,
    as_fall,
    compatible,
    overlaps,
    same_core,
)
from drafter.check.names import NearNames
from drafter.check.partlists import flag_part_lists
from drafter.check.result import CheckResult, Verdict
from drafter.check.tables import to_simplified
from drafter.check.textindex import ACHIEVED, TARGET, TEXT_BIND, TEXT_TIE, TextIndex
from drafter.check.wholes import speaks_of_whole, whole_clause
from drafter.check.years import misdated
from drafter.data.model import ReportData
from drafter.facts.build import Fact, FactBase, build_facts
from drafter.numbers import Mention, builtin_lexicon, extract, format_value
from drafter.numbers.parts import contradictions
from drafter.text.marks import annotations, inside_annotation

_AS_WRITTEN_SCORE = 0.9  # a bullet's clause words repeated almost all: the data's own sentence
_COMPARED = re.compile(r"\s*的(?:年度)?(?:指标值|目标值|目标|标准|要求|控制目标)")
_AS_OF_BEFORE = re.compile(r"(?:截至|截止|截止到|截至到)\s*$")
_YEAR_END = re.compile(r"\s*年?\s*(?:12\s*月\s*31\s*日|底|末)")
_YEAR_IN = re.compile(r"(?:19|20)\d\d(?=\s*年)")
_NUMERAL = re.compile(r"[\d一二三四五六七八九十两百千]")


class Grounder(LabelBinding):
    """Indexes one FactBase for checking many texts against it."""

    def __init__(
        self, facts: FactBase, findings: Iterable[Finding] = (), examples: ExampleNumbers | None = None
    ):
        self.facts = facts
        self.examples = examples
        # names in the data with numerals in them (残疾人两项补贴, 指标1：…) are names in the text too
        named = sorted(
            {t for f in facts if f.origin != "text" for t in f.terms if _NUMERAL.search(t) and len(t) >= 3}
        )
        self.lexicon: dict[str, list[str]] = {
            "user lexicon": list(facts.data.lexicon),
            "name in the data": named,
        }
        self._near_names: NearNames | None = None
        self.findings = list(findings)
        for fact in parts_figures(facts, self.findings):  # a mistyped total's right figure
            if facts.get(fact.id) is None:
                facts.add(fact)
        self.flagged = {f.fact_id: f for f in self.findings if f.severity == "error" and f.fact_id}
        grade = self.flagged.get("self_evaluation.grade")
        if grade is not None:  # a grade that does not follow the score: the printed score is in question too
            self.flagged.setdefault("self_evaluation.score", grade)
        self.by_subject: dict[str, list[Fact]] = defaultdict(list)
        self._compat_cache: dict[tuple[str, str, str], list[Fact]] = {}
        term_subjects: dict[str, set[str]] = defaultdict(set)
        self.share_facts: list[Fact] = []
        for fact in facts:
            if fact.origin == "text" and fact.measure not in ("target", "achieved"):
                continue  # an indicator's 年度指标值/实际完成值 are also figures of the indicator
            self.by_subject[fact.subject].append(fact)
            for term in fact.terms:
                # a name the data ends with 。 is written without it in a table cell or a clause
                term = squeeze(term).rstrip("。；;.")
                if term:
                    term_subjects[term].add(fact.subject)
            if fact.measure == "share":
                self.share_facts.append(fact)
        self.term_subjects = {t: tuple(sorted(s)) for t, s in term_subjects.items()}
        terms = sorted(self.term_subjects, key=len, reverse=True)
        firsts = "".join(sorted({re.escape(t[0]) for t in terms}))
        unit = facts.data.unit
        names = (unit.name, unit.short_name, *unit.aliases)
        self.unit_names = tuple(sorted({squeeze(n) for n in names if n}, key=len, reverse=True))
        self.term_re = re.compile(f"(?=[{firsts}])(?:{'|'.join(map(re.escape, terms))})") if terms else None
        self._whole_clause = whole_clause(facts.data)
        # numbers from free text: bound by the weighted words of their clause
        self.text_index = TextIndex([f for f in facts if f.origin == "text"])
        self.by_dim: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            self.by_dim[fact.dim].append(fact)
        ordered = sorted(facts, key=lambda f: f.value)
        self._values = [f.value for f in ordered]
        self._ordered = ordered
        self.names = NameIndex(self.term_subjects)
        # each part's whole (a table's 合计 row is the whole of the rows above it)
        self.whole_of = {p: whole for _, whole, parts in facts.relations for p in parts}
        for subject in self.by_subject:  # indicators and their groups add up to the table's 总分
            if (
                subject.startswith(("indicators[", "indicators.level1["))
                and "." not in subject.split("]")[-1]
            ):
                self.whole_of.setdefault(subject, "indicators.total")

    def speaks_of_whole(self, clause: str) -> bool:
        """Does a clause (squeezed) name only the unit itself and measure words (部门年初预算)?"""
        return speaks_of_whole(self._whole_clause, clause, self.term_re)

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

    def _value_matches(self, m: Mention, fall: Mention | None = None) -> list[Fact]:
        low, high, _, _ = m.interval()
        found = self._by_value(low, high)
        if m.dim == "number" and m.scale == 1:  # a bare table cell may state 万元
            found = found + self._by_value(low * 10_000, high * 10_000)
        if fall is not None:  # 下降10.48%: a signed change of -10.48
            low, high, _, _ = fall.interval()
            found = found + self._by_value(low, high)
        return [f for f in found if accepts_change(f, m, fall)]

    # ------------------------------------------------------------ verdicts

    def judge(self, doc: Doc | str, m: Mention) -> Verdict:
        doc = Doc(doc) if isinstance(doc, str) else doc
        text = doc.text
        sentence = text[doc.sentence_start(m.start) : doc.sentence_end(m.end)].strip()
        if not m.is_quantity:
            stale = self._stale_as_of(text, m, sentence)
            return stale if stale is not None else self._judge_other(m, sentence)
        assert m.value is not None
        if m.hedge is not None and TARGET_AFTER.match(text, m.end):
            m = dataclasses.replace(m, hedge=None, hedge_kind=None)  # 低于5%的年度指标值: 5% is the target
        fall = as_fall(text, m)
        placed = doc.tables().at(m.start)
        if placed is not None:
            cell = bind_cell(self, doc, m, placed)
            if cell == ORDINAL:
                return Verdict(m, "ignored", reason="序号", sentence=sentence)
            if cell == UNSTATED:
                return Verdict(m, "unsupported", reason=f"{UNSTATED}（{placed.header}）", sentence=sentence)
            if isinstance(cell, str):
                return Verdict(m, "unreadable", reason=cell, sentence=sentence)
            if cell:
                # a stated figure (自评得分) before the same figure derived from others (指标得分合计)
                for fact in sorted(cell, key=lambda f: f.origin != "data"):
                    if accepts_change(fact, m, fall) or accepts_as_written(fact, m):
                        return self._ok(m, fact, sentence, bound=True)
                return self._wrong(m, cell[0], sentence, bound=True)
        structured, distance = self._structured(doc, m)
        if label_in_own_clause(self, doc, m, structured, distance):
            structured = []  # 2型糖尿病患者规范管理率72.8%: its clause's words, not an earlier label
        side = goal_column(doc, m)  # | 预期目标 | 实际完成情况 |: the cell's column says goal or result
        structured = on_side(structured, side)
        # a stated figure before one derived from others: the audit's verdict on it must be heard
        structured.sort(key=lambda f: f.origin != "data")
        # a figure written exactly is the fact it equals (总分 100 is the 分值), not another it rounds (99.77)
        structured.sort(key=lambda f: f.value != m.value)
        if not m.hedge_conflict:
            for fact in structured:
                if accepts_change(fact, m, fall):
                    exact = self._bullet_as_written(text, m) if fact.value != m.value else None
                    return self._ok(m, exact or fact, sentence, bound=True)
        textual, _ = self.text_index.match(text, m)
        # bullets alike in words: the one with the figure as written (3000亩以上, not 3200亩) first
        textual.sort(key=lambda f: not _as_written(f, m))
        textual = on_side(bullets_that_prove(self, m, structured, textual), side)  # not 计划4次 by 实际4次
        if placed is None:
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
            )
        if bound:
            for fact in bound:
                if accepts_change(fact, m, fall):
                    return self._ok(m, fact, sentence, bound=True)
            for fact in bound:
                right = self._corrected(fact)
                if right is not None and accepts(right, m):
                    # 3.58万元 where the data's 3.68 disagrees with its parts (3.58): the text is right
                    return Verdict(
                        m,
                        "ok",
                        fact.id,
                        fact.label,
                        right.shown(),
                        right.value,
                        None,
                        f"与数据审核的更正值一致（{self.flagged[fact.id].message}）",
                        True,
                        sentence,
                    )
            # not in a goal table's 预期目标 column: there the column, not the words, says it is the goal
            paired = self._achieved_of(text, m, structured, textual) if side != "target" else None
            if paired is not None:
                return self._ok(m, paired, sentence, bound=True)
            fact = bound[0]
            return self._wrong(m, fact, sentence, bound=True)
        matches = self._value_matches(m, fall)
        table_cell = self._window(doc, m)[1]
        if m.dim == "number" and not table_cell:
            # a bare number in prose with no label: only a unitless figure of the data can prove it
            matches = [f for f in matches if f.dim == "number"]
        listed = enumerated(text, m)
        if listed is not None:
            return Verdict(m, "ok", reason=f"文中列举了{listed}项", sentence=sentence)
        # a value alone proves nothing: the words around the number must support the fact
        supported = [f for f in matches if supports(self, doc, m, f, table_cell)]
        supported.sort(key=lambda f: (not _as_written(f, m), f.value != m.value))  # 扣2分 is 2分, not 1.5分
        if supported:
            return self._ok(m, supported[0], sentence, bound=False)
        if matches:
            fact = matches[0]
            return Verdict(
                m,
                "unsupported",
                fact_id=fact.id,
                fact_label=fact.label,
                reason=f"数据中有此数（{fact.label}），但本句没有写明它所指的事项"
                "（若确指此项，可在数据中为它加别名 aliases）",
                sentence=sentence,
            )
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

    def _achieved_of(self, text: str, m: Mention, structured: list[Fact], textual: list[Fact]) -> Fact | None:
        """The achieved figure of the goal whose words bind a number to its target.

        满意度95.8% repeats the words of the goal 满意度不低于90% more closely than those of the result
        问卷调查满意度95.8%: a goal and its result share their words, so a figure bound to a goal's
        target it does not state is proved by the result's figure named by the same words.
        """
        if structured or not textual or not all(TARGET.match(f.source) for f in textual):
            return None
        near, _ = self.text_index.match(text, m, floor=TEXT_BIND - TEXT_TIE)
        return next((f for f in near if ACHIEVED.match(f.source) and accepts(f, m)), None)

    def _bullet_as_written(self, text: str, m: Mention) -> Fact | None:
        """The data's own sentence, copied: a bullet figure written as the mention, its words repeated.

        年度总体目标：…网络零售额达到3亿元以上 is the goal's 3亿, not the 3.4亿 achieved that 以上 also holds.
        """
        found, score = self.text_index.match(text, m)
        if score < _AS_WRITTEN_SCORE:
            return None
        return next((f for f in found if _as_written(f, m) and f.value == m.value), None)

    def bindings(self, doc: Doc | str, m: Mention) -> list[Fact]:
        """Every fact the words around `m` bind it to (repair replaces a number only when there is one)."""
        doc = Doc(doc) if isinstance(doc, str) else doc
        placed = doc.tables().at(m.start)
        if placed is not None:  # a table cell: its row and column, as judge() reads it
            cell = bind_cell(self, doc, m, placed)
            if cell in (ORDINAL, UNSTATED) or isinstance(cell, str):
                return []
            if cell:
                return list(cell)
        structured, _ = self._structured(doc, m)
        textual, _ = self.text_index.match(doc.text, m)
        return structured + [f for f in textual if f not in structured]

    def _ok(self, m: Mention, fact: Fact, sentence: str, bound: bool) -> Verdict:
        finding = self.flagged.get(fact.id)
        if finding is not None and finding.expected is None and fact.origin == "data":
            return Verdict(
                m,
                "mismatch",
                fact.id,
                fact.label,
                None,
                None,
                None,
                f"与数据一致，但数据自身有误：{finding.message}",
                bound,
                sentence,
            )
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

    def _corrected(self, fact: Fact) -> Fact | None:
        """The data figure as the audit says it should be (the sum of its parts), if it is in question."""
        finding = self.flagged.get(fact.id)
        if finding is None or finding.expected is None or not finding.stated or fact.origin != "data":
            return None
        value = finding.expected * (fact.value / finding.stated)  # the finding speaks in the data's unit
        return dataclasses.replace(fact, value=value, mention=None)

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

    def _stale_as_of(self, text: str, m: Mention, sentence: str) -> Verdict | None:
        """截至2022年12月31日 in a report on 2023: the figures it dates are the report year's.

        Only where the sentence names no other year (截至2022年底累计建成…，2023年新增… compares two).
        """
        year = self.facts.data.unit.year
        if m.kind != "year" or m.years != (year - 1,):
            return None
        if not (_AS_OF_BEFORE.search(text, max(0, m.start - 4), m.start) and _YEAR_END.match(text, m.end)):
            return None
        if len(set(_YEAR_IN.findall(sentence))) > 1:
            return None
        return Verdict(
            m,
            "mismatch",
            expected=str(year),
            reason=f"截至日期应为报告年度末（{year}年12月31日）：本报告是{year}年度的自评",
            sentence=sentence,
        )

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

    @property
    def near_names(self) -> NearNames:
        """The data's numbered names, to catch one changed numeral (built on first use)."""
        if self._near_names is None:
            words = "\n".join(w for f in self.facts for w in (f.label, f.context, *f.terms))
            known = [t for t, _ in builtin_lexicon()] + self.lexicon["name in the data"]
            self._near_names = NearNames(
                [*self.facts.data.lexicon, *self.lexicon["name in the data"]], known, words
            )
        return self._near_names

    def required_missing(self, verdicts: list[Verdict], required: Collection[str] | None) -> list[Finding]:
        # a fact stated wrongly is reported once, as the mismatch, not a second time as missing
        stated = {v.fact_id for v in verdicts if v.verdict in ("ok", "mismatch", "hedge") and v.fact_id}
        mentions = [v.mention for v in verdicts if v.mention.is_quantity and v.verdict == "ok"]
        out = []
        for fact in self.facts:
            if not fact.required or (required is not None and fact.id not in required):
                continue
            if fact.id in stated or any(accepts(fact, m) for m in mentions):
                continue
            out.append(Finding("missing", f"未写明{fact.label}（{fact.shown()}）", fact.id, None, fact.value))
        return out


def _listed_parts(text: str, mentions: list[Mention], verdicts: list[Verdict]) -> list[Verdict]:
    """A total its own 其中…其他 list cannot add up to is wrong, whatever the data says of it."""
    found = {c.whole.start: c for c in contradictions(text, mentions)}
    if not found:
        return verdicts
    out = []
    for v in verdicts:
        c = found.get(v.mention.start)
        if c is not None and v.verdict == "ok" and v.mention is c.whole:
            v = Verdict(
                v.mention,
                "hedge" if v.mention.hedge else "mismatch",
                expected=c.total(),
                reason=c.message(),
                sentence=v.sentence,
            )
        out.append(v)
    return out


def _as_written(fact: Fact, m: Mention) -> bool:
    """Does a bullet number read exactly as the mention (figure and hedge)?"""
    return fact.mention is not None and fact.mention.text.strip() == m.text.strip()


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
    read = to_simplified(text)  # 預算 reads as 预算; one character for one, so spans stay valid
    doc = Doc(read)
    notes = annotations(read)  # drafter's 〔已更正：原为…〕 quotes the wrong number it replaced: not a claim
    mentions = within_cells(read, extract(read, grounder.lexicon), doc.tables(), grounder.lexicon)
    verdicts = [
        Verdict(m, "ignored", reason="drafter 的更正标注")
        if notes and inside_annotation(notes, m.start, m.end)
        else grounder.judge(doc, m)
        for m in mentions
    ]
    verdicts = _listed_parts(read, mentions, verdicts)
    verdicts = misdated(doc, verdicts, grounder.facts.data.unit.year)
    verdicts = grounder.near_names.flag(read, verdicts)
    verdicts = flag_part_lists(read, verdicts)
    verdicts = one_figure_per_fact(grounder, doc, verdicts)  # 全年支出X，较上年Y: Y's words claim 上年
    return CheckResult(
        text=text,
        verdicts=verdicts,
        audit=list(grounder.findings),
        missing=grounder.required_missing(verdicts, required),
    )
