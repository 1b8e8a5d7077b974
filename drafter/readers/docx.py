"""A .docx as the checker's text: body paragraphs as lines, tables by their real cells.

A horizontally merged cell is one cell; a vertically merged one repeats its text on every row it spans
(as a clerk's forward-fill would), so each row still names its own 一级/二级指标. Tables are written
in one of two layouts:
- "rows" (the default): one line per row, cells joined by " | ", read by the checker as a grid with its
  header's columns. The row is Word's own: nothing is left for the checker to guess back. (Measured on
  the exported 自评表 of every data file of the project: one cell per line, the checker re-fits cells to
  columns and, where an indicator row leaves 分值 and 得分 empty, puts its 年度指标值 ≥95% under the
  money rows' 执行率 column; 44 mismatches and 12 unsupported on cells that state the data, none in
  rows, where 54 more cells are proved.)
- "cells": one cell per line, a blank line after each row, an empty cell as "－" (like
  examples/yuelu-2021/report.txt), where a number's column is the count of cells after its row's label.
Each line remembers "段落 N" or "表 T 行 R 列 C" for the results.

A 目录 is not read: the result of a TOC field and paragraphs in the TOC styles repeat the headings
with page numbers, which no data states (drafter's own export holds such a field, which Word fills
in on opening; a clerk then checks the file Word saved).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from drafter.errors import InputError
from drafter.io.files import ensure_file
from drafter.readers.report_text import ReportText

SEPARATOR = " | "
TABLE_LAYOUT = "rows"
EMPTY = "－"  # an empty cell, one cell per line: keeps the count of cells that places a number in its column


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs joined by a space: one cell is one line of the text."""
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


def row_cells(row: Any) -> list[tuple[int, str]]:
    """(first grid column, text) of each distinct cell of a row, merged cells once."""
    out: list[tuple[int, str]] = []
    previous = None
    for col, cell in enumerate(row.cells):
        if previous is not None and cell._tc is previous:
            continue
        previous = cell._tc
        out.append((col, _cell_text(cell)))
    return out


def row_line(cells: list[tuple[int, str]], where: str) -> tuple[str, list[tuple[int, str]]]:
    """One row as "a | b | c", with each cell's offset in the line and its reference."""
    parts: list[tuple[int, str]] = []
    at = 0
    for col, text in cells:
        parts.append((at, f"{where} 列 {col + 1}"))
        at += len(text) + len(SEPARATOR)
    return SEPARATOR.join(text for _, text in cells), parts


def _table_lines(table: Any, number: int, layout: str) -> list[tuple[str, Any]]:
    lines = []
    for r, row in enumerate(table.rows, start=1):
        cells = row_cells(row)
        if not any(text for _, text in cells):
            continue
        if layout == "cells":
            lines += [(text or EMPTY, f"表 {number} 行 {r} 列 {col + 1}") for col, text in cells]
            lines.append(("", f"表 {number} 行 {r}"))
            continue
        lines.append(row_line(cells, f"表 {number} 行 {r}"))
    return lines


class _Fields:
    """The fields open at each point of the body, to tell a 目录 (TOC field result) from the text."""

    def __init__(self) -> None:
        self.open: list[str] = []  # the instruction of each open field, outermost first

    def in_toc(self) -> bool:
        return any(instr.lstrip().upper().startswith("TOC") for instr in self.open)

    def text(self, paragraph: Any) -> str:
        """The paragraph's text outside any TOC field; none of a TOC-styled one (a 目录 entry)."""
        from docx.oxml.ns import qn
        from docx.text.run import Run

        toc_style = paragraph.style is not None and paragraph.style.name.lower().startswith("toc")
        if not self.open and not paragraph._p.xpath(".//w:fldChar"):
            return "" if toc_style else str(paragraph.text)
        kept: list[str] = []
        for r in paragraph._p.xpath("./w:r | ./w:hyperlink/w:r"):
            for el in r.xpath("./w:fldChar | ./w:instrText"):
                kind = el.get(qn("w:fldCharType"))
                if kind == "begin":
                    self.open.append("")
                elif kind == "end" and self.open:
                    self.open.pop()
                elif el.tag == qn("w:instrText") and self.open:
                    self.open[-1] += el.text or ""
            if not self.in_toc():
                kept.append(Run(r, paragraph).text)
        return "" if toc_style else "".join(kept)


def read_docx(path: Path, layout: str | None = None) -> ReportText:
    """The body of a Word document in reading order: paragraphs and tables as they stand."""
    ensure_file(path, "report")
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:  # pragma: no cover - a dependency of the package
        raise InputError("reading .docx needs python-docx", "pip install python-docx") from None
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(
            f"{path}: not a Word .docx file ({exc.__class__.__name__})",
            "open it in Word or WPS and save it again as .docx (an old .doc renamed to .docx is not one)",
        ) from None
    lines: list[tuple[str, Any]] = []
    paragraphs = tables = 0
    fields = _Fields()
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            paragraphs += 1
            for piece in fields.text(block).replace("\r", "\n").split("\n"):
                if piece.strip():
                    lines.append((piece.strip(), f"段落 {paragraphs}"))
        elif isinstance(block, Table):
            tables += 1
            lines += _table_lines(block, tables, layout or TABLE_LAYOUT)
    if not lines:
        raise InputError(f"{path}: the document has no text", "check you passed the right file")
    return ReportText.from_lines(lines)
