"""A problem the audit finds in the data, and the rounding its messages use.

Split from drafter.audit.rules so the audit's parts (scores, finance) can share them without importing
each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


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


def round_like(value: Decimal, like: Decimal) -> Decimal:
    """`value` rounded half-up to the places `like` was written with (a stated 96.13 → two)."""
    exponent = like.as_tuple().exponent
    assert isinstance(exponent, int)
    return value.quantize(Decimal(1).scaleb(min(exponent, 0)), rounding=ROUND_HALF_UP)


def two_places(value: Decimal) -> str:
    """A computed figure for a message, to two places (half-up)."""
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}"
