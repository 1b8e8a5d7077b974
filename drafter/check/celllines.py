"""Tables pasted one cell per line, each with a border: "500.00 |" ("| 500.00", "| 500.00 |"), "|" if empty.

A web page's table copied as text often arrives so: every <td> on its own line followed (or preceded)
by its border, rows not marked at all. The header is a run of column names (年初预算 | 调整后预算数 |
预算执行数 | 权重 | 得分 …); the rows after it are found by fitting the cells to the columns. A row
is as wide as the header, or narrower where a merged cell left its place out: at the end (a 原因
cell merged down the rows), at the start (the 一级/二级指标 merged down) or after the row's name
(合计 spanning the label columns). Each way of cutting the cells into rows is scored by what stands
where: a figure under a label column, or words under a column of money, rates or scores, is a misfit;
a narrow row costs a little. The cut with fewest misfits wins (dynamic programming over the cells),
so one short row does not shift every row after it.

The cells placed so are bound like any grid table's (drafter.check.cells): by row label and column.
"""

from __future__ import annotations

import re

from drafter.check.causes import Cause
from drafter.check.columns import HEADER_WORDS, YEAR_HEADER, header_measure, is_label_header
from drafter.check.tablelines import (
    BARE_FIGURE,
    EMPTY,
    FIGURE,
    PROSE,
    SERIAL_HEADER,
    Cell,
    Placed,
    Serials,
    glued,
    rows_totalled,
)

# a line that is one bordered cell: a bar at its start, its end or both ("|" alone: an empty cell)
_BORDERED = re.compile(r"^[ \t\u3000]*(?:[|｜][^|｜\n]*[|｜]?|[^|｜\n]*[|｜])[ \t\u3000]*$", re.M)
# a line that is one cell with no border: one short token (a name, a figure), nothing beside it
_BARE = re.compile(r"^[ \t\u3000]*[^\s|｜]{1,16}[ \t\u3000]*$", re.M)
# a year column's name alone on a line: the only kind of unbordered table read (see _by_years)
_YEAR_LINE = re.compile(r"^[ \t\u3000]*(?:19|20)\d\d年[^\s|｜]{0,8}[ \t\u3000]*$", re.M)
# columns whose cells are figures only: words under them mean the cells were cut into rows wrongly
# (指标值 / 完成值 hold words as often as figures: 健全, 好, 按时完成)
_STRICT = frozenset(
    {
        "initial_budget",
        "budget",
        "received",
        "actual",
        "rate",
        "share",
        "yoy",
        "last_year",
        "weight",
        "score",
        "coefficient",
        "ordinal",
    }
)
_PERCENT_COLUMNS = frozenset({"rate", "share", "yoy"})
_QUANTITY = re.compile(r"^[≥≤<>＜＞≧≦±＋+~～约近]*\s*[-+]?\d")
_MISFIT = 2  # a figure under a label column, words under a strict column
_NARROW = 1  # a row narrower than the header (a merged cell left out)
_LEAST_CELLS = 6  # fewer bordered lines in a run are a caption or a form's key/value pairs
_LEAST_COLUMNS = 3
_LEAST_FIGURE_COLUMNS = 2
_SENTENCE = 40  # a cell with 。 this long is a paragraph after the table (评价结论 | 项目自评得分…。)


Readings = dict[int, list[list[Placed]]]


def read_cell_lines(text: str) -> Readings:
    """The number cells of every one-cell-per-line table in `text`, placed by row and column: for each
    table (by its header's position), the readings its layout allows, the likeliest first."""
    readings: Readings = {}
    if "|" in text or "｜" in text:
        for block in _blocks(text, _BORDERED):
            readings.update(_read_block(block))
    blocks = _blocks(text, _BARE) if _YEAR_LINE.search(text) else []
    for block in blocks:  # no borders at all: a label line, then its value lines
        for region, found in _read_block(block).items():
            if _by_years(found[0]):
                readings.setdefault(region, found)
    return readings


def _by_years(placed: list[Placed]) -> bool:
    """An unbordered table read only where every figure column is a year's (基础数据表 | 2022年 |
    2023年): other runs of short lines are a list or a form the prose rules read better."""
    return bool(placed) and all(YEAR_HEADER.match(p.header.replace(" ", "")) for p in placed)


