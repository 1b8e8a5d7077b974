"""`drafter show` and `drafter review` listings: the report as the reader sees it, every number
coloured by its verdict, each section's status, and the findings with their review decisions.

Everything is computed from report.md (what the reader will read) checked against the data exactly
as `drafter check` does, plus draft.json for how each section was made and which numbers drafter
replaced. So `drafter check OUTDIR/report.md`, `drafter show` and `drafter review` list the same
findings under the same ids.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from drafter.check.result import CheckResult
from drafter.data.load import load_data
from drafter.drafting.outdir import RECORD, REPORT
from drafter.drafting.progress import STATES
from drafter.drafting.store import read_record
from drafter.errors import InputError
from drafter.io.files import read_bytes, read_text
from drafter.io.limits import printable
from drafter.review.decisions import (
    DECISIONS,
    REVIEW,
    Finding,
    Reviewed,
    ReviewFile,
    check_report,
    corrections_in,
    findings_of,
    headings,
    sort_out,
)
from drafter.review.regen import record_data_path
from drafter.review.render import (
    STYLES,
    VERDICT_NAMES,
    findings_table,
    problems_table,
    summary_line,
    visible,
)

DECIDED_STYLE = {"confirmed": "bold cyan", "dismissed": "dim cyan"}
CORRECTED_STYLE = "bold blue underline"


@dataclass
class View:
    """A drafter output folder, checked: report text, record, result, findings and decisions."""

    outdir: Path
    record: dict[str, Any]
    text: str
    result: CheckResult
    findings: list[Finding]
    review: ReviewFile
    reviewed: Reviewed
    data_changed: bool


def open_view(outdir: Path, data: Path | None = None) -> View:
    import hashlib

    if not (outdir / RECORD).is_file() or not (outdir / REPORT).is_file():
        raise InputError(
            f"{outdir}: no {REPORT} and {RECORD} here", "pass the folder `drafter draft -o` wrote"
        )
    record = read_record(outdir / RECORD, f"draft again with `drafter draft DATA -o {outdir}`")
    data_path = record_data_path(outdir, record, data)
    changed = hashlib.sha256(read_bytes(data_path, "data file")).hexdigest() != record.get("data_sha256")
    text = read_text(outdir / REPORT, "report")
    result = check_report(text, load_data(data_path))
    findings = findings_of(result, corrections_in(record))
    review = ReviewFile.load(outdir / REVIEW)
    return View(outdir, record, text, result, findings, review, sort_out(findings, review), changed)


# ----------------------------------------------------------------------------------- colouring


def coloured(
    text: str, result: CheckResult, reviewed: Reviewed, start: int = 0, end: int | None = None
) -> Text:
    """text[start:end] with every number styled by verdict; decided findings and corrections apart."""
    end = len(text) if end is None else end
    out = Text(visible(text[start:end]))
    for v in result.verdicts:
        if start <= v.mention.start and v.mention.end <= end:
            out.stylize(STYLES[v.verdict], v.mention.start - start, v.mention.end - start)
    for f in reviewed.open:
        if f.kind == "corrected" and f.verdict_ref is not None and start <= f.verdict_ref.mention.start < end:
            m = f.verdict_ref.mention
            out.stylize(CORRECTED_STYLE, m.start - start, m.end - start)
    for f, d in reviewed.decided:
        if f.verdict_ref is not None and start <= f.verdict_ref.mention.start < end:
            m = f.verdict_ref.mention
            out.stylize(DECIDED_STYLE[d.decision], m.start - start, m.end - start)
    return out


def legend() -> Text:
    parts: list[Any] = []
    for verdict in ("ok", "mismatch", "unsupported", "hedge"):
        parts += [(VERDICT_NAMES[verdict], STYLES[verdict]), "  "]
    parts += [
        ("已更正 corrected", CORRECTED_STYLE),
        "  ",
        ("已确认 confirmed", DECIDED_STYLE["confirmed"]),
        "  ",
        ("误报 dismissed", DECIDED_STYLE["dismissed"]),
    ]
    return Text.assemble(*parts)


# -------------------------------------------------------------------------------------- show


def _bodies(text: str) -> dict[str, tuple[int, int]]:
    """heading -> (start, end) of the text under it, up to the next heading."""
    spans = headings(text)
    out = {}
    for i, (at, heading) in enumerate(spans):
        body = text.index("\n", at) + 1 if "\n" in text[at:] else len(text)
        end = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        out.setdefault(heading, (body, end))
    return out


def status_line(rec: dict[str, Any], reviewed: Reviewed, heading: str) -> Text:
    label, style = STATES.get(str(rec.get("status")), (str(rec.get("status")), ""))
    fixes = [f for f in rec.get("fixes", []) if isinstance(f, dict)]
    replaced = sum(1 for f in fixes if f.get("action") == "replaced")
    marked = sum(1 for f in fixes if f.get("action") == "marked")
    mine_open = [f for f in reviewed.open if f.section == heading]
    mine_decided = [d for f, d in reviewed.decided if f.section == heading]
    parts: list[Any] = [
        (label or "—", style),
        f"  writer {rec.get('writer') or '—'}",
        f" · attempts {len(rec.get('attempts', []) or [])}",
        f" · fixes {replaced} replaced, {marked} marked",
        f" · review {len(mine_open)} open",
    ]
    for decision, name in DECISIONS.items():
        n = sum(1 for d in mine_decided if d.decision == decision)
        if n:
            parts.append(f", {n} {name}")
    revision = rec.get("revision") if isinstance(rec.get("revision"), dict) else None
    if revision:
        hint = revision.get("hint")
        parts.append(
            f" · version {revision.get('version')}, regen {revision.get('at')}"
            + (f" “{hint}”" if hint else "")
        )
    return Text.assemble(*((printable(p) if isinstance(p, str) else (printable(p[0]), p[1])) for p in parts))


def why_table(view: View, start: int, end: int) -> Table | None:
    """Each number of a section with its provenance: the fact id or derivation, or what is wrong."""
    by_start = {f.start: f for f in view.findings if f.start is not None}
    decided = {f.fingerprint: d for f, d in view.reviewed.decided}
    rows = [v for v in view.result.verdicts if start <= v.mention.start < end and v.verdict != "ignored"]
    if not rows:
        return None
    table = Table(show_edge=False, pad_edge=False, expand=True)
    for col in ("文中", "判定", "依据 provenance", "审核 review"):
        table.add_column(col, overflow="fold")
    for v in rows:
        if v.verdict == "ok":
            why = v.derivation or f"{v.fact_label or ''} {v.fact_id or v.reason}".strip()
        else:
            why = v.reason + (f"（应为 {v.expected}）" if v.expected and v.expected not in v.reason else "")
        finding = by_start.get(v.mention.start)
        review = ""
        if finding is not None:
            d = decided.get(finding.fingerprint)
            kind = "已更正 " if finding.kind == "corrected" else ""
            review = f"{finding.id} {kind}" + (f"{DECISIONS[d.decision]}：{d.note}" if d else "待审 open")
        table.add_row(
            Text(printable(v.mention.text.strip()), style=STYLES[v.verdict]),
            VERDICT_NAMES[v.verdict],
            Text(printable(why or "—")),
            Text(printable(review)),
        )
    return table


def print_show(console: Console, view: View, sections: list[str] | None = None, why: bool = False) -> None:
    console.rule(Text(printable(str(view.record.get("title", view.outdir)))))
    console.print(legend())
    if view.data_changed:
        console.print(
            Text(
                "the data file changed since this draft was made: numbers are checked against "
                "the data as it is now",
                style="yellow",
            )
        )
    bodies = _bodies(view.text)
    for rec in view.record["sections"]:
        sid, heading = str(rec.get("id")), str(rec.get("heading", ""))
        if sections and sid not in sections:
            continue
        console.print()
        console.print(Text(printable(heading), style="bold"))
        if rec.get("kind") is None or rec.get("status") == "heading":
            continue
        console.print(status_line(rec, view.reviewed, heading))
        for flag in rec.get("flags", []):
            console.print(Text.assemble(("  ! ", "yellow"), printable(str(flag))))
        start, end = bodies.get(heading, (0, 0))
        body = coloured(view.text, view.result, view.reviewed, start, end)
        body.rstrip()
        console.print(body)
        if why and (table := why_table(view, start, end)) is not None:
            console.print(table)
    if not sections:
        console.print()
        print_findings(console, view.reviewed)


# -------------------------------------------------------------------------------- findings


def findings_list(title: str, rows: list[tuple[Finding, str]]) -> Table:
    """Findings with their ids; the 审核 column only when some are decided."""
    decided = any(decision for _, decision in rows)
    table = Table(title=title, expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("部分", overflow="fold", max_width=16)
    table.add_column("文中", overflow="fold", max_width=16)
    table.add_column("判定", no_wrap=True)
    table.add_column("句子 / 说明", overflow="fold", ratio=3)
    if decided:
        table.add_column("审核", overflow="fold", ratio=2)
    names = {**VERDICT_NAMES, "corrected": "已更正", "missing": "缺项", "data": "数据自身"}
    for f, decision in rows:
        what = f.sentence + ("\n" + f.detail if f.detail and f.detail != f.sentence else "")
        cells = [
            f.id,
            Text(printable(f.section or "—")),
            Text(printable(f.number or "—")),
            names.get(f.verdict, f.verdict),
            Text(printable(what)),
        ]
        table.add_row(*cells, *([Text(printable(decision))] if decided else []))
    return table


def print_findings(console: Console, reviewed: Reviewed) -> None:
    if reviewed.open:
        console.print(findings_list("待审 Open findings", [(f, "") for f in reviewed.open]))
    if reviewed.decided:
        console.print(findings_list("已审核 Decided", decided_rows(reviewed)))
    if reviewed.lapsed:
        ids = ", ".join(d.id for d in reviewed.lapsed)
        console.print(
            Text(
                f"{len(reviewed.lapsed)} decisions lapsed (their sentence changed or is gone): {ids}",
                style="yellow",
            )
        )
    console.print(review_summary(reviewed))


def decided_rows(reviewed: Reviewed) -> list[tuple[Finding, str]]:
    return [(f, f"{DECISIONS[d.decision]}：{d.note}（{d.by or '—'}，{d.at}）") for f, d in reviewed.decided]


def review_summary(reviewed: Reviewed) -> Text:
    open_checked = len(reviewed.open_checked)
    corrected = len(reviewed.open) - open_checked
    confirmed = sum(1 for _, d in reviewed.decided if d.decision == "confirmed")
    dismissed = len(reviewed.decided) - confirmed
    style = "bold green" if not reviewed.open else "bold red"
    return Text.assemble(
        (f"待审 {len(reviewed.open)}", style),
        f"（检查问题 {open_checked}，已更正的数字 {corrected}）；已确认 {confirmed}，误报 {dismissed}；"
        f"失效 {len(reviewed.lapsed)}",
    )


# ------------------------------------------------------------------------------ check + review


def print_checked(
    console: Console, result: CheckResult, reviewed: Reviewed, *, show_text: bool, title: str, source: Path
) -> None:
    """`drafter check` with review decisions: open problems as usual, decided ones in a table apart."""
    decided = {id(f.verdict_ref) for f, _ in reviewed.decided if f.verdict_ref is not None}
    data = {f.sentence for f, _ in reviewed.decided if f.kind == "data"}
    missing = {f.number for f, _ in reviewed.decided if f.kind == "missing"}
    open_result = replace(
        result,
        verdicts=[v for v in result.verdicts if id(v) not in decided],
        audit=[a for a in result.audit if a.message not in data],
        missing=[m for m in result.missing if (m.fact_id or m.message) not in missing],
    )
    console.rule(Text(title))
    if show_text:
        console.print(coloured(result.text, result, reviewed))
        console.print()
    for table in (problems_table(open_result), findings_table(open_result)):
        if table is not None:
            console.print(table)
    if reviewed.decided:
        console.print(findings_list(f"已审核 Decided ({source})", decided_rows(reviewed)))
    if reviewed.lapsed:
        console.print(
            Text(
                f"{len(reviewed.lapsed)} decisions in {source} lapsed (their sentence changed)",
                style="yellow",
            )
        )
    console.print(summary_line(open_result))
    console.print(review_summary(reviewed), Text("（已审核的不计入上一行）", style="dim"))


# ------------------------------------------------------------------------------------ diffs

_SENTENCE = re.compile(r"[^。！？；\n]*(?:[。！？；]|\n|$)")


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s]


def diff_text(old: str, new: str) -> Text:
    """Old against new, sentence by sentence: removed [-in red-], added {+in green+}, unchanged dim.

    The markers are wdiff's, and always there: piped or with NO_COLOR the colours go, and without
    them old and new would run together with nothing to tell which is which."""
    a, b = sentences(old), sentences(new)
    out = Text()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            for s in a[i1:i2]:
                out.append(visible(s), style="dim")
            continue
        for s in a[i1:i2]:
            out.append(f"[-{visible(s)}-]", style="red strike")
        for s in b[j1:j2]:
            out.append(f"{{+{visible(s)}+}}", style="green")
    return out
