"""Mistakes made on purpose in the example reports: the checker must catch every one, of every kind.

Each mutant changes a number the checker had verified (see drafter.evaluation.mutate for the kinds);
it is caught only if the changed number itself is flagged, not merely something else in the text.
"""

from __future__ import annotations

import functools

import pytest

from drafter.check.examples import _texts
from drafter.evaluation.mutate import KINDS, Mutant, detection
from tests.check.conftest import NAMES, example


@functools.cache
def results(name: str) -> dict[str, tuple[int, int, list[Mutant]]]:
    text, _, grounder = example(name)
    others = {rid: t for rid, t in _texts() if rid != name}
    return detection(text, grounder, others)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_mutant_is_caught(name: str, kind: str) -> None:
    total, hits, missed = results(name)[kind]
    assert hits == total, "missed: " + "; ".join(m.description for m in missed[:10])


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_exercised(kind: str) -> None:
    total = sum(results(name)[kind][0] for name in NAMES)
    assert total >= 10, f"only {total} {kind} mutants: the suite would prove little"
