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
import re
from dataclasses import dataclass

from drafter.check.causes import Cause
from drafter.check.columns import YEAR_HEADER, header_measure
from drafter.check.index import FactIndex
from drafter.check.layout import Doc, bigrams, squeeze
from drafter.check.match import compatible
from drafter.check.measurerows import measure_row_cell
from drafter.check.tablelines import Cell, Placed
from drafter.facts.factbase import MEASURE_WORDS, Fact, clause_context, sentence_context
from drafter.numbers import Mention


@dataclass(frozen=True, slots=True)
class CellFault:
    """A table cell that states no figure of the data: why (a code) and how to say it."""

    cause: Cause
    reason: str


ORDINAL = CellFault(Cause.ORDINAL_COLUMN, "序号")  # a cell of the 序号 column: not a quantity
UNSTATED = "数据中没有本行这一列的数"  # an indicator column the row's subject lacks
_DIGITS = re.compile(r"\d")
_WHOLE = "budget.total"  # a multi-year table's rows without a subject are the unit's whole budget
# bigrams too common in these reports to tell one fact from another
_GENERIC = frozenset(
    "支出 预算 资金 经费 完成 实际 执行 全年 年度 本年 共计 累计 合计 开展 工作 其中 情况 金额 人数 指标 "
    "项目 万元 数为 为万 达到 实现 全部 总额 部门 单位 年度 完成 情况 ".split()
)
# words of a bullet's clause a number found by value must repeat: one shared bigram (服务, 新建) is
# a coincidence (另新建线上服务平台6个 is not 新建省级示范妇女儿童之家2个's clause)
_TEXT_WORDS = 2
# the measure words' own bigrams (年初, 预算, 执行 …) say which figure, not which subject
_MEASURE_BIGRAMS = frozenset(g for words in MEASURE_WORDS.values() for w in words for g in bigrams(w))
# measures a percent's words can name, and the words (most specific first)
_PERCENT_MEASURES = (
    ("rate", ("执行率", "完成率", "执行进度", "支出率", "到位率", "预算执行", "控制率")),
    ("share", ("占比", "比重", "占")),
    ("yoy", ("同比", "上年", "去年", "增长", "增加", "下降", "减少", "增幅", "降幅")),
)
_PROSE_CELL = re.compile(r"[\u4e00-\u9fff]{2}[^|｜\n]*?[，,；;。]")  # words, then a clause break
_CHANGE_AFTER = re.compile(r"(?:同期)?(?:相比)?[，,]?(?:有所)?(?:增加|减少|增长|下降|增支|减支|节约)了?$")
_MONEY_MEASURES = ("initial_budget", "budget", "received", "balance", "last_year")
_MONEY_WORDS = tuple((m, MEASURE_WORDS[m]) for m in (*_MONEY_MEASURES, "actual"))
_SCORE_WORDS = tuple((m, MEASURE_WORDS[m]) for m in ("weight", "score", "deduction"))
_EQUIVALENT = {"budget": ("budget", "initial_budget"), "initial_budget": ("initial_budget", "budget")}


def row_subjects(g: FactIndex, doc: Doc, placed: Placed, fuzzy: bool = True) -> tuple[str, ...]:
    """The subjects a row's label cells name: a label term inside them, else the most alike name.

    A 合计 row names the whole its rows above are parts of (the projects' 合计 is 项目支出).
    """
    if g.term_re is None:
        return ()
    if placed.rows_above:
        parts = {s for labels in placed.rows_above for s in _label_subjects(g, doc, labels)}
        group = _indicator_group(g, parts)
        if group:
            return group
        wholes = {g.whole_of[p] for p in parts if p in g.whole_of}
        if wholes == {"indicators.total"}:
            # the indicator table's 合计 is their sum, or the form's 总分 where it also counts the
            # 预算执行率 row of the funds table above it (权重 10 + 90 = 100)
            return ("indicators.total", "self_evaluation")
        return tuple(sorted(wholes)) if len(wholes) == 1 else ()
    found = _label_subjects(g, doc, placed.labels, fuzzy)
    if not found and placed.labels and _WHOLE_ROW.fullmatch(squeeze(placed.labels[-1].text)):
        return _titled_project(g, doc, placed.cell.start)
    return found


