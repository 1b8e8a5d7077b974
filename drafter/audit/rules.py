"""The data's own arithmetic: parts against wholes, stated rates against computed ones, scores against rules.

Staff copy figures from tables that were typed by hand, so the data can be wrong before any model
touches it. Each disagreement is a `Finding` with the stated and the computed figure; when one typo
explains several disagreements (a total mistyped, and the rate stated beside it computed from the
right total), the finding says so instead of reporting the rate as a second error.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from drafter.audit.cascade import fold_cascades
from drafter.audit.details import detail_findings, sum_code
from drafter.audit.finance import finance_findings
from drafter.audit.findings import Finding, FindingCode, not_computable, round_like
from drafter.audit.scores import score_findings
from drafter.audit.texts import hedge_findings, listed_parts_findings
from drafter.data.model import Money, ReportData
from drafter.facts.build import Fact, FactBase

HUNDRED = Decimal(100)
_FIGURE_NAMES = {"budget": "预算数", "actual": "执行数", "initial_budget": "年初预算数"}
SUM_TOLERANCE = Decimal("0.01")  # parts rounded to 0.01 may miss their total by 0.01 (domain.md)


def _money_line(data: ReportData, path: str) -> Money | None:
    """The Money line at a fact subject path: budget.basic, budget.sources[1], budget.three_public.total."""
    parts = path.split(".")
    if parts[0] != "budget" or len(parts) < 2:
        return None
    node: object = data.budget
    for part in parts[1:]:
        name, _, index = part.partition("[")
        node = getattr(node, name, None)
        if index:
            if not isinstance(node, list) or not index.rstrip("]").isdigit():
                return None
            at = int(index.rstrip("]"))
            node = node[at] if at < len(node) else None
        if node is None:
            return None
    return node if isinstance(node, Money) else None


def _name(data: ReportData, path: str, facts: FactBase) -> str:
    for fact in facts.of_subject(path):
        if fact.terms:
            return fact.terms[0]
    line = _money_line(data, path)
    return (line.label if line and line.label else None) or path


def audit(data: ReportData, facts: FactBase) -> list[Finding]:
    """Every inconsistency inside the data, with exact figures; one typo's consequences told as one."""
    return fold_cascades(data, _audit_once(data, facts), _audit_once)


def _audit_once(data: ReportData, facts: FactBase) -> list[Finding]:
    # whole path -> figure -> the sum of its parts, where the stated whole is off
    corrected: dict[str, dict[str, Decimal]] = {}
    findings = _sums(data, facts, corrected)  # parts against wholes
    confirmed_swaps = _swaps(data, findings)
    _one_wrong_part(findings, corrected, facts)
    for fact in facts:  # stated rates, shares and year-on-year changes
        if fact.origin != "data" or fact.measure not in {"rate", "share", "yoy"} or fact.dim != "percent":
            continue
        line = _money_line(data, fact.subject)
        if line is None:
            continue
        if fact.measure == "rate":
            found = _stated_rate(data, fact, line, findings, corrected, confirmed_swaps)
        elif fact.measure == "share":
            found = _stated_share(facts, fact)
        else:
            found = _stated_yoy(fact, line)
        if found is not None:
            findings.append(found)
    findings.extend(_balance(data))
    findings.extend(_staff(data))
    findings.extend(score_findings(data, corrected))
    findings.extend(hedge_findings(facts))
    findings.extend(listed_parts_findings(facts))
    findings.extend(finance_findings(data, facts))  # 三公, 政府采购, 控制率, 结转结余率, subtotals
    findings.extend(detail_findings(data, facts))  # 结余, funds by level, groups, staff splits, 楼堂馆所
    return findings


