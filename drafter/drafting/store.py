"""Writing drafts: report.md and draft.json, atomically (temp file, fsync, rename), never the API key."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from drafter import __version__
from drafter.drafting.codes import OLD_FLAG_WORDING, OLD_NOTE_WORDING, read_remarks
from drafter.drafting.markdown import to_markdown
from drafter.drafting.record import Draft, SectionDraft
from drafter.errors import InputError
from drafter.io.atomic import write_text_atomic
from drafter.io.files import read_text
from drafter.io.limits import strip_controls


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` all at once: a reader sees the old file or the new, never half."""
    write_text_atomic(path, text)


def draft_json(draft: Draft) -> dict[str, Any]:
    sections = [s.to_dict() for s in draft.sections]
    usage = _recorded_usage(sections)  # sections kept from an earlier run count with what they cost
    cost = _recorded_cost(sections)
    return {
        "drafter": __version__,
        "title": draft.title,
        "preamble": draft.preamble,
        "closing": draft.closing,
        "data": draft.data_path,
        "data_sha256": draft.data_sha256,
        "writer": draft.writer,
        "endpoint": draft.endpoint,  # base URL and model only: the key is never written
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(draft.started)),
        "seconds": round(draft.seconds, 3),
        "complete": draft.complete,
        "usage": usage,
        "cost": cost,
        "flagged_sections": [s.section.id for s in draft.flagged],
        "sections": sections,
    }


def _recorded_usage(sections: list[dict[str, Any]]) -> dict[str, int]:
    total = {"prompt_tokens": 0, "completion_tokens": 0}
    for s in sections:
        usage = s.get("usage")
        if isinstance(usage, dict):
            for key in total:
                value = usage.get(key)
                total[key] += value if isinstance(value, int) else 0
    return total


def _recorded_cost(sections: list[dict[str, Any]]) -> str | None:
    from decimal import Decimal, InvalidOperation

    costs = []
    for s in sections:
        try:
            costs.append(Decimal(str(s["cost"])))
        except (KeyError, TypeError, InvalidOperation):
            continue
    return str(sum(costs, Decimal(0))) if costs else None


def save(draft: Draft, outdir: Path) -> tuple[Path, Path]:
    """Write report.md and draft.json into `outdir` (finished sections; the rest marked unfinished).

    Unconditional: `drafter draft` goes through drafter.drafting.outdir.OutputFolder, which never replaces a
    more complete draft.
    """
    return save_as(draft, outdir / "report.md", outdir / "draft.json")


def save_as(draft: Draft, report: Path, record: Path) -> tuple[Path, Path]:
    """Write the draft's report and record to these paths, each atomically (record first)."""
    write_atomic(record, json.dumps(draft_json(draft), ensure_ascii=False, indent=2) + "\n")
    write_atomic(report, to_markdown(draft))
    return report, record


_FINISHED = {"ok", "repaired", "flagged", "heading"}


def read_record(record: Path, hint: str = "remove --resume to draft afresh") -> dict[str, Any]:
    """An earlier draft.json, checked to be a draft record written by drafter (a list of sections)."""
    try:
        old = json.loads(read_text(record, "draft record"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{record}: not a draft record ({exc.msg})", hint) from None
    except InputError as exc:
        raise InputError(exc.message, hint) from None
    sections = old.get("sections") if isinstance(old, dict) else None
    if not isinstance(sections, list) or not all(isinstance(s, dict) for s in sections):
        raise InputError(f"{record}: not a draft record written by drafter (no list of sections)", hint)
    return old


def restore_section(sd: SectionDraft, prev: dict[str, Any]) -> bool:
    """Make `sd` the section recorded in `prev`, kept exactly as written; False for a foreign entry."""
    text, flags, notes = prev.get("text", ""), prev.get("flags", []), prev.get("notes", [])
    if not isinstance(text, str) or not isinstance(flags, list) or not isinstance(notes, list):
        return False  # a hand-edited or foreign entry: drafted again rather than trusted
    sd.text, sd.status, sd.writer = strip_controls(text), str(prev.get("status")), str(prev.get("writer", ""))
    sd.flags = read_remarks(flags, prev.get("flag_codes"), OLD_FLAG_WORDING)
    sd.notes = read_remarks(notes, prev.get("note_codes"), OLD_NOTE_WORDING)
    sd.restored = prev
    return True


def resume(draft: Draft, record: Path) -> int:
    """Take the finished sections of an earlier draft.json of the same data; returns how many.

    Sections are matched by id and heading; their text, status and record are kept as written.
    """
    old = read_record(record)
    if old.get("data_sha256") != draft.data_sha256:
        raise InputError(
            f"{record} was drafted from different data than {draft.data_path}",
            "remove --resume (or the output folder) to draft afresh",
        )
    by_id = {s.get("id"): s for s in old["sections"]}
    kept = 0
    for sd in draft.sections:
        prev = by_id.get(sd.section.id)
        if prev is None or prev.get("heading") != sd.section.heading or prev.get("status") not in _FINISHED:
            continue
        if restore_section(sd, prev):
            kept += sd.status != "heading"
    return kept
