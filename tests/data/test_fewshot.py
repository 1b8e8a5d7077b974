"""drafter.data.fewshot and the shipped fewshot/ corpus."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest

from drafter.data.fewshot import (
    KINDS,
    LEVELS,
    CorpusError,
    Passage,
    example_texts,
    load_corpus,
    select_passages,
)
from drafter.text.tokens import count_tokens

SEEDS = Path("/work/shared/seeds")
REPORTS = {
    # report id: (seed file, unit, level, year)
    "hengyang-2023": ("000_11f95abd0a7ac333.txt", "衡阳市妇联", "市", 2023),
    "yuelu-2021": ("002_1ab5d85b77efe6fd.txt", "长沙市岳麓区妇联", "区", 2021),
    "laoting-2023": ("003_11a2194da42607c3.txt", "乐亭县妇联", "县", 2023),
    "ziyang-2021": ("004_18b3944e5c013dbc.txt", "资阳区妇联", "区", 2021),
}
_WS = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?%?")


def squash(text: str) -> str:
    return _WS.sub("", text)


@pytest.fixture(scope="module")
def corpus() -> tuple[Passage, ...]:
    return load_corpus()


# ------------------------------------------------------------------------------------ the corpus


def test_corpus_loads_and_is_cached(corpus) -> None:
    assert len(corpus) >= 40
    assert load_corpus() is corpus
    assert [p.path for p in corpus] == sorted(p.path for p in corpus)


def test_every_seed_is_represented(corpus) -> None:
    by_report = {r: [p for p in corpus if p.report == r] for r in REPORTS}
    for report, (_seed, unit, level, year) in REPORTS.items():
        passages = by_report[report]
        assert len(passages) >= 8, report
        assert {(p.unit, p.level, p.year) for p in passages} == {(unit, level, year)}
        assert all(p.path.parent.name == report for p in passages)
    assert {p.report for p in corpus} == set(REPORTS)


def test_source_texts(corpus) -> None:
    texts = example_texts()
    assert set(texts) == set(REPORTS)
    assert example_texts() is not example_texts()  # callers get their own dict
    if SEEDS.is_dir():  # the shared seeds are not shipped; compare when they are around
        for report, (seed, *_rest) in REPORTS.items():
            assert texts[report] == (SEEDS / seed).read_text(encoding="utf-8"), report


def test_kinds_and_fields_are_valid(corpus) -> None:
    for p in corpus:
        assert p.kind in KINDS, p.path
        assert p.level in LEVELS, p.path
        assert p.path.name.endswith(f"-{p.kind}.md"), p.path
        assert p.text.strip() == p.text and p.text, p.path
        assert "\t" not in p.text, p.path
        if p.kind == "work":
            assert p.theme and p.theme in p.text, p.path
    kinds = {p.kind for p in corpus}
    assert kinds == set(KINDS), f"kinds without a passage: {set(KINDS) - kinds}"
    assert sum(p.kind == "self_eval_table" for p in corpus) == 1
    assert sum(p.kind == "work" for p in corpus) == 10  # five themes each in 000 and 003


def test_front_matter_files_are_utf8_with_fields() -> None:
    root = load_corpus()[0].path.parents[1]
    for path in root.glob("*/*.md"):
        head = path.read_text(encoding="utf-8").split("---")[1]
        for field in ("report:", "unit:", "level:", "year:", "kind:", "source_file:"):
            assert field in head, (path, field)


def _units(p: Passage) -> list[str]:
    """Paragraphs, or for the table its cells and captions."""
    if p.kind != "self_eval_table":
        return p.text.split("\n\n")
    units = []
    for line in p.text.splitlines():
        if line.startswith("|"):
            units += [c.strip() for c in line.strip().strip("|").split(" | ")]
        else:
            units.append(line.strip().strip("*"))
    return [u for u in units if u and set(u) - set("-|")]


def test_text_is_verbatim_from_source(corpus) -> None:
    sources = {r: squash(t) for r, t in example_texts().items()}
    for p in corpus:
        source = sources[p.report]
        for unit in _units(p):
            assert squash(unit) in source, (p.path, unit[:40])
        assert squash(p.title) in source and squash(p.theme) in source, p.path


def test_numbers_are_verbatim_from_source(corpus) -> None:
    sources = {r: squash(t) for r, t in example_texts().items()}
    checked = 0
    for p in corpus:
        for number in _NUMBER.findall(squash(p.text)):
            assert number in sources[p.report], (p.path, number)
            checked += 1
    assert checked > 300


def test_self_eval_table_keeps_every_figure(corpus) -> None:
    (table,) = [p for p in corpus if p.kind == "self_eval_table"]
    source = example_texts()[table.report]
    cells = [squash(line) for line in source.splitlines() if _NUMBER.fullmatch(squash(line))]
    assert len(cells) > 60
    body = table.text
    for value in ("198.8", "212.64", "106.87%", "150.39%", "96769.85", "121055", "83929"):
        assert value in body
    figures = _NUMBER.findall(squash(body))
    for cell in cells:  # every cell that is a bare figure is in the table
        assert cell in figures, cell
    assert body.count("\n|") >= 25


def test_tokens_are_counted(corpus) -> None:
    for p in corpus:
        assert p.tokens == count_tokens(p.text) > 0, p.path


# ------------------------------------------------------------------------------------- selection


def test_selection_respects_kind_and_budget(corpus) -> None:
    for kind in KINDS:
        for budget in (0, 50, 400, 1200, 4000):
            chosen = select_passages(kind, budget_tokens=budget)
            assert sum(p.tokens for p in chosen) <= budget
            assert all(p.kind == kind for p in chosen)
    assert select_passages("self_eval_table") == []  # the table (~2800 tokens) needs a bigger budget
    assert [p.kind for p in select_passages("self_eval_table", budget_tokens=4000)] == ["self_eval_table"]


def test_selection_prefers_the_level(corpus) -> None:
    assert select_passages("work", level="市")[0].report == "hengyang-2023"
    assert select_passages("work", level="县")[0].report == "laoting-2023"
    # no 区 work passage: 县 (same tier) comes before 市
    assert select_passages("work", level="区", budget_tokens=10_000)[0].level == "县"
    assert select_passages("duties", level="区", budget_tokens=10_000)[0].level == "区"
    chosen = select_passages("duties", level="区", budget_tokens=10_000)
    assert [p.level for p in chosen] == ["区", "区", "市"]


def test_selection_uses_the_query(corpus) -> None:
    chosen = select_passages("work", level="市", query="家庭教育 最美家庭 家风", max_passages=1)
    assert chosen[0].theme == "立足家庭文明，涵养培育时代新风"
    chosen = select_passages("work", level="市", query="两癌检查 创业就业 乡村振兴", max_passages=1)
    assert chosen[0].theme == "服务中心大局，引领巾帼建功立业"


def test_greedy_skips_what_does_not_fit() -> None:
    corpus = [
        _passage("a", "work", "市", "短" * 5),
        _passage("b", "work", "市", "长长" * 400),
        _passage("c", "work", "市", "中" * 40),
    ]
    sizes = {p.report: p.tokens for p in corpus}
    budget = sizes["a"] + sizes["c"] + 1
    chosen = select_passages("work", budget_tokens=budget, corpus=corpus)
    assert [p.report for p in chosen] == ["a", "c"]
    big = select_passages("work", query="长长", budget_tokens=budget, corpus=corpus)
    assert [p.report for p in big] == ["a", "c"]  # the best match is skipped: it does not fit
    assert [p.report for p in select_passages("work", budget_tokens=10**6, corpus=corpus)] == ["a", "c", "b"]
    assert len(select_passages("work", budget_tokens=10**6, corpus=corpus, max_passages=2)) == 2


def test_exclusion(corpus) -> None:
    for report in REPORTS:
        for kind in KINDS:
            chosen = select_passages(kind, budget_tokens=5000, exclude_reports={report})
            assert all(p.report != report for p in chosen)
    only_hengyang = select_passages("gov_fund")
    assert [p.report for p in only_hengyang] == ["hengyang-2023"]
    bare = select_passages("work", exclude_reports="hengyang-2023", budget_tokens=10**5)  # one id, not chars
    assert bare and all(p.report != "hengyang-2023" for p in bare)


def test_fallback_only_when_no_passage_of_the_kind(corpus) -> None:
    # gov_fund exists only in hengyang-2023: without it, other kinds stand in
    fallback = select_passages("gov_fund", exclude_reports=["hengyang-2023"], budget_tokens=300)
    assert fallback and all(p.kind != "gov_fund" for p in fallback)
    # same-kind passages exist but none fits: no off-topic fallback
    assert select_passages("self_eval_table", budget_tokens=1000) == []


def test_deterministic(corpus) -> None:
    args = dict(level="区", query="两癌 救助 困境妇女", budget_tokens=1500)
    first = select_passages("work", **args)
    shuffled = list(corpus)
    random.Random(7).shuffle(shuffled)
    for _ in range(3):
        assert select_passages("work", **args) == first
        assert select_passages("work", corpus=shuffled, **args) == first


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="valid kinds: basic_info, duties"):
        select_passages("summary")
    with pytest.raises(ValueError, match="valid levels"):
        select_passages("work", level="省级")
    with pytest.raises(ValueError):
        select_passages("work", budget_tokens=-1)


def test_selection_is_fast(corpus) -> None:
    calls = [
        dict(kind=kind, level=level, query=query)
        for kind in KINDS
        for level in (None, "市", "区")
        for query in ("", "开展家庭教育进基层公益巡讲300余次，组织“最美家庭”评选，两癌免费检查" * 4)
    ]
    for call in calls:  # warm the query cache the way a drafting run would
        select_passages(**call)
    n = 1000
    start = time.perf_counter()
    for i in range(n):
        select_passages(**calls[i % len(calls)])
    per_call = (time.perf_counter() - start) / n
    assert per_call < 0.002, f"{per_call * 1000:.3f} ms per selection"


# ----------------------------------------------------------------------------------- bad corpora

GOOD = """---
report: test-2024
unit: 测试县妇联
level: 县
year: 2024
kind: problems
title: 七、存在的问题及原因分析
---

