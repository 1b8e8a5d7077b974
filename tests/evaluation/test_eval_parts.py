"""The parts of `drafter eval`: eval sets, the answer cache, error kinds, intervals, baseline gating."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from drafter.check import check, make_grounder
from drafter.data.load import load_data
from drafter.errors import InputError
from drafter.evaluation.baseline import compare
from drafter.evaluation.cache import AnswerCache, CachedModel
from drafter.evaluation.cases import load_cases
from drafter.evaluation.corpus import Mistake
from drafter.evaluation.metrics import wilson
from drafter.evaluation.score import error_kind
from drafter.evaluation.selftest import KINDS, REWRITES, selftest_text
from drafter.models import FakeModel, Message, Request

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CORPUS = ROOT / "eval" / "corpus"


def test_examples_are_an_eval_set_with_their_known_mistakes() -> None:
    cases = load_cases([EXAMPLES])
    assert [c.id for c in cases] == ["hengyang-2023", "laoting-2023", "yuelu-2021", "ziyang-2021"]
    assert all(c.kind == "report" and c.mistakes for c in cases)
    assert sum(len(c.mistakes or ()) for c in cases) == 7


def test_corpus_cases_carry_their_case_yaml_mistakes() -> None:
    cases = load_cases([CORPUS])
    assert len(cases) >= 10
    zijiang = next(c for c in cases if c.id == "hn-zijiang-caizheng-2023")
    assert [(m.line, m.text) for m in zijiang.mistakes or ()] == [(30, "1865.32")]


def test_a_manifest_names_cases_and_data_only_cases_are_drafted(tmp_path: Path) -> None:
    manifest = tmp_path / "set.yaml"
    data = EXAMPLES / "ziyang-2021" / "data.yaml"
    manifest.write_text(
        f"cases:\n  - {{id: zy, data: {data}}}\n  - {{id: zy-report, data: {data}, "
        f"report: {EXAMPLES / 'ziyang-2021' / 'report.txt'}}}\n",
        encoding="utf-8",
    )
    cases = load_cases([manifest])
    assert [(c.id, c.kind) for c in cases] == [("zy", "data"), ("zy-report", "report")]


def test_bad_eval_sets_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no case folders"):
        load_cases([tmp_path])
    bad = tmp_path / "set.yaml"
    bad.write_text("cases:\n  - {report: x.txt}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"cases\[0\] needs `data:`"):
        load_cases([bad])


def _request(text: str) -> Request:
    return Request((Message("user", text),), "overview")


def test_the_cache_answers_a_repeated_prompt_and_keys_repeats_and_settings_apart(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path)
    inner = FakeModel("第一次", "第二次", "第三次", name="m")
    first = CachedModel(inner, cache, settings={"max_tokens": 100}, repeat=1)
    a = asyncio.run(first.generate(_request("写一段")))
    b = asyncio.run(CachedModel(inner, cache, settings={"max_tokens": 100}).generate(_request("写一段")))
    assert (a.text, b.text) == ("第一次", "第一次")
    assert b.usage == a.usage and len(inner.requests) == 1  # same tokens reported, no second call
    other_repeat = asyncio.run(
        CachedModel(inner, cache, settings={"max_tokens": 100}, repeat=2).generate(_request("写一段"))
    )
    other_settings = asyncio.run(
        CachedModel(inner, cache, settings={"max_tokens": 50}).generate(_request("写一段"))
    )
    assert (other_repeat.text, other_settings.text) == ("第二次", "第三次")
    assert len(cache) == 3


def test_wilson_interval() -> None:
    assert wilson(0, 0) is None
    assert wilson(0, 10) == [0.0, 0.2775]
    assert wilson(10, 10) == [0.7225, 1.0]
    lo, hi = wilson(50, 100) or [0, 0]
    assert lo < 0.5 < hi and round(hi - 0.5, 3) == round(0.5 - lo, 3)


def _kinds(text: str) -> list[str]:
    data = load_data(EXAMPLES / "ziyang-2021" / "data.yaml")
    grounder = make_grounder(data)
    return [error_kind(v, grounder) for v in check(text, grounder).problems]


def test_error_kinds_name_what_went_wrong() -> None:
    assert _kinds("2021年，全年支出合计1345600元。") == []  # 134.56万元 in 元: right
    assert _kinds("2021年，全年支出合计134.56元。") == ["unit"]
    assert _kinds("2021年，全年支出合计134.57万元。") == ["rounding"]
    assert _kinds("2021年，全年支出合计82.67万元。") == ["swap"]  # the 基本支出 figure
    assert _kinds("2021年，全年支出合计199.99万元。") == ["mismatch"]
    assert _kinds("2021年，另为35名困难妇女提供心理疏导服务。") == ["unsupported"]


def test_the_self_test_counts_planted_mistakes_and_rewrite_alarms_per_kind() -> None:
    text = (EXAMPLES / "ziyang-2021" / "report.txt").read_text(encoding="utf-8")
    grounder = make_grounder(load_data(EXAMPLES / "ziyang-2021" / "data.yaml"))
    one = selftest_text("ziyang-2021", text, grounder, per_kind=1, mistakes=[Mistake("7")])
    assert set(one["detection"]) == set(KINDS) and set(one["controls"]) == set(REWRITES)
    assert all(n <= 1 and hits <= n for n, hits in one["detection"].values())
    assert one["detection"]["digit"] == [1, 1]  # one position per kind, caught
    assert one["false_alarms"] == 0  # the stray 7 of 多7角度 is the known mistake, not an alarm
    unknown = selftest_text("ziyang-2021", text, grounder, per_kind=1)
    assert unknown["false_alarms"] == 1  # without the list it counts as an alarm


def _payload(precision: float, alarms: float) -> dict:
    return {
        "metrics": {
            "groups": {
                "m": {"overall": {"precision": precision, "mistakes": {"false_alarms_per_case": alarms}}}
            }
        },
    }


def test_baseline_marks_regressions_beyond_the_threshold_only() -> None:
    old = _payload(0.95, 0.5)
    assert not compare(_payload(0.94, 0.5), old, 0.02, "old.json")["regressions"]
    worse = compare(_payload(0.90, 0.5), old, 0.02, "old.json")
    assert [c["metric"] for c in worse["regressions"]] == ["precision"]
    more_alarms = compare(_payload(0.95, 1.5), old, 0.02, "old.json")
    assert [c["metric"] for c in more_alarms["regressions"]] == ["mistakes.false_alarms_per_case"]
    better = compare(_payload(0.99, 0.0), old, 0.02, "old.json")
    assert not better["regressions"] and len(better["improvements"]) == 2


def test_the_summary_shows_a_hostile_model_name_as_text() -> None:
    import io

    from rich.console import Console

    from drafter.evaluation.metrics import aggregate
    from drafter.evaluation.summary import print_summary

    section = {
        "id": "s", "required": 0, "attempts": 1, "prompt_tokens": 1, "completion_tokens": 1, "seconds": 0.1,
        "replaced": 0, "marked": 0,
        "final": {"numbers": 1, "ok": 1, "problems": 0, "kinds": {}, "missing": 0, "clean": True},
        "first": {"numbers": 1, "ok": 1, "problems": 0, "kinds": {}, "missing": 0, "clean": True},
    }  # fmt: skip
    name = "evil\x1b[2J[bold]x[/bold]"
    result = {"case": "c", "model": name, "variant": "-", "repeat": 1, "group": name, "sections": [section]}
    payload = {
        "metrics": aggregate([result], {}),
        "generation": {"drafted": 1, "reused": 0, "model_calls": 1, "cached_answers": 0},
        "scoring": {"texts": 1, "seconds": 0.1, "processes": 1},
    }
    out = io.StringIO()
    print_summary(Console(file=out, width=200, color_system=None), payload)
    text = out.getvalue()
    assert "\x1b" not in text and "evil\\x1b[2J[bold]x[/bold]" in text
