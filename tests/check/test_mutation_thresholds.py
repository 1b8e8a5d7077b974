"""The issue-6 bar for the mutation suite: >= 99% caught on every kind, no false alarm on any control,
on the example reports and on the development set (eval/corpus).

CI-sized by a fixed sample (drafter.evaluation.suite.sampled_tally): of each kind of mutant and each
control, the SAMPLE (100) with the smallest stable hash of (case, kind, description, spans), per set;
all of them where a kind has fewer. The same mutants on every run, chosen by what they are and never by
whether they are caught (which mutants exist still follows the numbers the checker proves in the
original report, as in the full suite). With 100 a kind may miss at most one. Both sets take about
30 s of CPU on this 2-core machine (~55 s wall with other work running beside it); the full suite,
every mutant (~10 minutes), is `python eval/bench_mutations.py --missed 5` (it prints the full and
the sampled figures). The thresholds are the issue's, not lowered to today's figures.
"""

from __future__ import annotations

import functools

import pytest

from drafter.evaluation.rewrites import CONTROLS
from drafter.evaluation.suite import ALL_KINDS, SAMPLE, Tally, corpus_cases, example_cases, sampled_tally

BAR = 0.99
SETS = ("examples", "dev")


@functools.cache
def results(which: str) -> Tally:
    return sampled_tally(example_cases() if which == "examples" else corpus_cases())


@pytest.mark.parametrize("which", SETS)
@pytest.mark.parametrize("kind", ALL_KINDS)
def test_at_least_99_percent_of_each_kind_is_caught(which: str, kind: str) -> None:
    t = results(which)
    total, hits = t.kinds[kind]
    missed = "; ".join(f"[{case}] {m.description}" for case, m in t.missed[kind][:8])
    assert total == 0 or hits / total >= BAR, f"{hits}/{total} caught; missed: {missed}"


@pytest.mark.parametrize("which", SETS)
@pytest.mark.parametrize("control", CONTROLS)
def test_no_legal_rewrite_raises_a_false_alarm(which: str, control: str) -> None:
    t = results(which)
    total, alarms = t.controls[control]
    raised = "; ".join(f"[{case}] {r.description}" for case, r in t.alarms[control][:8])
    assert alarms == 0, f"{alarms} of {total} rewrites raised false alarms: {raised}"


@pytest.mark.parametrize("which", SETS)
def test_the_sample_takes_every_kind_up_to_its_size(which: str) -> None:
    t = results(which)
    checked = {k: t.kinds[k][0] for k in ALL_KINDS} | {k: t.controls[k][0] for k in CONTROLS}
    assert checked == {k: min(SAMPLE, n) for k, n in t.available.items()}
    assert sum(t.available.values()) > sum(checked.values())  # a sample, not the whole suite
