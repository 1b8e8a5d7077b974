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
is the row's word cells, inherited from the row above where a merged cell left it empty.

A cell that cannot be placed (more cells than columns, several figures glued into one cell by OCR:
"100%33否") is marked unreadable: the checker says so instead of guessing a binding. Tables pasted one
bordered cell per line ("500.00 |") are read by drafter.check.celllines into the same placed cells.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from drafter.check.tablelines import _GLUED, _NAME_FIGURE, Cell, _width, fit, split_cells, split_words
from drafter.text.script import to_simplified

__all__ = ["YEAR_HEADER", "Cell", "Placed", "Tables", "header_measure", "split_cells", "to_simplified"]

# Column header words -> the measure a figure under them states (first match wins: longest first).
HEADER_MEASURES: tuple[tuple[str, str], ...] = (
    ("序号", "ordinal"),
    ("得分系数", "coefficient"),
    ("得分率", "score_rate"),
    ("调整指标值", "adjusted_target"),
    ("年度指标值", "target"),
    ("年度目标值", "target"),
    ("指标值", "target"),
    ("目标值", "target"),
    ("实际完成值", "achieved"),
    ("完成值", "achieved"),
    ("实际值", "achieved"),
    ("年初预算", "initial_budget"),
    ("到位", "received"),
    ("执行率", "rate"),
    ("预算执行数", "actual"),
    ("完成率", "rate"),
    ("预算执行", "rate"),
    ("占比", "share"),
    ("比重", "share"),
    ("同比", "yoy"),
    ("上年", "last_year"),
    ("预算", "budget"),
    ("执行数", "actual"),
    ("决算", "actual"),
    ("支出数", "actual"),
    ("实际支出", "actual"),
    ("执行", "actual"),
    ("分值", "weight"),
    ("权重", "weight"),
    ("满分", "weight"),
    ("得分", "score"),
    ("评分", "score"),
    ("计量单位", "text"),
    ("度量单位", "text"),
    ("指标性质", "text"),
    ("是否核心", "text"),
    ("偏差原因", "text"),
    ("原因分析", "text"),
    ("原因", "text"),
    ("备注", "text"),
    ("说明", "text"),
)
# Header words of label columns: the row's name stands under them.
LABEL_HEADERS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标名称",
    "指标",
    "项目",
    "名称",
    "科目",
    "内容",
    "类别",
)
YEAR_HEADER = re.compile(r"^((?:19|20)\d\d)年?(?:度)?(?:预算数|执行数|决算数|数)?$")
_HEADER_WORDS = tuple(w for w, _ in HEADER_MEASURES) + LABEL_HEADERS + ("金额", "合计", "全年", "年初")
_FIGURE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
_BARE_FIGURE = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?\s*(?:%|％|分|万元|元|个百分点)?$")
_EMPTY = ("—", "-", "－", "/", "／", "–", "——")
_PROSE = re.compile(r"[。，,；;：:]")
_TOTAL = re.compile(r"^\s*(?:合\s*计|总\s*计|小\s*计|合计数)\s*$")
_TOTAL_NAME = re.compile(r"^\s*(?:合\s*计|总\s*计|小\s*计|总\s*分)")
# columns no total adds up: a total row's figures stand elsewhere
_UNSUMMED = frozenset({"target", "adjusted_target", "achieved", "text", "ordinal"})
_SUBTOTAL = re.compile(r"^\s*小\s*计\s*$")


_FIRSTS = "".join(sorted({re.escape(w[0]) for w in _HEADER_WORDS}))
_HEADER_RE = re.compile(  # the lookahead on first characters lets the engine skip most positions at once
    f"(?=[{_FIRSTS}12])(?:"
    + "|".join(sorted(map(re.escape, _HEADER_WORDS), key=len, reverse=True))
    + r"|(?:19|20)\d\d)"
)


def header_measure(header: str, year: int | None = None) -> str | None:
    """The measure a column header names (None: not a figure column we know)."""
    h = to_simplified(header)
    years = YEAR_HEADER.match(h)
    if years:
        column_year = int(years.group(1))
        if year is None:
            return None
        if column_year == year:
            return "actual" if "预算" not in h else "budget"
        return "last_year" if column_year == year - 1 else f"year:{column_year}"
    for word, measure in HEADER_MEASURES:
        if word in h:
            return measure
    return None


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


def rows_totalled(labels: tuple[Cell, ...], rows: list[tuple[Cell, ...]]) -> tuple[tuple[Cell, ...], ...]:
    """The rows a total row adds up (none: not a total row).

    A 小计 adds the rows since the last total row (its group: 产出指标's indicators), a 合计 or 总计
    every row above it.
    """
    name = "".join(c.text for c in labels)
    if not _TOTAL.match(name):
        return ()
    if _SUBTOTAL.match(name):
        totals = [k + 1 for k, row in enumerate(rows) if _TOTAL.match("".join(c.text for c in row))]
        return tuple(rows[max(totals, default=0) :])
    return tuple(rows)


def _is_header(cells: list[Cell], least: int = 2) -> bool:
    """Column names, no figure, and at least one of them a column of figures (a line of label names
    only, 指标 | 满意度指标, is a wrapped row's second line)."""
    named, figures = 0, False
    for c in cells:
        if not c.text:
            continue
        s = c.text  # the checker reads a simplified copy of the text
        if _FIGURE.search(s) and not YEAR_HEADER.match(s):
            return False
        if any(w in s for w in _HEADER_WORDS) or YEAR_HEADER.match(s):
            named += 1
            figures = figures or not is_label_header(s)
    return named >= least and figures


def _is_continuation(cells: list[Cell]) -> bool:
    """A header line's second line (预算数 under 年初): words only, at least one a header word."""
    texts = [c.text for c in cells if c.text]
    if not texts or any(_FIGURE.search(t) for t in texts):
        return False
    return any(any(w in t for w in _HEADER_WORDS) for t in texts)


