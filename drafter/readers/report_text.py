"""The text of a report and the map from its lines back to the source document.

Its own module so that each reader (drafter.readers.docx, .pdf) returns one without importing the
dispatch in drafter.readers.base, which imports them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class ReportText:
    """A report as text, one entry of `refs` per line of `text` ("" where a line has no source)."""

    text: str
    refs: list[str] = field(default_factory=list)
    # within a line of several cells ("a | b | c"): (offset in the line, reference) of each cell
    cells: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def from_lines(cls, lines: list[tuple[str, str | list[tuple[int, str]]]]) -> ReportText:
        """From (line, reference) pairs; a line must hold no line break of its own.

        A line of several table cells gives, instead of one reference, (offset, reference) per cell.
        """
        refs: list[str] = []
        cells: dict[int, list[tuple[int, str]]] = {}
        for i, (_, ref) in enumerate(lines):
            if isinstance(ref, list):
                cells[i] = ref
                ref = ref[0][1] if ref else ""
            refs.append(ref)
        return cls("\n".join(text for text, _ in lines) + "\n", refs, cells)

    def where(self, offset: int) -> str:
        """The source reference of the character at `offset` ("" for plain text)."""
        if not self.refs:
            return ""
        if not self._starts:
            at, self._starts = 0, []
            for line in self.text.split("\n"):
                self._starts.append(at)
                at += len(line) + 1
        i = bisect.bisect_right(self._starts, offset) - 1
        if not 0 <= i < len(self.refs):
            return ""
        if i in self.cells:
            within = offset - self._starts[i]
            return next((ref for start, ref in reversed(self.cells[i]) if start <= within), self.refs[i])
        return self.refs[i]
