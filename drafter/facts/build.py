"""Building the fact base of a ReportData: typed figures, numbers in its texts, and what follows from them.

The types (`Fact`, `FactBase`) live in drafter.facts.factbase; this module decides which facts a data
file has. Derived facts come from the data's structure (each line's 执行率 and 结余, each part's 占比
in its whole, wholes computed from their parts, 同比, per-person figures, staff rates, score totals),
never from searching combinations of numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from drafter.data.model import Money, ReportData
from drafter.facts.derivations import budget_facts, score_facts, staff_facts
from drafter.facts.factbase import (
    HUNDRED,
    MEASURE_WORDS,
    WAN,
    Fact,
    FactBase,
    Origin,
    clause_context,
    sentence_context,
)
from drafter.facts.finance import finance_facts
from drafter.numbers import Dim, extract, hedged
from drafter.text.script import to_simplified

__all__ = ["MEASURE_WORDS", "Fact", "FactBase", "Origin", "build_facts", "clause_context"]

_FIGURE_NAMES = {
    "budget": "预算数",
    "initial_budget": "年初预算数",
    "received": "到位数",
    "actual": "执行数",
    "last_year": "上年数",
}
_STATED_NAMES = {"rate": "执行率", "share": "占比", "yoy_rate": "同比增减率"}
_UNITS: dict[Dim, tuple[str, str]] = {"percent": ("%", "percent"), "score": ("分", "score")}


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    return part / whole * HUNDRED


Part = tuple[str, Money, tuple[str, ...]]  # (path, line, naming words)


class _Builder:
    def __init__(self, data: ReportData) -> None:
        self.data = data
        self.base = FactBase(data)
        self.scale = WAN if data.budget.unit == "万元" else Decimal(1)
        self.unit = data.budget.unit
        self.lexicon = tuple(data.lexicon)

    def add(
        self,
        fid: str,
        label: str,
        value: Decimal,
        dim: Dim,
        subject: str,
        measure: str,
        terms: tuple[str, ...],
        *,
        origin: Origin = "data",
        derivation: str = "",
        decimals: int | None = None,
        whole_terms: tuple[str, ...] = (),
        required: bool = False,
        unit: str = "",
        family: str = "",
    ) -> None:
        """One fact; money `value`s are given in the data's unit (万元) and stored in 元."""
        if dim == "money":
            value, unit, family = value * self.scale, self.unit, "money"
        elif dim in _UNITS:
            unit, family = _UNITS[dim]
        self.base.add(
            Fact(
                id=fid,
                label=label,
                value=value,
                unit=unit,
                dim=dim,
                family=family,
                decimals=decimals,
                origin=origin,
                subject=subject,
                measure=measure,
                terms=terms,
                whole_terms=whole_terms,
                derivation=derivation,
                source=fid if origin == "data" else "",
                required=required,
            )
        )

    def stated(
        self,
        fid: str,
        label: str,
        value: Decimal,
        dim: Dim,
        subject: str,
        measure: str,
        terms: tuple[str, ...],
        required: bool = False,
    ) -> None:
        self.add(
            fid, label, value, dim, subject, measure, terms, decimals=_decimals(value), required=required
        )

    def derived(
        self,
        fid: str,
        label: str,
        value: Decimal,
        dim: Dim,
        subject: str,
        measure: str,
        terms: tuple[str, ...],
        derivation: str,
        whole_terms: tuple[str, ...] = (),
    ) -> None:
        self.add(
            fid,
            label,
            value,
            dim,
            subject,
            measure,
            terms,
            origin="derived",
            derivation=derivation,
            whole_terms=whole_terms,
        )

    def count(
        self,
        fid: str,
        label: str,
        terms: tuple[str, ...],
        value: int | Decimal,
        unit: str,
        family: str,
        origin: Origin = "data",
        derivation: str = "",
        required: bool = False,
    ) -> None:
        self.add(
            fid,
            label,
            Decimal(value),
            "count",
            fid,
            "count",
            terms,
            origin=origin,
            derivation=derivation,
            decimals=0,
            required=required,
            unit=unit,
            family=family,
        )

    def line(
        self, path: str, line: Money, default: tuple[str, tuple[str, ...]] | None, required: bool = False
    ) -> tuple[str, ...]:
        """Facts of one money line: its figures, stated rates, and the rates computed from them."""
        name = line.label or (default[0] if default else path)
        defaults = (default[0], *default[1]) if default else ()
        scored = ("预算执行率", "预算执行") if line.weight is not None else ()  # the 自评表's 资金 row
        terms = tuple(dict.fromkeys((name, *line.aliases, *defaults, *scored)))
        for figure, value in line.figures().items():
            self.stated(
                f"{path}.{figure}",
                name + _FIGURE_NAMES[figure],
                value,
                "money",
                path,
                figure,
                terms,
                required=required and figure == "actual",
            )
        for field_name, value in (("rate", line.rate), ("share", line.share), ("yoy_rate", line.yoy_rate)):
            if value is not None:
                measure = "yoy" if field_name == "yoy_rate" else field_name
                self.stated(
                    f"{path}.{field_name}",
                    f"{name}{_STATED_NAMES[field_name]}（表列）",
                    value,
                    "percent",
                    path,
                    measure,
                    terms,
                )
        for field_name, word in (("weight", "分值"), ("score", "得分")):
            value = getattr(line, field_name)
            if value is not None:
                self.stated(f"{path}.{field_name}", name + word, value, "score", path, field_name, terms)
        if line.yoy_amount is not None:  # 同比增减额 as stated (a fall may be given as its size)
            self.stated(
                f"{path}.yoy_amount",
                f"{name}同比增减额（表列）",
                line.yoy_amount,
                "money",
                path,
                "yoy_diff",
                terms,
            )
        if (
            line.actual is not None
            and line.budget
            and line.initial_budget
            and line.budget != line.initial_budget
        ):
            self.derived(  # provinces that take 执行率 of the 年初预算 (outline scoring.rate_of)
                f"{path}.rate_initial~",
                f"{name}执行率（按年初预算）",
                _pct(line.actual, line.initial_budget),
                "percent",
                path,
                "rate",
                terms,
                f"执行数 {line.actual} / 年初预算数 {line.initial_budget} × 100%",
            )
        budget = line.budget if line.budget is not None else line.initial_budget
        budget_name = "预算数" if line.budget is not None else "年初预算数"
        if line.actual is not None and budget:
            self.derived(
                f"{path}.rate~",
                f"{name}执行率",
                _pct(line.actual, budget),
                "percent",
                path,
                "rate",
                terms,
                f"执行数 {line.actual} / {budget_name} {budget} × 100%",
            )
            self.derived(
                f"{path}.balance~",
                f"{name}预算结余",
                budget - line.actual,
                "money",
                path,
                "balance",
                terms,
                f"{budget_name} {budget} − 执行数 {line.actual}",
            )
        if line.received is not None and budget:
            self.derived(
                f"{path}.received_rate~",
                f"{name}到位率",
                _pct(line.received, budget),
                "percent",
                path,
                "rate",
                terms,
                f"到位数 {line.received} / {budget_name} {budget} × 100%",
            )
        if line.actual is not None and line.last_year:
            diff = line.actual - line.last_year
            self.derived(
                f"{path}.yoy~",
                f"{name}同比增减率",
                _pct(diff, line.last_year),
                "percent",
                path,
                "yoy",
                terms,
                f"(执行数 {line.actual} − 上年数 {line.last_year}) / {line.last_year} × 100%",
            )
            self.derived(
                f"{path}.yoy_diff~",
                f"{name}同比增减额",
                abs(diff),
                "money",
                path,
                "yoy_diff",
                terms,
                f"|执行数 {line.actual} − 上年数 {line.last_year}|",
            )
        return terms

    def relation(
        self,
        whole_path: str,
        whole: Money | None,
        whole_terms: tuple[str, ...],
        parts: list[Part],
        derived_name: str | None = None,
        partial: bool = False,
    ) -> None:
        """Shares of each part in the whole, and the whole itself when only the parts are given.

        A `partial` list (the report names only some parts, 其中…) is no sum: its total is neither
        checked against the whole nor derived, and shares are taken of a stated whole only.
        """
        if not parts:
            return
        for figure in ("budget", "actual", "initial_budget"):
            values = [getattr(p, figure) for _, p, _ in parts]
            if any(v is None for v in values):
                continue
            total = sum(values, Decimal(0))
            stated = getattr(whole, figure) if whole is not None else None
            if partial and not stated:
                continue
            if not partial:
                self.base.relations.append((figure, whole_path, tuple(path for path, _, _ in parts)))
            if stated is None and derived_name and len(parts) > 1:
                self.derived(
                    f"{whole_path}.{figure}~",
                    derived_name + _FIGURE_NAMES[figure],
                    total,
                    "money",
                    whole_path,
                    figure,
                    whole_terms,
                    " + ".join(str(v) for v in values),
                )
            base = stated if stated else total
            if not base:
                continue
            for (path, _, terms), value in zip(parts, values, strict=True):
                self.derived(
                    f"{path}.share_{figure}~",
                    f"{terms[0]}占{whole_terms[0]}比例",
                    _pct(value, base),
                    "percent",
                    path,
                    "share",
                    terms,
                    f"{terms[0]} {value} / {whole_terms[0]} {base} × 100%",
                    whole_terms,
                )

    def text(
        self, path: str, text: str, subject: str = "", measure: str = "value", terms: tuple[str, ...] = ()
    ) -> None:
        """Numbers inside free text become facts bound to their clause.

        An indicator's 年度指标值 / 实际完成值 are also figures of the indicator (`subject`, `measure`
        target / achieved, named by its `terms`), so a table cell under that column binds to them.
        """
        for i, m in enumerate(m for m in extract(text, self.lexicon) if m.is_quantity):
            assert m.value is not None
            left, right = clause_context(text, m.start, m.end)
            shown = m.text.strip()
            self.base.add(
                Fact(
                    id=f"{path}#{i + 1}",
                    label=f"{shown}（{left[-12:]}{shown}{right[:6]}）",
                    value=m.value,
                    unit=m.unit,
                    dim=m.dim,
                    family=m.family,
                    decimals=m.decimals,
                    origin="text",
                    subject=subject or f"{path}#{i + 1}",
                    measure=measure,
                    terms=terms,
                    mention=m,
                    context=left + "\u2016" + right,
                    around=sentence_context(text, m.start, m.end),
                    source=path,
                )
            )

    def years(self, texts: Iterable[str]) -> frozenset[int]:
        d = self.data
        years = {d.unit.year - 1, d.unit.year, d.unit.year + 1, *d.years}
        if d.staff.authorized_year:
            years.add(d.staff.authorized_year)
        for period in d.periods:
            years.update(int(y) for y in re.findall(r"(?:19|20)\d\d", period))
        for text in texts:
            for m in extract(text, self.lexicon):
                years.update(m.years)
        return frozenset(years)


