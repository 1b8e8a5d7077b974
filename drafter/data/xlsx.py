"""Read a ReportData from the input workbook (.xlsx), as Excel or WPS saved it.

The cells are read by drafter.data.xlsx_cells (figures as they show, merged ranges filled in) and laid
out into the data's fields by drafter.data.xlsx_read; this module validates the result.
Every error names the sheet and cell: 预算与执行!C7: expected a number, got '约5万'.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from drafter.data.model import ReportData
from drafter.data.validation import describe, error_loc, format_loc
from drafter.data.xlsx_cells import open_workbook
from drafter.data.xlsx_read import build
from drafter.errors import InputError


def load_workbook_data(path: str | Path) -> ReportData:
    """Load and validate the input workbook; errors name the sheet and cell."""
    path = Path(path)
    sheets = open_workbook(path)
    raw, cells = build(path, sheets)
    try:
        return ReportData.model_validate(raw)
    except ValidationError as exc:
        raise InputError(_validation_message(path, exc, cells), "fix the cells named above") from None


def _validation_message(path: Path, exc: ValidationError, cells: dict[tuple[Any, ...], str]) -> str:
    problems = []
    for error in exc.errors():
        loc = error_loc(error)
        where = next((cells[loc[:cut]] for cut in range(len(loc), -1, -1) if loc[:cut] in cells), str(path))
        problems.append(f"{where}: {format_loc(loc)}: {describe(error)}")
    head = f"{path}: {len(problems)} problem{'s' if len(problems) > 1 else ''} in the workbook"
    return head + "\n" + "\n".join(f"  {p}" for p in problems)