# a 项目支出绩效自评表 opens with 项目名称 | X; its 年度资金总额 row is X's money
_PROJECT_TITLE = re.compile(r"项目名称[ \t\u3000|｜:：]*([^\n|｜]+)")
_WHOLE_ROW = re.compile(r"(?:年度)?(?:项目)?资金总额(?:合计)?")
_PARTS_OPENER = re.compile(r"^\s*其中\s*[：:]?")
_TITLE_REACH = 800  # characters back from a cell to its table's title


def _titled_project(g: FactIndex, doc: Doc, at: int) -> tuple[str, ...]:
    """The project a table's 项目名称 line names, when that line stands just above the cell."""
    assert g.term_re is not None
    title_at = doc.text.rfind("项目名称", max(0, at - _TITLE_REACH), at)
    if title_at < 0:
        return ()
    title = _PROJECT_TITLE.match(doc.text, title_at)
    if title is None:
        return ()
    name = squeeze(title.group(1))
    named = [t.group() for t in g.term_re.finditer(name)]
    subjects = {s for t in named if len(t) * 2 >= len(name) for s in g.term_subjects[t]}
    projects = {s for s in subjects if s.startswith("budget.projects[")}
    return tuple(projects) if len(projects) == 1 else ()


_INDICATOR = re.compile(r"^indicators\[(\d+)\]$")


def _indicator_group(g: FactIndex, parts: set[str]) -> tuple[str, ...]:
    """The 一级/二级指标 group whose subtotal a row of these indicators adds up to (none: not one group).

    A 小计 under 产出指标's rows is 产出指标's 分值/得分 subtotal, not the whole table's.
    """
    indices = [int(m.group(1)) for p in parts if (m := _INDICATOR.match(p))]
    indicators = g.facts.data.indicators
    if not indices or len(indices) != len(parts) or max(indices) >= len(indicators):
        return ()
    found = []
    for level in ("level1", "level2"):
        order = list(dict.fromkeys(getattr(ind, level) for ind in indicators if getattr(ind, level)))
        names = {getattr(indicators[i], level) for i in indices}
        if len(names) == 1 and (name := names.pop()) and len(order) > 1:
            found.append(f"indicators.{level}[{order.index(name)}]")
    return tuple(s for s in found if s in g.by_subject)


def _label_subjects(g: FactIndex, doc: Doc, labels: tuple[Cell, ...], fuzzy: bool = True) -> tuple[str, ...]:
    assert g.term_re is not None
    _, kept = doc.squeezed()
    for cell in labels:
        ws, we = bisect.bisect_left(kept, cell.start), bisect.bisect_left(kept, cell.end)
        occurrences = doc.terms(g.term_re, ws, we)
        if occurrences:
            _, term = max(occurrences, key=lambda o: (len(o[1]), o[0]))
            return g.term_subjects[term]
    for cell in labels if fuzzy else ():
        found = g.names.best(cell.text)
        if found:
            return found
    return ()


