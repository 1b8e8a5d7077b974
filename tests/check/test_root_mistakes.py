"""A typo in the data's own table: the figure that is wrong is flagged, the right one it hides is proved."""

from __future__ import annotations

from pathlib import Path

from drafter.check import check, make_grounder
from drafter.data.load import parse_data

DATA = """
unit: {name: 样例县文化馆, level: 县, year: 2023}
budget:
  total: {label: 年度资金总额, budget: 52.00, actual: 49.09, rate: 95.96, weight: 10, score: 9.60}
  sources:
    - {label: 本级财政资金, budget: 48.00, actual: 45.60}
    - {label: 上级补助资金, budget: 4.00, actual: 4.30}
"""


def _verdicts(text: str) -> dict[str, str]:
    grounder = make_grounder(parse_data(DATA, Path("test.yaml")))
    return {v.mention.text: v.verdict for v in check(text, grounder).verdicts if v.mention.is_quantity}


def test_the_parts_figure_in_prose_is_right_and_the_typed_total_is_flagged() -> None:
    got = _verdicts("年度资金总额全年执行49.90万元，执行率95.96%。表列年度资金总额执行数49.09万元。")
    assert got == {"49.90万元": "ok", "95.96%": "ok", "49.09万元": "mismatch"}


def test_a_figure_that_is_neither_the_typed_nor_the_parts_one_is_wrong() -> None:
    assert _verdicts("年度资金总额全年执行49.80万元。") == {"49.80万元": "mismatch"}