def _blocks(text: str, pattern: re.Pattern[str]) -> list[list[Cell]]:
    """Runs of consecutive one-cell lines (blank lines between them allowed), as cells."""
    blocks: list[list[Cell]] = []
    run: list[Cell] = []
    last_end = -1
    for m in pattern.finditer(text):
        line = m.group()
        if not line.strip():
            continue  # a blank line: neither a cell nor a break
        between = text[last_end : m.start()] if last_end >= 0 else ""
        if run and between.strip():
            if len(run) >= _LEAST_CELLS:
                blocks.append(run)
            run = []
        run.append(_cell(text, m.start(), m.end()))
        last_end = m.end()
    if len(run) >= _LEAST_CELLS:
        blocks.append(run)
    return blocks


def _cell(text: str, start: int, end: int) -> Cell:
    """The cell of one bordered line: what stands between its bars (a bar alone: an empty cell)."""
    a, b = start, end
    while a < b and text[a] in " \t\u3000":
        a += 1
    while b > a and text[b - 1] in " \t\u3000":
        b -= 1
    bar = a
    if a < b and text[a] in "|｜":
        a += 1
    if b > a and text[b - 1] in "|｜":
        b -= 1
    while a < b and text[a] in " \t\u3000":
        a += 1
    while b > a and text[b - 1] in " \t\u3000":
        b -= 1
    if a >= b:
        return Cell(bar, bar, "")
    return Cell(a, b, text[a:b])


def _names_column(s: str) -> bool:
    if not s or (FIGURE.search(s) and not YEAR_HEADER.match(s)):
        return False
    return any(w in s for w in HEADER_WORDS) or bool(YEAR_HEADER.match(s))


def _header_at(cells: list[Cell], i: int) -> int:
    """The end of a header run starting at cell `i` (`i` itself: no header starts there).

    Column names follow one another; once a figure column is named, a label column's name
    (产出指标, 数量指标: the first row's names) ends the header. A name split over lines (年度 / 指标值,
    实际 / 完成值) is one column here; how to read it is for the data to judge (`_header_readings`).
    """
    j, measured, figures, columns = i, False, 0, 0
    while j < len(cells):
        span = _column_span(cells, j)
        if not span:
            break
        s = "".join(c.text for c in cells[j : j + span])
        measure = header_measure(s)
        if measured and measure is None and is_label_header(s):
            break
        if measure not in (None, "ordinal") or YEAR_HEADER.match(s):  # 2022年决算数: a column of figures
            measured = True
            figures += measure != "text"
        j += span
        columns += 1
    if columns < _LEAST_COLUMNS or figures < _LEAST_FIGURE_COLUMNS:
        return i
    return j


_DEPTH = 3  # header lines one column's name may be split over
_FRAGMENT = re.compile(r"^[\u4e00-\u9fff（）()]{1,6}$")


def _column_span(cells: list[Cell], j: int) -> int:
    """How many header lines from `j` name one column: 1 for a whole name, more for a name split over
    lines (年度 / 指标值: a fragment naming no column alone, joined with the lines after it until the
    name is one the vocabulary knows); 0: no column name starts at `j`."""
    if _names_column(cells[j].text) and (header_measure(cells[j].text) or is_label_header(cells[j].text)):
        return 1
    joined, k = cells[j].text, j
    while _FRAGMENT.match(joined) and k + 1 < len(cells) and k - j + 1 < _DEPTH:
        k += 1
        if not _FRAGMENT.match(cells[k].text):
            break
        joined += cells[k].text
        if header_measure(joined) or is_label_header(joined):
            return k - j + 1
    return 1 if _names_column(cells[j].text) else 0


def _joined(headers: list[str]) -> list[str]:
    """The header with each name split over lines joined (年度 + 指标值 = 年度指标值)."""
    cells = [Cell(0, 0, h) for h in headers]
    out, j = [], 0
    while j < len(cells):
        span = max(1, _column_span(cells, j))
        out.append("".join(headers[j : j + span]))
        j += span
    return out


def _read_block(cells: list[Cell]) -> Readings:
    readings: Readings = {}
    i = 0
    while i < len(cells):
        j = _header_at(cells, i)
        if j == i:
            i += 1
            continue
        headers = [c.text for c in cells[i:j]]
        end = j
        while end < len(cells) and _header_at(cells, end) == end and not _paragraph(cells, end):
            end += 1
        if end < len(cells) and _paragraph(cells, end) and end - 1 > j and _is_words(cells[end - 1].text):
            end -= 1  # the paragraph's own heading (评价结论) stands before it
        region = cells[i].start
        readings[region] = _readings(cells[j:end], headers, region)
        i = end
    return readings