def _sums(data: ReportData, facts: FactBase, corrected: dict[str, dict[str, Decimal]]) -> list[Finding]:
    """Each stated whole against the sum of its parts (`corrected` gets the sums of the wholes off)."""
    findings: list[Finding] = []
    for figure, whole_path, part_paths in facts.relations:
        if figure == "count":
            continue
        whole = _money_line(data, whole_path)
        stated = getattr(whole, figure) if whole is not None else None
        if stated is None:
            continue
        parts = [_money_line(data, p) for p in part_paths]
        values = [getattr(p, figure) if p else None for p in parts]
        if any(v is None for v in values):
            continue
        total = sum((v for v in values if v is not None), Decimal(0))
        diff = abs(total - stated)
        if diff == 0:
            continue
        names = " + ".join(f"{_name(data, p, facts)} {v}" for p, v in zip(part_paths, values, strict=True))
        whole_name = _name(data, whole_path, facts)
        derivation = f"{names} = {total}"
        msg = f"{whole_name}{_FIGURE_NAMES[figure]} {stated} 与其组成之和不符：{derivation}"
        severity = "note" if diff <= SUM_TOLERANCE else "error"
        if severity == "error":
            corrected.setdefault(whole_path, {})[figure] = total
        args = ("sum", msg, f"{whole_path}.{figure}", stated, total, severity)
        if whole_path == "budget.total":  # a split of the 年度资金总额 (按收入性质分 / 按支出性质分)
            findings.append(Finding(*args, code=FindingCode.SPLIT_MISMATCH, derivation=derivation))
        else:
            finding = Finding(*args, code=FindingCode.SUM_MISMATCH, derivation=derivation)
            findings.append(sum_code(finding, part_paths))
    return findings


def _stated_rate(
    data: ReportData,
    fact: Fact,
    line: Money,
    findings: list[Finding],
    corrected: dict[str, dict[str, Decimal]],
    confirmed_swaps: set[str],
) -> Finding | None:
    """A stated 执行率 against 执行数 / 预算数, unless a typo found elsewhere explains it."""
    path = fact.subject
    name = fact.terms[0] if fact.terms else path
    budget = line.budget if line.budget is not None else line.initial_budget
    if line.actual is None or budget is None:
        return None
    if not budget:
        return not_computable(fact.id, f"{name}执行率", fact.value, "预算数")
    if (
        path in confirmed_swaps
        and line.actual
        and round_like(budget / line.actual * HUNDRED, fact.value) == fact.value
    ):
        return None  # the stated rate follows the swapped-back figures: it confirms the swap
    computed = line.actual / budget * HUNDRED
    if round_like(computed, fact.value) == fact.value:
        return None
    if _rate_follows_parts(findings, corrected.get(path, {}), path, line, budget, fact.value):
        return None
    parts = _parts_actual(data, path)
    if (
        parts is not None
        and "actual" not in corrected.get(path, {})
        and round_like(parts[1] / budget * HUNDRED, fact.value) == fact.value
    ):
        # the stated rate follows the parts' sum: the 执行数 is what is wrong
        return Finding(
            "sum",
            f"{name}执行数 {line.actual} 与其组成之和不符：{parts[0]} = {parts[1]}；"
            f"表列执行率 {fact.value}% 正是按 {parts[1]} 计算（{parts[1]}/{budget}），"
            f"{line.actual} 应为 {parts[1]} 之误",
            f"{path}.actual",
            line.actual,
            parts[1],
            code=FindingCode.ACTUAL_MISTYPED,
            derivation=f"{parts[0]} = {parts[1]}",
        )
    return Finding(
        "rate",
        f"{name}执行率表列 {fact.value}%，按执行数 {line.actual} / 预算数 {budget} "
        f"计算为 {round_like(computed, fact.value)}%",
        fact.id,
        fact.value,
        round_like(computed, fact.value),
        code=FindingCode.RATE_MISMATCH,
    )


