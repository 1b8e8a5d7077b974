"""The homes of figures real reports print beside the main lines (drafter.facts.details): each loads
exactly, a bad one is an error naming the field, its facts carry the words reports use, the audit ties
its arithmetic with a code of its own, and the built-in writer's sentence of it passes the checker."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.audit.findings import FindingCode
from drafter.audit.rules import audit
from drafter.check.ground import check
from drafter.data.model import ReportData
from drafter.errors import InputError
from drafter.facts.build import build_facts
from drafter.writing.outline import load_outline, outline_path, plan
from drafter.writing.prompts import render_writer
from drafter.writing.sections import context
from tests.facts.test_finance_fields import load  # a data file of one unit and `body`, loaded


def error(tmp_path: Path, body: str) -> str:
    with pytest.raises(InputError) as info:
        load(tmp_path, body)
    return str(info.value)


def codes(data: ReportData) -> list[FindingCode | None]:
    return [f.code for f in audit(data, build_facts(data))]


def written(data: ReportData, kind: str, outline: str = "hunan") -> str:
    """The built-in writer's text of the first section of `kind` in the outline."""
    section = next(s for s in plan(load_outline(outline_path(outline)), data) if s.kind == kind)
    return str(render_writer(context(section, data, build_facts(data))))


OK = ("ok", "ignored")


def clean(text: str, data: ReportData) -> None:
    """Every number of the text is proved by the data (nothing mismatched, nothing unsupported)."""
    result = check(text, data)
    bad = [(v.mention.text, v.verdict, v.reason) for v in result.verdicts if v.verdict not in OK]
    assert not bad, bad


PUBLIC = """budget:
  basic: {budget: "300.00", actual: "290.00"}
  personnel: {budget: "250.00", actual: "245.00"}
  public: {budget: "50.00", actual: "45.00"}
  public_parts:
    - {label: 办公费, actual: "12.00"}
    - {label: 水电费, actual: "8.00"}
    - {label: 差旅费, actual: "15.00"}
    - {label: 会议费, actual: "4.00"}
    - {label: 培训费, actual: "6.00"}
"""


def test_parts_of_public_spending_load_and_name_their_facts(tmp_path: Path) -> None:
    data = load(tmp_path, PUBLIC)
    assert [p.label for p in data.budget.public_parts][:2] == ["办公费", "水电费"]
    facts = build_facts(data)
    office = facts["budget.public_parts[0].actual"]
    assert office.value == Decimal("120000.00") and "办公经费" in office.terms  # 万元 stored in 元
    assert facts["budget.public_parts[2].share_actual~"].value == Decimal("15.00") / Decimal("45.00") * 100
    assert not codes(data)


def test_public_spending_is_derived_from_its_parts_when_not_stated(tmp_path: Path) -> None:
    data = load(tmp_path, PUBLIC.replace('  public: {budget: "50.00", actual: "45.00"}\n', ""))
    assert build_facts(data)["budget.public.actual~"].value == Decimal("450000.00")


def test_parts_off_their_whole_are_a_finding_of_their_own_code(tmp_path: Path) -> None:
    data = load(tmp_path, PUBLIC.replace('label: 培训费, actual: "6.00"', 'label: 培训费, actual: "9.00"'))
    found = [f for f in audit(data, build_facts(data)) if f.fact_id == "budget.public.actual"]
    assert [f.code for f in found] == [FindingCode.PUBLIC_PARTS_SUM_MISMATCH]
    assert found[0].expected == Decimal("48.00")


def test_a_partial_list_of_parts_is_no_sum(tmp_path: Path) -> None:
    data = load(
        tmp_path,
        PUBLIC.replace("budget:\n", "budget:\n  partial: [public_parts]\n").replace(
            '    - {label: 培训费, actual: "6.00"}\n', ""
        ),
    )
    assert not codes(data)


def test_a_part_without_its_label_is_an_error_naming_it(tmp_path: Path) -> None:
    message = error(tmp_path, PUBLIC.replace("label: 水电费, ", ""))
    assert "budget: public_parts[1]" in message and "needs its label" in message


def test_the_writer_states_the_parts_and_the_checker_proves_them(tmp_path: Path) -> None:
    data = load(tmp_path, PUBLIC)
    text = written(data, "budget_basic")
    parts = "办公费12.00万元、水电费8.00万元、差旅费15.00万元、会议费4.00万元、培训费6.00万元"
    assert f"公用支出中，{parts}。" in text
    clean(text, data)
    report = "公用经费支出45.00万元，其中办公经费12.00万元，差旅费用15.00万元。"
    clean(report, data)
    assert check(report.replace("差旅费用15.00", "差旅费用8.00"), data).verdicts[-1].verdict == "mismatch"