def bind_cell(g: FactIndex, doc: Doc, m: Mention, placed: Placed) -> list[Fact] | CellFault:
    """The facts a table cell can state (by row and column), or why it states none of the data's.

    An empty list: the cell binds to nothing it can be checked against here (the prose rules decide).
    """
    if not placed.readable:
        return CellFault(placed.cause or Cause.CELL_OVERFLOW, placed.reason)
    if _PROSE_CELL.search(doc.text, placed.cell.start, m.start):
        return []  # a cell of sentences (全年收集立案提案168件，办结率100%): its own words name the figure
    year = g.facts.data.unit.year
    measure = header_measure(placed.header, year)
    if measure == "ordinal":
        return ORDINAL
    if measure == "adjusted_target":
        # 调整指标值: the indicator's adjusted target where the data states one, never its first target
        subjects = row_subjects(g, doc, placed)
        adjusted = [f for s in subjects for f in g.by_subject[s] if ".adjusted_target" in f.id]
        return [f for f in adjusted if compatible(f, m)] or adjusted[:1]
    if measure == "text":
        return []
    column_year = YEAR_HEADER.match(squeeze(placed.header))
    if column_year:
        return _year_cell(g, doc, m, placed, int(column_year.group(1)))
    swapped = measure_row_cell(g, placed, m, year) if measure is None else None
    if swapped is not None:
        return swapped  # 年初预算数 | 280.00 under 财政拨款: the fund line's 年初预算数
    subjects = row_subjects(g, doc, placed)
    if not subjects:
        return _row_and_column(g, placed, m)
    facts = [f for s in subjects for f in g.by_subject[s]]
    found = [f for f in facts if compatible(f, m)]
    if measure is None:
        found = [f for f in found if f.measure != "coefficient"]
        return found if len({f.measure for f in found}) == 1 else []
    if measure == "target":  # 年度指标值: the first target, not the adjusted one beside it
        found = [f for f in found if ".adjusted_target" not in f.id] or found
    allowed = _EQUIVALENT.get(measure, (measure,))
    same = [f for f in found if f.measure == measure] or [f for f in found if f.measure in allowed]
    if same:
        return same
    if any(f.measure == measure for f in facts):
        return CellFault(
            Cause.CELL_UNIT, f"“{placed.header}”列的数不应是 {m.text.strip()}（单位与该列不符），无法对应"
        )
    if measure == "target" and placed.exact and not any(f.measure in ("target", "achieved") for f in facts):
        # the 年度指标值 of a row whose subject is no indicator (预算执行率 | 100% | 97.78%): the data
        # has no such figure, and the row's other figures (its 执行率) are not this one
        return CellFault(Cause.CELL_NOT_IN_DATA, f"{UNSTATED}（{placed.header}）")
    return _row_and_column(g, placed, m)


_UNIT_NOTE = re.compile(r"[（(][^（）()]*[）)]")


def _row_and_column(g: FactIndex, placed: Placed, m: Mention) -> list[Fact]:
    """The `facts:` figure a row's name and its column's header name together (部门决策 | 得分率 is
    部门决策得分率, 合计 | 得分率 is 合计得分率): a table of figures the data lists one by one."""
    column = squeeze(_UNIT_NOTE.sub("", placed.header))
    if not column:
        return []
    for cell in placed.labels:
        subjects = g.term_subjects.get(squeeze(cell.text) + column, ())
        found = [f for s in subjects for f in g.by_subject[s] if compatible(f, m)]
        if found:
            return found
    return []


def _year_cell(
    g: FactIndex, doc: Doc, m: Mention, placed: Placed, column_year: int
) -> list[Fact] | CellFault:
    """A cell of a multi-year table (项目 | 2021年 | 2022年 | 2023年): rows name the figures.

    The report year's column states the row's figure of its subject (the unit's whole budget when the
    row names only a measure: 全年预算数); the year before, for a 执行数 row, its 上年数; any other year
    a `facts:` figure named by the year and the row (2021年全年执行数).
    """
    row = "".join(c.text for c in reversed(placed.labels))
    measure = header_measure(row)
    year = g.facts.data.unit.year
    if column_year == year or (column_year == year - 1 and measure in (None, "actual")):
        subjects = row_subjects(g, doc, placed, fuzzy=False) or (_WHOLE,)
        found = [f for s in subjects for f in g.by_subject[s] if compatible(f, m)]
        if column_year != year:
            found = [f for f in found if f.measure == "last_year"]
        elif measure is not None:
            found = [f for f in found if f.measure in _EQUIVALENT.get(measure, (measure,))] or [
                f for f in found if f.measure in ("count", "value", "score") and not f.origin == "derived"
            ]
        if found:
            return found
    joined = squeeze(f"{column_year}年{_PARTS_OPENER.sub('', row)}")  # 2021年 + 其中：基本支出
    if g.term_re is not None:
        terms = [t.group() for t in g.term_re.finditer(joined)]
        if terms:
            term = max(terms, key=len)
            found = [f for s in g.term_subjects[term] for f in g.by_subject[s] if compatible(f, m)]
            if measure is not None and len({f.measure for f in found}) > 1:
                found = [f for f in found if f.measure == measure] or found
            return _of_year(found, column_year, year, placed)
    subjects = g.names.best(joined)
    found = [f for s in subjects for f in g.by_subject[s] if compatible(f, m)]
    return _of_year(found, column_year, year, placed)


