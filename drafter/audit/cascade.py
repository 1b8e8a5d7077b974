"""One typo, one finding: the disagreements a single mistyped figure causes downstream.

A 基本支出 执行数 with two digits transposed disagrees with its parts (人员 + 公用), but also makes the
年度资金总额 disagree with its parts, and the 执行率 and 占比 printed beside it (computed by the clerk from
the right figure) disagree with the data. Reporting each of those as its own error marks a table's
correct figures wrong. When a whole-against-parts finding names the right figure, the audit is run
again with that figure put right; the findings that vanish were caused by it and are folded into it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

from drafter.audit.findings import Finding
from drafter.data.model import Money, ReportData
from drafter.facts.build import FactBase, build_facts

Audit = Callable[[ReportData, FactBase], list[Finding]]


def fold_cascades(data: ReportData, findings: list[Finding], audit_once: Audit) -> list[Finding]:
    """The findings with those one corrected figure explains folded into that figure's finding.

    Candidates are the errors that say what a money figure should be (a sum of parts). The correction
    that makes the most other errors vanish wins; none that explains no other error is applied.
    """
    errors = [f for f in findings if f.severity == "error"]
    candidates = [f for f in errors if f.kind == "sum" and f.fact_id and f.expected is not None]
    if not candidates or len(errors) < 2:
        return findings
    best: tuple[Finding, list[Finding]] | None = None
    for candidate in candidates:
        assert candidate.fact_id is not None and candidate.expected is not None
        fixed = _with_figure(data, candidate.fact_id, candidate.expected)
        if fixed is None:
            continue
        left = {(f.kind, f.fact_id) for f in audit_once(fixed, build_facts(fixed)) if f.severity == "error"}
        gone = [f for f in errors if f is not candidate and (f.kind, f.fact_id) not in left]
        if gone and (best is None or len(gone) > len(best[1])):
            best = (candidate, gone)
    if best is None:
        return findings
    candidate, gone = best
    folded = dataclasses.replace(
        candidate,
        message=candidate.message + f"；按 {candidate.expected} 计算，另有 {len(gone)} 处不符随之消除"
        f"（{'、'.join(_figure_name(f) for f in gone)}），系同一处录入错误",
    )
    return [folded if f is candidate else f for f in findings if not any(f is g for g in gone)]


def _figure_name(finding: Finding) -> str:
    return finding.message.split(" ", 1)[0]


def _with_figure(data: ReportData, fact_id: str, value: Decimal) -> ReportData | None:
    """`data` with the money figure at `fact_id` (budget.basic.actual, budget.sources[1].budget) replaced."""
    subject, _, figure = fact_id.rpartition(".")
    steps = subject.split(".")
    if steps[0] != "budget" or len(steps) < 2:
        return None

    def rebuilt(node: object, rest: list[str]) -> object | None:
        if not rest:
            if not isinstance(node, Money) or figure not in type(node).model_fields:
                return None
            return node.model_copy(update={figure: value})
        name, _, index = rest[0].partition("[")
        child = getattr(node, name, None)
        if child is None or not hasattr(node, "model_copy"):
            return None
        if index:
            at = index.rstrip("]")
            if not isinstance(child, list) or not at.isdigit() or int(at) >= len(child):
                return None
            items = list(child)
            new = rebuilt(items[int(at)], rest[1:])
            if new is None:
                return None
            items[int(at)] = new
            return node.model_copy(update={name: items})  # type: ignore[attr-defined]
        new = rebuilt(child, rest[1:])
        return None if new is None else node.model_copy(update={name: new})  # type: ignore[attr-defined]

    budget = rebuilt(data.budget, steps[1:])
    return None if budget is None else data.model_copy(update={"budget": budget})
