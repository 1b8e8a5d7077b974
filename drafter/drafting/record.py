"""A draft's state: each section's attempts, text, check result, fixes, flags and notes, and the whole.

The section loop (drafter.drafting.run) updates these in place while it drafts; drafter.drafting.store
writes them as draft.json and reads finished ones back (--resume, drafter regen). A section's flags
and notes are `Remark`s (drafter.drafting.codes): text for the reader, a code for the program.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from drafter.check.result import CheckResult, Verdict
from drafter.drafting.codes import Code, code_of, codes
from drafter.drafting.repair import Fix
from drafter.models.base import Usage
from drafter.writing.outline import Section
from drafter.writing.prompts import Prompt


@dataclass
class Attempt:
    """One call to the writer, re-asks included."""

    n: int
    text: str
    usage: Usage
    seconds: float
    cost: Decimal | None
    problems: list[dict[str, Any]]
    raw: str = ""  # the answer as the model gave it, when tidying changed it (fixtures are made from these)
    finish_reason: str = ""  # the server's, when it is not a normal stop ("length": cut off)
    task: int | None = None  # the task of the section this call wrote (drafter.writing.tasks), by index
    max_tokens: int | None = None  # the answer budget the call was given

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "text": self.text,
            **({"raw": self.raw} if self.raw and self.raw != self.text else {}),
            **({"finish_reason": self.finish_reason} if self.finish_reason not in ("", "stop") else {}),
            "seconds": round(self.seconds, 3),
            "usage": {
                "prompt_tokens": self.usage.prompt_tokens,
                "completion_tokens": self.usage.completion_tokens,
            },
            "cost": None if self.cost is None else str(self.cost),
            "problems": self.problems,
            **({"task": self.task, "max_tokens": self.max_tokens} if self.task is not None else {}),
        }


@dataclass
class SectionDraft:
    """A section's state and result; updated in place while drafting."""

    section: Section
    status: str = "pending"  # pending, running, ok, repaired, flagged, heading, failed
    text: str = ""
    writer: str = ""
    prompt: Prompt | None = None
    attempts: list[Attempt] = field(default_factory=list)
    result: CheckResult | None = None
    fixes: list[Fix] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # what a reviewer must look at (Remarks: codes.py)
    notes: list[str] = field(default_factory=list)  # what happened, for the record (Remarks)
    restored: dict[str, Any] | None = None  # a finished section read back from draft.json (--resume)
    hint: str = ""  # a reviewer's request for this draft (drafter regen): shown to the model as data
    revision: dict[str, Any] | None = None  # drafter regen: when, by whom, with which hint
    history: list[dict[str, Any]] = field(default_factory=list)  # earlier versions, oldest first
    streamed: int = 0  # pieces of the current answer streamed so far (about one token each); not saved
    stream_started: float = 0.0  # perf_counter() when the current call began

    @property
    def done(self) -> bool:
        return self.status not in ("pending", "running")

    @property
    def writer_fallback(self) -> bool:
        """The model failed this section, and the built-in writer wrote it instead."""
        return self.flagged_for(Code.WRITER_FALLBACK)

    def flagged_for(self, code: Code) -> bool:
        return any(code_of(f) is code for f in self.flags)

    def noted_for(self, code: Code) -> bool:
        return any(code_of(n) is code for n in self.notes)

    @property
    def usage(self) -> Usage:
        return sum((a.usage for a in self.attempts), Usage())

    @property
    def corrections(self) -> list[Fix]:
        """Numbers drafter replaced by the data's value (each also marked 〔已更正〕 in the text).

        A section kept from an earlier run (--resume) lists the corrections its record holds.
        """
        if self.restored is not None and not self.fixes:
            return [
                Fix(
                    "replaced",
                    str(c.get("text", "")),
                    c.get("replacement"),
                    c.get("fact_id"),
                    str(c.get("reason", "")),
                )
                for c in self.restored.get("corrections", [])
                if isinstance(c, dict)
            ]
        return [f for f in self.fixes if f.action == "replaced"]

    @property
    def cost(self) -> Decimal | None:
        costs = [a.cost for a in self.attempts if a.cost is not None]
        return sum(costs, Decimal(0)) if costs else None

    def to_dict(self) -> dict[str, Any]:
        if self.restored is not None:
            return self.restored
        s = self.section
        out: dict[str, Any] = {
            "id": s.id,
            "heading": s.heading,
            "level": s.level,
            "kind": s.kind,
            "status": self.status,
            "writer": self.writer,
            "text": self.text,
            "flags": self.flags,
            "notes": self.notes,
            "flag_codes": codes(self.flags),
            "note_codes": codes(self.notes),
            "attempts": [a.to_dict() for a in self.attempts],
            "usage": {
                "prompt_tokens": self.usage.prompt_tokens,
                "completion_tokens": self.usage.completion_tokens,
            },
            "cost": None if self.cost is None else str(self.cost),
            "fixes": [f.to_dict() for f in self.fixes],
            "corrections": [f.to_dict() for f in self.corrections],
        }
        if self.prompt is not None:
            out["prompt"] = {
                "template": self.prompt.template,
                "sha256": self.prompt.sha256,
                "tokens": self.prompt.tokens,
                "fewshot": list(self.prompt.fewshot),
            }
        if self.result is not None:
            out["check"] = {
                "ok": self.result.ok,
                "numbers": [provenance_of(v) for v in self.result.verdicts if v.verdict != "ignored"],
                "missing": [f.to_dict() for f in self.result.missing],
            }
        if self.revision is not None:
            out["revision"] = self.revision
        if self.history:
            out["history"] = self.history
        return out


def provenance_of(v: Verdict) -> dict[str, Any]:
    """Per number: what it is, and the fact or derivation it came from (or what was wrong)."""
    out: dict[str, Any] = {"text": v.mention.text, "verdict": v.verdict, "start": v.mention.start}
    if v.fact_id:
        out["fact"] = v.fact_id
    if v.derivation:
        out["derivation"] = v.derivation
    if v.verdict != "ok":
        out["expected"] = v.expected
        out["reason"] = v.reason
    return out


@dataclass
class Draft:
    """A whole draft: sections in outline order, and what drafting them cost."""

    title: str
    data_path: str
    writer: str
    endpoint: dict[str, str] | None
    sections: list[SectionDraft]
    data_sha256: str = ""
    started: float = field(default_factory=time.time)
    seconds: float = 0.0
    preamble: str = ""  # the outline's opening paragraph (现将…报告如下：), rendered for this unit
    closing: str = ""  # the outline's 落款 (the unit's name) after the last section

    @property
    def usage(self) -> Usage:
        return sum((s.usage for s in self.sections), Usage())

    @property
    def cost(self) -> Decimal | None:
        costs = [c for s in self.sections if (c := s.cost) is not None]
        return sum(costs, Decimal(0)) if costs else None

    @property
    def flagged(self) -> list[SectionDraft]:
        return [s for s in self.sections if s.flags]

    @property
    def complete(self) -> bool:
        return all(s.done for s in self.sections)


def problems_of(result: CheckResult) -> list[dict[str, Any]]:
    """The check's problems as an attempt records them."""
    return [
        {
            "text": v.mention.text,
            "verdict": v.verdict,
            "expected": v.expected,
            "reason": v.reason,
            "sentence": v.sentence,
        }
        for v in result.problems
    ]
