"""A total its own 其中 parts disagree with: 视察调研12次，其中集中视察5次、专题调研8次.

The data holds such a sentence as the clerk wrote it, so each figure agrees with the data and the slip
passes unseen: the parts listed after 其中 add up to more than the whole they are part of. A count
followed by 其中 and two or more counts of the same kind, summing (at their lowest) above the most the
total can be, is a wrong total. People are left out: 其中党员15人、女性12人 may count one person twice.

A full list (其中…其他, every part named) is read by drafter.numbers.parts: a total it cannot add up to,
above or below, is wrong whatever the data says of it (listed_parts).
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from drafter.check.causes import Cause
from drafter.check.result import Verdict
from drafter.numbers import Mention, format_value
from drafter.numbers.parts import contradictions

_OPENS = re.compile(r"\s*[，,：:]?\s*其中[：:]?")
_LIST_END = re.compile(r"[；;。\n]")
_CHANGE = re.compile(r"(?:增加|减少|增长|下降|上年|同比|较|比|累计|超过|达到)\s*$")
_OVERLAPPING = frozenset({"person", "person_time"})  # one person may fall in two of the parts


def flag_part_lists(text: str, verdicts: list[Verdict]) -> list[Verdict]:
    """Verdicts with each total that its 其中 parts exceed marked a mismatch (expected: their sum)."""
    counts = [
        (k, v)
        for k, v in enumerate(verdicts)
        if v.mention.is_quantity and v.mention.dim == "count" and v.mention.value is not None
    ]
    out = list(verdicts)
    for n, (k, total) in enumerate(counts):
        m = total.mention
        if total.verdict != "ok" or m.family in _OVERLAPPING or m.upper is not None:
            continue
        opens = _OPENS.match(text, m.end)
        if opens is None:
            continue
        end = _LIST_END.search(text, opens.end())
        stop = end.start() if end else len(text)
        parts = [
            v.mention
            for _, v in counts[n + 1 :]
            if v.mention.end <= stop
            and v.mention.family == m.family
            and v.mention.upper is None
            and not _CHANGE.search(text, max(opens.end(), v.mention.start - 4), v.mention.start)
        ]
        if len(parts) < 2:
            continue
        lowest = sum((_least(p) for p in parts), Decimal(0))
        if lowest <= _most(m):
            continue
        whole = sum((p.value or Decimal(0) for p in parts), Decimal(0))
        shown = format_value(whole, m.unit)
        listed = " + ".join(p.text.strip() for p in parts)
        out[k] = dataclasses.replace(
            total,
            verdict="mismatch",
            expected=shown,
            expected_value=whole,
            reason=f"其中所列各项之和大于总数：{listed} = {shown}",
            cause=Cause.PARTS_EXCEED_TOTAL,
            also=(),
        )
    return out


def listed_parts(text: str, mentions: list[Mention], verdicts: list[Verdict]) -> list[Verdict]:
    """A total its own 其中…其他 list cannot add up to is wrong, whatever the data says of it."""
    found = {c.whole.start: c for c in contradictions(text, mentions)}
    if not found:
        return verdicts
    out = []
    for v in verdicts:
        c = found.get(v.mention.start)
        if c is not None and v.verdict == "ok" and v.mention is c.whole:
            v = Verdict(
                v.mention,
                "hedge" if v.mention.hedge else "mismatch",
                expected=c.total(),
                reason=c.message(),
                sentence=v.sentence,
                cause=Cause.LISTED_PARTS,
                binding=v.binding,
            )
        out.append(v)
    return out


def _exact(m: Mention) -> bool:
    """A whole count as written (12次): exactly that many, not a rounded figure (4.8万人次)."""
    return m.hedge is None and m.decimals == 0 and m.scale == 1


def _least(m: Mention) -> Decimal:
    assert m.value is not None
    return m.value if _exact(m) else m.interval()[0]


def _most(m: Mention) -> Decimal:
    assert m.value is not None
    return m.value if _exact(m) else m.interval()[1]
