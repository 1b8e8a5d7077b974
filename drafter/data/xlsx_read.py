"""The input workbook's sheets into the dict ReportData validates, remembering each field's cell."""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path
from typing import Any

from drafter.data import xlsx_schema as S
from drafter.data.xlsx_cells import Sheet, read_value, text
from drafter.errors import InputError

Cells = dict[tuple[Any, ...], str]


def nearest(name: str, known: list[str] | tuple[str, ...]) -> str:
    """The known name a misspelt one most likely meant (人员组成 → 人员构成), as a hint; all of them when
    none is close, so the message always says what would be accepted."""
    close = get_close_matches(name, list(known), n=1, cutoff=0.3)
    return f"did you mean {close[0]}?" if close else f"expected one of {'、'.join(known)}"


def _headers(sheet: Sheet, columns: tuple[S.Column, ...]) -> dict[str, int]:
    """Column numbers by field, found by header text (a clerk may move or add columns)."""
    found: dict[str, int] = {}
    by_header = {S.key(c.header): c.field for c in columns}
    for col in range(1, sheet.ws.max_column + 1):
        head = text(sheet, 1, col)
        if head is None:
            continue
        field = by_header.get(S.key(head))
        if field is None:  # a misspelt column must not be skipped with its figures
            headers = [c.header for c in columns]
            raise InputError(
                f"{sheet.ref(1, col)}: unknown column {head!r} ({nearest(head, headers)})",
                f"the columns of {sheet.name} are: {'、'.join(headers)}",
            )
        if field in found:
            raise InputError(f"{sheet.ref(1, col)}: column {head!r} is given twice", "keep one of them")
        found[field] = col
    missing = [c.header for c in columns if c.field not in found]
    if len(missing) == len(columns):
        raise InputError(
            f"{sheet.name}: no header row (expected {', '.join(c.header for c in columns)} in row 1)",
            "keep the template's first row; write `drafter init --xlsx` for a fresh template",
        )
    return found


