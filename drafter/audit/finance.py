"""The data audit of the finance-management figures (their facts are drafter.facts.finance).

Its rules: “三公”经费 and 公务用车 against their parts, the stated 政府采购执行率 / 中小企业占比 / 结转结余率
/ 在职人员控制率 against the computed ones, a stated 同比增减额 against the two years, and a stated
一级/二级指标 subtotal against its rows.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from drafter.audit.findings import Finding, FindingCode, not_computable
from drafter.data.model import ReportData
from drafter.facts.factbase import FactBase
from drafter.facts.finance import THREE_PUBLIC_PARTS, VEHICLE_PARTS, vehicles_whole

_STATED_RATES = (
    ("budget.procurement.rate", "政府采购执行率"),
    ("budget.procurement.sme_share", "中小企业合同金额占比"),
    ("budget.carryover_rate", "结转结余率"),
    ("staff.control_rate", "在职人员控制率"),
)


def _round(value: Decimal, like: Decimal) -> Decimal:
    exponent = like.as_tuple().exponent
    places = min(exponent, 0) if isinstance(exponent, int) else 0
    return value.quantize(Decimal(1).scaleb(places), rounding=ROUND_HALF_UP)


def finance_findings(data: ReportData, facts: FactBase) -> list[Finding]:
    """The data's own arithmetic for the finance figures: each disagreement with both figures."""
    out = _three_public(data)
    out += _stated_rates(data, facts)
    out += _yoy_amounts(data, facts)
    out += _group_totals(data)
    return out


def _three_public(data: ReportData) -> list[Finding]:
    """“三公”经费 against 出国 + 公务用车 + 接待, and 公务用车 against 购置 + 运行维护."""
    out: list[Finding] = []
    tp = data.budget.three_public
    if tp is None:
        return out
    for whole, members in (("vehicles", VEHICLE_PARTS), ("total", THREE_PUBLIC_PARTS)):
        stated_line = getattr(tp, whole)
        lines = [vehicles_whole(tp) if m == "vehicles" else getattr(tp, m) for m in members]
        if stated_line is None or any(line is None for line in lines):
            continue
        for figure in ("budget", "actual", "last_year"):
            stated = getattr(stated_line, figure)
            values = [getattr(line, figure) for line in lines]
            if stated is None or any(v is None for v in values):
                continue
            total = sum(values, Decimal(0))
            if total != stated:
                label = "“三公”经费" if whole == "total" else "公务用车购置及运行费"
                derivation = f"{' + '.join(map(str, values))} = {total}"
                out.append(
                    Finding(
                        "sum",
                        f"{label} {figure} {stated} 与其组成之和不符：{derivation}",
                        f"budget.three_public.{whole}.{figure}",
                        stated,
                        total,
                        code=FindingCode.THREE_PUBLIC_SUM_MISMATCH,
                        derivation=derivation,
                    )
                )
    return out


def _zero_base(data: ReportData, fid: str) -> str | None:
    """The name of the zero base a stated finance rate is taken of, if it is zero (else None)."""
    pr, staff = data.budget.procurement, data.staff
    bases: dict[str, tuple[Decimal | int | None, str]] = {
        "budget.procurement.rate": (pr.budget if pr else None, "政府采购预算"),
        "budget.procurement.sme_share": (pr.actual if pr else None, "实际采购金额"),
        "staff.control_rate": (staff.authorized, "编制数"),
    }
    if fid == "budget.carryover_rate":
        whole = data.budget.spending or data.budget.total
        base = None if whole is None else (whole.budget if whole.budget is not None else whole.actual)
        bases[fid] = (base, "预算数")
    base, name = bases.get(fid, (None, ""))
    return name if base is not None and base == 0 else None


def _stated_rates(data: ReportData, facts: FactBase) -> list[Finding]:
    out = []
    for fid, label in _STATED_RATES:
        stated_fact, computed = facts.get(fid), facts.get(f"{fid}~")
        if stated_fact is not None and computed is None and (base := _zero_base(data, fid)):
            out.append(not_computable(fid, label, stated_fact.value, base))
        if stated_fact is None or computed is None:
            continue
        rounded = _round(computed.value, stated_fact.value)
        other = facts.get(f"{fid}_actual~")  # 结转结余率 of spending: the other published definition
        if other is not None and _round(other.value, stated_fact.value) == stated_fact.value:
            continue
        if rounded != stated_fact.value:
            out.append(
                Finding(
                    "rate",
                    f"{label}表列 {stated_fact.value}%，按 {computed.derivation} 计算为 {rounded}%",
                    fid,
                    stated_fact.value,
                    rounded,
                    code=FindingCode.FINANCE_RATE_MISMATCH,
                )
            )
    return out


def _yoy_amounts(data: ReportData, facts: FactBase) -> list[Finding]:
    out = []
    for fact in facts:
        if fact.origin != "data" or not fact.id.endswith(".yoy_amount"):
            continue
        diff = facts.get(fact.id.removesuffix(".yoy_amount") + ".yoy_diff~")
        if diff is None:
            continue
        if abs(fact.value) != diff.value:
            scale = Decimal(10_000) if data.budget.unit == "万元" else Decimal(1)
            message = f"{fact.label} {fact.value / scale} 与 {diff.derivation} = {diff.value / scale} 不符"
            out.append(
                Finding(
                    "sum",
                    message,
                    fact.id,
                    fact.value / scale,
                    diff.value / scale,
                    code=FindingCode.YOY_AMOUNT_MISMATCH,
                    derivation=message,  # the message is its own derivation (rules.parts_figures)
                )
            )
    return out


def _group_totals(data: ReportData) -> list[Finding]:
    """A stated 一级/二级指标 subtotal against the sum of its rows."""
    out = []
    for k, group in enumerate(data.indicator_groups):
        level, name = ("level2", group.level2) if group.level2 else ("level1", group.level1)
        rows = [ind for ind in data.indicators if getattr(ind, level) == name]
        for field_name, word in (("weight", "分值"), ("score", "得分")):
            stated = getattr(group, field_name)
            values = [getattr(r, field_name) for r in rows]
            if stated is None or not rows or any(v is None for v in values):
                continue
            total = sum(values, Decimal(0))
            if total != stated:
                listed = " + ".join(map(str, values))
                out.append(
                    Finding(
                        "score",
                        f"{name}{word}小计 {stated} 与其指标之和不符：{listed} = {total}",
                        f"indicator_groups[{k}].{field_name}",
                        stated,
                        total,
                        code=FindingCode.GROUP_TOTAL_MISMATCH,
                    )
                )
    return out
