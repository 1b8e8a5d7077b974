"""The numbers in the data's own free texts that contradict themselves: hedge words, 其中… lists.

Split from drafter.audit.rules (the budget's arithmetic): these findings read the texts, not the tables.
"""

from __future__ import annotations

from drafter.audit.findings import Finding, FindingCode
from drafter.facts.build import FactBase, source_texts
from drafter.numbers import extract
from drafter.numbers.parts import contradictions


def hedge_findings(facts: FactBase) -> list[Finding]:
    """A figure whose hedge words contradict each other (近…余)."""
    out = []
    for fact in facts:
        if fact.mention is not None and fact.mention.hedge_conflict:
            m = fact.mention
            out.append(
                Finding(
                    "hedge",
                    f"“{m.text.strip()}”的约数词互相矛盾（{m.hedge}）：近/不足表示少于，余/多/以上表示多于",
                    fact.id,
                    m.value,
                    None,
                    code=FindingCode.HEDGE_CONFLICT,
                )
            )
    return out


def listed_parts_findings(facts: FactBase) -> list[Finding]:
    """A free text of the data whose total its own 其中…其他 list cannot add up to."""
    out = []
    for path, text in source_texts(facts.data):
        if "其中" not in text:
            continue
        for c in contradictions(text, extract(text, facts.data.lexicon)):
            fact = next(
                (f for f in facts if f.source == path and f.mention and f.mention.start == c.whole.start),
                None,
            )
            if fact is not None:
                out.append(
                    Finding(
                        "sum",
                        f"{path}：{c.message()}",
                        fact.id,
                        fact.value,
                        None,
                        code=FindingCode.LISTED_PARTS_MISMATCH,
                    )
                )
    return out
