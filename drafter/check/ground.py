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
import dataclasses
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from drafter.check.cells import ORDINAL, NameIndex, bind_cell, enumerated, said_measures, supports
from drafter.check.layout import (
    Doc,
    bigrams,
    closed_aside,
    column_measure,
    in_text_cell,
    squeeze,
)
from drafter.check.match import accepts, accepts_as_written, compatible, overlaps, same_core
from drafter.check.names import NearNames
from drafter.check.result import CheckResult, Verdict
from drafter.check.tables import to_simplified
from drafter.data.audit import Finding, audit
from drafter.data.facts import MEASURE_WORDS, Fact, FactBase, build_facts, clause_context
from drafter.data.model import ReportData
from drafter.marks import annotations, inside_annotation
from drafter.numbers import Mention, builtin_lexicon, extract, format_value

_BIND_DISTANCE = 30  # squeezed characters between a label and its number, within a sentence
_COLUMNS_DISTANCE = 80  # an indicator's 分值/得分 may follow its 指标值 and 完成值 within the sentence
_TABLE_WINDOW = 400  # how far back a table cell looks for its row label
_TEXT_BIND = 0.55  # weighted share of a bullet number's clause words the text must repeat
_TEXT_TIE = 0.12  # bullets scoring this close to the best are bound too (the same words twice)
# Scale: a bigram shared by more bullet numbers than this names none of them (a stop-word, like 服务 or
# 人次 in a data file of thousands of bullets). It does not nominate candidates, which keeps binding
# linear in the number of figures; it still scores the candidates the rarer bigrams nominate. The
# bundled examples' longest posting is 10, so they bind exactly as without the cap.
_POSTINGS_CAP = 100