def _of_year(found: list[Fact], column_year: int, year: int, placed: Placed) -> list[Fact] | CellFault:
    """The facts a cell of another year's column may state: 2022年实有人数 is no figure of the
    report year's 实有人数 (a transposed table: fields as rows, years as columns); where the row's
    field has no figure of that year in the data, the cell states none of the data's."""
    if column_year == year:
        return found
    kept = [f for f in found if f.measure == "last_year" or str(column_year) in f.label]
    if found and not kept:
        return CellFault(Cause.CELL_NOT_IN_DATA, f"{UNSTATED}（{placed.header}）")
    return kept


def said_measures(clause: str, m: Mention) -> set[str]:
    """The measures the words right before a number name (执行率, 占, 同比; 预算, 到位; 分值, 得分)."""
    if m.dim == "percent":
        for measure, words in _PERCENT_MEASURES:
            for w in words:
                if w in clause:
                    return {measure}
        return set()
    out: set[str] = set()
    if m.dim in ("money", "number"):
        best = (-1, 0)  # (end, length): the nearest word, then the longest (上年支出 over 支出)
        for measure, words in _MONEY_WORDS:  # an earlier measure wins a tie
            for w in words:
                i = clause.rfind(w)
                if i >= 0 and (i + len(w), len(w)) > best:
                    best, out = (i + len(w), len(w)), {measure}
        if out == {"last_year"} and _CHANGE_AFTER.match(clause, best[0]):
            out = {"yoy_diff"}  # 比上年减少0.24万元 is the change, not last year's figure
        if "budget" in out or "initial_budget" in out:
            out = {"budget", "initial_budget"} if "年初" not in clause else {"initial_budget"}
    if m.dim in ("score", "number"):
        tail = clause[-6:]
        for measure, words in _SCORE_WORDS:  # 扣 last: 得分扣0.5分 is a deduction
            for w in words:
                if w in tail:
                    out = {measure}
                    break
    return out


def _alike(shared: set[str]) -> bool:
    """Two bigrams only when they join into a word of three (农村幸福院 -> 农村, 村幸): two loose ones
    (新建 … 服务) are found in clauses about different things (另新建线上服务平台8个 beside
    新建农村幸福院8个，居家养老服务覆盖…)."""
    if len(shared) > _TEXT_WORDS:
        return True
    return len(shared) == _TEXT_WORDS and any(a[1] == b[0] for a in shared for b in shared if a != b)


