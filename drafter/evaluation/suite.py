"""The whole mutation suite on one report: every kind of planted mistake, and every legal rewrite.

`run(text, grounder, examples)` gives per kind (mutants, caught, missed) and per control (rewrites,
false alarms, the rewrites that raised them). The issue's bar: at least 99% caught on every kind and
no false alarm on any control, on the example reports and on the development set.

`tally` runs every mutant (minutes on the development set: eval/bench_mutations.py); `sampled_tally`
checks a fixed sample of each kind (seconds: the CI test). The sample is the `per_kind` mutants (and
rewrites) of each kind with the smallest stable hash of (case, kind, description, spans): the same
mutants on every run and machine, independent of the order cases are read in; a mutant is chosen by
what it is, never by whether it is caught (which mutants exist follows, as in the full suite, the
numbers the checker proves in the original); all of them where a kind has fewer.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from drafter.check.examples import example_numbers_for
from drafter.check.ground import Grounder, check, make_grounder
from drafter.data.fewshot import example_texts
from drafter.data.load import load_data
from drafter.evaluation.mutate import KINDS, Mutant, caught, detection, mutants
from drafter.evaluation.rewrites import CONTROLS, Rewrite, controls, false_alarm, rewrites
from drafter.evaluation.wording import WORD_KINDS, word_detection, word_mutants

ALL_KINDS = KINDS + WORD_KINDS
ROOT = Path(__file__).resolve().parents[2]
# the development set: the hand-checked cases the checker is tuned on (eval/unseen2 never is)
DEV_ROOTS = ("corpus",)


@dataclass
class Tally:
    """Mutants and rewrites of one or more reports, added up."""

    kinds: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in ALL_KINDS})
    controls: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in CONTROLS})
    missed: dict[str, list[tuple[str, Mutant]]] = field(default_factory=lambda: {k: [] for k in ALL_KINDS})
    alarms: dict[str, list[tuple[str, Rewrite]]] = field(default_factory=lambda: {k: [] for k in CONTROLS})
    # how many of each kind the reports gave (a sampled tally checks only some of them)
    available: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ALL_KINDS + CONTROLS, 0))

    def add(self, case: str, text: str, grounder: Grounder, examples: Mapping[str, str] | None) -> None:
        found = {**detection(text, grounder, examples), **word_detection(text, grounder)}
        for kind, (total, hits, missed) in found.items():
            self.kinds[kind][0] += total
            self.kinds[kind][1] += hits
            self.missed[kind] += [(case, m) for m in missed]
            self.available[kind] += total
        for kind, (total, alarms, raised) in controls(text, grounder).items():
            self.controls[kind][0] += total
            self.controls[kind][1] += alarms
            self.alarms[kind] += [(case, r) for r in raised]
            self.available[kind] += total

    def count_mutant(self, case: str, mutant: Mutant, hit: bool) -> None:
        self.kinds[mutant.kind][0] += 1
        self.kinds[mutant.kind][1] += hit
        if not hit:
            self.missed[mutant.kind].append((case, mutant))

    def count_rewrite(self, case: str, rewrite: Rewrite, alarm: bool) -> None:
        self.controls[rewrite.kind][0] += 1
        self.controls[rewrite.kind][1] += alarm
        if alarm:
            self.alarms[rewrite.kind].append((case, rewrite))

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

    own = case.id.rsplit("/", 1)[-1]
    return {rid: t for rid, t in sorted(example_texts().items()) if rid != own}


def tally(cases: Iterator[Case]) -> Tally:
    out = Tally()
    for case in cases:
        out.add(case.id, case.text, case.grounder, example_texts_except(case))
    return out


SAMPLE = 100  # mutants (and rewrites) of each kind a sampled tally checks, per set of reports


def sample_key(case: str, kind: str, description: str, spans: tuple[tuple[int, int], ...]) -> bytes:
    """A stable hash of what a mutant is (not Python's hash(), which changes from run to run)."""
    return hashlib.blake2b(f"{case}\x1f{kind}\x1f{description}\x1f{spans}".encode(), digest_size=8).digest()


def sampled_tally(cases: Iterable[Case], per_kind: int = SAMPLE) -> Tally:
    """Every kind's `per_kind` mutants and rewrites with the smallest sample_key, checked (see above)."""
    out = Tally()
    chosen: dict[str, list[tuple[bytes, int, str, Mutant | Rewrite]]] = {k: [] for k in ALL_KINDS + CONTROLS}
    by_id: dict[str, Case] = {}
    serial = 0  # a tie-breaker the heap compares before the (uncomparable) mutants
    for case in cases:
        by_id[case.id] = case
        made: list[Mutant | Rewrite] = [
            *mutants(case.text, case.grounder, example_texts_except(case)),
            *word_mutants(case.text, case.grounder),
            *rewrites(case.text, case.grounder),
        ]
        for made_one in made:
            out.available[made_one.kind] += 1
            key = sample_key(case.id, made_one.kind, made_one.description, made_one.spans)
            heap = chosen[made_one.kind]
            serial += 1
            entry = (_negated(key), serial, case.id, made_one)  # a max-heap of the smallest keys
            if len(heap) < per_kind:
                heapq.heappush(heap, entry)
            elif entry[0] > heap[0][0]:
                heapq.heapreplace(heap, entry)
    bases: dict[str, object] = {}
    for kind in ALL_KINDS + CONTROLS:
        for _, _, case_id, made_one in sorted(chosen[kind], key=lambda e: (e[2], e[1])):
            case = by_id[case_id]
            result = check(made_one.text, case.grounder)
            if isinstance(made_one, Mutant):
                out.count_mutant(case_id, made_one, caught(result, made_one))
            else:
                if case_id not in bases:
                    bases[case_id] = check(case.text, case.grounder)
                out.count_rewrite(case_id, made_one, false_alarm(result, made_one, bases[case_id]))  # type: ignore[arg-type]
    return out


def _negated(key: bytes) -> bytes:
    return bytes(255 - b for b in key)