_PROSE_CELL = re.compile(r"[\u4e00-\u9fff]{2}[^|｜\n]*?[，,；;。]")  # a cell of words and clause breaks
_CELL_REST = re.compile(r"^[≥≤<>＜＞≧≦±+~/／]*$")  # a cell's figure may carry a comparison sign
# a label made of measure words only (实际支出, 全年支出) names a figure of whatever the sentence is about
_MEASURE_ONLY = re.compile(
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
_COMPARED = re.compile(r"\s*的(?:年度)?(?:指标值|目标值|目标|标准|要求|控制目标)")
_WORDS_BETWEEN = re.compile(r"[\u4e00-\u9fff]{2}")
_PARTITIVE = re.compile(r"(?:^|[^其])中(?:有|的)?$")  # X中Y: Y is a part of X
_STRONG_MEASURES = frozenset({"last_year", "budget", "initial_budget", "received", "weight", "score"})
_COUNTED = re.compile(r"^[\u4e00-\u9fff]{2}")  # the noun a count counts (4个人民法庭)
_SUMMED = re.compile(r"共计|合计|总计|共")
_TOTAL_CLAUSE = re.compile(r"^(?:共计|合计|总计|共|计)(?:为|有|达)?$")  # the clause is only "共12名"
# words a count's own clause may hold without naming another subject (年末实有 … 共 …)
_CONNECTIVES = re.compile(
    r"(?:19|20)\d\d年|年末|年底|全年|其中|共计|合计|总计|共|达到|达|为|有|计|已|累计|年度|本年|实际"
)
# an indicator's column words (实际完成, 年度指标值) name which figure of the subject, not another subject
_COLUMN_WORDS = re.compile(
    # not a bare 完成 (三级指标11个，完成10个: a part of them)
    "|".join(
        sorted(
            (w for w in MEASURE_WORDS["target"] + MEASURE_WORDS["achieved"] if len(w) >= 3),
            key=len,
            reverse=True,
        )
    )
)
_OWN_NOUN = re.compile(r"[\u4e00-\u9fff]{2}")
_JOINS = frozenset({"和", "与", "及", "以及", "、", "加"})
_NUMERAL = re.compile(r"[\d一二三四五六七八九十两百千]")
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
        if m.value is None or not m.distinctive:  # 10个 or 100% in two reports proves nothing
            return ()
        return self.where.get((m.dim, m.value), ())


class Grounder:
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
        self.term_re = re.compile(f"(?=[{firsts}])(?:{'|'.join(map(re.escape, terms))})") if terms else None
        # numbers from free text: bound by the weighted words of their clause
        self.text_facts = [f for f in facts if f.origin == "text"]
        df: dict[str, int] = defaultdict(int)
        self._left: list[set[str]] = []
        self._right: list[set[str]] = []
        for fact in self.text_facts:
            left, _, right = fact.context.partition("\u2016")
            if fact.terms and not left.strip() and not right.strip():  # a bare value (2860人): its name
                left = fact.terms[0]
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
        self._text_at = {f.id: i for i, f in enumerate(self.text_facts)}
        self.around = [bigrams(f.around) for f in self.text_facts]
        self.names = NameIndex(self.term_subjects)
        # each part's whole (a table's 合计 row is the whole of the rows above it)
        self.whole_of = {p: whole for _, whole, parts in facts.relations for p in parts}
        for subject in self.by_subject:  # indicators and their groups add up to the table's 总分
            if (
                subject.startswith(("indicators[", "indicators.level1["))
                and "." not in subject.split("]")[-1]
            ):
                self.whole_of.setdefault(subject, "indicators.total")

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
        if len(line) <= len(m.text) + 8 and _CELL_REST.match(squeeze(line.replace(m.text, "", 1))):  # a cell
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
        if m.dim == "score" and said_measures(window, m) & {"weight", "score"}:
            # 某指标年度指标值…，实际完成…，得分9.2分（分值10分）: the indicator's columns, one after another
            limit = max(limit, _COLUMNS_DISTANCE)
        elif clause and _MEASURE_ONLY.fullmatch(clause):
            # 预算资金X万元，实际支出Y万元，预算执行率Z%: a clause of measure words only goes on with the
            # sentence's subject, however far back it was named
            limit = max(limit, _COLUMNS_DISTANCE)

        if m.dim == "percent" or (m.dim == "number" and "%" in m.text):
            share_at = clause.rfind("占")
            if share_at >= 0 and not _inside_term(occurrences, clause_at + share_at):
                return self._share(doc, ws, window, clause_at + share_at, occurrences), 0
            measures = (
                {"rate"}
                if any(w in clause for w in _RATE_WORDS)
                else ({"yoy"} if any(w in clause for w in _YOY_WORDS) else None)
            )
        else:
            measures = None
        counted = _COUNTED.match(clause_context(doc.text, m.start, m.end)[1]) if m.dim == "count" else None
        whole = self._joined_whole(window, occurrences, m, clause)
        if whole is not None:
            return whole, 0
        if m.dim == "count":  # 3个科室: the noun after a count may name what it counts
            named = self.term_re.match(clause_context(doc.text, m.start, m.end)[1])
            if named and len(named.group()) >= 2:
                found = [f for s in self.term_subjects[named.group()] for f in self._compatible_of(s, m)]
                if found:
                    return found, 0
        own_words = m.dim == "count" and _OWN_NOUN.search(_CONNECTIVES.sub("", _COLUMN_WORDS.sub("", clause)))
        listed_at = window.rfind("其中", 0, clause_at)  # 其中A…、B…，实际支出X: the list has ended
        listed = listed_at >= 0 and "、" in window[listed_at:clause_at]
        for end, term in reversed(occurrences):
            distance = len(window) - end
            if distance > limit:
                break
            if table and in_text_cell(doc.text, doc.raw_after(ws + end), m.start):
                continue  # the term sits in a prose cell or one with its own number: not this row's label
            if not table and _in_prose_cell(doc.text, doc.raw_after(ws + end), m.start):
                continue  # a number in a cell of sentences is named by its own cell's words
            if closed_aside(doc.text, doc.raw_at(ws + end - len(term)), m.start):
                continue  # a term inside a closed (…) names what the aside is about, not this number
            if end <= clause_at and (own_words or (counted and counted.group() not in term)):
                continue  # 共11个内设机构，下设…4个人民法庭 / 核定编制410名，在职职工682人
            gap = window[end:]
            if _PARTITIVE.search(gap) or (listed and listed_at < end <= clause_at):
                continue  # 11项三级指标中10项: a part of it; 其中A…、B…，实际支出X: back to the subject
            if _MEASURE_ONLY.fullmatch(term) and any(
                e < end - len(term) and len(window) - e <= limit and not _MEASURE_ONLY.fullmatch(t)
                for e, t in occurrences
            ):
                continue  # “三公”经费预算18.00万元，实际支出14.62万元: 实际支出 says which figure, not whose
            found = [f for s in self.term_subjects[term] for f in self._compatible_of(s, m)]
            if table and _WORDS_BETWEEN.search(doc.text, doc.raw_after(ws + end), m.start):
                # a group's name (产出指标, 成本指标) with an indicator's cells after it: not its subtotal row
                found = [f for f in found if not f.subject.startswith("indicators.level")]
            if "系数" not in window[end:]:  # an indicator's 得分系数 only where the words say so
                found = [f for f in found if f.measure != "coefficient"]
            said = said_measures(window[end:], m) & _STRONG_MEASURES  # the words between label and number
            if said & {"budget", "initial_budget"}:
                said |= {"budget", "initial_budget"}  # a line with one budget figure answers to both names
            if said and found and not any(f.measure in said for f in found):
                continue  # 较上年171205.30元 after 因公出国（境）费0元: the measure word names another figure
            if table and m.dim == "number":
                # a bare cell of a flattened table states the row's typed figures (分值, 得分, 预算数),
                # not a number quoted in the row's prose cells
                found = [f for f in found if f.origin != "text"] or found
            column = _indicator_column(found, window[end:])
            if column is not None:  # 预算执行率年度指标值≥95%: the indicator's own target, not the rate
                found = [f for f in found if f.measure == column]
            elif measures:
                found = [f for f in found if f.measure in measures]
            if not found:
                continue
            if len(found) > 1 and table:
                column = column_measure(doc, m, doc.raw_after(ws + end))
                if column is not None:
                    found = [f for f in found if f.measure == column] or found
            if m.dim in ("money", "number") and len(found) > 1:
                found = self._narrow(found, window[end:], term, window[: end - len(term)], m)
            return found, distance
        return None

    def _joined_whole(
        self, window: str, occurrences: list[tuple[int, str]], m: Mention, clause: str
    ) -> list[Fact] | None:
        """Parts summed name their whole.

        基本支出和项目支出共计12108.42万元; 行政编制8名、事业编制4名，共12名.
        """
        if len(occurrences) < 2:
            return None
        (a_end, a), (b_end, b) = occurrences[-2], occurrences[-1]
        joined = window[a_end : b_end - len(b)] in _JOINS and _SUMMED.search(window[b_end:])
        listed = _TOTAL_CLAUSE.match(clause) and b_end <= len(window) - len(clause)
        if not (joined or listed):
            return None
        wholes = {self.whole_of[s] for t in (a, b) for s in self.term_subjects[t] if s in self.whole_of}
        if len(wholes) != 1:
            return None
        found = self._compatible_of(wholes.pop(), m)  # type: ignore[arg-type]
        if m.dim in ("money", "number") and len(found) > 1:
            found = self._narrow(found, window[b_end:])
        return found or None

    def _share(
        self, doc: Doc, ws: int, window: str, share_at: int, occurrences: list[tuple[int, str]]
    ) -> list[Fact]:
        """占…比例: the part is named before 占, the whole after it."""
        wholes = {t for end, t in occurrences if end > share_at}
        at = doc.raw_after(ws + share_at + 1) - 1  # the 占 itself
        parts = [
            t
            for end, t in occurrences
            if end <= share_at and not closed_aside(doc.text, doc.raw_after(ws + end), at)
        ]
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

    def _narrow(
        self, found: list[Fact], gap: str, term: str = "", before: str = "", m: Mention | None = None
    ) -> list[Fact]:
        """Measure words between the label and the number pick the figure (预算 vs 执行); the nearest wins.

        With no such word, a label that says 预算 itself (申请预算资金, 预算总金额) names the budget.
        """
        measures = {f.measure for f in found}
        if (
            "budget" in measures
            and "预算" in term
            and not any(w in term for w in ("预算支出", "预算执行"))  # 政府性基金预算支出 is spending
            and not any(w in gap for words in MEASURE_WORDS.values() for w in words)
        ):
            return [f for f in found if f.measure == "budget"]
        best: tuple[int, int, str] | None = None  # (end, length, measure): nearest, then longest word
        for measure, words in MEASURE_WORDS.items():
            if measure not in measures:
                continue
            at = max(((gap.rfind(w) + len(w), len(w)) for w in words if w in gap), default=None)
            if at is not None and (best is None or at > best[:2]):
                best = (*at, measure)
        if best is None:
            # 执行数20.00万元…，主要包括：妇联活动经费20.00万元: the figure the sentence was giving
            # continues; tried first, the others kept (the word may belong to another figure)
            said = said_measures(before, m) if before and m is not None else set()
            return sorted(found, key=lambda f: f.measure not in said)
        return [f for f in found if f.measure == best[2]]

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
        if m.hedge is not None and _COMPARED.match(text, m.end):
            m = dataclasses.replace(m, hedge=None, hedge_kind=None)  # 低于5%的年度指标值: 5% is the target
        placed = doc.tables().at(m.start)
        if placed is not None:
            cell = bind_cell(self, doc, m, placed)
            if cell == ORDINAL:
                return Verdict(m, "ignored", reason="序号", sentence=sentence)
            if isinstance(cell, str):
                return Verdict(m, "unreadable", reason=cell, sentence=sentence)
            if cell:
                # a stated figure (自评得分) before the same figure derived from others (指标得分合计)
                for fact in sorted(cell, key=lambda f: f.origin != "data"):
                    if accepts(fact, m) or accepts_as_written(fact, m):
                        return self._ok(m, fact, sentence, bound=True)
                return self._wrong(m, cell[0], sentence, bound=True)
        structured, _ = self._structured(doc, m)
        # a stated figure before one derived from others: the audit's verdict on it must be heard
        structured.sort(key=lambda f: f.origin != "data")
        if not m.hedge_conflict:
            for fact in structured:
                if accepts(fact, m):
                    return self._ok(m, fact, sentence, bound=True)
        textual, _ = self._textual(text, m)
        # bullets alike in words: the one with the figure as written (3000亩以上, not 3200亩) first
        textual.sort(key=lambda f: not _as_written(f, m))
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

    def bindings(self, doc: Doc | str, m: Mention) -> list[Fact]:
        """Every fact the words around `m` bind it to (repair replaces a number only when there is one)."""
        doc = Doc(doc) if isinstance(doc, str) else doc
        placed = doc.tables().at(m.start)
        if placed is not None:  # a table cell: its row and column, as judge() reads it
            cell = bind_cell(self, doc, m, placed)
            if cell == ORDINAL or isinstance(cell, str):
                return []
            if cell:
                return list(cell)
        structured, _ = self._structured(doc, m)
        textual, _ = self._textual(doc.text, m)
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


_SHARE_ONLY = re.compile(r"占(?:比|比例)?")  # a term that is the share word itself names no subject
_INDICATOR_COLUMNS = ("target", "achieved", "weight", "score")


def _as_written(fact: Fact, m: Mention) -> bool:
    """Does a bullet number read exactly as the mention (figure and hedge)?"""
    return fact.mention is not None and fact.mention.text.strip() == m.text.strip()


def _in_prose_cell(text: str, at: int, start: int) -> bool:
    """Does a cell border stand between `at` and a number whose own cell is sentences (…，办结率100%)?"""
    border = max(text.rfind("|", at, start), text.rfind("｜", at, start))
    return border >= 0 and _PROSE_CELL.search(text, border + 1, start) is not None


def _inside_term(occurrences: list[tuple[int, str]], at: int) -> bool:
    """Is squeezed position `at` part of a label term (the 占 of an indicator named 三四级手术占比)?"""
    return any(
        end - len(term) <= at < end and _SHARE_ONLY.fullmatch(term) is None for end, term in occurrences
    )


def _indicator_column(found: list[Fact], gap: str) -> str | None:
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
    verdicts = [
        Verdict(m, "ignored", reason="drafter 的更正标注")
        if notes and inside_annotation(notes, m.start, m.end)
        else grounder.judge(doc, m)
        for m in extract(read, grounder.lexicon)
    ]
    verdicts = grounder.near_names.flag(read, verdicts)
    return CheckResult(
        text=text,
        verdicts=verdicts,
        audit=list(grounder.findings),
        missing=grounder.required_missing(verdicts, required),
    )
