"""Answers a real small model gave (tests/fixtures/prose/), each rejected with the reasons it earned.

Captured from draft.json attempts (`python eval/capture_prose_fixtures.py`) while drafting the examples
with Qwen2.5 0.5B through /work/shared/tools/local-llm.sh: raw, as the model gave them, with the
reasons read and confirmed by hand (`expect`). Judged as the loop judges them: tidied, then checked
against the prompt drafter sends for that section.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.prose.helpers import judge, reasons, section_brief

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "prose"
CAPTURED = sorted(FIXTURES.glob("*.json"))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_captured_answers_of_several_sections() -> None:
    assert len(CAPTURED) >= 2
    assert all(load(p)["expect"] and load(p)["answer"].strip() for p in CAPTURED)


@pytest.mark.parametrize("path", CAPTURED, ids=[p.stem for p in CAPTURED])
def test_a_captured_degenerate_answer_is_rejected_with_its_reasons(path: Path) -> None:
    fixture = load(path)
    b = section_brief(fixture["example"], fixture["section"], finish_reason=fixture.get("finish_reason", ""))
    found = reasons(judge(fixture["answer"], b))
    assert found, "accepted"
    assert set(fixture["expect"]) <= found, found
