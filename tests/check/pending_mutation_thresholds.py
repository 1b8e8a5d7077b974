"""The issue-6 bar for the mutation suite: >= 99% caught on every kind, no false alarm on any control,
on the example reports and on the development corpus (eval/corpus/*).

Kept apart from tests/check/test_perturbations.py on purpose: several new kinds (reused figures,
Chinese numerals, lexicon phrases) and two controls (万元 written in 元, half-up rounding of a figure
from the data's own text) need the checker changes of helpers "binding" and "numbers". The thresholds
are the issue's, not lowered to today's figures; `python eval/bench_mutations.py --missed 5` shows
what is missed.
"""

from __future__ import annotations

import functools

import pytest

from drafter.evaluation.rewrites import CONTROLS
from drafter.evaluation.suite import ALL_KINDS, Tally, corpus_cases, example_cases, tally

BAR = 0.99
SETS = ("examples", "corpus")


@functools.cache
def results(which: str) -> Tally:
    return tally(example_cases() if which == "examples" else corpus_cases())


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
