"""The 部门整体支出绩效自评表 as rows of cells, from the data alone.

Kept apart from Word: the same rows are what the Word table shows and what the checker reads back from
it (`drafter.readers.docx`), so the table's numbers are the data's, written as the data states them.
A cell is text plus how many grid columns it spans; the grid has eight columns, the width of the
绩效指标 block (一级 二级 三级 指标值 完成值 分值 得分 偏差原因).
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
        out.append((b.spending.label or "支出合计", b.spending))
    for slot, name in (("basic", "基本支出"), ("projects_total", "项目支出")):
        line = getattr(b, slot)
        if line is not None:
            out.append((line.label or name, line))
    return out


def rows(data: ReportData) -> list[Row]:
    """Every row of the table, top to bottom."""
    u = data.unit
    out: list[Row] = [
        (Cell(f"{u.year}年度部门整体支出绩效自评表", COLUMNS, header=True),),
        (Cell("部门（单位）名称", 2, header=True), Cell(u.name, COLUMNS - 2)),
    ]
    lines = money_lines(data)
    if lines:
        out.append(
            (
                Cell(f"资金（{data.budget.unit}）", 2, header=True),
                *(Cell(h, header=True) for h in MONEY_HEADER),
            )
        )
        out += [_money_row(label, line) for label, line in lines]
    if data.goals.target or data.goals.achieved:
        out.append(
            (
                Cell("年度总体目标", 2, header=True),
                Cell("预期目标", 3, header=True),
                Cell("实际完成情况", 3, header=True),
            )
        )
        out.append(
            (
                Cell("", 2),
                Cell("；".join(data.goals.target), 3),
                Cell("；".join(data.goals.achieved), 3),
            )
        )
    if data.indicators:
        out.append(tuple(Cell(h, header=True) for h in INDICATOR_HEADER))
        for ind in data.indicators:
            out.append(
                tuple(
                    Cell(c)
                    for c in (
                        ind.level1,
                        ind.level2,
                        ind.name,
                        ind.target,
                        ind.actual,
                        figure(ind.weight),
                        figure(ind.score),
                        ind.deviation,
                    )
                )
            )
    ev = data.self_evaluation
    if ev.score is not None or ev.total_weight is not None or ev.grade:
        out.append(
            (
                Cell("总分", 5, header=True),
                Cell(figure(ev.total_weight)),
                Cell(figure(ev.score)),
                Cell(f"自评等级：{ev.grade}" if ev.grade else ""),
            )
        )
    return out
