"""build_facts: typed, text and derived facts with ids, labels and exact values in base units."""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from drafter.data.load import load_data
from drafter.data.model import ReportData
from drafter.facts.build import Fact, FactBase, build_facts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_NAMES = ["hengyang-2023", "laoting-2023", "yuelu-2021", "ziyang-2021"]
WAN = Decimal(10_000)
UNIT = {"name": "测试单位", "level": "市", "year": 2023}


@functools.cache
def example(name: str) -> tuple[ReportData, FactBase]:
    data = load_data(EXAMPLES / name / "data.yaml")
    return data, build_facts(data)


def facts_of(name: str) -> FactBase:
    return example(name)[1]


def build(**fields: Any) -> FactBase:
    return build_facts(ReportData.model_validate({"unit": UNIT, **fields}))


def resolve(data: ReportData, path: str) -> Any:
    """The value at a field path such as budget.projects[3].actual."""
    node: Any = data
    for name, index in re.findall(r"([A-Za-z_]+)(?:\[(\d+)\])?", path):
        node = getattr(node, name)
        if index:
            node = node[int(index)]
    return node


def close(value: Decimal, expected: str, places: int = 9) -> bool:
    return abs(value - Decimal(expected)) < Decimal(10) ** -places


# ------------------------------------------------------------------ typed facts


def test_money_is_in_yuan_with_its_written_unit_and_precision() -> None:
    fact = facts_of("hengyang-2023")["budget.basic.actual"]
    assert fact.value == Decimal("5345100.00")
    assert fact.unit == "万元"
    assert fact.dim == "money"
    assert fact.decimals == 2
    assert fact.origin == "data"
    assert fact.label == "基本支出执行数"
    assert fact.source == "budget.basic.actual"
    assert fact.shown() == "534.51万元"
    assert fact.shown("元").startswith("5345100")


def test_whole_numbers_keep_zero_decimals() -> None:
    fact = facts_of("hengyang-2023")["budget.projects[1].actual"]  # 家庭教育工作经费 10 万元
    assert fact.value == Decimal(100_000)
    assert fact.decimals == 0
    assert fact.shown() == "10万元"
    assert facts_of("laoting-2023")["budget.projects_total.received"].shown() == "20.00万元"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_typed_money_fact_is_its_field_times_ten_thousand(name: str) -> None:
    data, facts = example(name)
    money = [f for f in facts if f.origin == "data" and f.dim == "money"]
    assert money
    for fact in money:
        assert fact.value == resolve(data, fact.source) * WAN, fact.id
        assert fact.unit == "万元"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_values_are_decimal(name: str) -> None:
    for fact in facts_of(name):
        assert isinstance(fact.value, Decimal), fact.id


def test_stated_rates_and_shares_are_percent_as_written() -> None:
    share = facts_of("hengyang-2023")["budget.personnel.share"]
    assert share.value == Decimal("83.6")
    assert share.unit == "%"
    assert share.decimals == 1
    assert share.origin == "data"
    rate = facts_of("laoting-2023")["budget.total.rate"]
    assert rate.value == Decimal("94.09")
    assert rate.measure == "rate"


def test_budget_in_yuan_is_not_scaled() -> None:
    facts = build(budget={"unit": "元", "basic": {"actual": "5345100.00"}})
    fact = facts["budget.basic.actual"]
    assert fact.value == Decimal("5345100.00")
    assert fact.unit == "元"


def test_free_form_facts() -> None:
    fact = facts_of("laoting-2023")["facts.budget.projects_count"]
    assert fact.value == 1
    assert fact.unit == "个"
    assert fact.label == "预算项目"
    assert "项目" in fact.terms


# ------------------------------------------------------------------ derived facts


def test_derived_share_of_personnel_in_basic() -> None:
    fact = facts_of("hengyang-2023")["budget.personnel.share_actual~"]
    assert fact.origin == "derived"
    assert fact.unit == "%"
    assert close(fact.value, "83.607416138145")  # 446.89 / 534.51
    assert "446.89" in fact.derivation and "534.51" in fact.derivation
    public = facts_of("hengyang-2023")["budget.public.share_actual~"]
    assert close(public.value, "16.392583861854")
    assert close(fact.value + public.value, "100")


def test_derived_total_when_only_the_parts_are_given() -> None:
    facts = facts_of("hengyang-2023")
    fact = facts["budget.total.actual~"]
    assert fact.origin == "derived"
    assert fact.value == (Decimal("534.51") + Decimal("90.84")) * WAN
    assert fact.value == Decimal("6253500")
    assert fact.derivation == "534.51 + 90.84"
    # a stated whole is not derived again
    assert "budget.basic.actual~" not in facts.by_id
    assert "budget.projects_total.actual~" not in facts.by_id


