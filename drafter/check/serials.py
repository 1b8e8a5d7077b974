"""A 序号 column of a table pasted one cell per line without borders: numbers, not claims.

Such a table reaches the checker as lines of cells with nothing to say where a row starts; its
figures are read by their labels as prose. Its 序号 cells are lines that hold one bare whole number,
and they run 1, 2, 3 … down the rows, each followed by the row's name. A run of at least three such
lines, each within a table row's reach of the one before, is a 序号 column whatever its header says
(or whether it has one): its numbers are ignored with the reason 序号, not bound by the label above
them to a 分值 or 得分 (2 read as the previous indicator's 得分).

Grid tables and bordered one-cell-per-line tables find their 序号 column as they read their rows
(drafter.check.tables, drafter.check.celllines).
"""

from __future__ import annotations

import bisect
import re

from drafter.check.causes import Cause
from drafter.check.layout import Doc
from drafter.check.result import Verdict
from drafter.check.tablelines import SERIAL_HEADER

_LEAST_RUN = 3
_REACH = 24  # lines from one 序号 to the next at most: a row of a wide table, wrapped cells included
_BARE = re.compile(r"[ \t\u3000|｜]*([1-9]\d{0,2})[ \t\u3000|｜]*")
_NAME = re.compile(r"[ \t\u3000|｜]*[\u4e00-\u9fff]")


def serial_lines(doc: Doc, verdicts: list[Verdict]) -> list[Verdict]:
    """Verdicts with the numbers of every unbordered 序号 run read as 序号 (ignored)."""
    candidates: list[tuple[int, int, int]] = []  # (line, value, verdict index)
    text = doc.text
    for k, v in enumerate(verdicts):
        m = v.mention
        if not m.is_quantity or m.value is None or m.value != m.value.to_integral_value() or m.value > 999:
            continue
        line = bisect.bisect_left(doc.lines, m.start)
        start = doc.lines[line - 1] + 1 if line > 0 else 0
        end = doc.lines[line] if line < len(doc.lines) else len(text)
        bare = _BARE.fullmatch(text, start, end)
        if bare is not None and int(bare.group(1)) == m.value and _name_follows(doc, line):
            candidates.append((line, int(m.value), k))
    if not candidates:
        return verdicts
    out = list(verdicts)
    for run in _runs(candidates):
        for k in run:
            out[k] = Verdict.ignored(verdicts[k].mention, Cause.ORDINAL_COLUMN, SERIAL_HEADER)
    return out


def _name_follows(doc: Doc, line: int) -> bool:
    """Does the next non-blank line start with words (the row's name after its 序号)?"""
    text = doc.text
    for nxt in range(line, min(line + 3, len(doc.lines))):
        start, end = doc.lines[nxt] + 1, doc.lines[nxt + 1] if nxt + 1 < len(doc.lines) else len(text)
        if text[start:end].strip(" \t\u3000|｜"):
            return bool(_NAME.match(text, start, end))
    return False


def _runs(candidates: list[tuple[int, int, int]]) -> list[list[int]]:
    """The runs 1, 2, 3 … among the candidate lines (in text order), each as its verdicts' indices."""
    runs: list[list[int]] = []
    for i, (line, value, k) in enumerate(candidates):
        if value != 1:
            continue
        run, last, want = [k], line, 2
        for line2, value2, k2 in candidates[i + 1 :]:
            if line2 - last > _REACH:
                break
            if value2 == want:
                run.append(k2)
                last, want = line2, want + 1
        if len(run) >= _LEAST_RUN:
            runs.append(run)
    return runs