PROJECTS = """budget:
  projects_total: {budget: "300.00", actual: "260.00"}
  projects:
    - label: 农村饮水安全工程
      group: 上级转移支付
      budget: "200.00"
      actual: "180.00"
      balance: "20.00"
      balance_returned: "20.00"
      funds_central: "120.00"
      funds_provincial: "50.00"
      funds_county: "30.00"
    - {label: 社区服务补助, budget: "100.00", received: "90.00", actual: "80.00", balance: "10.00"}
"""


def test_balances_and_fund_levels_are_facts_of_their_project(tmp_path: Path) -> None:
    data = load(tmp_path, PROJECTS)
    facts = build_facts(data)
    assert facts["budget.projects[0].balance"].value == Decimal("200000.00")
    assert facts["budget.projects[0].balance_returned"].value == Decimal("200000.00")
    central = facts["budget.projects[0].funds_central"]
    assert central.value == Decimal("1200000.00") and "中央财政资金" in central.terms
    assert not codes(data)  # 10.00 is 到位数 − 执行数: the other published definition of 结余


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ('balance: "20.00"', 'balance: "25.00"', FindingCode.LINE_BALANCE_MISMATCH),
        ('balance_returned: "20.00"', 'balance_returned: "21.00"', FindingCode.RETURNED_ABOVE_BALANCE),
        ('funds_county: "30.00"', 'funds_county: "40.00"', FindingCode.FUND_LEVELS_ABOVE_BUDGET),
    ],
)
def test_balances_and_fund_levels_are_audited(tmp_path: Path, old: str, new: str, code: FindingCode) -> None:
    data = load(tmp_path, PROJECTS.replace(old, new))
    assert codes(data) == [code]


def test_a_bad_fund_level_is_an_error_naming_the_field(tmp_path: Path) -> None:
    body = PROJECTS.replace('"120.00"', "约120万")
    assert "budget.projects[0].funds_central" in error(tmp_path, body)


def test_the_writer_states_levels_and_balances_and_the_checker_proves_them(tmp_path: Path) -> None:
    data = load(tmp_path, PROJECTS)
    text = written(data, "budget_projects")
    detail = "（中央资金120.00万元、省级资金50.00万元、县区资金30.00万元；结余20.00万元，结余交回20.00万元）"
    assert "农村饮水安全工程180.00万元" + detail in text
    clean(text, data)
    report = "农村饮水安全工程使用中央财政资金120.00万元、省级资金50.00万元。"
    report += "农村饮水安全工程结余20.00万元，已全部交回。"
    clean(report, data)


GROUPS = """budget:
  projects_total: {actual: "230.00"}
  project_groups:
    - {label: 区级专项, actual: "50.00"}
    - {label: 上级转移支付, actual: "180.00"}
  projects:
    - {label: 农村饮水安全工程, group: 区级专项, budget: "60.00", actual: "50.00"}
    - {label: 农村饮水安全工程, group: 上级转移支付, budget: "200.00", actual: "180.00"}
"""


def test_two_projects_of_one_name_in_two_groups_are_told_apart(tmp_path: Path) -> None:
    data = load(tmp_path, GROUPS)
    facts = build_facts(data)
    assert facts["budget.projects[1].actual"].terms[0] == "上级转移支付农村饮水安全工程"
    assert facts["budget.projects[0].actual"].label == "区级专项农村饮水安全工程执行数"
    assert not codes(data)
    report = "区级专项农村饮水安全工程支出50.00万元；上级转移支付农村饮水安全工程支出180.00万元。"
    clean(report, data)
    swapped = check(report.replace("50.00", "X").replace("180.00", "50.00").replace("X", "180.00"), data)
    assert [v.verdict for v in swapped.verdicts if v.mention.unit] == ["mismatch", "mismatch"]


def test_a_group_off_its_projects_is_a_finding_and_a_stray_group_an_error(tmp_path: Path) -> None:
    data = load(
        tmp_path, GROUPS.replace('label: 区级专项, actual: "50.00"', 'label: 区级专项, actual: "55.00"')
    )
    assert codes(data) == [FindingCode.PROJECT_GROUP_SUM_MISMATCH]
    message = error(tmp_path, GROUPS.replace("group: 区级专项", "group: 县级专项"))
    assert "projects[0].group" in message and "区级专项、上级转移支付" in message


def test_a_group_s_total_follows_its_projects_and_the_writer_states_it(tmp_path: Path) -> None:
    data = load(tmp_path, GROUPS.replace('{label: 区级专项, actual: "50.00"}', "{label: 区级专项}"))
    assert build_facts(data)["budget.project_groups[0].actual~"].value == Decimal("500000.00")
    text = written(data, "budget_projects")
    assert "按项目分组，区级专项50.00万元、上级转移支付180.00万元。" in text
    clean(text, data)


