"""Prose findings carry a code (`ProseCheck`), and the code is the plain name draft.json always had."""

from __future__ import annotations

import json

from drafter.prose import Brief, ProseCheck, check_prose


def test_the_codes_are_the_stable_names_of_the_docstring() -> None:
    assert [c.value for c in ProseCheck] == [
        "echo_prompt", "echo_reask", "heading", "markdown", "foreign", "repetition", "runaway",
        "truncated", "stutter", "enumerated", "copied", "coverage",
    ]  # fmt: skip


def test_every_finding_carries_a_code_and_writes_its_name() -> None:
    brief = Brief(
        prompt="【任务】写一段。", finish_reason="length", material=("开展培训12次",), coverage=True
    )
    findings = check_prose("| a | b |\n|---|---|\n" + "同一句话反复出现。" * 40, brief)
    assert findings
    for f in findings:
        assert isinstance(f.reason, ProseCheck)
        assert json.loads(json.dumps(f.to_dict()))["prose"] == f.reason.value
