"""The input data of one report: what a department states about its year, as typed fields.

Every figure is a `Decimal` (never a float). Money is in the budget's unit (万元 unless stated), rates
and shares in percent. Fields named `rate`, `share`, `yoy_rate`, `weight`, `score` hold figures *as the
unit states them* (for instance in its 自评表); the audit recomputes them from the amounts and reports
any difference, so a typo in the source table is found, not copied.

Free text (activity bullets, indicator values, awards, notes) is data too: the numbers inside it become
facts bound to the words around them (see drafter.facts.build).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from drafter.data.base import Count, Number, Strict
from drafter.data.staff import Headcount, Staff
from drafter.numbers.vocabulary import HEDGE_WORDS

HedgeWord = Literal[HEDGE_WORDS]  # type: ignore[valid-type]  # 余, 近, 以上 … (drafter.numbers)

__all__ = ["Count", "Headcount", "Number", "Staff", "Strict"]


# Administrative levels a reporting unit can sit at. 州/盟/地区 are city-tier, 县级市/旗 county-tier,
# 乡/镇/街道/苏木 township-tier (fewshot ranks passages by tier).
LEVEL_TIER: dict[str, int] = {
    "省": 0, "市": 1, "州": 1, "盟": 1, "地区": 1,
    "县": 2, "区": 2, "县级市": 2, "旗": 2,
    "乡": 3, "镇": 3, "街道": 3, "苏木": 3,
}  # fmt: skip
LEVELS: tuple[str, ...] = tuple(LEVEL_TIER)
Level = Literal["省", "市", "州", "盟", "地区", "县", "区", "县级市", "旗", "乡", "镇", "街道", "苏木"]

# Lists of parts a report may give only in part ("其中" a few projects). A list named in `partial` is
# not the whole: no sum is checked against its parent and no part is claimed missing.
BudgetPartList = Literal[
    "sources",
    "projects",
    "economic",
    "gov_fund",
    "state_capital",
    "social_insurance",
    "income_parts",
    "public_parts",
]
# The three fund budgets a report states separately. Each is either given (lines), stated none (无:
# `gov_fund: none`, stored in `budget.none`), or not stated at all (absent): only "none" is written 无.
FundList = Literal["gov_fund", "state_capital", "social_insurance"]
FUND_LISTS: tuple[str, ...] = ("gov_fund", "state_capital", "social_insurance")
_NONE_WORDS = ("none", "无", "没有", "无此项")
# `none` entries as a clerk writes them in the workbook (明确为“无”的预算: 政府性基金；社会保险基金)
FUND_WORDS: dict[str, str] = {
    "政府性基金": "gov_fund",
    "国有资本经营": "state_capital",
    "社会保险基金": "social_insurance",
}


def _fund_key(name: object) -> object:
    """gov_fund, or its Chinese name with or without 预算/支出 after it (政府性基金预算支出)."""
    if not isinstance(name, str):
        return name
    word = name.strip().removesuffix("支出").removesuffix("预算")
    return FUND_WORDS.get(word, name.strip())


# The whole a 自评表's 按支出性质分 split (基本支出 + 项目支出) adds up to: its 年度资金总额, or 支出合计.
StructureWhole = Literal["total", "spending"]


class Unit(Strict):
    """The reporting unit (单位)."""

    name: str = Field(min_length=1, description="全称, e.g. 衡阳市妇女联合会")
    short_name: str | None = Field(None, description="简称, e.g. 衡阳市妇联")
    aliases: list[str] = Field(default_factory=list, description="other names the text uses: 市妇联, 我会")
    level: Level
    year: int = Field(ge=1990, le=2100, description="the year the report evaluates")
    region: str | None = None


class Money(Strict):
    """One line of money (万元 unless Budget.unit says otherwise), with what the unit states about it."""

    label: str | None = Field(None, description="the line's name; slots have a default")
    aliases: list[str] = Field(default_factory=list)
    budget: Number | None = Field(None, description="全年预算数 (adjusted budget)")
    initial_budget: Number | None = Field(None, description="年初预算数")
    received: Number | None = Field(None, description="到位数 / 拨付到位")
    actual: Number | None = Field(None, description="全年执行数 / 支出")
    last_year: Number | None = Field(None, description="上年执行数, for 同比")
    rate: Number | None = Field(None, description="执行率 as stated, %")
    share: Number | None = Field(None, description="占比 of its whole as stated, %")
    yoy_rate: Number | None = Field(None, description="同比增减 as stated, %")
    yoy_amount: Number | None = Field(
        None, description="同比增减额 as stated (a rise positive, a fall negative or as its size)"
    )
    weight: Number | None = Field(None, description="分值 in the 自评表")
    score: Number | None = Field(None, description="得分 in the 自评表")
    balance: Number | None = Field(None, description="结余 as stated (预算数 − 执行数, or 到位数 − 执行数)")
    balance_returned: Number | None = Field(None, description="结余交回 / 收回财政的结余资金")
    note: str | None = None

    def figures(self) -> dict[str, Decimal]:
        return {
            name: value
            for name in ("budget", "initial_budget", "received", "actual", "last_year")
            if (value := getattr(self, name)) is not None
        }


class Project(Money):
    """A named project (项目支出 item)."""

    label: str = Field(min_length=1, description="project name")
    description: str | None = None
    group: str | None = Field(None, description="项目分组 it is listed under: 区级专项, 上级转移支付 …")
    funds_central: Number | None = Field(None, description="中央资金 of the project")
    funds_provincial: Number | None = Field(None, description="省级资金")
    funds_city: Number | None = Field(None, description="市级资金")
    funds_county: Number | None = Field(None, description="县（区）级资金")


class ThreePublic(Strict):
    """“三公”经费: 因公出国（境）费, 公务用车购置及运行费 (购置 / 运行维护), 公务接待费.

    Each is a money line (budget, actual, last_year …). Reports often give 三公 in 元 while the rest is in
    万元: `unit` says so (default: the budget's unit).
    """

    unit: Literal["万元", "元"] | None = None
    total: Money | None = Field(None, description="“三公”经费合计")
    overseas: Money | None = Field(None, description="因公出国（境）费")
    vehicles: Money | None = Field(None, description="公务用车购置及运行费")
    vehicle_purchase: Money | None = Field(None, description="公务用车购置费")
    vehicle_operation: Money | None = Field(None, description="公务用车运行维护费")
    reception: Money | None = Field(None, description="公务接待费")


class Procurement(Strict):
    """政府采购: planned and actual purchase amounts, and the part awarded to 中小企业."""

    budget: Number | None = Field(None, description="政府采购预算")
    actual: Number | None = Field(None, description="实际采购金额 / 政府采购支出")
    rate: Number | None = Field(None, description="政府采购执行率 as stated, %")
    sme: Number | None = Field(None, description="授予中小企业合同金额")
    sme_share: Number | None = Field(None, description="中小企业合同金额占比 as stated, %")


class Assets(Strict):
    """固定资产 (amounts in the budget's unit)."""

    total: Number | None = Field(None, description="固定资产原值")
    net: Number | None = Field(None, description="固定资产净值")
    vehicles: Count | None = Field(None, description="公务用车 车辆数")
    notes: list[str] = Field(default_factory=list)


class Buildings(Strict):
    """楼堂馆所控制情况: the approved (批复) and actual area and investment, and the stated control rates."""

    approved_area: Number | None = Field(None, description="批复建筑面积, 平方米")
    actual_area: Number | None = Field(None, description="实际建筑面积, 平方米")
    approved_investment: Number | None = Field(None, description="批复投资, in the budget's unit")
    actual_investment: Number | None = Field(None, description="实际投资, in the budget's unit")
    area_rate: Number | None = Field(None, description="面积控制率 as stated, % (实际 / 批复)")
    investment_rate: Number | None = Field(None, description="投资控制率 as stated, %")


class Budget(Strict):
    """Budget and spending. Parts are checked against wholes wherever both are given."""

    unit: Literal["万元", "元"] = "万元"
    total: Money | None = Field(None, description="年度资金总额 / 部门预算合计 (all sources)")
    sources: list[Money] = Field(default_factory=list, description="资金来源: 财政拨款, 其他资金 …")
    spending: Money | None = Field(None, description="支出合计 / 资金结构合计, when it differs from total")
    basic: Money | None = Field(None, description="基本支出 = 人员支出 + 公用支出")
    personnel: Money | None = Field(None, description="人员支出")
    public: Money | None = Field(None, description="公用支出")
    public_parts: list[Money] = Field(
        default_factory=list,
        description="公用经费构成: 办公费, 水电费, 差旅费, 会议费, 培训费 … (parts of 公用支出)",
    )
    projects_total: Money | None = Field(None, description="项目支出合计")
    projects: list[Project] = Field(default_factory=list)
    project_groups: list[Money] = Field(
        default_factory=list,
        description="项目分组 totals (区级专项, 上级转移支付 …): the label a project's group names",
    )
    economic: list[Money] = Field(default_factory=list, description="按经济分类: 工资福利支出 …")
    income: Money | None = Field(None, description="本年收入")
    carryover_in: Money | None = Field(None, description="上年结转")
    carryover_out: Money | None = Field(None, description="结转下年")
    gov_fund: list[Money] = Field(default_factory=list, description="政府性基金预算支出")
    state_capital: list[Money] = Field(default_factory=list, description="国有资本经营预算支出")
    social_insurance: list[Money] = Field(default_factory=list, description="社会保险基金预算支出")
    partial: list[BudgetPartList] = Field(
        default_factory=list, description="part lists that are not complete (其中…): no sum is claimed"
    )
    none: list[FundList] = Field(
        default_factory=list,
        description="fund budgets the unit states it has none of (written 无); also `gov_fund: none`",
    )
    income_parts: list[Money] = Field(
        default_factory=list, description="收入构成: 财政拨款收入, 事业收入, 其他收入 … (parts of income)"
    )
    three_public: ThreePublic | None = Field(None, description="“三公”经费")
    operating_cost: Money | None = Field(None, description="机关运行经费")
    procurement: Procurement | None = Field(None, description="政府采购")
    assets: Assets | None = Field(None, description="固定资产")
    buildings: Buildings | None = Field(None, description="楼堂馆所控制情况")
    carryover_rate: Number | None = Field(None, description="结转结余率 as stated, %")
    structure_of: StructureWhole | None = Field(
        None,
        description="the whole 按支出性质分 (基本支出 + 项目支出) splits: total (the 自评表's 年度资金总额) "
        "or spending (支出合计 only); unset: spending's figures where it states them, else the total's",
    )

    @model_validator(mode="before")
    @classmethod
    def _fund_none(cls, raw: object) -> object:
        """`gov_fund: none` (or 无) states the unit has no such budget: recorded in `none`."""
        if not isinstance(raw, dict):
            return raw
        out = dict(raw)
        given = out.get("none")
        stated = list(given) if isinstance(given, list) else ([] if given is None else given)
        if isinstance(stated, list):
            stated = [_fund_key(x) for x in stated]
        for name in FUND_LISTS:
            value = out.get(name)
            if isinstance(value, str) and value.strip().lower() in _NONE_WORDS:
                out[name] = []
                if isinstance(stated, list) and name not in stated:
                    stated.append(name)
            elif isinstance(value, str):
                raise ValueError(
                    f"{name}: expected a list of lines or `none` (the unit has none: 无), got {value!r}"
                )
        if stated != []:
            out["none"] = stated
        return out

    @model_validator(mode="after")
    def _none_is_empty(self) -> Budget:
        for name in self.none:
            if getattr(self, name):
                raise ValueError(f"none: {name} is stated none but lists {len(getattr(self, name))} lines")
        return self

    @model_validator(mode="after")
    def _structure_has_its_lines(self) -> Budget:
        """`structure_of` names a split and its whole: both must be there to be added up."""
        if self.structure_of is None:
            return self
        if self.basic is None or self.projects_total is None:
            raise ValueError(
                f"structure_of: {self.structure_of} ties 基本支出 + 项目支出 to a whole, "
                "but basic or projects_total is not given"
            )
        if getattr(self, self.structure_of) is None:
            raise ValueError(
                f"structure_of: {self.structure_of}, but budget.{self.structure_of} is not given"
            )
        return self

    @model_validator(mode="after")
    def _parts_are_named(self) -> Budget:
        """A part of 公用支出 or a project group with no label could be bound to nothing (the checker names
        figures by it), and a project's group must be one of the groups listed, when they are listed."""
        for i, line in enumerate(self.public_parts):
            if not (line.label or "").strip():
                raise ValueError(f"public_parts[{i}]: a part of 公用支出 needs its label (办公费, 差旅费 …)")
        groups = [g.label for g in self.project_groups]
        for k, group in enumerate(self.project_groups):
            if not (group.label or "").strip() or groups.count(group.label) > 1:
                raise ValueError(
                    f"project_groups[{k}]: each group needs a label of its own, got {group.label!r}"
                )
        for i, project in enumerate(self.projects):
            if groups and project.group is not None and project.group not in groups:
                raise ValueError(
                    f"projects[{i}].group: {project.group!r} is none of project_groups "
                    f"({'、'.join(map(str, groups))})"
                )
        return self


class Goals(Strict):
    """年度总体目标 and 完成情况 (free text; numbers inside count as data)."""

    target: list[str] = Field(default_factory=list)
    achieved: list[str] = Field(default_factory=list)


class Indicator(Strict):
    """One 绩效指标 row of the 自评表."""

    level1: str = Field(min_length=1, description="一级指标: 产出/效益/满意度")
    level2: str = Field("", description="二级指标")
    name: str = Field(min_length=1, description="三级指标")
    target: str = Field("", description="年度指标值 (text)")
    actual: str = Field("", description="实际完成值 (text)")
    weight: Number | None = Field(None, description="分值")
    score: Number | None = Field(None, description="得分")
    deviation: str = Field("", description="偏差原因分析及改进措施")
    unit: str = Field("", description="计量单位 (个, 人次, %)")
    nature: str = Field("", description="指标性质: ≥ ≤ = 定性 …")
    adjusted_target: str = Field("", description="调整指标值 (text), when the target was adjusted")
    coefficient: Number | None = Field(None, description="得分系数 (得分 = 分值 × 系数)")
    core: bool | None = Field(None, description="是否核心指标")


class IndicatorGroup(Strict):
    """A 一级 (or 二级) 指标 subtotal row as stated: 产出指标(50分) 得分48."""

    level1: str = Field(min_length=1)
    level2: str = ""
    weight: Number | None = Field(None, description="分值 of the group")
    score: Number | None = Field(None, description="得分 of the group")


class Theme(Strict):
    """One theme of the year's work, with its activity bullets."""

    title: str = Field(min_length=1)
    bullets: list[str] = Field(min_length=1)


class Statement(Strict):
    """Any other statement the report makes (评价组织, 财务管理, 结果应用 …)."""

    topic: str = Field(min_length=1)
    text: str = Field(min_length=1)


class FactInput(Strict):
    """A figure with no typed home: given with its own id and label."""

    id: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
    label: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    value: Number
    unit: str = ""
    hedge: HedgeWord | None = Field(
        None, description="the report's hedge word for the figure: 余/多/近/约/以上/不足 … (1300余个)"
    )


class SelfEvaluation(Strict):
    """自评结论."""

    score: Number | None = Field(None, description="自评得分 / 总分")
    grade: str | None = Field(None, description="等级 as stated: 优/良/中/差 (or 优秀 …)")
    total_weight: Number | None = Field(None, description="the table's 总分 (分值 column), usually 100")


class Scoring(Strict):
    """Grade thresholds; provinces differ, so they are settings (domain.md defaults)."""

    excellent: Number = Decimal(90)
    good: Number = Decimal(80)
    pass_: Number = Field(Decimal(60), alias="pass")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def grade(self, score: Decimal) -> str:
        if score >= self.excellent:
            return "优"
        if score >= self.good:
            return "良"
        if score >= self.pass_:
            return "中"
        return "差"


class ReportData(Strict):
    """Everything one report states, as data."""

    unit: Unit
    staff: Staff = Field(default_factory=Staff)
    duties: list[str] = Field(default_factory=list, description="主要职责")
    budget: Budget = Field(default_factory=Budget)
    goals: Goals = Field(default_factory=Goals)
    plans: list[str] = Field(default_factory=list, description="重点工作计划")
    indicators: list[Indicator] = Field(default_factory=list)
    indicator_groups: list[IndicatorGroup] = Field(
        default_factory=list, description="一级/二级指标 subtotals as stated"
    )
    activities: list[Theme] = Field(default_factory=list, description="年度工作情况, by theme")
    awards: list[str] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list, description="staff's own notes on 存在问题")
    improvements: list[str] = Field(default_factory=list, description="下一步改进措施")
    other_notes: list[str] = Field(default_factory=list, description="其他需要说明的情况")
    statements: list[Statement] = Field(default_factory=list)
    facts: list[FactInput] = Field(default_factory=list, description="figures with no typed home")
    periods: list[str] = Field(
        default_factory=list, description="plan periods the text may name: 2021-2030, 十四五 …"
    )
    years: list[int] = Field(default_factory=list, description="other years the text may name")
    lexicon: list[str] = Field(
        default_factory=list, description="proper nouns with numerals in them, beyond the built-in list"
    )
    self_evaluation: SelfEvaluation = Field(default_factory=SelfEvaluation)
    scoring: Scoring = Field(default_factory=Scoring)
    outline: str | None = Field(
        None, description="outline to draft with: hunan, yunnan, table, or an outline file"
    )

    @model_validator(mode="after")
    def _unique_fact_ids(self) -> ReportData:
        seen: set[str] = set()
        for fact in self.facts:
            if fact.id in seen:
                raise ValueError(f"facts: id {fact.id!r} is used twice")
            seen.add(fact.id)
        return self
