"""A table whose rows are measures and whose columns name the subjects (fund lines as columns).

"项目 | 财政拨款 | 其他资金 | 合计" with rows 年初预算数 / 全年预算数 / 全年执行数: the usual reading (a
row names its subject, a column its measure) finds nothing, as 年初预算数 names no subject and 财政拨款
no measure. Read the other way round, the cell is the column's subject's figure of the row's measure;
a 合计 column is the unit's whole budget. Only where the header names no measure and the row does.
"""

from __future__ import annotations

import re

from drafter.check.columns import header_measure
from drafter.check.index import FactIndex
from drafter.check.layout import squeeze
from drafter.check.match import compatible
from drafter.check.tablelines import TOTAL, Placed
from drafter.facts.build import Fact
from drafter.numbers import Mention

_WHOLE = "budget.total"
_UNIT_NOTE = re.compile(r"[（(][^（）()]*[）)]")
_EQUIVALENT = {"budget": ("budget", "initial_budget"), "initial_budget": ("initial_budget", "budget")}
_NOT_FIGURES = frozenset({"ordinal", "text", "adjusted_target"})


def measure_row_cell(g: FactIndex, placed: Placed, m: Mention, year: int) -> list[Fact] | None:
    """The facts of the column's subject with the row's measure; None: not such a table."""
    if not placed.labels:
        return None
    measure = header_measure("".join(c.text for c in reversed(placed.labels)), year)
    if measure is None or measure in _NOT_FIGURES:
        return None
    header = squeeze(_UNIT_NOTE.sub("", placed.header))
    if not header:
        return None
    subjects = (_WHOLE,) if TOTAL.match(header) else _named(g, header)
    facts = [f for s in subjects for f in g.by_subject.get(s, ()) if compatible(f, m)]
    exact = [f for f in facts if f.measure == measure]
    return exact or [f for f in facts if f.measure in _EQUIVALENT.get(measure, ())] or None


def _named(g: FactIndex, header: str) -> tuple[str, ...]:
    """The subjects a header names whole: a label term of the data spanning it."""
    if g.term_re is None:
        return ()
    match = g.term_re.fullmatch(header)
    return tuple(g.term_subjects.get(match.group(), ())) if match else ()
