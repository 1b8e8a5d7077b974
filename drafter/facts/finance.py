"""Facts of the finance-management figures real reports hold beside the budget lines.

“三公”经费 (its three parts, often in 元 while the rest is in 万元), 机关运行经费, 政府采购, 固定资产, the
income breakdown, 结转结余率, the stated 在职人员控制率, indicator columns of the 自评表 (调整指标值,
得分系数) and stated 一级指标 subtotals. Stated figures become facts as written, each with the words a
report names it by, so the checker proves them in any text; derived ones (三公 total from its parts,
采购执行率, 中小企业占比, 结转结余率) follow from the structure. The data audit of the same figures is
drafter.audit.finance.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from drafter.data.model import Money, ReportData
from drafter.facts.builder import FactBuilder

HUNDRED = Decimal(100)
THREE_PUBLIC_TERMS = ("“三公”经费", "三公经费", "三公")
# (field, label, naming words) of the 三公 lines
THREE_PUBLIC_LINES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("total", "“三公”经费", ("三公经费", "“三公”经费支出", "三公经费支出", "“三公”经费合计")),
    ("overseas", "因公出国（境）费", ("因公出国(境)费", "因公出国（境）经费", "出国（境）费", "因公出国")),
    ("vehicles", "公务用车购置及运行费", ("公务用车购置及运行维护费", "公务用车费", "公务用车")),
    ("vehicle_purchase", "公务用车购置费", ("车辆购置费", "公车购置")),
    ("vehicle_operation", "公务用车运行维护费", ("公务用车运行费", "车辆运行维护费", "公车运维")),
    ("reception", "公务接待费", ("接待费", "公务接待")),
)
THREE_PUBLIC_PARTS = ("overseas", "vehicles", "reception")
VEHICLE_PARTS = ("vehicle_purchase", "vehicle_operation")


@contextmanager
def in_unit(b: FactBuilder, unit: str | None) -> Iterator[None]:
    """Money given in another unit than the budget's (三公 in 元): facts still stored in 元."""
    if unit is None or unit == b.unit:
        yield
        return
    saved = b.scale, b.unit
    b.scale, b.unit = (Decimal(10_000) if unit == "万元" else Decimal(1)), unit
    try:
        yield
    finally:
        b.scale, b.unit = saved


def finance_facts(b: FactBuilder, data: ReportData) -> None:
    bud = data.budget
    _income(b, data)
    if bud.three_public is not None:
        _three_public(b, data)
    if bud.operating_cost is not None:
        b.line("budget.operating_cost", bud.operating_cost, ("机关运行经费", ("机关运行费", "运行经费")))
    if bud.procurement is not None:
        _procurement(b, data)
    if bud.assets is not None:
        a = bud.assets
        for name, label, terms in (
            ("total", "固定资产原值", ("固定资产原值", "固定资产总额", "固定资产", "资产原值")),
            ("net", "固定资产净值", ("固定资产净值", "资产净值", "净值")),
        ):
            value = getattr(a, name)
            if value is not None:
                b.stated(
                    f"budget.assets.{name}", label, value, "money", f"budget.assets.{name}", "value", terms
                )
        if a.vehicles is not None:
            b.count(
                "budget.assets.vehicles",
                "公务用车数",
                ("公务用车", "车辆", "公车"),
                a.vehicles,
                "辆",
                "vehicle",
            )
        for i, note in enumerate(a.notes):
            b.text(f"budget.assets.notes[{i}]", note)
    _carryover_rate(b, data)
    if data.staff.control_rate is not None:
        b.stated(
            "staff.control_rate",
            "在职人员控制率",
            data.staff.control_rate,
            "percent",
            "staff.control_rate",
            "rate",
            ("在职人员控制率", "人员控制率"),
        )
    _indicator_columns(b, data)


def _income(b: FactBuilder, data: ReportData) -> None:
    bud = data.budget
    if not bud.income_parts:
        return
    whole_terms = ("总收入", "本年收入", "收入合计", "收入")
    parts = [
        (f"budget.income_parts[{i}]", line, b.line(f"budget.income_parts[{i}]", line, None))
        for i, line in enumerate(bud.income_parts)
    ]
    b.relation("budget.income", bud.income, whole_terms, parts, "收入合计", "income_parts" in bud.partial)


def _three_public(b: FactBuilder, data: ReportData) -> None:
    tp = data.budget.three_public
    assert tp is not None
    with in_unit(b, tp.unit):
        terms: dict[str, tuple[str, ...]] = {}
        for name, label, words in THREE_PUBLIC_LINES:
            line = getattr(tp, name)
            if line is not None:
                terms[name] = b.line(f"budget.three_public.{name}", line, (label, words))
        for whole, members in (("vehicles", VEHICLE_PARTS), ("total", THREE_PUBLIC_PARTS)):
            if getattr(tp, whole) is not None:
                continue
            lines = [vehicles_whole(tp) if m == "vehicles" else getattr(tp, m) for m in members]
            label, words = next((lb, w) for n, lb, w in THREE_PUBLIC_LINES if n == whole)
            for figure in ("budget", "actual", "last_year"):
                values = [getattr(line, figure) if line is not None else None for line in lines]
                present = [v for v in values if v is not None]
                if len(present) < 2 or len(present) != len([x for x in lines if x is not None]):
                    continue
                b.derived(
                    f"budget.three_public.{whole}.{figure}~",
                    label + {"budget": "预算数", "actual": "支出数", "last_year": "上年数"}[figure],
                    sum(present, Decimal(0)),
                    "money",
                    f"budget.three_public.{whole}",
                    figure,
                    (label, *words),
                    " + ".join(map(str, present)),
                )


