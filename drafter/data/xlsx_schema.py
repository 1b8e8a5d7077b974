"""The input workbook's layout: which sheet and column holds which field of ReportData.

One table of names serves the writer (`drafter init --xlsx`, and YAML → xlsx) and the reader, so the
two cannot drift apart, and every field the data model has a place: `paths()` lists them from these
tables, and tests/data/test_xlsx_fields.py compares it with the model's fields walked recursively (a
new field with no cell fails) and round-trips data that sets every field. Headers are Chinese, as a
clerk fills them in; the field paths are the YAML's.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.data.model import LEVELS

LIST_SEPARATOR = "；"  # aliases in one cell: 市妇联；我会


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # attribute of the row's object
    kind: str = "text"  # text, number, percent, count, list, yesno
    width: int = 14
    note: str = ""


# 基本情况: one field per row (项目 | 值 | 说明)
BASIC_SHEET = "基本情况"
BASIC: tuple[tuple[str, str, str, str], ...] = (
    # (label, dotted path, kind, note)
    ("单位全称", "unit.name", "text", "如：衡阳市妇女联合会"),
    ("单位简称", "unit.short_name", "text", "如：衡阳市妇联"),
    ("单位级次", "unit.level", "text", "省/市/县/区/乡/镇/街道 等"),
    ("评价年度", "unit.year", "count", "如：2023"),
    ("所在地区", "unit.region", "text", ""),
    ("金额单位", "budget.unit", "text", "万元 或 元"),
    ("三公经费金额单位", "budget.three_public.unit", "text", "报告的三公经费以元列示时选 元；不填同上"),
    ("编制数", "staff.authorized", "count", "人"),
    ("编制核定年份", "staff.authorized_year", "count", "报告提到时填"),
    ("实有人数", "staff.actual", "count", "在职人员"),
    ("离退休人员", "staff.retired", "count", "人"),
    ("临聘人员", "staff.temporary", "count", "人"),
    ("调入人数", "staff.transfers_in", "count", "本年调入，人"),
    ("调出人数", "staff.transfers_out", "count", "本年调出，人"),
    ("领导职数", "staff.leader_posts", "count", "核定领导职数"),
    ("实配领导人数", "staff.leaders_actual", "count", "实际配备的领导"),
    ("服务行政村数", "staff.villages", "count", "乡镇、街道辖（服务）的行政村，个"),
    ("服务社区数", "staff.communities", "count", "个"),
    ("人员统计时点", "staff.as_of", "text", "如：2023年末"),
    ("内设机构数", "staff.departments_count", "count", "未在“文字”表列出机构名称时填"),
    ("在职人员控制率(%)", "staff.control_rate", "percent", "报告所列，如 92.31"),
    ("结转结余率(%)", "budget.carryover_rate", "percent", "报告所列"),
    ("政府采购预算", "budget.procurement.budget", "number", "金额单位同“金额单位”"),
    ("政府采购实际金额", "budget.procurement.actual", "number", "实际采购金额 / 政府采购支出"),
    ("政府采购执行率(%)", "budget.procurement.rate", "percent", "报告所列"),
    ("授予中小企业合同金额", "budget.procurement.sme", "number", ""),
    ("中小企业合同金额占比(%)", "budget.procurement.sme_share", "percent", "报告所列"),
    ("固定资产原值", "budget.assets.total", "number", "金额单位同“金额单位”"),
    ("固定资产净值", "budget.assets.net", "number", ""),
    ("公务用车数量", "budget.assets.vehicles", "count", "辆"),
    ("楼堂馆所批复面积", "budget.buildings.approved_area", "number", "平方米"),
    ("楼堂馆所实际面积", "budget.buildings.actual_area", "number", "平方米"),
    ("楼堂馆所批复投资", "budget.buildings.approved_investment", "number", "金额单位同“金额单位”"),
    ("楼堂馆所实际投资", "budget.buildings.actual_investment", "number", ""),
    ("面积控制率(%)", "budget.buildings.area_rate", "percent", "报告所列，实际面积 / 批复面积"),
    ("投资控制率(%)", "budget.buildings.investment_rate", "percent", "报告所列，实际投资 / 批复投资"),
    ("自评得分", "self_evaluation.score", "number", "总分"),
    ("自评等级", "self_evaluation.grade", "text", "优/良/中/差"),
    ("总分值", "self_evaluation.total_weight", "number", "自评表分值合计，通常 100"),
    ("优秀分数线", "scoring.excellent", "number", "默认 90"),
    ("良好分数线", "scoring.good", "number", "默认 80"),
    ("合格分数线", "scoring.pass_", "number", "默认 60"),
    (
        "按支出性质分之总额",
        "budget.structure_of",
        "text",
        "基本支出 + 项目支出 之和：total（年度资金总额）或 spending（支出合计）",
    ),
    ("不完整的资金明细", "budget.partial", "list", "只列了一部分的明细（sources、projects …），用；分隔"),
    ("不完整的人员明细", "staff.partial", "list", "authorized_parts、actual_parts、departments"),
    ("明确为“无”的预算", "budget.none", "list", "政府性基金、国有资本经营、社会保险基金：写“无”的，用；分隔"),
    ("报告提纲", "outline", "text", "hunan / yunnan / table，或提纲文件；不填按所在地区"),
)

# 文字: lists of sentences and names, one item a row (栏目 | 内容)
TEXT_SHEET = "文字"
TEXTS: tuple[tuple[str, str, str], ...] = (
    ("单位别称", "unit.aliases", "text"),
    ("主要职责", "duties", "text"),
    ("年度总体目标", "goals.target", "text"),
    ("目标完成情况", "goals.achieved", "text"),
    ("重点工作计划", "plans", "text"),
    ("获奖情况", "awards", "text"),
    ("存在问题", "problems", "text"),
    ("改进措施", "improvements", "text"),
    ("其他需要说明的情况", "other_notes", "text"),
    ("内设机构", "staff.departments", "text"),
    ("下属单位", "staff.subordinate_units", "text"),
    ("人员情况说明", "staff.notes", "text"),
    ("资产情况说明", "budget.assets.notes", "text"),
    ("规划期", "periods", "text"),
    ("其他年份", "years", "count"),
    ("专有名词", "lexicon", "text"),
)

STAFF_SHEET = "人员构成"
STAFF_KINDS = (
    ("编制构成", "authorized_parts"),
    ("实有人员构成", "actual_parts"),
    ("离退休构成", "retired_parts"),
    ("实有人员按岗位", "actual_by_post"),
    ("实有人员按经费来源", "actual_by_funding"),
    ("下属单位级别", "subordinate_by_rank"),
)
STAFF_COLUMNS = (
    Column(
        "类别",
        "kind",
        width=18,
        note="编制构成 / 实有人员构成 / 离退休构成 / 实有人员按岗位 / 实有人员按经费来源 / "
        "下属单位级别（人数栏填单位个数）",
    ),
    Column("名称", "label", width=20),
    Column("人数", "count", "count", width=10),
    Column("别称", "aliases", "list", width=20),
)

MONEY_SHEET = "预算与执行"
# 栏目 → (path under Budget, is a list). 三公经费 is in its own unit (基本情况: 三公经费金额单位).
MONEY_SLOTS: tuple[tuple[str, str, bool], ...] = (
    ("资金总额", "total", False),
    ("资金来源", "sources", True),
    ("支出合计", "spending", False),
    ("基本支出", "basic", False),
    ("人员支出", "personnel", False),
    ("公用支出", "public", False),
    ("公用经费构成", "public_parts", True),
    ("项目支出合计", "projects_total", False),
    ("项目", "projects", True),
    ("项目分组", "project_groups", True),
    ("经济分类", "economic", True),
    ("本年收入", "income", False),
    ("收入构成", "income_parts", True),
    ("上年结转", "carryover_in", False),
    ("结转下年", "carryover_out", False),
    ("政府性基金", "gov_fund", True),
    ("国有资本经营", "state_capital", True),
    ("社会保险基金", "social_insurance", True),
    ("机关运行经费", "operating_cost", False),
    ("三公经费合计", "three_public.total", False),
    ("因公出国（境）费", "three_public.overseas", False),
    ("公务用车购置及运行费", "three_public.vehicles", False),
    ("公务用车购置费", "three_public.vehicle_purchase", False),
    ("公务用车运行维护费", "three_public.vehicle_operation", False),
    ("公务接待费", "three_public.reception", False),
)
MONEY_COLUMNS = (
    Column("栏目", "slot", width=14, note="资金总额/资金来源/基本支出/项目 …（下拉选择）"),
    Column("名称", "label", width=22),
    Column("年初预算数", "initial_budget", "number", 12),
    Column("全年预算数", "budget", "number", 12),
    Column("到位数", "received", "number", 10),
    Column("全年执行数", "actual", "number", 12),
    Column("上年执行数", "last_year", "number", 12),
    Column("执行率(%)", "rate", "percent", 10),
    Column("占比(%)", "share", "percent", 10),
    Column("同比增减(%)", "yoy_rate", "percent", 12),
    Column("同比增减额", "yoy_amount", "number", 12, note="增加为正，减少为负（或按报告所列）"),
    Column("分值", "weight", "number", 8),
    Column("得分", "score", "number", 8),
    Column("结余", "balance", "number", 10, note="报告所列结余（预算数 − 执行数，或到位数 − 执行数）"),
    Column("结余交回", "balance_returned", "number", 10, note="交回（收回）财政的结余"),
    Column("别称", "aliases", "list", 18),
    Column("备注", "note", width=30),
    Column("项目说明", "description", width=30),
    Column("所属分组", "group", width=14, note="项目所属分组（区级专项、上级转移支付 …），仅“项目”行"),
    Column("中央资金", "funds_central", "number", 10, note="项目资金中的中央资金（仅“项目”行）"),
    Column("省级资金", "funds_provincial", "number", 10, note="仅“项目”行"),
    Column("市级资金", "funds_city", "number", 10, note="仅“项目”行"),
    Column("县区资金", "funds_county", "number", 10, note="县（区）级资金，仅“项目”行"),
)

INDICATOR_SHEET = "绩效指标"
INDICATOR_COLUMNS = (
    Column("一级指标", "level1", width=12),
    Column("二级指标", "level2", width=12),
    Column("三级指标", "name", width=26),
    Column("年度指标值", "target", width=22),
    Column("实际完成值", "actual", width=26),
    Column("分值", "weight", "number", 8),
    Column("得分", "score", "number", 8),
    Column("得分系数", "coefficient", "number", 8, note="得分 = 分值 × 系数，报告列出时填"),
    Column("计量单位", "unit", width=8, note="个、人次、% …"),
    Column("指标性质", "nature", width=8, note="≥ ≤ = 定性 …（下拉选择，也可自填）"),
    Column("调整指标值", "adjusted_target", width=18, note="年中调整过指标值时填"),
    Column("是否核心指标", "core", "yesno", 8, note="是 / 否"),
    Column("偏差原因分析及改进措施", "deviation", width=26),
)
LEVEL1_CHOICES = ("产出指标", "效益指标", "满意度指标", "成本指标")
NATURE_CHOICES = ("≥", "≤", "=", "定性")
YES, NO = "是", "否"

# 指标小计: the 一级 (or 二级) 指标 subtotal rows as the 自评表 states them (产出指标 50分 得分48)
GROUP_SHEET = "指标小计"
GROUP_COLUMNS = (
    Column("一级指标", "level1", width=14),
    Column("二级指标", "level2", width=14, note="一级指标的小计留空"),
    Column("分值", "weight", "number", 8),
    Column("得分", "score", "number", 8),
)

ACTIVITY_SHEET = "工作要点"
ACTIVITY_COLUMNS = (
    Column("工作主题", "title", width=30, note="同一主题的多条要点：主题可合并单元格或留空"),
    Column("工作要点", "bullet", width=80),
)

STATEMENT_SHEET = "其他说明"
STATEMENT_COLUMNS = (Column("主题", "topic", width=24), Column("内容", "text", width=80))

FACT_SHEET = "其他数据"
FACT_COLUMNS = (
    Column("编号", "id", width=22, note="英文字母、数字、. _ -，如 budget.projects_count"),
    Column("名称", "label", width=22),
    Column("数值", "value", "number", 12),
    Column("单位", "unit", width=8),
    Column("约数", "hedge", width=8, note="余/多/近/约 …"),
    Column("别称", "aliases", "list", 22),
)

SHEETS = (
    BASIC_SHEET,
    MONEY_SHEET,
    INDICATOR_SHEET,
    GROUP_SHEET,
    ACTIVITY_SHEET,
    TEXT_SHEET,
    STAFF_SHEET,
    STATEMENT_SHEET,
    FACT_SHEET,
)
LEVEL_CHOICES = LEVELS

# Columns of 预算与执行 that only some 栏目 take (项目说明, 中央资金 … are a Project's, not a Money line's).
PROJECT_FUNDS = ("funds_central", "funds_provincial", "funds_city", "funds_county")
MONEY_ONLY: dict[str, tuple[str, ...]] = {
    name: ("projects",) for name in ("description", "group", *PROJECT_FUNDS)
}
YESNO_WORDS = {
    YES: True,
    NO: False,
    "√": True,
    "×": False,
    "Y": True,
    "N": False,
    "TRUE": True,
    "FALSE": False,
}


def key(label: str) -> str:
    """A header, item or 栏目 as compared: spaces and quotes dropped, full-width brackets made half-width.

    A clerk types 因公出国(境)费 or “三公”经费合计 as readily as the template's spelling; both mean the
    same row, so neither is refused as unknown.
    """
    out = label.replace(" ", "").replace("\u3000", "").replace("（", "(").replace("）", ")")
    return "".join(ch for ch in out if ch not in "“”\"'‘’")


def paths() -> set[str]:
    """Every field path of ReportData the workbook has a cell for, as `budget.projects[].label`.

    Derived from the tables above (never from the model), so a test can compare it with the model's
    fields: a field added to the model without a place here fails that test instead of being
    silently impossible to enter.
    """
    out = {path for _, path, _, _ in BASIC} | {path for _, path, _ in TEXTS}
    for _, field in STAFF_KINDS:
        out |= {f"staff.{field}[].{c.field}" for c in STAFF_COLUMNS if c.field != "kind"}
    for _, field, many in MONEY_SLOTS:
        line = f"budget.{field}{'[]' if many else ''}"
        for c in MONEY_COLUMNS:
            if c.field != "slot" and field in MONEY_ONLY.get(c.field, (field,)):
                out.add(f"{line}.{c.field}")
    for prefix, columns in (
        ("indicators", INDICATOR_COLUMNS),
        ("indicator_groups", GROUP_COLUMNS),
        ("statements", STATEMENT_COLUMNS),
        ("facts", FACT_COLUMNS),
    ):
        out |= {f"{prefix}[].{c.field}" for c in columns}
    out |= {"activities[].title", "activities[].bullets"}  # 工作要点: one bullet a row under its 主题
    return out
