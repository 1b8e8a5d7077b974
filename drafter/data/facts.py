"""Every figure of a ReportData as a `Fact`: id, naming words, exact value, unit, precision, origin.

Three origins:
- `data`: a typed field (budget.basic.actual = 534.51万元);
- `text`: a number inside free text (an activity bullet's 440余场), bound to the words around it;
- `derived`: computed from the data's structure, never searched for among combinations: 执行率 of each
  line, 占比 of each part in its whole, sums of parts, 同比 changes, 差额, per-person figures, counts.

Values are in base units (元 for money, percent for rates, plain counts), so a report may write 元,
万元 or 亿元 and still be compared exactly. `FactBase` indexes them for the checker and the drafter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from drafter.data.model import Money, ReportData
from drafter.numbers import Dim, Mention, extract, format_value

Origin = Literal["data", "text", "derived"]
HUNDRED = Decimal(100)
WAN = Decimal(10_000)

# Words that name what kind of figure a money mention is: they narrow a subject's facts to a measure.
MEASURE_WORDS: dict[str, tuple[str, ...]] = {
    "budget": ("预算数", "预算", "批复", "申请", "安排"),
    "initial_budget": ("年初预算", "年初"),
    "received": ("到位", "拨付"),
    "actual": ("执行数", "执行", "支出", "决算", "实际", "使用", "完成", "用于"),
    "last_year": ("上年", "去年", "上一年"),
    "balance": ("结余", "差额", "未执行", "未使用", "节约"),
    "rate": ("执行率", "完成率", "执行进度", "支出率"),
    "share": ("占", "比例", "比重", "占比"),
    "yoy": ("同比", "与上年相比", "比上年", "较上年", "增长", "增加", "下降", "减少"),
    "yoy_diff": ("同比", "比上年", "较上年", "增加", "减少", "增长", "下降"),
}


@dataclass(frozen=True, slots=True)
class Fact:
    """One figure the data states or implies."""

    id: str
    label: str  # how a reader would name it: 基本支出执行数, 440余场（开展示范宣讲进基层）
    value: Decimal  # base units
    unit: str  # display unit: 万元, %, 人, 场 …
    dim: Dim
    family: str = ""
    decimals: int | None = None  # precision the data wrote it with (display unit)
    origin: Origin = "data"
    subject: str = ""  # what it is about; the facts of one subject share naming words
    measure: str = "value"  # budget, actual, rate, share, yoy, count …
    terms: tuple[str, ...] = ()  # words that name the subject
    whole_terms: tuple[str, ...] = ()  # for shares: words naming the whole
    derivation: str = ""  # for derived facts: the formula with its figures
    mention: Mention | None = None  # for text facts: the number as written in the data
    context: str = ""  # for text facts: the clause it stands in
    source: str = ""  # field path in the data file
    required: bool = False  # a full report must state it

    def interval(self) -> tuple[Decimal, Decimal, bool, bool]:
        """What the data knows of the value: exact, or (for hedged text figures) a range."""
        if self.mention is not None:
            return self.mention.interval()
        return (self.value, self.value, True, True)

    def shown(self, unit: str | None = None, decimals: int | None = None) -> str:
        """The value written for a reader, in `unit` (default its own) with `decimals`."""
        unit = self.unit if unit is None else unit
        if self.mention is not None and unit == self.unit and decimals is None:
            return self.mention.text.strip()
        if decimals is None and self.decimals is not None and unit == self.unit:
            decimals = self.decimals
        return format_value(self.value, unit, decimals)


@dataclass
class FactBase:
    """All facts of one ReportData, indexed for lookup by id, dimension and naming word."""

    data: ReportData
    facts: list[Fact] = field(default_factory=list)
    allowed_years: frozenset[int] = frozenset()
    relations: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)  # (figure, whole, parts)

    def __post_init__(self) -> None:
        self.by_id: dict[str, Fact] = {}

    def add(self, fact: Fact) -> None:
        if fact.id in self.by_id:
            raise ValueError(f"duplicate fact id {fact.id}")
        self.by_id[fact.id] = fact
        self.facts.append(fact)

    def get(self, fact_id: str) -> Fact | None:
        return self.by_id.get(fact_id)

    def __getitem__(self, fact_id: str) -> Fact:
        return self.by_id[fact_id]

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts)

    def __len__(self) -> int:
        return len(self.facts)

    def of_subject(self, subject: str) -> list[Fact]:
        return [f for f in self.facts if f.subject == subject]


# ---------------------------------------------------------------- building


_SLOT_LABELS: dict[str, tuple[str, tuple[str, ...]]] = {
    "total": ("年度资金总额", ("资金总额", "预算资金", "预算总金额", "资金来源合计")),
    "spending": ("支出合计", ("总支出", "决算支出", "决算总支出", "全部支出", "支出总额", "资金结构合计")),
    "basic": ("基本支出", ("基本经费",)),
    "personnel": ("人员支出", ("人员经费", "工资福利支出", "人员工资支出", "人员经费支出")),
    "public": ("公用支出", ("公用经费", "日常公用经费", "日常公用经费支出", "公用经费支出")),
    "projects_total": (
        "项目支出",
        ("项目经费", "项目经费支出", "专项资金", "专项支出", "专项经费", "项目资金"),
    ),
    "income": ("总收入", ("本年收入", "收入合计")),
    "carryover_in": ("上年结转", ("上年结余", "上年结转结余", "上年结余指标")),
    "carryover_out": ("结转下年", ("年末结转结余", "结转结余")),
}
_FIGURE_NAMES = {
    "budget": "预算数",
    "initial_budget": "年初预算数",
    "received": "到位数",
    "actual": "执行数",
    "last_year": "上年数",
}


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    return part / whole * HUNDRED


def _money(v: Decimal, scale: Decimal) -> Decimal:
    return v * scale


class _Builder:
    def __init__(self, data: ReportData) -> None:
        self.data = data
        self.base = FactBase(data)
        self.scale = WAN if data.budget.unit == "万元" else Decimal(1)
        self.unit = data.budget.unit
        self.lexicon = tuple(data.lexicon)

    def money_fact(
        self,
        path: str,
        subject: str,
        terms: tuple[str, ...],
        figure: str,
        value: Decimal,
        required: bool = False,
    ) -> None:
        label = terms[0] + _FIGURE_NAMES[figure]
        self.base.add(
            Fact(
                id=f"{path}.{figure}",
                label=label,
                value=_money(value, self.scale),
                unit=self.unit,
                dim="money",
                family="money",
                decimals=_decimals(value),
                subject=subject,
                measure=figure,
                terms=terms,
                source=f"{path}.{figure}",
                required=required,
            )
        )

    def line(
        self,
        path: str,
        line: Money,
        default: tuple[str, tuple[str, ...]] | None,
        required: bool = False,
    ) -> tuple[str, ...]:
        """Facts of one money line: its figures, stated rates, and the rates computed from them."""
        name = line.label or (default[0] if default else path)
        defaults = (default[0], *default[1]) if default else ()
        terms = tuple(dict.fromkeys((name, *line.aliases, *defaults)))
        subject = path
        for figure, value in line.figures().items():
            self.money_fact(path, subject, terms, figure, value, required=required and figure == "actual")
        stated = {"rate": line.rate, "share": line.share, "yoy_rate": line.yoy_rate}
        for measure, value in stated.items():
            if value is not None:
                self.base.add(
                    Fact(
                        id=f"{path}.{measure}",
                        label=f"{name}{_STATED_NAMES[measure]}（表列）",
                        value=value,
                        unit="%",
                        dim="percent",
                        family="percent",
                        decimals=_decimals(value),
                        subject=subject,
                        measure="yoy" if measure == "yoy_rate" else measure,
                        terms=terms,
                        source=f"{path}.{measure}",
                    )
                )
        for measure in ("weight", "score"):
            value = getattr(line, measure)
            if value is not None:
                self.base.add(
                    Fact(
                        id=f"{path}.{measure}",
                        label=f"{name}{'分值' if measure == 'weight' else '得分'}",
                        value=value,
                        unit="分",
                        dim="score",
                        family="score",
                        decimals=_decimals(value),
                        subject=subject,
                        measure=measure,
                        terms=terms,
                        source=f"{path}.{measure}",
                    )
                )
        budget = line.budget if line.budget is not None else line.initial_budget
        budget_name = "预算数" if line.budget is not None else "年初预算数"
        if line.actual is not None and budget:
            self.base.add(
                Fact(
                    id=f"{path}.rate~",
                    label=f"{name}执行率",
                    value=_pct(line.actual, budget),
                    unit="%",
                    dim="percent",
                    family="percent",
                    origin="derived",
                    subject=subject,
                    measure="rate",
                    terms=terms,
                    derivation=f"执行数 {line.actual} / {budget_name} {budget} × 100%",
                )
            )
            self.base.add(
                Fact(
                    id=f"{path}.balance~",
                    label=f"{name}预算结余",
                    value=_money(budget - line.actual, self.scale),
                    unit=self.unit,
                    dim="money",
                    family="money",
                    origin="derived",
                    subject=subject,
                    measure="balance",
                    terms=terms,
                    derivation=f"{budget_name} {budget} − 执行数 {line.actual}",
                )
            )
        if line.received is not None and budget:
            self.base.add(
                Fact(
                    id=f"{path}.received_rate~",
                    label=f"{name}到位率",
                    value=_pct(line.received, budget),
                    unit="%",
                    dim="percent",
                    family="percent",
                    origin="derived",
                    subject=subject,
                    measure="rate",
                    terms=terms,
                    derivation=f"到位数 {line.received} / {budget_name} {budget} × 100%",
                )
            )
        if line.actual is not None and line.last_year:
            diff = line.actual - line.last_year
            self.base.add(
                Fact(
                    id=f"{path}.yoy~",
                    label=f"{name}同比增减率",
                    value=_pct(diff, line.last_year),
                    unit="%",
                    dim="percent",
                    family="percent",
                    origin="derived",
                    subject=subject,
                    measure="yoy",
                    terms=terms,
                    derivation=f"(执行数 {line.actual} − 上年数 {line.last_year}) / {line.last_year} × 100%",
                )
            )
            self.base.add(
                Fact(
                    id=f"{path}.yoy_diff~",
                    label=f"{name}同比增减额",
                    value=_money(abs(diff), self.scale),
                    unit=self.unit,
                    dim="money",
                    family="money",
                    origin="derived",
                    subject=subject,
                    measure="yoy_diff",
                    terms=terms,
                    derivation=f"|执行数 {line.actual} − 上年数 {line.last_year}|",
                )
            )
        return terms

    def relation(
        self,
        whole_path: str,
        whole: Money | None,
        whole_terms: tuple[str, ...],
        parts: list[tuple[str, Money, tuple[str, ...]]],
        derived_name: str | None = None,
    ) -> None:
        """Shares of each part in the whole, and the whole itself when only the parts are given."""
        if not parts:
            return
        for figure in ("budget", "actual"):
            values = [getattr(p, figure) for _, p, _ in parts]
            if any(v is None for v in values):
                continue
            total = sum(values, Decimal(0))
            stated = getattr(whole, figure) if whole is not None else None
            self.base.relations.append((figure, whole_path, tuple(path for path, _, _ in parts)))
            if stated is None and derived_name and len(parts) > 1:
                self.base.add(
                    Fact(
                        id=f"{whole_path}.{figure}~",
                        label=f"{derived_name}{_FIGURE_NAMES[figure]}",
                        value=_money(total, self.scale),
                        unit=self.unit,
                        dim="money",
                        family="money",
                        origin="derived",
                        subject=whole_path,
                        measure=figure,
                        terms=whole_terms,
                        derivation=" + ".join(str(v) for v in values),
                    )
                )
            base = stated if stated else total
            if not base:
                continue
            for (path, _, terms), value in zip(parts, values, strict=True):
                assert value is not None
                self.base.add(
                    Fact(
                        id=f"{path}.share_{figure}~",
                        label=f"{terms[0]}占{whole_terms[0]}比例",
                        value=_pct(value, base),
                        unit="%",
                        dim="percent",
                        family="percent",
                        origin="derived",
                        subject=path,
                        measure="share",
                        terms=terms,
                        whole_terms=whole_terms,
                        derivation=f"{terms[0]} {value} / {whole_terms[0]} {base} × 100%",
                    )
                )

    def count(
        self,
        fact_id: str,
        label: str,
        terms: tuple[str, ...],
        value: int | Decimal,
        unit: str,
        family: str,
        origin: Origin = "data",
        derivation: str = "",
        required: bool = False,
    ) -> None:
        self.base.add(
            Fact(
                id=fact_id,
                label=label,
                value=Decimal(value),
                unit=unit,
                dim="count",
                family=family,
                decimals=0,
                origin=origin,
                subject=fact_id,
                measure="count",
                terms=terms,
                derivation=derivation,
                source=fact_id,
                required=required,
            )
        )

    def text(self, path: str, text: str) -> None:
        """Numbers inside free text become facts bound to their clause."""
        for i, m in enumerate(m for m in extract(text, self.lexicon) if m.is_quantity):
            assert m.value is not None
            left, right = clause_context(text, m.start, m.end)
            self.base.add(
                Fact(
                    id=f"{path}#{i + 1}",
                    label=f"{m.text.strip()}（{left[-12:]}{m.text.strip()}{right[:6]}）",
                    value=m.value,
                    unit=m.unit,
                    dim=m.dim,
                    family=m.family,
                    decimals=m.decimals,
                    origin="text",
                    subject=f"{path}#{i + 1}",
                    measure="value",
                    mention=m,
                    context=left + "\u2016" + right,
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


_STATED_NAMES = {"rate": "执行率", "share": "占比", "yoy_rate": "同比增减率"}
_CLAUSE_STOP = re.compile(r"[。；;！？!?\n，,：:]")


def clause_context(text: str, start: int, end: int, before: int = 24, after: int = 10) -> tuple[str, str]:
    """Words of a number's clause: up to `before` characters to its left and `after` to its right."""
    left_stop = max(
        (m.end() for m in _CLAUSE_STOP.finditer(text, max(0, start - before), start)), default=None
    )
    left = text[left_stop if left_stop is not None else max(0, start - before) : start]
    stop = _CLAUSE_STOP.search(text, end, end + after)
    right = text[end : stop.start() if stop else end + after]
    return left, right


