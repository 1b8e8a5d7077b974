"""Does the checker bind each of the built-in writer's numbers to the fact the writer wrote it from?

The writer knows the fact behind every figure it writes (drafter.writing.provenance). Checking its draft and
comparing, number by number, tests the checker's binding against ground truth on every data file we
have. A disagreement is a checker bug (or a writer bug, when the writer wrote a number it cannot
trace): it is reported, never "repaired" — replacing a writer's number because the checker bound it to
another fact is how issue 6's wrong numbers reached report.md.

What counts as agreement, strictly: the checker proves the number (verdict ok) by the writer's fact,
or by a fact that means the same, and that fact accepts the number as written. Facts mean the same when
they are of the same subject and measure (a 执行率 stated in the data and the one computed from the
same line); or are the same statement (the same number in the same clause words, as when a bullet is
repeated); or when one is a number in the data's own text and the other a fact of the same value and
dimension that those very words name (a note "年中追加资金353.28万元" and the facts: entry 年中追加资金,
353.28万元: the clerk wrote one figure twice; an indicator's 年度指标值/实际完成值 is named by the
indicator's name, so indicator 医共体成员单位's 实际完成值 14个 and the facts: entry 医共体成员单位, 14家 are
one figure). A number inside a name the data gives (an indicator named 村集体经济年收入5万元以上村) that
the checker reads as that name agrees with the writer's tracing of it to the name. A fact with merely
the same value is not agreement: a checker that proves 5人 by the wrong fact would prove a wrong 5人
too. A number the data itself gets wrong (the audit's finding on the writer's own fact) is the data's
mistake, listed apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from drafter.check.causes import Cause
from drafter.check.ground import Grounder, check, make_grounder
from drafter.check.match import accepts
from drafter.check.result import CheckResult, Verdict
from drafter.data.model import ReportData
from drafter.facts.build import Fact, FactBase, build_facts
from drafter.writing.outline import plan, select_outline
from drafter.writing.prompts import render_writer
from drafter.writing.provenance import Span, Traced
from drafter.writing.sections import context


@dataclass(frozen=True)
class Disagreement:
    """One number of the writer's draft that the checker judged otherwise."""

    section: str
    kind: str  # other_fact, not_proved, data_error, untraced, ignored
    text: str  # the number as written
    sentence: str
    writer_fact: str | None
    checker_fact: str | None
    verdict: str
    reason: str

    def line(self, facts: FactBase) -> str:
        def name(fid: str | None) -> str:
            if fid is None:
                return "—"
            f = facts.get(fid)
            return f"{fid}（{f.label}）" if f is not None else fid

        why = f"{self.verdict}; {self.reason}" if self.reason else self.verdict
        return (
            f"[{self.section}] {self.kind}: “{self.text}” in “{self.sentence}”: "
            f"writer {name(self.writer_fact)}, checker {name(self.checker_fact)} ({why})"
        )


def same_meaning(a: Fact, b: Fact) -> bool:
    """Two facts that state the same thing (see the module docstring: strictly, not by value)."""
    if a.id == b.id:
        return True
    if a.origin != "text" and b.origin != "text":
        if a.subject == b.subject and a.dim == b.dim and a.value == b.value and a.measure != b.measure:
            # one line's budget and spending that coincide (项目经费42.50万元, both 42.50): no word can
            # tell them apart, and either proves the number, so a repair could not make it wrong
            return True
        return a.subject == b.subject and a.measure == b.measure and a.dim == b.dim
    if a.origin == "text" and b.origin == "text" and a.mention is not None and b.mention is not None:
        if a.mention.text.strip() == b.mention.text.strip() and a.context == b.context:
            return True
    if a.value != b.value or a.dim != b.dim:
        return False
    return _names(a, b) or _names(b, a)


def _names(text_fact: Fact, other: Fact) -> bool:
    """Do the words around a number of the data's text name the other fact (its label or a term)?"""
    if text_fact.origin != "text":
        return False
    words = text_fact.context.replace("\u2016", "")
    if text_fact.measure in ("target", "achieved"):  # an indicator's column is named by the indicator's name
        words += "\u2016".join(text_fact.terms)
    if other.measure in ("target", "achieved", "adjusted_target"):
        # 异地就医直接结算率76%，低于80%的年度目标: the bullet's sentence names the indicator
        words += "\u2016" + text_fact.around
    names = (other.label.split("（")[0], *other.terms)
    return any(len(n) >= 2 and n in words for n in names)


