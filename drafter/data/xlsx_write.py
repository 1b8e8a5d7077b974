"""Write a ReportData as the input workbook: the template of `drafter init --xlsx`, and YAML → xlsx.

Lossless by construction (the reader in drafter.data.xlsx_read reads back every field): a figure is
written as a number with a number format of its own decimals, so 10.00 comes back as 10.00; a figure
with more digits than a float holds is written as text; a yes/no as 是/否. Headers are Chinese;
cells that have a choice (栏目, 单位级次, 金额单位, 一级指标, 指标性质, 是否核心指标) get a drop-down.
"""

from __future__ import annotations

import functools
import io
from decimal import Decimal
from typing import Any

from drafter.data import xlsx_schema as S
from drafter.data.model import Money, ReportData

_HEADER_FILL = "DDEBF7"


@functools.cache
def _styles() -> tuple[Any, Any, Any]:
    """The header font and fill and the text cells' wrap, made once: openpyxl compares every new style
    object with those it holds, so one object per cell made writing a workbook twice as slow."""
    from openpyxl.styles import Alignment, Font, PatternFill

    return (
        Font(bold=True),
        PatternFill("solid", fgColor=_HEADER_FILL),
        Alignment(wrap_text=True, vertical="top"),
    )


def _put(ws: Any, row: int, col: int, value: Any) -> None:
    """One value into a cell: figures as numbers shown with their own decimals, text as text."""
    cell = ws.cell(row, col)
    if value is None or value == [] or value == "":
        return
    if isinstance(value, bool):
        value = S.YES if value else S.NO
    if isinstance(value, list):
        value = S.LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, Decimal):
        digits = value.as_tuple()
        places = max(0, -int(digits.exponent))
        if len(digits.digits) > 15:  # more than a float holds: keep the characters
            cell.value = format(value, "f")
            cell.data_type = "s"
            return
        cell.value = int(value) if places == 0 else float(value)
        cell.number_format = "0" if places == 0 else "0." + "0" * places
        return
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # a text starting with "=" stays text, not a formula
        cell.alignment = _styles()[2]


def _header(ws: Any, columns: tuple[S.Column, ...] | tuple[str, ...], widths: tuple[int, ...] = ()) -> None:
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter

    font, fill, _ = _styles()
    for col, c in enumerate(columns, start=1):
        head = c if isinstance(c, str) else c.header
        cell = ws.cell(1, col, head)
        cell.font, cell.fill = font, fill
        if not isinstance(c, str) and c.note:
            cell.comment = Comment(c.note, "drafter")
        width = widths[col - 1] if widths else getattr(c, "width", 14)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def _table(ws: Any, columns: tuple[S.Column, ...], rows: list[dict[str, Any]]) -> None:
    _header(ws, columns)
    for r, record in enumerate(rows, start=2):
        for col, c in enumerate(columns, start=1):
            _put(ws, r, col, record.get(c.field))


def _validation(ws: Any, ref: str, choices: tuple[str, ...], strict: bool = True) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    dv.showErrorMessage = strict
    dv.error, dv.errorTitle = f"请从列表中选择：{'、'.join(choices)}", "drafter"
    ws.add_data_validation(dv)
    dv.add(ref)


