"""What the words around a bound number claim beyond its label: its own clause, its table side, its bullets.

The label before a number names a subject; these rules read what else its sentence says of it:
- its own clause may name another subject of the bullets than the label before it (label_in_own_clause);
- in a goal table written as sentences, its column says whether it is the goal or the result (goal_column,
  on_side);
- a bullet's copy of one of the subject's other figures does not prove it (bullets_that_prove).
The judge (drafter.check.ground) applies them to the Binding before it compares figures.
"""

from __future__ import annotations

import bisect
import re

from drafter.check.figurewords import own_words
from drafter.check.index import FactIndex
from drafter.check.layout import Doc, squeeze
from drafter.check.result import Binding
from drafter.facts.build import Fact, clause_context
from drafter.numbers import Mention

_BORDER = re.compile(r"[|｜]")
_CLAUSE_BREAK = re.compile(r"[，,：:、；;]")
_ACHIEVED_HEAD = re.compile(r"实际完成|完成情况|完成值|实际值")
_TARGET_HEAD = re.compile(r"预期目标|年度目标|目标值|指标值|计划")
_HEADER_REACH = 15  # lines a row looks back for its table's header


def label_in_own_clause(doc: Doc, b: Binding, structured: list[Fact]) -> bool:
    """Does the number's own clause name a subject of the bullets other than the label before it?

    高血压患者规范管理率76.3%，2型糖尿病患者规范管理率72.8%: the second clause's words are no term of
    the data, so the nearest term (an earlier clause's indicator) reaches its number; but a bullet names
    2型糖尿病患者规范管理率, and the clause's own words, not the earlier label, say what 72.8% is.
    `b`: the number's binding (the label's distance; the bullets its clause words bind it to).
    """
    m, distance = b.mention, b.distance
    if not structured or distance < 2:
        return False  # a label right before the number: no words of the clause's own between them
    squeezed, kept = doc.squeezed()
    at = bisect.bisect_left(kept, m.start)
    if not _CLAUSE_BREAK.search(squeezed, max(0, at - distance), at):
        return False  # the label stands in the number's own clause
    left = squeeze(clause_context(doc.text, m.start, m.end)[0])
    if distance <= len(left) or not own_words(left):
        return False
    named = {f.subject for f in structured}
    return any(f.subject not in named for f in b.words)


def bullets_that_prove(
    index: FactIndex, m: Mention, structured: list[Fact], textual: list[Fact]
) -> list[Fact]:
    """The bullet figures that may prove a number its label bound to `structured` and did not prove.

    Where the label named the subject and its words picked the figure (计划4次, “三公”经费预算3.65万元),
    a bullet's copy of one of the subject's other figures (the indicator's 实际完成 4次; an indicator
    stating the 三公 actual 3.65万元) is that other figure, and does not prove it.
    """
    if not structured:
        return textual
    chosen = {(f.subject, f.measure) for f in structured}
    named = {f.subject for f in structured}
    kept_values = {f.value for f in structured}
    ruled_out = {
        f.value
        for s in named
        for f in index.compatible_of(s, m)
        if (f.subject, f.measure) not in chosen and f.value not in kept_values
    }
    return [
        f
        for f in textual
        if ((f.subject, f.measure) in chosen) or (f.subject not in named and f.value not in ruled_out)
    ]


def goal_column(doc: Doc, m: Mention) -> str | None:
    """In a table of 预期目标 | 实际完成情况 cells written as sentences, the side a number stands on.

    | 目标2 | 资助困难学生150名… | 资助困难学生126名… |: the two cells' words are alike, so only the
    column says the first is the goal and the second the result ("target", "achieved" or None).
    """
    text = doc.text
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.start)
    row = text[start : len(text) if end < 0 else end]
    if not _BORDER.search(row):
        return None
    cells = _cells(row)
    if len(cells) < 2:
        return None  # one cell per line: no row to read a column from
    at = len(_BORDER.findall(text, start, m.start))
    above = start
    for _ in range(_HEADER_REACH):
        if above <= 0:
            return None
        line_start = text.rfind("\n", 0, above - 1) + 1
        header = _cells(text[line_start : above - 1])
        above = line_start
        if len(header) != len(cells) or at >= len(header):
            continue
        sides = [_head_side(h) for h in header]
        if "target" in sides and "achieved" in sides:
            return sides[at]
    return None


def _head_side(cell: str) -> str | None:
    """预期目标 → target, 实际完成情况 → achieved; 年度目标完成情况 (both) → neither."""
    achieved, target = _ACHIEVED_HEAD.search(cell), _TARGET_HEAD.search(cell)
    if achieved and target:
        return None
    return "achieved" if achieved else ("target" if target else None)


def _cells(line: str) -> list[str]:
    """A row's cells. The empty part after a closing | is dropped only in a row with outer pipes
    (| a | b |); a row read from Word (a | b | ) ends with an empty cell that is one of its columns."""
    parts = _BORDER.split(line.rstrip())
    outer = _BORDER.match(line.lstrip()) is not None
    return parts[:-1] if outer and len(parts) > 1 and not parts[-1].strip() else parts


def on_side(facts: list[Fact], side: str | None) -> list[Fact]:
    """The facts a number on a goal table's side may state: the goal's or the result's, and any other."""
    if side is None:
        return facts
    return [f for f in facts if _side(f) in (None, side)]


def _side(f: Fact) -> str | None:
    if f.measure in ("target", "achieved"):
        return f.measure
    if f.id.startswith("goals.target"):
        return "target"
    return "achieved" if f.id.startswith("goals.achieved") else None
