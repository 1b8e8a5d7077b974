"""The scores of the data's own 自评表: each row against its rule, their sums against the totals.

An indicator's 得分 against its 分值 and the proportional rule (or its 得分系数), the 资金 rows' 得分
against 执行率 × 分值, the 总分值 and 自评得分 against their parts, the 等级 against the grade thresholds.
Split from drafter.audit.rules (the budget's arithmetic); the audit calls `score_findings`.
"""

from __future__ import annotations

from decimal import Decimal

from drafter.audit.findings import Finding, FindingCode, not_computable, round_like, two_places
from drafter.data.model import Money, ReportData
from drafter.numbers import extract


def score_findings(data: ReportData, corrected: dict[str, dict[str, Decimal]]) -> list[Finding]:
    """Every score of the data that does not follow its rule (`corrected`: mistyped wholes' parts sums)."""
    money_rows = [(p, line) for p, line in _budget_rows(data) if line.weight is not None]
    out = _proportional(data)
    out.extend(_above_weight(data))
    out.extend(_total_weight(data, money_rows))
    out.extend(_funds_scores(money_rows, corrected))
    out.extend(_total_score(data, money_rows))
    out.extend(_grade(data))
    return out


def _above_weight(data: ReportData) -> list[Finding]:
    """An indicator's 得分 above its 分值."""
    out: list[Finding] = []
    for i, ind in enumerate(data.indicators):
        if ind.weight is not None and ind.score is not None and ind.score > ind.weight:
            out.append(
                Finding(
                    "score",
                    f"指标“{ind.name}”得分 {ind.score} 超过分值 {ind.weight}",
                    f"indicators[{i}].score",
                    ind.score,
                    ind.weight,
                    code=FindingCode.SCORE_ABOVE_WEIGHT,
                )
            )
    return out


def _total_weight(data: ReportData, money_rows: list[tuple[str, Money]]) -> list[Finding]:
    """总分值 against the 分值 of the indicators and the 资金 rows."""
    out: list[Finding] = []
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
                    code=FindingCode.TOTAL_WEIGHT_MISMATCH,
                )
            )
    return out


def _funds_scores(
    money_rows: list[tuple[str, Money]], corrected: dict[str, dict[str, Decimal]]
) -> list[Finding]:
    """A 资金 row's 得分 against 执行率 × 分值 (capped), or the same of its parts' figures when mistyped."""
    out: list[Finding] = []
    for path, line in money_rows:
        budget = line.budget if line.budget is not None else line.initial_budget
        if line.weight is None or line.actual is None or budget is None:
            continue
        if not budget:  # 执行率 × 分值 of a zero budget: no score follows
            if line.score is not None:
                out.append(not_computable(f"{path}.score", "预算执行率得分", line.score, "预算数", "分"))
            continue
        rule = min(line.actual / budget, Decimal(1)) * line.weight
        # a whole mistyped (its parts give another figure): the score may follow the parts' figure
        fixes = corrected.get(path, {})
        fixed_budget = fixes.get("budget" if line.budget is not None else "initial_budget", budget)
        fixed_actual = fixes.get("actual", line.actual)
        fixed_rule = min(fixed_actual / fixed_budget, Decimal(1)) * line.weight if fixed_budget else rule
        if line.score is not None and line.score not in (
            round_like(rule, line.score),
            round_like(fixed_rule, line.score),
        ):
            out.append(
                Finding(
                    "score",
                    f"预算执行率得分表列 {line.score}，按 执行率 × 分值（封顶）应为 {two_places(rule)}",
                    f"{path}.score",
                    line.score,
                    rule,
                    code=FindingCode.FUNDS_SCORE_MISMATCH,
                )
            )
    return out


def _total_score(data: ReportData, money_rows: list[tuple[str, Money]]) -> list[Finding]:
    """自评得分 against the 得分 of the indicators and the 资金 rows."""
    out: list[Finding] = []
    ev = data.self_evaluation
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
        if round_like(total, ev.score) != ev.score:
            extra = f" + 预算执行率得分 {two_places(sum(row_scores, Decimal(0)))}" if row_scores else ""
            out.append(
                Finding(
                    "score",
                    f"自评得分 {ev.score} 与各项得分之和不符：指标得分 {sum(scores, Decimal(0))}{extra} = "
                    f"{two_places(total)}",
                    "self_evaluation.score",
                    ev.score,
                    total,
                    code=FindingCode.TOTAL_SCORE_MISMATCH,
                )
            )
    return out


def _grade(data: ReportData) -> list[Finding]:
    """自评等级 against the grade the 自评得分 has by the scoring rule."""
    out: list[Finding] = []
    ev = data.self_evaluation
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
                    code=FindingCode.GRADE_MISMATCH,
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
            if round_like(rule, ind.score) != ind.score:
                out.append(
                    Finding(
                        "score",
                        f"指标“{ind.name}”得分表列 {ind.score}，按 分值 {ind.weight} × 得分系数 "
                        f"{ind.coefficient} 应为 {two_places(rule)}",
                        f"indicators[{i}].score",
                        ind.score,
                        rule,
                        code=FindingCode.SCORE_COEFFICIENT_MISMATCH,
                    )
                )
            continue
        if ind.score == 0:
            continue
        goal = ind.adjusted_target or ind.target  # an adjusted target (调整指标值) is the one scored
        target, actual = _single(goal), _single(ind.actual)
        if target is None or actual is None or target[1] != actual[1] or not target[0]:
            continue
        if goal.lstrip().startswith(("≤", "<", "＜", "不高于", "不超过", "低于")):
            continue
        if ind.nature.strip() in ("≤", "<", "＜", "反向"):  # 指标性质 ≤ beside a bare 1.5: a ceiling too
            continue
        if actual[0] >= target[0]:
            continue
        rule = ind.weight * actual[0] / target[0]
        # full marks for a target missed are no rounding of the rule's score (9.5 is not 10)
        rounded = round_like(rule, ind.score) if ind.score != ind.weight else None
        if rounded != ind.score and round_like(rule, Decimal("0.01")) != ind.score:
            out.append(
                Finding(
                    "score",
                    f"指标“{ind.name}”得分表列 {ind.score}，按 分值 {ind.weight} × 实际完成值 {actual[0]} / "
                    f"{'调整指标值' if ind.adjusted_target else '年度指标值'} {target[0]} "
                    f"计算为 {two_places(rule)}"
                    + ("" if ind.score > rule else "；低于此数，若系酌情扣分，请在偏差原因中说明"),
                    f"indicators[{i}].score",
                    ind.score,
                    rule,
                    "error" if ind.score > rule else "note",
                    code=FindingCode.SCORE_PROPORTION_MISMATCH,
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