公用经费预算不足。
"""


def _corpus_with(tmp_path: Path, text: str, folder: str = "test-2024") -> Path:
    root = tmp_path / "fewshot"
    (root / folder).mkdir(parents=True)
    (root / folder / "01-problems.md").write_text(text, encoding="utf-8")
    (root / folder / "source.txt").write_text("公用经费预算不足。", encoding="utf-8")
    (root / "README.md").write_text("not a passage", encoding="utf-8")
    return root


def test_custom_corpus(tmp_path) -> None:
    root = _corpus_with(tmp_path, GOOD)
    (passage,) = load_corpus(root)
    assert (passage.report, passage.level, passage.year, passage.theme) == ("test-2024", "县", 2024, "")
    assert passage.text == "公用经费预算不足。"
    assert example_texts(root) == {"test-2024": "公用经费预算不足。"}
    assert select_passages("problems", corpus=load_corpus(root)) == [passage]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (GOOD.replace("level: 县\n", ""), "'level' is missing"),
        (GOOD.replace("level: 县", "level: 村"), "'level' is '村'"),
        (GOOD.replace("kind: problems", "kind: issues"), "'kind' is 'issues'"),
        (GOOD.replace("year: 2024", "year: 二〇二四"), "'year' must be a year"),
        (GOOD.replace("year: 2024", "year: '2024'"), "'year' must be a year"),
        (GOOD.replace("report: test-2024", "report: other-2024"), "'report' is 'other-2024'"),
        (GOOD.replace("title:", "titel:"), "'titel' is not a known field"),
        (GOOD.replace("unit: 测试县妇联", "unit: [a, b]"), "'unit' must be text"),
        (GOOD.replace("title: 七、存在的问题及原因分析\n---", "title: x"), "no closing '---'"),
        (GOOD.replace("title: 七", "title: [七"), "not valid YAML"),
        (GOOD.split("\n", 1)[1], "does not start with"),
        (GOOD.replace("公用经费预算不足。", ""), "text (after the front matter) is empty"),
        ("---\n- a\n- b\n---\n\n正文\n", "must be a mapping"),
    ],
)
def test_malformed_front_matter_names_file_and_field(tmp_path, text: str, field: str) -> None:
    root = _corpus_with(tmp_path, text)
    with pytest.raises(CorpusError) as info:
        load_corpus(root)
    message = str(info.value)
    assert "01-problems.md" in message and field in message


def test_missing_corpus_folder(tmp_path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nowhere")


def _passage(report: str, kind: str, level: str, text: str) -> Passage:
    return Passage(
        report=report,
        unit="测试妇联",
        level=level,
        year=2024,
        kind=kind,
        title="",
        theme="",
        text=text,
        path=Path(f"/corpus/{report}/01-{kind}.md"),
    )
