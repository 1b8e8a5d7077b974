"""A number never reaches across a table cell's border.

The number reader sees only characters: in a row copied from a PDF with single spaces
("上年结转资金 0 85.00 79.50— 93.53%—") it may read "79.50— 93.53%" as one range. Once the table
reader has found the cells, each mention that runs past its cell is read again cell by cell, so each
cell keeps its own figure under its own column.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from drafter.check.layout import Doc
from drafter.check.tables import Tables
from drafter.numbers import Mention, extract


def mentions(doc: Doc, lexicon: Mapping[str, Iterable[str]]) -> list[Mention]:
    """The mentions stage: every number of the text, each within its table cell."""
    return within_cells(doc.text, extract(doc.text, lexicon), doc.tables(), lexicon)


def within_cells(
    text: str,
    mentions: list[Mention],
    tables: Tables,
    lexicon: Iterable[str] | Mapping[str, Iterable[str]] | None = None,
) -> list[Mention]:
    """`mentions` with every one that spans several placed cells replaced by each cell's own."""
    if not len(tables):
        return mentions
    out: list[Mention] = []
    for m in mentions:
        first = tables.at(m.num_start)
        if first is None or not m.is_quantity or m.end <= first.cell.end:
            out.append(m)
            continue
        cells = [first.cell]
        at = first.cell.end
        while at < m.end:
            nxt = tables.next_cell(at)
            if nxt is None or nxt.cell.start >= m.end:
                break
            cells.append(nxt.cell)
            at = nxt.cell.end
        if len(cells) < 2:
            out.append(m)
            continue
        for cell in cells:
            out.extend(
                dataclasses.replace(
                    c,
                    start=c.start + cell.start,
                    end=c.end + cell.start,
                    num_start=c.num_start + cell.start,
                    num_end=c.num_end + cell.start,
                )
                for c in extract(text[cell.start : cell.end], lexicon)
            )
    return out