def _readings(body: list[Cell], headers: list[str], region: int) -> list[list[Placed]]:
    """The table's readings, the likeliest first: under each header reading, its cells cut into rows
    as their columns fit best, then (where that cuts them otherwise) with words starting the rows."""
    out: list[list[Placed]] = []
    seen: set[tuple[tuple[str, tuple[Cell, ...]], ...]] = set()
    for option in _header_readings(headers, body):
        for names_lead in (False, True):
            placed = _place(body, option, region, names_lead)
            key = tuple((p.header, p.labels) for p in placed)
            if key not in seen:
                seen.add(key)
                out.append(placed)
    return out


def _header_readings(headers: list[str], body: list[Cell]) -> list[list[str]]:
    """The headers a table's cells may stand under, the likeliest first.

    A name split over header lines (年度 / 指标值, 全年 / 执行数) is read joined first, then as
    written (each line a column); a run of 1, 2, 3 … down the rows is a 序号 column even where the
    header names none (its cells would otherwise shift every row by one): offered before the header
    without it.
    """
    joined = _joined(headers)
    readings = []
    for option in [joined, headers] if joined != headers else [headers]:
        at = None
        if not any(header_measure(h) == "ordinal" for h in option):
            at = _serial_run(body, len(option) + 1)
        if at is not None:
            readings.append([*option[:at], SERIAL_HEADER, *option[at:]])
        readings.append(option)
    return readings


_LEAST_SERIALS = 2


def _serial_run(body: list[Cell], width: int) -> int | None:
    """Where in its row a 序号 column stands: the first row's cell 1, then 2, 3 … each within a row's
    width of the one before (None: no such run)."""
    serials = Serials()
    first = serials.at([c.text for c in body[:width]])
    if first is None:
        return None
    last, found = first, 1
    serials.next = 2
    for k in range(first + 1, len(body)):
        if k - last > width:
            break
        if body[k].text == str(serials.next):
            last, found = k, found + 1
            serials.next += 1
    return first if found >= _LEAST_SERIALS else None


def _paragraph(cells: list[Cell], k: int) -> bool:
    s = cells[k].text
    return len(s) > _SENTENCE and "。" in s


def _is_words(s: str) -> bool:
    return bool(s) and s not in EMPTY and not FIGURE.search(s)


def _kinds(headers: list[str], names_lead: bool = False) -> list[str]:
    """Each column's kind: "label" (a row's names), a strict measure (figures only) or "free".

    `names_lead`: the reading in which words start a row (a 基础数据表's label line, then its value
    lines): a free column holds no words ("lead"), so a row's name is not read as the row above's last
    cell (its 备注, its 2022年 column).
    """
    labels = [is_label_header(h) for h in headers]
    kinds = []
    for k, h in enumerate(headers):
        if labels[k] or (k == 0 and not any(labels)):
            kinds.append("label")  # with no label header, the corner column holds the names
        elif (measure := header_measure(h)) in _STRICT:
            kinds.append(str(measure))
        else:
            kinds.append("lead" if names_lead else "free")
    return kinds


def _misfit(cell: Cell, kind: str) -> int:
    s = cell.text
    if not s or s in EMPTY:
        return 0
    figure = bool(FIGURE.search(s)) and not PROSE.search(s)
    if kind == "label":  # a name may hold a figure (指标1：…), but does not start with one (≥26次, 2000篇)
        return _MISFIT if figure and _QUANTITY.match(s) else 0
    if kind in _PERCENT_COLUMNS:
        return 0 if figure else _MISFIT
    if kind in _STRICT:  # money, 分值, 得分: a percent is another column's
        return 0 if figure and "%" not in s and "％" not in s else _MISFIT
    if kind == "lead":  # words here start the next row: dearer than a narrow row and a narrow row
        return 0 if figure else 2 * _MISFIT
    return 0


def _fit_row(cells: list[Cell], kinds: list[str]) -> tuple[int, list[int]]:
    """The best columns for one row's cells, and its cost: with one gap (`_fit_gap`), or with its
    last columns of words (偏差原因, 备注) left empty too and one gap in the rest (a row whose
    一级/二级指标 are merged down and whose 原因 is blank)."""
    n, width = len(kinds), len(cells)
    best = _fit_gap(cells, kinds)
    if not FIGURE.search(cells[-1].text):
        return best  # a row ending in words or an empty cell gives its 原因 cell: that column is there
    last = n
    while last > width and kinds[last - 1] not in _STRICT and kinds[last - 1] != "label":
        last -= 1
        cost, columns = _fit_gap(cells, kinds[:last])
        cost += _NARROW if last == width else 0
        if cost <= best[0]:  # a tie: the words' columns left empty (most rows give no 原因)
            best = (cost, columns)
    return best


