"""The starting point a clerk fills in: `drafter init --xlsx` and `drafter init --yaml`.

Both are written from one example (drafter.data.example.EXAMPLE: a small county unit, one row of each
kind), so the two
templates load to the same data (a test proves it). The YAML is written field by field with each
field's description from the data model as a comment, and the fields the example leaves empty as
commented lines, so a user sees every field without reading the model.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from drafter.data.example import EXAMPLE
from drafter.data.model import ReportData
from drafter.data.xlsx_write import write_workbook
from drafter.errors import InputError
from drafter.io.atomic import write_bytes_atomic

HEAD = """\
# drafter input data (YAML). Fill in your unit's figures; remove the example's.
# Money in 万元 unless budget.unit says 元; rates and shares in percent (94.09, not 0.9409).
# Write figures as they stand in your tables (534.51), without 约/余: those go in the text fields.
# The same data as a workbook: drafter init --xlsx data.xlsx. Check: drafter facts THIS_FILE
"""


def _scalar(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool | int):
        return str(value).lower() if isinstance(value, bool) else str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _comment(model: type[BaseModel], name: str) -> str:
    description = model.model_fields[name].description
    return f"  # {description}" if description else ""


def _empty(obj: BaseModel) -> bool:
    return all(getattr(obj, n) in (None, [], "") for n in type(obj).model_fields)


def _model(obj: BaseModel, indent: int, out: list[str], item_prefix: str = "") -> None:
    """One model's fields; a list item's first written field carries the item's "- "."""
    pad = " " * indent
    lead = item_prefix
    for name, info in type(obj).model_fields.items():
        key = info.alias or name
        value = getattr(obj, name)
        note = _comment(type(obj), name)
        if value is None or value == [] or value == "" or (isinstance(value, BaseModel) and _empty(value)):
            if not item_prefix and indent <= 2:  # deeper, and in list items, only what is given
                out.append(f"{pad}# {key}:{note.removeprefix('  #')}")
            continue
        prefix, lead = lead or pad, ""
        if isinstance(value, BaseModel):
            out.append(f"{prefix}{key}:{note}")
            _model(value, indent + 2, out)
        elif isinstance(value, list):
            out.append(f"{prefix}{key}:{note}")
            for item in value:
                if isinstance(item, BaseModel):
                    _model(item, indent + 4, out, item_prefix=" " * (indent + 2) + "- ")
                else:
                    out.append(f"{pad}  - {_scalar(item)}")
        else:
            out.append(f"{prefix}{key}: {_scalar(value)}{note}")


def yaml_text(data: ReportData = EXAMPLE) -> str:
    """`data` as commented YAML that drafter.data.load reads back to the same data."""
    out: list[str] = [HEAD]
    _model(data, 0, out)
    return "\n".join(out) + "\n"


def write_templates(xlsx: Path | None, yaml_path: Path | None, *, force: bool = False) -> list[Path]:
    """Write the workbook and/or YAML template; an existing file is kept unless `force`."""
    jobs = [(p, kind) for p, kind in ((xlsx, "xlsx"), (yaml_path, "yaml")) if p is not None]
    for path, _ in jobs:
        if path.exists() and not force:
            raise InputError(f"{path}: exists already", "pass --force to replace it, or choose another name")
    written = []
    for path, kind in jobs:
        content = write_workbook(EXAMPLE) if kind == "xlsx" else yaml_text().encode("utf-8")
        write_bytes_atomic(path, content)  # a reader sees the old file or the new
        written.append(path)
    return written
