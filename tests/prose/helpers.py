"""Briefs of the examples' model sections, as the drafting loop builds them."""

from __future__ import annotations

import functools

from drafter.drafting.brief import brief
from drafter.drafting.tidy import tidy
from drafter.facts.build import build_facts
from drafter.prose import Brief, Finding, check_prose, strip_instructions
from drafter.writing.prompts import DEFAULT_FEWSHOT_TOKENS, render_prompt
from drafter.writing.sections import context
from tests.drafting.helpers import EXAMPLE_NAMES, example_data, sections


@functools.cache
def section_brief(example: str, section_id: str, reask: str = "", finish_reason: str = "") -> Brief:
    data = example_data(example)
    facts = build_facts(data)
    section = next(s for s in sections(data) if s.id == section_id)
    ctx = context(section, data, facts)
    units = [n for n in (data.unit.name, data.unit.short_name) if n]
    prompt = render_prompt(
        ctx, level=data.unit.level, exclude_units=units, fewshot_tokens=DEFAULT_FEWSHOT_TOKENS
    )
    return brief(prompt, ctx, reask, finish_reason)


def model_sections(example: str) -> list[str]:
    data = example_data(example)
    return [s.id for s in sections(data) if s.writer == "model" and s.writes and s.empty is None]


ALL_MODEL_SECTIONS = [(e, s) for e in EXAMPLE_NAMES for s in model_sections(e)]


def judge(answer: str, b: Brief) -> list[Finding]:
    """What the loop does with an answer: tidy it, drop a restated instruction, then the prose check."""
    text, _ = tidy(answer, b.heading)
    text, _ = strip_instructions(text, b)
    return check_prose(text, b)


def reasons(findings: list[Finding], fatal_only: bool = True) -> set[str]:
    return {f.reason for f in findings if f.fatal or not fatal_only}
