"""What a section's flags and notes are, as codes the program decides by; the Chinese text is for people.

A flag is something a reviewer must look at, a note what happened, both written in Chinese for the
reader. The program never searches that wording: each flag and note is a `Remark`, a `str` (so it
prints, compares and serialises as the text it always was) that carries a `Code` set where the text
is made. draft.json keeps the codes beside the texts (`flag_codes`, `note_codes`); a record written
before codes existed has none, and `read_remarks` derives them from the old wording (a migration,
kept only for such files).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Code(StrEnum):
    """Why a flag or note was written."""

    OTHER = "other"
    WRITER_FALLBACK = "writer_fallback"  # the model failed the section; the built-in writer wrote it
    NOTHING_IN_DATA = "nothing_in_data"  # the data holds nothing for the section: left to fill in
    DATA_GAP = "data_gap"  # items the section needs that the data lacks: marked 〔待补充〕 in the text
    PROSE = "prose"  # the prose check: a rejected answer, or points a section left out
    COPIED = "copied"  # sentences copied from the few-shot examples, marked
    CORRECTED = "corrected"  # numbers replaced by the data's value
    UNVERIFIED = "unverified"  # numbers marked 〔待核实〕
    CHECKER_GAP = "checker_gap"  # the built-in writer's numbers the checker could not confirm
    NOT_WRITTEN = "not_written"  # required facts the section does not state
    CONTEXT_SHRUNK = "context_shrunk"  # the prompt was too long: fewer examples
    SLOT_MISPLACED = "slot_misplaced"  # a figure slot written in a sentence that does not name its fact
    TIDIED = "tidied"  # markup, repeated headings or restated instructions removed
    HINT_NOT_FOLLOWED = "hint_not_followed"  # drafter regen: the built-in writer cannot follow a hint


class Remark(str):
    """A flag or note: its text for the reader, its `code` for the program."""

    code: Code

    def __new__(cls, text: str, code: Code = Code.OTHER) -> Remark:
        obj = super().__new__(cls, text)
        obj.code = code
        return obj

    def __getnewargs__(self) -> tuple[str, Code]:  # type: ignore[override]
        return (str(self), self.code)


def code_of(remark: str) -> Code:
    """The code of a flag or note (a plain string, written without one: OTHER)."""
    return getattr(remark, "code", Code.OTHER)


def codes(remarks: Iterable[str]) -> list[str]:
    """The codes of `remarks`, in order, as draft.json stores them."""
    return [str(code_of(r)) for r in remarks]


def read_remarks(
    texts: list[object], stored: object, old_wording: dict[Code, tuple[str, ...]]
) -> list[Remark]:
    """Flags or notes read back from draft.json, each with its recorded code.

    Migration: a record written before codes existed (no list of codes beside the texts, or one that
    does not match them) gets each code from the old wording instead: the first code whose words
    the text contains, else OTHER. Nothing else reads the wording.
    """
    texts_ = [str(t) for t in texts]
    if isinstance(stored, list) and len(stored) == len(texts_) and all(c in _CODES for c in stored):
        return [Remark(t, Code(c)) for t, c in zip(texts_, stored, strict=True)]
    return [Remark(t, _old_code(t, old_wording)) for t in texts_]


_CODES = frozenset(c.value for c in Code)


def _old_code(text: str, old_wording: dict[Code, tuple[str, ...]]) -> Code:
    return next((code for code, words in old_wording.items() if any(w in text for w in words)), Code.OTHER)


# The wording of the version before codes, by code (migration of old draft.json files only)
OLD_FLAG_WORDING: dict[Code, tuple[str, ...]] = {
    Code.WRITER_FALLBACK: ("模型未能",),
    Code.NOTHING_IN_DATA: ("数据文件未提供本部分所需内容",),
    Code.PROSE: ("文字检查：",),
    Code.COPIED: ("照抄了参考范文",),
    Code.CORRECTED: ("已按数据改正",),
    Code.CHECKER_GAP: ("检查器缺陷",),
    Code.UNVERIFIED: ("无法核实",),
    Code.NOT_WRITTEN: ("未写明：",),
}
OLD_NOTE_WORDING: dict[Code, tuple[str, ...]] = {
    Code.PROSE: ("文字检查", "条要点"),
    Code.HINT_NOT_FOLLOWED: ("审核意见",),
    Code.CONTEXT_SHRUNK: ("提示词超出模型上下文",),
    Code.TIDIED: ("去除了",),
}
