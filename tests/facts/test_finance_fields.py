"""The data fields real reports hold beyond the budget lines: loading (exact, errors naming the field),
their facts (so the checker can prove them in any text) and the data audit's rules for them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.audit.rules import audit
from drafter.data.load import load_data
from drafter.errors import InputError
from drafter.facts.build import build_facts

UNIT = "unit:\n  name: 某县民政局\n  level: 县\n  year: 2023\n"


def load(tmp_path: Path, body: str):
    path = tmp_path / "data.yaml"
    path.write_text(UNIT + body, encoding="utf-8")
    return load_data(path)


def error(tmp_path: Path, body: str) -> str:
    with pytest.raises(InputError) as info:
        load(tmp_path, body)
    return str(info.value) + " " + (info.value.hint or "")


def findings(data):
    return audit(data, build_facts(data))


THREE_PUBLIC = """budget:
  three_public:
    unit: 元
    total: {budget: "186000.00", actual: "152347.60", last_year: "171205.30"}
    overseas: {actual: "0"}
    vehicles: {actual: "98420.00"}
    reception: {actual: "53927.60"}
"""


def test_three_public_loads_exactly_in_its_own_unit(tmp_path: Path) -> None:
    data = load(tmp_path, THREE_PUBLIC)
    tp = data.budget.three_public
    assert tp is not None and tp.unit == "元"
    assert tp.total is not None and tp.total.actual == Decimal("152347.60")
    facts = build_facts(data)
    # stored in 元 whatever the budget's unit (万元 here): 152347.60 元, not 万元
    assert facts["budget.three_public.total.actual"].value == Decimal("152347.60")
    assert "三公经费" in facts["budget.three_public.total.actual"].terms
    assert facts["budget.three_public.reception.actual"].terms[0] == "公务接待费"
    assert facts["budget.three_public.total.yoy_diff~"].value == Decimal("18857.70")
    assert not [f for f in findings(data) if f.fact_id and "three_public" in f.fact_id]


def test_three_public_sum_is_audited(tmp_path: Path) -> None:
    data = load(
        tmp_path, THREE_PUBLIC.replace('reception: {actual: "53927.60"}', 'reception: {actual: "53927.00"}')
    )
    found = [f for f in findings(data) if f.fact_id == "budget.three_public.total.actual"]
    assert (
        len(found) == 1
        and found[0].stated == Decimal("152347.60")
        and found[0].expected == Decimal("152347.00")
    )


def test_three_public_total_is_derived_from_its_parts_when_not_given(tmp_path: Path) -> None:
    body = THREE_PUBLIC.replace(
        '    total: {budget: "186000.00", actual: "152347.60", last_year: "171205.30"}\n', ""
    )
    data = load(tmp_path, body)
    fact = build_facts(data)["budget.three_public.total.actual~"]
    assert fact.value == Decimal("152347.60") and fact.origin == "derived"


def test_three_public_refuses_an_unknown_part(tmp_path: Path) -> None:
    message = error(tmp_path, "budget:\n  three_public:\n    meals: {actual: 3}\n")
    assert "three_public" in message and "meals" in message


PROCUREMENT = """budget:
  procurement: {budget: "2150.00", actual: "2036.48", rate: "94.72", sme: "1500.00", sme_share: "73.66"}
