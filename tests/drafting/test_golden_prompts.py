"""Golden files for rendered prompts: any change to a prompt template, a section context or the few-shot
selection shows up as a diff of tests/golden/<example>-<section>.txt.

After an intended change, regenerate them and review the diff:

    UPDATE_GOLDEN=1 python -m pytest tests/drafting/test_golden_prompts.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from drafter.errors import InputError
from drafter.facts.build import build_facts
from drafter.writing.prompts import DEFAULT_FEWSHOT_TOKENS, Prompt, render_prompt, render_writer
from drafter.writing.sections import context
from tests.drafting.helpers import ROOT, example_data, sections

GOLDEN = ROOT / "tests" / "golden"
CASES = [
    (name, sid)
    for name in ("hengyang-2023", "ziyang-2021")
    for sid in ("performance", "work_1", "problems", "improvements")
]
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def prompt_for(name: str, sid: str) -> tuple[dict, Prompt]:
    data = example_data(name)
    section = next(s for s in sections(data) if s.id == sid)
    ctx = context(section, data, build_facts(data))
    own = [n for n in (data.unit.name, data.unit.short_name) if n]
    return ctx, render_prompt(
        ctx, level=data.unit.level, exclude_units=own, fewshot_tokens=DEFAULT_FEWSHOT_TOKENS
    )


def as_golden(prompt: Prompt) -> str:
    parts = [f"# template: {prompt.template}", f"# few-shot: {', '.join(prompt.fewshot) or '(none)'}"]
    for message in prompt.messages:
        parts += ["", f"===== {message.role} =====", message.content]
    return "\n".join(parts) + "\n"


@pytest.mark.parametrize(("name", "sid"), CASES, ids=[f"{n}-{s}" for n, s in CASES])
def test_rendered_prompt_matches_its_golden_file(name: str, sid: str) -> None:
    _, prompt = prompt_for(name, sid)
    text = as_golden(prompt)
    path = GOLDEN / f"{name}-{sid}.txt"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    golden = path.read_text(encoding="utf-8")
    if text != golden:
        diff = "".join(
            difflib.unified_diff(golden.splitlines(True), text.splitlines(True), str(path), "rendered")
        )
        pytest.fail(f"rendered prompt differs from {path} (UPDATE_GOLDEN=1 to accept):\n{diff}")


def test_golden_prompts_hold_the_data_and_no_other_units_figures() -> None:
    """A sanity check on what the golden files freeze: the section's facts as written, the task, the
    rules, and examples from other units only."""
    ctx, prompt = prompt_for("ziyang-2021", "work_1")
    system, user = (m.content for m in prompt.messages)
    assert [m.role for m in prompt.messages] == ["system", "user"]
    assert "每一个数字都必须来自用户提供的数据" in system
    assert "益阳市资阳区妇女联合会" in user and "“1.积极救助贫困母亲”部分" in user
    for fact in ctx["facts"]:
        assert f"- {fact['label']}：{fact['value']}" in user
    assert "【参考范文】" in user and prompt.fewshot
    assert all(not p.startswith("ziyang-2021/") for p in prompt.fewshot)
    _, again = prompt_for("ziyang-2021", "work_1")
    assert again == prompt  # rendering is deterministic (sha256 included)


def test_every_golden_file_is_used() -> None:
    expected = {f"{name}-{sid}.txt" for name, sid in CASES}
    present = {p.name for p in GOLDEN.glob("*.txt")}
    assert present == expected


# ------------------------------------------------------------------------------- StrictUndefined


def test_a_prompt_missing_a_variable_raises_input_error() -> None:
    ctx, _ = prompt_for("ziyang-2021", "work_1")
    del ctx["theme"]  # work.j2 uses theme.title and theme.bullets
    with pytest.raises(InputError) as raised:
        render_prompt(ctx, level="区", fewshot_tokens=0)
    assert "work.j2" in raised.value.message and "theme" in raised.value.message


def test_a_missing_attribute_is_not_rendered_as_empty() -> None:
    ctx, _ = prompt_for("hengyang-2023", "performance")
    ctx["goals"] = {}  # performance.j2 reads goals.achieved
    with pytest.raises(InputError, match="achieved"):
        render_prompt(ctx, level="市", fewshot_tokens=0)


def test_a_writer_template_missing_a_variable_raises_input_error(tmp_path: Path) -> None:
    (tmp_path / "writer").mkdir()
    (tmp_path / "writer" / "other.j2").write_text("{{ unit.name }}：{{ no_such_variable }}", encoding="utf-8")
    ctx = {"unit": {"name": "某单位"}, "section": {"id": "other", "kind": "other", "empty": None}}
    with pytest.raises(InputError, match="no_such_variable"):
        render_writer(ctx, root=tmp_path)


def test_a_missing_template_raises_input_error(tmp_path: Path) -> None:
    ctx = {"unit": {"name": "某单位"}, "section": {"id": "other", "kind": "other", "empty": None}}
    with pytest.raises(InputError, match="not found"):
        render_writer(ctx, root=tmp_path)
