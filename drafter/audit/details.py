"""The data audit of the detail figures (their facts are drafter.facts.details).

The parts of 公用经费 are a relation of the fact base like any list of parts, so drafter.audit.rules
sums them against 公用支出 (with its swap and one-typo logic); `sum_code` gives that finding the code
of what was summed, so a reader of the codes knows a 办公费 typo from a 项目 one. The rules here: a
stated 结余 against 预算数 − 执行数 (or 到位数 − 执行数: both are published definitions), 结余交回 no more
than the 结余, a project's funds by level no more than its budget, and a project group's stated
figures the sum of its projects'.
"""

from __future__ import annotations

from decimal import Decimal

from drafter.audit.findings import Finding, FindingCode, round_like
from drafter.data.model import Money, ReportData
from drafter.facts.details import BUILDING_MEASURES, FUND_LEVELS, STAFF_SPLITS, group_members, money_lines
from drafter.facts.factbase import FactBase


def detail_findings(data: ReportData, facts: FactBase) -> list[Finding]:
    """The data's own arithmetic for the detail figures: each disagreement with both figures."""
    out: list[Finding] = []
    for path, line in money_lines(data):
        out += _balance(path, line)
    for i, project in enumerate(data.budget.projects):
        out += _fund_levels(f"budget.projects[{i}]", project)
    if "projects" not in data.budget.partial:
        out += _group_sums(data)
    out += _staff_splits(data)
    out += _building_rates(facts)
    return out


def _building_rates(facts: FactBase) -> list[Finding]:
    """A stated 面积 / 投资控制率 of 楼堂馆所 against 实际 / 批复 × 100%."""
    out: list[Finding] = []
    for kind, word, _ in BUILDING_MEASURES:
        stated, computed = (
            facts.get(f"budget.buildings.{kind}_rate"),
            facts.get(f"budget.buildings.{kind}_rate~"),
        )
        if stated is None or computed is None:
            continue
        rounded = round_like(computed.value, stated.value)
        if rounded != stated.value:
            out.append(
                Finding(
                    "rate",
                    f"楼堂馆所{word}控制率表列 {stated.value}%，按 {computed.derivation} 计算为 {rounded}%",
                    stated.id,
                    stated.value,
                    rounded,
                    code=FindingCode.BUILDING_RATE_MISMATCH,
                )
            )
    return out


def _staff_splits(data: ReportData) -> list[Finding]:
    """离休 + 退休 against 离退休人员, and each second split of 实有人数 (by post, by funding) against it."""
    out: list[Finding] = []
    staff = data.staff
    for name, whole in STAFF_SPLITS:
        parts, total = getattr(staff, name), getattr(staff, whole)
        if not parts or total is None or name in staff.partial:
            continue
        counted = sum(p.count for p in parts)
        if counted == total:
            continue
        listed = " + ".join(f"{p.label} {p.count}" for p in parts)
        word = "离退休人员" if whole == "retired" else "实有人数"
        message = f"{word} {total} 与分类之和不符：{listed} = {counted}"
        if whole == "retired":
            out.append(
                Finding(
                    "count", message, f"staff.{whole}", Decimal(total), Decimal(counted),
                    code=FindingCode.RETIRED_SPLIT_MISMATCH,
                )
            )  # fmt: skip
        else:
            out.append(
                Finding(
                    "count", message, f"staff.{name}", Decimal(total), Decimal(counted),
                    code=FindingCode.STAFF_SPLIT_MISMATCH,
                )
            )  # fmt: skip
    return out


def _group_sums(data: ReportData) -> list[Finding]:
    """A project group's stated 预算数 / 执行数 against the sum of the projects listed under it."""
    out: list[Finding] = []
    for k, group in enumerate(data.budget.project_groups):
        members = group_members(data.budget, group.label)
        for figure, word in (("budget", "预算数"), ("actual", "执行数")):
            stated = getattr(group, figure)
            values = [getattr(p, figure) for _, p in members]
            if stated is None or not members or any(v is None for v in values):
                continue
            total = sum(values, Decimal(0))
            if total == stated:
                continue
            listed = " + ".join(f"{p.label} {v}" for (_, p), v in zip(members, values, strict=True))
            out.append(
                Finding(
                    "sum",
                    f"{group.label}{word} {stated} 与其项目之和不符：{listed} = {total}",
                    f"budget.project_groups[{k}].{figure}",
                    stated,
                    total,
                    code=FindingCode.PROJECT_GROUP_SUM_MISMATCH,
                    derivation=f"{listed} = {total}",
                )
            )
    return out


def _balance(path: str, line: Money) -> list[Finding]:
    name = line.label or path
    out: list[Finding] = []
    candidates = [
        (f"{word} {base} − 执行数 {line.actual}", base - line.actual)
        for word, base in (
            ("预算数", line.budget),
            ("年初预算数", line.initial_budget),
            ("到位数", line.received),
        )
        if base is not None and line.actual is not None
    ]
    if line.balance is not None and candidates and all(v != line.balance for _, v in candidates):
        how, value = candidates[0]
        out.append(
            Finding(
                "sum",
                f"{name}结余 {line.balance} 与 {how} = {value} 不符",
                f"{path}.balance",
                line.balance,
                value,
                code=FindingCode.LINE_BALANCE_MISMATCH,
                derivation=f"{how} = {value}",
            )
        )
    balance = line.balance if line.balance is not None else (candidates[0][1] if candidates else None)
    if line.balance_returned is not None and balance is not None and line.balance_returned > balance:
        out.append(
            Finding(
                "bound",
                f"{name}结余交回 {line.balance_returned} 多于其结余 {balance}",
                f"{path}.balance_returned",
                line.balance_returned,
                balance,
                code=FindingCode.RETURNED_ABOVE_BALANCE,
            )
        )
    return out


def _fund_levels(path: str, project: Money) -> list[Finding]:
    """A project's 中央/省/市/县区资金 together are at most its budget (they may be only some sources)."""
    given = [(label, getattr(project, f)) for f, label, _ in FUND_LEVELS if getattr(project, f) is not None]
    budget = next(
        (v for v in (project.budget, project.initial_budget, project.received) if v is not None), None
    )
    if not given or budget is None:
        return []
    total = sum((v for _, v in given), Decimal(0))
    if total <= budget:
        return []
    listed = " + ".join(f"{label} {v}" for label, v in given)
    return [
        Finding(
            "bound",
            f"{project.label}资金 {budget} 少于其分级资金之和：{listed} = {total}",
            f"{path}.budget",
            budget,
            total,
            code=FindingCode.FUND_LEVELS_ABOVE_BUDGET,
            derivation=f"{listed} = {total}",
        )
    ]


def sum_code(finding: Finding, part_paths: tuple[str, ...]) -> Finding:
    """A sum finding coded by its parts: the parts of 公用经费 have their own code."""
    if part_paths and part_paths[0].startswith("budget.public_parts["):
        return Finding(
            finding.kind,
            finding.message,
            finding.fact_id,
            finding.stated,
            finding.expected,
            finding.severity,
            code=FindingCode.PUBLIC_PARTS_SUM_MISMATCH,
            derivation=finding.derivation,
        )
    return finding
