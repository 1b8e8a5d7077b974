"""What a table's column headers name: the measure of the figures under them, or the row's names.

Both table readers (drafter.check.tables for grid lines, drafter.check.celllines for one cell per line)
and the binder read headers through this vocabulary: 预算数 is a budget, 执行率 a rate, 分值 a weight,
年度指标值 an indicator's target, 项目 or 三级指标 a column of row names.
"""

from __future__ import annotations

import re

from drafter.text.script import to_simplified

# Column header words -> the measure a figure under them states (first match wins: longest first).
HEADER_MEASURES: tuple[tuple[str, str], ...] = (
    ("序号", "ordinal"),
    ("得分系数", "coefficient"),
    ("得分率", "score_rate"),
    ("调整指标值", "adjusted_target"),
    ("年度指标值", "target"),
    ("年度目标值", "target"),
    ("指标值", "target"),
    ("目标值", "target"),
    ("实际完成值", "achieved"),
    ("完成值", "achieved"),
    ("实际值", "achieved"),
    ("年初预算", "initial_budget"),
    ("到位", "received"),
    ("执行率", "rate"),
    ("预算执行数", "actual"),
    ("完成率", "rate"),
    ("预算执行", "rate"),
    ("占比", "share"),
    ("比重", "share"),
    ("同比", "yoy"),
    ("上年", "last_year"),
    ("预算", "budget"),
    ("执行数", "actual"),
    ("决算", "actual"),
    ("支出数", "actual"),
    ("实际支出", "actual"),
    ("执行", "actual"),
    ("分值", "weight"),
    ("权重", "weight"),
    ("满分", "weight"),
    ("得分", "score"),
    ("评分", "score"),
    ("计量单位", "text"),
    ("度量单位", "text"),
    ("指标性质", "text"),
    ("是否核心", "text"),
    ("偏差原因", "text"),
    ("原因分析", "text"),
    ("原因", "text"),
    ("备注", "text"),
    ("说明", "text"),
)
# Header words of label columns: the row's name stands under them.
LABEL_HEADERS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标名称",
    "指标",
    "项目",
    "名称",
    "科目",
    "内容",
    "类别",
)
YEAR_HEADER = re.compile(r"^((?:19|20)\d\d)年?(?:度)?(?:预算数|执行数|决算数|数)?$")
HEADER_WORDS = tuple(w for w, _ in HEADER_MEASURES) + LABEL_HEADERS + ("金额", "合计", "全年", "年初")


def header_measure(header: str, year: int | None = None) -> str | None:
    """The measure a column header names (None: not a figure column we know)."""
    h = to_simplified(header)
    years = YEAR_HEADER.match(h)
    if years:
        column_year = int(years.group(1))
        if year is None:
            return None
        if column_year == year:
            return "actual" if "预算" not in h else "budget"
        return "last_year" if column_year == year - 1 else f"year:{column_year}"
    for word, measure in HEADER_MEASURES:
        if word in h:
            return measure
    return None


def is_label_header(h: str) -> bool:
    """Does a header name the column of the rows' names (项目, 三级指标), not a figure's?"""
    s = to_simplified(h)
    return any(w in s for w in LABEL_HEADERS) and header_measure(s) is None


def is_header_text(body: str) -> bool:
    """A line of prose that names three columns or more (a header the cell reader could not split)."""
    s = to_simplified(body)
    return sum(1 for w in HEADER_WORDS if w in s) >= 3
