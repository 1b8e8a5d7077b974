"""report.md: the draft as Markdown headings and paragraphs, ready to paste into a document.

It holds no figures of its own beyond the sections' text (notes are digit-free, and the numbers a
correction quotes stand inside 〔已更正：…〕, which the checker never reads as claims), so `drafter check
report.md --data DATA` verifies exactly what the reader will see. Every number drafter replaced is
marked where it stands and listed under its section, so a reviewer finds each one by searching 已更正.
"""

from __future__ import annotations

from drafter.drafting.record import Draft, SectionDraft
from drafter.text.marks import CORRECTED

PENDING = "〔未完成：本部分尚未生成，请重新运行 drafter draft〕"


def to_markdown(draft: Draft) -> str:
    lines = [f"# {draft.title}", ""]
    if draft.flagged or not draft.complete:
        corrected = any(sd.done and sd.corrections for sd in draft.sections)
        lines += [
            "> 本稿由 drafter 生成。文中标注〔待核实〕〔待补充〕〔未完成〕之处需要人工处理，"
            + ("标注〔已更正〕之处是 drafter 按数据改正的数字，请复核；" if corrected else "")
            + "详见 draft.json。",
            "",
        ]
    if draft.preamble:
        lines += [draft.preamble, ""]
    for sd in draft.sections:
        lines.append(f"{'#' * (sd.section.level + 1)} {sd.section.heading}")
        lines.append("")
        if sd.status == "heading":
            continue
        body = sd.text if sd.done else PENDING
        lines += [_paragraphs(body), ""]
        if sd.done and sd.corrections:
            lines += [corrections_note(sd), ""]
    if draft.closing:
        lines += ["", draft.closing]
    return "\n".join(lines).rstrip() + "\n"


def _paragraphs(body: str) -> str:
    """A section's lines as written, with a blank line before and after each table (Markdown needs it)."""
    out: list[str] = []
    for line in body.split("\n"):
        if out and line.startswith("|") != out[-1].startswith("|"):
            out.append("")
        out.append(line)
    return "\n".join(out)


def corrections_note(sd: SectionDraft) -> str:
    """The section's corrections in one line, all inside one 〔已更正：…〕 annotation."""
    items = "；".join(f"“{f.text.strip()}”改为“{f.replacement}”" for f in sd.corrections)
    return f"> {CORRECTED}本部分按数据改正了以下数字，请复核——{items}〕"
