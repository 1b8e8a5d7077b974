"""The built-in writer records the fact behind every figure it writes, and writes each one truly.

Writer-side only: each recorded span's text is a true statement of its own fact, and tracing is
invisible to everything but the writer (prompts and texts are unchanged). Whether the checker binds
those numbers to the same facts is tests/drafting/test_writer_checker_agreement.py.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from drafter.check.match import accepts
from drafter.data.load import load_data
from drafter.evaluation.provenance import writer_sections
from drafter.facts.build import build_facts
from drafter.numbers import extract
from drafter.writing.provenance import (
    Span,
    Traced,
    cat,
    decode,
    encode,
    figure,
    given_facts,
    join,
    passage,
    rstrip,
)
from drafter.writing.sections import context
from tests.drafting.data_files import case_id, data_files
from tests.drafting.helpers import example_data, sections

FILES = data_files()


@functools.cache
def drafted(path: Path):
    data = load_data(path)
    facts = build_facts(data)
    return facts, list(writer_sections(data, facts))


def test_traced_strings_keep_their_spans_through_concatenation_and_trimming() -> None:
    a = figure("534.51万元", "budget.basic.actual")
    joined = join("，", [cat("基本支出", a), cat("执行率", figure("83.61%", "budget.basic.rate~"))])
    assert joined == "基本支出534.51万元，执行率83.61%"
    assert [(joined[s.start : s.end], s.fact_id) for s in joined.spans] == [
        ("534.51万元", "budget.basic.actual"),
        ("83.61%", "budget.basic.rate~"),
    ]
    trimmed = rstrip(cat("共", figure("7名", "x#1"), "。"), "。")
    assert trimmed == "共7名" and trimmed.spans == (Span(1, 3, "x#1"),)
    assert figure("", "x") == "" and not isinstance(figure("", "x"), Traced)


def test_markers_round_trip_and_never_leak() -> None:
    t = cat("编制数", figure("5", "staff.authorized"), "人")
    marked = encode(t)
    assert marked != t and "5" in marked
    back = decode(f"前{marked}后")
    assert back == "前编制数5人后" and back.spans == (Span(4, 5, "staff.authorized"),)
    with pytest.raises(ValueError, match="unbalanced"):
        decode(marked[: marked.index("5") + 1])  # cut inside a figure


def test_a_passage_traces_the_numbers_the_fact_base_read_from_its_field() -> None:
    data = example_data("ziyang-2021")
    facts = build_facts(data)
    bullet = data.activities[0].bullets[1]
    p = passage(bullet, "activities[0].bullets[1]", facts)
    assert [(p[s.start : s.end], s.fact_id) for s in p.spans] == [
        ("7名", "activities[0].bullets[1]#1"),
        ("7万元", "activities[0].bullets[1]#2"),
    ]


def test_tracing_does_not_change_what_a_prompt_sees() -> None:
    data = example_data("ziyang-2021")
    facts = build_facts(data)
    (section,) = sections(data, ids={"budget_basic"})
    ctx = context(section, data, facts)
    assert ctx["basic"]["actual"] == "82.67万元" and isinstance(ctx["basic"]["actual"], str)
    assert {"budget.basic.actual", "budget.personnel.actual", "budget.public.actual"} <= given_facts(ctx)


@pytest.mark.parametrize("path", FILES, ids=case_id)
def test_every_recorded_figure_is_true_of_its_own_fact(path: Path) -> None:
    facts, drafted_sections = drafted(path)
    wrong = []
    for sid, text in drafted_sections:
        for s in text.spans:
            fact = facts.get(s.fact_id)
            written = text[s.start : s.end]
            quantities = [m for m in extract(written, facts.data.lexicon) if m.is_quantity]
            if fact is None:
                wrong.append(f"[{sid}] {written}: no fact {s.fact_id}")
            elif fact.mention is not None and written == fact.mention.text.strip():
                continue  # the data's own words, copied (even where they contradict themselves: 近1万余)
            elif len(quantities) != 1 or not accepts(fact, quantities[0]):
                wrong.append(f"[{sid}] {written}: not a statement of {s.fact_id} ({fact.shown()})")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", FILES, ids=case_id)
def test_the_writer_records_figures(path: Path) -> None:
    _, drafted_sections = drafted(path)
    spans = sum(len(text.spans) for _, text in drafted_sections)
    assert spans >= 5, f"only {spans} traced figures: tracing is not reaching the writer's output"
