"""The issue's bar for the checker on the development corpus (eval/corpus) and the bundled examples.

On average at most one false alarm per report, none on at least 80 % of them, and every listed real
mistake caught. The scoring itself (problem ↔ listed mistake) is tested on small made-up results.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import check, make_grounder
from drafter.data.load import parse_data
from drafter.evaluation.corpus import Mistake, case_folders, score, score_folder, totals

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "eval" / "corpus"
MAX_MEAN_FALSE_ALARMS = 1.0
MIN_SHARE_WITHOUT_FALSE_ALARMS = 0.8


def _folders() -> list[Path]:
    folders = case_folders(ROOT / "examples")
    if CORPUS.is_dir():
        folders += case_folders(CORPUS)
    return folders


@pytest.fixture(scope="module")
def scores():
    return [score_folder(folder) for folder in _folders()]


def test_the_corpus_is_there() -> None:
    assert len(case_folders(CORPUS)) >= 1


def test_false_alarms_stay_within_the_issue_bar(scores) -> None:
    summary = totals(scores)
    details = {s.case: s.false_alarms for s in scores if s.false_alarms}
    assert summary["mean_false_alarms"] <= MAX_MEAN_FALSE_ALARMS, details
    assert summary["share_without_false_alarms"] >= MIN_SHARE_WITHOUT_FALSE_ALARMS, details


def test_every_listed_mistake_is_caught(scores) -> None:
    missed = {s.case: s.missed for s in scores if s.missed}
    assert not missed


DATA = """
unit: {name: 测试县妇联, level: 县, year: 2023}
budget:
  basic: {actual: 534.51}
  personnel: {actual: 446.89}
  public: {actual: 87.62}
  projects_total: {actual: 90.84}
"""


def _result(text: str):
    return check(text, make_grounder(parse_data(DATA, Path("t.yaml"))))


def test_a_problem_on_the_listed_line_with_the_listed_text_catches_the_mistake() -> None:
    text = "基本支出534.51万元。\n人员支出446.98万元，公用支出87.62万元，项目支出90.84万元。"
    result = _result(text)
    caught = score("t", result, [Mistake(text="446.98", line=2)])
    assert len(caught.caught) == 1 and not caught.missed and not caught.false_alarms
    elsewhere = score("t", result, [Mistake(text="446.98", line=1)])
    assert len(elsewhere.missed) == 1 and len(elsewhere.false_alarms) == 1


def test_an_unlisted_problem_and_a_missing_claim_are_false_alarms() -> None:
    result = _result("基本支出534.51万元，人员支出446.89万元，公用支出87.62万元。另有12.5万元。")
    s = score("t", result, [])
    kinds = sorted(a.split(":")[0] for a in s.false_alarms)
    assert kinds == ["line 1", "missing"], s.false_alarms  # 12.5万元 unsupported; 项目支出 not stated
    clean = _result("基本支出534.51万元，人员支出446.89万元，公用支出87.62万元，项目支出90.84万元。")
    summary = totals([s, score("u", clean, [])])
    assert summary["mean_false_alarms"] == 1.0 and summary["share_without_false_alarms"] == 0.5


def test_a_listed_fall_explains_the_audits_signed_change() -> None:
    signed = """
unit: {name: 测试县文联, level: 县, year: 2023}
budget:
  unit: 万元
  three_public: {total: {actual: 8.00, last_year: 10.00, yoy_rate: -25.00}}
"""
    grounder = make_grounder(parse_data(signed, Path("s.yaml")))
    result = check("“三公”经费支出8.00万元，比上年下降25.00%。", grounder)
    assert [f.kind for f in result.audit_errors] == ["rate"]  # the fall is 20%, not 25%
    listed = Mistake(text="25.00", line=1, expected="20.00")
    s = score("t", result, [listed])
    assert len(s.caught) == 1 and s.false_alarms == [], s.false_alarms