def test_derived_rate_balance_and_received_rate() -> None:
    facts = facts_of("laoting-2023")
    assert facts["budget.total.rate~"].value == Decimal("91.67") / Decimal("97.43") * 100
    assert close(facts["budget.total.rate~"].value, "94.088063224879")
    assert facts["budget.total.balance~"].value == Decimal("5.76") * WAN
    assert facts["budget.projects_total.rate~"].value == 80
    assert facts["budget.projects_total.received_rate~"].value == 80


def test_rate_falls_back_to_the_initial_budget() -> None:
    facts = build(budget={"basic": {"initial_budget": "200", "actual": "150"}})
    assert facts["budget.basic.rate~"].value == 75
    assert "年初预算数" in facts["budget.basic.rate~"].derivation


def test_year_on_year_facts() -> None:
    facts = build(budget={"basic": {"actual": "90", "last_year": "120"}})
    assert facts["budget.basic.yoy~"].value == -25
    assert facts["budget.basic.yoy_diff~"].value == 30 * WAN  # a magnitude


def test_staff_control_rate_and_vacancies() -> None:
    heng = facts_of("hengyang-2023")
    assert close(heng["staff.control_rate~"].value, "91.666666666")  # 22 / 24
    assert heng["staff.control_rate~"].unit == "%"
    assert heng["staff.vacancies~"].value == 2
    yue = facts_of("yuelu-2021")  # 4 people on 3 posts
    assert close(yue["staff.control_rate~"].value, "133.333333333")
    assert "staff.vacancies~" not in yue.by_id


def test_staff_and_counts() -> None:
    facts = facts_of("hengyang-2023")
    assert facts["staff.authorized"].value == 24
    assert facts["staff.actual"].value == 22
    assert facts["staff.departments"].value == 6
    assert facts["staff.subordinate_units"].value == 1
    assert facts["budget.projects.count"].value == 4
    assert facts["budget.projects.count"].origin == "derived"


def test_per_person_spending() -> None:
    fact = facts_of("ziyang-2021")["budget.per_person~"]  # 134.56万元 / 5 人
    assert fact.value == Decimal("134.56") * WAN / 5


def test_indicator_totals() -> None:
    facts = facts_of("yuelu-2021")
    assert facts["indicators.weight_total~"].value == 100
    assert facts["indicators.score_total~"].value == 100
    assert facts["self_evaluation.total_weight"].value == 100


def test_relations_record_parts_and_wholes() -> None:
    relations = facts_of("hengyang-2023").relations
    assert ("actual", "budget.basic", ("budget.personnel", "budget.public")) in relations
    assert ("actual", "budget.total", ("budget.basic", "budget.projects_total")) in relations
    assert ("actual", "budget.projects_total", tuple(f"budget.projects[{i}]" for i in range(4))) in relations
    assert ("count", "staff.actual", ("staff.actual_parts[0]", "staff.actual_parts[1]")) in relations


def test_no_whole_is_derived_from_a_single_part() -> None:
    facts = build(budget={"projects": [{"label": "唯一项目", "actual": "10"}]})
    assert "budget.projects_total.actual~" not in facts.by_id


# ------------------------------------------------------------------ text facts


def test_bullet_numbers_carry_their_mention_and_context() -> None:
    facts = facts_of("hengyang-2023")
    fact = facts["activities[0].bullets[2]#1"]
    assert fact.origin == "text"
    assert fact.source == "activities[0].bullets[2]"
    assert fact.value == 440
    assert fact.unit == "场"
    assert fact.mention is not None
    assert fact.mention.text == "440余场"
    assert fact.mention.hedge == "余"
    assert fact.interval() == (Decimal(440), Decimal(450), False, False)  # more than 440, fewer than 450
    assert "开展示范宣讲进基层" in fact.context
    assert fact.shown() == "440余场"
    assert "440余场" in fact.label


def test_text_hedges() -> None:
    facts = facts_of("hengyang-2023")
    near = facts["activities[1].bullets[8]#2"]  # 近万名
    assert near.mention is not None and near.mention.hedge == "近"
    low, high, _, _ = near.interval()
    assert high == 10_000 and low < 10_000
    conflict = facts["activities[3].bullets[4]#2"]  # 近1万余人
    assert conflict.mention is not None and conflict.mention.hedge_conflict


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_text_fact_is_written_in_its_source_field(name: str) -> None:
    data, facts = example(name)
    texts = [f for f in facts if f.origin == "text"]
    assert texts
    for fact in texts:
        source = resolve(data, fact.source)
        source = getattr(source, "text", source)  # statements hold their text in .text
        assert isinstance(source, str)
        assert fact.mention is not None
        assert source[fact.mention.start : fact.mention.end] == fact.mention.text, fact.id
        left, _, right = fact.context.partition("\u2016")
        assert source[: fact.mention.start].endswith(left), fact.id
        assert source[fact.mention.end :].startswith(right), fact.id


