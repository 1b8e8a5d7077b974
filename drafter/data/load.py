"""Read a ReportData from YAML or JSON, all or nothing.

Numbers are read from their source text into Decimal (YAML's float and JSON's float would round
534.51 to a binary fraction before we ever saw it). Errors name the file, the field path, the YAML
line, and what was expected; a file either loads completely or raises.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from drafter.data.model import ReportData
from drafter.errors import InputError

MAX_BYTES = 5_000_000
_YAML_HINT = (
    "check the indentation and the colon after each field name on that line (YAML uses spaces, not tabs)"
)


class _DecimalLoader(yaml.SafeLoader):
    """SafeLoader that builds floats as Decimal from the characters written in the file."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise yaml.constructor.ConstructorError(
            None, None, f"not a finite number: {text!r}", node.start_mark
        ) from None
    if not value.is_finite():
        raise yaml.constructor.ConstructorError(None, None, f"not a finite number: {text!r}", node.start_mark)
    return value


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)

Path_ = tuple[str | int, ...]


class _DuplicateKey(Exception):
    def __init__(self, key: str, first: int, again: int, path: Path_) -> None:
        super().__init__(key)
        self.key, self.first, self.again, self.path = key, first, again, path


def _line_index(node: yaml.Node, path: Path_ = (), out: dict[Path_, int] | None = None) -> dict[Path_, int]:
    """Map each field path to the 1-based line where its value starts."""
    out = {} if out is None else out
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:  # YAML would keep the last silently: a doubled field is a mistake to report
                raise _DuplicateKey(key, seen[key], key_node.start_mark.line + 1, path)
            seen[key] = key_node.start_mark.line + 1
            out[(*path, key)] = key_node.start_mark.line + 1
            _line_index(value_node, (*path, key), out)
            out[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_index(item, (*path, i), out)
    return out


def read_text(path: Path, what: str = "file") -> str:
    """Read a UTF-8 text file with clear errors for missing, empty, binary, huge or non-UTF-8 input."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:  # refuse before reading a huge file into memory
            raise InputError(
                f"{path}: {size:,} bytes is too large for a {what} (limit {MAX_BYTES:,})",
                "split the input or check you passed the right file",
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            f"{path}: no such {what}", "check the path (relative paths start from the current folder)"
        ) from None
    except IsADirectoryError:
        raise InputError(
            f"{path}: is a folder, expected a {what}", f"pass the {what} itself, not its folder"
        ) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})", "check the file's permissions") from None
    if len(raw) > MAX_BYTES:
        raise InputError(
            f"{path}: {len(raw):,} bytes is too large for a {what} (limit {MAX_BYTES:,})",
            "split the input or check you passed the right file",
        )
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError(
            f'{path}: UTF-16 text (Windows "Unicode"), expected UTF-8',
            "save the file as UTF-8 (in Notepad: 另存为 → 编码 UTF-8)",
        )
    if b"\x00" in raw[:8192]:
        raise InputError(
            f"{path}: looks like a binary file, expected UTF-8 text",
            f"pass the {what} as plain text (.txt, .md, .yaml); export Word or PDF files to text first",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text (byte {exc.start} cannot be decoded)",
            "save the file as UTF-8 (files saved as GBK on Windows need converting)",
        ) from None
    if not text.strip():
        raise InputError(f"{path}: the {what} is empty", f"check you passed the right {what}")
    return text


def _parse_yaml(path: Path, text: str) -> tuple[Any, dict[Path_, int]]:
    try:
        loader = _DecimalLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                raise InputError(f"{path}: the data file is empty", "see the data format in README.md")
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}" if mark else ""
        raise InputError(f"{path}{where}: not valid YAML: {exc.problem or exc}", _YAML_HINT) from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {exc}", _YAML_HINT) from None
    try:
        return data, _line_index(node)
    except _DuplicateKey as dup:
        where = _format_loc((*dup.path, dup.key))
        raise InputError(
            f"{path}:{dup.again}: {where} is given twice (first on line {dup.first})",
            "keep one of them: YAML would silently use the last",
        ) from None


def _parse_json(path: Path, text: str) -> Any:
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}:{exc.lineno}: not valid JSON: {exc.msg}",
            "check brackets, commas and quotes on that line",
        ) from None


def _format_loc(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _describe(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    given = error.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see the data format in README.md)"
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    if given is not None and not isinstance(given, dict | list) and "got" not in message:
        shown = str(given) if isinstance(given, Decimal | int) else repr(given)
        message += f", got {shown}"
    return message


def validation_message(path: Path, exc: ValidationError, lines: dict[Path_, int]) -> str:
    problems = []
    for error in exc.errors():
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        line = None
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in lines:
                line = lines[loc[:cut]]
                break
        where = f"{path}:{line}" if line else str(path)
        problems.append(f"{where}: {_format_loc(loc)}: {_describe(error)}")
    count = len(problems)
    head = f"{path}: {count} problem{'s' if count > 1 else ''} in the data"
    return head + "\n" + "\n".join(f"  {p}" for p in problems)


def parse_data(text: str, path: Path, fmt: str | None = None) -> ReportData:
    """Parse data text; `fmt` is 'yaml' or 'json' (default: from the suffix, YAML otherwise)."""
    fmt = fmt or ("json" if path.suffix.lower() == ".json" else "yaml")
    lines: dict[Path_, int] = {}
    if fmt == "json":
        raw = _parse_json(path, text)
    else:
        raw, lines = _parse_yaml(path, text)
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
        from drafter.data.xlsx import load_workbook_data

        return load_workbook_data(path)
    if path.suffix.lower() not in {".yaml", ".yml", ".json"}:
        raise InputError(
            f"{path}: unsupported data format {path.suffix or '(no suffix)'}", "use .yaml, .json or .xlsx"
        )
    return parse_data(read_text(path, "data file"), path)
