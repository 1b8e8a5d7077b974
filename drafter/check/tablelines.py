"""The cells of a plain-text table: one line cut into cells, and a number cell placed by row and column.

drafter.check.tables (grid lines) and drafter.check.celllines (one cell per line) decide which lines are
a table and where each cell stands; this module cuts a line into cells, keeping each cell's position in
the text (so a number's verdict points at it), and holds what both readers make of a cell: `Placed`,
the patterns a cell's text is read by, and the rows a total row adds up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from drafter.check.causes import Cause

# a figure with its unit glued to the next figure: 100%33否, 1160元77否, 0.3‰1010
GLUED = re.compile(r"\d(?:\.\d+)?\s*(?:[%％‰]|[\u4e00-\u9fff]{1,3})\d|\d[%％‰][\u4e00-\u9fff]")
# a row's name glued to its first figure (年度资金总额1520.60)
NAME_FIGURE = re.compile(r"^([\u4e00-\u9fff（）()：:“”]{2,}?)([-+]?\d[\d,]*(?:\.\d+)?[%％]?)$")
_FIGURE_DASH = re.compile(r"^([-+]?\d[\d,]*(?:\.\d+)?[%％‰]?)([—－–-]{1,2})$")
_SPACE_SEP = re.compile(r" {2,}|\u3000+|\t+")
_PIPE = re.compile(r"[|｜]")
# what a cell's text is read by
FIGURE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
BARE_FIGURE = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?\s*(?:%|％|分|万元|元|个百分点)?$")
EMPTY = ("—", "-", "－", "/", "／", "–", "——")  # an empty cell's marks
# a cell of sentences: read as prose, not as a figure (a comma between digits groups thousands: 2,486.20)
PROSE = re.compile(r"[。，；;：:]|,(?!\d{3}(?:\D|$))")
TOTAL = re.compile(r"^\s*(?:合\s*计|总\s*计|小\s*计|合计数)\s*$")
_SUBTOTAL = re.compile(r"^\s*小\s*计\s*$")
SERIAL_HEADER = "序号"  # the column a run of 1, 2, 3 … down the rows is, named or not
_SERIAL = re.compile(r"^[1-9]\d{0,2}$")


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a table row, as it stands in the text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Placed:
    """A number cell with its row and column, or why it cannot be placed."""

    cell: Cell
    labels: tuple[Cell, ...]  # the row's word cells, most specific (rightmost) first
    header: str  # its column's header, joined over split header lines ("" when unknown)
    readable: bool = True
    reason: str = ""
    rows_above: tuple[tuple[Cell, ...], ...] = ()  # labels of the table's rows before this one (合计)
    exact: bool = True  # placed column for column (a full row), not guessed for a row with cells left out
    cause: Cause | None = None  # why it cannot be placed (with `reason`)
    region: int = -1  # the table it belongs to (its header's position in the text); -1: none


def rows_totalled(labels: tuple[Cell, ...], rows: list[tuple[Cell, ...]]) -> tuple[tuple[Cell, ...], ...]:
    """The rows a total row adds up (none: not a total row).

    A 小计 adds the rows since the last total row (its group: 产出指标's indicators), a 合计 or 总计
    every row above it.
    """
    name = "".join(c.text for c in labels)
    if not TOTAL.match(name):
        return ()
    if _SUBTOTAL.match(name):
        totals = [k + 1 for k, row in enumerate(rows) if TOTAL.match("".join(c.text for c in row))]
        return tuple(rows[max(totals, default=0) :])
    return tuple(rows)


@dataclass(slots=True)
class Serials:
    """The 序号 a table's rows run by: the next number expected, and the column it stands in."""

    next: int = 1
    column: int | None = None

    def at(self, texts: list[str]) -> int | None:
        """The index of the row's 序号 cell (the next number of the run, in its column), if any."""
        wanted = str(self.next)
        if self.column is not None:
            k = self.column
            return k if k < len(texts) and texts[k] == wanted else None
        return next((k for k, t in enumerate(texts) if t == wanted and _SERIAL.match(t)), None)

    def take(self, k: int) -> None:
        self.column = k
        self.next += 1

    def leading(self, cells: list[Cell], named: bool, following: str | None) -> bool:
        """Is the row's first cell its 序号 (and taken as such)?

        It is a bare whole number, and either the next of a run already begun in the first column
        (carried over a header the page break repeated), or the first of one: the header names 序号
        in its first column, or the next row's first cell is the number after it (n, n + 1 …).
        """
        if len(cells) < 2 or not _SERIAL.match(cells[0].text):
            return False
        value = int(cells[0].text)
        begun = self.column == 0 and value == self.next
        if not (begun or named or following == str(value + 1)):
            return False
        self.column, self.next = 0, value + 1
        return True


def glued(text: str) -> bool:
    """Several figures glued into one cell by OCR (100%33否): unreadable."""
    return bool(GLUED.search(text)) and len(FIGURE.findall(text)) > 1


def width(s: str) -> int:
    """Display columns of a string (CJK characters are two wide)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def split_cells(text: str, start: int, end: int) -> tuple[list[Cell], str] | None:
    """The cells of one line and how they are separated ("pipe", "tab", "space"); None: one cell."""
    line = text[start:end]
    if "|" in line or "｜" in line:
        cells: list[Cell] = []
        at = 0
        for sep in [*_PIPE.finditer(line), None]:
            stop = sep.start() if sep else len(line)
            raw = line[at:stop]
            cells.append(_cell(text, start + at, start + stop, raw))
            at = sep.end() if sep else len(line)
        if sum(1 for c in cells if c.text) >= 2:
            return cells, "pipe"  # boundary cells kept: fit() trims them to the header's count
        return None
    if "\t" in line.strip():  # tab separated: every tab counts, empty cells included
        cells, at = [], 0
        for sep in [*re.finditer("\t", line), None]:
            stop = sep.start() if sep else len(line.rstrip("\r "))
            cells.append(_cell(text, start + at, start + stop, line[at:stop]))
            at = sep.end() if sep else len(line)
        return (cells, "tab") if sum(1 for c in cells if c.text) >= 2 else None
    body_start = start + len(line) - len(line.lstrip())
    body_end = start + len(line.rstrip())
    if body_end <= body_start:
        return None
    kind = "space"
    cells = []
    at = body_start
    for sep in [*_SPACE_SEP.finditer(text, body_start, body_end), None]:
        stop = sep.start() if sep else body_end
        cells.append(_cell(text, at, stop, text[at:stop]))
        at = sep.end() if sep else body_end
    if sum(1 for c in cells if c.text) >= 2:
        return cells, kind
    return None


def split_words(text: str, start: int, end: int) -> list[Cell]:
    """The cells of a line whose cells are separated by single spaces (text copied from a PDF).

    Cells glued to their neighbours are parted where that is unambiguous: a row name and its first
    figure (年度资金总额1520.60), a figure and an empty-cell dash (79.50—). Figures glued to figures
    (2.62万亩1010是) stay one cell: the reader marks it unreadable.
    """
    cells: list[Cell] = []
    for run in re.finditer(r"\S+", text[start:end]):
        a = start + run.start()
        word = run.group()
        glued = NAME_FIGURE.match(word)
        if glued and not GLUED.search(word):
            cut = a + glued.end(1)
            cells.append(Cell(a, cut, text[a:cut]))
            a, word = cut, text[cut : start + run.end()]
        dash = _FIGURE_DASH.match(word)
        if dash:
            cut = a + dash.end(1)
            cells.append(Cell(a, cut, text[a:cut]))
            cells.append(Cell(cut, a + len(word), text[cut : a + len(word)]))
            continue
        cells.append(Cell(a, a + len(word), word))
    return cells


def fit(cells: list[Cell], kind: str, n: int | None = None) -> list[Cell]:
    """A pipe row's cells without the empty ones outside its outer bars, as many as `n` if that fits.

    "| a | b |" has empty text before the first bar and after the last; " | 预算数 | …" (no outer bars,
    an empty first cell) has a real empty cell there. The header's count decides which it is. Tab rows
    the same: a leading tab may be an empty first cell or only indentation.
    """
    if kind == "space":
        return cells
    options = [cells]
    if cells and not cells[-1].text:
        options.append(cells[:-1])
    if cells and not cells[0].text:
        options.append(cells[1:])
        if len(cells) > 1 and not cells[-1].text:
            options.append(cells[1:-1])
    if n is not None:
        for option in options:
            if len(option) == n:
                return option
        if kind == "tab" and len(cells) < n and cells and not cells[0].text:
            return cells  # \t\t重度…\t≥\t1620: tabs keep merged cells in place; the short end is blank
    return options[-1]


def _cell(text: str, start: int, end: int, raw: str) -> Cell:
    lead = len(raw) - len(raw.lstrip())
    stripped = raw.strip()
    return Cell(start + lead, start + lead + len(stripped), stripped)
