"""drafter's own Word file passes drafter's own check, for every data file of the project (issue 17).

Each data file is drafted in-process as `drafter draft` does it (the data's outline, its scoring), its
report.md and report.docx are checked as `drafter check --data` does it (the data as loaded, the example
numbers), and the two must agree: the body of the .docx (its paragraphs, and the Word tables a
section's Markdown tables become) gives the problems report.md gives, and the tables raise none but the
data's own (a figure the audit finds wrong is still wrong when the table prints it). So whenever
report.md passes, the .docx passes. All 66 draftable files take about 26 s of CPU on one core
(drafting is most of it), checked in one test each; 25 of them (the table outline's) hold 75 tables.
"""

from __future__ import annotations

import asyncio
import functools
from collections import Counter
from pathlib import Path

import pytest

from drafter.check import check
from drafter.check.causes import Cause
from drafter.check.examples import example_numbers_for
from drafter.check.result import CheckResult, Verdict
from drafter.data.load import load_data
from drafter.drafting.markdown import to_markdown
from drafter.drafting.run import Drafter
from drafter.drafting.store import draft_json
from drafter.errors import InputError
from drafter.export.docx import build
from drafter.readers import read_report
from drafter.readers.report_text import ReportText
from drafter.writing.outline import plan, select_outline, with_scoring

ROOT = Path(__file__).resolve().parents[2]
DATA_FILES = sorted(
    path.relative_to(ROOT).as_posix()
    for pattern in (
        "examples/*/data.yaml",
        "eval/*/*/data.yaml",  # every set: corpus, round3, unseen2, unseen3 …
    )
    for path in ROOT.glob(pattern)
)
# data files of 项目支出 tables that name an outline drafter does not have: `drafter draft` refuses them
NOT_DRAFTABLE = {
    "eval/round3/gx-binyang-youeryuan-2023/data.yaml",
    "eval/unseen2/gz-meitan-zhongyiyuan-2023/data.yaml",
}
DRAFTED = [name for name in DATA_FILES if name not in NOT_DRAFTABLE]


def test_every_data_file_is_drafted_but_the_two_drafter_refuses() -> None:
    assert len(DATA_FILES) >= 66 and NOT_DRAFTABLE <= set(DATA_FILES)
    for name in sorted(NOT_DRAFTABLE):
        path = ROOT / name
        with pytest.raises(InputError, match="neither a built-in outline"):
            select_outline(load_data(path), None, path)


@functools.cache
def _drafted(name: str) -> tuple[str, bytes]:
    """(report.md, report.docx bytes) of the built-in draft of one data file, as `drafter draft` makes it."""
    path = ROOT / name
    outline = select_outline(load_data(path), None, path)
    data = with_scoring(load_data(path), outline)
    drafter = Drafter(data)
    draft = drafter.new_draft(outline, plan(outline, data), str(path))
    asyncio.run(drafter.run(draft))
    return to_markdown(draft), build(draft_json(draft), load_data(path))


def _check(text: str, name: str) -> CheckResult:
    data = load_data(ROOT / name)  # as `drafter check --data` reads it
    return check(text, data, examples=example_numbers_for(data))


def _problems(verdicts: list[Verdict]) -> Counter[tuple[str, str, Cause | None]]:
    return Counter((v.mention.text, v.verdict, v.cause) for v in verdicts if v.is_problem)


def _attachment(source: ReportText) -> str:
    """The reference of the 附件 自评表, the file's last table: a section's own Markdown tables (the
    table outline's) are Word tables before it."""
    tables = {ref.split(" 行")[0] for ref in source.refs if ref.startswith("表 ")}
    return max(tables, key=lambda t: int(t.split()[1]))


@pytest.mark.parametrize("name", DRAFTED)
def test_the_docx_passes_the_check_whenever_report_md_does(tmp_path: Path, name: str) -> None:
    report_md, blob = _drafted(name)
    path = tmp_path / "report.docx"
    path.write_bytes(blob)
    source = read_report(path)
    md, word = _check(report_md, name), _check(source.text, name)
    attachment = f"{_attachment(source)} "
    where = [source.where(v.mention.start) for v in word.verdicts]
    body = [v for v, at in zip(word.verdicts, where, strict=True) if not at.startswith(attachment)]
    # the body (paragraphs and its tables) loses no problem report.md has; it may have more only in a
    # cell report.md could not place (a row with its 〔待核实〕 mark after the closing bar), which Word
    # reads as a cell, and then only the data's own error the row states
    assert _problems(md.verdicts) - _problems(body) == Counter()
    unread = {v.mention.text for v in md.verdicts if v.verdict == "unreadable"}
    extra = _problems(body) - _problems(md.verdicts)
    assert all(cause is Cause.DATA_INCONSISTENT and text in unread for text, _, cause in extra), extra
    tables = [v for v, at in zip(word.verdicts, where, strict=True) if v.is_problem and at.startswith("表")]
    assert [v.mention.text for v in tables if v.cause is not Cause.DATA_INCONSISTENT] == [], [
        (v.mention.text, v.reason, v.sentence[:60]) for v in tables
    ]
    assert word.audit_errors == md.audit_errors
    if md.ok:
        assert word.ok, (_problems(word.verdicts), word.missing)
