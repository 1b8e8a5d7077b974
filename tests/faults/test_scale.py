"""Load: checking work grows linearly with the figures of one data file (it grew with their square).

Counted, not timed (a shared machine makes timings flaky): the fact comparisons the checker makes
for a report of a data file with N figures, against 4N. Linear is 4x; the quadratic binding was 16x.
eval/bench_scale.py prints the times (10k figures: a few seconds).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from drafter.check import ground
from drafter.data.load import load_data
from drafter.drafting.markdown import to_markdown
from drafter.drafting.run import Drafter
from drafter.writing.outline import load_outline, plan
from eval.bench_scale import data_yaml


def comparisons(tmp_path: Path, figures: int, monkeypatch: pytest.MonkeyPatch) -> int:
    path = tmp_path / f"data-{figures}.yaml"
    path.write_text(data_yaml(figures), encoding="utf-8")
    data = load_data(path)
    outline = load_outline()
    drafter = Drafter(data)
    draft = drafter.new_draft(outline, plan(outline, data), str(path))
    asyncio.run(drafter.run(draft))
    text = to_markdown(draft)
    calls = [0]
    real_accepts, real_compatible = ground.accepts, ground.compatible

    def counted_accepts(*args):
        calls[0] += 1
        return real_accepts(*args)

    def counted_compatible(*args):
        calls[0] += 1
        return real_compatible(*args)

    with monkeypatch.context() as patch:
        patch.setattr(ground, "accepts", counted_accepts)
        patch.setattr(ground, "compatible", counted_compatible)
        result = ground.check(text, data)
    assert result.ok, [v.reason for v in result.problems][:5]  # the template writer's draft is clean
    return calls[0]


def test_checking_work_is_linear_in_the_figures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small = comparisons(tmp_path, 400, monkeypatch)
    large = comparisons(tmp_path, 1600, monkeypatch)
    assert large < 6 * small, (small, large)
