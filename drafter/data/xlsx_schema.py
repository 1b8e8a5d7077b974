"""The input workbook's layout: which sheet and column holds which field of ReportData.

One table of names serves the writer (`drafter init --xlsx`, and YAML → xlsx) and the reader, so the
two cannot drift apart and every field the data model has a place (the round-trip test proves it on
every example). Headers are Chinese, as a clerk fills them in; the field paths are the YAML's.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.data.model import LEVELS

LIST_SEPARATOR = "；"  # aliases in one cell: 市妇联；我会


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # attribute of the row's object
    kind: str = "text"  # text, number, percent, count, list
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
    ("编制数", "staff.authorized", "count", "人"),
    ("编制核定年份", "staff.authorized_year", "count", "报告提到时填"),
    ("实有人数", "staff.actual", "count", "在职人员"),
    ("离退休人员", "staff.retired", "count", "人"),
    ("临聘人员", "staff.temporary", "count", "人"),
    ("人员统计时点", "staff.as_of", "text", "如：2023年末"),
    ("内设机构数", "staff.departments_count", "count", "未在“文字”表列出机构名称时填"),
    ("自评得分", "self_evaluation.score", "number", "总分"),
    ("自评等级", "self_evaluation.grade", "text", "优/良/中/差"),
    ("总分值", "self_evaluation.total_weight", "number", "自评表分值合计，通常 100"),
    ("优秀分数线", "scoring.excellent", "number", "默认 90"),
    ("良好分数线", "scoring.good", "number", "默认 80"),
    ("合格分数线", "scoring.pass_", "number", "默认 60"),
    ("不完整的资金明细", "budget.partial", "list", "只列了一部分的明细（sources、projects …），用；分隔"),
    ("不完整的人员明细", "staff.partial", "list", "authorized_parts、actual_parts、departments"),
    ("明确为“无”的预算", "budget.none", "list", "gov_fund、state_capital、social_insurance：报告写“无”的"),
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
    ("规划期", "periods", "text"),
    ("其他年份", "years", "count"),
    ("专有名词", "lexicon", "text"),
)

STAFF_SHEET = "人员构成"
STAFF_KINDS = (("编制构成", "authorized_parts"), ("实有人员构成", "actual_parts"))
STAFF_COLUMNS = (
    Column("类别", "kind", width=14, note="编制构成 / 实有人员构成"),
    Column("名称", "label", width=20),
    Column("人数", "count", "count", width=10),
    Column("别称", "aliases", "list", width=20),
)

MONEY_SHEET = "预算与执行"
# 栏目 → (Budget field, is a list)
MONEY_SLOTS: tuple[tuple[str, str, bool], ...] = (
    ("资金总额", "total", False),
    ("资金来源", "sources", True),
    ("支出合计", "spending", False),
    ("基本支出", "basic", False),
    ("人员支出", "personnel", False),
    ("公用支出", "public", False),
    ("项目支出合计", "projects_total", False),
    ("项目", "projects", True),
    ("经济分类", "economic", True),
    ("本年收入", "income", False),
    ("上年结转", "carryover_in", False),
    ("结转下年", "carryover_out", False),
    ("政府性基金", "gov_fund", True),
    ("国有资本经营", "state_capital", True),
    ("社会保险基金", "social_insurance", True),
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
    Column("分值", "weight", "number", 8),
    Column("得分", "score", "number", 8),
    Column("别称", "aliases", "list", 18),
    Column("备注", "note", width=30),
    Column("项目说明", "description", width=30),
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
    Column("偏差原因分析及改进措施", "deviation", width=26),
)
LEVEL1_CHOICES = ("产出指标", "效益指标", "满意度指标", "成本指标")

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
    ACTIVITY_SHEET,
    TEXT_SHEET,
    STAFF_SHEET,
    STATEMENT_SHEET,
    FACT_SHEET,
)
LEVEL_CHOICES = LEVELS
