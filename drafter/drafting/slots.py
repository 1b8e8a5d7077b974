"""Figures locked: a model's 【F1】 filled with the fact's exact value, and checked for where it stands.

The prompt of a task (drafter.writing.tasks) may name each figure as a slot: 【F1】 is "开展示范宣讲进
基层440余场". A model that writes the slot cannot get the digits, the unit or the hedge (余) wrong; the
tool fills them in (`fill`) before any check. What it can still get wrong is the place: 【F3】
(三八红旗手30个) written after 三八红旗集体. So `misplaced` reads the clause around each filled slot
and asks whether it names the slot's fact: the share of the fact's own words (its label without the
figure) found there must reach `NAMED`, and no other slot of the task may be named better. A slot that
fails is re-asked, then marked 〔待核实〕. A model that writes digits instead of a slot is checked by
the number check as any answer is; a slot it made up (【F9】) is a problem like a misplaced one.

Writing the unit after a slot (【F1】场) is common: the repeated unit is dropped when the slot is filled.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from drafter.writing.tasks import Slot

SLOT = re.compile(r"[【\[〔［]\s*[FfＦ]\s*(\d{1,3})\s*[】\]〕］]")
# share of a fact's own characters its clause must hold: 开展宣讲【F1】 holds 4 of 开展示范宣讲进基层's 9
NAMED = 0.3
MIN_CLAUSE = 4  # a clause with fewer Chinese characters is judged by its whole sentence
_CLAUSE_STOP = re.compile(r"[，,、；;。！？!?\n：:]")
_SENTENCE_STOP = re.compile(r"[；;。！？!?\n]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_COMMON = frozenset("的了和与及在对为是等共全年度")  # words every clause has: they name nothing
_FIGURE_TAIL = re.compile(r"^[\d.,，]*")


@dataclass(frozen=True)
class Filled:
    """A slot the tool filled: where its value now stands in the text."""

    slot: Slot
    start: int
    end: int


@dataclass(frozen=True)
class Misplaced:
    """A slot the text cannot keep as written: in a clause that does not name its fact, or unknown."""

    token: str  # as the model wrote it
    sentence: str  # the sentence it stands in (after filling)
    slot: Slot | None  # None: the prompt named no such slot
    at: int  # where it stands in the filled text

    def instruction(self) -> str:
        """What the re-ask says about it."""
        if self.slot is None:
            return "没有这个代号，请删除，或改用列出的代号"
        return f"{self.slot.token}是“{self.slot.label}”，只能写在说这件事的句子里"


def fill(text: str, slots: Sequence[Slot]) -> tuple[str, list[Filled], list[Misplaced]]:
    """The text with every known slot replaced by its value (a unit written again after it dropped),
    where each value now stands, and the slots it does not know (left as written)."""
    by_name = {s.name: s for s in slots}
    out: list[str] = []
    filled: list[Filled] = []
    unknown: list[tuple[str, int]] = []
    at = size = 0
    for m in SLOT.finditer(text):
        if m.start() < at:
            continue
        out.append(text[at : m.start()])
        size += m.start() - at
        slot = by_name.get(f"F{int(m.group(1))}")
        at = m.end()
        if slot is None:
            unknown.append((m.group(), size))
            out.append(m.group())
            size += len(m.group())
            continue
        filled.append(Filled(slot, size, size + len(slot.value)))
        out.append(slot.value)
        size += len(slot.value)
        at += _repeated_unit(slot.value, text[at:])
    result = "".join(out) + text[at:]
    return (
        result,
        filled,
        [Misplaced(token, _around(result, pos, _SENTENCE_STOP), None, pos) for token, pos in unknown],
    )


def _repeated_unit(value: str, after: str) -> int:
    """How many characters after a slot repeat the end of its value (440余场 then 场: 1)."""
    unit = value[_FIGURE_TAIL.match(value).end() :]  # type: ignore[union-attr]
    for k in range(len(unit), 0, -1):
        if after.startswith(unit[-k:]):
            return k
    return 0


def misplaced(text: str, filled: Sequence[Filled], slots: Sequence[Slot]) -> list[Misplaced]:
    """The filled slots whose clause (or, for a very short clause, sentence) does not name their fact."""
    wrong = []
    for f in filled:
        clause = _around(text, f.start, _CLAUSE_STOP, f.end)
        if len(_CJK.findall(_without(clause, f, text))) < MIN_CLAUSE:
            clause = _around(text, f.start, _SENTENCE_STOP, f.end)
        around = _without(clause, f, text)
        own = named(f.slot, around)
        if own < NAMED or any(named(o, around) > own for o in slots if o.name != f.slot.name):
            wrong.append(
                Misplaced(f.slot.token, _around(text, f.start, _SENTENCE_STOP, f.end), f.slot, f.start)
            )
    return wrong


def named(slot: Slot, text: str) -> float:
    """The share of the slot's own characters (its label without the figure) that `text` holds."""
    own = set(_CJK.findall(slot.label.replace(slot.value, ""))) - _COMMON
    if not own:
        return 1.0
    return len(own & set(text)) / len(own)


def _around(text: str, start: int, stops: re.Pattern[str], end: int | None = None) -> str:
    """The clause or sentence holding text[start:end]."""
    end = start if end is None else end
    left = max((m.end() for m in stops.finditer(text, 0, start)), default=0)
    stop = stops.search(text, end)
    return text[left : stop.end() if stop else len(text)]


def _without(clause: str, f: Filled, text: str) -> str:
    """The clause without the slot's own value (a figure names nothing)."""
    return clause.replace(text[f.start : f.end], "", 1)
