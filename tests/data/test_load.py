"""Loading a data file: exact numbers, all-or-nothing, and errors that name file, line and field."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from drafter.data import load
from drafter.data.load import load_data, parse_data
from drafter.data.model import ReportData, Scoring
from drafter.errors import InputError
from drafter.io.files import read_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_NAMES = ["hengyang-2023", "laoting-2023", "yuelu-2021", "ziyang-2021"]

UNIT = "unit:\n  name: 衡阳市妇女联合会\n  level: 市\n  year: 2023\n"  # lines 1-4


def write(tmp_path: Path, text: str, name: str = "data.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_data(path)
    return info.value


def walk(value: Any) -> list[Any]:
    """Every leaf value of a model, recursively."""
    if isinstance(value, BaseModel):
        return [leaf for name in type(value).model_fields for leaf in walk(getattr(value, name))]
    if isinstance(value, list | tuple):
        return [leaf for item in value for leaf in walk(item)]
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in walk(item)]
    return [value]


# ------------------------------------------------------------------ the examples


def test_the_four_examples_exist() -> None:
    found = sorted(p.parent.name for p in EXAMPLES.glob("*/data.yaml"))
    assert found == EXAMPLE_NAMES


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_example_loads(name: str) -> None:
    data = load_data(EXAMPLES / name / "data.yaml")
    assert isinstance(data, ReportData)
    assert data.unit.year == int(name.rsplit("-", 1)[1])
    assert data.budget.unit == "万元"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_numbers_are_decimal_never_float(name: str) -> None:
    data = load_data(EXAMPLES / name / "data.yaml")
    leaves = walk(data)
    assert not [v for v in leaves if isinstance(v, float)]
    assert sum(isinstance(v, Decimal) for v in leaves) >= 5


def test_numbers_keep_their_written_precision() -> None:
    heng = load_data(EXAMPLES / "hengyang-2023" / "data.yaml")
    assert str(heng.budget.basic.actual) == "534.51"
    assert str(heng.budget.personnel.share) == "83.6"
    assert str(heng.budget.projects[1].actual) == "10"  # written without decimals
    lao = load_data(EXAMPLES / "laoting-2023" / "data.yaml")
    assert str(lao.budget.projects_total.received) == "20.00"  # trailing zeros kept
    assert str(lao.budget.projects_total.budget) == "25.00"
    assert str(lao.budget.projects[0].initial_budget) == "25"
    assert str(lao.budget.total.rate) == "94.09"
    yue = load_data(EXAMPLES / "yuelu-2021" / "data.yaml")
    assert str(yue.budget.total.budget) == "198.8"  # the typo as written, not 198.80 or 198.79999…
    assert yue.budget.total.budget == Decimal("198.8")


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ('"83.6%"', "83.6"),
        ('"83.6％"', "83.6"),
        ('"1,234.5"', "1234.5"),
        ("1,234.5", "1234.5"),  # plain YAML string
        ("534.51", "534.51"),
        ("20.00", "20.00"),
        ("1_000.5", "1000.5"),
        ("12", "12"),
        ('" 7.50 "', "7.50"),
    ],
)
def test_number_spellings_are_accepted(tmp_path: Path, written: str, expected: str) -> None:
    data = load_data(write(tmp_path, UNIT + f"budget:\n  personnel:\n    actual: {written}\n"))
    value = data.budget.personnel.actual
    assert isinstance(value, Decimal)
    assert str(value) == expected


@pytest.mark.parametrize(
    ("written", "phrase"),
    [("abc", "expected a number"), ('"NaN"', "finite"), ("yes", "expected a number"), ("true", "yes/no")],
)
def test_non_numbers_are_refused(tmp_path: Path, written: str, phrase: str) -> None:
    err = load_error(write(tmp_path, UNIT + f"budget:\n  personnel:\n    actual: {written}\n"))
    assert "budget.personnel.actual" in err.message
    assert phrase in err.message


@pytest.mark.parametrize("written", [".inf", "-.inf", ".nan"])
def test_infinite_yaml_floats_are_refused_with_their_line(tmp_path: Path, written: str) -> None:
    path = write(tmp_path, UNIT + f"budget:\n  personnel:\n    actual: {written}\n")
    err = load_error(path)
    assert f"{path}:7:" in err.message
    assert "finite" in err.message


def test_float_passed_programmatically_is_refused() -> None:
    raw = {"unit": {"name": "x", "level": "市", "year": 2023}, "budget": {"basic": {"actual": 534.51}}}
    with pytest.raises(ValidationError) as info:
        ReportData.model_validate(raw)
    text = str(info.value)
    assert "budget.basic.actual" in text
    assert "float" in text


def test_float_refused_in_every_number_field() -> None:
    with pytest.raises(ValidationError):
        Scoring.model_validate({"excellent": 90.0})
    with pytest.raises(ValidationError):
        ReportData.model_validate(
            {"unit": {"name": "x", "level": "市", "year": 2023}, "self_evaluation": {"score": 98.5}}
        )


def test_decimal_int_and_string_are_accepted_programmatically() -> None:
    for value, expected in ((Decimal("534.51"), "534.51"), (12, "12"), ("20.00", "20.00")):
        raw = {"unit": {"name": "x", "level": "市", "year": 2023}, "budget": {"basic": {"actual": value}}}
        actual = ReportData.model_validate(raw).budget.basic.actual
        assert isinstance(actual, Decimal)
        assert str(actual) == expected


# ------------------------------------------------------------------ YAML errors


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("unit:\n  name: x\n   level: 市\n  year: 2023\n", 3),  # bad indentation
        (UNIT + "budget:\n  personnel: [1, 2\n  public: 3\n", 7),  # unclosed flow sequence
        (UNIT + "\tbudget: 1\n", 5),  # tab
        (UNIT + "---\nunit:\n  name: y\n", 5),  # a second document
    ],
)
def test_yaml_syntax_errors_name_file_and_line(tmp_path: Path, text: str, line: int) -> None:
    path = write(tmp_path, text)
    err = load_error(path)
    assert err.message.startswith(f"{path}:{line}: not valid YAML")


# ------------------------------------------------------------------ validation errors


@pytest.mark.parametrize(
    ("text", "line", "field", "phrase"),
    [
        # wrong type
        (
            UNIT + "budget:\n  personnel:\n    actual: abc\n",
            7,
            "budget.personnel.actual",
            "expected a number, got 'abc'",
        ),
        # misspelt field
        (UNIT + "budget:\n  personnel:\n    actaul: 1.5\n", 7, "budget.personnel.actaul", "unknown field"),
        (UNIT + "extra_field: 1\n", 5, "extra_field", "unknown field"),
        # missing required field: the line of its parent
        ("unit:\n  name: x\n  level: 市\n", 1, "unit.year", "required field is missing"),
        # bad enum
        ("unit:\n  name: x\n  level: 村\n  year: 2023\n", 3, "unit.level", "村"),
        (UNIT + "budget:\n  unit: 千元\n", 6, "budget.unit", "千元"),
        # inside a list
        (
            UNIT + "budget:\n  projects:\n    - label: a\n      actual: 1\n    - label: b\n      actual: x\n",
            10,
            "budget.projects[1].actual",
            "expected a number",
        ),
        (
            UNIT + "budget:\n  projects:\n    - {label: a, actual: 1}\n    - {label: b, actual: x}\n",
            8,
            "budget.projects[1].actual",
            "expected a number",
        ),
        # a count below zero
        (UNIT + "staff:\n  actual: -1\n", 6, "staff.actual", "-1"),
        # a mapping where a number belongs
        (UNIT + "budget:\n  personnel:\n    actual:\n      - 1\n", 7, "budget.personnel.actual", "Decimal"),
    ],
)
def test_validation_errors_name_file_line_and_field(
    tmp_path: Path, text: str, line: int, field: str, phrase: str
) -> None:
    path = write(tmp_path, text)
    err = load_error(path)
    problem = next((row.strip() for row in err.message.splitlines() if f": {field}: " in row), None)
    assert problem is not None, err.message
    assert problem.startswith(f"{path}:{line}: {field}: ")
    assert phrase in problem
    assert err.hint and "fix the fields" in err.hint


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, UNIT + "budget:\n  personnel: {actual: x}\nstaff:\n  actual: -1\n")
    err = load_error(path)
    assert err.message.splitlines()[0] == f"{path}: 2 problems in the data"
    assert f"{path}:6: budget.personnel.actual" in err.message
    assert f"{path}:8: staff.actual" in err.message


def test_departments_count_must_agree_with_the_names(tmp_path: Path) -> None:
    path = write(tmp_path, UNIT + "staff:\n  departments: [办公室, 宣传部]\n  departments_count: 3\n")
    err = load_error(path)
    assert "departments_count is 3 but 2 departments are named" in err.message
    assert f"{path}:5: staff" in err.message
    # agreeing, or only one of the two: fine
    ok = load_data(
        write(tmp_path, UNIT + "staff:\n  departments: [办公室, 宣传部]\n  departments_count: 2\n")
    )
    assert ok.staff.departments_count == 2
    assert load_data(write(tmp_path, UNIT + "staff:\n  departments_count: 3\n")).staff.departments_count == 3


def test_fact_ids_must_be_unique(tmp_path: Path) -> None:
    text = UNIT + "facts:\n  - {id: a, label: x, value: 1}\n  - {id: a, label: y, value: 2}\n"
    err = load_error(write(tmp_path, text))
    assert "id 'a' is used twice" in err.message


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, "- a\n- b\n"))
    assert "expected a mapping at the top" in err.message
    assert "list" in err.message


def test_nothing_is_half_loaded(tmp_path: Path) -> None:
    """A file with one bad field far down raises; no object with the good fields comes back."""
    lines = (EXAMPLES / "hengyang-2023" / "data.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, row in enumerate(lines) if row.startswith("  grade: ")) + 2
    lines.insert(line - 1, "  scroe: 98")
    path = write(tmp_path, "\n".join(lines) + "\n")
    err = load_error(path)
    assert f"{path}:{line}: self_evaluation.scroe: unknown field" in err.message
    # the model is frozen: nobody can fix up or half-fill a loaded object afterwards
    data = load_data(EXAMPLES / "hengyang-2023" / "data.yaml")
    with pytest.raises(ValidationError):
        data.unit.year = 2024  # type: ignore[misc]


def test_only_input_errors_escape(tmp_path: Path) -> None:
    """Users see InputError (message + hint), never a raw pydantic or YAML exception."""
    for text in (
        "unit: [\n",
        UNIT + "budget: {basic: {actual: x}}\n",
        "unit:\n  name: ''\n  level: 市\n  year: 1\n",
    ):
        with pytest.raises(InputError):
            load_data(write(tmp_path, text))


# ------------------------------------------------------------------ JSON


def test_json_loads_with_exact_decimals(tmp_path: Path) -> None:
    text = (
        '{"unit": {"name": "x", "level": "市", "year": 2023},\n'
        ' "budget": {"basic": {"actual": 534.51, "budget": 20.00, "rate": 100}}}\n'
    )
    data = load_data(write(tmp_path, text, "data.json"))
    assert str(data.budget.basic.actual) == "534.51"
    assert str(data.budget.basic.budget) == "20.00"
    assert isinstance(data.budget.basic.rate, Decimal)
    assert not [v for v in walk(data) if isinstance(v, float)]


def test_json_syntax_errors_name_the_line(tmp_path: Path) -> None:
    text = (
        '{\n"unit": {"name": "x", "level": "市", "year": 2023},\n\n\n "budget": {"basic": {"actual": 1,]}}}'
    )
    path = write(tmp_path, text, "data.json")
    err = load_error(path)
    assert err.message.startswith(f"{path}:5: not valid JSON")


def test_json_validation_errors_name_the_field(tmp_path: Path) -> None:
    text = '{"unit": {"name": "x", "level": "市", "year": 2023}, "budget": {"basic": {"actaul": 1}}}'
    path = write(tmp_path, text, "data.json")
    err = load_error(path)
    assert "budget.basic.actaul: unknown field" in err.message
    assert str(path) in err.message


def test_json_and_yaml_of_the_same_data_agree(tmp_path: Path) -> None:
    yaml_data = parse_data(UNIT + "budget:\n  basic:\n    actual: 534.51\n", tmp_path / "x.yaml")
    json_text = (
        '{"unit": {"name": "衡阳市妇女联合会", "level": "市", "year": 2023},'
        ' "budget": {"basic": {"actual": 534.51}}}'
    )
    json_data = parse_data(json_text, tmp_path / "x.json")
    assert yaml_data == json_data


# ------------------------------------------------------------------ files


@pytest.mark.parametrize("name", ["data.txt", "data.toml", "data", "data.yaml.bak"])
def test_unsupported_suffix(tmp_path: Path, name: str) -> None:
    err = load_error(write(tmp_path, UNIT, name))
    assert "unsupported data format" in err.message
    assert err.hint and ".yaml" in err.hint


@pytest.mark.parametrize("name", ["data.yml", "data.YAML", "data.Yml"])
def test_yaml_suffixes_in_any_case(tmp_path: Path, name: str) -> None:
    assert load_data(write(tmp_path, UNIT, name)).unit.year == 2023


def test_missing_file_and_folder(tmp_path: Path) -> None:
    err = load_error(tmp_path / "nope.yaml")
    assert str(tmp_path / "nope.yaml") in err.message
    assert "no such data file" in err.message
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert "is a folder" in load_error(folder).message


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", b"# only a comment\n", b"\xef\xbb\xbf"])
def test_empty_data_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "data.yaml"
    path.write_bytes(content)
    err = load_error(path)
    assert err.message == f"{path}: the data file is empty"
    assert str(path) in err.message


@pytest.mark.parametrize("content", [b"", b" \n\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n"])
def test_read_text_refuses_empty_text(tmp_path: Path, content: bytes) -> None:
    """A byte-order mark alone (Notepad's 'UTF-8 with BOM' of an empty file) is an empty file too."""
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match="the report is empty"):
        read_text(path, "report")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    err = load_error(path)
    assert "looks like a binary file" in err.message


