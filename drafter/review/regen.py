"""`drafter regen`: redraft chosen sections of a finished draft, keep every other section as it was.

A reviewer reads the first draft and wants one section rewritten ("存在问题 is too generic"). The
draft is rebuilt from draft.json with every section restored exactly as recorded; only the chosen
ones are drafted again, by the same Drafter (render → generate → check → repair), with the
reviewer's hint in the prompt. So report.md and draft.json change only in those sections (and the
totals at the top of draft.json). The version replaced is kept in the section's `history` (its
record exactly as it was), so `--undo` restores it byte for byte.

Before anything is drafted, report.md must be what draft.json says it is: a report edited by hand
would lose those edits when rewritten from the record, so regen refuses and says why.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from drafter.data.load import load_data
from drafter.data.model import ReportData
from drafter.drafting.codes import Code, Remark
from drafter.drafting.markdown import to_markdown
from drafter.drafting.outdir import RECORD, REPORT, OutputFolder
from drafter.drafting.record import Draft, SectionDraft
from drafter.drafting.run import Drafter
from drafter.drafting.store import read_record, restore_section
from drafter.errors import InputError
from drafter.io.files import read_bytes
from drafter.io.limits import strip_controls
from drafter.text.plural import plural
from drafter.writing.builtin import NAME as TEMPLATE_WRITER
from drafter.writing.outline import Outline, load_outline, plan
from drafter.writing.prompts import reviewer_hint

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# draft.json's own fields a regen changes (the writer of a model regen, the time spent): each regenerated
# section's revision keeps them as they were, so --undo puts draft.json back byte for byte
DRAFT_FIELDS = ("writer", "endpoint", "seconds")
HINT_NOT_FOLLOWED = Remark(
    "审核意见未能采纳：本部分由内置模板写作器按数据写出，它不能按意见改写文字；"
    "请配置模型后重新运行 drafter regen，或直接修改本部分",
    Code.HINT_NOT_FOLLOWED,
)


@dataclass
class Change:
    """One regenerated (or undone) section: its text before and after."""

    id: str
    heading: str
    old: str
    new: str
    status: str
    writer: str
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass
class Workspace:
    """A finished draft read back from its folder: the record, the data it was drafted from, and a
    Draft whose sections are all restored exactly as recorded."""

    outdir: Path
    record: dict[str, Any]
    data: ReportData
    data_path: Path
    draft: Draft

    def section(self, sid: str) -> SectionDraft:
        return next(sd for sd in self.draft.sections if sd.section.id == sid)

    def recorded(self, sid: str) -> dict[str, Any]:
        return next(s for s in self.record["sections"] if s.get("id") == sid)


def reviewer() -> str | None:
    """Who is reviewing: DRAFTER_REVIEWER, else the login name (from the environment, else the
    account database: a service or `env -i` run has no $USER, and a decision with `by: null` cannot
    be traced). None only when the system knows no name at all."""
    import getpass

    for name in ("DRAFTER_REVIEWER", "USER", "LOGNAME", "USERNAME"):
        value = os.environ.get(name, "").strip()
        if value:
            return strip_controls(value)[:80]
    try:
        login = getpass.getuser().strip()  # pwd on POSIX; the environment alone on Windows
    except (OSError, KeyError, ImportError):
        return None
    return strip_controls(login)[:80] or None


def now() -> str:
    return time.strftime(TIME_FORMAT, time.localtime())


def record_data_path(outdir: Path, record: dict[str, Any], data: Path | None) -> Path:
    """The data file the draft was made from: --data, else the path draft.json records (as given on
    the command line, so relative to where drafter ran; the output folder's parent is tried too)."""
    if data is not None:
        return data
    recorded = record.get("data")
    if not isinstance(recorded, str) or not recorded:
        raise InputError(f"{outdir / RECORD}: names no data file", "pass the data file with --data")
    path = Path(recorded)
    for candidate in (path, outdir.parent / path):
        if candidate.is_file():
            return candidate
    raise InputError(
        f"{outdir / RECORD}: the data file it was drafted from ({recorded}) is not found",
        "pass the data file with --data",
    )


def open_workspace(
    outdir: Path, *, data: Path | None = None, outline: Outline | None = None, drafter: Drafter | None = None
) -> Workspace:
    """Read OUTDIR's draft.json and data; rebuild its Draft with every section restored."""
    record_path = outdir / RECORD
    if not record_path.is_file():
        raise InputError(
            f"{outdir}: no {RECORD} here", f"pass the folder `drafter draft -o` wrote (it holds {REPORT})"
        )
    record = read_record(record_path, f"draft again with `drafter draft DATA -o {outdir}`")
    data_path = record_data_path(outdir, record, data)
    data_bytes = read_bytes(data_path, "data file")
    sha = hashlib.sha256(data_bytes).hexdigest()
    if record.get("data_sha256") and record["data_sha256"] != sha:
        raise InputError(
            f"{data_path} has changed since {record_path} was drafted from it",
            f"draft again with `drafter draft {data_path} -o {outdir}` (or pass the data it was drafted "
            "from with --data)",
        )
    report_data = load_data(data_path)
    the_outline = outline or load_outline()
    planned = {s.id: s for s in plan(the_outline, report_data)}
    sections = []
    for rec in record["sections"]:
        section = planned.get(rec.get("id"))
        if section is None or section.heading != rec.get("heading"):
            raise InputError(
                f"{record_path}: section {rec.get('id')!r} ({rec.get('heading')}) is not in the outline for "
                f"{data_path}",
                "pass the outline it was drafted with (--outline), or draft again",
            )
        if rec.get("kind") is None and section.kind is not None:
            section = replace(section, kind=None)  # a heading kept for a chosen child (--sections)
        sections.append(section)
    drafter = drafter or Drafter(report_data)
    draft = drafter.new_draft(the_outline, sections, str(record.get("data", data_path)), sha)
    draft.title = str(record.get("title", draft.title))
    draft.preamble = str(record.get("preamble", ""))  # a draft made before outlines had them: none
    draft.closing = str(record.get("closing", ""))
    draft.writer = str(record.get("writer", draft.writer))
    draft.endpoint = record.get("endpoint") if isinstance(record.get("endpoint"), dict) else None
    draft.seconds = float(record.get("seconds") or 0.0)
    try:
        draft.started = datetime.strptime(str(record.get("created")), TIME_FORMAT).timestamp()
    except ValueError:
        pass
    for sd, rec in zip(draft.sections, record["sections"], strict=True):
        if not restore_section(sd, rec):
            raise InputError(f"{record_path}: section {sd.section.id} is not a drafter record", "draft again")
        _restore_extras(sd, rec)
    return Workspace(outdir, record, report_data, data_path, draft)


def _restore_extras(sd: SectionDraft, rec: dict[str, Any]) -> None:
    history = rec.get("history")
    sd.history = [h for h in history if isinstance(h, dict)] if isinstance(history, list) else []
    sd.revision = rec.get("revision") if isinstance(rec.get("revision"), dict) else None


def assert_report_matches(ws: Workspace) -> None:
    """report.md must be what draft.json makes: otherwise rewriting it would lose a reviewer's edits."""
    report = ws.outdir / REPORT
    try:
        on_disk = report.read_text(encoding="utf-8")
    except FileNotFoundError:
        return  # written again from the record
    except OSError as exc:
        raise InputError(f"{report}: cannot read ({exc.strerror})", "draft again") from None
    if on_disk != to_markdown(ws.draft):
        raise InputError(
            f"{report} differs from what {ws.outdir / RECORD} records (edited by hand?): rewriting it "
            "would lose those edits",
            f"copy your edits elsewhere, then delete {report}: drafter writes it again from the record",
        )


def resolve_sections(ws: Workspace, names: list[str], failed: bool) -> list[str]:
    """Section ids from names (an id, or a unique part of a heading); a heading-only parent stands for
    its sections; --failed adds every flagged section. In outline order, each once."""
    sds = ws.draft.sections
    chosen: set[str] = set()
    for name in names:
        name = name.strip()
        matches = [sd for sd in sds if sd.section.id == name] or [
            sd for sd in sds if name in sd.section.heading
        ]
        if len(matches) != 1:
            known = ", ".join(f"{sd.section.id} ({sd.section.heading})" for sd in sds if sd.section.kind)
            what = "no section" if not matches else plural(len(matches), "section")
            raise InputError(f"--section {name}: {what} match", f"sections are: {known}")
        target = matches[0]
        if target.section.kind is None:  # a parent heading: its sections
            descendants = _descendants(sds, target.section.id)
            if not descendants:
                raise InputError(f"--section {name}: a heading with nothing to write under it")
            chosen.update(descendants)
        else:
            chosen.add(target.section.id)
    if failed:
        chosen.update(sd.section.id for sd in sds if sd.flags and sd.section.kind is not None)
    return [sd.section.id for sd in sds if sd.section.id in chosen]


def _descendants(sds: list[SectionDraft], parent: str) -> set[str]:
    out: set[str] = set()
    frontier = {parent}
    while frontier:
        children = {sd.section.id for sd in sds if sd.section.parent in frontier}
        out |= {c for c in children}
        frontier = children
    return {sid for sid in out if next(sd for sd in sds if sd.section.id == sid).section.kind}


def regenerate(
    ws: Workspace, drafter: Drafter, ids: list[str], hint: str = "", by: str | None = None
) -> list[Change]:
    """Draft sections `ids` again (hint in the prompt); the replaced versions go into their history."""
    if not ws.draft.complete:
        raise InputError(
            f"{ws.outdir / RECORD}: the draft is not finished",
            f"finish it first: drafter draft {ws.data_path} -o {ws.outdir} --resume",
        )
    quoted = reviewer_hint(hint) if hint else ""
    at = now()
    fresh: dict[str, SectionDraft] = {}
    previous: dict[str, dict[str, Any]] = {}
    for i, sd in enumerate(ws.draft.sections):
        if sd.section.id in ids:
            prev = ws.recorded(sd.section.id)
            previous[sd.section.id] = prev
            new = SectionDraft(sd.section, hint=quoted)
            ws.draft.sections[i] = fresh[sd.section.id] = new
    drafter.on_update = lambda _: None
    asyncio.run(drafter.run(ws.draft))
    changes = []
    for sid, sd in fresh.items():
        prev = previous[sid]
        followed = sd.writer != TEMPLATE_WRITER
        if quoted and not followed:
            sd.notes.append(HINT_NOT_FOLLOWED)
        sd.revision = {
            "version": len(_history(prev)) + 2,
            "at": at,
            "by": by,
            "hint": quoted or None,
            "hint_followed": followed if quoted else None,
            "writer": sd.writer,
            "draft": {k: ws.record[k] for k in DRAFT_FIELDS if k in ws.record},
        }
        sd.history = [*_history(prev), {k: v for k, v in prev.items() if k != "history"}]
        changes.append(
            Change(
                sid,
                sd.section.heading,
                str(prev.get("text", "")),
                sd.text,
                sd.status,
                sd.writer,
                list(sd.flags),
                list(sd.notes),
            )
        )
    return changes


def _history(rec: dict[str, Any]) -> list[dict[str, Any]]:
    history = rec.get("history")
    return [h for h in history if isinstance(h, dict)] if isinstance(history, list) else []


def undo(ws: Workspace, ids: list[str] | None) -> list[Change]:
    """Put back the version each section had before its last regen (all sections of the last regen
    when `ids` is None). The current version is dropped; the record becomes exactly the earlier one."""
    if ids is None:
        revised = [sd for sd in ws.draft.sections if sd.history and sd.revision]
        if not revised:
            raise InputError(f"{ws.outdir}: no section was regenerated, so there is nothing to undo")
        last = max(str(sd.revision.get("at", "")) for sd in revised if sd.revision)
        ids = [sd.section.id for sd in revised if sd.revision and str(sd.revision.get("at", "")) == last]
    changes = []
    for sid in ids:
        sd = ws.section(sid)
        if not sd.history:
            raise InputError(f"section {sid} ({sd.section.heading}) has no earlier version to restore")
        _restore_draft_fields(ws, sd.revision)
        earlier = dict(sd.history[-1])
        if sd.history[:-1]:
            earlier["history"] = sd.history[:-1]
        old_text = sd.text
        fresh = SectionDraft(sd.section)
        restore_section(fresh, earlier)
        _restore_extras(fresh, earlier)
        ws.draft.sections[ws.draft.sections.index(sd)] = fresh
        for i, rec in enumerate(ws.record["sections"]):
            if rec.get("id") == sid:
                ws.record["sections"][i] = earlier
        changes.append(
            Change(
                sid,
                sd.section.heading,
                old_text,
                fresh.text,
                fresh.status,
                fresh.writer,
                list(fresh.flags),
                list(fresh.notes),
            )
        )
    return changes


def _restore_draft_fields(ws: Workspace, revision: dict[str, Any] | None) -> None:
    """draft.json's writer, endpoint and seconds as they were before the regen being undone."""
    before = revision.get("draft") if isinstance(revision, dict) else None
    if not isinstance(before, dict):
        return  # a regen recorded before these were kept: the sections alone are restored
    if "writer" in before:
        ws.draft.writer = str(before["writer"])
    if "endpoint" in before:
        ws.draft.endpoint = before["endpoint"] if isinstance(before["endpoint"], dict) else None
    if "seconds" in before:
        ws.draft.seconds = float(before["seconds"] or 0.0)


def save(ws: Workspace, folder: OutputFolder) -> tuple[Path, Path]:
    return folder.save(ws.draft)
