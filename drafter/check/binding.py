"""The bind stage: what the words around each number name, as one `Binding` value.

A quantity is bound (a year, a date, a name is no quantity: nothing binds it), in this order, by
- its table cell: the row's label and the column's header name the figure (drafter.check.cells);
  a cell of the 序号 column, one that cannot be placed, or a column the row's subject lacks states no
  figure of the data (a FAULT binding, with its cause);
- the label before it: the nearest term of the data in its sentence (drafter.check.labels), as far
  as the sentence's scope words allow (drafter.check.scope: a sentence about 所属事业单位 states no
  figure of the unit's own, and 年初 at its head makes its budgets the initial ones);
- the words of its clause: the bullet figures whose clause words it repeats (drafter.check.textindex).
The judge (drafter.check.ground) reads the Binding to decide the verdict, and the Verdict keeps it, so
the repair (drafter.drafting.repair) reads the same binding: nothing binds a number twice.
"""

from __future__ import annotations

import dataclasses

from drafter.check.causes import Cause
from drafter.check.cells import CellFault, bind_cell
from drafter.check.figurewords import TARGET_AFTER
from drafter.check.index import FactIndex
from drafter.check.labels import LabelBinder
from drafter.check.layout import Doc
from drafter.check.result import Binding, BindKind
from drafter.check.scope import as_initial, initial_scope, names_other_body, other_body
from drafter.numbers import Mention

_OTHER_BODY = "本句所说为所属单位或系统（所属事业单位、二级机构、全系统等），不是本单位自身的数，数据中无此项"


class Binder:
    """Binds the numbers of a text to the facts of one FactIndex."""

    def __init__(self, index: FactIndex) -> None:
        self.index = index
        self.labels = LabelBinder(index)
        self.words = index.text_index

    def bind(self, doc: Doc, m: Mention) -> Binding:
        """What the words around the quantity `m` name."""
        text = doc.text
        if m.hedge is not None and TARGET_AFTER.match(text, m.end):
            m = dataclasses.replace(m, hedge=None, hedge_kind=None)  # 低于5%的年度指标值: 5% is the target
        placed = doc.tables().at(m.start)
        if placed is not None:  # a table cell: its row and column
            cell = bind_cell(self.index, doc, m, placed)
            if isinstance(cell, CellFault):
                return Binding(m, BindKind.FAULT, placed=placed, fault=cell.cause, note=cell.reason)
            if cell:
                return Binding(m, BindKind.CELL, cell=tuple(cell), placed=placed, term=placed.header)
        label = self.labels.label(doc, m)
        facts = label.facts
        if facts and not label.in_row:  # prose: scope words may move the sentence to another body or measure
            if other_body(doc, m.start):
                facts = [f for f in facts if names_other_body(f)]
                if not facts:
                    return Binding(m, BindKind.FAULT, placed=placed, fault=Cause.OTHER_BODY, note=_OTHER_BODY)
            if initial_scope(doc, m.start):
                facts = as_initial(facts, self.index.by_subject)
        b = Binding(
            m,
            BindKind.LABEL,
            label=tuple(facts),
            distance=label.distance,
            term=label.term,
            placed=placed,
            in_row=label.in_row,
            reader=(self.words, text),
        )
        if not facts:  # no label: the bullets' words are all there is, read now
            b.kind = BindKind.WORDS if b.words else BindKind.NONE
        return b