"""


def test_procurement_rate_and_sme_share_are_derived_and_audited(tmp_path: Path) -> None:
    data = load(tmp_path, PROCUREMENT)
    facts = build_facts(data)
    assert facts["budget.procurement.rate~"].value.quantize(Decimal("0.01")) == Decimal("94.72")
    assert facts["budget.procurement.sme_share~"].value.quantize(Decimal("0.01")) == Decimal("73.66")
    assert not [f for f in findings(data) if f.fact_id and f.fact_id.startswith("budget.procurement")]
    wrong = load(tmp_path, PROCUREMENT.replace('rate: "94.72"', 'rate: "97.42"'))
    found = [f for f in findings(wrong) if f.fact_id == "budget.procurement.rate"]
    assert len(found) == 1 and found[0].expected == Decimal("94.72")


def test_procurement_amount_must_be_a_number(tmp_path: Path) -> None:
    message = error(tmp_path, "budget:\n  procurement: {actual: 两千}\n")
    assert "procurement" in message and "actual" in message


def test_operating_cost_assets_and_income_parts(tmp_path: Path) -> None:
    data = load(
        tmp_path,
        """budget:
  operating_cost: {budget: "50.00", actual: "46.20", last_year: "48.00"}
  assets: {total: "812.35", net: "420.10", vehicles: 2}
  income: {actual: "1000.00"}
  income_parts:
    - {label: 财政拨款收入, actual: "950.00"}
    - {label: 其他收入, actual: "40.00"}
""",
    )
    facts = build_facts(data)
    assert facts["budget.operating_cost.rate~"].value.quantize(Decimal("0.01")) == Decimal("92.40")
    assert "机关运行经费" in facts["budget.operating_cost.actual"].terms
    assert facts["budget.assets.total"].value == Decimal("8123500")  # 812.35万元 in 元
    assert facts["budget.assets.vehicles"].value == 2
    sums = [f for f in findings(data) if f.kind == "sum" and f.fact_id == "budget.income.actual"]
    assert len(sums) == 1 and sums[0].expected == Decimal("990.00")  # 950 + 40 ≠ 1000
    partial = load(
        tmp_path,
        "budget:\n  income: {actual: 1000}\n  income_parts:\n    - {label: 财政拨款收入, actual: 950}\n"
        "  partial: [income_parts]\n",
    )
    assert not [f for f in findings(partial) if f.fact_id == "budget.income.actual"]


def test_assets_refuse_a_negative_vehicle_count(tmp_path: Path) -> None:
    message = error(tmp_path, "budget:\n  assets: {vehicles: -1}\n")
    assert "vehicles" in message


def test_initial_and_adjusted_budget_give_two_rates(tmp_path: Path) -> None:
    data = load(tmp_path, "budget:\n  total: {initial_budget: 8652.30, budget: 12486.75, actual: 12108.42}\n")
    facts = build_facts(data)
    assert facts["budget.total.rate~"].value.quantize(Decimal("0.01")) == Decimal("96.97")
    assert facts["budget.total.rate_initial~"].value.quantize(Decimal("0.01")) == Decimal("139.94")


def test_yoy_amount_is_stated_and_audited(tmp_path: Path) -> None:
    good = load(tmp_path, "budget:\n  basic: {actual: 1012.66, last_year: 1000.16, yoy_amount: 12.50}\n")
    assert build_facts(good)["budget.basic.yoy_amount"].value == Decimal("125000")
    assert not [f for f in findings(good) if f.fact_id == "budget.basic.yoy_amount"]
    fall = load(tmp_path, "budget:\n  basic: {actual: 990, last_year: 1000, yoy_amount: -10}\n")
    assert not [f for f in findings(fall) if f.fact_id == "budget.basic.yoy_amount"]  # a fall, signed
    bad = load(tmp_path, "budget:\n  basic: {actual: 1012.66, last_year: 1000.16, yoy_amount: 125.0}\n")
    found = [f for f in findings(bad) if f.fact_id == "budget.basic.yoy_amount"]
    assert len(found) == 1 and found[0].expected == Decimal("12.50")


def test_carryover_rate_is_derived_and_audited(tmp_path: Path) -> None:
    body = "budget:\n  total: {budget: 12486.75, actual: 12108.42}\n  carryover_out: {actual: 378.33}\n"
    data = load(tmp_path, body + "  carryover_rate: 3.03\n")
    assert build_facts(data)["budget.carryover_rate~"].value.quantize(Decimal("0.01")) == Decimal("3.03")
    assert not [f for f in findings(data) if f.fact_id == "budget.carryover_rate"]
    bad = load(tmp_path, body + "  carryover_rate: 3.30\n")
    assert [f.expected for f in findings(bad) if f.fact_id == "budget.carryover_rate"] == [Decimal("3.03")]
    of_spending = load(tmp_path, body + "  carryover_rate: 3.12\n")  # 378.33 / 12108.42: the other definition
    assert not [f for f in findings(of_spending) if f.fact_id == "budget.carryover_rate"]


def test_staff_control_rate_is_audited(tmp_path: Path) -> None:
    ok = load(tmp_path, "staff: {authorized: 78, actual: 71, control_rate: 91.03}\n")
    assert not [f for f in findings(ok) if f.fact_id == "staff.control_rate"]
    bad = load(tmp_path, "staff: {authorized: 78, actual: 71, control_rate: 109.86}\n")
    assert [f.expected for f in findings(bad) if f.fact_id == "staff.control_rate"] == [Decimal("91.03")]


def test_indicator_columns_and_stated_subtotals(tmp_path: Path) -> None:
    data = load(
        tmp_path,
        """indicators:
  - {level1: 产出指标, level2: 数量指标, name: 新建道路, target: "≥10公里", adjusted_target: "≥12公里",
     actual: 13公里, unit: 公里, nature: "≥", coefficient: 1, core: true, weight: 30, score: 30}
  - {level1: 产出指标, level2: 质量指标, name: 验收合格率, target: 100%, actual: 98%, weight: 20, score: 18,
     coefficient: "0.9"}
