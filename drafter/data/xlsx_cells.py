"""The cells of the input workbook read as the data's values: figures as they show, 是/否, lists.

What a saved workbook does to figures, and what is done about it:
- merged cells hold their value in the top-left cell only: it is copied into every cell of the range;
- numbers typed as text ("534.51", full-width "５３４.５１", "1,234.5") are read as numbers;
- a percentage cell stores 0.9409 and shows 94.09%: its number format says so, and it is read as 94.09;
- floats carry binary artefacts (0.0900000762939453 shown as 0.09): a figure is read as the cell shows
  it, the decimals of its number format (or Excel's 15 significant digits), never Decimal(float);
- a formula saved without its value (written by a tool, never opened in Excel) is an error naming the
  cell, not a silent blank; empty rows are skipped.
Split from drafter.data.xlsx (which turns the sheets into a ReportData) so that the sheet layout
(drafter.data.xlsx_read) and the loader both use the cells without importing each other.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from drafter.data import xlsx_schema as S
from drafter.errors import InputError
from drafter.io.files import ensure_file

_DECIMALS = re.compile(r"0\.(0+)")
_ERROR_VALUES = {"#VALUE!", "#DIV/0!", "#REF!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}


class Sheet:
    """One worksheet's values with merged ranges filled in, and where each came from."""

    def __init__(self, name: str, values: Any, formulas: Any) -> None:
        self.name = name
        self.ws = values
        self.formulas = formulas
        self.filled: dict[tuple[int, int], Any] = {}
        for merged in values.merged_cells.ranges:
            top = values.cell(merged.min_row, merged.min_col)
            for row in range(merged.min_row, merged.max_row + 1):
                for col in range(merged.min_col, merged.max_col + 1):
                    self.filled[(row, col)] = top

    def cell(self, row: int, col: int) -> Any:
        return self.filled.get((row, col)) or self.ws.cell(row, col)

    def ref(self, row: int, col: int) -> str:
        from openpyxl.utils import get_column_letter

        return f"{self.name}!{get_column_letter(col)}{row}"

    def rows(self, first: int = 2) -> Iterator[int]:
        """Row numbers from `first` that hold anything (empty rows skipped)."""
        for row in range(first, self.ws.max_row + 1):
            if any(self.raw(row, col) not in (None, "") for col in range(1, self.ws.max_column + 1)):
                yield row

    def raw(self, row: int, col: int) -> Any:
        cell = self.cell(row, col)
        value = cell.value
        if isinstance(value, str) and value.strip() in _ERROR_VALUES:
            source = self.formulas.cell(cell.row, cell.column).value if self.formulas is not None else None
            formula = f" of {source}" if isinstance(source, str) and source.startswith("=") else ""
            raise InputError(
                f"{self.ref(row, col)}: the cell shows an error ({value.strip()}){formula}",
                "a formula's result could not be computed: check the cells it uses hold numbers, "
                "or type the figure itself",
            )
        if value is None and self.formulas is not None:
            source = self.formulas.cell(cell.row, cell.column).value
            if isinstance(source, str) and source.startswith("="):
                raise InputError(
                    f"{self.ref(row, col)}: a formula with no saved value ({source})",
                    "open the workbook in Excel or WPS and save it, so the formula's result is stored; "
                    "or type the figure itself",
                )
        return value


def shown(value: float | int, number_format: str) -> Decimal:
    """A number as its cell shows it: the format's decimals, else 15 significant digits (Excel's)."""
    fmt = (number_format or "General").split(";")[0]
    exact = Decimal(value) if isinstance(value, int) else Decimal(repr(value))  # never Decimal(float)
    if "%" in fmt:
        exact = exact.scaleb(2)
    found = _DECIMALS.search(fmt)
    if found:
        return exact.quantize(Decimal(1).scaleb(-len(found.group(1))), ROUND_HALF_UP)
    if re.search(r"[0#]", fmt):  # "0", "#,##0", "0%": whole numbers
        return exact.quantize(Decimal(1), ROUND_HALF_UP)
    if isinstance(value, int):
        return exact
    return Decimal(format(Decimal(format(float(exact), ".15g")), "f"))


