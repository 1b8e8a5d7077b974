"""The data audit of the detail figures (their facts are drafter.facts.details).

The parts of 公用经费 are a relation of the fact base like any list of parts, so drafter.audit.rules
sums them against 公用支出 (with its swap and one-typo logic); `sum_code` gives that finding the code
of what was summed, so a reader of the codes knows a 办公费 typo from a 项目 one.
"""

from __future__ import annotations

from drafter.audit.findings import Finding, FindingCode


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
