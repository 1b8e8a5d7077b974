"""Label binding: which facts the words before a number name.

The nearest term of the data in the number's sentence (or, for a table cell, its row) binds it; measure
words between label and number (预算/执行, 占…比例, 执行率, 同比, 指标值/实际完成/分值/得分) pick the
figure; parts joined and summed name their whole. `LabelBinder` reads the FactIndex; the bind stage
(drafter.check.binding) puts its answer into the number's Binding.

One number is read in steps: its window (the sentence, or a table row), the label terms in it; words
that name the figure outright (占…, parts summed, a count's noun); then each term back from the number,
passed over when the words say it names something else, until one names facts the number could state.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

from drafter.check.cells import said_measures
from drafter.check.figurewords import (
    COLUMN_WORDS,
    CONNECTIVES,
    MEASURE_ONLY,
    OWN_NOUN,
    TARGET_AFTER,
    goal_sentence,
    indicator_column,
    inside_column_word,
    scored_row,
    unless_a_bound,
)
from drafter.check.index import FactIndex
from drafter.check.layout import Doc, closed_aside, column_measure, in_text_cell, squeeze
from drafter.facts.build import MEASURE_WORDS, Fact, clause_context
from drafter.numbers import Mention

_BIND_DISTANCE = 30  # squeezed characters between a label and its number, within a sentence
_COLUMNS_DISTANCE = 80  # an indicator's 分值/得分 may follow its 指标值 and 完成值 within the sentence
_TABLE_WINDOW = 400  # how far back a table cell looks for its row label

_PROSE_CELL = re.compile(r"[\u4e00-\u9fff]{2}[^|｜\n]*?[，,；;。]")  # a cell of words and clause breaks
_CELL_REST = re.compile(r"^[≥≤<>＜＞≧≦±+~/／]*$")  # a cell's figure may carry a comparison sign
_WORDS_BETWEEN = re.compile(r"[\u4e00-\u9fff]{2}")
# X中Y, X中完成Y: Y is a part of X
_PARTITIVE = re.compile(r"(?:^|[^其])中(?:有|的|已?完成|达到|达标|实现)?$")
_STRONG_MEASURES = frozenset(
    {"last_year", "budget", "initial_budget", "received", "weight", "score", "deduction"}
)
# a term right after 占 (占总支出的, 占基本支出) is the whole of a share, not the sentence's subject
_SHARE_WHOLE = re.compile(r"占(?:本年|全年|当年|部门|单位)?$")
# how a unit names itself when it opens a sentence about its own budget (我局, 本单位)
_FIRST_PERSON = re.compile(r"^[我本](?:局|委|办|会|院|园|馆|站|所|中心|部门|单位|镇|乡|街道|厅|队)")
_OWN_OPENING = re.compile(r"(?:全年|年初|本年|年度)?预算")
_OPENING_YEAR = re.compile(r"^(?:(?:19|20)\d\d年度?)")
_ADJUSTED = re.compile(r"(?:年中)?(?:追加|调增|调减)[^，,；;：:]*?后|年中|调整后|调整为|追加后|最终")
_ADDED = re.compile(r"(?:追加|调增|调减|追减)$")
_PART_AFTER = re.compile(r"\s*[，,]\s*其中[：:]?\s*")
# the noun a count counts (4个人民法庭; 9个乡（镇）: one character and its bracketed alternative)
_COUNTED = re.compile(r"^(?:[\u4e00-\u9fff]{2}|[\u4e00-\u9fff](?=[（(][\u4e00-\u9fff]{1,3}[）)]))")
# a term right after a count (3个科室, 三个科室) is that count's noun
_COUNT_BEFORE = re.compile(r"[\d一二两三四五六七八九十百千][个名人项家所座处支]$")
_SUMMED = re.compile(r"共计|合计|总计|共")
_TOTAL_CLAUSE = re.compile(r"^(?:共计|合计|总计|共|计)(?:为|有|达)?$")  # the clause is only "共12名"
_JOINS = frozenset({"和", "与", "及", "以及", "、", "加"})
_RATE_WORDS = ("执行率", "完成率", "执行进度", "支出率", "到位率", "预算执行")
_YOY_WORDS = ("同比", "上年", "去年", "增长", "增加", "下降", "减少", "增幅", "降幅")


_FAR = 999  # the distance of no label at all


class Label(NamedTuple):
    """What the label before a number names: its facts, how far back, and the words that named them."""

    facts: list[Fact]
    distance: int  # squeezed characters between the label and the number (_FAR: none)
    term: str  # the label term (or the words) that named them
    in_row: bool  # the window was a flattened table's row (a bare cell), not a sentence


@dataclass(slots=True)
class _Reading:
    """The words one number is read with: its window (squeezed), the label terms in it, its clause."""

    doc: Doc
    m: Mention
    ws: int  # where the window starts in the squeezed text
    window: str
    occurrences: list[tuple[int, str]]  # label terms in the window: (end in window, term)
    clause_at: int  # where the number's own clause starts in the window
    clause: str
    limit: int  # how far back a label may stand
    table: bool
    percent: bool  # a percent (or a bare cell written with %)
    measures: set[str] | None  # a percent's measure its clause names (执行率, 同比)
    counted: re.Match[str] | None  # the noun a count counts (4个人民法庭)
    own: bool = False  # a count's clause holds words of its own
    listed_at: int = -1  # a 其中 list before the clause
    listed: bool = False
    parted: frozenset[str] = frozenset()  # subjects a 其中 right after a percent names


class LabelBinder:
    """Which facts the words before a number name, read from one FactIndex."""

    def __init__(self, index: FactIndex) -> None:
        self.term_re = index.term_re
        self.unit_names = index.unit_names
        self.term_subjects = index.term_subjects
        self.whole_of = index.whole_of
        self.share_facts = index.share_facts
        self.compatible_of = index.compatible_of

    def window(self, doc: Doc, m: Mention) -> tuple[int, bool]:
        """Where the words a number is read with start: its sentence, or for a table cell its row."""
        line = doc.line(m.start, m.end)
        if len(line) <= len(m.text) + 8 and _CELL_REST.match(squeeze(line.replace(m.text, "", 1))):  # a cell
            return max(0, m.start - _TABLE_WINDOW), True
        return max(doc.sentence_start(m.start), m.start - 120), False

    def label(self, doc: Doc, m: Mention) -> Label:
        """The facts the label before `m` names, how far the label is (squeezed chars), and its words."""
        window_start, table = self.window(doc, m)
        if self.term_re is None:
            return Label([], _FAR, "", table)
        bound = self._bind(doc, m, window_start, table)
        if bound is None and not table and m.dim == "money":
            own, words = self._own_total(doc, m)
            if own:
                return Label(own, 0, words, table)
        if bound is None:
            return Label([], _FAR, "", table)
        return Label(bound[0], bound[1], bound[2], table)

    def _own_total(self, doc: Doc, m: Mention) -> tuple[list[Fact], str]:
        """2023年我局全年预算4125.63万元，年中调整后全年预算…: the unit's own figures are its whole budget's.

        Only in a sentence the unit itself opens, and only for a clause of measure words (预算, 年初预算,
        全年支出): a sentence about an activity names its own money.
        """
        squeezed, kept = doc.squeezed()
        ss = bisect.bisect_left(kept, doc.sentence_start(m.start))
        me = bisect.bisect_left(kept, m.start)
        sentence = squeezed[ss:me]
        opened = _OPENING_YEAR.sub("", sentence, count=1)
        if (
            not any(opened.startswith(n) for n in self.unit_names)
            and not _FIRST_PERSON.match(opened)
            and not (opened != sentence and _OWN_OPENING.match(opened))  # 2023年年初预算…: no subject at all
        ):
            return [], ""
        clause = sentence[max(sentence.rfind(c) for c in "，,：:；;") + 1 :]
        for name in self.unit_names:
            clause = clause.replace(name, "")
        words = _ADJUSTED.sub("", _FIRST_PERSON.sub("", _OPENING_YEAR.sub("", clause)))
        if not words or not MEASURE_ONLY.fullmatch(words):
            return [], ""
        found = self.compatible_of("budget.total", m)
        said = said_measures(words, m)  # 年初预算数 is the 年初 figure, though it ends in 预算数
        found = [f for f in found if f.measure in said] or found
        return (self._narrow(found, words) if len(found) > 1 else found), words

    def _bind(
        self, doc: Doc, m: Mention, window_start: int, table: bool
    ) -> tuple[list[Fact], int, str] | None:
        r = self._reading(doc, m, window_start, table)
        if r is None:
            return None
        outright = self._named_outright(r)
        if outright is not None:
            return outright
        # what the words around the number say of the terms before it: a part named next, a list
        r.parted = self._part_named_after(doc, m)
        r.own = m.dim == "count" and bool(
            OWN_NOUN.search(CONNECTIVES.sub("", COLUMN_WORDS.sub("", r.clause)))
        )
        r.listed_at = r.window.rfind("其中", 0, r.clause_at)  # 其中A…、B…，实际支出X: the list has ended
        r.listed = r.listed_at >= 0 and "、" in r.window[r.listed_at : r.clause_at]
        for end, term in reversed(r.occurrences):
            distance = len(r.window) - end
            if distance > r.limit:
                break
            if self._passed_over(r, end, term):
                continue
            found = self._term_facts(r, end, term)
            if found:
                return found, distance, term
        return None

    def _reading(self, doc: Doc, m: Mention, window_start: int, table: bool) -> _Reading | None:
        """The window's words and label terms (None: no term in it)."""
        assert self.term_re is not None
        squeezed, kept = doc.squeezed()
        ws, me = bisect.bisect_left(kept, window_start), bisect.bisect_left(kept, m.start)
        window = squeezed[ws:me]
        occurrences = doc.terms(self.term_re, ws, me)
        if not occurrences:
            return None
        clause_at = (
            max(
                window.rfind("，"),
                window.rfind(","),
                window.rfind("："),
                window.rfind(":"),
                window.rfind("、"),
            )
            + 1
        )
        clause = window[clause_at:]
        limit = len(window) if table else _BIND_DISTANCE
        if m.dim == "score" and said_measures(window, m) & {"weight", "score"}:
            # 某指标年度指标值…，实际完成…，得分9.2分（分值10分）: the indicator's columns, one after another
            limit = max(limit, _COLUMNS_DISTANCE)
        elif clause and MEASURE_ONLY.fullmatch(clause):
            # 预算资金X万元，实际支出Y万元，预算执行率Z%: a clause of measure words only goes on with the
            # sentence's subject, however far back it was named
            limit = max(limit, _COLUMNS_DISTANCE)
        measures = None
        percent = m.dim == "percent" or (m.dim == "number" and "%" in m.text)
        if percent:
            if any(w in clause for w in _RATE_WORDS):
                measures = {"rate"}
            elif any(w in clause for w in _YOY_WORDS):
                measures = {"yoy"}
        counted = _COUNTED.match(clause_context(doc.text, m.start, m.end)[1]) if m.dim == "count" else None
        return _Reading(
            doc, m, ws, window, occurrences, clause_at, clause, limit, table, percent, measures, counted
        )

    def _named_outright(self, r: _Reading) -> tuple[list[Fact], int, str] | None:
        """Words that name the figure whatever the nearest term: 占…, parts summed, a count's noun."""
        assert self.term_re is not None
        m = r.m
        if r.percent:
            share_at = r.clause.rfind("占")
            if share_at >= 0 and not _inside_term(r.occurrences, r.clause_at + share_at):
                return self._share(r.doc, r.ws, r.window, r.clause_at + share_at, r.occurrences), 0, "占"
        whole = self._joined_whole(r.window, r.occurrences, m, r.clause)
        if whole is not None:
            return whole, 0, r.occurrences[-1][1]
        if m.dim == "count":  # 3个科室: the noun after a count may name what it counts
            named = self.term_re.match(clause_context(r.doc.text, m.start, m.end)[1])
            if named and len(named.group()) >= 2:
                found = [f for s in self.term_subjects[named.group()] for f in self.compatible_of(s, m)]
                if found:
                    return found, 0, named.group()
        return None

    def _passed_over(self, r: _Reading, end: int, term: str) -> bool:
        """Is the term at window[end - len(term):end] not this number's label, by where it stands or by
        what the words between it and the number say?"""
        doc, m, window = r.doc, r.m, r.window
        if inside_column_word(window, end, term):
            return True  # 指标 inside 年度指标值: the column's word, not a label named 指标
        if r.table and in_text_cell(doc.text, doc.raw_after(r.ws + end), m.start):
            return True  # the term sits in a prose cell or one with its own number: not this row's label
        if not r.table and _in_prose_cell(doc.text, doc.raw_after(r.ws + end), m.start):
            return True  # a number in a cell of sentences is named by its own cell's words
        if r.parted and set(self.term_subjects[term]) <= r.parted:
            return True  # 执行率97.45%，其中财政拨款执行率97.30%: the part named next is not this one's
        before = end - len(term)
        if closed_aside(doc.text, doc.raw_at(r.ws + before), m.start):
            return True  # a term inside a closed (…) names what the aside is about, not this number
        # the words between the term and the number say the term names something else:
        if end <= r.clause_at and (r.own or (r.counted and r.counted.group() not in term)):
            return True  # 共11个内设机构，下设…4个人民法庭 / 核定编制410名，在职职工682人
        if r.counted and r.counted.group() not in term and _COUNT_BEFORE.search(window, 0, before):
            return True  # 9个科室和6个分局: 科室 is what 9个 counts; 6个 counts its own 分局
        if _ADDED.search(window, 0, before) and not _PARTITIVE.search(window[end:]):
            return True  # 年中追加项目资金后全年预算…: what was added, not whose budget
        if end <= r.clause_at and _SHARE_WHOLE.search(window, 0, before):
            return True  # 占总支出的51.95%，全年预算652.30万元: a share's whole, not the subject
        if _PARTITIVE.search(window[end:]) or (r.listed and r.listed_at < end <= r.clause_at):
            return True  # 11项三级指标中10项: a part of it; 其中A…、B…，实际支出X: back to the subject
        # “三公”经费预算18.00万元，实际支出14.62万元: 实际支出 says which figure, not whose; but a score's
        # 预算执行率10分 is a row of the 评分表 of its own
        return bool(
            MEASURE_ONLY.fullmatch(term)
            and not scored_row(term, m)
            and any(
                e < before and len(window) - e <= r.limit and not MEASURE_ONLY.fullmatch(t)
                for e, t in r.occurrences
            )
        )

    def _term_facts(self, r: _Reading, end: int, term: str) -> list[Fact]:
        """The facts of the term's subjects the number could state, as the words between them pick."""
        doc, m, window, gap = r.doc, r.m, r.window, r.window[end:]
        found = [f for s in self.term_subjects[term] for f in self.compatible_of(s, m)]
        if r.table and _WORDS_BETWEEN.search(doc.text, doc.raw_after(r.ws + end), m.start):
            # a group's name (产出指标, 成本指标) with an indicator's cells after it: not its subtotal row
            found = [f for f in found if not f.subject.startswith("indicators.level")]
        if "系数" not in gap:  # an indicator's 得分系数 only where the words say so
            found = [f for f in found if f.measure != "coefficient"]
        said = said_measures(gap, m) & _STRONG_MEASURES  # the words between label and number
        if said & {"budget", "initial_budget"}:
            said |= {"budget", "initial_budget"}  # a line with one budget figure answers to both names
        if said and found and not any(f.measure in said for f in found):
            return []  # 较上年171205.30元 after 因公出国（境）费0元: the measure word names another figure
        if r.table and m.dim == "number":
            # a bare cell of a flattened table states the row's typed figures (分值, 得分, 预算数),
            # not a number quoted in the row's prose cells
            found = [f for f in found if f.origin != "text"] or found
        column = _column_named(r, gap, found)
        if column is not None:  # 预算执行率年度指标值≥95%: the indicator's own target, not the rate
            found = [f for f in found if f.measure == column]
        elif r.measures:
            found = [f for f in found if f.measure in r.measures]
        elif not r.table:
            found = unless_a_bound(found, doc.text, m)
        if not found:
            return []
        if len(found) > 1 and r.table:
            column = column_measure(doc, m, doc.raw_after(r.ws + end))
            if column is not None:
                found = [f for f in found if f.measure == column] or found
        if m.dim in ("money", "number") and len(found) > 1:
            found = self._narrow(found, gap, term, window[: end - len(term)], m)
        return found

    def _part_named_after(self, doc: Doc, m: Mention) -> frozenset[str]:
        """The subjects a 其中 right after a percent names (97.45%，其中财政拨款执行率97.30%)."""
        if m.dim != "percent" or self.term_re is None:
            return frozenset()
        after = _PART_AFTER.match(doc.text, m.end)
        if after is None:
            return frozenset()
        named = self.term_re.match(squeeze(doc.text[after.end() : after.end() + 40]))
        return frozenset(self.term_subjects[named.group()]) if named else frozenset()

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
        found = self.compatible_of(wholes.pop(), m)  # type: ignore[arg-type]
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