indicator_groups:
  - {level1: 产出指标, weight: 50, score: 49}
""",
    )
    ind = data.indicators[0]
    assert (ind.unit, ind.nature, ind.adjusted_target, ind.core) == ("公里", "≥", "≥12公里", True)
    facts = build_facts(data)
    assert facts["indicators[1].coefficient"].value == Decimal("0.9")
    adjusted = [f for f in facts if f.source == "indicators[0].adjusted_target"]
    assert [f.value for f in adjusted] == [Decimal(12)] and adjusted[0].measure == "target"
    found = [f for f in findings(data) if f.fact_id == "indicator_groups[0].score"]
    assert len(found) == 1 and found[0].expected == Decimal(48)  # 30 + 18, not 49


def test_indicator_core_must_be_yes_or_no(tmp_path: Path) -> None:
    message = error(tmp_path, "indicators:\n  - {level1: 产出指标, name: x, core: 也许}\n")
    assert "core" in message


@pytest.mark.parametrize("spelling", ["none", "无", "None"])
def test_a_fund_stated_none(tmp_path: Path, spelling: str) -> None:
    data = load(tmp_path, f"budget:\n  gov_fund: {spelling}\n  social_insurance: []\n")
    assert data.budget.none == ["gov_fund"]  # stated none
    assert data.budget.gov_fund == [] and data.budget.social_insurance == []  # [] says nothing


def test_a_fund_stated_none_in_the_none_list(tmp_path: Path) -> None:
    data = load(tmp_path, "budget:\n  none: [state_capital, social_insurance]\n")
    assert data.budget.none == ["state_capital", "social_insurance"]


def test_a_fund_cannot_be_none_and_have_lines(tmp_path: Path) -> None:
    message = error(
        tmp_path, "budget:\n  none: [gov_fund]\n  gov_fund:\n    - {label: 彩票公益金, actual: 3}\n"
    )
    assert "gov_fund" in message and "none" in message


def test_a_fund_given_as_other_text_is_refused(tmp_path: Path) -> None:
    message = error(tmp_path, "budget:\n  gov_fund: 不详\n")
    assert "gov_fund" in message and "none" in message


def test_none_names_only_fund_lists(tmp_path: Path) -> None:
    message = error(tmp_path, "budget:\n  none: [projects]\n")
    assert "none" in message


def test_outline_is_a_name_or_a_file(tmp_path: Path) -> None:
    assert load(tmp_path, "outline: yunnan\n").outline == "yunnan"
    assert load(tmp_path, "").outline is None
