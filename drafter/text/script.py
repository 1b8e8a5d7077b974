"""Traditional characters read as simplified, one character for one, so text positions stay valid.

Reports from some units (and text pasted through some converters) arrive in traditional characters
(預算, 三級指標, 萬元). The checker and the fact base read both sides, report and data, through the same
table, so a label in either script names the same fact. The table (drafter/resources/t2s.txt) holds
the 3,563 characters OpenCC's t2s converts to a single character, generated once, not at run time.
"""

from __future__ import annotations

import functools
import re

from drafter.paths import resource


@functools.cache
def _table() -> tuple[dict[int, int], re.Pattern[str]]:
    lines = resource("t2s.txt").read_text(encoding="utf-8").split("\n")
    traditional, simplified = lines[1], lines[2]
    if len(traditional) != len(simplified):
        raise ValueError("drafter/resources/t2s.txt: the two character lines differ in length")
    return str.maketrans(traditional, simplified), re.compile(f"[{re.escape(traditional)}]")


def to_simplified(text: str) -> str:
    """`text` with traditional characters made simplified, one for one (same length, same positions)."""
    table, traditional = _table()
    return text.translate(table) if traditional.search(text) else text  # most texts have none
