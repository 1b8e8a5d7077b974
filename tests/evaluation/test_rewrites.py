"""Legal rewrites stay legal: a clause is never moved across a table's cell border."""

from __future__ import annotations

from pathlib import Path

from drafter.check import check, make_grounder
from drafter.data.load import parse_data
from drafter.evaluation.rewrites import rewrites

DATA = """
unit: {name: 测试县团委, short_name: 县团委, level: 县, year: 2023}
goals:
  target: ["开展主题团日活动不少于30场，发展新团员200名。"]
  achieved: ["开展主题团日活动34场，发展新团员216名。"]
activities:
  - title: 青年服务
    bullets:
      - 开展志愿服务活动52场，覆盖青少年3100人。
"""

TEXT = (
    "| 年度总体目标 | 预期目标 | 实际完成情况 |\n"
    "| 目标1 | 开展主题团日活动不少于30场，发展新团员200名。 | 开展主题团日活动34场，发展新团员216名。 |\n"
    "\n全年开展志愿服务活动52场，覆盖青少年3100人。\n"
)


def test_clauses_are_reordered_within_a_cell_or_a_sentence_never_across_a_border() -> None:
    grounder = make_grounder(parse_data(DATA, Path("团委.yaml")))
    assert check(TEXT, grounder).problems == []
    moved = [r for r in rewrites(TEXT, grounder) if r.kind == "clause_order"]
    assert moved, "the prose sentence's two clauses are a legal rewrite"
    assert all("|" not in r.description for r in moved), [r.description for r in moved]
    for r in moved:
        assert check(r.text, grounder).problems == [], r.description


def test_a_clause_that_leans_on_the_one_before_is_never_moved_either_way() -> None:
    grounder = make_grounder(parse_data(DATA, Path("团委.yaml")))
    text = "全年开展志愿服务活动52场，其中开展主题团日活动34场，发展新团员216名。\n"
    moved = [r.description for r in rewrites(text, grounder) if r.kind == "clause_order"]
    assert not any("其中" in d for d in moved), moved