def supports(g: FactIndex, doc: Doc, m: Mention, fact: Fact, table_cell: bool) -> bool:
    """Do the number's words support `fact` (found by value alone)?"""
    text = doc.text
    left, right = clause_context(text, m.start, m.end)
    clause = squeeze(left)
    for term in fact.terms:  # 上年结转 names the fact; its 上年 is no measure word
        clause = clause.replace(squeeze(term), "")
    said = said_measures(clause, m)
    if fact.measure == "coefficient" and "系数" not in squeeze(left):
        return False
    structured = fact.measure not in ("value", "count", "target", "achieved")
    if said and structured and fact.measure not in said:
        return False
    if table_cell:
        return True  # a bare cell of a flattened table: its row label was looked for before
    # its paragraph up to the sentence's end: a paragraph's first sentence often names its topic
    # (“妇联活动经费”项目目标完成情况。年初预算为25万元…), and a clause after ； speaks of it still
    start = text.rfind("\n", max(0, m.start - 300), m.start) + 1
    sentence = squeeze(text[max(start, m.start - 300) : doc.sentence_end(m.end)])
    if fact.origin == "text" and not fact.terms:
        i = g.text_index.at.get(fact.id)
        if i is None:
            return False
        mine = (bigrams(left[-14:]) | bigrams(right[:6])) - _GENERIC
        if _alike(mine & (g.text_index.left[i] | g.text_index.right[i])):
            return True
        # a short clause (扣2分): its sentence must repeat two words of the fact's sentence
        wide = bigrams(sentence_context(text, m.start, m.end)) - _GENERIC - bigrams(m.unit or "")
        own = len(wide & g.text_index.around[i])
        # the sentence copies another bullet's sentence more closely (扣3分 in 投入情况's own words
        # beside 产出情况's 扣3分): it speaks of that bullet's figure, not of this one found by value
        rival = max((len(wide & a) for j, a in enumerate(g.text_index.around) if j != i), default=0)
        return _alike(wide & g.text_index.around[i]) and rival <= own
    # its own sentence, up to the last full stop (a clause after ； reads with the one before it:
    # 其中员额法官32人；聘用制书记员26人)
    lo = max(start, m.start - 300)
    own_start = max(lo, *(text.rfind(c, lo, m.start) + 1 for c in "。！？!?"))
    own = squeeze(text[own_start : doc.sentence_end(m.end)])
    if any(squeeze(t) and squeeze(t) in own for t in fact.terms):
        return True
    # beyond its own sentence, the paragraph speaks for a number only when its clause says the
    # fact's measure (年初预算为25万元 under a project's topic sentence): an invented sentence
    # (另帮助24人实现就业创业) must not borrow a fact its paragraph named elsewhere
    borrow = bool(said) and fact.measure in said
    if borrow and any(squeeze(t) and squeeze(t) in sentence for t in fact.terms):
        return True
    if fact.subject in ("budget.total", "budget.spending") and said and g.speaks_of_whole(clause):
        return True  # 2023年部门实际支出12108.42万元: a sentence naming no line speaks of the unit's whole
    if fact.dim == "percent" and fact.origin == "derived" and said and fact.measure in said:
        return True
    # a text figure's label quotes its clause: only its subject's name speaks for it
    named = fact.terms if fact.origin == "text" else (fact.label, *fact.terms)
    words = set().union(*(bigrams(t) for t in named)) - _GENERIC - _MEASURE_BIGRAMS
    shared = words & (bigrams(sentence if borrow else own) - _GENERIC)
    if fact.origin == "text":  # a bullet's figure: its subject's name and its clause, two words at least
        i = g.text_index.at.get(fact.id)
        clause_words = (g.text_index.left[i] | g.text_index.right[i]) - _GENERIC if i is not None else set()
        return len(shared | (clause_words & bigrams(own))) >= _TEXT_WORDS
    return bool(shared)


_ITEMS = re.compile(r"[、和及与]")
_ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)")


def enumerated(text: str, m: Mention) -> int | None:
    """A count of the items its clause lists just before it: 分前期准备、自评实施、撰写报告三个阶段.

    The text proves such a count itself (three names, 三个). Only small counts of plain items (no
    figure among them, two to twelve) are read so; anything else is left to the data.
    """
    if m.dim != "count" or m.value is None or not 2 <= m.value <= 12 or m.hedge is not None:
        return None
    start = max(text.rfind(c, max(0, m.start - 160), m.start) for c in "。；;：:，,\n") + 1
    left = _ASIDE.sub("", text[start : m.start])
    items = [x for x in _ITEMS.split(left) if x.strip()]
    if len(items) < 2 or any(_DIGITS.search(x) for x in items):
        return None
    return len(items) if len(items) == m.value else None
