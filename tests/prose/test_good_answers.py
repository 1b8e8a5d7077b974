"""Good answers pass: the example reports' own paragraphs, judged as the loop judges a model's answer.

The thresholds of drafter.prose are set against these: every section the examples wrote themselves,
judged against the very prompt drafter sends for that section of that unit, raises no finding at all;
every passage of the few-shot corpus and every paragraph of the four reports raises no fatal one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.data.fewshot import load_corpus
from drafter.prose import ProseCheck, check_prose
from drafter.prose.coverage import recall
from drafter.prose.repetition import REPEAT_RATIO, repeat_ratio
from tests.drafting.helpers import EXAMPLE_NAMES, EXAMPLES, example_data
from tests.prose.helpers import ALL_MODEL_SECTIONS, judge, reasons, section_brief

CORPUS = load_corpus()
# A slip of the published report itself, which the prose check finds like any other: hengyang-2023's
# 存在的问题 writes "开展预算绩效管理管理水平有待提高" (管理 twice). Its passage and paragraph raise
# exactly it.
# And hengyang-2023's text, as extracted, ends mid-word ("…接受社会监"): its last paragraph is truncated.
KNOWN_SLIPS = {"管理管理": ProseCheck.STUTTER, "接受社会监": ProseCheck.TRUNCATED}


def expected(text: str, own: str = "") -> set[str]:
    """The known slips `text` holds; a doubled word the prompt's own material holds is the unit's quoted
    wording (hengyang's data has 管理管理 too), not a stutter to raise against that prompt."""
    return {
        code
        for slip, code in KNOWN_SLIPS.items()
        if slip in text and not (code is ProseCheck.STUTTER and slip in own)
    }


def paragraphs(report: str) -> list[str]:
    """The report's lines, a long line that a PDF broke mid-word (ending on a character, 制定本部分的评价)
    joined with the line it runs on into: a paragraph, not a page's line, is what a section holds."""
    out: list[str] = []
    run = ""
    for line in report.splitlines():
        if run and not line.strip():
            continue  # laoting-2023: the extraction broke a paragraph with blank lines
        run += line.strip()
        if len(line.strip()) < 40 or not run[-1:].isalnum():
            out.append(run)
            run = ""
    return [*out, run] if run else out


def own_passages(example: str, section_id: str) -> list[str]:
    """The example report's own text for this section (the few-shot passages of its own report)."""
    kind = section_id.split("_")[0] if section_id.startswith("work_") else section_id
    data = example_data(example)
    theme = data.activities[int(section_id.split("_")[1]) - 1].title if kind == "work" else None
    return [
        p.text
        for p in CORPUS
        if p.report == example and p.kind == kind and (theme is None or p.theme == theme)
    ]


WITH_OWN_TEXT = [(e, s) for e, s in ALL_MODEL_SECTIONS if own_passages(e, s)]


def test_every_kind_of_model_section_has_an_example_text_to_pass() -> None:
    kinds = {s.split("_")[0] for _, s in WITH_OWN_TEXT}
    assert kinds == {"performance", "work", "problems", "improvements"}
    assert len(WITH_OWN_TEXT) >= 15


@pytest.mark.parametrize(("example", "section_id"), WITH_OWN_TEXT)
def test_the_examples_own_section_raises_nothing_against_its_prompt(example: str, section_id: str) -> None:
    b = section_brief(example, section_id)
    for text in own_passages(example, section_id):
        assert reasons(judge(text, b), fatal_only=False) == expected(text, b.own), (example, section_id)


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_every_passage_and_report_paragraph_is_prose(example: str) -> None:
    b = section_brief(example, "performance")  # its unit's prompt: echo, copies, headings judged against it
    report = (EXAMPLES / example / "report.txt").read_text(encoding="utf-8")
    paragraphs_ = [p for p in paragraphs(report) if len(p) >= 40 and "|" not in p]  # not headings, tables
    # every passage but yuelu's self-evaluation table, which is a Markdown table and no section's prose
    texts = paragraphs_ + [p.text for p in CORPUS if p.report == example and p.kind != "self_eval_table"]
    assert len(texts) > 10
    for text in texts:
        assert reasons(check_prose(text, b)) == expected(text), text[:60]


def test_no_example_text_comes_near_the_repetition_threshold() -> None:
    ratios = [repeat_ratio(p.text) for p in CORPUS]
    ratios += [
        repeat_ratio(Path(EXAMPLES / e / "report.txt").read_text(encoding="utf-8")) for e in EXAMPLE_NAMES
    ]
    assert max(ratios) < REPEAT_RATIO / 2


def test_another_themes_text_does_not_cover_this_theme() -> None:
    """Coverage discriminates: hengyang's 家庭 theme written where its 思想政治引领 theme is asked for."""
    asked = section_brief("hengyang-2023", "work_1")
    other = own_passages("hengyang-2023", "work_4")[0]
    share, left = recall(asked.material, other)
    assert share < 0.3 and left
    assert recall(asked.material, own_passages("hengyang-2023", "work_1")[0]) == (1.0, [])