def _number_text(text: str, percent: bool) -> Decimal | None:
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    if percent:
        cleaned = cleaned.removesuffix("%")
    if cleaned in ("", "-", "－", "—", "/"):
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


def figure(sheet: Sheet, row: int, col: int, percent: bool = False) -> Decimal | None:
    """The figure in a cell as it shows, or None for an empty cell; an error names the cell."""
    value = sheet.raw(row, col)
    cell = sheet.cell(row, col)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError(f"{sheet.ref(row, col)}: expected a number, got {value}", "type the figure")
    if isinstance(value, int | float):
        return shown(value, cell.number_format)
    if isinstance(value, str):
        try:
            return _number_text(value, percent)
        except ValueError:
            hint = "type the figure alone (534.51); words such as 约 or 余 belong in the text columns"
            raise InputError(f"{sheet.ref(row, col)}: expected a number, got {value!r}", hint) from None
    raise InputError(
        f"{sheet.ref(row, col)}: expected a number, got {type(value).__name__} {value}",
        "format the cell as a number (not a date) and type the figure",
    )


def count(sheet: Sheet, row: int, col: int) -> int | None:
    number = figure(sheet, row, col)
    if number is None:
        return None
    if number != number.to_integral():
        raise InputError(f"{sheet.ref(row, col)}: expected a whole number, got {number}", "type a count")
    return int(number)


def text(sheet: Sheet, row: int, col: int) -> str | None:
    value = sheet.raw(row, col)
    if value is None:
        return None
    if isinstance(value, float):
        return format(shown(value, sheet.cell(row, col).number_format), "f")
    out = str(value).strip()
    return out or None


def text_list(sheet: Sheet, row: int, col: int) -> list[str]:
    value = text(sheet, row, col)
    if not value:
        return []
    return [part.strip() for part in re.split(f"[{S.LIST_SEPARATOR};]", value) if part.strip()]


def yes_no(sheet: Sheet, row: int, col: int) -> bool | None:
    """是/否 (or √/×, Y/N, an Excel TRUE/FALSE) as a yes/no; anything else is an error naming the cell."""
    value = sheet.raw(row, col)
    if isinstance(value, bool):
        return value
    word = text(sheet, row, col)
    if word is None:
        return None
    answer = S.YESNO_WORDS.get(unicodedata.normalize("NFKC", word).strip().upper())
    if answer is None:
        raise InputError(
            f"{sheet.ref(row, col)}: expected 是 or 否, got {word!r}", "choose 是 or 否 (or leave it blank)"
        )
    return answer


def read_value(sheet: Sheet, row: int, col: int, kind: str) -> Any:
    if kind == "yesno":
        return yes_no(sheet, row, col)
    if kind == "number":
        return figure(sheet, row, col)
    if kind == "percent":
        return figure(sheet, row, col, percent=True)
    if kind == "count":
        return count(sheet, row, col)
    if kind == "list":
        return text_list(sheet, row, col)
    return text(sheet, row, col)


def open_workbook(path: Path) -> dict[str, Sheet]:
    """The workbook's sheets by name, values as saved (and formulas, to name an unsaved one)."""
    from openpyxl import load_workbook

    ensure_file(path, "workbook", limit=20_000_000)
    try:
        values = load_workbook(path, data_only=True)
        formulas = load_workbook(path, data_only=False) if _has_formulas(path) else None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(
            f"{path}: not an Excel .xlsx workbook ({exc.__class__.__name__})",
            "save it from Excel or WPS as .xlsx (an old .xls must be saved as .xlsx first)",
        ) from None
    return {
        ws.title: Sheet(ws.title, ws, formulas[ws.title] if formulas is not None else None)
        for ws in values.worksheets
    }


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(path: Path) -> bool:
    """Whether any worksheet holds a formula (an <f> element): only then is the workbook read a second
    time for them, to name a formula saved without its value. Most workbooks hold none, and reading
    one is most of the time a load takes."""
    with zipfile.ZipFile(path) as archive:
        return any(
            _FORMULA.search(archive.read(name))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )
