"""Review decisions: a reviewer's verdict on a finding, kept across re-runs by a stable fingerprint.

A finding is something a reviewer must look at: a number the checker flags, a number drafter
replaced (〔已更正〕), a fact the report never states, an error in the data itself. Its fingerprint is
the hash of what it is about — the section heading, the sentence (drafter's 〔…〕 marks and spacing
left out), the number as written and its occurrence in that sentence — so it is the same on every
run and after a regen of any other section, and changes when its own sentence does. A decision
(confirmed by hand, or dismissed as a false alarm, with a note, who and when) is kept in review.json
under that fingerprint; when the sentence changes, the decision no longer matches anything (it
lapses) and the finding comes back open. Only open findings count in an exit status.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter import __version__
from drafter.check import check
from drafter.check.examples import example_numbers_for
from drafter.check.result import CheckResult, Verdict
from drafter.drafting.store import write_atomic
from drafter.errors import InputError
from drafter.io.files import read_text

REVIEW = "review.json"
DECISIONS = {"confirmed": "已确认", "dismissed": "误报"}
_ANNOTATION = re.compile(r"〔[^〔〕\n]*〕")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)
ID_LENGTH = 7


@dataclass(frozen=True)
class Finding:
    """One thing a reviewer must look at, with what identifies it across runs."""

    kind: str  # number (the checker flags it), corrected (drafter replaced it), missing, data
    section: str  # the heading it stands under ("" outside any heading)
    sentence: str  # normalised: marks and spacing removed
    number: str  # the number as written (for missing / data: the fact id or the message)
    occurrence: int  # the same number twice in one sentence: 0, 1
    verdict: str  # mismatch, unsupported, hedge, corrected, missing, data
    detail: str  # what is wrong, or what was replaced
    start: int | None = None  # offset in the checked text
    verdict_ref: Verdict | None = field(default=None, compare=False, repr=False)

    @property
    def fingerprint(self) -> str:
        key = [self.kind, self.section, self.sentence, self.number, self.occurrence]
        return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()

    @property
    def id(self) -> str:
        return self.fingerprint[:ID_LENGTH]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "fingerprint": self.fingerprint,
            "kind": self.kind,
            "section": self.section,
            "sentence": self.sentence,
            "number": self.number,
            "verdict": self.verdict,
            "detail": self.detail,
        }


def normalise(sentence: str) -> str:
    """The sentence as the reviewer judged it: without drafter's 〔…〕 marks and without whitespace
    (spacing carries nothing in Chinese text, and a wrapped line must not lapse a decision)."""
    return "".join(_ANNOTATION.sub("", sentence).split())


def headings(text: str) -> list[tuple[int, str]]:
    """(offset, heading) of each Markdown heading line, in order."""
    return [(m.start(), m.group(1).strip()) for m in _HEADING.finditer(text)]


def heading_at(spans: list[tuple[int, str]], at: int) -> str:
    current = ""
    for start, heading in spans:
        if start > at:
            break
        current = heading
    return current


def findings_of(
    result: CheckResult, corrections: Sequence[tuple[str, str, str, str | None]] = ()
) -> list[Finding]:
    """The findings of a checked text: its problems, the data's errors, missing facts, and the numbers
    drafter replaced (`corrections`: heading, original text, replacement, fact id)."""
    spans = headings(result.text)
    out: list[Finding] = []
    seen: dict[tuple[str, str, str, str], int] = {}

    def add(
        kind: str,
        section: str,
        sentence: str,
        number: str,
        verdict: str,
        detail: str,
        start: int | None,
        ref: Verdict | None,
    ) -> None:
        key = (kind, section, sentence, number)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        out.append(Finding(kind, section, sentence, number, occurrence, verdict, detail, start, ref))

    for v in result.problems:
        detail = v.reason + (f"（应为 {v.expected}）" if v.expected and v.expected not in v.reason else "")
        add(
            "number",
            heading_at(spans, v.mention.start),
            normalise(v.sentence),
            v.mention.text.strip(),
            v.verdict,
            detail,
            v.mention.start,
            v,
        )
    used: set[int] = set()
    for heading, original, replacement, fact_id in corrections:
        v = _corrected_verdict(result, spans, heading, replacement, fact_id, used)
        sentence = normalise(v.sentence) if v is not None else ""
        add(
            "corrected",
            heading,
            sentence,
            replacement,
            "corrected",
            f"drafter 按数据把“{original}”改为“{replacement}”",
            v.mention.start if v else None,
            v,
        )
    for f in result.audit_errors:
        add("data", "", f.message, f.fact_id or "", "data", f.message, None, None)
    for f in result.missing:
        add("missing", "", "", f.fact_id or f.message, "missing", f.message, None, None)
    return out


def _corrected_verdict(
    result: CheckResult,
    spans: list[tuple[int, str]],
    heading: str,
    replacement: str,
    fact_id: str | None,
    used: set[int],
) -> Verdict | None:
    """The number a correction put in the text: under its heading, written as the replacement."""
    for i, v in enumerate(result.verdicts):
        if i in used or v.mention.text.strip() != replacement.strip():
            continue
        if heading_at(spans, v.mention.start) != heading or (fact_id and v.fact_id not in (fact_id, None)):
            continue
        used.add(i)
        return v
    return None


def corrections_in(record: dict[str, Any]) -> list[tuple[str, str, str, str | None]]:
    """The numbers drafter replaced, per section of a draft record: (heading, original, value, fact)."""
    out = []
    for s in record.get("sections", []):
        if not isinstance(s, dict) or not isinstance(s.get("fixes"), list):
            continue
        for fix in s["fixes"]:
            if isinstance(fix, dict) and fix.get("action") == "replaced" and fix.get("replacement"):
                fact = fix.get("fact_id")
                out.append(
                    (
                        str(s.get("heading", "")),
                        str(fix.get("text", "")).strip(),
                        str(fix["replacement"]),
                        fact if isinstance(fact, str) else None,
                    )
                )
    return out


# ------------------------------------------------------------------------------------ decisions


@dataclass
class Decision:
    fingerprint: str
    decision: str  # confirmed or dismissed
    note: str
    by: str | None
    at: str
    about: dict[str, Any]  # the finding as it was when decided (for the record and for lapsed ones)

    @property
    def id(self) -> str:
        return self.fingerprint[:ID_LENGTH]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "fingerprint": self.fingerprint,
            "decision": self.decision,
            "note": self.note,
            "by": self.by,
            "at": self.at,
            "finding": self.about,
        }


class ReviewFile:
    """review.json: the decisions for one report, keyed by fingerprint. Written atomically."""

    def __init__(self, path: Path, decisions: dict[str, Decision] | None = None) -> None:
        self.path = path
        self.decisions = decisions or {}

    @classmethod
    def load(cls, path: Path, must_exist: bool = False) -> ReviewFile:
        if not path.exists() and not must_exist:
            return cls(path)
        hint = f"fix or delete {path} (it holds the review decisions)"
        try:
            raw = json.loads(read_text(path, "review file"))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not a review file ({exc.msg})", hint) from None
        items = raw.get("decisions") if isinstance(raw, dict) else None
        if not isinstance(items, list):
            raise InputError(f"{path}: not a review file written by drafter (no list of decisions)", hint)
        decisions = {}
        for i, d in enumerate(items):
            ok = isinstance(d, dict) and isinstance(d.get("fingerprint"), str)
            if not ok or d.get("decision") not in DECISIONS:
                raise InputError(f"{path}: decision {i + 1} is not a drafter review decision", hint)
            decisions[d["fingerprint"]] = Decision(
                d["fingerprint"],
                d["decision"],
                str(d.get("note") or ""),
                d.get("by") if isinstance(d.get("by"), str) else None,
                str(d.get("at") or ""),
                d.get("finding") if isinstance(d.get("finding"), dict) else {},
            )
        return cls(path, decisions)

    def save(self) -> None:
        payload = {"drafter": __version__, "decisions": [d.to_dict() for d in self.decisions.values()]}
        try:
            write_atomic(self.path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        except OSError as exc:
            raise InputError(
                f"{self.path}: cannot write ({exc.strerror or exc})", "check the folder"
            ) from None

    def decide(self, finding: Finding, decision: str, note: str, by: str | None, at: str) -> Decision:
        made = Decision(finding.fingerprint, decision, note, by, at, finding.to_dict())
        self.decisions[finding.fingerprint] = made
        return made

    def reopen(self, fingerprint: str) -> Decision | None:
        return self.decisions.pop(fingerprint, None)


@dataclass
class Reviewed:
    """Findings sorted by the decisions: open ones, decided ones, and decisions that lapsed."""

    open: list[Finding]
    decided: list[tuple[Finding, Decision]]
    lapsed: list[Decision]

    @property
    def open_checked(self) -> list[Finding]:
        """The open findings an exit status counts: what the checker flags (not drafter's corrections,
        whose numbers the data proves)."""
        return [f for f in self.open if f.kind != "corrected"]


def sort_out(findings: list[Finding], review: ReviewFile) -> Reviewed:
    current = {f.fingerprint for f in findings}
    decided = [(f, review.decisions[f.fingerprint]) for f in findings if f.fingerprint in review.decisions]
    return Reviewed(
        open=[f for f in findings if f.fingerprint not in review.decisions],
        decided=decided,
        lapsed=[d for fp, d in review.decisions.items() if fp not in current],
    )


def find(findings: list[Finding], review: ReviewFile, wanted: str) -> Finding:
    """The finding whose id starts with `wanted` (at least 4 characters)."""
    wanted = wanted.strip().lower()
    if len(wanted) < 4 or not re.fullmatch(r"[0-9a-f]+", wanted):
        raise InputError(
            f"{wanted!r} is not a finding id", "ids are the 7 hex characters `drafter review` lists"
        )
    matches = [f for f in findings if f.fingerprint.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise InputError(f"id {wanted} matches {len(matches)} findings", "give more of its characters")
    lapsed = any(fp.startswith(wanted) for fp in review.decisions)
    raise InputError(
        f"no current finding has id {wanted}"
        + (" (its decision lapsed: the sentence changed since)" if lapsed else ""),
        "run `drafter review OUTDIR` to list the findings and their ids",
    )


def check_report(text: str, data: Any) -> CheckResult:
    """The check `drafter check` makes: the data's facts, and numbers copied from example reports."""
    return check(text, data, examples=example_numbers_for(data))


def review_file_for(report: Path, explicit: Path | None) -> Path | None:
    """`--review FILE`, else review.json beside the report (a drafter output folder)."""
    if explicit is not None:
        return explicit
    beside = report.parent / REVIEW
    return beside if beside.is_file() else None