def _fit_gap(cells: list[Cell], kinds: list[str]) -> tuple[int, list[int]]:
    """The best columns for one row's cells with at most one gap, and its cost.

    A row of the header's width stands column for column; a narrower one has one gap (the merged
    cells' places): at the end first (a cell merged down the rows: 原因, 分值), then at the start
    (only over label columns: 一级/二级指标 merged down), then after its name cells (合计 spanning the
    label columns).
    """
    n, width = len(kinds), len(cells)
    if width == n:
        return sum(_misfit(c, k) for c, k in zip(cells, kinds, strict=True)), list(range(n))
    shift = n - width
    left = [0]
    for t, c in enumerate(cells):  # cells 0..t-1 in columns 0..t-1
        left.append(left[-1] + _misfit(c, kinds[t]))
    right = [0] * (width + 1)
    for t in range(width - 1, -1, -1):  # cells t.. in the last columns
        right[t] = right[t + 1] + _misfit(cells[t], kinds[shift + t])
    best_gap, best_cost = width, left[width]
    named = 0  # the row's leading name cells
    while named < width and _is_words(cells[named].text):
        named += 1
    for gap in range(width):
        cost = left[gap] + right[gap]
        if gap == 0 and any(kind != "label" for kind in kinds[:shift]):
            cost += _MISFIT  # only merged label columns leave a row's start out
        elif gap > named:
            cost += _MISFIT  # a row's name spans columns, its figures do not
        if cost < best_cost:
            best_gap, best_cost = gap, cost
    columns = list(range(best_gap)) + [shift + t for t in range(best_gap, width)]
    return best_cost + _NARROW, columns


def _rows(cells: list[Cell], kinds: list[str]) -> list[tuple[list[Cell], list[int]]]:
    """The cut of the cells into rows with the fewest misfits (ties: the wider last row)."""
    n = len(kinds)
    best: list[tuple[int, int, list[int]]] = [(0, 0, [])]  # (cost, width of last row, its columns)
    for e in range(1, len(cells) + 1):
        choice: tuple[int, int, list[int]] | None = None
        for width in range(min(n, e), 0, -1):
            cost, columns = _fit_row(cells[e - width : e], kinds)
            total = best[e - width][0] + cost
            if choice is None or total < choice[0]:
                choice = (total, width, columns)
        assert choice is not None
        best.append(choice)
    rows = []
    e = len(cells)
    while e > 0:
        _, width, columns = best[e]
        rows.append((cells[e - width : e], columns))
        e -= width
    rows.reverse()
    return rows


def _place(cells: list[Cell], headers: list[str], region: int = -1, names_lead: bool = False) -> list[Placed]:
    kinds = _kinds(headers, names_lead)
    label_cols = [k for k, kind in enumerate(kinds) if kind == "label"]
    last: dict[int, Cell] = {}  # the label above in each label column (merged cells reach down)
    rows_seen: list[tuple[Cell, ...]] = []
    placed: list[Placed] = []
    for row, columns in _rows(cells, kinds):
        at = dict(zip(columns, row, strict=True))
        own = {k: at[k] for k in label_cols if k in at and _is_words(at[k].text)}
        if own:
            rightmost = max(own)
            names = {k: own.get(k) or last.get(k) for k in label_cols if k <= rightmost}
            last = {k: c for k, c in names.items() if c is not None}
        else:
            names = dict(last)
        labels = tuple(c for k in sorted(names, reverse=True) if (c := names[k]) is not None)
        above = rows_totalled(labels, rows_seen)
        for c, k in zip(row, columns, strict=True):
            if not c.text or not FIGURE.search(c.text) or PROSE.search(c.text):
                continue
            if kinds[k] == "label" and not BARE_FIGURE.match(c.text):
                continue  # a figure inside a row's name (指标1：…): prose, not a cell
            stuck = glued(c.text)
            placed.append(
                Placed(
                    c,
                    labels,
                    headers[k],
                    not stuck,
                    "单元格内数字粘连，无法读出" if stuck else "",
                    rows_above=above,
                    exact=len(row) == len(headers),
                    cause=Cause.CELL_GLUED if stuck else None,
                    region=region,
                )
            )
        if labels and (not rows_seen or rows_seen[-1] != labels):
            rows_seen.append(labels)
    return placed
