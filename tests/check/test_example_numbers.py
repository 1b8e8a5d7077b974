"""The copy claim (疑为照抄示例) is made only for distinctive figures, never for 0, 2, 10 or 100."""

from __future__ import annotations

from drafter.check import ExampleNumbers
from drafter.numbers import quantities


def test_only_distinctive_figures_are_claimed_copied() -> None:
    examples = ExampleNumbers.from_texts({"示例A": "支出534.51万元，开展10场活动，执行率100%，2人，04个"})
    assert examples.find(quantities("基本支出534.51万元")[0]) == ("示例A",)
    for small in ("10场", "100%", "2人", "4个"):
        assert examples.find(quantities(small)[0]) == (), small


def test_a_distinctive_figure_not_in_any_example_is_not_claimed() -> None:
    examples = ExampleNumbers.from_texts({"示例A": "支出534.51万元"})
    assert examples.find(quantities("支出534.52万元")[0]) == ()
