"""The checker binds every number of the built-in writer's draft to the fact the writer wrote it from.

Over every data file the project has (examples/*, eval/corpus/*). The writer records the fact behind
each figure (drafter.writing.provenance); a number the checker proves by another fact, cannot prove, ignores,
or that the writer did not trace, is a bug — in the checker's binding almost always — and this test
lists every one. The data's own mistakes (audit findings on the very fact the writer used, a hedge the
data contradicts itself with) are not disagreements. See drafter.evaluation.provenance for what
counts as agreement: strictly, the writer's fact or one that means the same — same subject and
measure, the same statement, or a figure of the data's text and a fact of the same value and dimension
those very words name (an indicator's 实际完成值 is named by the indicator's name, so indicator
医共体成员单位's 14个 and the facts: entry 医共体成员单位 are one figure). The same value alone never
agrees; where the sentence names one of two facts (…年度指标值≥860人，实际完成860人) the checker must
bind the one it names. A number inside a name the data gives, read as that name, agrees.

A disagreement must never be "repaired": tests/drafting/test_repair_loop.py shows the drafting loop
marks such numbers instead of replacing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check.ground import make_grounder
from drafter.data.load import load_data
from drafter.evaluation.provenance import disagreements
from tests.drafting.data_files import case_id, data_files


@pytest.mark.parametrize("path", data_files(), ids=case_id)
def test_the_checker_binds_each_writer_number_to_the_writers_fact(path: Path) -> None:
    data = load_data(path)
    grounder = make_grounder(data)
    found = [d for d in disagreements(data, grounder) if d.kind != "data_error"]
    assert not found, f"{len(found)} checker/writer disagreements in {path}:\n" + "\n".join(
        d.line(grounder.facts) for d in found
    )
