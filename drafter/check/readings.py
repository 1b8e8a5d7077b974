"""A table's reading is a hypothesis the data must confirm, and a mismatch is claimed only inside one.

The table readers (drafter.check.tables, drafter.check.celllines) place each cell by row and column
from the layout alone; where the layout allows several readings (a space-aligned PDF row with cells
left out: by position under the header, or left to right; a header split over two lines joined or
not), they keep every candidate. Here the data decides:

- `choose_readings` judges the cells of each such table under every candidate and keeps the one whose
  cells agree with the facts their row and column name most often (then: fewest disagreeing).
- `confirm_tables` then claims a wrong figure only where the reading is confirmed: its row or its
  column has a cell that agrees with the data, so the disagreement is the exception. A cell of a table
  no reading confirms is `unreadable` (Cause.TABLE_UNCONFIRMED), not one of a list of mismatches; and a
  token that is two of its row's figures glued together (22 for 分值 2 and 得分 2, 1010, 0100%) is
  read as glued (Cause.CELLS_JOINED), never as a wrong figure.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from drafter.check.causes import Cause
from drafter.check.cells import row_subjects
from drafter.check.index import FactIndex
from drafter.check.layout import Doc
from drafter.check.match import accepts
from drafter.check.result import BindKind, Verdict
from drafter.check.tablelines import Placed
from drafter.facts.build import Fact
from drafter.numbers import Mention

Judging = Callable[[Doc, Mention], Verdict]

UNCONFIRMED = "本表的读法与数据对不上（同行同列没有一个数与数据一致），无法判断本格"
JOINED = "疑为相邻两格的数粘连（{} 与 {}），无法读出"
_WRONG = ("mismatch", "hedge")
_CLAIMS = (Cause.WRONG_VALUE, Cause.HEDGE_MISUSED)
# every verdict a cell claims by its row and column: each as unproven as the reading it stands in
_CELL_CLAIMS = frozenset({*_CLAIMS, Cause.NOT_IN_DATA, Cause.CELL_NOT_IN_DATA, Cause.VALUE_UNNAMED})
_DIGITS = re.compile(r"\d[\d.,]*")
_NUMBER = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d+)?$")
_LEADING_ZERO = re.compile(r"^0\d")


def choose_readings(doc: Doc, found: list[Mention], judge: Judging) -> dict[int, Verdict]:
    """For each table with several readings, place the one the data confirms most.

    Agreement counts the cells bound by row and column (a figure proved by its words elsewhere says
    nothing of the reading). The reading placed first is kept when none of its cells is a problem
    (most tables): only a table with wrong-looking cells is judged again under the other readings.
    The verdicts of the reading kept, by the mention's index in `found`, so none is judged twice.
    """
    tables = doc.tables()
    kept: dict[int, Verdict] = {}
    for region, candidates in tables.readings.items():
        mentions = _in_cells(found, [p for candidate in candidates for p in candidate])
        if not mentions:
            continue
        best, best_key, best_verdicts = 0, (0, 0), {}
        for k in range(len(candidates)):
            tables.choose(region, k)
            verdicts = {i: judge(doc, found[i]) for i in mentions}
            cells = [v for v in verdicts.values() if v.binding and v.binding.kind is BindKind.CELL]
            agree = sum(v.verdict == "ok" for v in cells)
            disagree = sum(v.verdict in _WRONG for v in cells)
            if k == 0 or (agree, -disagree) > best_key:
                best, best_key, best_verdicts = k, (agree, -disagree), verdicts
            if k == 0 and not any(v.is_problem for v in verdicts.values()):
                break  # confirmed as placed
        tables.choose(region, best)
        kept.update(best_verdicts)
    return kept


def _in_cells(found: list[Mention], placed: list[Placed]) -> list[int]:
    """The indices of the quantities standing in the placed cells."""
    cells = sorted((p.cell.start, p.cell.end) for p in placed)
    starts = [a for a, _ in cells]
    out = []
    for k, m in enumerate(found):
        i = bisect.bisect_right(starts, m.start) - 1
        if m.is_quantity and i >= 0 and m.start < cells[i][1]:
            out.append(k)
    return out


def confirm_tables(index: FactIndex, doc: Doc, verdicts: list[Verdict]) -> list[Verdict]:
    """Each table cell's claim kept only inside a confirmed reading; glued pairs read as glued.

    The honesty rule covers every verdict a cell gets from where it stands: a mismatch, a misused
    hedge and an `unsupported` (no figure of its row and column in the data) are all as unproven as
    the reading itself, so each is `unreadable` (Cause.TABLE_UNCONFIRMED) where no cell of its row or
    column agrees with the data. Inside a confirmed reading each stays what it is.
    """
    rows: set[tuple[int, tuple[int, ...]]] = set()
    columns: set[tuple[int, str]] = set()
    for v in verdicts:
        p = v.binding.placed if v.binding is not None else None
        if p is not None and p.region >= 0 and v.verdict == "ok" and v.cause is Cause.PROVED:
            rows.add((p.region, _row(p)))
            columns.add((p.region, p.header))
    rows |= _rows_of_another(index, verdicts)
    out = []
    for v in verdicts:
        p = v.binding.placed if v.binding is not None else None
        if p is None or p.region < 0 or v.verdict not in (*_WRONG, "unsupported"):
            out.append(v)
            continue
        pair = _joined(index, doc, v.mention, p)
        if pair is not None:
            out.append(_unreadable(v, Cause.CELLS_JOINED, JOINED.format(*pair)))
        elif (
            v.cause in _CELL_CLAIMS
            and (p.region, _row(p)) not in rows
            and (p.region, p.header) not in columns
        ):
            out.append(_unreadable(v, Cause.TABLE_UNCONFIRMED, UNCONFIRMED))
        else:
            out.append(v)
    return out


def _rows_of_another(index: FactIndex, verdicts: list[Verdict]) -> set[tuple[int, tuple[int, ...]]]:
    """Rows whose wrong cells are, column for column, the figures of one other subject of the data.

    Every column's figure is confirmed (they are that subject's 年初预算数, 执行数, 执行率): the reading
    holds, and the row states another project's figures, a real mistake.
    """
    subjects: dict[tuple[int, tuple[int, ...]], list[set[str]]] = {}
    for v in verdicts:
        b = v.binding
        if b is None or b.placed is None or b.placed.region < 0 or b.kind is not BindKind.CELL:
            continue
        if v.verdict not in _WRONG or not b.cell or v.mention.value is None:
            continue
        measure = b.cell[0].measure
        found = {f.subject for f in _of_value(index, v.mention) if f.measure == measure}
        subjects.setdefault((b.placed.region, _row(b.placed)), []).append(found)
    return {row for row, sets in subjects.items() if len(sets) >= 2 and set.intersection(*sets)}


def _of_value(index: FactIndex, m: Mention) -> list[Fact]:
    """Facts the figure can state (a bare table cell may state 万元)."""
    low, high, _, _ = m.interval()
    found = index.by_value(low, high)
    if m.dim == "number" and m.scale == 1:
        found = found + index.by_value(low * 10_000, high * 10_000)
    return [f for f in found if accepts(f, m)]


def _row(p: Placed) -> tuple[int, ...]:
    return tuple(c.start for c in p.labels)


def _unreadable(v: Verdict, cause: Cause, reason: str) -> Verdict:
    return dataclasses.replace(
        v,
        verdict="unreadable",
        fact_id=None,
        fact_label=None,
        expected=None,
        expected_value=None,
        derivation=None,
        reason=reason,
        cause=cause,
        also=(),
    )


def _joined(index: FactIndex, doc: Doc, m: Mention, p: Placed) -> tuple[str, str] | None:
    """Two of the row's figures glued into one token (22 for 2 and 2), as the two; None: not so.

    Only in a row narrower than its header (the glued token swallowed a column: in a full row, 11 for
    10 is a wrong figure even where the row holds two 1s), and each part another fact's figure. A
    figure with a leading zero (0100%) is no figure a table prints: glued, whatever the data says.
    """
    digits = _DIGITS.search(m.text)
    if digits is None:
        return None
    token = digits.group().replace(",", "").rstrip(".")
    if len(token) < 2:
        return None
    if _LEADING_ZERO.match(token):
        return token[:1], token[1:]
    if p.exact:
        return None
    values = _row_values(index, doc, p)
    if not values:
        return None
    for cut in range(1, len(token)):
        left, right = token[:cut], token[cut:]
        if not (_NUMBER.match(left) and _NUMBER.match(right)):
            continue
        a, b = _value(left), _value(right)
        if values.get(a, 0) and values.get(b, 0) > (a == b):
            return left, right
    return None


def _row_values(index: FactIndex, doc: Doc, p: Placed) -> dict[Decimal | None, int]:
    """The figures of the facts a cell's row names, each with how many facts have it."""
    counts: dict[Decimal | None, int] = {}
    for s in row_subjects(index, doc, p):
        for f in index.by_subject[s]:
            if f.origin != "derived":
                counts[f.value.normalize()] = counts.get(f.value.normalize(), 0) + 1
    return counts


def _value(s: str) -> Decimal | None:
    try:
        return Decimal(s).normalize()
    except InvalidOperation:
        return None
