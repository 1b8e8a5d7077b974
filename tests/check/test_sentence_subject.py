"""What a sentence's later clauses speak of: its subject, not the whole a share was taken of."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import check, make_grounder
from drafter.data.load import parse_data

DATA = """
unit: {name: 样例县档案馆, short_name: 县档案馆, aliases: [我馆], level: 县, year: 2023}
budget:
  unit: 万元
  total: {initial_budget: 300.00, budget: 420.00, actual: 400.00}
  basic: {budget: 250.00, actual: 240.00, last_year: 230.00}
  personnel: {actual: 200.00, last_year: 210.00, yoy_rate: -4.76}
  public: {actual: 40.00}
  projects_total: {budget: 170.00, actual: 160.00}
  three_public:
    total: {actual: 3.60, last_year: 4.00, yoy_rate: -10.00}
"""


@pytest.fixture(scope="module")
def grounder():
    return make_grounder(parse_data(DATA, Path("test.yaml")))


def verdicts(text: str, grounder) -> dict[str, str]:
    return {v.mention.text: v.verdict for v in check(text, grounder).verdicts if v.mention.is_quantity}


def test_a_budget_after_a_share_clause_is_the_subjects_not_the_wholes(grounder) -> None:
    text = "全年项目支出160.00万元，占总支出的40.00%，全年预算170.00万元，执行率94.12%。"
    assert verdicts(text, grounder) == {
        "160.00万元": "ok",
        "40.00%": "ok",
        "170.00万元": "ok",
        "94.12%": "ok",
    }


def test_a_change_after_a_share_clause_is_the_parts(grounder) -> None:
    text = "其中人员支出200.00万元，占基本支出的83.33%，同比增长4.35%。"
    # 4.35% is 基本支出's change (240 over 230); 人员支出 fell: the clause speaks of 人员支出
    assert verdicts(text, grounder)["4.35%"] == "mismatch"


def test_the_share_whole_is_still_read_inside_its_own_clause(grounder) -> None:
    assert verdicts("基本支出240.00万元，占总支出的60.00%。", grounder)["60.00%"] == "ok"
    assert verdicts("基本支出240.00万元，占总支出的62.00%。", grounder)["62.00%"] == "mismatch"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("“三公”经费支出3.60万元，比上年下降10.00%。", "ok"),
        ("“三公”经费支出3.60万元，降幅为10.00%。", "ok"),
        ("“三公”经费支出3.60万元，比上年增长10.00%。", "mismatch"),  # the direction is part of the claim
        ("“三公”经费支出3.60万元，比上年下降12.00%。", "mismatch"),
        ("人员支出200.00万元，同比下降4.76%。", "ok"),
    ],
)
def test_a_fall_written_as_its_size_is_true_of_a_signed_change(text: str, verdict: str, grounder) -> None:
    assert list(verdicts(text, grounder).values())[-1] == verdict


def test_a_sentence_the_unit_opens_about_its_budget_states_the_whole_budget(grounder) -> None:
    text = "2023年我馆年初预算300.00万元，年中调整后全年预算420.00万元。"
    assert verdicts(text, grounder) == {"300.00万元": "ok", "420.00万元": "ok"}
    # bound, a wrong whole is now a mismatch rather than a number no sentence names
    assert verdicts("县档案馆全年预算410.00万元。", grounder)["410.00万元"] == "mismatch"


def test_money_in_a_sentence_the_unit_does_not_open_is_not_read_as_the_whole_budget(grounder) -> None:
    # an activity's own spending: no figure of the data, but not a wrong 全年支出 either
    result = check("组织档案展览6场，实际支出5.00万元。", grounder)
    reason = {v.mention.text: v.reason for v in result.verdicts}
    assert reason["5.00万元"] == "数据中没有这个数"


SCORED = """
unit: {name: 样例县档案馆, level: 县, year: 2023}
indicators:
  - {level1: 产出指标, name: 档案数字化率, target: "≥80%", actual: 76%, weight: 10, score: 9.5}
  - {level1: 满意度指标, name: 查档群众满意度, target: "≥90%", actual: 95%, weight: 10, score: 10}
"""


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("档案数字化率76%，未达到80%的目标，扣0.5分。", "ok"),
        ("档案数字化率76%，未达到80%的目标，扣2分。", "mismatch"),
        ("档案数字化率未达目标，扣除0.5分，得9.5分。", "ok"),
    ],
)
def test_a_deduction_is_the_weight_less_the_score(text: str, verdict: str) -> None:
    g = make_grounder(parse_data(SCORED, Path("scored.yaml")))
    found = {v.mention.text: v.verdict for v in check(text, g).verdicts if v.mention.dim == "score"}
    assert set(found.values()) == {verdict}, found


def test_a_text_that_states_what_the_audit_says_the_data_should_be_is_right() -> None:
    typo = """
