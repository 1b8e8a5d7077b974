"""Building the fact base of a ReportData: typed figures, numbers in its texts, and what follows from them.

The types (`Fact`, `FactBase`) live in drafter.facts.factbase and the primitives that add a fact in
drafter.facts.builder; this module is the path of the data through them (`build_facts`), and decides
which facts a data file has. Derived facts come from the data's structure (each line's 执行率 and 结余,
each part's 占比 in its whole, wholes computed from their parts, 同比, per-person figures, staff rates,
score totals), never from searching combinations of numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.data.model import ReportData
from drafter.facts.builder import FactBuilder, decimals_of
from drafter.facts.derivations import budget_facts, score_facts, staff_facts
from drafter.facts.details import details_facts
from drafter.facts.factbase import MEASURE_WORDS, Fact, FactBase, Origin, clause_context
from drafter.facts.finance import finance_facts
from drafter.numbers import extract, hedged
from drafter.text.script import to_simplified

__all__ = [
    "MEASURE_WORDS",
    "TITLE_AFTER_YEAR",
    "Fact",
    "FactBase",
    "Origin",
    "build_facts",
    "clause_context",
    "dates_in",
    "label_measure",
    "source_texts",
]


def build_facts(data: ReportData) -> FactBase:
    """All facts of `data`: typed figures, numbers in its texts, and what follows from them.

    Data in traditional characters is read as simplified (the checker reads report texts the same
    way), so 預算 in either names the same fact. The steps, in order (the order of the facts is the
    order the checker meets them in): the budget's lines and relations, staff, the 自评表's scores, the
    finance figures, the detail figures (drafter.facts.details), the `facts:` list, the numbers in the
    free texts, and the years the data names.
    """
    data = _simplified(data)
    b = FactBuilder(data)
    budget_facts(b, data)
    staff_facts(b, data)
    score_facts(b, data)
    finance_facts(b, data)
    details_facts(b, data)
    _listed_facts(b, data)
    texts = list(source_texts(data))
    _text_facts(b, data, texts)
    b.base.allowed_years = b.years(t for _, t in texts)
    b.base.title_years = frozenset(
        int(m.group(1))
        for _, t in texts
        for m in _TITLED_YEAR.finditer(t)
        if TITLE_AFTER_YEAR.match(t, m.end())
    )
    b.base.dates = frozenset(d for _, t in texts for d in dates_in(t))
    return b.base


_DATE = re.compile(
    r"(?<!\d)(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号](?:\s*[至到—–~－-]\s*(\d{1,2})\s*[日号])?)?"
)


def dates_in(text: str) -> Iterator[tuple[int, int | None]]:
    """The dates of a text as (month, day), and each month it names as (month, None): 10月15日至17日
    gives (10, None), (10, 15) and (10, 17). A drafted date must be one of the data's (check.years)."""
    for m in _DATE.finditer(text):
        month = int(m.group(1))
        if not 1 <= month <= 12:
            continue
        yield month, None
        for day in (m.group(2), m.group(3)):
            if day is not None and 1 <= int(day) <= 31:
                yield month, int(day)


# The report's own name after its year (2021年度部门整体支出绩效自评报告, 2021年整体绩效自评表, 2021部门整体
# 绩效自评报告): a year so placed is the year the report evaluates. The data's texts may name another
# year's report so (针对2020年度部门整体支出绩效自评发现的问题…): that year is then said why (title_years).
TITLE_AFTER_YEAR = re.compile(
    r"\s*(?:年\s*)?度?[^。；;，,、\n]{0,30}?"
    r"(?:部门整体支出|整体支出绩效|整体绩效|绩效自评|自评报告|自评表|绩效评价报告)"
)
_TITLED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _listed_facts(b: FactBuilder, data: ReportData) -> None:
    """The `facts:` list: figures with no typed home, each named by its label (and its stem's measure)."""
    for fact in data.facts:
        stem, measure = label_measure(fact.label, fact.unit)
        # value in base units; a hedge (1300余个) makes it the interval the words mean
        m = next((x for x in extract(hedged(f"{fact.value}", fact.unit, fact.hedge)) if x.is_quantity), None)
        b.base.add(
            Fact(
                id=f"facts.{fact.id}",
                label=fact.label,
                value=m.value if m and m.value is not None else fact.value,
                unit=fact.unit,
                dim=m.dim if m else "number",
                family=m.family if m else "",
                decimals=decimals_of(fact.value),
                subject=f"facts:{stem}" if stem else f"facts.{fact.id}",
                measure=measure,
                terms=tuple(dict.fromkeys((fact.label, *fact.aliases, *((stem,) if stem else ())))),
                mention=m if m is not None and fact.hedge else None,
                source=f"facts.{fact.id}",
            )
        )


