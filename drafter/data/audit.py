"""The data's own arithmetic: parts against wholes, stated rates against computed ones, scores against rules.

Staff copy figures from tables that were typed by hand, so the data can be wrong before any model
touches it. Each disagreement is a `Finding` with the stated and the computed figure; when one typo
explains several disagreements (a total mistyped, and the rate stated beside it computed from the
right total), the finding says so instead of reporting the rate as a second error.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from drafter.data.cascade import fold_cascades
from drafter.data.facts import FactBase
from drafter.data.finance import finance_findings
from drafter.data.model import Money, ReportData
from drafter.numbers import extract

HUNDRED = Decimal(100)
SUM_TOLERANCE = Decimal("0.01")  # parts rounded to 0.01 may miss their total by 0.01 (domain.md)


@dataclass(frozen=True)
class Finding:
    """A problem found without reading the report: in the data itself, or a required figure missing."""

    kind: str  # "sum", "rate", "share", "score", "grade", "count", "hedge", "missing"
    message: str
    fact_id: str | None = None
    stated: Decimal | None = None
    expected: Decimal | None = None
    severity: str = "error"  # "error" or "note" (rounding within tolerance)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "message": self.message,
            "fact_id": self.fact_id,
            "stated": None if self.stated is None else str(self.stated),
            "expected": None if self.expected is None else str(self.expected),
            "severity": self.severity,
        }


def _round(value: Decimal, like: Decimal) -> Decimal:
    exponent = like.as_tuple().exponent
    assert isinstance(exponent, int)
    return value.quantize(Decimal(1).scaleb(min(exponent, 0)), rounding=ROUND_HALF_UP)


def _q2(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}"


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
    findings: list[Finding] = []
    figure_names = {"budget": "预算数", "actual": "执行数", "initial_budget": "年初预算数"}
    corrected_budget: dict[str, Decimal] = {}  # whole path -> sum of its parts, where the stated whole is off

    # parts against wholes
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
        msg = f"{whole_name}{figure_names[figure]} {stated} 与其组成之和不符：{names} = {total}"
        severity = "note" if diff <= SUM_TOLERANCE else "error"
        if severity == "error" and figure == "budget":
            corrected_budget[whole_path] = total
        findings.append(Finding("sum", msg, f"{whole_path}.{figure}", stated, total, severity))

    confirmed_swaps = _swaps(data, findings)

    # stated rates, shares and year-on-year changes
    for fact in facts:
        if fact.origin != "data" or fact.measure not in {"rate", "share", "yoy"} or fact.dim != "percent":
            continue
        path = fact.subject
        line = _money_line(data, path)
        if line is None:
            continue
        name = fact.terms[0] if fact.terms else path
        if fact.measure == "rate":
            budget = line.budget if line.budget is not None else line.initial_budget
            if line.actual is None or not budget:
                continue
            if path in confirmed_swaps and _round(budget / line.actual * HUNDRED, fact.value) == fact.value:
                continue  # the stated rate follows the swapped-back figures: it confirms the swap
            computed = line.actual / budget * HUNDRED
            if _round(computed, fact.value) == fact.value:
                continue
            fixed = corrected_budget.get(path)
            if fixed and _round(line.actual / fixed * HUNDRED, fact.value) == fact.value:
                for i, f in enumerate(findings):
                    if f.fact_id == f"{path}.budget":
                        findings[i] = Finding(
                            f.kind,
                            f.message + f"；表列执行率 {fact.value}% 正是按 {fixed} 计算"
                            f"（{line.actual}/{fixed}），{f.stated} 应为 {fixed} 之误",
                            f.fact_id,
                            f.stated,
                            f.expected,
                            f.severity,
                        )
                continue
            parts = _parts_actual(data, path)
            if parts is not None and _round(parts[1] / budget * HUNDRED, fact.value) == fact.value:
                # the stated rate follows the parts' sum: the 执行数 is what is wrong
                findings.append(
                    Finding(
                        "sum",
                        f"{name}执行数 {line.actual} 与其组成之和不符：{parts[0]} = {parts[1]}；"
                        f"表列执行率 {fact.value}% 正是按 {parts[1]} 计算（{parts[1]}/{budget}），"
                        f"{line.actual} 应为 {parts[1]} 之误",
                        f"{path}.actual",
                        line.actual,
                        parts[1],
                    )
                )
                continue
            findings.append(
                Finding(
                    "rate",
                    f"{name}执行率表列 {fact.value}%，按执行数 {line.actual} / 预算数 {budget} "
                    f"计算为 {_round(computed, fact.value)}%",
                    fact.id,
                    fact.value,
                    _round(computed, fact.value),
                )
            )
        elif fact.measure == "share":
            shares = {
                f.id.rsplit(".", 1)[1]: f
                for f in facts.of_subject(path)
                if f.measure == "share" and f.origin == "derived"
            }
            share = shares.get("share_actual~") or shares.get("share_budget~")  # 占比 is of spending
            if share is None:
                continue
            if _round(share.value, fact.value) != fact.value:
                findings.append(
                    Finding(
                        "share",
                        f"{name}占比表列 {fact.value}%，按 {share.derivation} 计算为 "
                        f"{_round(share.value, fact.value)}%",
                        fact.id,
                        fact.value,
                        _round(share.value, fact.value),
                    )
                )
        elif line.actual is not None and line.last_year:
            computed = (line.actual - line.last_year) / line.last_year * HUNDRED
            rounded = _round(computed, fact.value)
            if rounded != fact.value and not (
                rounded < 0 and -rounded == fact.value
            ):  # a fall may be stated as its size
                findings.append(
                    Finding(
                        "rate",
                        f"{name}同比增减表列 {fact.value}%，按 ({line.actual} − {line.last_year}) / "
                        f"{line.last_year} 计算为 {_round(computed, fact.value)}%",
                        fact.id,
                        fact.value,
                        _round(computed, fact.value),
                    )
                )

    findings.extend(_balance(data))
    findings.extend(_staff(data))
    findings.extend(_scores(data))
    findings.extend(_hedges(facts))
    findings.extend(finance_findings(data, facts))  # 三公, 政府采购, 控制率, 结转结余率, subtotals
    return findings


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
                findings[i] = Finding("swap", message, f"{part_path}.budget", part.budget, part.actual)
                j = findings.index(actual_finding)
                findings[j] = Finding("swap", message, f"{part_path}.actual", part.actual, part.budget)
                swapped.add(part_path)
                break
    return swapped


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
    return [
        Finding(
            "sum",
            f"收支不平衡：本年收入 {b.income.actual} + 上年结转 {carry_in} − 结转下年 {carry_out} "
            f"= {expected}，而支出合计为 {spending.actual}",
            "budget.spending.actual",
            spending.actual,
            expected,
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
                )
            )
    return out


def _scores(data: ReportData) -> list[Finding]:
    out: list[Finding] = []
    out.extend(_proportional(data))
    for i, ind in enumerate(data.indicators):
        if ind.weight is not None and ind.score is not None and ind.score > ind.weight:
            out.append(
                Finding(
                    "score",
                    f"指标“{ind.name}”得分 {ind.score} 超过分值 {ind.weight}",
                    f"indicators[{i}].score",
                    ind.score,
                    ind.weight,
                )
            )
    money_rows = [(p, line) for p, line in _budget_rows(data) if line.weight is not None]
    weights = [ind.weight for ind in data.indicators if ind.weight is not None]
    row_weights = [line.weight for _, line in money_rows if line.weight is not None]
    ev = data.self_evaluation
    if ev.total_weight is not None and weights:
        total = sum(weights, Decimal(0)) + sum(row_weights, Decimal(0))
        if total != ev.total_weight:
            parts = f"指标分值 {sum(weights, Decimal(0))}" + (
                f" + 预算执行率分值 {sum(row_weights, Decimal(0))}" if row_weights else ""
            )
            out.append(
                Finding(
                    "score",
                    f"总分值 {ev.total_weight} 与各项分值之和不符：{parts} = {total}",
                    "self_evaluation.total_weight",
                    ev.total_weight,
                    total,
                )
            )
    for path, line in money_rows:
        budget = line.budget if line.budget is not None else line.initial_budget
        if line.weight is None or line.actual is None or not budget:
            continue
        rule = min(line.actual / budget, Decimal(1)) * line.weight
        if line.score is not None and _round(rule, line.score) != line.score:
            out.append(
                Finding(
                    "score",
                    f"预算执行率得分表列 {line.score}，按 执行率 × 分值（封顶）应为 {_q2(rule)}",
                    f"{path}.score",
                    line.score,
                    rule,
                )
            )
    scores = [ind.score for ind in data.indicators if ind.score is not None]
    if ev.score is not None and scores:
        row_scores = []
        for _, line in money_rows:
            budget = line.budget if line.budget is not None else line.initial_budget
            if line.score is not None:
                row_scores.append(line.score)
            elif line.weight is not None and line.actual is not None and budget:
                row_scores.append(min(line.actual / budget, Decimal(1)) * line.weight)
        total = sum(scores, Decimal(0)) + sum(row_scores, Decimal(0))
        if _round(total, ev.score) != ev.score:
            extra = f" + 预算执行率得分 {_q2(sum(row_scores, Decimal(0)))}" if row_scores else ""
            out.append(
                Finding(
                    "score",
                    f"自评得分 {ev.score} 与各项得分之和不符：指标得分 {sum(scores, Decimal(0))}{extra} = "
                    f"{_q2(total)}",
                    "self_evaluation.score",
                    ev.score,
                    total,
                )
            )
    if ev.score is not None and ev.grade:
        expected = data.scoring.grade(ev.score)
        if not ev.grade.startswith(expected):
            out.append(
                Finding(
                    "grade",
                    f"自评等级“{ev.grade}”与得分 {ev.score} 不符：按评分规则应为“{expected}”",
                    "self_evaluation.grade",
                    ev.score,
                    None,
                )
            )
    return out


def _proportional(data: ReportData) -> list[Finding]:
    """An indicator short of its target scores less than its 分值; by the usual rule, in proportion.

    A stated 得分系数 is the table's own rule: 得分 must be 分值 × 系数 (an error when not). Without one,
    the usual rule is 分值 × 实际完成值 / 年度指标值, only where both values are one plain figure of the
    same unit and the target is a floor (≥ or no sign): 12.5公里 planned, 10公里 done, 分值 10 gives 8.
    That is the scoring rule of the national 自评 method for quantitative indicators (domain.md), and it
    is a ceiling: a score above it (8.5 for 8) claims more than was done, an error. Many tables deduct
    more by judgment (酌情扣分: 9 of 10 for 93.6% of 95%, the rule gives 9.85), which only ever lowers
    a score: that is a note with the rule's figure, not an error marking the printed score wrong.
    Ceilings (≤ costs) and qualitative targets are left to the reader.
    """
    out = []
    for i, ind in enumerate(data.indicators):
        if ind.weight is None or ind.score is None:
            continue
        if ind.coefficient is not None:
            rule = ind.weight * ind.coefficient
            if _round(rule, ind.score) != ind.score:
                out.append(
                    Finding(
                        "score",
                        f"指标“{ind.name}”得分表列 {ind.score}，按 分值 {ind.weight} × 得分系数 "
                        f"{ind.coefficient} 应为 {_q2(rule)}",
                        f"indicators[{i}].score",
                        ind.score,
                        rule,
                    )
                )
            continue
        if ind.score in (ind.weight, 0):
            continue
        target, actual = _single(ind.target), _single(ind.actual)
        if target is None or actual is None or target[1] != actual[1] or not target[0]:
            continue
        if ind.target.lstrip().startswith(("≤", "<", "＜", "不高于", "不超过", "低于")):
            continue
        if actual[0] >= target[0]:
            continue
        rule = ind.weight * actual[0] / target[0]
        if _round(rule, ind.score) != ind.score and _round(rule, Decimal("0.01")) != ind.score:
            out.append(
                Finding(
                    "score",
                    f"指标“{ind.name}”得分表列 {ind.score}，按 分值 {ind.weight} × 实际完成值 {actual[0]} / "
                    f"年度指标值 {target[0]} 计算为 {_q2(rule)}"
                    + ("" if ind.score > rule else "；低于此数，若系酌情扣分，请在偏差原因中说明"),
                    f"indicators[{i}].score",
                    ind.score,
                    rule,
                    "error" if ind.score > rule else "note",
                )
            )
    return out


def _single(text: str) -> tuple[Decimal, str] | None:
    """The one figure of an indicator value and its unit (≥12.5公里 -> (12.5, 公里)), or None."""
    found = [m for m in extract(text) if m.is_quantity and m.value is not None]
    if len(found) != 1 or found[0].number is None:
        return None
    return found[0].value, found[0].unit  # type: ignore[return-value]


def _budget_rows(data: ReportData) -> list[tuple[str, Money]]:
    b = data.budget
    rows: list[tuple[str, Money]] = []
    for slot in ("total", "spending", "basic", "personnel", "public", "projects_total"):
        line = getattr(b, slot)
        if line is not None:
            rows.append((f"budget.{slot}", line))
    rows.extend((f"budget.sources[{i}]", line) for i, line in enumerate(b.sources))
    return rows


def _hedges(facts: FactBase) -> list[Finding]:
    out = []
    for fact in facts:
        if fact.mention is not None and fact.mention.hedge_conflict:
            m = fact.mention
            out.append(
                Finding(
                    "hedge",
                    f"“{m.text.strip()}”的约数词互相矛盾（{m.hedge}）：近/不足表示少于，余/多/以上表示多于",
                    fact.id,
                    m.value,
                    None,
                )
            )
    return out


__all__ = ["Finding", "audit"]