def test_money_in_text_is_in_yuan() -> None:
    fact = facts_of("hengyang-2023")["activities[2].bullets[10]#2"]  # 671.34万元
    assert fact.value == Decimal("671.34") * WAN
    assert fact.dim == "money"


# ------------------------------------------------------------------ years


def test_allowed_years_are_the_report_year_and_its_neighbours() -> None:
    assert facts_of("hengyang-2023").allowed_years == frozenset({2022, 2023, 2024})


def test_allowed_years_include_declared_years_and_period_endpoints() -> None:
    years = facts_of("ziyang-2021").allowed_years
    assert {2019, 2020, 2021, 2022, 2030} <= years  # 2019: 编制 year; 2030: end of 2021-2030
    assert 2025 not in years  # a period allows its endpoints, not every year inside it
    assert 2018 not in years


def test_authorized_year_alone_allows_its_year() -> None:
    years = build(unit={**UNIT, "year": 2021}, staff={"authorized": 5, "authorized_year": 2015}).allowed_years
    assert years == frozenset({2015, 2020, 2021, 2022})


def test_periods_and_years_fields() -> None:
    years = build(unit={**UNIT, "year": 2021}, periods=["2021-2030", "十四五"], years=[2018]).allowed_years
    assert years == frozenset({2018, 2020, 2021, 2022, 2030})


def test_years_named_in_the_data_texts_are_allowed() -> None:
    years = build(unit={**UNIT, "year": 2021}, plans=["对照《规划（2016年）》开展工作"]).allowed_years
    assert 2016 in years


# ------------------------------------------------------------------ ids, required, determinism


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_no_duplicate_ids(name: str) -> None:
    ids = [f.id for f in facts_of(name)]
    assert len(ids) == len(set(ids))
    assert len(facts_of(name)) == len(ids)


def test_adding_a_duplicate_id_is_refused() -> None:
    facts = build(budget={"basic": {"actual": "1"}})
    with pytest.raises(ValueError, match="duplicate"):
        facts.add(Fact(id="budget.basic.actual", label="x", value=Decimal(1), unit="万元", dim="money"))


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_build_is_deterministic(name: str) -> None:
    data = load_data(EXAMPLES / name / "data.yaml")
    one, two = build_facts(data), build_facts(data)

    def rows(base: FactBase) -> list[tuple[object, ...]]:
        return [
            (f.id, f.label, f.value, f.unit, f.origin, f.derivation, f.context, f.terms, f.required)
            for f in base
        ]

    assert rows(one) == rows(two)
    assert one.allowed_years == two.allowed_years
    assert one.relations == two.relations


def test_required_facts() -> None:
    required = {f.id for f in facts_of("hengyang-2023") if f.required}
    assert required == {
        "budget.basic.actual",
        "budget.personnel.actual",
        "budget.public.actual",
        "budget.projects_total.actual",
        "staff.authorized",
        "staff.actual",
    }
    assert {f.id for f in facts_of("laoting-2023") if f.required} == {"budget.projects_total.actual"}
    assert "self_evaluation.score" in {f.id for f in facts_of("ziyang-2021") if f.required}


def test_fact_ids_name_their_origin() -> None:
    for fact in facts_of("yuelu-2021"):
        if fact.origin == "derived":
            assert fact.id.endswith("~") or fact.id.endswith(".count"), fact.id
            assert fact.derivation, fact.id
        elif fact.origin == "text":
            assert "#" in fact.id
        else:
            assert "~" not in fact.id and "#" not in fact.id


def test_an_indicator_figure_written_without_its_unit_takes_the_unit_column() -> None:
    row = {"level1": "产出指标", "weight": 5, "score": 5}
    facts = build(
        indicators=[
            {**row, "name": "人均补助标准", "target": "≤0.8", "actual": "0.75", "unit": "万元/人"},
            {**row, "name": "培训人数", "target": "≥200", "actual": "214", "unit": "人次"},
            {**row, "name": "回访率", "target": "90%以上", "actual": "96%", "unit": "%"},
        ]
    )
    cap = facts.get("indicators[0].target#1")
    assert (cap.dim, cap.value) == ("money", Decimal(8000))
    done = facts.get("indicators[1].actual#1")
    assert (done.dim, done.unit) == ("count", "人次")
    # a figure that carries its own unit is read as written
    assert facts.get("indicators[2].target#1").mention.text == "90%以上"
