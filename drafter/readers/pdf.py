"""A PDF's text layer as the checker's text, with pdfplumber (chosen by measurement: see README).

A PDF has no paragraphs, only placed lines, and the checker ends a sentence at a line break; so lines
are joined back into paragraphs by their geometry: a line that runs to the right edge of the text
continues on the next line unless that one is indented (a new paragraph starts two characters in).
Ruled tables are read by their cells (pdfplumber's table finder), in the layout the .docx reader uses,
so a table read from the PDF binds like one read from the Word file. Page numbers ("— 3 —") and
the entries of a printed 目录 (heading, leaders, page number) are dropped, as the .docx reader drops
the TOC field. A PDF with no text layer (a scan) is refused with a clear error, not read as empty.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import drafter.readers.docx as docx_reader
from drafter.errors import InputError
from drafter.io.files import ensure_file
from drafter.readers.docx import EMPTY, row_line
from drafter.readers.report_text import ReportText

_PAGE_NUMBER = re.compile(r"^[—－\-–\s]*\d{1,4}[—－\-–\s]*$")
# a space the layout put between Chinese and Latin text (Word's and LibreOffice's autospace), not the
# writer: "2023 年" was typed 2023年
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’"
_LAYOUT_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t]+|[ \t]+(?=[{_CJK}])")


_TOC_HEADING = re.compile(r"^目\s*录$")
# a 目录 entry: a heading, leaders (dots, an ellipsis, middle dots, spaces) and its page number
_TOC_ENTRY = re.compile(r"^.*\D[.．…·・‧⋯\s_－—-]+\d{1,4}$")


def _is_toc_entry(text: str) -> bool:
    return bool(_TOC_ENTRY.match(text.strip()))


def drop_toc(lines: list[Any], in_toc: bool = False) -> tuple[list[Any], bool]:
    """A page's lines without the entries of a printed 目录, and whether the 目录 runs on to the next page.

    Word fills a 目录 in (drafter's own export holds a TOC field), and the PDF prints it: headings with
    page numbers, which no data states (the .docx reader leaves the TOC field's result out the same way).
    Entries are the lines after a 目录 heading (目 录, 目　　录) that end in leaders and a page number,
    and a line an entry wrapped from (the next line being an entry); the first other line ends it.
    The heading itself stays, as in the Word file.
    """
    kept: list[Any] = []
    for i, line in enumerate(lines):
        text = line["text"].strip()
        if _TOC_HEADING.match(re.sub(r"\s", "", text)):
            kept.append(line)
            in_toc = True
            continue
        if in_toc:
            wrapped = i + 1 < len(lines) and _is_toc_entry(lines[i + 1]["text"])
            if _is_toc_entry(text) or (wrapped and not re.search(r"[。；：]$", text)):
                continue
            in_toc = False
        kept.append(line)
    return kept, in_toc


def unspace(text: str) -> str:
    """Drop the spaces a PDF's layout shows next to Chinese characters."""
    return _LAYOUT_SPACE.sub("", text)


def _open(path: Path) -> Any:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        return pdfplumber.open(str(path))
    except (PDFSyntaxError, ValueError, KeyError) as exc:
        raise InputError(
            f"{path}: not a readable PDF ({exc.__class__.__name__})", "export the report to PDF again"
        ) from None
    except Exception as exc:  # pdfminer raises its own kinds for encrypted or broken files
        if "password" in str(exc).lower() or exc.__class__.__name__.startswith("PDFPassword"):
            raise InputError(f"{path}: the PDF is password-protected", "save a copy without one") from None
        raise InputError(f"{path}: not a readable PDF ({exc})", "export the report to PDF again") from None


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _wrapped_width(line: dict[str, Any], size: float) -> float:
    """How much room the line before may leave free and still go on in `line`: a Chinese character
    and a half, or, for a line starting with a Latin word or figure that wrapped whole, its width."""
    word = []
    for ch in line.get("chars", []):
        if not ch["text"].isascii() or ch["text"].isspace():
            break
        word.append(ch)
    if not word:
        return 1.5 * size
    return max(4 * size, word[-1]["x1"] - word[0]["x0"] + 1.5 * size)


def _glue(joined: str, text: str) -> str:
    """A space where Latin text wrapped (LibreOffice and Word break it at a space, or after - and /);
    none between Chinese lines, or where Chinese meets Latin (the layout's autospace, not typed)."""
    end, start = joined[-1:], text[:1]
    latin = end.isascii() and not end.isspace() and end not in "-/" and start.isascii() and start.isalnum()
    return " " if latin else ""


def _join(blocks: list[tuple[int, str, Any]]) -> list[tuple[str, Any]]:
    """Lines back into paragraphs, across page breaks too; tables' lines kept as they are.

    `blocks` are (page, "line", pdfplumber line) or (page, "table", its lines), in reading order.
    """
    text_lines = [ln for _, kind, ln in blocks if kind == "line"]
    if not text_lines:
        return [line for _, kind, lines in blocks if kind == "table" for line in lines]
    left = min(ln["x0"] for ln in text_lines)
    # the right edge of the text: the median end of unindented lines (most run full width; the widest
    # would be a line whose closing punctuation hangs past the margin)
    ends = sorted(ln["x1"] for ln in text_lines if ln["x0"] <= left + 2) or [ln["x1"] for ln in text_lines]
    right = ends[len(ends) // 2]
    out: list[tuple[str, Any]] = []
    previous: tuple[int, Any] | None = None  # the page and line a paragraph could continue from
    numbers: dict[int, int] = {}
    for page, kind, item in blocks:
        if kind == "table":
            out += item
            previous = None
            continue
        numbers[page] = numbers.get(page, 0) + 1
        size = item["bottom"] - item["top"] or 10
        text = unspace(item["text"].strip())
        continues = (
            previous is not None
            # the line before ran to the right edge; a figure (32.88%) or word (state_capital:) that
            # did not fit wraps whole, leaving up to its width free at the end of the line before
            and previous[1]["x1"] >= right - _wrapped_width(item, size)
            and item["x0"] <= left + 0.5 * size  # and this one is not indented
            and (previous[0] != page or item["top"] - previous[1]["bottom"] < 1.5 * size)
        )
        if continues and out:
            joined, ref = out[-1]
            out[-1] = (joined + _glue(joined, text) + text, ref)
        else:
            out.append((text, f"第 {page} 页 第 {numbers[page]} 行"))
        previous = (page, item)
    return out


def _not_a_box(obj: dict[str, Any]) -> bool:
    """False for a filled box wider and taller than a rule: a highlight or a cell's shading, not a
    border. Word's highlight of a 〔待补充〕 that wraps in its cell is one box a line, which the table
    finder otherwise takes for cell edges (splitting the 总分 row in two and adding a column); borders
    are stroked lines (LibreOffice) or rectangles a rule thin (Word), and are kept."""
    if obj.get("object_type") != "rect" or not obj.get("fill") or obj.get("stroke"):
        return True
    return min(obj["width"], obj["height"]) <= 2


def _widest(table: Any) -> int:
    return max(len(row.cells) for row in table.rows)


def _cells(table: Any) -> list[list[tuple[int, str]]]:
    """(column, text) of each cell of each row: a horizontally merged cell once, a vertically merged
    one repeated on every row it covers (as the .docx reader does)."""
    texts = table.extract()
    boxes = [row.cells for row in table.rows]
    out: list[list[tuple[int, str]]] = []
    for r, row in enumerate(texts):
        cells: list[tuple[int, str]] = []
        for c, text in enumerate(row):
            if text is None:
                above = next((k for k in range(r - 1, -1, -1) if boxes[k][c] is not None), None)
                own_top = next((b[1] for b in boxes[r] if b is not None), None)
                if above is None or own_top is None or boxes[above][c][3] <= own_top + 0.5:
                    continue  # covered from the left: part of a wider cell
                text = texts[above][c] or ""
            cells.append((c, unspace(re.sub(r"\s*\n\s*", "", text).strip())))
        out.append(cells)
    return out


_NUMBER_CELL = re.compile(r"^[\d.,%－\-]+$")


class _Table:
    """A table's rows as (page, row number, cells); one table may run over several pages."""

    def __init__(self, number: int, columns: int) -> None:
        self.number, self.columns = number, columns
        self.rows: list[tuple[int, int, list[tuple[int, str]]]] = []

    def add(self, page: int, rows: list[list[tuple[int, str]]]) -> None:
        for cells in rows:
            self.rows.append((page, len(self.rows) + 1, cells))

    def continue_with(self, page: int, rows: list[list[tuple[int, str]]]) -> None:
        """Rows from the top of the next page: a row split by the page break is joined to its first
        part, and label cells merged down across the break (blank below it) take the text above. A
        header row Word repeats on each page (w:tblHeader, as drafter's Markdown tables have) is the
        same row again, read once."""
        if rows and self.rows and [t for _, t in rows[0]] == [t for _, t in self.rows[0][2]]:
            rows = rows[1:]
        if not rows or not self.rows:
            self.add(page, rows)
            return
        last = dict(self.rows[-1][2])
        first = dict(rows[0])
        numbers_above = any(_NUMBER_CELL.match(t) for t in last.values() if t)
        numbers_here = any(_NUMBER_CELL.match(t) for t in first.values() if t)
        if numbers_above and not numbers_here:  # the tail of a row the page break cut
            joined = [(c, last.get(c, "") + first.get(c, "")) for c, _ in self.rows[-1][2]]
            self.rows[-1] = (self.rows[-1][0], self.rows[-1][1], joined)
            rows = rows[1:]
        if rows:
            lead = next((c for c, t in rows[0] if t), None)  # columns left of the row's own text
            for col, text in last.items():
                if lead is None or col >= lead or not text:
                    continue
                for cells in rows:
                    i = next((k for k, (c, _) in enumerate(cells) if c == col), None)
                    if i is None or cells[i][1]:
                        break
                    cells[i] = (col, text)
        self.add(page, rows)

    def lines(self) -> list[tuple[str, Any]]:
        out: list[tuple[str, Any]] = []
        for page, r, cells in self.rows:
            if not any(text for _, text in cells):
                continue
            where = f"第 {page} 页 表 {self.number} 行 {r}"
            if docx_reader.TABLE_LAYOUT == "cells":
                out += [(text or EMPTY, f"{where} 列 {c + 1}") for c, text in cells]
                out.append(("", where))
            else:
                out.append(row_line(cells, where))
        return out


def read_pdf(path: Path) -> ReportText:
    """The text layer of a PDF, paragraph by paragraph, tables by their cells."""
    ensure_file(path, "report")
    blocks: list[tuple[int, str, Any]] = []
    chars = 0
    tables: list[_Table] = []
    in_toc = False  # a 目录 printed at the foot of the page before goes on at the top of this one
    with _open(path) as pdf:
        for page_no, page in enumerate(pdf.pages, start=1):
            chars += len(page.chars)
            # filled boxes (highlights, shading) are no cell edges; a table needs two columns, and two
            # rows unless it goes on from the foot of the page before
            ends_in_table = bool(blocks) and blocks[-1][1] == "table"
            found = sorted(
                (
                    t
                    for t in page.filter(_not_a_box).find_tables()
                    if _widest(t) >= 2 and (len(t.rows) >= 2 or ends_in_table)
                ),
                key=lambda t: t.bbox[1],
            )
            boxes = [t.bbox for t in found]
            text_page = page.filter(lambda o, b=boxes: o.get("object_type") != "char" or not _inside(o, b))
            lines = [ln for ln in text_page.extract_text_lines() if ln["text"].strip()]
            lines = [ln for ln in lines if not _PAGE_NUMBER.match(ln["text"])]
            lines, in_toc = drop_toc(lines, in_toc)
            placed: list[tuple[float, str, Any]] = [(ln["top"], "line", ln) for ln in lines]
            for k, table in enumerate(found):
                rows = _cells(table)
                above = [ln for ln in lines if ln["top"] < table.bbox[1]]
                if k == 0 and not above and ends_in_table and tables[-1].columns == _widest(table):
                    tables[-1].continue_with(page_no, rows)  # the table goes on from the page before
                    placed.append((table.bbox[1], "table", None))
                    continue
                tables.append(_Table(len(tables) + 1, _widest(table)))
                tables[-1].add(page_no, rows)
                placed.append((table.bbox[1], "table", tables[-1]))
            placed.sort(key=lambda block: block[0])
            blocks += [(page_no, kind, item) for _, kind, item in placed]
    if chars == 0:
        raise InputError(
            f"{path}: the PDF has no text layer (a scan or an image)",
            "check the Word file it came from (drafter check report.docx), or run OCR on the PDF first",
        )
    kept = [(p, kind, item) for p, kind, item in blocks if item is not None]
    lines = _join([(p, kind, item.lines() if kind == "table" else item) for p, kind, item in kept])
    if not any(text for text, _ in lines):
        raise InputError(f"{path}: the PDF has no text", "check you passed the right file")
    return ReportText.from_lines(lines)
