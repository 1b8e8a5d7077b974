"""drafter's own annotations in a draft: 〔待核实：…〕, 〔已更正：原为…〕, 〔待补充：…〕.

They are written for the reviewer and are never claims about the data. The 〔待核实〕 marks carry no
digits at all; a correction must show what it replaced (〔已更正：原为8名〕), so the checker reads
nothing inside a 〔已更正：…〕 annotation (`inside_annotation`): the number it quotes is the one that was
wrong, and the corrected number stands just before it, checked like any other.
"""

from __future__ import annotations

import bisect
import re

CORRECTED = "〔已更正："
_ANNOTATION = re.compile(r"〔已更正：[^〔〕\n]*〕")


def corrected(original: str) -> str:
    """The mark after a replaced number: what the text said before drafter corrected it."""
    return f"{CORRECTED}原为{original.strip()}〕"


def annotations(text: str) -> list[tuple[int, int]]:
    """Spans of the 〔已更正：…〕 annotations of a text, in order."""
    if CORRECTED not in text:
        return []
    return [(m.start(), m.end()) for m in _ANNOTATION.finditer(text)]


def inside_annotation(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (start, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]