def _numbers(ws: Any, columns: tuple[S.Column, ...]) -> None:
    """A warning (not a refusal) on every figure column: 约5万 typed there is caught while typing."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="decimal", operator="greaterThanOrEqual", formula1="-1000000000", allow_blank=True
    )
    dv.errorStyle, dv.error = "warning", "这里填数字（如 534.51），不要写“约”“余”等字"
    ws.add_data_validation(dv)
    for col, c in enumerate(columns, start=1):
        if c.kind in ("number", "percent", "count"):
            dv.add(f"{get_column_letter(col)}2:{get_column_letter(col)}1000")


def _choices(
    ws: Any, columns: tuple[S.Column, ...], field: str, choices: tuple[str, ...], strict: bool
) -> None:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(next(i for i, c in enumerate(columns, start=1) if c.field == field))
    _validation(ws, f"{letter}2:{letter}1000", choices, strict=strict)


def _get(obj: Any, path: str) -> Any:
    """The value at a dotted path; None when a part on the way is absent (no 三公经费 given)."""
    for key in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, key)
    return obj


def _money_rows(data: ReportData) -> list[dict[str, Any]]:
    rows = []
    for name, field, many in S.MONEY_SLOTS:
        value = _get(data.budget, field)
        lines: list[Money] = list(value) if many else ([value] if value is not None else [])
        for line in lines:
            record = line.model_dump()
            record["slot"] = name
            rows.append(record)
    return rows


def _basic_sheet(ws: Any, data: ReportData) -> None:
    _header(ws, ("项目", "值", "说明"), (18, 36, 48))
    for r, (label, path, _, note) in enumerate(S.BASIC, start=2):
        ws.cell(r, 1, label)
        _put(ws, r, 2, _get(data, path))
        ws.cell(r, 3, note)
        if path == "unit.level":
            _validation(ws, f"B{r}", S.LEVEL_CHOICES)
        if path in ("budget.unit", "budget.three_public.unit"):
            _validation(ws, f"B{r}", ("万元", "元"))


def _text_sheet(ws: Any, data: ReportData) -> None:
    _header(ws, ("栏目", "内容"), (18, 100))
    r = 2
    for label, path, _ in S.TEXTS:
        for item in _get(data, path) or []:
            ws.cell(r, 1, label)
            _put(ws, r, 2, Decimal(item) if isinstance(item, int) else item)
            r += 1
    _validation(ws, "A2:A2000", tuple(label for label, _, _ in S.TEXTS))


def _activity_sheet(ws: Any, data: ReportData) -> None:
    _header(ws, S.ACTIVITY_COLUMNS)
    r = 2
    for theme in data.activities:
        first = r
        for bullet in theme.bullets:
            _put(ws, r, 2, bullet)
            r += 1
        _put(ws, first, 1, theme.title)
        if r - 1 > first:  # one theme, many bullets: the theme cell merged down, as clerks do
            ws.merge_cells(start_row=first, start_column=1, end_row=r - 1, end_column=1)


def write_workbook(data: ReportData) -> bytes:
    """The workbook for `data`: every field in its sheet, ready to edit in Excel or WPS."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    _basic_sheet(wb.create_sheet(S.BASIC_SHEET), data)
    ws = wb.create_sheet(S.MONEY_SHEET)
    _table(ws, S.MONEY_COLUMNS, _money_rows(data))
    _validation(ws, "A2:A1000", tuple(name for name, _, _ in S.MONEY_SLOTS))
    _numbers(ws, S.MONEY_COLUMNS)
    ws = wb.create_sheet(S.INDICATOR_SHEET)
    _table(ws, S.INDICATOR_COLUMNS, [i.model_dump() for i in data.indicators])
    _validation(ws, "A2:A1000", S.LEVEL1_CHOICES, strict=False)
    _choices(ws, S.INDICATOR_COLUMNS, "nature", S.NATURE_CHOICES, strict=False)
    _choices(ws, S.INDICATOR_COLUMNS, "core", (S.YES, S.NO), strict=True)
    _numbers(ws, S.INDICATOR_COLUMNS)
    ws = wb.create_sheet(S.GROUP_SHEET)
    _table(ws, S.GROUP_COLUMNS, [g.model_dump() for g in data.indicator_groups])
    _validation(ws, "A2:A1000", S.LEVEL1_CHOICES, strict=False)
    _numbers(ws, S.GROUP_COLUMNS)
    _activity_sheet(wb.create_sheet(S.ACTIVITY_SHEET), data)
    _text_sheet(wb.create_sheet(S.TEXT_SHEET), data)
    ws = wb.create_sheet(S.STAFF_SHEET)
    kinds = dict((field, name) for name, field in S.STAFF_KINDS)
    parts = [
        {**part.model_dump(), "kind": kinds[field], "count": Decimal(part.count)}
        for field in kinds
        for part in getattr(data.staff, field)
    ]
    _table(ws, S.STAFF_COLUMNS, parts)
    _validation(ws, "A2:A1000", tuple(kinds.values()))
    ws = wb.create_sheet(S.STATEMENT_SHEET)
    _table(ws, S.STATEMENT_COLUMNS, [s.model_dump() for s in data.statements])
    ws = wb.create_sheet(S.FACT_SHEET)
    _table(ws, S.FACT_COLUMNS, [f.model_dump() for f in data.facts])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
