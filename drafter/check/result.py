"""What a check returns: plain data that drafting, repair, evaluation and the CLI all read.

A `CheckResult` holds one `Verdict` per number in the text (with the fact or derivation that proves
it, or what was expected instead), the audit's findings on the data, and the required facts the text
never states. `problems` is everything a reviewer must look at; `ok` is true when there is none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from drafter.audit.rules import Finding
from drafter.numbers import Mention

# unreadable: a table cell the checker cannot place (glued by OCR, more cells than columns): shown, but
# not a problem, since no binding (and so no mismatch) can be claimed for it
VerdictKind = Literal["ok", "mismatch", "unsupported", "hedge", "unreadable", "ignored"]
PROBLEM_VERDICTS: frozenset[str] = frozenset({"mismatch", "unsupported", "hedge"})


@dataclass(frozen=True, slots=True)
class Verdict:
    """The judgement on one number of the text."""

    mention: Mention
    verdict: VerdictKind
    fact_id: str | None = None  # provenance (ok) or the fact it should have matched (mismatch, hedge)
    fact_label: str | None = None
    expected: str | None = None  # the value the data gives, written like the mention (534.51万元)
    expected_value: Decimal | None = None
    derivation: str | None = None  # for derived facts: how the value follows from the data
    reason: str = ""  # why: for ignored numbers, and a sentence for every problem
    bound: bool = False  # the words before it named a fact
    sentence: str = ""

    @property
    def is_problem(self) -> bool:
        return self.verdict in PROBLEM_VERDICTS

    def to_dict(self) -> dict[str, object]:
        m = self.mention
        return {
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "kind": m.kind,
            "value": None if m.value is None else str(m.value),
            "unit": m.unit,
            "hedge": m.hedge,
            "verdict": self.verdict,
            "fact_id": self.fact_id,
            "fact_label": self.fact_label,
            "expected": self.expected,
            "derivation": self.derivation,
            "reason": self.reason,
            "bound": self.bound,
            "sentence": self.sentence,
        }


@dataclass
class CheckResult:
    """Every number of a text judged against the data, plus the data's own findings."""

    text: str
    verdicts: list[Verdict] = field(default_factory=list)
    audit: list[Finding] = field(default_factory=list)
    missing: list[Finding] = field(default_factory=list)

    @property
    def problems(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.is_problem]

    @property
    def audit_errors(self) -> list[Finding]:
        return [f for f in self.audit if f.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.audit_errors and not self.missing

    def counts(self) -> dict[str, int]:
        out = {k: 0 for k in ("ok", "mismatch", "unsupported", "hedge", "unreadable", "ignored")}
        for v in self.verdicts:
            out[v.verdict] += 1
        return out

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "counts": self.counts(),
            "problems": len(self.problems) + len(self.audit_errors) + len(self.missing),
            "verdicts": [v.to_dict() for v in self.verdicts],
            "audit": [f.to_dict() for f in self.audit],
            "missing": [f.to_dict() for f in self.missing],
        }