def _text_facts(b: FactBuilder, data: ReportData, texts: list[tuple[str, str]]) -> None:
    """Numbers in the free texts; an indicator's value columns are figures of that indicator."""
    for path, text in texts:
        column = _INDICATOR_COLUMN.match(path)
        if column:
            ind = data.indicators[int(column.group(1))]
            measure = "target" if column.group(2) == "target" else "achieved"
            if ind.unit and _BARE_FIGURE.match(text):
                text = text.strip() + ind.unit  # 1.5 under 计量单位 万元/人 is 1.5万元/人, not the number 1.5
            b.text(path, text, f"indicators[{column.group(1)}]", measure, (ind.name,))
        else:
            b.text(path, text)


# Words that end a `facts:` label and say which figure of its subject it is: “三公”经费预算 / “三公”经费
# 实际支出 / “三公”经费上年 are three figures of one subject, so measure words pick among them.
_LABEL_MEASURES = (
    ("年初预算数", "initial_budget"),
    ("年初预算", "initial_budget"),
    ("预算数", "budget"),
    ("预算", "budget"),
    ("实际支出", "actual"),
    ("支出数", "actual"),
    ("决算数", "actual"),
    ("执行数", "actual"),
    ("实际", "actual"),
    ("支出", "actual"),
    ("上年支出", "last_year"),
    ("上年数", "last_year"),
    ("上年", "last_year"),
    ("执行率", "rate"),
    ("控制率", "rate"),
    ("完成率", "rate"),
    ("下降", "yoy"),
    ("增长", "yoy"),
    ("同比", "yoy"),
    ("较上年下降", "yoy"),
    ("减少", "yoy"),
    ("为预算的", "rate"),
    ("实际执行", "actual"),
    ("执行", "actual"),
    ("占比", "share"),
)
_LABEL_MEASURES = tuple(sorted(_LABEL_MEASURES, key=lambda wm: -len(wm[0])))  # 上年支出 before 支出
_SQUEEZE_LABEL = re.compile(r"[\s“”\"‘’'「」『』《》〈〉（）()\[\]【】·]")


def label_measure(label: str, unit: str) -> tuple[str, str]:
    """A `facts:` label's subject stem and measure (“三公”经费预算 -> 三公经费, budget), or ("", "value")."""
    squeezed = _SQUEEZE_LABEL.sub("", label)
    for word, measure in _LABEL_MEASURES:
        if squeezed.endswith(word) and len(squeezed) - len(word) >= 2:
            stem = squeezed[: -len(word)]
            if measure == "yoy":
                measure = "yoy" if unit == "%" else "yoy_diff"
                # 三公经费比上年减少 / 较上年同期增长: the comparison is no part of the subject's name
                compared = _COMPARED.search(stem)
                if compared and compared.start() >= 2:
                    stem = stem[: compared.start()]
            return stem, measure
    return "", "value"


_BARE_FIGURE = re.compile(r"^\s*[≥≤<>=＞＜≧≦]?\s*\d[\d,]*(?:\.\d+)?\s*$")  # a value cell without its unit
_COMPARED = re.compile(r"(?:(?:比|较|与)(?:上年|去年|上一年)(?:同期)?(?:相比)?|同比)$")


_INDICATOR_COLUMN = re.compile(r"^indicators\[(\d+)\]\.(target|actual)$")


def _simplified(data: ReportData) -> ReportData:
    raw = data.model_dump(mode="python", by_alias=True)
    changed = False

    def walk(node: object) -> object:
        nonlocal changed
        if isinstance(node, str):
            out = to_simplified(node)
            changed = changed or out != node
            return out
        if isinstance(node, list):
            return [walk(x) for x in node]
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        return node

    converted = walk(raw)
    return ReportData.model_validate(converted) if changed else data


def source_texts(data: ReportData) -> Iterator[tuple[str, str]]:
    """(field path, text) of every free-text field whose numbers are data."""
    for i, s in enumerate(data.duties):
        yield f"duties[{i}]", s
    for i, s in enumerate(data.staff.notes):
        yield f"staff.notes[{i}]", s
    for name in ("target", "achieved"):
        for i, s in enumerate(getattr(data.goals, name)):
            yield f"goals.{name}[{i}]", s
    for i, s in enumerate(data.plans):
        yield f"plans[{i}]", s
    yield from _indicator_texts(data)
    yield from _activity_texts(data)
    for name in ("awards", "problems", "improvements", "other_notes"):
        for i, s in enumerate(getattr(data, name)):
            yield f"{name}[{i}]", s
    for i, st in enumerate(data.statements):
        yield f"statements[{i}]", st.text
    for i, p in enumerate(data.budget.projects):
        if p.description:
            yield f"budget.projects[{i}].description", p.description


def _indicator_texts(data: ReportData) -> Iterator[tuple[str, str]]:
    for i, ind in enumerate(data.indicators):
        for name in ("name", "target", "actual", "deviation"):
            if getattr(ind, name):
                yield f"indicators[{i}].{name}", getattr(ind, name)


def _activity_texts(data: ReportData) -> Iterator[tuple[str, str]]:
    for t, theme in enumerate(data.activities):
        yield f"activities[{t}].title", theme.title
        for i, s in enumerate(theme.bullets):
            yield f"activities[{t}].bullets[{i}]", s