def build_facts(data: ReportData) -> FactBase:
    """All facts of `data`: typed figures, numbers in its texts, and what follows from them."""
    b = _Builder(data)
    bud, staff = data.budget, data.staff

    # money lines
    main_required = True
    terms: dict[str, tuple[str, ...]] = {}
    labels = dict(_SLOT_LABELS)
    if bud.spending is None:  # the total is also the spending total: it answers to both names
        labels["total"] = (
            labels["total"][0],
            (*labels["total"][1], labels["spending"][0], *labels["spending"][1]),
        )
    for slot in (
        "total",
        "spending",
        "basic",
        "personnel",
        "public",
        "projects_total",
        "income",
        "carryover_in",
        "carryover_out",
    ):
        line = getattr(bud, slot)
        if line is not None:
            terms[slot] = b.line(
                f"budget.{slot}",
                line,
                labels[slot],
                required=main_required and slot in {"basic", "personnel", "public", "projects_total"},
            )
        else:
            terms[slot] = (labels[slot][0], *labels[slot][1])
    groups = {
        "sources": bud.sources,
        "projects": bud.projects,
        "economic": bud.economic,
        "gov_fund": bud.gov_fund,
        "state_capital": bud.state_capital,
        "social_insurance": bud.social_insurance,
    }
    group_terms: dict[str, list[tuple[str, Money, tuple[str, ...]]]] = {}
    for name, lines in groups.items():
        group_terms[name] = []
        for i, line in enumerate(lines):
            path = f"budget.{name}[{i}]"
            group_terms[name].append((path, line, b.line(path, line, None)))

    # parts against wholes
    b.relation("budget.total", bud.total, terms["total"], group_terms["sources"], "资金来源合计")
    spending_slot = "spending" if bud.spending is not None else "total"
    spending = bud.spending if bud.spending is not None else bud.total
    # a whole is compared with its parts only when every part is given
    if bud.basic is not None and bud.projects_total is not None:
        structure = [(f"budget.{s}", getattr(bud, s), terms[s]) for s in ("basic", "projects_total")]
        b.relation(f"budget.{spending_slot}", spending, terms[spending_slot], structure, "支出合计")
    if bud.personnel is not None and bud.public is not None:
        parts = [(f"budget.{s}", getattr(bud, s), terms[s]) for s in ("personnel", "public")]
        b.relation("budget.basic", bud.basic, terms["basic"], parts, "基本支出")
    b.relation(
        "budget.projects_total",
        bud.projects_total,
        terms["projects_total"],
        group_terms["projects"],
        "项目支出",
    )
    b.relation(f"budget.{spending_slot}", spending, terms[spending_slot], group_terms["economic"])
    if bud.projects:
        b.count(
            "budget.projects.count",
            "项目个数",
            ("项目", "预算项目", "项目支出"),
            len(bud.projects),
            "个",
            "generic",
            origin="derived",
            derivation=f"{len(bud.projects)} projects listed",
        )
    if spending is not None and spending.actual is not None and staff.actual:
        b.base.add(
            Fact(
                id="budget.per_person~",
                label="人均支出",
                value=_money(spending.actual, b.scale) / staff.actual,
                unit=b.unit,
                dim="money",
                family="money",
                origin="derived",
                subject="budget.per_person",
                measure="per_person",
                terms=("人均",),
                derivation=f"支出 {spending.actual} / 实有人数 {staff.actual}",
            )
        )

    # staff
    if staff.authorized is not None:
        b.count(
            "staff.authorized",
            "编制数",
            ("编制数", "人员编制", "核定编制", "编制人数", "核定人员编制数", "编制人员数"),
            staff.authorized,
            "人",
            "person",
            required=True,
        )
    if staff.actual is not None:
        b.count(
            "staff.actual",
            "实有人数",
            ("实有人数", "实有在编人数", "实有在职人员", "在职人员", "实有人员", "在编人数", "实有在职"),
            staff.actual,
            "人",
            "person",
            required=True,
        )
    for name, parts_list in (
        ("authorized_parts", staff.authorized_parts),
        ("actual_parts", staff.actual_parts),
    ):
        for i, part in enumerate(parts_list):
            b.count(f"staff.{name}[{i}]", part.label, (part.label, *part.aliases), part.count, "人", "person")
    if staff.retired is not None:
        b.count(
            "staff.retired", "离退休人员", ("退休人员", "离退休人员", "退休"), staff.retired, "人", "person"
        )
    if staff.temporary is not None:
        b.count("staff.temporary", "临聘人员", ("临聘人员", "临聘"), staff.temporary, "人", "person")
    departments = staff.departments_count if staff.departments_count is not None else len(staff.departments)
    if departments:
        b.count("staff.departments", "内设机构数", ("内设机构", "内设"), departments, "个", "organisation")
    if staff.subordinate_units:
        b.count(
            "staff.subordinate_units",
            "下属单位数",
            ("下属", "下属单位", "事业单位"),
            len(staff.subordinate_units),
            "个",
            "organisation",
        )
    if staff.authorized and staff.actual is not None:
        b.base.add(
            Fact(
                id="staff.control_rate~",
                label="在职人员控制率",
                value=_pct(Decimal(staff.actual), Decimal(staff.authorized)),
                unit="%",
                dim="percent",
                family="percent",
                origin="derived",
                subject="staff.control_rate",
                measure="rate",
                terms=("在职人员控制率", "人员控制率"),
                derivation=f"实有人数 {staff.actual} / 编制数 {staff.authorized} × 100%",
            )
        )
        if staff.authorized >= staff.actual:
            b.count(
                "staff.vacancies~",
                "空编数",
                ("空编", "缺编"),
                staff.authorized - staff.actual,
                "人",
                "person",
                origin="derived",
                derivation=f"编制数 {staff.authorized} − 实有人数 {staff.actual}",
            )
        else:
            b.count(
                "staff.over~",
                "超编人数",
                ("超编", "超出编制"),
                staff.actual - staff.authorized,
                "人",
                "person",
                origin="derived",
                derivation=f"实有人数 {staff.actual} − 编制数 {staff.authorized}",
            )
    for name, parts_list, total in (
        ("authorized", staff.authorized_parts, staff.authorized),
        ("actual", staff.actual_parts, staff.actual),
    ):
        if parts_list and total is not None:
            b.base.relations.append(
                ("count", f"staff.{name}", tuple(f"staff.{name}_parts[{i}]" for i in range(len(parts_list))))
            )

    # indicators and scores
    for i, ind in enumerate(data.indicators):
        for measure in ("weight", "score"):
            value = getattr(ind, measure)
            if value is not None:
                b.base.add(
                    Fact(
                        id=f"indicators[{i}].{measure}",
                        label=f"{ind.name}{'分值' if measure == 'weight' else '得分'}",
                        value=value,
                        unit="分",
                        dim="score",
                        family="score",
                        decimals=_decimals(value),
                        subject=f"indicators[{i}]",
                        measure=measure,
                        terms=(ind.name,),
                        source=f"indicators[{i}].{measure}",
                    )
                )
    weights = [ind.weight for ind in data.indicators if ind.weight is not None]
    scores = [ind.score for ind in data.indicators if ind.score is not None]
    if weights:
        b.base.add(
            Fact(
                id="indicators.weight_total~",
                label="指标分值合计",
                value=sum(weights, Decimal(0)),
                unit="分",
                dim="score",
                family="score",
                origin="derived",
                subject="indicators.total",
                measure="weight",
                terms=("总分", "合计"),
                derivation=" + ".join(map(str, weights)),
            )
        )
    if scores:
        b.base.add(
            Fact(
                id="indicators.score_total~",
                label="指标得分合计",
                value=sum(scores, Decimal(0)),
                unit="分",
                dim="score",
                family="score",
                origin="derived",
                subject="indicators.total",
                measure="score",
                terms=("得分", "总分"),
                derivation=" + ".join(map(str, scores)),
            )
        )
    ev = data.self_evaluation
    if ev.score is not None:
        b.base.add(
            Fact(
                id="self_evaluation.score",
                label="自评得分",
                value=ev.score,
                unit="分",
                dim="score",
                family="score",
                decimals=_decimals(ev.score),
                subject="self_evaluation",
                measure="score",
                terms=("自评得分", "自评分", "得分", "总分", "综合得分"),
                source="self_evaluation.score",
                required=True,
            )
        )
    if ev.total_weight is not None:
        b.base.add(
            Fact(
                id="self_evaluation.total_weight",
                label="总分值",
                value=ev.total_weight,
                unit="分",
                dim="score",
                family="score",
                decimals=_decimals(ev.total_weight),
                subject="self_evaluation",
                measure="weight",
                terms=("总分", "满分"),
                source="self_evaluation.total_weight",
            )
        )

    # free-form facts
    for fact in data.facts:
        m = next((x for x in extract(f"{fact.value}{fact.unit}") if x.is_quantity), None)
        dim: Dim = m.dim if m else "number"
        b.base.add(
            Fact(
                id=f"facts.{fact.id}",
                label=fact.label,
                value=m.value if m and m.value is not None else fact.value,
                unit=fact.unit,
                dim=dim,
                family=m.family if m else "",
                decimals=_decimals(fact.value),
                subject=f"facts.{fact.id}",
                terms=(fact.label, *fact.aliases),
                source=f"facts.{fact.id}",
            )
        )

    # numbers in texts
    texts = list(_texts(data))
    for path, text in texts:
        b.text(path, text)
    b.base.allowed_years = b.years(t for _, t in texts)
    return b.base


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
