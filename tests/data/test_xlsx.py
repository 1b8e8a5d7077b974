"""The input workbook: every example round-trips, workbooks as Excel/WPS save them load, errors name cells."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from drafter.data.load import load_data, parse_data
from drafter.data.xlsx_cells import shown as _shown
from drafter.data.xlsx_write import write_workbook
from drafter.errors import InputError
from drafter.export.templates import EXAMPLE, write_templates, yaml_text
from tests.drafting.helpers import EXAMPLE_NAMES, example_data


def _save(tmp_path: Path, data=EXAMPLE, name: str = "data.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(write_workbook(data))
    return path


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_example_round_trips_yaml_to_xlsx_to_data_with_nothing_lost(tmp_path: Path, name: str) -> None:
    data = example_data(name)
    back = load_data(_save(tmp_path, data))
    assert back == data
    assert back.model_dump_json() == data.model_dump_json()  # Decimals keep their digits: 10.00 stays 10.00


def test_the_yaml_and_xlsx_templates_hold_the_same_example(tmp_path: Path) -> None:
    written = write_templates(tmp_path / "t.xlsx", tmp_path / "t.yaml")
    assert [p.name for p in written] == ["t.xlsx", "t.yaml"]
    assert load_data(tmp_path / "t.xlsx") == load_data(tmp_path / "t.yaml") == EXAMPLE
    text = (tmp_path / "t.yaml").read_text(encoding="utf-8")
    assert (
        "  # 编制数" in text and "# retired: 离退休人员" in text
    )  # descriptions as comments, empty fields shown
    with pytest.raises(InputError, match="exists already"):
        write_templates(tmp_path / "t.xlsx", None)
    for name in EXAMPLE_NAMES:  # the commented YAML writer is lossless too
        assert parse_data(yaml_text(example_data(name)), Path("x.yaml")) == example_data(name)


def test_the_template_has_chinese_headers_and_drop_downs(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(_save(tmp_path))
    assert wb.sheetnames[:5] == ["基本情况", "预算与执行", "绩效指标", "指标小计", "工作要点"]
    money = wb["预算与执行"]
    assert [c.value for c in money[1]][:6] == [
        "栏目",
        "名称",
        "年初预算数",
        "全年预算数",
        "到位数",
        "全年执行数",
    ]
    assert money.max_row >= 2  # one example row at least
    lists = [dv for dv in money.data_validations.dataValidation if dv.type == "list"]
    assert lists and "资金来源" in lists[0].formula1
    basic = wb["基本情况"]
    level_row = next(r for r in range(2, basic.max_row + 1) if basic.cell(r, 1).value == "单位级次")
    assert any(f"B{level_row}" in str(dv.sqref) for dv in basic.data_validations.dataValidation)


def _row(ws, slot: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == slot)


def _col(ws, header: str) -> int:
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == header)


def test_a_workbook_edited_the_way_excel_and_wps_save_it_loads(tmp_path: Path) -> None:
    path = _save(tmp_path)
    wb = openpyxl.load_workbook(path)
    money = wb["预算与执行"]
    r = _row(money, "资金总额")
    money.cell(r, 4).value = "３００．００"  # full-width digits, typed as text
    money.cell(r, 6).value = 282.27000000000004  # a float artefact, General format
    money.cell(r, 6).number_format = "General"
    money.cell(r, 8).value = 0.9409  # 94.09% as Excel stores it
    money.cell(r, 8).number_format = "0.00%"
    money.cell(r, _col(money, "分值")).value = 10.0000000762939453  # float32 residue shown as 10.00
    money.cell(r, _col(money, "分值")).number_format = "0.00"
    money.insert_rows(r + 1)  # an empty row in the middle
    p = _row(money, "项目")
    money.cell(p, 6).value = " 5,0.00 "  # a thousands separator in a text number
    ind = wb["绩效指标"]
    for col, value in enumerate([None, "数量指标", "接待来访群众", "全年80人次", "86人次", 0, 0], start=1):
        ind.cell(3, col).value = value
    ind.merge_cells("A2:A3")  # 一级指标 merged over both rows, as clerks do
    wb.save(path)
    data = load_data(path)
    total = data.budget.total
    assert total is not None
    assert (str(total.budget), str(total.actual), str(total.rate), str(total.weight)) == (
        "300.00",
        "282.27",
        "94.09",
        "10.00",
    )
    assert str(data.budget.projects[0].actual) == "50.00"
    assert [i.level1 for i in data.indicators] == ["产出指标", "产出指标"]
    assert data.indicators[1].weight == Decimal(0) and data.indicators[1].name == "接待来访群众"


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_a_workbook_saved_by_an_office_suite_loads() -> None:
    """tests/fixtures/office-saved.xlsx: the template edited (执行率 as the formula =F2/D2 formatted 0.00%,
    分值 typed as full-width text, a budget typed as text, 一级指标 merged over two rows, an empty row),
    then opened and saved by LibreOffice Calc, which stores formula results as Excel and WPS do."""
    data = load_data(FIXTURES / "office-saved.xlsx")
    total = data.budget.total
    assert total is not None
    assert (str(total.budget), str(total.actual), str(total.rate), str(total.weight)) == (
        "300.00",
        "282.27",
        "94.09",
        "10",
    )
    assert str(data.budget.sources[0].budget) == "300.00"
    assert [i.level1 for i in data.indicators] == ["产出指标", "产出指标"]
    assert data.activities == EXAMPLE.activities


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.0900000762939453, "0.00", "0.09"),
        (0.9409, "0.00%", "94.09"),
        (0.30000000000000004, "General", "0.3"),
        (534.51, "General", "534.51"),
        (25, "0.00", "25.00"),
        (1234.5, "#,##0", "1235"),
        (0.5, "0%", "50"),
    ],
)
def test_a_figure_is_read_as_its_cell_shows_it(value: float, fmt: str, shown: str) -> None:
    assert str(_shown(value, fmt)) == shown


def _broken(tmp_path: Path, edit) -> str:
    path = _save(tmp_path)
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    with pytest.raises(InputError) as exc:
        load_data(path)
    return exc.value.message


def test_errors_name_the_sheet_and_cell(tmp_path: Path) -> None:
    def words(wb):
        ws = wb["预算与执行"]
        ws.cell(_row(ws, "资金总额"), 4).value = "约5万"

    assert "预算与执行!D2: expected a number, got '约5万'" in _broken(tmp_path, words)

    def formula(wb):
        ws = wb["预算与执行"]
        ws.cell(_row(ws, "资金总额"), 8).value = "=F2/D2*100"  # openpyxl saves no cached value

    message = _broken(tmp_path, formula)
    assert "预算与执行!H2: a formula with no saved value (=F2/D2*100)" in message

    def error_value(wb):
        ws = wb["预算与执行"]
        ws.cell(_row(ws, "资金总额"), 8).value = "#DIV/0!"

    assert "预算与执行!H2: the cell shows an error (#DIV/0!)" in _broken(tmp_path, error_value)

    def level(wb):
        ws = wb["基本情况"]
        ws.cell(
            next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "单位级次"), 2
        ).value = "村"

    assert "基本情况!B4: unit.level" in _broken(tmp_path, level)

    def slot(wb):
        wb["预算与执行"].cell(2, 1).value = "总预算"

    assert "预算与执行!A2: unknown 栏目 '总预算'" in _broken(tmp_path, slot)

    def misspelt(wb):
        wb["预算与执行"].cell(1, 4).value = "全年预算"

    message = _broken(tmp_path, misspelt)
    assert "预算与执行!D1: unknown column '全年预算' (did you mean 全年预算数?)" in message

    def twice(wb):
        ws = wb["基本情况"]
        ws.cell(ws.max_row + 1, 1).value = "单位全称"

    last = openpyxl.load_workbook(_save(tmp_path))["基本情况"].max_row + 1
    assert f"基本情况!A{last}: 单位全称 is given twice (first in 基本情况!A2)" in _broken(tmp_path, twice)

    def count(wb):
        ws = wb["基本情况"]
        ws.cell(next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "编制数"), 2).value = 9.5

    assert "expected a whole number, got 9.5" in _broken(tmp_path, count)


def test_a_renamed_sheet_is_an_error_naming_the_nearest_sheet(tmp_path: Path) -> None:
    """人员构成 renamed 人员组成 used to be skipped with its figures while the draft exited 0."""

    def renamed(wb):
        wb["人员构成"].title = "人员组成"

    message = _broken(tmp_path, renamed)
    assert "unknown sheet '人员组成' (did you mean 人员构成?)" in message

    def misspelt_item(wb):
        ws = wb["基本情况"]
        row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "编制数")
        ws.cell(row, 1).value = "编制人数"

    assert "unknown item '编制人数' (did you mean 编制数?)" in _broken(tmp_path, misspelt_item)


def test_an_empty_added_sheet_and_a_deleted_sheet_lose_nothing(tmp_path: Path) -> None:
    """WPS's empty Sheet1 holds no figures, and a template sheet deleted outright holds none either:
    both load, with the deleted part empty."""
    path = _save(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Sheet1")
    del wb["其他说明"]
    wb.save(path)
    data = load_data(path)
    assert data.statements == []
    assert data.unit.name


def test_a_file_that_is_not_a_workbook_is_named(tmp_path: Path) -> None:
    path = tmp_path / "data.xlsx"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"not an Excel \.xlsx workbook"):
        load_data(path)
    wb = openpyxl.Workbook()
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(InputError, match="no sheet 基本情况"):
        load_data(tmp_path / "other.xlsx")