def _stated_share(facts: FactBase, fact: Fact) -> Finding | None:
    """A stated 占比 against the part over its whole (of spending, else of the budget)."""
    path = fact.subject
    name = fact.terms[0] if fact.terms else path
    shares = {
        f.id.rsplit(".", 1)[1]: f
        for f in facts.of_subject(path)
        if f.measure == "share" and f.origin == "derived"
    }
    share = shares.get("share_actual~") or shares.get("share_budget~")  # 占比 is of spending
    if share is None and _whole_is_zero(facts, path):
        return not_computable(fact.id, f"{name}占比", fact.value, "其所占的总额")
    if share is None or round_like(share.value, fact.value) == fact.value:
        return None
    return Finding(
        "share",
        f"{name}占比表列 {fact.value}%，按 {share.derivation} 计算为 {round_like(share.value, fact.value)}%",
        fact.id,
        fact.value,
        round_like(share.value, fact.value),
        code=FindingCode.SHARE_MISMATCH,
    )


def _whole_is_zero(facts: FactBase, path: str) -> bool:
    """Is every figure the line at `path` could be a share of zero (its whole's 执行数 and 预算数)?"""
    for figure, whole_path, part_paths in facts.relations:
        if figure in ("actual", "budget") and path in part_paths:
            whole = _money_line(facts.data, whole_path)
            values = [getattr(whole, f) for f in ("actual", "budget")] if whole is not None else []
            given = [v for v in values if v is not None]
            return bool(given) and not any(given)
    return False


def _stated_yoy(fact: Fact, line: Money) -> Finding | None:
    """A stated 同比增减率 against (执行数 − 上年数) / 上年数; a fall may be stated as its size."""
    if line.actual is None or line.last_year is None:
        return None
    name = fact.terms[0] if fact.terms else fact.subject
    if not line.last_year:
        return not_computable(fact.id, f"{name}同比增减率", fact.value, "上年数")
    computed = (line.actual - line.last_year) / line.last_year * HUNDRED
    rounded = round_like(computed, fact.value)
    if rounded == fact.value or (rounded < 0 and -rounded == fact.value):
        return None
    return Finding(
        "rate",
        f"{name}同比增减表列 {fact.value}%，按 ({line.actual} − {line.last_year}) / "
        f"{line.last_year} 计算为 {round_like(computed, fact.value)}%",
        fact.id,
        fact.value,
        round_like(computed, fact.value),
        code=FindingCode.YOY_RATE_MISMATCH,
    )


def _swaps(data: ReportData, findings: list[Finding]) -> set[str]:
    """Two sums off by one part's 预算数 and 执行数 swapped: one swap finding on that part instead.

    When a part's two figures were typed in each other's column, its whole's 预算数 and 执行数 both
    disagree with their parts, and exchanging the part's figures makes both agree. The part, not the
    whole, is then what is wrong (and the figures that rely on the whole are right). Returns the paths
    of the parts found swapped (their stated 执行率 may confirm it).
    """
    sums = {f.fact_id: f for f in findings if f.kind == "sum" and f.severity == "error" and f.fact_id}
    swapped: set[str] = set()
    for fid, budget_finding in list(sums.items()):
        whole_path, _, figure = fid.rpartition(".")
        actual_finding = sums.get(f"{whole_path}.actual")
        if figure != "budget" or actual_finding is None:
            continue
        assert budget_finding.expected is not None and actual_finding.expected is not None
        for part_path in _part_paths(data, whole_path):
            part = _money_line(data, part_path)
            if part is None or part.budget is None or part.actual is None or part.budget == part.actual:
                continue
            delta = part.actual - part.budget
            if (
                budget_finding.expected + delta == budget_finding.stated
                and actual_finding.expected - delta == actual_finding.stated
            ):
                name = part.label or part_path
                message = (
                    f"{name}预算数 {part.budget} 与执行数 {part.actual} 疑似填反：互换后"
                    f"{_q(budget_finding.stated)}、{_q(actual_finding.stated)} 与其组成之和相符"
                )
                i = findings.index(budget_finding)
                findings[i] = Finding(
                    "swap",
                    message,
                    f"{part_path}.budget",
                    part.budget,
                    part.actual,
                    code=FindingCode.SWAPPED_FIGURES,
                )
                j = findings.index(actual_finding)
                findings[j] = Finding(
                    "swap",
                    message,
                    f"{part_path}.actual",
                    part.actual,
                    part.budget,
                    code=FindingCode.SWAPPED_FIGURES,
                )
                swapped.add(part_path)
                break
    return swapped


def parts_figures(facts: FactBase, findings: list[Finding]) -> list[Fact]:
    """A mistyped whole's figure as its parts give it, one fact per sum finding.

    The table's total 执行数 2196.44 is off its rows (2169.44): a sentence that states 2169.44 states the
    right figure and is proved by the parts, while the table's 2196.44 is flagged with the finding.
    """
    out = []
    for finding in findings:
        fact = facts.get(finding.fact_id or "")
        if (
            finding.kind != "sum"
            or finding.severity != "error"
            or fact is None
            or fact.origin != "data"
            or fact.dim != "money"
            or not finding.stated
            or finding.expected is None
        ):
            continue
        scale = fact.value / finding.stated
        out.append(
            dataclasses.replace(
                fact,
                id=f"{fact.id}~parts",
                label=f"{fact.label}（按组成之和）",
                value=finding.expected * scale,
                origin="derived",
                derivation=finding.derivation,
                source="",
                required=False,
            )
        )
    return out


def _one_wrong_part(
    findings: list[Finding], corrected: dict[str, dict[str, Decimal]], facts: FactBase
) -> None:
    """A part mistyped breaks two sums (its own and its whole's): report it once, as the part's.

    基本支出 typed 821.36 where 人员支出 + 公用支出 give 812.36 also puts 基本支出 + 项目支出 off the
    total by 9.00. When putting the part's own sum in its place makes the whole agree again, the
    whole is right: its finding is dropped (the part's finding says so), and nothing that relies on
    the whole is reported.
    """
    by_id = {f.fact_id: f for f in findings if f.kind == "sum" and f.severity == "error" and f.fact_id}
    for figure, whole_path, part_paths in facts.relations:
        whole = by_id.get(f"{whole_path}.{figure}")
        if whole is None or whole.stated is None or whole.expected is None:
            continue
        for part_path in part_paths:
            part = by_id.get(f"{part_path}.{figure}")
            if part is None or part.stated is None or part.expected is None:
                continue
            if abs(whole.expected - part.stated + part.expected - whole.stated) > SUM_TOLERANCE:
                continue
            findings.remove(whole)
            del by_id[f"{whole_path}.{figure}"]
            corrected.get(whole_path, {}).pop(figure, None)
            i = findings.index(part)
            findings[i] = dataclasses.replace(
                part,
                message=part.message + f"；以 {part.expected} 计，{_name(facts.data, whole_path, facts)}"
                f"{_FIGURE_NAMES[figure]} {whole.stated} 也与其组成相符",
            )
            by_id[f"{part_path}.{figure}"] = findings[i]
            break


def _rate_follows_parts(
    findings: list[Finding],
    fixes: dict[str, Decimal],
    path: str,
    line: Money,
    budget: Decimal,
    rate: Decimal,
) -> bool:
    """Does a stated 执行率 follow the parts' sum of a mistyped whole? Then the whole's figure is the
    typo (the sum finding says so) and the rate is right, not a second error."""
    budget_figure = "budget" if line.budget is not None else "initial_budget"
    assert line.actual is not None
    fixed_actual = fixes.get("actual", line.actual)
    fixed_budget = fixes.get(budget_figure, budget)
    for actual, base in ((fixed_actual, budget), (line.actual, fixed_budget), (fixed_actual, fixed_budget)):
        if (actual, base) == (line.actual, budget) or not base:
            continue
        if round_like(actual / base * HUNDRED, rate) != rate:
            continue
        for figure, fixed in (("actual", actual), (budget_figure, base)):
            for i, f in enumerate(findings):
                if f.fact_id == f"{path}.{figure}" and f.kind == "sum" and f.expected == fixed:
                    findings[i] = dataclasses.replace(
                        f,
                        message=f.message + f"；表列执行率 {rate}% 正是按 {fixed} 计算"
                        f"（{actual}/{base}），{f.stated} 应为 {fixed} 之误",
                    )
        return True
    return False