def _set(raw: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node = raw
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


def _basic(sheet: Sheet, raw: dict[str, Any], cells: Cells) -> None:
    by_label = {S.key(label): (tuple(path.split(".")), kind) for label, path, kind, _ in S.BASIC}
    seen: dict[tuple[str, ...], str] = {}
    for row in sheet.rows():
        label = text(sheet, row, 1)
        if label is None:
            continue
        if S.key(label) not in by_label:
            labels = [label for label, _, _, _ in S.BASIC]
            raise InputError(
                f"{sheet.ref(row, 1)}: unknown item {label!r} ({nearest(label, labels)})",
                f"the items of {sheet.name} are: {'、'.join(labels)}",
            )
        path, kind = by_label[S.key(label)]
        if path in seen:
            raise InputError(
                f"{sheet.ref(row, 1)}: {label} is given twice (first in {seen[path]})", "keep one of them"
            )
        seen[path] = sheet.ref(row, 1)
        value = read_value(sheet, row, 2, kind)
        if value is None or value == []:
            continue
        _set(raw, path, value)
        cells[path] = sheet.ref(row, 2)


def _records(
    sheet: Sheet, columns: tuple[S.Column, ...], fill: tuple[str, ...] = ()
) -> list[tuple[int, dict]]:
    """Each non-empty row as {field: value}.

    Columns in `fill` (outermost first) take the value above when left blank, as a clerk leaves
    一级指标 blank under the first row of its group; an inner one only when the outer ones are blank
    too, so a row that names its own 一级指标 and no 二级指标 keeps the blank.
    """
    cols = _headers(sheet, columns)
    out: list[tuple[int, dict[str, Any]]] = []
    last: dict[str, Any] = {}
    for row in sheet.rows():
        record: dict[str, Any] = {}
        for c in columns:
            if c.field in cols:
                value = read_value(sheet, row, cols[c.field], c.kind)
                if value is not None:
                    record[c.field] = value
        given = set(record)
        for i, f in enumerate(fill):
            if f not in given and f in last and all(g not in given for g in fill[:i]):
                record[f] = last[f]
        last = {f: record[f] for f in fill if f in record}
        record["_cols"] = cols
        out.append((row, record))
    return out


def _money(sheet: Sheet, raw: dict[str, Any], cells: Cells) -> None:
    slots = {S.key(name): (tuple(field.split(".")), many) for name, field, many in S.MONEY_SLOTS}
    headers = {c.field: c.header for c in S.MONEY_COLUMNS}
    seen: dict[tuple[str, ...], str] = {}
    for row, record in _records(sheet, S.MONEY_COLUMNS):
        cols = record.pop("_cols")
        slot = record.pop("slot", None)
        if slot is None or S.key(str(slot)) not in slots:
            names = [name for name, _, _ in S.MONEY_SLOTS]
            raise InputError(
                f"{sheet.ref(row, cols.get('slot', 1))}: unknown 栏目 {slot!r} ({nearest(str(slot), names)})",
                f"choose one of {'、'.join(name for name, _, _ in S.MONEY_SLOTS)}",
            )
        field, many = slots[S.key(str(slot))]
        if not many and field in seen:
            raise InputError(
                f"{sheet.ref(row, cols['slot'])}: {slot} is given twice (first in {seen[field]})",
                f"keep one {slot} row; lists (资金来源, 项目 …) take many rows",
            )
        seen[field] = sheet.ref(row, cols["slot"])
        for name, only in S.MONEY_ONLY.items():
            if name in record and ".".join(field) not in only:
                takers = "、".join(n for n, f, _ in S.MONEY_SLOTS if f in only)
                raise InputError(
                    f"{sheet.ref(row, cols[name])}: {headers[name]} is for {takers} rows only", "use 备注"
                )
        node = raw.setdefault("budget", {})
        for part in field[:-1]:
            node = node.setdefault(part, {})
        if many:
            items = node.setdefault(field[-1], [])
            path: tuple[Any, ...] = ("budget", *field, len(items))
            items.append(record)
        else:
            path = ("budget", *field)
            node[field[-1]] = record
        for name in record:
            cells[(*path, name)] = sheet.ref(row, cols[name])
        cells[path] = sheet.ref(row, cols["slot"])


def _list_rows(sheet: Sheet, raw: dict[str, Any], cells: Cells) -> None:
    by_label = {S.key(label): (tuple(path.split(".")), kind) for label, path, kind in S.TEXTS}
    current = None
    for row in sheet.rows():
        label = text(sheet, row, 1) or current
        if label is None or S.key(label) not in by_label:
            labels = [label for label, _, _ in S.TEXTS]
            raise InputError(
                f"{sheet.ref(row, 1)}: unknown 栏目 {label!r} ({nearest(str(label), labels)})",
                f"the 栏目 are: {'、'.join(labels)}",
            )
        current = label
        path, kind = by_label[S.key(label)]
        value = read_value(sheet, row, 2, kind)
        if value is None:
            continue
        node = raw
        for key in path[:-1]:
            node = node.setdefault(key, {})
        items = node.setdefault(path[-1], [])
        cells[(*path, len(items))] = sheet.ref(row, 2)
        items.append(value)


def _staff_parts(sheet: Sheet, raw: dict[str, Any], cells: Cells) -> None:
    kinds = dict(S.STAFF_KINDS)
    for row, record in _records(sheet, S.STAFF_COLUMNS, fill=("kind",)):
        cols = record.pop("_cols")
        kind = record.pop("kind", None)
        if kind not in kinds:
            raise InputError(
                f"{sheet.ref(row, cols.get('kind', 1))}: unknown 类别 {kind!r} "
                f"({nearest(str(kind), list(kinds))})",
                f"the 类别 are: {'、'.join(kinds)}",
            )
        items = raw.setdefault("staff", {}).setdefault(kinds[kind], [])
        for name in record:
            cells[("staff", kinds[kind], len(items), name)] = sheet.ref(row, cols[name])
        items.append(record)


def _rows_into(
    sheet: Sheet, raw: dict[str, Any], cells: Cells, key: str, columns: tuple[S.Column, ...]
) -> None:
    fill = ("level1", "level2") if key == "indicators" else ()
    for row, record in _records(sheet, columns, fill=fill):
        cols = record.pop("_cols")
        items = raw.setdefault(key, [])
        for name in record:
            cells[(key, len(items), name)] = sheet.ref(row, cols[name])
        items.append(record)


def _activities(sheet: Sheet, raw: dict[str, Any], cells: Cells) -> None:
    themes: list[dict[str, Any]] = []
    for row, record in _records(sheet, S.ACTIVITY_COLUMNS, fill=("title",)):
        cols = record.pop("_cols")
        title, bullet = record.get("title"), record.get("bullet")
        if bullet is None:
            if title is not None and (not themes or themes[-1]["title"] != title):
                themes.append({"title": title, "bullets": []})  # a theme row with no bullet yet
                cells[("activities", len(themes) - 1)] = sheet.ref(row, cols["title"])
            continue
        if not themes or themes[-1]["title"] != title:
            themes.append({"title": title, "bullets": []})
            cells[("activities", len(themes) - 1)] = sheet.ref(row, cols.get("title", 1))
        cells[("activities", len(themes) - 1, "bullets", len(themes[-1]["bullets"]))] = sheet.ref(
            row, cols["bullet"]
        )
        themes[-1]["bullets"].append(bullet)
    if themes:
        raw["activities"] = themes


def _sheet_names(path: Path, sheets: dict[str, Sheet]) -> None:
    """Every sheet with anything in it is one of the template's, and 基本情况 is there.

    A renamed sheet (人员构成 → 人员组成) would otherwise be skipped with all its figures while the draft
    exits 0; a misspelt YAML field is an error, so a misspelt sheet is one too. A sheet a clerk added
    with nothing in it (WPS's Sheet1) holds no figures to lose and is let be; so is a template sheet
    deleted outright (or absent from a workbook made before it was added, as 指标小计): nothing typed is
    lost, and the part is simply empty, as a YAML file may leave a key out.
    """
    for name, sheet in sheets.items():
        if name not in S.SHEETS and any(True for _ in sheet.rows(first=1)):
            raise InputError(
                f"{path}: unknown sheet {name!r} ({nearest(name, S.SHEETS)})",
                f"the sheets are: {'、'.join(S.SHEETS)}; rename it, or move its rows into one of them",
            )
    if S.BASIC_SHEET not in sheets:
        raise InputError(
            f"{path}: no sheet {S.BASIC_SHEET} (sheets: {', '.join(sheets) or 'none'})",
            "fill in the template from `drafter init --xlsx` (the sheet names matter)",
        )


def build(path: Path, sheets: dict[str, Sheet]) -> tuple[dict[str, Any], Cells]:
    """The raw dict of a workbook's sheets; an empty sheet is a part with no data."""
    _sheet_names(path, sheets)
    raw: dict[str, Any] = {}
    cells: Cells = {}
    _basic(sheets[S.BASIC_SHEET], raw, cells)
    readers = (
        (S.MONEY_SHEET, _money),
        (S.TEXT_SHEET, _list_rows),
        (S.STAFF_SHEET, _staff_parts),
        (S.ACTIVITY_SHEET, _activities),
    )
    for name, read in readers:
        if name in sheets:
            read(sheets[name], raw, cells)
    for name, key, columns in (
        (S.INDICATOR_SHEET, "indicators", S.INDICATOR_COLUMNS),
        (S.GROUP_SHEET, "indicator_groups", S.GROUP_COLUMNS),
        (S.STATEMENT_SHEET, "statements", S.STATEMENT_COLUMNS),
        (S.FACT_SHEET, "facts", S.FACT_COLUMNS),
    ):
        if name in sheets:
            _rows_into(sheets[name], raw, cells, key, columns)
    return raw, cells
