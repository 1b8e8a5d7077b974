"""Mistakes made on purpose in the example reports: the checker must catch every one, of every kind.

Each mutant changes a number the checker had verified (see drafter.evaluation.mutate for the kinds);
it is caught only if the changed number itself is flagged, not merely something else in the text.
"""

from __future__ import annotations

import functools
from decimal import Decimal

import pytest

from drafter.check.examples import report_texts as _texts
from drafter.evaluation.mutate import KINDS, Mutant, detection
from drafter.evaluation.rewrites import CONTROLS, rewrites
from drafter.evaluation.wording import WORD_KINDS, chinese_numeral, word_mutants
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


# ------------------------------------------------- the new kinds and controls are well made
# (whether the checker meets the bar on them: tests/check/test_mutation_thresholds.py)


@functools.cache
def word_mutants_of(name: str):
    text, _, grounder = example(name)
    return text, list(word_mutants(text, grounder))


@functools.cache
def rewrites_of(name: str):
    text, _, grounder = example(name)
    return text, list(rewrites(text, grounder))


@pytest.mark.parametrize(
    ("n", "written"),
    [(1, "一"), (2, "两"), (10, "十"), (14, "十四"), (20, "二十"), (102, "一百零二"), (1010, "一千零一十"),
     (3000, "三千"), (12345, "一万二千三百四十五")],
)  # fmt: skip
def test_chinese_numerals_as_reports_write_counts(n: int, written: str) -> None:
    assert chinese_numeral(n) == written


@pytest.mark.parametrize("kind", WORD_KINDS)
def test_every_new_kind_is_exercised(kind: str) -> None:
    total = sum(1 for name in NAMES for m in word_mutants_of(name)[1] if m.kind == kind)
    assert total >= 4, f"only {total} {kind} mutants on the examples"


@pytest.mark.parametrize("name", NAMES)
def test_a_mutant_changes_the_text_where_its_spans_say(name: str) -> None:
    text, mutants = word_mutants_of(name)
    for m in mutants:
        assert m.text != text, m.description
        for s, e in m.spans:
            assert 0 <= s < e <= len(m.text)


@pytest.mark.parametrize("control", CONTROLS)
def test_every_control_is_exercised(control: str) -> None:
    total = sum(1 for name in NAMES for r in rewrites_of(name)[1] if r.kind == control)
    assert total >= 10, f"only {total} {control} rewrites on the examples"


def test_rewrites_keep_the_value() -> None:
    """By construction: 万元 -> 元 multiplies by 10000 exactly; full-width digits are the same digits."""
    for name in NAMES:
        _, found = rewrites_of(name)
        for r in found:
            (s, e) = r.spans[0]
            new = r.text[s:e]
            if r.kind == "wan_to_yuan":
                old = r.description.split(" -> ")[0].replace("万元", "").strip()
                assert Decimal(new.removesuffix("元")) == Decimal(old) * 10_000, r.description
            elif r.kind == "fullwidth":
                assert (
                    new.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
                    == (r.description.split(" -> ")[0])
                )