def compare(section: str, text: Traced, result: CheckResult, facts: FactBase) -> list[Disagreement]:
    """Each quantity of `text` against the writer's span over it."""
    out: list[Disagreement] = []
    spans = list(text.spans)
    covered: set[Span] = set()
    for v in result.verdicts:
        m = v.mention
        over = [s for s in spans if s.start < m.end and m.start < s.end]
        covered.update(over)
        if not m.is_quantity:
            if over and v.verdict == "ignored" and not _own_name(v, facts.get(over[0].fact_id)):
                out.append(_disagree(section, "ignored", v, over[0].fact_id))
            continue
        if not over:
            out.append(_disagree(section, "untraced", v, None))
            continue
        writer = facts.get(over[0].fact_id)
        if writer is None or len(over) > 1:
            out.append(_disagree(section, "untraced", v, over[0].fact_id))
            continue
        checker = facts.get(v.fact_id) if v.fact_id else None
        if v.verdict == "ok":
            if checker is not None and same_meaning(writer, checker) and accepts(checker, m):
                continue
            out.append(_disagree(section, "other_fact", v, writer.id))
        elif checker is not None and same_meaning(writer, checker) and _data_own(v, writer):
            out.append(_disagree(section, "data_error", v, writer.id))
        elif checker is None and v.verdict == "mismatch" and _own_contradiction(v, writer, facts):
            out.append(_disagree(section, "data_error", v, writer.id))
        elif checker is not None and not same_meaning(writer, checker):
            out.append(_disagree(section, "other_fact", v, writer.id))
        else:
            out.append(_disagree(section, "not_proved", v, writer.id))
    for s in spans:
        if s not in covered:
            out.append(
                Disagreement(section, "ignored", text[s.start : s.end], "", s.fact_id, None, "unread", "")
            )
    return out


def _own_name(v: Verdict, writer: Fact | None) -> bool:
    """The writer wrote a name that holds a number (村集体经济年收入5万元以上村) and the checker read it as
    that name: agreement, the number is no figure of its own."""
    return writer is not None and ".name#" in writer.id and v.cause is Cause.NAME_IN_DATA


def _data_own(v: Verdict, writer: Fact) -> bool:
    """The problem is the data's: the audit found its figure wrong, or its own text contradicts itself."""
    if v.says(Cause.DATA_INCONSISTENT):
        return True
    own = writer.mention
    return own is not None and own.hedge_conflict and v.mention.text.strip() == own.text.strip()


def _own_contradiction(v: Verdict, writer: Fact, facts: FactBase) -> bool:
    """The writer copied a sentence of the data's text that contradicts itself (共15条，其中8条、8条):
    the checker's mismatch, bound to no fact, is the data's own mistake."""
    if writer.origin != "text":
        return False
    source = _source_text(facts.data, writer.id.split("#")[0])
    sentence = v.sentence.strip().rstrip("。；;，,")
    return bool(sentence) and source is not None and sentence in source


def _source_text(data: object, path: str) -> str | None:
    """The data's text at a fact path (activities[0].bullets[2]), or None."""
    node: object = data
    for part in path.split("."):
        name, _, index = part.partition("[")
        node = getattr(node, name, None)
        if index:
            at = index.rstrip("]")
            if not isinstance(node, list) or not at.isdigit() or int(at) >= len(node):
                return None
            node = node[int(at)]
    return node if isinstance(node, str) else None


def _disagree(section: str, kind: str, v: Verdict, writer_fact: str | None) -> Disagreement:
    return Disagreement(
        section, kind, v.mention.text.strip(), v.sentence, writer_fact, v.fact_id, v.verdict, v.reason
    )


def writer_sections(data: ReportData, facts: FactBase | None = None) -> Iterator[tuple[str, Traced]]:
    """(section id, traced text) of every section the built-in writer drafts for `data`."""
    facts = facts or build_facts(data)
    for section in plan(select_outline(data), data):  # the outline the data asks for
        if section.writes:
            yield section.id, render_writer(context(section, data, facts))


def disagreements(
    data: ReportData, grounder: Grounder | None = None, sections: Iterable[tuple[str, Traced]] | None = None
) -> list[Disagreement]:
    """Every number of the writer's full draft of `data` the checker does not bind as the writer did."""
    grounder = grounder or make_grounder(data)
    facts = grounder.facts
    out: list[Disagreement] = []
    for sid, text in sections if sections is not None else writer_sections(data, facts):
        out += compare(sid, text, check(str(text), grounder), facts)
    return out
