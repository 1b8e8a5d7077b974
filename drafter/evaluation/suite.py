"""The whole mutation suite on one report: every kind of planted mistake, and every legal rewrite.

`run(text, grounder, examples)` gives per kind (mutants, caught, missed) and per control (rewrites,
false alarms, the rewrites that raised them). The issue's bar: at least 99% caught on every kind and
no false alarm on any control, on the example reports and on the development corpus.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from drafter.check.examples import example_numbers_for
from drafter.check.ground import Grounder, make_grounder
from drafter.data.load import load_data
from drafter.evaluation.mutate import KINDS, Mutant, detection
from drafter.evaluation.rewrites import CONTROLS, Rewrite, controls
from drafter.evaluation.wording import WORD_KINDS, word_detection

ALL_KINDS = KINDS + WORD_KINDS
ROOT = Path(__file__).resolve().parents[2]
# the development set: every root of hand-checked cases the checker is tuned on (eval/unseen is not one)
DEV_ROOTS = ("corpus", "holdout", "blind")


@dataclass
class Tally:
    """Mutants and rewrites of one or more reports, added up."""

    kinds: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in ALL_KINDS})
    controls: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in CONTROLS})
    missed: dict[str, list[tuple[str, Mutant]]] = field(default_factory=lambda: {k: [] for k in ALL_KINDS})
    alarms: dict[str, list[tuple[str, Rewrite]]] = field(default_factory=lambda: {k: [] for k in CONTROLS})

    def add(self, case: str, text: str, grounder: Grounder, examples: Mapping[str, str] | None) -> None:
        found = {**detection(text, grounder, examples), **word_detection(text, grounder)}
        for kind, (total, hits, missed) in found.items():
            self.kinds[kind][0] += total
            self.kinds[kind][1] += hits
            self.missed[kind] += [(case, m) for m in missed]
        for kind, (total, alarms, raised) in controls(text, grounder).items():
            self.controls[kind][0] += total
            self.controls[kind][1] += alarms
            self.alarms[kind] += [(case, r) for r in raised]

    def rate(self, kind: str) -> float:
        total, hits = self.kinds[kind]
        return hits / total if total else 1.0


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    grounder: Grounder


def example_cases() -> Iterator[Case]:
    for path in sorted((ROOT / "examples").glob("*/data.yaml")):
        yield _case(f"examples/{path.parent.name}", path)


def corpus_cases(roots: tuple[str, ...] = DEV_ROOTS) -> Iterator[Case]:
    """The cases under eval/<root>/ for each root (default: the whole development set), as root/name."""
    for root in roots:
        for path in sorted((ROOT / "eval" / root).glob("*/data.yaml")):
            if (path.parent / "report.txt").exists():
                yield _case(f"{root}/{path.parent.name}", path)


def _case(case_id: str, data_path: Path) -> Case:
    data = load_data(data_path)
    text = (data_path.parent / "report.txt").read_text(encoding="utf-8")
    return Case(case_id, text, make_grounder(data, example_numbers_for(data)))


def example_texts_except(case: Case) -> dict[str, str]:
    """The example reports other than the case's own: the pool of the `copied` kind."""
    from drafter.check.examples import _texts

    own = case.id.rsplit("/", 1)[-1]
    return {rid: t for rid, t in _texts() if rid != own}


def tally(cases: Iterator[Case]) -> Tally:
    out = Tally()
    for case in cases:
        out.add(case.id, case.text, case.grounder, example_texts_except(case))
    return out
