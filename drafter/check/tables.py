"""Tables in plain text read as tables: each number cell gets its row's label and its column's header.

Reports reach the checker pasted from Word, Excel or a web page, so one table arrives in many shapes:
cells separated by "|" (with or without a leading and trailing bar), by tabs, or by runs of spaces;
a header over two lines (年初 / 预算数); columns in any order and extra columns (计量单位, 指标性质,
得分系数); subtotal rows; multi-year columns (2021 | 2022 | 2023); traditional characters (預算, 三級).

A table region starts at a header line: a line of at least two cells, at least two of which name a
column (预算数, 执行率, 分值, 年度指标值 …), one of them a column of figures, and none holds a figure
(lines are cut into cells by drafter.check.tablelines). Header lines directly below it are
continuations, merged into the columns above them (by cell index when the counts agree, otherwise by
position on the line). Rows follow until prose. A number cell is placed by its index (or, for space
aligned rows whose cells do not line up one for one, by its position under the header); its row label
is the row's word cells, inherited from the row above where a merged cell left it empty. A row's 序号
(the header names it, or the rows' first cells run n, n + 1 …, on past a header a page break repeated)
is taken off before a narrower row's cells are aligned: it is a number, not the row's first figure.

A cell that cannot be placed (more cells than columns, several figures glued into one cell by OCR:
"100%33否") is marked unreadable: the checker says so instead of guessing a binding. Tables pasted one
bordered cell per line ("500.00 |") are read by drafter.check.celllines into the same placed cells.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from drafter.check.causes import Cause
from drafter.check.celllines import read_cell_lines
from drafter.check.columns import HEADER_WORDS, YEAR_HEADER, header_measure, is_header_text, is_label_header
from drafter.check.tablelines import (
    BARE_FIGURE,
    EMPTY,
    FIGURE,
    NAME_FIGURE,
    PROSE,
    SERIAL_HEADER,
    Cell,
    Placed,
    Serials,
    fit,
    glued,
    rows_totalled,
    split_cells,
    split_words,
    width,
)
from drafter.text.script import to_simplified

__all__ = [
    "YEAR_HEADER",
    "Cell",
    "Placed",
    "Tables",
    "header_measure",
    "is_label_header",
    "rows_totalled",
    "split_cells",
    "to_simplified",
]

_TOTAL_NAME = re.compile(r"^\s*(?:合\s*计|总\s*计|小\s*计|总\s*分)")
# columns no total adds up: a total row's figures stand elsewhere
_UNSUMMED = frozenset({"target", "adjusted_target", "achieved", "text", "ordinal"})
_FIRSTS = "".join(sorted({re.escape(w[0]) for w in HEADER_WORDS}))
_HEADER_RE = re.compile(  # the lookahead on first characters lets the engine skip most positions at once
    f"(?=[{_FIRSTS}12])(?:"
    + "|".join(sorted(map(re.escape, HEADER_WORDS), key=len, reverse=True))
    + r"|(?:19|20)\d\d)"
)
Lines = list[tuple[int, int]]


def _is_header(cells: list[Cell], least: int = 2) -> bool:
    """Column names, no figure, and at least one of them a column of figures (a line of label names
    only, 指标 | 满意度指标, is a wrapped row's second line)."""
    named, figures = 0, False
    for c in cells:
        if not c.text:
            continue
        s = c.text  # the checker reads a simplified copy of the text
        if FIGURE.search(s) and not YEAR_HEADER.match(s):
            return False
        if any(w in s for w in HEADER_WORDS) or YEAR_HEADER.match(s):
            named += 1
            figures = figures or not is_label_header(s)
    return named >= least and figures


def _is_continuation(cells: list[Cell]) -> bool:
    """A header line's second line (预算数 under 年初): words only, at least one a header word."""
    texts = [c.text for c in cells if c.text]
    if not texts or any(FIGURE.search(t) for t in texts):
        return False
    return any(any(w in t for w in HEADER_WORDS) for t in texts)


class Tables:
    """Every grid table of a text (pipe, tab or space separated), its number cells placed.

    Where a table's layout allows more than one reading (a space-aligned PDF row with cells left out:
    by position under the header, or left to right), `readings` holds each region's candidates; the
    first is placed until `choose` keeps another (the checker keeps the one the data confirms most).
    """

    __slots__ = ("_placed", "_runs", "_starts", "readings")

    def __init__(self, text: str) -> None:
        self._placed: list[Placed] = []
        self.readings: dict[int, list[list[Placed]]] = {}
        self._runs: dict[str, Serials] = {}  # a header's 序号 run as far as its last table read it
        lines, at = [], 0
        for stop in [*(m.start() for m in re.finditer("\n", text)), len(text)]:
            lines.append((at, stop))
            at = stop + 1
        named = [m.start() for m in _HEADER_RE.finditer(text)]  # header words, found once
        i = 0
        while i < len(lines):
            a, b = lines[i]
            if bisect.bisect_left(named, b) - bisect.bisect_left(named, a) < 2:
                i += 1  # most lines name no two columns: not a header, no need to split them
                continue
            split = split_cells(text, *lines[i])
            if split is None or not _is_header(split[0]):
                words = split_words(text, *lines[i]) if split is None else []
                if len(words) >= 3 and _is_header(words, least=3):
                    i = _read_table(text, lines, i, (words, "space1"), self._placed)
                    continue
                i += 1
                continue
            i = self._read(text, lines, i, split)
        for region, candidates in read_cell_lines(text).items():
            self._placed.extend(candidates[0])
            if len(candidates) > 1:
                self.readings[region] = candidates
        self._placed.sort(key=lambda p: p.cell.start)
        self._starts = [p.cell.start for p in self._placed]

    def _read(self, text: str, lines: Lines, i: int, split: tuple[list[Cell], str]) -> int:
        """Read one grid table; a space-aligned one also left to right, kept as a second reading."""
        first: list[Placed] = []
        key = re.sub(r"\s+", "", text[slice(*lines[i])])  # a header the page break repeated: same key
        begun = self._runs.get(key, Serials())
        serials = Serials(begun.next, begun.column)
        after = _read_table(text, lines, i, split, first, serials=serials)
        self._placed.extend(first)
        if split[1] == "space":
            other: list[Placed] = []
            again = Serials(begun.next, begun.column)
            _read_table(text, lines, i, split, other, by_position=False, serials=again)
            if list(map(_reading, first)) != list(map(_reading, other)):
                self.readings[lines[i][0]] = [first, other]
        self._runs[key] = serials
        return after

    def choose(self, region: int, k: int) -> None:
        """Place the `k`th reading of a table region instead of the one placed now."""
        kept = [p for p in self._placed if p.region != region]
        self._placed = sorted([*kept, *self.readings[region][k]], key=lambda p: p.cell.start)
        self._starts = [p.cell.start for p in self._placed]

    def region_cells(self, region: int) -> list[Placed]:
        """The placed cells of one table region, as read now."""
        return [p for p in self._placed if p.region == region]

    def at(self, pos: int) -> Placed | None:
        """The placed number cell that holds text position `pos`, if any."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self._placed[i].cell.start <= pos < max(self._placed[i].cell.end, pos + 1):
            p = self._placed[i]
            return p if pos < p.cell.end else None
        return None

    def next_cell(self, pos: int) -> Placed | None:
        """The first placed number cell starting at or after `pos`."""
        i = bisect.bisect_left(self._starts, pos)
        return self._placed[i] if i < len(self._placed) else None

    def __len__(self) -> int:
        return len(self._placed)


def _reading(p: Placed) -> tuple[str, tuple[Cell, ...], Cause | None]:
    """Where a cell was placed: its column, its row, why not."""
    return p.header, p.labels, p.cause


@dataclass(slots=True)
class _Grid:
    """One table's header, read once: its columns, where they stand, and which hold names."""

    text: str
    kind: str  # how its cells are separated: pipe, tab, space, space1
    headers: list[str]
    positions: list[tuple[int, int]]  # each header cell's display columns on its line
    label_cols: set[int]
    unsummed: set[int]  # columns no total adds up (指标值, 完成值)
    ordinal: set[int]  # columns the header names 序号: never a figure's column
    region: int = -1  # the header's position in the text: the table's name for its readings
    by_position: bool = True  # a space-aligned row's cells by where they stand (else left to right)

    def under(self, line_start: int, c: Cell) -> int:
        """The column a cell stands under, by its position on the line."""
        return _nearest(self.positions, _span(self.text, line_start, c))


def _read_table(
    text: str,
    lines: Lines,
    i: int,
    split: tuple[list[Cell], str],
    placed: list[Placed],
    by_position: bool = True,
    serials: Serials | None = None,
) -> int:
    """Read the table whose header is line `i` into `placed`; the index of the first line after it.

    `serials`: the 序号 run its rows continue (a header repeated after a page break), updated.
    """
    grid, i = _read_header(text, lines, i, split)
    grid.by_position = by_position
    previous: tuple[Cell, ...] = ()
    rows: list[tuple[Cell, ...]] = []
    serials = Serials() if serials is None else serials
    while i < len(lines):
        start, end = lines[i]
        if start == end or not text[start:end].strip():
            i += 1
            continue
        cells = _row_cells(grid, start, end)
        if cells is None:
            body = text[start:end].strip()
            if "。" in body or len(body) > 40 or is_header_text(body):
                break
            i += 1  # a lone cell line (a subtotal heading, 产出指标(50分)): read as prose
            continue
        if _is_header(cells):
            break  # a new table
        shape = _row_shape(grid, start, cells)
        if shape == "wrapped":
            i += 1  # the second line of names wrapped in their cells (满意度 / 指标)
            continue
        if shape == "other":
            break  # a row of another shape (年度总体目标 | 预期目标 | …)
        ordinal = _serial_cell(grid, cells, serials) or _leading_serial(grid, cells, serials, lines, i)
        if ordinal is not None:
            cells = [c for c in cells if c is not ordinal]
        columns = _columns(grid, start, cells)
        word_labels = _row_labels(grid, cells, columns) or previous
        previous = word_labels
        _place_row(grid, cells, columns, tuple(reversed(word_labels)), rows, placed)
        if ordinal is not None:
            placed.append(Placed(ordinal, tuple(reversed(word_labels)), SERIAL_HEADER, region=grid.region))
        if word_labels and (not rows or rows[-1] != tuple(reversed(word_labels))):
            rows.append(tuple(reversed(word_labels)))
        i += 1
    return i


def _read_header(text: str, lines: Lines, i: int, split: tuple[list[Cell], str]) -> tuple[_Grid, int]:
    """The header at line `i` with its continuation lines (年初 / 预算数) merged in, and the next line."""
    header_cells, kind = split
    header_cells = fit(header_cells, kind)
    line_start = lines[i][0]
    headers = [c.text for c in header_cells]
    positions = [_span(text, line_start, c) for c in header_cells]
    i += 1
    while i < len(lines):
        nxt = split_cells(text, *lines[i])
        if nxt is None or not _is_continuation(nxt[0]):
            break
        cont = fit(nxt[0], kind, len(headers))
        if len(cont) == len(headers):
            headers = [h + c.text for h, c in zip(headers, cont, strict=True)]
        else:
            for c in cont:
                if c.text:
                    headers[_nearest(positions, _span(text, lines[i][0], c))] += c.text
        i += 1
    label_cols = {k for k, h in enumerate(headers) if is_label_header(h)}
    unsummed = {k for k, h in enumerate(headers) if header_measure(h) in _UNSUMMED}
    if label_cols:  # a label header merged over two columns (项目资金 | | 年初预算数 …): both hold names
        first_figure = next((k for k, h in enumerate(headers) if header_measure(h)), len(headers))
        label_cols |= {k for k in range(first_figure) if not headers[k].strip() and k - 1 in label_cols}
    ordinal = {k for k, h in enumerate(headers) if header_measure(h) == "ordinal"}
    return _Grid(text, kind, headers, positions, label_cols, unsummed, ordinal, region=line_start), i


def _row_cells(grid: _Grid, start: int, end: int) -> list[Cell] | None:
    """A row line's cells, fitted to the header (None: the line is one cell)."""
    text = grid.text
    row = split_cells(text, start, end)
    if grid.kind == "space1" and row is None:
        words = split_words(text, start, end)
        row = (words, grid.kind) if len(words) >= 2 else None
    if row is None:
        return None
    cells = fit(row[0], grid.kind, len(grid.headers))
    if len(cells) + 1 == len(grid.headers) and cells and (name := NAME_FIGURE.match(cells[0].text)):
        # 其中：当年财政拨款452.40\t478.00…: the row's name glued to its first figure (a docx paste)
        cut = cells[0].start + name.end(1)
        first = cells[0]
        cells = [Cell(first.start, cut, name.group(1)), Cell(cut, first.end, name.group(2)), *cells[1:]]
    return cells


def _serial_cell(grid: _Grid, cells: list[Cell], serials: Serials) -> Cell | None:
    """The row's cell of a 序号 column its header does not name (one cell more than the header, the
    next number of the run 1, 2, 3 … down the rows, in the same column): None, no such cell."""
    if len(cells) != len(grid.headers) + 1:
        return None
    k = serials.at([c.text for c in cells])
    if k is None:
        return None
    serials.take(k)
    return cells[k]


def _leading_serial(grid: _Grid, cells: list[Cell], serials: Serials, lines: Lines, i: int) -> Cell | None:
    """The row's first cell when it is its 序号 and the row is narrower than the header (its other
    cells then align without it). A header without a 序号 column holds one more cell than such a row
    has, so there a row as wide as the header is stripped of it too; a full row under a named 序号
    keeps it in its column, its number only carrying the run on."""
    n = len(grid.headers)
    if len(cells) > n or not cells or not cells[0].text.isdigit():
        return None
    named = 0 in grid.ordinal
    if not serials.leading(cells, named, _next_first(grid.text, lines, i)):
        return None
    return cells[0] if len(cells) < n or not named else None


def _next_first(text: str, lines: Lines, i: int) -> str | None:
    """The first cell of the next row line after line `i` (a wrapped name's lone line skipped)."""
    for a, b in lines[i + 1 : i + 4]:
        row = split_cells(text, a, b)
        if row is not None:
            return next((c.text for c in row[0] if c.text), None)
    return None


def _row_shape(grid: _Grid, start: int, cells: list[Cell]) -> str:
    """ "row" for a row of this table; "wrapped" for a row's names wrapped to a second line; "other"."""
    words = sum(1 for c in cells if c.text and not FIGURE.search(c.text) and c.text not in EMPTY)
    figures = any(FIGURE.search(c.text) for c in cells)
    if not (len(cells) * 2 < len(grid.headers) and words >= 2 and not figures):
        return "row"
    if (
        grid.kind == "space"
        and grid.label_cols
        and all(grid.under(start, c) in grid.label_cols for c in cells if c.text)
    ):
        return "wrapped"
    return "other"


def _columns(grid: _Grid, start: int, cells: list[Cell]) -> list[int | None]:
    """The header column of each cell of a row (None: more cells than columns)."""
    n = len(grid.headers)
    if len(cells) == n:
        return list(range(len(cells)))
    if grid.kind == "space" and (grid.by_position or len(cells) > n):
        return [grid.under(start, c) for c in cells]
    if grid.kind == "tab" and len(cells) < n and not cells[0].text:
        return list(range(len(cells)))  # merged cells kept as empty tabs: in place
    if len(cells) < n:
        total = _TOTAL_NAME.match(next((c.text for c in cells if c.text), ""))
        return _align(cells, n, sorted(grid.label_cols), grid.unsummed if total else set(), grid.ordinal)
    return [None] * len(cells)


def _row_labels(grid: _Grid, cells: list[Cell], columns: list[int | None]) -> tuple[Cell, ...]:
    """The row's word cells (none: the row inherits the names of the row above)."""
    label_cols = grid.label_cols
    labels = tuple(
        c
        for c, k in zip(cells, columns, strict=True)
        if c.text
        and c.text not in EMPTY
        and not BARE_FIGURE.match(c.text)
        and (k is None or k in label_cols or not label_cols)
        and not FIGURE.fullmatch(c.text)
    )
    # under label columns a name may hold a figure (指标1：…); elsewhere the word cells name the row
    return labels if label_cols else tuple(c for c in labels if not FIGURE.search(c.text)) or labels


def _place_row(
    grid: _Grid,
    cells: list[Cell],
    columns: list[int | None],
    labels: tuple[Cell, ...],
    rows: list[tuple[Cell, ...]],
    placed: list[Placed],
) -> None:
    """Place each number cell of a row under its column, or say why it cannot be placed."""
    shifted = False
    above = rows_totalled(labels, rows)
    exact = len(cells) == len(grid.headers)
    for c, k in zip(cells, columns, strict=True):
        if not c.text or not FIGURE.search(c.text) or PROSE.search(c.text):
            continue  # a prose cell is read as prose
        if k is not None and k in grid.label_cols and not BARE_FIGURE.match(c.text):
            continue  # a figure inside a row's name (指标1：…, 2023年…): prose, not a cell
        stuck = glued(c.text)
        readable = k is not None and not stuck and not shifted
        if stuck and len(cells) < len(grid.headers):
            shifted = True  # the glued cell swallowed columns: the cells after it are not placed
        cause, reason = _unplaced(k, stuck, readable)
        header = grid.headers[k] if k is not None else ""
        region = grid.region
        placed.append(Placed(c, labels, header, readable, reason, above, exact, cause, region))


def _unplaced(column: int | None, stuck: bool, readable: bool) -> tuple[Cause | None, str]:
    """Why a number cell cannot be placed, as a code and as words (None, "": it can)."""
    if stuck:
        return Cause.CELL_GLUED, "单元格内数字粘连，无法读出"
    if column is None:
        return Cause.CELL_OVERFLOW, "单元格多于表头列数，无法对齐"
    if not readable:
        return Cause.CELL_AFTER_GLUED, "前面的单元格粘连，本格无法对齐"
    return None, ""


def _span(text: str, line_start: int, c: Cell) -> tuple[int, int]:
    """A cell's display columns on its line (CJK characters are two wide)."""
    a = width(text[line_start : c.start])
    return a, a + max(1, width(c.text))


def _align(
    cells: list[Cell], n: int, label_cols: list[int], unsummed: set[int], ordinal: set[int]
) -> list[int | None]:
    """Columns of a row with fewer cells than the header (merged cells left out).

    Its name cells stand in the last label columns (a row under 一级/二级指标 names only its 三级指标),
    its other cells in the figure columns from the first on; a total row's (总分 | 100 | 99.50) in the
    columns a total adds up, not under 指标值 / 完成值 (`unsummed`); never under 序号 (`ordinal`: a
    row's 序号 cell is taken off before it is aligned).
    """
    names = 0
    while names < len(cells) and cells[names].text and not FIGURE.search(cells[names].text):
        names += 1
    if not label_cols:
        shift = n - len(cells)
        return [k + shift for k in range(len(cells))]
    names = min(names, len(label_cols))
    value_cols = [k for k in range(n) if k not in label_cols and k not in ordinal]
    out: list[int | None] = list(label_cols[len(label_cols) - names :])
    rest = len(cells) - names
    summed = [k for k in value_cols if k not in unsummed]
    if unsummed and len(summed) >= rest:
        value_cols = summed
    out.extend(value_cols[k] if k < len(value_cols) else None for k in range(rest))
    return out


def _nearest(positions: list[tuple[int, int]], span: tuple[int, int]) -> int:
    """The header column a cell stands under: most overlap, else nearest centre."""
    best, best_key = 0, None
    for k, (a, b) in enumerate(positions):
        overlap = min(b, span[1]) - max(a, span[0])
        centre = abs((a + b) - (span[0] + span[1]))
        key = (-overlap if overlap > 0 else 0, centre)
        if best_key is None or key < best_key:
            best, best_key = k, key
    return best
