"""What a prose check is given (a `Brief`: what the section was asked) and what it says (`Finding`s)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

# a line of the unit's material in a prompt: a "- " item, or a bracketed label with its content
# (【全年工作主题】…); 【任务】 opens the instructions, which name the unit but are not its material
_MATERIAL = re.compile(r"^\s*(?:- |【(?!任务】)[^】]+】\S)")


@dataclass(frozen=True)
class Brief:
    """What one section's answer is judged against: pure text, so the check needs no model code.

    `prompt` is the user message as sent (task, the unit's material, rules, few-shot passages);
    `material` the unit's own points it lists (activity bullets, issues, measures), which the answer
    should cover and may repeat freely; `passages` the few-shot passages (another unit's report);
    `reask` the last re-ask sent, if any; `finish_reason` what the server said about the answer's end.
    """

    prompt: str
    system: str = ""
    material: tuple[str, ...] = ()
    passages: tuple[str, ...] = ()
    heading: str = ""
    reask: str = ""
    finish_reason: str = ""
    coverage: bool = False  # judge recall of `material` (the section is written from those points)

    @property
    def own(self) -> str:
        """The unit's own material in the prompt (its "- " lines: points, facts), and the section's
        heading: text the answer may reuse as given. The task's instructions are not part of it."""
        head = self.prompt.partition("【写作要求】")[0]
        listed = [line for line in head.splitlines() if _MATERIAL.match(line)]
        return "\n".join((*listed, *self.material, self.heading))


class ProseCheck(StrEnum):
    """Which prose check a finding comes from: the code callers decide by (a StrEnum, so it is written
    to draft.json, and compares, as the plain name it always was)."""

    ECHO_PROMPT = "echo_prompt"
    ECHO_REASK = "echo_reask"
    HEADING = "heading"
    MARKDOWN = "markdown"
    FOREIGN = "foreign"
    REPETITION = "repetition"
    RUNAWAY = "runaway"
    TRUNCATED = "truncated"
    STUTTER = "stutter"
    ENUMERATED = "enumerated"
    COPIED = "copied"
    COVERAGE = "coverage"


@dataclass(frozen=True)
class Finding:
    """One reason an answer is not report prose.

    `reason` is a stable code (a `ProseCheck`: draft.json, tests), `message` says it in Chinese for
    the reviewer and the re-ask, `evidence` quotes what gave it away. A `fatal` finding rejects the
    whole answer; the others are recorded (a partly covered section, a copied sentence the loop
    marks 〔待核实〕), and flag the section when `review` says so.
    """

    reason: ProseCheck
    message: str
    evidence: str = ""
    fatal: bool = True
    sentences: tuple[str, ...] = field(default=())  # for `copied`: the answer's copied sentences
    review: bool = False  # not fatal, but a reviewer must look: the section is flagged

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"prose": self.reason, "message": self.message}
        if self.evidence:
            out["evidence"] = self.evidence
        if not self.fatal:
            out["fatal"] = False
        return out


def excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