def build_facts(data: ReportData) -> FactBase:
    """All facts of `data`: typed figures, numbers in its texts, and what follows from them.

    Data in traditional characters is read as simplified (the checker reads report texts the same
    way), so 預算 in either names the same fact.
    """
    data = _simplified(data)
    b = _Builder(data)
    budget_facts(b, data)
    staff_facts(b, data)
    score_facts(b, data)
    finance_facts(b, data)
    for fact in data.facts:  # figures with no typed home
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
                decimals=_decimals(fact.value),
                subject=f"facts:{stem}" if stem else f"facts.{fact.id}",
                measure=measure,
                terms=tuple(dict.fromkeys((fact.label, *fact.aliases, *((stem,) if stem else ())))),
                mention=m if m is not None and fact.hedge else None,
                source=f"facts.{fact.id}",
            )
        )
    texts = list(_texts(data))
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
    b.base.allowed_years = b.years(t for _, t in texts)
    return b.base


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


def _texts(data: ReportData) -> Iterator[tuple[str, str]]:
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
    for i, ind in enumerate(data.indicators):
        for name in ("name", "target", "actual", "deviation"):
            if getattr(ind, name):
                yield f"indicators[{i}].{name}", getattr(ind, name)
    for t, theme in enumerate(data.activities):
        yield f"activities[{t}].title", theme.title
        for i, s in enumerate(theme.bullets):
            yield f"activities[{t}].bullets[{i}]", s
    for name in ("awards", "problems", "improvements", "other_notes"):
        for i, s in enumerate(getattr(data, name)):
            yield f"{name}[{i}]", s
    for i, st in enumerate(data.statements):
        yield f"statements[{i}]", st.text
    for i, p in enumerate(data.budget.projects):
        if p.description:
            yield f"budget.projects[{i}].description", p.description
