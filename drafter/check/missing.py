"""Required facts a text never states: the `missing` findings of a check (缺项)."""

from __future__ import annotations

from collections.abc import Collection

from drafter.audit.rules import Finding
from drafter.check.match import accepts
from drafter.check.result import Verdict
from drafter.facts.build import FactBase


def required_missing(
    facts: FactBase, verdicts: list[Verdict], required: Collection[str] | None
) -> list[Finding]:
    """The required facts the text never states (a fact stated wrongly is its mismatch, not missing)."""
    stated = {v.fact_id for v in verdicts if v.verdict in ("ok", "mismatch", "hedge") and v.fact_id}
    mentions = [v.mention for v in verdicts if v.mention.is_quantity and v.verdict == "ok"]
    out = []
    for fact in facts:
        if not fact.required or (required is not None and fact.id not in required):
            continue
        if fact.id in stated or any(accepts(fact, m) for m in mentions):
            continue
        out.append(Finding("missing", f"未写明{fact.label}（{fact.shown()}）", fact.id, None, fact.value))
    return out
