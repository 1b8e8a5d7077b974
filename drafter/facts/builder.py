"""The primitives that make facts: one stated figure, one derived from others, a money line, a relation.

`FactBuilder` holds the fact base being built and the data's money unit; the parts of the data
(drafter.facts.derivations: budget, staff, scores; drafter.facts.finance: 三公, 采购, 资产…) call its
primitives, and drafter.facts.build runs them in order. Money is given in the data's unit (万元) and
stored in 元.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from drafter.data.model import Money, ReportData
from drafter.facts.factbase import HUNDRED, WAN, Fact, FactBase, Origin, clause_context, sentence_context
from drafter.numbers import Dim, extract

FIGURE_NAMES = {
    "budget": "预算数",
    "initial_budget": "年初预算数",
    "received": "到位数",
    "actual": "执行数",
    "last_year": "上年数",
}
STATED_NAMES = {"rate": "执行率", "share": "占比", "yoy_rate": "同比增减率"}
UNITS: dict[Dim, tuple[str, str]] = {"percent": ("%", "percent"), "score": ("分", "score")}


def decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def pct(part: Decimal, whole: Decimal) -> Decimal:
    return part / whole * HUNDRED


Part = tuple[str, Money, tuple[str, ...]]  # (path, line, naming words)


class FactBuilder:
    """The fact base of one ReportData while it is built, and the primitives that add to it."""

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
        elif dim in UNITS:
            unit, family = UNITS[dim]
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
            fid, label, value, dim, subject, measure, terms, decimals=decimals_of(value), required=required
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
        self._line_stated(path, line, name, terms, required)
        self._line_derived(path, line, name, terms)
        return terms

    def _line_stated(self, path: str, line: Money, name: str, terms: tuple[str, ...], required: bool) -> None:
        """A money line's figures and stated columns (执行率, 占比, 同比, 分值, 得分) as written."""
        for figure, value in line.figures().items():
            self.stated(
                f"{path}.{figure}",
                name + FIGURE_NAMES[figure],
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
                    f"{name}{STATED_NAMES[field_name]}（表列）",
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

    def _line_derived(self, path: str, line: Money, name: str, terms: tuple[str, ...]) -> None:
        """A money line's rates computed from its figures: 执行率, 结余, 到位率, 同比."""
        if (
            line.actual is not None
            and line.budget
            and line.initial_budget
            and line.budget != line.initial_budget
        ):
            self.derived(  # provinces that take 执行率 of the 年初预算 (outline scoring.rate_of)
                f"{path}.rate_initial~",
                f"{name}执行率（按年初预算）",
                pct(line.actual, line.initial_budget),
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
                pct(line.actual, budget),
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
                pct(line.received, budget),
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
                pct(diff, line.last_year),
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
        sums: dict[str, Decimal] = {}
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
                sums[figure] = total
                self.derived(
                    f"{whole_path}.{figure}~",
                    derived_name + FIGURE_NAMES[figure],
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
                    pct(value, base),
                    "percent",
                    path,
                    "share",
                    terms,
                    f"{terms[0]} {value} / {whole_terms[0]} {base} × 100%",
                    whole_terms,
                )
        if sums and derived_name:
            self._derived_rate(whole_path, whole, whole_terms, derived_name, sums)

    def _derived_rate(
        self,
        whole_path: str,
        whole: Money | None,
        whole_terms: tuple[str, ...],
        derived_name: str,
        sums: dict[str, Decimal],
    ) -> None:
        """The 执行率 of a whole summed from its complete list (a 合计 row of the listed projects).

        A stated whole gets its rate from `_line_derived`; one the data leaves out has only the sums,
        so its rate is theirs: summed 执行数 / summed 预算数 (or 年初预算数 when no 预算数 is given).
        """
        names = ("budget", "actual", "initial_budget")
        stated = {f: getattr(whole, f) if whole is not None else None for f in names}
        value = {f: stated[f] if stated[f] is not None else sums.get(f) for f in names}
        budget_figure = "budget" if value["budget"] is not None else "initial_budget"
        actual, budget = value["actual"], value[budget_figure]
        if actual is None or not budget or not {"actual", budget_figure} & sums.keys():
            return  # no rate to give, or both figures stated (their rate is `_line_derived`'s)
        self.derived(
            f"{whole_path}.rate~",
            f"{derived_name}执行率",
            pct(actual, budget),
            "percent",
            whole_path,
            "rate",
            whole_terms,
            f"{derived_name}执行数 {actual} / {FIGURE_NAMES[budget_figure]} {budget} × 100%",
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
