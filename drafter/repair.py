"""After the re-asks: fix what the data proves, mark what it cannot, so no wrong number goes unflagged.

A number whose words bind it to one fact is replaced by that fact's verified value. Anything else (a
number with no support, one the data itself gets wrong, a wrong year) stays as written and its sentence
is marked 〔待核实：…〕 for the reviewer. The marks carry no digits, so they are never read as claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.check.ground import Grounder, check
from drafter.check.result import CheckResult, Verdict

MARK = "〔待核实"
_MARKS = {
    "mismatch": "〔待核实：本句有数字与数据不符〕",
    "unsupported": "〔待核实：本句有数字在数据中找不到依据〕",
    "hedge": "〔待核实：本句约数用法与数据不符〕",
    "data": "〔待核实：本句数字所依据的数据自身有误，请核对原始数据〕",
}
SECTION_MARK = "〔待核实：本部分有数字未能核实，请逐一核对〕"
_SENTENCE_END = re.compile(r"[。！？；\n]")


@dataclass(frozen=True)
class Fix:
    """One change made to a section's text, recorded in draft.json."""

    action: str  # replaced or marked
    text: str  # the number as the model wrote it
    replacement: str | None
    fact_id: str | None
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {
            "action": self.action,
            "text": self.text,
            "replacement": self.replacement,
            "fact_id": self.fact_id,
            "reason": self.reason,
        }


def _replaceable(v: Verdict) -> bool:
    return (
        v.verdict in ("mismatch", "hedge")
        and v.bound
        and v.fact_id is not None
        and v.expected is not None
        and v.mention.is_quantity
        and "数据自身有误" not in v.reason
    )


def _mark_kind(v: Verdict) -> str:
    if "数据自身有误" in v.reason:
        return "data"
    return v.verdict if v.verdict in _MARKS else "mismatch"


def sentence_end(text: str, at: int) -> int:
    m = _SENTENCE_END.search(text, at)
    if m is None:
        return len(text)
    return m.end() if m.group() != "\n" else m.start()


def is_marked(text: str, after: int) -> bool:
    """Does the sentence holding position `after` carry a 〔待核实〕 mark (at or before its end)?

    A sentence that ends at a line break or at the end of the text gets its mark before the break,
    so the mark may stand anywhere between the number and the sentence's end.
    """
    end = sentence_end(text, after)
    return MARK in text[after:end] or text.startswith(MARK, end)


def unflagged(result: CheckResult) -> list[Verdict]:
    """Problems whose sentence carries no 〔待核实〕 mark (a section-level mark covers them all)."""
    if result.text.endswith(SECTION_MARK):
        return []
    return [v for v in result.problems if not is_marked(result.text, v.mention.end)]


def fix_or_mark(
    text: str, grounder: Grounder, required: set[str] | None = None
) -> tuple[str, list[Fix], CheckResult]:
    """Replace bound wrong numbers by their facts' values; mark the sentences of the rest."""
    result = check(text, grounder, required=required)
    fixes: list[Fix] = []
    for v in sorted(result.problems, key=lambda v: v.mention.start, reverse=True):
        if _replaceable(v):
            assert v.expected is not None
            text = text[: v.mention.start] + v.expected + text[v.mention.end :]
            fixes.append(Fix("replaced", v.mention.text, v.expected, v.fact_id, v.reason))
    result = check(text, grounder, required=required)
    for _ in range(3):  # a replacement can leave another problem in its sentence: mark until none is bare
        bare = unflagged(result)
        if not bare:
            break
        for v in sorted(bare, key=lambda v: v.mention.end, reverse=True):
            if is_marked(text, v.mention.end):
                continue
            end = sentence_end(text, v.mention.end)
            text = text[:end] + _MARKS[_mark_kind(v)] + text[end:]
            fixes.append(Fix("marked", v.mention.text, None, v.fact_id, v.reason))
        result = check(text, grounder, required=required)
    if unflagged(result):  # cannot happen by construction; if it ever does, flag the whole section
        text += SECTION_MARK
        fixes.append(Fix("marked", "", None, None, "本部分仍有无法定位的数字问题"))
    fixes.reverse()
    return text, fixes, result
