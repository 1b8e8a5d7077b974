"""A section's text as paragraphs and Markdown pipe tables, so the Word file can hold real tables.

The table outline (prompts/writer/self_eval_table.j2) and a model may write "| 项目 | 年初预算数 | …"
tables in a section; printed one paragraph a line they are rows of bars on the page. Only a block
that is a table by Markdown's rule is taken as one: a header row, then a delimiter row (| --- | :-: |),
then its body rows, every line starting with "|". Anything else stays a paragraph line as written.

Text after a row's closing bar is no cell: the repair step puts a sentence's 〔待核实…〕 mark there
(the row is its sentence), so it is kept as the row's `note`, for the Word table's last cell.
Column widths are chosen from the cells' text (`widths`), in twips summing to the type area's width.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

_DELIMITER_CELL = re.compile(r"\s*:?-{3,}:?\s*")
_PIPE = re.compile(r"(?<!\\)\|")
EM = 210  # twips of one Chinese character of 五号 (10.5 pt) type
PADDING = 2 * 108 + 40  # Word's default cell margins (0.19 cm each side) and a little room
MAX_TEXT = 20 * EM  # a column's need grows with its text up to 20 characters, then the text wraps


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    note: str = ""  # text after the closing bar: a 〔待核实…〕 mark of the row


@dataclass
class Table:
    """A pipe table: its header row and body rows, each row as many cells as the header."""

    header: Row
    rows: list[Row] = field(default_factory=list)

    @property
    def columns(self) -> int:
        return len(self.header.cells)


Block = str | Table


def _split(line: str) -> Row | None:
    """The cells of a line that starts with a bar ("| a | b |" → a, b), else None."""
    text = line.strip()
    if not text.startswith("|"):
        return None
    parts = _PIPE.split(text[1:])
    note = parts.pop().strip() if len(parts) > 1 else ""  # after the closing bar
    return Row(tuple(p.strip().replace("\\|", "|") for p in parts), note)


def _is_delimiter(row: Row | None, columns: int) -> bool:
    return (
        row is not None
        and not row.note
        and len(row.cells) == columns
        and all(_DELIMITER_CELL.fullmatch(c) for c in row.cells)
    )


def _fit(row: Row, columns: int) -> Row:
    """A body row with as many cells as the header: short rows padded, extra cells joined to the last."""
    cells = list(row.cells[:columns]) + [""] * (columns - len(row.cells))
    if len(row.cells) > columns:
        cells[-1] = " | ".join(c for c in row.cells[columns - 1 :] if c)
    return Row(tuple(cells), row.note)


def blocks(text: str) -> list[Block]:
    """The non-blank lines of a section's text, with each Markdown table in them as one Table."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out: list[Block] = []
    i = 0
    while i < len(lines):
        header = _split(lines[i])
        following = _split(lines[i + 1]) if i + 1 < len(lines) else None
        if header is None or header.note or not _is_delimiter(following, len(header.cells)):
            out.append(lines[i])
            i += 1
            continue
        table = Table(header)
        i += 2
        while i < len(lines) and (row := _split(lines[i])) is not None:
            table.rows.append(_fit(row, table.columns))
            i += 1
        out.append(table)
    return out


def _width(text: str) -> int:
    """Twips `text` takes in 五号 type: a Chinese character (or full-width mark, or ≥ in a Chinese
    font) one em, a Latin letter or digit 0.6 em (digits of the 公文 fonts run wider than half)."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WFA")
    return wide * EM + math.ceil((len(text) - wide) * EM * 0.6)


def _longest_run(text: str) -> int:
    """Twips of the widest piece Word will not break: a run of Latin letters and digits (49.82, ≥32000)."""
    return max((_width(m) for m in re.findall(r"[^\s\u2e80-\uffef]+", text)), default=0)


def _level(need: Sequence[int], floor: Sequence[int], total: int) -> int:
    """The width every long column gets when the short ones keep all they need (max-min fair)."""
    low, high = 0, total
    while low < high:
        level = (low + high + 1) // 2
        if sum(min(n, max(f, level)) for n, f in zip(need, floor, strict=True)) <= total:
            low = level
        else:
            high = level - 1
    return low


def widths(rows: Sequence[Sequence[str]], total: int) -> list[int]:
    """Twips per column, summing to `total`. What fits is widened in proportion; what does not: each
    column that needs less than a fair share keeps its text on one line (产出指标, 49.82), the long ones
    share the rest alike, and no column is narrower than its longest figure or two characters (unless
    the figures alone are wider than the page: then they share it in proportion)."""
    columns = max(len(r) for r in rows)
    cells = [[r[c] if c < len(r) else "" for r in rows] for c in range(columns)]
    need = [min(MAX_TEXT, max(_width(t) for t in col)) + PADDING for col in cells]
    floor = [max(2 * EM, *(_longest_run(t) for t in col)) + PADDING for col in cells]
    if sum(need) <= total:  # everything fits on one line a cell: share the spare width in proportion
        out = [total * n // sum(need) for n in need]
    elif sum(floor) >= total:  # not even the figures fit (a table of many columns): in proportion to them
        out = [total * f // sum(floor) for f in floor]
    else:
        level = _level(need, floor, total)
        out = [min(n, max(f, level)) for n, f in zip(need, floor, strict=True)]
    out[-1] += total - sum(out)  # what rounding (or the fair level) leaves goes to the last column
    return out
