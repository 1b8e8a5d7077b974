"""After the re-asks: fix what the data proves, mark what it cannot, so no wrong number goes unflagged.

A replacement must never make a number wrong (issue 6: a checker that bound correct figures to the
wrong facts "repaired" them into wrong ones). So a wrong number is replaced only when its binding is
certain: its words bind it to exactly one fact, it is written in that fact's dimension (money as money,
人 as a count: a bare figure is never given a unit), and its value is not itself a value the section
was given — a given value under another label is a question of binding (which of the two is wrong?):
it is marked, not replaced. The built-in writer's numbers are never replaced: it wrote each from its
fact (drafter.writing.provenance), so a problem there is the checker's, marked and flagged as such.

Every replacement stays visible: the corrected number is followed by 〔已更正：原为…〕 (the checker
reads nothing inside it, drafter.text.marks), and the section lists its corrections in report.md and
draft.json. Anything else (a number with no support, one the data itself gets wrong, a wrong year)
stays as written and its sentence is marked 〔待核实：…〕. Those marks carry no digits.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from drafter.check.causes import Cause
from drafter.check.ground import Grounder, check
from drafter.check.layout import Doc
from drafter.check.match import accepts
from drafter.check.result import CheckResult, Verdict
from drafter.text.marks import corrected
from drafter.writing.provenance import Span

MARK = "〔待核实"
_MARKS = {
    "mismatch": "〔待核实：本句有数字与数据不符〕",
    "unsupported": "〔待核实：本句有数字在数据中找不到依据〕",
    "hedge": "〔待核实：本句约数用法与数据不符〕",
    "data": "〔待核实：本句数字所依据的数据自身有误，请核对原始数据〕",
    "given": "〔待核实：本句数字是本部分数据中另一项的值，请核对是否写错了位置〕",
    "writer": "〔待核实：本句数字由内置写作器按数据写出，但检查未能确认其依据，请核对〕",
    "unreadable": "〔待核实：本句表格数字无法对应到数据的行和列，请核对〕",
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
    mark: str = ""  # for a marked number, why: mismatch, unsupported, hedge, data, given, writer

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "action": self.action,
            "text": self.text,
            "replacement": self.replacement,
            "fact_id": self.fact_id,
            "reason": self.reason,
        }
        if self.mark:
            out["mark"] = self.mark
        return out


def _replaceable(v: Verdict) -> bool:
    return (
        v.verdict in ("mismatch", "hedge")
        and v.bound
        and v.fact_id is not None
        and v.expected is not None
        and v.mention.is_quantity
        and not v.says(Cause.DATA_INCONSISTENT)
        # a signed change (-30万元) is what 减少30万元 states, never a figure to print in its place: the
        # 0.5B smoke run had 发放救助金7万元 "corrected" to -30万元 through a 结余 label
        and not str(v.expected).lstrip().startswith(("-", "−"))
    )


def judgement(v: Verdict, grounder: Grounder, doc: Doc, given: Collection[str] = ()) -> str:
    """'replace' when the data proves what the number must be; otherwise the kind of mark it gets.

    The binding is the one the check made (kept on the verdict); only a verdict made without one (by a
    checker a caller put in the grounder's place) is bound here.
    """
    if v.says(Cause.DATA_INCONSISTENT):
        return "data"
    if not _replaceable(v):
        return v.verdict if v.verdict in _MARKS else "mismatch"
    m = v.mention
    bound = v.binding.facts if v.binding is not None else grounder.bindings(doc, m)
    if len(bound) != 1 or bound[0].id != v.fact_id or bound[0].dim != m.dim:
        return v.verdict if v.verdict in _MARKS else "mismatch"
    for fid in given:
        other = grounder.facts.get(fid)
        if other is not None and fid != v.fact_id and (other.value == m.value or accepts(other, m)):
            return "given"
    return "replace"


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


def to_mark(result: CheckResult) -> list[Verdict]:
    """What a drafted text may not carry bare: the problems, and cells the checker could not place.

    `drafter check` does not count an unreadable cell as a problem (it cannot tell right from wrong
    there, and says so); in a draft nothing unproved may reach the reader unmarked, so it is marked.
    """
    return [v for v in result.verdicts if v.is_problem or v.verdict == "unreadable"]


def unflagged(result: CheckResult) -> list[Verdict]:
    """Problems (and unreadable cells) whose sentence carries no 〔待核实〕 mark (a section-level mark
    covers them all)."""
    if result.text.endswith(SECTION_MARK):
        return []
    return [v for v in to_mark(result) if not is_marked(result.text, v.mention.end)]


def fix_or_mark(
    text: str,
    grounder: Grounder,
    required: set[str] | None = None,
    *,
    given: Collection[str] = (),
    written: Sequence[Span] | None = None,
) -> tuple[str, list[Fix], CheckResult]:
    """Replace the wrong numbers whose binding is certain (visibly); mark the sentences of the rest.

    `given`: ids of the facts the section was written from (drafter.writing.provenance.given_facts).
    `written`: the built-in writer's provenance, when it wrote the text: nothing is replaced then.
    """

    def decide(v: Verdict, doc: Doc) -> str:
        if v.verdict == "unreadable":
            return "writer" if written is not None else "unreadable"
        if written is not None:  # the writer's own figures: a problem here is the checker's
            if v.says(Cause.DATA_INCONSISTENT):
                return "data"
            return "hedge" if v.mention.hedge_conflict else "writer"  # 近1万余: the data's own words
        return judgement(v, grounder, doc, given)

    result = check(text, grounder, required=required, drafted=True)
    fixes: list[Fix] = []
    doc = Doc(text)
    for v in sorted(result.problems, key=lambda v: v.mention.start, reverse=True):
        if decide(v, doc) == "replace":
            assert v.expected is not None
            text = text[: v.mention.start] + v.expected + corrected(v.mention.text) + text[v.mention.end :]
            fixes.append(Fix("replaced", v.mention.text, v.expected, v.fact_id, v.reason))
    if fixes:
        result = check(text, grounder, required=required, drafted=True)
    for _ in range(3):  # a replacement can leave another problem in its sentence: mark until none is bare
        bare = unflagged(result)
        if not bare:
            break
        doc = Doc(text)
        kinds = [(v, decide(v, doc)) for v in bare]
        for v, kind in sorted(kinds, key=lambda vk: vk[0].mention.end, reverse=True):
            if is_marked(text, v.mention.end):
                continue
            if kind == "replace":  # a problem only a replacement made: never replace twice
                kind = v.verdict if v.verdict in _MARKS else "mismatch"
            end = sentence_end(text, v.mention.end)
            text = text[:end] + _MARKS[kind] + text[end:]
            fixes.append(Fix("marked", v.mention.text, None, v.fact_id, v.reason, kind))
        result = check(text, grounder, required=required, drafted=True)
    if unflagged(result):  # cannot happen by construction; if it ever does, flag the whole section
        text += SECTION_MARK
        fixes.append(Fix("marked", "", None, None, "本部分仍有无法定位的数字问题"))
    fixes.reverse()
    return text, fixes, result
