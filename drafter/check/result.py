"""What a check returns: plain data that drafting, repair, evaluation and the CLI all read.

A `CheckResult` holds one `Verdict` per number in the text (with the fact or derivation that proves
it, or what was expected instead), the audit's findings on the data, and the required facts the text
never states. `problems` is everything a reviewer must look at; `ok` is true when there is none.

Each verdict keeps the `Binding` it was judged on (what the words around the number name), so the
repair reads the checker's own binding instead of binding again, and a `Cause` code for why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Literal, Protocol

from drafter.audit.rules import Finding
from drafter.check.causes import Cause
from drafter.check.tables import Placed
from drafter.facts.build import Fact
from drafter.numbers import Mention

# unreadable: a table cell the checker cannot place (glued by OCR, more cells than columns): shown, but
# not a problem, since no binding (and so no mismatch) can be claimed for it
VerdictKind = Literal["ok", "mismatch", "unsupported", "hedge", "unreadable", "ignored"]
PROBLEM_VERDICTS: frozenset[str] = frozenset({"mismatch", "unsupported", "hedge"})


class BindKind(StrEnum):
    """How a number was bound: what named the facts it is judged against."""

    CELL = "table-cell"  # a table cell: its row and its column's header name the figure
    LABEL = "label"  # a term of the data before it (人员支出, a project's name); measure words pick which
    WORDS = "words"  # no label: its clause repeats the words of a bullet's figure
    NONE = "none"  # nothing names it: only a fact of its value, its words supported, may prove it
    # a number stating no figure of the data: a table cell (序号, unreadable, a column it lacks), or a
    # figure of another body (所属事业单位…编制数320人) its label would bind to the unit's own facts
    FAULT = "cell-fault"


class WordIndex(Protocol):
    """What reads a number's clause words against the bullets (drafter.check.textindex.TextIndex)."""

    def match(self, text: str, m: Mention) -> tuple[list[Fact], float]: ...


@dataclass(slots=True, eq=False)
class Binding:
    """What the words around one quantity name: the bind stage's answer, read by the verdict and the repair.

    Treated as immutable. The bullets its clause words repeat (`words`) are read on first use: most
    numbers are proved by their label alone, and reading every number's words would slow checking by a
    fifth. They are read once, from the text the check read, whoever asks first.
    """

    mention: Mention  # as bound (a hedge word that names a target, 低于5%的年度指标值, set aside)
    kind: BindKind
    label: tuple[Fact, ...] | None = None  # the facts the label before it names (None: not read by label)
    distance: int = 999  # squeezed characters between that label and the number
    term: str = ""  # the words that bound it: the label term, or the cell's column header
    placed: Placed | None = None  # the table cell it stands in
    in_row: bool = False  # its words are read back along a flattened table's row (a bare cell)
    cell: tuple[Fact, ...] = ()  # for a CELL: the facts its row and column name
    fault: Cause | None = None  # for a FAULT: why the cell states no figure
    note: str = ""  # and how to say so
    found_words: tuple[Fact, ...] | None = None  # the bullets, once read (see `words`)
    found_score: float = 0.0
    reader: tuple[WordIndex, str] | None = field(default=None, repr=False)  # how to read them: index, text

    def __getstate__(self) -> dict[str, object]:
        self.words  # noqa: B018 (read the bullets first: a pickled binding is plain data, no index)
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    @property
    def words(self) -> tuple[Fact, ...]:
        """Bullet figures whose clause words the number's clause repeats, best first."""
        if self.found_words is None:
            found, score = self.reader[0].match(self.reader[1], self.mention) if self.reader else ([], 0.0)
            self.found_words, self.found_score, self.reader = tuple(found), score, None
        return self.found_words

    @property
    def score(self) -> float:
        """How closely it repeats the best bullet's words (a weighted share)."""
        self.words  # noqa: B018 (read them first)
        return self.found_score

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Every fact it is bound to: the cell's, or the label's then the bullets' (for the repair)."""
        if self.kind is BindKind.CELL:
            return self.cell
        label = self.label or ()
        words = self.words
        return label + tuple(f for f in words if f not in label) if words else label


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
    cause: Cause = field(default=Cause.UNCODED, kw_only=True)  # why, as a code (the reason says it)
    also: tuple[Cause, ...] = field(default=(), kw_only=True)  # remarks the reason adds (单位疑误, 照抄)
    binding: Binding | None = field(default=None, kw_only=True, compare=False, repr=False)

    @classmethod
    def ignored(cls, m: Mention, cause: Cause, reason: str, sentence: str = "") -> Verdict:
        """A number that states no figure (a 序号 cell, drafter's own correction note, a date)."""
        return cls(m, "ignored", reason=reason, sentence=sentence, cause=cause)

    @property
    def is_problem(self) -> bool:
        return self.verdict in PROBLEM_VERDICTS

    def says(self, cause: Cause) -> bool:
        """Is `cause` the verdict's cause or one of its remarks?"""
        return self.cause is cause or cause in self.also

    @property
    def data_at_fault(self) -> bool:
        """The text agrees with the data, but the audit found that figure of the data wrong."""
        return self.cause is Cause.DATA_INCONSISTENT

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
            "cause": self.cause.value,
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