class Tables:
    """Every grid table of a text (pipe, tab or space separated), its number cells placed."""

    __slots__ = ("_placed", "_starts")

    def __init__(self, text: str) -> None:
        self._placed: list[Placed] = []
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
                    i = self._table(text, lines, i, (words, "space1"))
                    continue
                i += 1
                continue
            i = self._table(text, lines, i, split)
        from drafter.check.celllines import read_cell_lines  # it builds on this module's cells

        self._placed.extend(read_cell_lines(text))
        self._placed.sort(key=lambda p: p.cell.start)
        self._starts = [p.cell.start for p in self._placed]

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

    def _table(self, text: str, lines: list[tuple[int, int]], i: int, split: tuple[list[Cell], str]) -> int:
        header_cells, kind = split
        header_cells = fit(header_cells, kind)
        line_start = lines[i][0]
        headers = [c.text for c in header_cells]
        positions = [self._span(text, line_start, c) for c in header_cells]
        i += 1
        # continuation lines of a split header (年初 / 预算数)
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
                        k = _nearest(positions, self._span(text, lines[i][0], c))
                        headers[k] += c.text
            i += 1
        label_cols = {k for k, h in enumerate(headers) if is_label_header(h)}
        unsummed = {k for k, h in enumerate(headers) if header_measure(h) in _UNSUMMED}
        if label_cols:  # a label header merged over two columns (项目资金 | | 年初预算数 …): both hold names
            first_figure = next((k for k, h in enumerate(headers) if header_measure(h)), len(headers))
            label_cols |= {k for k in range(first_figure) if not headers[k].strip() and k - 1 in label_cols}
        previous: tuple[Cell, ...] = ()
        rows: list[tuple[Cell, ...]] = []
        while i < len(lines):
            start, end = lines[i]
            if start == end or not text[start:end].strip():
                i += 1
                continue
            row = split_cells(text, start, end)
            if kind == "space1" and row is None:
                words = split_words(text, start, end)
                row = (words, kind) if len(words) >= 2 else None
            if row is None:
                body = text[start:end].strip()
                if "。" in body or len(body) > 40 or _is_header_text(body):
                    break
                i += 1  # a lone cell line (a subtotal heading, 产出指标(50分)): read as prose
                continue
            cells = fit(row[0], kind, len(headers))
            if len(cells) + 1 == len(headers) and cells and (glued := _NAME_FIGURE.match(cells[0].text)):
                # 其中：当年财政拨款452.40\t478.00…: the row's name glued to its first figure (a docx paste)
                cut = cells[0].start + glued.end(1)
                first = cells[0]
                name, figure = Cell(first.start, cut, glued.group(1)), Cell(cut, first.end, glued.group(2))
                cells = [name, figure, *cells[1:]]
            if _is_header(cells):
                break  # a new table
            words = sum(1 for c in cells if c.text and not _FIGURE.search(c.text) and c.text not in _EMPTY)
            figures = any(_FIGURE.search(c.text) for c in cells)
            if len(cells) * 2 < len(headers) and words >= 2 and not figures:
                if (
                    kind == "space"
                    and label_cols
                    and all(
                        _nearest(positions, self._span(text, start, c)) in label_cols for c in cells if c.text
                    )
                ):
                    i += 1  # the second line of names wrapped in their cells (满意度 / 指标)
                    continue
                break  # a row of another shape (年度总体目标 | 预期目标 | …)
            if len(cells) == len(headers):
                columns: list[int | None] = list(range(len(cells)))
            elif kind == "space":
                columns = [_nearest(positions, self._span(text, start, c)) for c in cells]
            elif kind == "tab" and len(cells) < len(headers) and not cells[0].text:
                columns = list(range(len(cells)))  # merged cells kept as empty tabs: in place
            elif len(cells) < len(headers):
                total = _TOTAL_NAME.match(next((c.text for c in cells if c.text), ""))
                columns = _align(cells, len(headers), sorted(label_cols), unsummed if total else set())
            else:
                columns = [None] * len(cells)
            labels = tuple(
                c
                for c, k in zip(cells, columns, strict=True)
                if c.text
                and c.text not in _EMPTY
                and not _BARE_FIGURE.match(c.text)
                and (k is None or k in label_cols or not label_cols)
                and not _FIGURE.fullmatch(c.text)
            )
            # under label columns a name may hold a figure (指标1：…); elsewhere the word cells name the row
            word_labels = (
                labels if label_cols else tuple(c for c in labels if not _FIGURE.search(c.text)) or labels
            )
            if word_labels:
                previous = word_labels
            else:
                word_labels = previous
            shifted = False
            for c, k in zip(cells, columns, strict=True):
                if not c.text or not _FIGURE.search(c.text) or _PROSE.search(c.text):
                    continue  # a prose cell is read as prose
                if k is not None and k in label_cols and not _BARE_FIGURE.match(c.text):
                    continue  # a figure inside a row's name (指标1：…, 2023年…): prose, not a cell
                header = headers[k] if k is not None else ""
                glued = bool(_GLUED.search(c.text)) and len(_FIGURE.findall(c.text)) > 1
                readable = k is not None and not glued and not shifted
                if glued and len(cells) < len(headers):
                    shifted = True  # the glued cell swallowed columns: the cells after it are not placed
                reason = (
                    "单元格内数字粘连，无法读出"
                    if glued
                    else "前面的单元格粘连，本格无法对齐"
                    if not readable and k is not None
                    else ""
                    if k is not None
                    else "单元格多于表头列数，无法对齐"
                )
                labels_here = tuple(reversed(word_labels))
                above = rows_totalled(labels_here, rows)
                exact = len(cells) == len(headers)
                self._placed.append(Placed(c, labels_here, header, readable, reason, above, exact))
            if word_labels and (not rows or rows[-1] != tuple(reversed(word_labels))):
                rows.append(tuple(reversed(word_labels)))
            i += 1
        return i

    @staticmethod
    def _span(text: str, line_start: int, c: Cell) -> tuple[int, int]:
        """A cell's display columns on its line (CJK characters are two wide)."""
        a = _width(text[line_start : c.start])
        return a, a + max(1, _width(c.text))


def _align(cells: list[Cell], n: int, label_cols: list[int], unsummed: set[int]) -> list[int | None]:
    """Columns of a row with fewer cells than the header (merged cells left out).

    Its name cells stand in the last label columns (a row under 一级/二级指标 names only its 三级指标),
    its other cells in the figure columns from the first on; a total row's (总分 | 100 | 99.50) in the
    columns a total adds up, not under 指标值 / 完成值 (`unsummed`).
    """
    names = 0
    while names < len(cells) and cells[names].text and not _FIGURE.search(cells[names].text):
        names += 1
    if not label_cols:
        shift = n - len(cells)
        return [k + shift for k in range(len(cells))]
    names = min(names, len(label_cols))
    value_cols = [k for k in range(n) if k not in label_cols]
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


def is_label_header(h: str) -> bool:
    s = to_simplified(h)
    return any(w in s for w in LABEL_HEADERS) and header_measure(s) is None


def _is_header_text(body: str) -> bool:
    s = to_simplified(body)
    return sum(1 for w in _HEADER_WORDS if w in s) >= 3
