"""How a problem with a field of the data is told: the field's path as written, and what is wrong.

Both readers of the data (YAML/JSON in drafter.data.load, the workbook in drafter.data.xlsx) report
pydantic's validation errors the same way; only where a field stands differs (a file line, a cell).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def format_loc(loc: tuple[str | int, ...]) -> str:
    """A field path as the data writes it: budget.sources[1].actual, or (top level)."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def describe(error: dict[str, Any]) -> str:
    """What is wrong with a field, from one of pydantic's error dicts."""
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


def error_loc(error: dict[str, Any]) -> tuple[str | int, ...]:
    """The field path of a validation error, without pydantic's validator steps (function-…)."""
    return tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
