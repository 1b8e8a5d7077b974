"""Every field of the data model has a cell in the workbook, and nothing is lost on the way through it.

The promise of drafter.data.xlsx_schema is enforced here, not claimed: the model's fields are walked
recursively and compared with the schema's paths (a new model field with no place fails), and a data
file that sets every field (built from the model, so it grows with it) goes YAML → xlsx → data
unchanged, as does every data file of the evaluation cases.
"""

from __future__ import annotations

import functools
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pydantic import BaseModel

from drafter.data import xlsx_schema as S
from drafter.data.load import load_data, parse_data
from drafter.data.model import ReportData
from drafter.data.xlsx_write import write_workbook
from drafter.errors import InputError
from drafter.export.templates import yaml_text

ROOT = Path(__file__).resolve().parents[2]
EVAL_DATA = sorted(p for p in (ROOT / "eval").glob("*/*/data.yaml"))


@functools.cache
def _eval_data(path: Path) -> ReportData:
    return load_data(path)


def _inner(annotation: Any) -> tuple[str, Any]:
    """("model", cls), ("list", cls) for a list of models, or ("leaf", annotation)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _inner(args[0])
    if origin in (typing.Union, types.UnionType):
        kinds = [_inner(a) for a in args if a is not type(None)]
        return next((k for k in kinds if k[0] != "leaf"), kinds[0])
    if origin is list and isinstance(args[0], type) and issubclass(args[0], BaseModel):
        return "list", args[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    return "leaf", annotation


def model_paths(model: type[BaseModel] = ReportData, prefix: str = "") -> set[str]:
    """Every leaf field of the model, as `budget.projects[].label` (lists of models marked [])."""
    out: set[str] = set()
    for name, info in model.model_fields.items():
        kind, inner = _inner(info.annotation)
        if kind == "model":
            out |= model_paths(inner, f"{prefix}{name}.")
        elif kind == "list":
            out |= model_paths(inner, f"{prefix}{name}[].")
        else:
            out.add(prefix + name)
    return out


def test_every_field_of_the_model_has_a_place_in_the_workbook() -> None:
    fields, places = model_paths(), S.paths()
    assert not fields - places, f"fields with no cell in the workbook: {sorted(fields - places)}"
    assert not places - fields, f"workbook cells for no field of the model: {sorted(places - fields)}"


def test_the_walk_finds_nested_and_listed_fields() -> None:
    """The comparison above is only as good as the walk: it reaches fields three levels down."""
    paths = model_paths()
    for path in (
        "budget.three_public.vehicle_operation.yoy_amount",
        "budget.projects[].description",
        "budget.assets.notes",
        "indicators[].core",
        "indicator_groups[].score",
        "staff.actual_parts[].count",
        "scoring.pass_",
    ):
        assert path in paths
    assert "budget.three_public" not in paths and "budget.sources.label" not in paths


class _Values:
    """A distinct value for each leaf, of the leaf's type and different from its default."""

    def __init__(self) -> None:
        self.n = 0
        self.yes = False

    def leaf(self, annotation: Any, default: Any, path: str) -> Any:
        self.n += 1
        n = self.n
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is typing.Annotated:
            return self.leaf(args[0], default, path)
        if origin in (typing.Union, types.UnionType):
            return self.leaf(next(a for a in args if a is not type(None)), default, path)
        if origin is typing.Literal:
            return next(a for a in reversed(args) if a != default)
        if origin is list:
            return [self.leaf(args[0], None, path), self.leaf(args[0], None, path)]
        if annotation is bool:  # both answers, in turn
            self.yes = not self.yes
            return self.yes
        if annotation is int:
            return 2000 + n % 100  # a count, a year (1990–2100) alike
        if annotation is Decimal:  # trailing zeros, negatives and whole numbers all kept as typed
            return ("-" if n % 5 == 0 else "") + (f"{n}.{n % 10}0" if n % 3 else str(n))
        if annotation is str:
            return f"fact_{n}" if path == "facts[].id" else f"{path.replace('[]', '')}内容{n}"
        raise AssertionError(f"{path}: no sample value for {annotation!r}; teach _Values this type")

    def model(self, model: type[BaseModel], prefix: str = "") -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, info in model.model_fields.items():
            kind, inner = _inner(info.annotation)
            if kind == "model":
                out[name] = self.model(inner, f"{prefix}{name}.")
            elif kind == "list":
                out[name] = [self.model(inner, f"{prefix}{name}[]."), self.model(inner, f"{prefix}{name}[].")]
            else:
                out[name] = self.leaf(info.annotation, info.default, prefix + name)
        return out


def every_field_data() -> list[ReportData]:
    """Data that sets every field of the model: two files, as `budget.none` (a fund stated 无) cannot
    be given together with that fund's lines."""
    raw = _Values().model(ReportData)
    raw["staff"]["departments_count"] = len(raw["staff"]["departments"])  # the model checks they agree
    for rank in raw["staff"]["subordinate_by_rank"]:  # so do units by rank and the units named
        rank["count"] = len(raw["staff"]["subordinate_units"]) // len(raw["staff"]["subordinate_by_rank"])
    raw["budget"]["none"] = []
    for project in raw["budget"]["projects"]:  # a project's group is one of the groups listed
        project["group"] = raw["budget"]["project_groups"][-1]["label"]
    first = ReportData.model_validate(raw)
    raw["budget"]["none"], raw["budget"]["state_capital"] = ["state_capital"], []
    return [first, ReportData.model_validate(raw)]


