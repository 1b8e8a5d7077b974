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


REJECTED = [p for p in CAPTURED if load(p)["expect"]]
SALVAGED = [p for p in CAPTURED if not load(p)["expect"]]  # report prose once tidied: each says why


def test_there_are_captured_answers_of_every_model_section_kind() -> None:
    assert len(REJECTED) >= 10
    assert {load(p)["section"].split("_")[0] for p in REJECTED} >= {"performance", "work", "problems"}
    assert all(load(p)["answer"].strip() for p in CAPTURED)
    assert all(load(p).get("note") for p in SALVAGED)


@pytest.mark.parametrize("path", REJECTED, ids=[p.stem for p in REJECTED])
def test_a_captured_degenerate_answer_is_rejected_with_its_reasons(path: Path) -> None:
    fixture = load(path)
    b = section_brief(fixture["example"], fixture["section"], finish_reason=fixture.get("finish_reason", ""))
    found = reasons(judge(fixture["answer"], b))
    assert found, "accepted"
    assert set(fixture["expect"]) <= found, found


@pytest.mark.parametrize("path", SALVAGED, ids=[p.stem for p in SALVAGED])
def test_a_captured_answer_that_is_prose_once_tidied_passes(path: Path) -> None:
    fixture = load(path)
    b = section_brief(fixture["example"], fixture["section"], finish_reason=fixture.get("finish_reason", ""))
    assert reasons(judge(fixture["answer"], b)) == set()
