"""The four example reports checked against their own data: no false problem, every real one found.

The reports are real published documents; their mistakes were found by reading them with a
calculator (the list is at the top of each examples/*/data.yaml). Each is asserted here by the exact
number, its verdict and the expected value, so a regression in either direction fails.
"""

from __future__ import annotations

from drafter.check import check
from drafter.evaluation.corpus import EXAMPLE_AUDIT, EXAMPLE_MISTAKES
from tests.check.conftest import example

KNOWN_PROBLEMS = EXAMPLE_MISTAKES  # (number as written, verdict, expected value or None)
KNOWN_AUDIT = EXAMPLE_AUDIT  # (kind, fact id) of the data files' own inconsistencies


def test_each_example_raises_exactly_its_known_problems(example_name: str) -> None:
    text, _, grounder = example(example_name)
    result = check(text, grounder)
    found = [
        (v.mention.text, v.verdict, v.expected if v.verdict == "mismatch" else None) for v in result.problems
    ]
    assert found == KNOWN_PROBLEMS[example_name]
    assert result.missing == []
    assert not result.ok


def test_each_example_audit_finds_exactly_the_data_inconsistencies(example_name: str) -> None:
    text, _, grounder = example(example_name)
    result = check(text, grounder)
    assert [(f.kind, f.fact_id) for f in result.audit_errors] == KNOWN_AUDIT[example_name]


def test_every_quantity_of_the_examples_is_grounded_in_a_fact_or_flagged(example_name: str) -> None:
    text, _, grounder = example(example_name)
    result = check(text, grounder)
    for v in result.verdicts:
        if v.verdict == "ok" and v.mention.is_quantity:
            assert v.fact_id, v.mention.text
            assert grounder.facts.get(v.fact_id) is not None


def test_the_mistyped_total_is_explained_by_its_parts() -> None:
    text, _, grounder = example("yuelu-2021")
    finding = next(f for f in check(text, grounder).audit if f.fact_id == "budget.total.budget")
    assert "174.74 + 其他资金 24.24 = 198.98" in finding.message
    assert "106.87%" in finding.message and "198.8 应为 198.98 之误" in finding.message


def test_unit_slip_is_named_as_such() -> None:
    text, _, grounder = example("laoting-2023")
    problem = check(text, grounder).problems[0]
    assert "单位疑误" in problem.reason


def test_table_cells_are_read_by_their_row_and_column() -> None:
    text, _, grounder = example("yuelu-2021")
    result = check(text, grounder)
    by_text = {}
    for v in result.verdicts:
        by_text.setdefault(v.mention.text, v)
    assert by_text["212.64"].fact_id == "budget.total.actual"  # second column: 全年执行数
    assert by_text["106.87%"].fact_id in {"budget.total.rate", "budget.total.rate~"}
    assert by_text["131.32"].fact_id == "budget.basic.budget"
    assert by_text["139.37"].fact_id == "budget.basic.actual"
