"""Binding that respects meaning: a table cell by its row and column, a value only with supporting words.

- A table cell (drafter.check.tables) is bound by its row label (a label term of the data, or failing
  that the name it resembles most) and by its column: the column's header names the measure (预算数,
  执行率, 分值, 年度指标值 …), and only the row's facts of that measure can prove or refute the cell.
  A cell whose unit cannot be its column's (26次 under 分值) is unreadable, never a mismatch.
- A number bound by no label may be proved by a fact of the same value only when its words support
  that fact: the measure words before it (执行率 / 占 / 同比 / 预算 / 到位 / 得分 …) must be the fact's
  measure, and its sentence must name the fact (a label term) or repeat words of the fact's clause.
  "帮助103名妇女实现就业" is not proved by "组建专家队伍103人".
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

from drafter.check.layout import Doc, bigrams, squeeze
from drafter.check.match import compatible
from drafter.check.tables import Cell, Placed, header_measure
from drafter.data.factbase import MEASURE_WORDS, Fact, clause_context, sentence_context
from drafter.numbers import Mention

if TYPE_CHECKING:
    from drafter.check.ground import Grounder

ORDINAL = "序号列"  # bind_cell's answer for a cell of the 序号 column: not a quantity
_NAME_SHARE = 0.6  # share of a name's bigrams a row label must repeat to name it
# bigrams too common in these reports to tell one fact from another
_GENERIC = frozenset(
    "支出 预算 资金 经费 完成 实际 执行 全年 年度 本年 共计 累计 合计 开展 工作 其中 情况 金额 人数 指标 "
    "项目 万元 数为 为万 达到 实现 全部 总额 部门 单位 年度 完成 情况 ".split()
)
# measures a percent's words can name, and the words (most specific first)
_PERCENT_MEASURES = (
    ("rate", ("执行率", "完成率", "执行进度", "支出率", "到位率", "预算执行", "控制率")),
    ("share", ("占比", "比重", "占")),
    ("yoy", ("同比", "上年", "去年", "增长", "增加", "下降", "减少", "增幅", "降幅")),
)
_MONEY_MEASURES = ("initial_budget", "budget", "received", "balance", "last_year")
_EQUIVALENT = {"budget": ("budget", "initial_budget"), "initial_budget": ("initial_budget", "budget")}


class NameIndex:
    """Label terms by their bigrams (an inverted index): which subject a row label resembles most."""

    def __init__(self, term_subjects: Mapping[str, tuple[str, ...]]) -> None:
        self.terms = list(term_subjects)
        self.subjects = term_subjects
        self.size = [len(bigrams(t)) for t in self.terms]
        self.index: dict[str, list[int]] = defaultdict(list)
        for k, term in enumerate(self.terms):
            for g in bigrams(term):
                self.index[g].append(k)

    def best(self, label: str) -> tuple[str, ...]:
        counts: dict[int, int] = defaultdict(int)
        for g in bigrams(label):
            for k in self.index.get(g, ()):
                counts[k] += 1
        best_k, best_share = -1, 0.0
        for k, n in counts.items():
            share = n / self.size[k] if self.size[k] >= 2 else 0.0
            if share > best_share or (
                share == best_share and best_k >= 0 and self.size[k] > self.size[best_k]
            ):
                best_k, best_share = k, share
        if best_k < 0 or best_share < _NAME_SHARE:
            return ()
        return self.subjects[self.terms[best_k]]


def row_subjects(g: Grounder, doc: Doc, placed: Placed) -> tuple[str, ...]:
    """The subjects a row's label cells name: a label term inside them, else the most alike name.

    A 合计 row names the whole its rows above are parts of (the projects' 合计 is 项目支出).
    """
    if g.term_re is None:
        return ()
    if placed.rows_above:
        parts = {s for labels in placed.rows_above for s in _label_subjects(g, doc, labels)}
        wholes = {g.whole_of[p] for p in parts if p in g.whole_of}
        return tuple(sorted(wholes)) if len(wholes) == 1 else ()
    return _label_subjects(g, doc, placed.labels)


def _label_subjects(g: Grounder, doc: Doc, labels: tuple[Cell, ...]) -> tuple[str, ...]:
    assert g.term_re is not None
    _, kept = doc.squeezed()
    for cell in labels:
        ws, we = bisect.bisect_left(kept, cell.start), bisect.bisect_left(kept, cell.end)
        occurrences = doc.terms(g.term_re, ws, we)
        if occurrences:
            _, term = max(occurrences, key=lambda o: (len(o[1]), o[0]))
            return g.term_subjects[term]
    for cell in labels:
        found = g.names.best(cell.text)
        if found:
            return found
    return ()


def bind_cell(g: Grounder, doc: Doc, m: Mention, placed: Placed) -> list[Fact] | str:
    """The facts a table cell can state (by row and column), or why it cannot be read ("" text).

    An empty list: the cell binds to nothing it can be checked against here (the prose rules decide).
    """
    if not placed.readable:
        return placed.reason
    measure = header_measure(placed.header, g.facts.data.unit.year)
    if measure == "ordinal":
        return ORDINAL
    if measure in ("text", "coefficient", "adjusted_target") or (measure or "").startswith("year:"):
        return []
    subjects = row_subjects(g, doc, placed)
    if not subjects:
        return []
    facts = [f for s in subjects for f in g.by_subject[s]]
    found = [f for f in facts if compatible(f, m)]
    if measure is None:
        return found if len({f.measure for f in found}) == 1 else []
    allowed = _EQUIVALENT.get(measure, (measure,))
    same = [f for f in found if f.measure == measure] or [f for f in found if f.measure in allowed]
    if same:
        return same
    if any(f.measure == measure for f in facts):
        return f"“{placed.header}”列的数不应是 {m.text.strip()}（单位与该列不符），无法对应"
    return []


def said_measures(clause: str, m: Mention) -> set[str]:
    """The measures the words right before a number name (执行率, 占, 同比; 预算, 到位; 分值, 得分)."""
    if m.dim == "percent":
        for measure, words in _PERCENT_MEASURES:
            if any(w in clause for w in words):
                return {measure}
        return set()
    out: set[str] = set()
    if m.dim in ("money", "number"):
        best = -1
        for measure in (*_MONEY_MEASURES, "actual"):
            at = max((clause.rfind(w) + len(w) for w in MEASURE_WORDS[measure] if w in clause), default=-1)
            if at > best:
                best, out = at, {measure}
        if "budget" in out or "initial_budget" in out:
            out = {"budget", "initial_budget"} if "年初" not in clause else {"initial_budget"}
    if m.dim in ("score", "number"):
        for measure in ("weight", "score"):
            if any(w in clause[-6:] for w in MEASURE_WORDS[measure]):
                out = {measure}
    return out


def supports(g: Grounder, doc: Doc, m: Mention, fact: Fact, table_cell: bool) -> bool:
    """Do the number's words support `fact` (found by value alone)?"""
    text = doc.text
    left, right = clause_context(text, m.start, m.end)
    said = said_measures(squeeze(left), m)
    structured = fact.measure not in ("value", "count", "target", "achieved")
    if said and structured and fact.measure not in said:
        return False
    if table_cell:
        return True  # a bare cell of a flattened table: its row label was looked for before
    # the sentence to its full stop: a clause after ； still speaks of the subject before it
    start = max(text.rfind(c, max(0, m.start - 200), m.start) for c in "。！？\n") + 1
    sentence = squeeze(text[max(start, m.start - 200) : doc.sentence_end(m.end)])
    if fact.origin == "text" and not fact.terms:
        i = g._text_at.get(fact.id)
        if i is None:
            return False
        mine = (bigrams(left[-14:]) | bigrams(right[:6])) - _GENERIC
        if mine & (g._left[i] | g._right[i]):
            return True
        # a short clause (扣2分): its sentence must repeat two words of the fact's sentence
        wide = bigrams(sentence_context(text, m.start, m.end)) - _GENERIC
        return len(wide & g.around[i]) >= 2
    if any(squeeze(t) and squeeze(t) in sentence for t in fact.terms):
        return True
    if fact.dim == "percent" and fact.origin == "derived" and said and fact.measure in said:
        return True
    words = set().union(*(bigrams(t) for t in (fact.label, *fact.terms))) - _GENERIC
    return bool(words & (bigrams(sentence) - _GENERIC))