unit: {name: 样例县档案馆, level: 县, year: 2023}
budget:
  unit: 万元
  three_public:
    total: {actual: 3.90}
    overseas: {actual: 0}
    vehicle_operation: {actual: 2.40}
    reception: {actual: 1.20}
"""
    g = make_grounder(parse_data(typo, Path("typo.yaml")))
    assert verdicts("“三公”经费支出3.60万元。", g)["3.60万元"] == "ok"  # 2.40 + 1.20
    assert verdicts("“三公”经费支出3.90万元。", g)["3.90万元"] == "mismatch"  # the data's own typo
    assert verdicts("“三公”经费支出3.70万元。", g)["3.70万元"] == "mismatch"


GROUPS = """
unit: {name: 样例县档案馆, level: 县, year: 2023}
indicator_groups:
  - {level1: 预算执行率, weight: 10, score: 9.60}
  - {level1: 产出指标, weight: 50, score: 47}
self_evaluation: {score: 56.60, total_weight: 60}
"""


def test_a_score_after_a_rate_named_row_is_that_rows_score() -> None:
    g = make_grounder(parse_data(GROUPS, Path("groups.yaml")))
    text = "自评得分56.60分，其中预算执行率10分得9.60分，产出指标50分得47分。"
    assert set(verdicts(text, g).values()) == {"ok"}
    assert verdicts(text.replace("得9.60分", "得9.80分"), g)["9.80分"] == "mismatch"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("截至2022年12月31日，实有在职人员20人。", "mismatch"),
        ("截止2022年底，项目实际支出160.00万元。", "mismatch"),
        ("截至2023年12月31日，实有在职人员20人。", "ok"),
        ("截至2022年底累计建成12个，2023年新建3个。", "ok"),  # two years: a comparison
        ("2022年12月31日前完成招标。", "ok"),
    ],
)
def test_an_as_of_date_in_the_year_before_the_report_is_wrong(text: str, verdict: str, grounder) -> None:
    years = [v for v in check(text, grounder).verdicts if v.mention.kind == "year"]
    assert years[0].verdict == verdict


def test_a_rate_followed_by_its_parts_rate_is_the_wholes() -> None:
    sources = """
unit: {name: 样例县档案馆, level: 县, year: 2023}
budget:
  unit: 万元
  total: {budget: 500.00, actual: 480.00}
  sources:
    - {label: 财政拨款, budget: 450.00, actual: 436.50}
    - {label: 其他资金, budget: 50.00, actual: 43.50}
"""
    g = make_grounder(parse_data(sources, Path("sources.yaml")))
    text = "全年支出480.00万元，其中财政拨款支出436.50万元，预算执行率96.00%，其中财政拨款执行率97.00%。"
    assert set(verdicts(text, g).values()) == {"ok"}
    wrong = verdicts(text.replace("预算执行率96.00%", "预算执行率95.00%"), g)
    assert wrong["95.00%"] != "ok"


@pytest.mark.parametrize(
    "text",
    [
        "2023年年初预算300.00万元，年中追加项目资金后全年预算420.00万元。",
        "2023年我馆年初预算300.00万元，年中追加档案数字化经费等，调整后全年预算420.00万元。",
    ],
)
def test_what_was_added_to_the_budget_is_not_whose_budget_it_is(text: str, grounder) -> None:
    assert verdicts(text, grounder)["420.00万元"] == "ok"
    assert verdicts(text.replace("420.00万元", "430.00万元"), grounder)["430.00万元"] == "mismatch"


def test_an_opening_initial_budget_is_the_initial_figure_though_it_ends_in_预算数(grounder) -> None:
    text = "2023年年初预算数300.00万元，全年预算资金420.00万元。"
    assert verdicts(text, grounder) == {"300.00万元": "ok", "420.00万元": "ok"}


def test_a_figure_written_exactly_is_the_fact_it_equals_not_one_it_rounds() -> None:
    scored = """
unit: {name: 样例县档案馆, level: 县, year: 2023}
indicators:
  - {level1: 产出指标, name: 档案接收量, target: "≥100卷", actual: 102卷, weight: 50, score: 50}
  - {level1: 效益指标, name: 查档利用率, target: "≥90%", actual: 89%, weight: 50, score: 49.4}
self_evaluation: {score: 99.6, total_weight: 100}
"""
    g = make_grounder(parse_data(scored, Path("exact.yaml")))
    assert any(f.fact_id == "self_evaluation.score" for f in g.findings)  # 50 + 49.4 is 99.4
    found = {v.mention.text: (v.verdict, v.fact_id) for v in check("总分\n100\n", g).verdicts}
    assert found["100"][0] == "ok" and found["100"][1] != "self_evaluation.score"
