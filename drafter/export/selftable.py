"""The 部门整体支出绩效自评表 as rows of cells, from the data alone.

Kept apart from Word: the same rows are what the Word table shows and what the checker reads back from
it (`drafter.readers.docx`), so the table's numbers are the data's, written as the data states them.
A cell is text plus how many grid columns it spans; the grid has eight columns, the width of the
绩效指标 block (一级 二级 三级 指标值 完成值 分值 得分 偏差原因). Every block of the form is there
whatever the data holds: what the data lacks (the 年度资金总额, its budget or actual, the goals, the
indicators, the 总分) is a 〔待补充：…〕 cell naming it, as the report's text marks its own gaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from drafter.data.model import Money, ReportData

COLUMNS = 8
# twips per grid column (sum 8844 = A4 width less the 28 mm + 26 mm margins)
WIDTHS = (650, 750, 1400, 1300, 1700, 1000, 1000, 1044)
MONEY_HEADER = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
INDICATOR_HEADER = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)


@dataclass(frozen=True)
class Cell:
    text: str
    span: int = 1
    header: bool = False


Row = tuple[Cell, ...]


def figure(value: Decimal | None) -> str:
    """A figure as the data states it (trailing zeros kept: 10.00 stays 10.00); blank when absent."""
    return "" if value is None else f"{value:f}"


def _rate(line: Money) -> str:
    if line.rate is not None:
        return f"{line.rate:f}%"
    if line.actual is not None and line.budget:
        return f"{(line.actual * 100 / line.budget).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"
    return ""


def _money_row(label: str, line: Money) -> Row:
    cells = (
        figure(line.initial_budget),
        figure(line.budget),
        figure(line.actual),
        figure(line.weight),
        _rate(line),
        figure(line.score),
    )
    return (Cell(label, 2), *(Cell(c) for c in cells))


def money_lines(data: ReportData) -> list[tuple[str, Money]]:
    """The 资金 rows: the total, its sources, then the spending structure, each only when given."""
    b = data.budget
    out: list[tuple[str, Money]] = []
    if b.total is not None:
        out.append((b.total.label or "年度资金总额", b.total))
    for source in b.sources:
        out.append((f"其中：{source.label or '资金来源'}", source))
    if b.spending is not None:
        out.append((_named(b.spending.label, "支出合计", "支出"), b.spending))
    for slot, name in (("basic", "基本支出"), ("projects_total", "项目支出")):
        line = getattr(b, slot)
        if line is not None:
            out.append((_named(line.label, name, name[:2]), line))
    return out


def _named(label: str | None, name: str, word: str) -> str:
    """The row's own label when it says what the row is (项目支出合计), else its name: a data file that
    labels its 项目支出 line 合计 (the word of the report's own project table) would give the 自评表 a row
    合计 beside 调整后预算, which a reader, and the checker, takes for the total."""
    return label if label and word in label else name


def pending(what: str = "") -> str:
    """The mark of a cell the data leaves empty: the clerk fills it in (highlighted in Word)."""
    return f"〔待补充：{what}〕" if what else "〔待补充〕"


def _money_rows(data: ReportData) -> list[Row]:
    """The 资金 block; with no total (or no money at all) a 年度资金总额 row saying what is missing."""
    header: Row = (
        Cell(f"资金（{data.budget.unit}）", 2, header=True),
        *(Cell(h, header=True) for h in MONEY_HEADER),
    )
    out = [header]
    total = data.budget.total
    if total is None:
        out.append((Cell("年度资金总额", 2), Cell(pending("年初预算数、全年预算数、全年执行数"), 6)))
    for label, line in money_lines(data):
        row = _money_row(label, line)
        if line is total:  # the total's budget and actual are what every 自评表 states
            row = tuple(Cell(pending()) if i in (2, 3) and not c.text else c for i, c in enumerate(row))
        out.append(row)
    return out


def _goal_rows(data: ReportData) -> list[Row]:
    goals = data.goals
    return [
        (
            Cell("年度总体目标", 2, header=True),
            Cell("预期目标", 3, header=True),
            Cell("实际完成情况", 3, header=True),
        ),
        (
            Cell("", 2),
            Cell("；".join(goals.target) or pending("年度预期目标"), 3),
            Cell("；".join(goals.achieved) or pending("目标实际完成情况"), 3),
        ),
    ]


def _indicator_rows(data: ReportData) -> list[Row]:
    out: list[Row] = [tuple(Cell(h, header=True) for h in INDICATOR_HEADER)]
    if not data.indicators:
        what = "绩效指标（一级、二级、三级指标，年度指标值，实际完成值，分值，得分）"
        return [*out, (Cell(pending(what), COLUMNS),)]
    for ind in data.indicators:
        cells = (
            ind.level1,
            ind.level2,
            ind.name,
            ind.target,
            ind.actual,
            figure(ind.weight),
            figure(ind.score),
            ind.deviation,
        )
        out.append(tuple(Cell(c) for c in cells))
    return out


def _total_row(data: ReportData) -> Row:
    ev = data.self_evaluation
    if ev.score is None and ev.total_weight is None and not ev.grade:
        return (Cell("总分", 5, header=True), Cell(pending("总分、自评得分、自评等级"), 3))
    return (
        Cell("总分", 5, header=True),
        Cell(figure(ev.total_weight)),
        Cell(figure(ev.score) or pending()),
        Cell(f"自评等级：{ev.grade}" if ev.grade else ""),
    )


def rows(data: ReportData) -> list[Row]:
    """Every row of the table, top to bottom: each block always there, 〔待补充〕 where the data is not."""
    u = data.unit
    return [
        (Cell(f"{u.year}年度部门整体支出绩效自评表", COLUMNS, header=True),),
        (Cell("部门（单位）名称", 2, header=True), Cell(u.name, COLUMNS - 2)),
        *_money_rows(data),
        *_goal_rows(data),
        *_indicator_rows(data),
        _total_row(data),
    ]
