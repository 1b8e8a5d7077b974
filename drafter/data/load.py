"""Read a ReportData from YAML or JSON, all or nothing.

Numbers are read from their source text into Decimal (YAML's float and JSON's float would round
534.51 to a binary fraction before we ever saw it). Errors name the file, the field path, the YAML
line, and what was expected; a file either loads completely or raises. The file itself is read by
drafter.io.files (size, encoding), a field's problem told by drafter.data.validation.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from drafter.data.model import ReportData
from drafter.data.validation import describe, error_loc, format_loc
from drafter.data.xlsx import load_workbook_data
from drafter.errors import InputError
from drafter.io.files import MAX_BYTES, read_bytes, read_text
from drafter.io.limits import (
    BoundedLoader,
    DuplicateKey,
    LimitError,
    LimitKind,
    Path_,
    find_control,
    json_line_index,
    yaml_line_index,
)

# read_bytes and read_text live in drafter.io.files; kept here for callers of the old path
__all__ = ["MAX_BYTES", "load_data", "load_yaml", "parse_data", "read_bytes", "read_text"]

_YAML_HINT = (
    "check the indentation and the colon after each field name on that line (YAML uses spaces, not tabs)"
)


def _located(path: Path, exc: LimitError) -> InputError:
    where = f"{path}:{exc.line}" if exc.line else str(path)
    field = f" {format_loc(exc.path)}:" if exc.path else ""
    hint = (
        "write figures as plain decimals, e.g. 534.51"
        if exc.kind == LimitKind.NUMBER_SIZE
        else "data files hold a report's figures and notes: check this is the right file"
    )
    return InputError(f"{where}:{field} {exc.message}", hint)


def load_yaml(path: Path, text: str, what: str = "data file") -> tuple[Any, dict[Path_, int]]:
    """Parse YAML within the limits (drafter.io.limits): the value and its field → line index."""
    try:
        loader = BoundedLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise InputError(f"{path}: the {what} is empty", "see the data format in README.md")
            lines = yaml_line_index(node, loader.composed)  # before building: refuses alias bombs
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except LimitError as exc:
        raise _located(path, exc) from None
    except DuplicateKey as dup:
        where = format_loc((*dup.path, dup.key))
        raise InputError(
            f"{path}:{dup.again}: {where} is given twice (first on line {dup.first})",
            "keep one of them: YAML would silently use the last",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}" if mark else ""
        raise InputError(f"{path}{where}: not valid YAML: {exc.problem or exc}", _YAML_HINT) from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {exc}", _YAML_HINT) from None
    return data, lines


def _parse_yaml(path: Path, text: str) -> tuple[Any, dict[Path_, int]]:
    return load_yaml(path, text)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _parse_json(path: Path, text: str) -> tuple[Any, dict[Path_, int]]:
    try:
        lines = json_line_index(text)  # first: depth and digits are bounded before json recurses
    except LimitError as exc:
        raise _located(path, exc) from None
    except DuplicateKey as dup:
        where = format_loc((*dup.path, dup.key))
        raise InputError(
            f"{path}:{dup.again}: {where} is given twice (first on line {dup.first})",
            "keep one of them: JSON would silently use the last",
        ) from None
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant), lines
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}:{exc.lineno}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            "check brackets, commas and quotes on that line",
        ) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"{path}: not valid JSON: {exc}", "check the file") from None


def _line_for(loc: tuple[str | int, ...], lines: dict[Path_, int]) -> int | None:
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            return lines[loc[:cut]]
    return None


def validation_message(path: Path, exc: ValidationError, lines: dict[Path_, int]) -> str:
    problems = []
    for error in exc.errors():
        loc = error_loc(error)
        line = _line_for(loc, lines)
        where = f"{path}:{line}" if line else str(path)
        problems.append(f"{where}: {format_loc(loc)}: {describe(error)}")
    count = len(problems)
    head = f"{path}: {count} problem{'s' if count > 1 else ''} in the data"
    return head + "\n" + "\n".join(f"  {p}" for p in problems)


def parse_data(text: str, path: Path, fmt: str | None = None) -> ReportData:
    """Parse data text; `fmt` is 'yaml' or 'json' (default: from the suffix, YAML otherwise)."""
    fmt = fmt or ("json" if path.suffix.lower() == ".json" else "yaml")
    lines: dict[Path_, int] = {}
    if fmt == "json":
        raw, lines = _parse_json(path, text)
    else:
        raw, lines = _parse_yaml(path, text)
    control = find_control(raw)
    if control is not None:
        loc, what = control
        line = _line_for(loc, lines)
        where = f"{path}:{line}" if line else str(path)
        raise InputError(
            f"{where}: {format_loc(loc)}: control character {what} in the text",
            "remove it (it would garble the terminal and the report); "
            "type line breaks as line breaks, not escape codes",
        )
    if not isinstance(raw, dict):
        raise InputError(
            f"{path}: expected a mapping at the top (unit:, budget:, …), got {type(raw).__name__}",
            "see the data format in README.md",
        )
    try:
        return ReportData.model_validate(raw)
    except ValidationError as exc:
        raise InputError(validation_message(path, exc, lines), "fix the fields named above") from None


def load_data(path: str | Path) -> ReportData:
    """Load and validate a data file (.yaml, .yml, .json, or the input workbook .xlsx)."""
    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:  # the clerk's workbook (drafter init --xlsx)
        return load_workbook_data(path)
    if path.suffix.lower() not in {".yaml", ".yml", ".json"}:
        raise InputError(
            f"{path}: unsupported data format {path.suffix or '(no suffix)'}", "use .yaml, .json or .xlsx"
        )
    return parse_data(read_text(path, "data file", MAX_BYTES), path)  # MAX_BYTES read here: tests lower it