def vehicles_whole(tp: object) -> Money | None:
    """公务用车购置及运行费 as given, or from its two parts."""
    given = getattr(tp, "vehicles", None)
    if given is not None:
        return given
    parts = [getattr(tp, n) for n in VEHICLE_PARTS]
    if all(p is None for p in parts):
        return None
    sums = {}
    for figure in ("budget", "actual", "last_year"):
        values = [getattr(p, figure) for p in parts if p is not None]
        if values and all(v is not None for v in values) and len(values) == len([p for p in parts if p]):
            sums[figure] = sum(values, Decimal(0))
    return Money(**sums)


def _procurement(b: FactBuilder, data: ReportData) -> None:
    pr = data.budget.procurement
    assert pr is not None
    words = ("政府采购", "采购")
    for name, label, terms in (
        ("budget", "政府采购预算", ("政府采购预算", "采购预算", *words)),
        ("actual", "政府采购支出", ("实际采购金额", "政府采购支出", "采购金额", "政府采购金额", *words)),
        ("sme", "授予中小企业合同金额", ("中小企业", "授予中小企业合同金额", "中小企业合同")),
    ):
        value = getattr(pr, name)
        if value is not None:
            b.stated(f"budget.procurement.{name}", label, value, "money", "budget.procurement", name, terms)
    if pr.rate is not None:
        b.stated(
            "budget.procurement.rate", "政府采购执行率（表列）", pr.rate, "percent",
            "budget.procurement", "rate",
            ("政府采购执行率", "采购执行率", *words),
        )  # fmt: skip
    if pr.sme_share is not None:
        b.stated(
            "budget.procurement.sme_share", "中小企业合同金额占比（表列）", pr.sme_share, "percent",
            "budget.procurement", "share", ("中小企业", "占比"),
        )  # fmt: skip
    if pr.actual is not None and pr.budget:
        b.derived(
            "budget.procurement.rate~", "政府采购执行率", pr.actual / pr.budget * HUNDRED, "percent",
            "budget.procurement", "rate", ("政府采购执行率", "采购执行率", *words),
            f"实际采购金额 {pr.actual} / 政府采购预算 {pr.budget} × 100%",
        )  # fmt: skip
    if pr.sme is not None and pr.actual:
        b.derived(
            "budget.procurement.sme_share~", "中小企业合同金额占比", pr.sme / pr.actual * HUNDRED, "percent",
            "budget.procurement", "share", ("中小企业", "占比"),
            f"授予中小企业合同金额 {pr.sme} / 实际采购金额 {pr.actual} × 100%",
        )  # fmt: skip


def _carryover_base(data: ReportData) -> tuple[Decimal, Decimal, str] | None:
    """(结转结余, 预算总额, derivation) for 结转结余率 = 年末结转结余 / 全年预算 × 100%."""
    return _carryover_over(data, "budget", "预算数")


def _carryover_of_spending(data: ReportData) -> tuple[Decimal, Decimal, str] | None:
    """(结转结余, 支出数, derivation) for 结转结余率 = 结转结余 / 本年支出完成数 × 100%."""
    return _carryover_over(data, "actual", "支出数")


def _carryover_over(data: ReportData, figure: str, name: str) -> tuple[Decimal, Decimal, str] | None:
    """结转结余 over the spending line's (else the total's) `figure`: the two published definitions."""
    bud = data.budget
    out = bud.carryover_out
    carried = None if out is None else (out.actual if out.actual is not None else out.budget)
    whole = bud.spending if bud.spending is not None and getattr(bud.spending, figure) else bud.total
    base = getattr(whole, figure) if whole is not None and getattr(whole, figure) else None
    if carried is None or not base:
        return None
    return carried, base, f"结转结余 {carried} / {name} {base} × 100%"


def _carryover_rate(b: FactBuilder, data: ReportData) -> None:
    terms = ("结转结余率", "结转率", "结余率")
    if data.budget.carryover_rate is not None:
        b.stated(
            "budget.carryover_rate", "结转结余率", data.budget.carryover_rate, "percent",
            "budget.carryover_rate", "rate", terms,
        )  # fmt: skip
    base = _carryover_base(data)
    if base is not None:
        carried, budget, how = base
        b.derived(
            "budget.carryover_rate~", "结转结余率", carried / budget * HUNDRED, "percent",
            "budget.carryover_rate", "rate", terms, how,
        )  # fmt: skip
    spent = _carryover_of_spending(data)
    if spent is not None:  # some provinces take it of the year's spending (支出完成数), not its budget
        carried, actual, how = spent
        b.derived(
            "budget.carryover_rate_actual~", "结转结余率（按支出数）", carried / actual * HUNDRED, "percent",
            "budget.carryover_rate", "rate", terms, how,
        )  # fmt: skip


def _indicator_columns(b: FactBuilder, data: ReportData) -> None:
    for i, ind in enumerate(data.indicators):
        if ind.adjusted_target:
            b.text(
                f"indicators[{i}].adjusted_target",
                ind.adjusted_target,
                f"indicators[{i}]",
                "target",
                (ind.name,),
            )
        if ind.coefficient is not None and ind.coefficient != 1:  # a 1 is the rule, not a figure to state
            b.stated(
                f"indicators[{i}].coefficient", ind.name + "得分系数", ind.coefficient, "number",
                f"indicators[{i}]", "coefficient", (ind.name, "得分系数", "系数"),
            )  # fmt: skip
    for k, group in enumerate(data.indicator_groups):
        name = group.level2 or group.level1
        for field_name, word in (("weight", "分值"), ("score", "得分")):
            value = getattr(group, field_name)
            if value is not None:
                b.stated(
                    f"indicator_groups[{k}].{field_name}", f"{name}{word}", value, "score",
                    f"indicator_groups[{k}]", field_name, (name, f"{name}指标"),
                )  # fmt: skip
