"""The checker's rules, one at a time, on a small data file written for the purpose."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.check import ExampleNumbers, check, make_grounder
from drafter.data.load import parse_data
from drafter.data.model import ReportData

DATA = """
unit: {name: 测试市妇女联合会, short_name: 测试市妇联, level: 市, year: 2023}
staff: {authorized: 24, actual: 22}
budget:
  total: {budget: 660.00, actual: 625.35}
  basic: {actual: 534.51, last_year: 504.92}
  personnel: {actual: 446.89}
  public: {actual: 87.62}
  projects_total: {actual: 90.84}
  projects:
    - {label: 妇女事业发展专项经费, actual: 51.45}
    - {label: 家庭教育工作经费, actual: 39.39}
periods: ["2021-2030"]
activities:
  - title: 强化思想引领
    bullets:
      - 开展示范宣讲进基层440余场，覆盖群众2万余人。
      - 线上线下开展活动1200余场。
      - 组织近万名女性参加技能培训。
"""


@pytest.fixture(scope="module")
def data() -> ReportData:
    return parse_data(DATA, Path("test.yaml"))


@pytest.fixture(scope="module")
def grounder(data: ReportData):
    return make_grounder(data)


def verdicts(text: str, grounder) -> list[tuple[str, str]]:
    return [(v.mention.text, v.verdict) for v in check(text, grounder).verdicts if v.mention.is_quantity]


def one(text: str, grounder):
    found = [v for v in check(text, grounder).verdicts if v.mention.is_quantity]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "基本支出534.51万元。",
        "基本支出5345100元。",
        "基本支出0.053451亿元。",
        "基本支出534.5万元。",
        "基本支出535万元。",
        "基本支出５３４．５１万元。",
    ],
)
def test_units_are_normalised_and_rounding_to_fewer_decimals_passes(text: str, grounder) -> None:
    assert one(text, grounder).verdict == "ok"


@pytest.mark.parametrize(
    "text",
    [
        "基本支出534.52万元。",
        "基本支出534.510万元。".replace("534.510", "534.6"),
        "基本支出53.451万元。",
        "基本支出534.51元。",
    ],
)
def test_a_wrong_figure_is_a_mismatch_with_the_expected_value(text: str, grounder) -> None:
    v = one(text, grounder)
    assert v.verdict == "mismatch"
    assert v.fact_id == "budget.basic.actual"
    assert v.expected == "534.51万元"


def test_more_precision_than_the_data_is_not_a_match(grounder) -> None:
    # 83.6079…% written as 83.60% claims [83.595, 83.605): false
    v = one("人员支出占基本支出比例83.60%。", grounder)
    assert v.verdict == "mismatch"
    assert one("人员支出占基本支出比例83.61%。", grounder).verdict == "ok"
    assert one("人员支出占基本支出比例83.6%。", grounder).verdict == "ok"


def test_swapped_labelled_numbers_are_both_mismatches(grounder) -> None:
    result = check("其中人员支出87.62万元，公用支出446.89万元。", grounder)
    got = [(v.mention.text, v.verdict, v.expected) for v in result.verdicts if v.mention.is_quantity]
    assert got == [("87.62万元", "mismatch", "446.89万元"), ("446.89万元", "mismatch", "87.62万元")]


def test_a_count_moved_to_another_activity_is_caught(grounder) -> None:
    v = one("开展示范宣讲进基层1200余场。", grounder)
    assert v.verdict == "mismatch"
    assert v.expected == "440余场"
    assert one("线上线下开展活动1200余场。", grounder).verdict == "ok"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("开展示范宣讲进基层440余场。", "ok"),
        ("开展示范宣讲进基层400余场。", "ok"),  # less precise than the data: still true
        ("开展示范宣讲进基层近440场。", "hedge"),  # 余 inverted to 近
        ("开展示范宣讲进基层440场。", "hedge"),  # more precise than the data
        ("开展示范宣讲进基层460余场。", "mismatch"),
        ("组织近万名女性参加技能培训。", "ok"),
        ("组织万余名女性参加技能培训。", "hedge"),
        ("覆盖群众2万余人。", "ok"),
        ("覆盖群众2万人以上。", "ok"),
        ("覆盖群众1万人以上。", "hedge"),  # true but far too loose
    ],
)
def test_hedges_must_hold_and_never_be_more_precise_than_the_data(text: str, verdict: str, grounder) -> None:
    assert one(text, grounder).verdict == verdict


def test_exact_data_with_a_hedge(grounder) -> None:
    assert one("实有人数22余人。", grounder).verdict == "hedge"  # 余 means more than 22
    assert one("实有人数近23人。", grounder).verdict == "ok"
    assert one("近1万余人参与。", grounder).verdict == "hedge"  # contradictory hedges


@pytest.mark.parametrize(
    ("text", "fact_id"),
    [
        ("预算执行率94.75%。", "budget.total.rate~"),  # 625.35 / 660.00
        ("人员支出占基本支出比例83.6%。", "budget.personnel.share_actual~"),
        ("公用支出占基本支出比例16.39%。", "budget.public.share_actual~"),
        ("基本支出同比增长5.86%。", "budget.basic.yoy~"),  # (534.51 − 504.92) / 504.92
        ("基本支出比上年增加29.59万元。", "budget.basic.yoy_diff~"),
        ("年度资金总额结余34.65万元。", "budget.total.balance~"),
        ("在职人员控制率91.67%。", "staff.control_rate~"),
    ],
)
def test_derived_values_come_from_the_data_structure(text: str, fact_id: str, grounder) -> None:
    v = one(text, grounder)
    assert (v.verdict, v.fact_id) == ("ok", fact_id)
    assert v.derivation


def test_a_total_the_data_does_not_state_is_computed_from_its_parts() -> None:
    data = parse_data(
        "unit: {name: 某县妇联, level: 县, year: 2023}\n"
        "budget:\n  basic: {actual: 534.51}\n  projects_total: {actual: 90.84}\n",
        Path("sum.yaml"),
    )
    v = one("全年支出合计625.35万元。", make_grounder(data))
    assert (v.verdict, v.fact_id, v.derivation) == ("ok", "budget.total.actual~", "534.51 + 90.84")
    assert one("全年支出合计625.53万元。", make_grounder(data)).verdict == "mismatch"


def test_a_share_with_the_wrong_part_is_a_mismatch(grounder) -> None:
    v = one("公用支出占基本支出比例83.6%。", grounder)
    assert v.verdict == "mismatch"
    assert v.expected == "16.4%"


def test_a_number_nothing_in_the_data_gives_is_unsupported(grounder) -> None:
    v = one("全年举办读书会37场。", grounder)
    assert v.verdict == "unsupported"


def test_a_number_copied_from_an_example_report_is_named(data: ReportData) -> None:
    examples = ExampleNumbers.from_texts({"other-2021": "开展法治宣传教育活动238场。"})
    v = one("全年开展法治宣传教育活动238场。", make_grounder(data, examples))
    assert v.verdict == "unsupported"
    assert "other-2021" in v.reason


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("2023年基本支出534.51万元。", "ok"),
        ("2024年初开展自评。", "ok"),  # next to the report year
        ("实施2021-2030年妇女发展纲要。", "ok"),  # a declared period
        ("2019年基本支出534.51万元。", "mismatch"),
        ("实施2021-2035年妇女发展纲要。", "mismatch"),
    ],
)
def test_years_are_checked(text: str, verdict: str, grounder) -> None:
    first = check(text, grounder).verdicts[0]
    assert first.mention.kind in {"year", "period"}
    assert first.verdict == verdict


def test_non_quantities_are_ignored_with_a_reason(grounder) -> None:
    result = check("（一）学习贯彻党的二十大精神，开通12338热线，00后妇联主席获第三名。", grounder)
    assert {v.verdict for v in result.verdicts} == {"ignored"}
    assert all(v.reason for v in result.verdicts)


def test_required_facts_never_stated_are_missing(grounder) -> None:
    result = check("2023年基本支出534.51万元。", grounder)
    missing = {f.fact_id for f in result.missing}
    assert "budget.personnel.actual" in missing and "staff.authorized" in missing
    assert "budget.basic.actual" not in missing
    only = check("2023年基本支出534.51万元。", grounder, required={"budget.basic.actual"})
    assert only.missing == []


def test_a_clean_text_is_ok(grounder) -> None:
    text = (
        "单位编制数24人，实有人数22人。2023年基本支出534.51万元，其中人员支出446.89万元，公用支出87.62万元；"
        "项目支出90.84万元。"
    )
    result = check(text, grounder)
    assert result.ok, [(v.mention.text, v.reason) for v in result.problems]
    assert result.counts()["ok"] == 7


def test_results_are_plain_data(grounder) -> None:
    result = check("基本支出534.52万元。", grounder)
    payload = result.to_dict()
    assert payload["ok"] is False
    verdict = next(v for v in payload["verdicts"] if v["verdict"] == "mismatch")
    assert verdict["expected"] == "534.51万元" and verdict["fact_id"] == "budget.basic.actual"
    assert Decimal(verdict["value"]) == Decimal("5345200")


def test_two_loose_words_shared_with_a_bullet_do_not_prove_a_different_subject() -> None:
    """新建 and 服务 both occur near 新建农村幸福院8个，居家养老服务覆盖全县11个乡镇中的9个, but
    另新建线上服务平台9个 speaks of something the data never mentions."""
    from drafter.data.load import load_data

    case = Path(__file__).resolve().parents[2] / "eval" / "corpus" / "gx-guibei-minzheng-2022"
    grounder = make_grounder(load_data(case / "data.yaml"))
    text = (case / "report.txt").read_text(encoding="utf-8")
    at = text.index("扣3分。") + len("扣3分。")
    for figure in ("8个", "9个", "11个"):
        planted = text[:at] + f"另新建线上服务平台{figure}。" + text[at:]
        verdicts = [v for v in check(planted, grounder).verdicts if v.mention.start >= at]
        assert verdicts[0].mention.text == figure
        assert verdicts[0].verdict != "ok", figure


def test_a_deduction_copied_from_one_bullet_is_not_proved_by_another_bullets_same_figure() -> None:
    """投入情况 says 扣2分; a draft writing 扣3分 in 投入情况's own words must not borrow 产出情况's 扣3分."""
    from drafter.data.load import load_data

    case = Path(__file__).resolve().parents[2] / "eval" / "corpus" / "gx-guibei-minzheng-2022"
    grounder = make_grounder(load_data(case / "data.yaml"))
    text = (case / "report.txt").read_text(encoding="utf-8")
    sentence = "预算调整率16.25%，扣2分。"
    at = text.index(sentence) + sentence.index("2分")
    planted = text[:at] + "3" + text[at + 1 :]
    verdict = next(v for v in check(planted, grounder).verdicts if v.mention.start <= at < v.mention.end)
    assert verdict.verdict != "ok"
    original = next(v for v in check(text, grounder).verdicts if v.mention.start <= at < v.mention.end)
    assert original.verdict == "ok"
