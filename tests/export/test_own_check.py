"""drafter's own Word file passes drafter's own check, for every data file of the project (issue 17).

Each data file is drafted in-process as `drafter draft` does it (the data's outline, its scoring), its
report.md and report.docx are checked as `drafter check --data` does it (the data as loaded, the example
numbers), and the two must agree: the body of the .docx gives the problems report.md gives, and the
自评表 the export adds raises none but the data's own (a figure the audit finds wrong is still wrong
when the table prints it). So whenever report.md passes, the .docx passes. All 66 draftable files
take about 26 s of CPU on one core (drafting is most of it), checked in one test each.
"""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest

from drafter.check import check
from drafter.check.causes import Cause
from drafter.check.examples import example_numbers_for
from drafter.check.result import CheckResult
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
        "eval/corpus/*/data.yaml",
        "eval/round3/*/data.yaml",
        "eval/unseen2/*/data.yaml",
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


def _problems(result: CheckResult, source: ReportText | None = None, part: str = "") -> list[tuple]:
    return [
        (v.mention.text, v.verdict, v.cause)
        for v in result.verdicts
        if v.is_problem and (source is None or source.where(v.mention.start).startswith(part))
    ]


@pytest.mark.parametrize("name", DRAFTED)
def test_the_docx_passes_the_check_whenever_report_md_does(tmp_path: Path, name: str) -> None:
    report_md, blob = _drafted(name)
    path = tmp_path / "report.docx"
    path.write_bytes(blob)
    source = read_report(path)
    md, word = _check(report_md, name), _check(source.text, name)
    assert _problems(word, source, "段落") == _problems(md)
    table = [v for v in word.verdicts if v.is_problem and source.where(v.mention.start).startswith("表")]
    assert [v.mention.text for v in table if v.cause is not Cause.DATA_INCONSISTENT] == [], [
        (v.mention.text, v.reason, v.sentence[:60]) for v in table
    ]
    assert word.audit_errors == md.audit_errors
    if md.ok:
        assert word.ok, (_problems(word), word.missing)