def _q(value: Decimal | None) -> str:
    return "" if value is None else f"{value}"


def _part_paths(data: ReportData, whole_path: str) -> list[str]:
    """The budget lines a whole is the sum of (its sources, or the spending structure)."""
    b = data.budget
    if whole_path == "budget.total" and b.sources:
        return [f"budget.sources[{i}]" for i in range(len(b.sources))]
    if whole_path == "budget.projects_total":
        return [f"budget.projects[{i}]" for i in range(len(b.projects))]
    if whole_path == "budget.basic":
        return ["budget.personnel", "budget.public"]
    return ["budget.basic", "budget.projects_total"]


def _parts_actual(data: ReportData, path: str) -> tuple[str, Decimal] | None:
    """The 执行数 a whole's parts add up to (基本支出 + 项目支出 for the total), when all are given."""
    b = data.budget
    if path in ("budget.total", "budget.spending") and b.basic is not None and b.projects_total is not None:
        a, p = b.basic.actual, b.projects_total.actual
        if a is not None and p is not None:
            return f"基本支出 {a} + 项目支出 {p}", a + p
    return None


def _balance(data: ReportData) -> list[Finding]:
    """本年收入 + 上年结转 − 结转下年 = 支出合计, where all are given."""
    b = data.budget
    spending = b.spending if b.spending is not None else b.total
    if b.income is None or b.income.actual is None or spending is None or spending.actual is None:
        return []
    carry_in = b.carryover_in.actual if b.carryover_in and b.carryover_in.actual is not None else Decimal(0)
    carry_out = (
        b.carryover_out.actual if b.carryover_out and b.carryover_out.actual is not None else Decimal(0)
    )
    expected = b.income.actual + carry_in - carry_out
    if expected == spending.actual:
        return []
    # a carry-over the report does not state is unknown, not zero: it may be the difference
    if (expected > spending.actual and (b.carryover_out is None or b.carryover_out.actual is None)) or (
        expected < spending.actual and (b.carryover_in is None or b.carryover_in.actual is None)
    ):
        return []
    message = (
        f"收支不平衡：本年收入 {b.income.actual} + 上年结转 {carry_in} − 结转下年 {carry_out} "
        f"= {expected}，而支出合计为 {spending.actual}"
    )
    return [
        Finding(
            "sum",
            message,
            "budget.spending.actual",
            spending.actual,
            expected,
            code=FindingCode.BALANCE_MISMATCH,
            derivation=message,  # the message is its own derivation (parts_figures)
        )
    ]


def _staff(data: ReportData) -> list[Finding]:
    out = []
    staff = data.staff
    for name, parts, total, label in (
        ("authorized", staff.authorized_parts, staff.authorized, "编制数"),
        ("actual", staff.actual_parts, staff.actual, "实有人数"),
    ):
        if f"{name}_parts" in staff.partial:
            continue  # the kinds listed are only some of them
        if parts and total is not None and sum(p.count for p in parts) != total:
            listed = " + ".join(f"{p.label} {p.count}" for p in parts)
            out.append(
                Finding(
                    "count",
                    f"{label} {total} 与分类之和不符：{listed} = {sum(p.count for p in parts)}",
                    f"staff.{name}",
                    Decimal(total),
                    Decimal(sum(p.count for p in parts)),
                    code=FindingCode.STAFF_COUNT_MISMATCH,
                )
            )
    return out


__all__ = ["SUM_TOLERANCE", "Finding", "FindingCode", "audit", "parts_figures"]