def _set_paths(obj: Any, prefix: str = "") -> set[str]:
    """The leaf paths the data gives a value other than the field's default."""
    out: set[str] = set()
    for name, info in type(obj).model_fields.items():
        value = getattr(obj, name)
        if isinstance(value, BaseModel):
            out |= _set_paths(value, f"{prefix}{name}.")
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for item in value:
                out |= _set_paths(item, f"{prefix}{name}[].")
        elif value not in (None, [], "") and value != info.default:
            out.add(prefix + name)
    return out


def test_yaml_to_xlsx_to_data_loses_no_field(tmp_path: Path) -> None:
    datas = every_field_data()
    assert set().union(*(_set_paths(d) for d in datas)) == model_paths()  # it does use every field
    assert {d.indicators[0].core for d in datas} | {d.indicators[1].core for d in datas} == {True, False}
    for i, data in enumerate(datas):
        from_yaml = parse_data(yaml_text(data), Path("every-field.yaml"))
        assert from_yaml == data
        path = tmp_path / f"every-field-{i}.xlsx"
        path.write_bytes(write_workbook(from_yaml))
        back = load_data(path)
        assert back == data
        assert back.model_dump_json() == data.model_dump_json()  # 12.30 stays 12.30, -5 stays -5


@pytest.mark.parametrize("path", EVAL_DATA, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_every_evaluation_data_file_round_trips_through_the_workbook(tmp_path: Path, path: Path) -> None:
    data = _eval_data(path)
    workbook = tmp_path / "data.xlsx"
    workbook.write_bytes(write_workbook(data))
    back = load_data(workbook)
    assert back.model_dump_json() == data.model_dump_json()


def test_the_evaluation_files_use_the_newer_fields() -> None:
    """The parametrized round trip above is a test of the new cells only if the files use them."""
    assert len(EVAL_DATA) >= 40
    used: set[str] = set()
    for path in EVAL_DATA:
        used |= _set_paths(_eval_data(path))
    for path in (
        "budget.three_public.unit",
        "budget.three_public.total.actual",
        "budget.procurement.sme_share",
        "budget.income_parts[].actual",
        "budget.assets.vehicles",
        "indicators[].nature",
        "indicators[].coefficient",
        "indicator_groups[].weight",
    ):
        assert path in used, path


def _workbook(tmp_path: Path) -> Path:
    path = tmp_path / "data.xlsx"
    path.write_bytes(write_workbook(every_field_data()[0]))
    return path


def _column(ws: Any, header: str) -> int:
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == header)


def _edited(tmp_path: Path, sheet: str, header: str, value: Any) -> Path:
    path = _workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    ws.cell(2, _column(ws, header)).value = value
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("sheet", "header", "value", "message"),
    [
        ("绩效指标", "得分系数", "约0.9", "绩效指标!{col}2: expected a number, got '约0.9'"),
        ("绩效指标", "是否核心指标", "可能", "绩效指标!{col}2: expected 是 or 否, got '可能'"),
        ("预算与执行", "同比增减额", "减少3万", "预算与执行!{col}2: expected a number, got '减少3万'"),
        ("指标小计", "得分", "满分", "指标小计!{col}2: expected a number, got '满分'"),
    ],
)
def test_a_bad_cell_in_a_new_column_is_named(
    tmp_path: Path, sheet: str, header: str, value: str, message: str
) -> None:
    path = _edited(tmp_path, sheet, header, value)
    col = openpyxl.utils.get_column_letter(_column(openpyxl.load_workbook(path)[sheet], header))
    with pytest.raises(InputError) as exc:
        load_data(path)
    assert message.format(col=col) in exc.value.message


def _basic_row(ws: Any, label: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == label)


def test_a_bad_value_in_a_new_basic_row_is_named(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["基本情况"]
    row = _basic_row(ws, "三公经费金额单位")
    ws.cell(row, 2).value = "千元"
    wb.save(path)
    with pytest.raises(InputError) as exc:
        load_data(path)
    assert f"基本情况!B{row}: budget.three_public.unit" in exc.value.message


def test_a_clerk_s_own_spelling_of_a_row_and_yes_no_words_are_read(tmp_path: Path) -> None:
    """因公出国(境)费 with half-width brackets, “三公”经费合计 with quotes, 是否核心指标 as √ / ×."""
    path = _workbook(tmp_path)
    wb = openpyxl.load_workbook(path)
    money = wb["预算与执行"]
    for slot, typed in (("因公出国（境）费", "因公出国(境)费"), ("三公经费合计", "“三公”经费合计")):
        money.cell(_basic_row(money, slot), 1).value = typed
    indicators = wb["绩效指标"]
    core = _column(indicators, "是否核心指标")
    indicators.cell(2, core).value, indicators.cell(3, core).value = "√", "×"
    wb.save(path)
    data = load_data(path)
    assert data.budget.three_public == every_field_data()[0].budget.three_public
    assert [i.core for i in data.indicators] == [True, False]


def test_the_new_cells_have_drop_downs_and_chinese_headers(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(_workbook(tmp_path))
    indicators = wb["绩效指标"]
    headers = [c.value for c in indicators[1]]
    assert {"得分系数", "计量单位", "指标性质", "调整指标值", "是否核心指标"} <= set(headers)
    lists = {
        str(dv.sqref): dv.formula1 for dv in indicators.data_validations.dataValidation if dv.type == "list"
    }
    letter = openpyxl.utils.get_column_letter(headers.index("是否核心指标") + 1)
    assert lists[f"{letter}2:{letter}1000"] == '"是,否"'
    money = wb["预算与执行"]
    slots = next(dv for dv in money.data_validations.dataValidation if dv.type == "list").formula1
    assert "公务接待费" in slots and "收入构成" in slots and len(slots) <= 255  # Excel's limit for a list
    assert [c.value for c in wb["指标小计"][1]] == ["一级指标", "二级指标", "分值", "得分"]