STAFF = """staff:
  authorized: 30
  actual: 28
  retired: 12
  retired_parts: [{label: 离休, count: 2}, {label: 退休, count: 10}]
  actual_by_post: [{label: 管理岗, count: 8}, {label: 专业技术岗, count: 15}, {label: 工勤岗, count: 5}]
  actual_by_funding: [{label: 全额拨款, count: 20}, {label: 差额拨款, count: 8}]
  transfers_in: 3
  transfers_out: 1
  leader_posts: 5
  leaders_actual: 4
"""


def test_staff_splits_transfers_and_leaders_are_facts(tmp_path: Path) -> None:
    data = load(tmp_path, STAFF)
    facts = build_facts(data)
    assert facts["staff.retired_parts[0]"].value == 2 and "离休干部" in facts["staff.retired_parts[0]"].terms
    assert (
        facts["staff.actual_by_post[1]"].value == 15 and "专技人员" in facts["staff.actual_by_post[1]"].terms
    )
    assert facts["staff.transfers_in"].value == 3 and facts["staff.leader_posts"].value == 5
    assert not codes(data)


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("count: 10}", "count: 11}", FindingCode.RETIRED_SPLIT_MISMATCH),
        ("count: 15}", "count: 16}", FindingCode.STAFF_SPLIT_MISMATCH),
        ("count: 20}", "count: 19}", FindingCode.STAFF_SPLIT_MISMATCH),
    ],
)
def test_each_split_is_audited_against_its_headcount(
    tmp_path: Path, old: str, new: str, code: FindingCode
) -> None:
    assert codes(load(tmp_path, STAFF.replace(old, new))) == [code]


def test_a_bad_transfer_count_is_an_error_naming_the_field(tmp_path: Path) -> None:
    assert "staff.transfers_in" in error(tmp_path, STAFF.replace("transfers_in: 3", "transfers_in: -3"))


def test_the_writer_states_splits_transfers_and_leaders_and_the_checker_proves_them(tmp_path: Path) -> None:
    data = load(tmp_path, STAFF)
    text = written(data, "basic_info")
    for said in (
        "离退休人员12人（其中离休2人、退休10人）",
        "实有人员按岗位分，管理岗8人、专业技术岗15人、工勤岗5人。",
        "实有人员按经费来源分，全额拨款20人、差额拨款8人。",
        "本年调入3人、调出1人。",
        "核定领导职数5名，实配4名。",
    ):
        assert said in text
    clean(text, data)
    clean("现有离休干部2人，退休人员10人；全年调入人员3人，调出1人。", data)


BUILDINGS = """budget:
  buildings:
    approved_area: "1200"
    actual_area: "1150"
    approved_investment: "500.00"
    actual_investment: "480.00"
    area_rate: "95.83"
    investment_rate: "96.00"
"""


def test_buildings_are_facts_with_their_control_rates(tmp_path: Path) -> None:
    data = load(tmp_path, BUILDINGS)
    facts = build_facts(data)
    assert (
        facts["budget.buildings.actual_area"].value == 1150
        and facts["budget.buildings.actual_area"].unit == "平方米"
    )
    assert facts["budget.buildings.actual_investment"].value == Decimal("4800000.00")
    assert facts["budget.buildings.area_rate~"].value == Decimal(1150) / 1200 * 100
    assert not codes(data)
    assert codes(load(tmp_path, BUILDINGS.replace('"95.83"', '"96.83"'))) == [
        FindingCode.BUILDING_RATE_MISMATCH
    ]
    assert "budget.buildings.area_rate" in error(tmp_path, BUILDINGS.replace('"95.83"', "约96"))


def test_the_writer_states_the_buildings_and_the_checker_proves_them(tmp_path: Path) -> None:
    data = load(tmp_path, BUILDINGS)
    text = written(data, "finance_management")
    assert "楼堂馆所控制方面，批复面积1200平方米，实际面积1150平方米，面积控制率95.83%；" in text
    assert "批复投资500.00万元，实际投资480.00万元，投资控制率96.00%。" in text
    clean(text, data)


SERVED = """staff:
  subordinate_units: [镇农业服务中心, 镇文化站, 镇卫生院]
  subordinate_by_rank: [{label: 正科级, count: 1}, {label: 股级, count: 2}]
  villages: 12
  communities: 3
"""


def test_villages_communities_and_units_by_rank_are_facts_the_writer_states(tmp_path: Path) -> None:
    data = load(tmp_path, SERVED)
    facts = build_facts(data)
    assert facts["staff.villages"].value == 12 and "建制村" in facts["staff.villages"].terms
    assert facts["staff.subordinate_by_rank[1]"].value == 2
    text = written(data, "basic_info")
    assert "下属单位中，正科级1个、股级2个。" in text and "辖12个行政村、3个社区。" in text
    clean(text, data)
    message = error(tmp_path, SERVED.replace("count: 2}", "count: 3}"))
    assert "subordinate_by_rank counts 4 units but 3" in message