def _column_named(r: _Reading, gap: str, found: list[Fact]) -> str | None:
    """The indicator column the words name: 指标值/实际完成 between label and number, 的控制目标 after
    it, or a sentence of goals (年度总体目标：…)."""
    column = indicator_column(found, gap)
    if (
        column is None
        and TARGET_AFTER.match(r.doc.text, r.m.end)
        and any(f.measure == "target" for f in found)
    ):
        column = "target"  # 成本1160元，低于1200元的控制目标: the words after 1200 name it the goal
    if column is None and goal_sentence(r.doc, r.m, found):
        column = "target"  # 年度总体目标：…门急诊人次不低于42万人次: a sentence of goals
    return column


_SHARE_ONLY = re.compile(r"占(?:比|比例)?")  # a term that is the share word itself names no subject


def _in_prose_cell(text: str, at: int, start: int) -> bool:
    """Does a cell border stand between `at` and a number whose own cell is sentences (…，办结率100%)?"""
    border = max(text.rfind("|", at, start), text.rfind("｜", at, start))
    return border >= 0 and _PROSE_CELL.search(text, border + 1, start) is not None


def _inside_term(occurrences: list[tuple[int, str]], at: int) -> bool:
    """Is squeezed position `at` part of a label term (the 占 of an indicator named 三四级手术占比)?"""
    return any(
        end - len(term) <= at < end and _SHARE_ONLY.fullmatch(term) is None for end, term in occurrences
    )