def test_gbk_file_gets_the_utf8_hint(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_bytes(UNIT.encode("gbk"))
    err = load_error(path)
    assert "not UTF-8" in err.message
    assert str(path) in err.message
    assert err.hint is not None
    assert "UTF-8" in err.hint and "GBK" in err.hint


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + UNIT.encode("utf-8"))
    assert load_data(path).unit.name == "衡阳市妇女联合会"


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = UNIT + "# " + "x" * 200 + "\n"
    size = len(text.encode("utf-8"))
    path = write(tmp_path, text)
    monkeypatch.setattr(load, "MAX_BYTES", size)
    assert load_data(path).unit.year == 2023  # at the limit: fine
    monkeypatch.setattr(load, "MAX_BYTES", size - 1)
    err = load_error(path)
    assert "too large" in err.message
    assert f"{size:,} bytes" in err.message
    assert err.hint


def test_size_limit_default_is_a_few_megabytes() -> None:
    assert 1_000_000 <= load.MAX_BYTES <= 50_000_000


def test_a_fund_stated_none_may_be_named_in_chinese() -> None:
    """The workbook's 明确为“无”的预算 row is filled by clerks who never see a YAML key."""
    from drafter.data.model import Budget

    budget = Budget.model_validate({"none": ["政府性基金", "社会保险基金预算支出"], "state_capital": "none"})
    assert budget.none == ["gov_fund", "social_insurance", "state_capital"]
