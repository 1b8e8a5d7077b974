"""The built-in draft of every data file in the project (examples and every set under eval/).

What issue 18 found in drafts, held on all of them at once (in-process, a few seconds):
- no section marked 通过 (ok) with nothing written in it;
- every money figure the writer states from a typed field is in the unit the data declares for it
  (budget.unit, or the 三公 block's own unit): 元 data is never written as 万元;
- every required item of the outline is stated, or the section says 〔待补充〕 naming it and is flagged;
- the draft passes `drafter check` against its data, but for the data's own mistakes, each of which
  carries a 〔待核实〕 mark in its sentence;
- checker side: every number the checker finds in a sentence the writer wrote carries the writer's
  provenance (a fact it was written from), so no claim of the writer has nothing behind it.
"""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest

from drafter.check import check
from drafter.check.examples import example_numbers_for
from drafter.check.ground import make_grounder
from drafter.data.load import load_data
from drafter.drafting.codes import Code
from drafter.drafting.markdown import to_markdown
from drafter.drafting.record import Draft
from drafter.drafting.run import Drafter
from drafter.errors import InputError
from drafter.facts.build import FactBase, source_texts
from drafter.numbers import extract
from drafter.writing.gaps import GAP_OPEN, required_gaps
from drafter.writing.outline import Outline, plan, select_outline, with_scoring
from drafter.writing.prompts import render_section
from drafter.writing.sections import context

ROOT = Path(__file__).resolve().parents[2]
PATTERNS = (
    "examples/*/data.yaml",
    "eval/*/*/data.yaml",  # every set: corpus, round3, unseen2, unseen3 …
)
FILES = sorted(p for pattern in PATTERNS for p in ROOT.glob(pattern))
IDS = [f"{p.parent.parent.name}/{p.parent.name}" for p in FILES]
UNVERIFIED = "〔待核实"


def _outline(path: Path):
    """The outline `drafter draft` chooses; a case naming one the drafter does not have (project-table,
    a 项目支出 form) is drafted with the table outline, as its case notes say."""
    data = load_data(path)
    try:
        return data, select_outline(data, None, path)
    except InputError:
        return data, select_outline(data, "table", path)


@functools.cache
def drafted(path: Path) -> tuple[Draft, FactBase, Outline]:
    data, outline = _outline(path)
    data = with_scoring(data, outline)
    drafter = Drafter(data)
    draft = drafter.new_draft(outline, plan(outline, data), str(path))
    asyncio.run(drafter.run(draft))
    return draft, drafter.facts, outline


def test_every_data_file_of_the_project_is_covered() -> None:
    assert len(FILES) >= 60


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_no_empty_section_passes(path: Path) -> None:
    draft, _, _ = drafted(path)
    for sd in draft.sections:
        if sd.status == "heading":
            continue
        assert sd.text.strip(), f"{sd.section.heading}: nothing written ({sd.status})"
        if GAP_OPEN in sd.text:
            assert sd.status == "flagged", sd.section.heading


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_money_is_written_in_the_unit_the_data_declares(path: Path) -> None:
    draft, facts, _ = drafted(path)
    data = load_data(path)
    wrong = []
    for sd in draft.sections:
        if not sd.section.writes:
            continue
        text = render_section(context(sd.section, data, facts))[0]
        for span in text.spans:
            fact = facts.get(span.fact_id)
            if fact is None or fact.dim != "money" or fact.origin == "text" or fact.id.startswith("facts."):
                continue  # a facts: entry and the data's own words carry their own units
            declared = fact.unit  # the unit the data gave the figure in (budget.unit, 三公's own unit)
            written = text[span.start : span.end]
            if written[-1:].isdigit():  # a table cell: the unit is in the table's head (单位：元)
                written += declared if f"单位：{declared}" in text else ""
            if not written.endswith(declared) or (declared == "元" and written.endswith("万元")):
                wrong.append((sd.section.id, written, declared))
    assert wrong == []


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_required_item_is_stated_or_asked_for(path: Path) -> None:
    draft, facts, _ = drafted(path)
    for sd in draft.sections:
        if not sd.section.writes or sd.section.empty is not None:
            continue
        lacking = required_gaps(sd.section.require, facts)
        if lacking:
            assert GAP_OPEN in sd.text and all(item in sd.text for item in lacking), sd.section.heading
            assert sd.flagged_for(Code.DATA_GAP)
        assert sd.result is not None and not sd.result.missing, (sd.section.heading, sd.result.missing)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_the_draft_passes_the_check_but_for_the_datas_own_marked_mistakes(path: Path) -> None:
    draft, _, _ = drafted(path)
    data = load_data(path)
    text = to_markdown(draft)
    result = check(text, make_grounder(data, example_numbers_for(data)))
    assert not result.missing
    unmarked = []
    for v in result.problems:
        end = text.find("\n", v.mention.end)
        rest = text[v.mention.end : end if end >= 0 else len(text)]
        clause_end = min((rest.find(c) for c in "。；" if c in rest), default=len(rest))
        if not rest[clause_end + 1 :].startswith(UNVERIFIED):  # the mark follows its sentence's 。 or ；
            unmarked.append((v.mention.text, v.verdict, v.reason))
    assert unmarked == []


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_number_the_writer_writes_carries_its_provenance(path: Path) -> None:
    """Checker side: each quantity the checker reads in the writer's text is a span the writer
    recorded (the fact it wrote it from); a 〔待补充〕 line carries no number at all."""
    draft, facts, _ = drafted(path)
    data = load_data(path)
    said = [t for _, t in source_texts(data)]  # the data's own words, which the writer copies verbatim
    untraced = []
    for sd in draft.sections:
        if not sd.section.writes:
            continue
        text = render_section(context(sd.section, data, facts))[0]
        covered = [(s.start, s.end) for s in text.spans]
        for m in extract(str(text)):
            if not m.is_quantity:
                continue
            # the figure's digits are the traced text (a count's 人 or a score's 分 may follow the span)
            if not any(a < m.end and m.start < b for a, b in covered) and not _quoted(m.text, said):
                untraced.append((sd.section.id, m.text))
        for line in str(text).splitlines():
            if line.startswith(GAP_OPEN):
                assert not any(c.isdigit() for c in line), line
    assert untraced == []


def _quoted(figure: str, texts: list[str]) -> bool:
    """A number in the data's own words (二期, 三级, 24小时) that the fact base holds no fact for:
    the writer copied it with the words, so the data is its provenance."""
    return any(figure.strip() in t for t in texts)
