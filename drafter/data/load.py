"""Read a ReportData from YAML or JSON, all or nothing.

Numbers are read from their source text into Decimal (YAML's float and JSON's float would round
534.51 to a binary fraction before we ever saw it). Errors name the file, the field path, the YAML
line, and what was expected; a file either loads completely or raises.
"""

from __future__ import annotations

import json
import os
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from drafter.data.model import ReportData
from drafter.errors import InputError
from drafter.io.limits import (
    BoundedLoader,
    DuplicateKey,
    LimitError,
    Path_,
    find_control,
    json_line_index,
    yaml_line_index,
)

MAX_BYTES = 5_000_000
_YAML_HINT = (
    "check the indentation and the colon after each field name on that line (YAML uses spaces, not tabs)"
)


def _located(path: Path, exc: LimitError) -> InputError:
    where = f"{path}:{exc.line}" if exc.line else str(path)
    field = f" {_format_loc(exc.path)}:" if exc.path else ""
    hint = (
        "write figures as plain decimals, e.g. 534.51"
        if "digits" in exc.message
        else "data files hold a report's figures and notes: check this is the right file"
    )
    return InputError(f"{where}:{field} {exc.message}", hint)


def read_bytes(path: Path, what: str = "file") -> bytes:
    """The bytes of a regular file of at most MAX_BYTES, read with that cap (never a device or pipe)."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # /dev/zero never ends, a FIFO blocks: neither is a file
            raise InputError(
                f"{path}: not a regular file (a device, pipe or socket), expected a {what}",
                f"save the {what} to a file and pass that file",
            )
        if info.st_size > MAX_BYTES:  # refuse before reading a huge file into memory
            raise InputError(
                f"{path}: {info.st_size:,} bytes is too large for a {what} (limit {MAX_BYTES:,})",
                "split the input or check you passed the right file",
            )
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # the cap holds even if the file grows while it is read
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
            f"{path}: more than {MAX_BYTES:,} bytes is too large for a {what} (limit {MAX_BYTES:,})",
            "split the input or check you passed the right file",
        )
    return raw


def read_text(path: Path, what: str = "file") -> str:
    """Read a UTF-8 text file with clear errors for missing, empty, binary, huge or non-UTF-8 input."""
    raw = read_bytes(path, what)
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
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"{path}:{line}: not UTF-8 text (line {line}, byte {column} of the line cannot be decoded)",
            "save the file as UTF-8 (files saved as GBK on Windows need converting)",
        ) from None
    if not text.strip():
        raise InputError(f"{path}: the {what} is empty", f"check you passed the right {what}")
    return text


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
        where = _format_loc((*dup.path, dup.key))
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
        where = _format_loc((*dup.path, dup.key))
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


def _line_for(loc: tuple[str | int, ...], lines: dict[Path_, int]) -> int | None:
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            return lines[loc[:cut]]
    return None


def validation_message(path: Path, exc: ValidationError, lines: dict[Path_, int]) -> str:
    problems = []
    for error in exc.errors():
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        line = _line_for(loc, lines)
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
        raw, lines = _parse_json(path, text)
    else:
        raw, lines = _parse_yaml(path, text)
    control = find_control(raw)
    if control is not None:
        loc, what = control
        line = _line_for(loc, lines)
        where = f"{path}:{line}" if line else str(path)
        raise InputError(
            f"{where}: {_format_loc(loc)}: control character {what} in the text",
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
        from drafter.data.xlsx import load_workbook_data

        return load_workbook_data(path)
    if path.suffix.lower() not in {".yaml", ".yml", ".json"}:
        raise InputError(
            f"{path}: unsupported data format {path.suffix or '(no suffix)'}", "use .yaml, .json or .xlsx"
        )
    return parse_data(read_text(path, "data file"), path)
