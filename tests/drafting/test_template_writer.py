"""The built-in writer (no model) on the four examples: every number it writes is proved by the checker.

The only problems left in its reports are the data's own known mistakes (hengyang-2023's contradictory
hedge 近1万余人; yuelu-2021's mistyped total 198.8 for 198.98 and its 110-point score table), and
each of those sentences carries a 〔待核实〕 mark. The writer is deterministic (same data, same text,
whatever the process), yet varies its phrasing between units (`pick` hashes the unit and section).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.check import check, make_grounder
from drafter.check.examples import example_numbers_for
from drafter.data.model import ReportData
from drafter.drafting.markdown import to_markdown
from drafter.drafting.repair import MARK, unflagged
from drafter.drafting.store import save
from drafter.writing.builtin import NAME as TEMPLATE_WRITER
from tests.check.test_examples import KNOWN_AUDIT
from tests.drafting.helpers import EXAMPLE_NAMES, ROOT, by_id, data_path, example_data, run_draft

CLEAN = ("ziyang-2021", "laoting-2023")
FUNDS = ("gov_fund", "state_capital", "social_insurance")

# (number as written, verdict, expected): the data's own mistakes, written as the data says and marked
KNOWN_PROBLEMS = {
    "hengyang-2023": [("近1万余人", "hedge", None)],
    "yuelu-2021": [
        ("198.80万元", "mismatch", "198.98万元"),
        ("198.80万元", "mismatch", "198.98万元"),
        ("100分", "mismatch", "110分"),
    ],
    "laoting-2023": [],
    "ziyang-2021": [],
}
# the score 100 the data states is judged wrong (the parts add up to 110): it is reported once, as the
# mismatch above, not a second time as missing
KNOWN_MISSING: dict[str, list[str]] = {}


def drafted(name: str, tmp_path: Path) -> tuple[str, dict, object]:
    """Draft example `name` with the built-in writer; (report.md text, draft.json, draft)."""
    _, draft = run_draft(example_data(name))
    report, record = save(draft, tmp_path / name)
    return report.read_text(encoding="utf-8"), json.loads(record.read_text(encoding="utf-8")), draft


def grounder_for(name: str):
    data = example_data(name)
    return make_grounder(data, example_numbers_for(data))  # as `drafter check` does


@pytest.mark.parametrize("name", CLEAN)
def test_clean_examples_report_checks_completely_clean(name: str, tmp_path: Path) -> None:
    text, record, draft = drafted(name, tmp_path)
    result = check(text, grounder_for(name))
    assert result.ok, [(v.mention.text, v.verdict, v.reason) for v in result.problems] + result.missing
    counts = result.counts()
    assert counts["ok"] >= 40  # the figures really were checked, not skipped
    assert MARK + "：" not in text  # no sentence marked (the head note names the marks, with no colon)
    assert record["complete"] is True
    assert draft.writer == TEMPLATE_WRITER
    assert all(sd.writer in ("", TEMPLATE_WRITER) for sd in draft.sections)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_only_the_datas_own_mistakes_remain_and_each_is_marked(name: str, tmp_path: Path) -> None:
    text, _, _ = drafted(name, tmp_path)
    result = check(text, grounder_for(name))
    found = [
        (v.mention.text, v.verdict, v.expected if v.verdict == "mismatch" else None) for v in result.problems
    ]
    assert found == KNOWN_PROBLEMS[name]
    assert [(f.kind, f.fact_id) for f in result.audit_errors] == KNOWN_AUDIT[name]
    assert [f.fact_id for f in result.missing] == KNOWN_MISSING.get(name, [])
    for v in result.problems:
        if v.verdict == "mismatch":
            assert "数据自身有误" in v.reason, v  # written as the data says: the data is what is wrong
    assert unflagged(result) == []


def test_hengyang_contradictory_hedge_is_marked_in_its_theme(tmp_path: Path) -> None:
    _, record, _ = drafted("hengyang-2023", tmp_path)
    flagged = {s["id"]: s for s in record["sections"] if s["flags"]}
    assert list(flagged) == ["work_4"]
    assert "近1万余人。〔待核实：本句约数用法与数据不符〕" in flagged["work_4"]["text"]
    assert [f["action"] for f in flagged["work_4"]["fixes"]] == ["marked"]


def test_yuelu_data_errors_are_marked_not_silently_corrected(tmp_path: Path) -> None:
    text, record, _ = drafted("yuelu-2021", tmp_path)
    assert "198.98" not in text  # the writer does not guess the right value: it marks the sentence
    assert text.count("〔待核实：本句数字所依据的数据自身有误，请核对原始数据〕") == 3
    assert set(record["flagged_sections"]) >= {"performance", "problems", "conclusion"}


def test_fund_sections_say_none_only_when_the_data_states_none() -> None:
    data = example_data("hengyang-2023")  # its data file says gov_fund: none (the report prints 无)
    assert set(data.budget.none) == set(FUNDS)
    _, draft = run_draft(data, ids=set(FUNDS))
    sections = by_id(draft)
    for kind in FUNDS:
        sd = sections[kind]
        assert sd.text == "无。", (kind, sd.text)
        assert sd.status == "ok" and sd.flags == []


@pytest.mark.parametrize("name", ["laoting-2023", "yuelu-2021", "ziyang-2021"])
def test_fund_sections_ask_when_the_data_does_not_say(name: str) -> None:
    """Saying nothing is not saying 无: the draft asks, naming how to state none."""
    data = example_data(name)
    assert not data.budget.none and not any(getattr(data.budget, kind) for kind in FUNDS)
    _, draft = run_draft(data, ids=set(FUNDS))
    sections = by_id(draft)
    for kind in FUNDS:
        sd = sections[kind]
        assert "无。" not in sd.text
        assert sd.text.startswith("〔待补充：数据文件未说明本单位") and f"{kind}: none" in sd.text, sd.text
        # and in the workbook's own words, for clerks who fill in Excel, not YAML
        assert "“基本情况”表“明确为“无”的预算”一行填" in sd.text, sd.text


def test_fund_sections_list_the_lines_when_the_data_has_them(tmp_path: Path) -> None:
    raw = example_data("ziyang-2021").model_dump(by_alias=True, exclude_none=True)
    raw["budget"]["gov_fund"] = [{"label": "彩票公益金", "budget": "12.5", "actual": "10.32"}]
    raw["budget"]["social_insurance"] = [{"label": "机关事业单位养老保险基金", "actual": "3.2"}]
    raw["budget"]["state_capital"] = "none"
    data = ReportData.model_validate(raw)
    drafter, draft = run_draft(data, ids=set(FUNDS))
    sections = by_id(draft)
    assert sections["gov_fund"].text == "彩票公益金预算数12.50万元，执行数10.32万元，执行率82.56%。"
    assert sections["social_insurance"].text == "机关事业单位养老保险基金执行数3.20万元。"
    assert sections["state_capital"].text == "无。"
    for sd in draft.sections:
        assert check(sd.text, drafter.grounder).problems == []
        assert sd.status == "ok"


def test_section_without_data_gets_a_note_and_a_flag(tmp_path: Path) -> None:
    text, record, draft = drafted("laoting-2023", tmp_path)  # no staff, no duties, no 基本支出 in its data
    sections = by_id(draft)
    for sid in ("staff", "duties", "budget_basic"):
        sd = sections[sid]
        assert sd.section.empty == "note"
        assert sd.text.startswith("〔待补充：数据文件未提供本部分所需内容"), sd.text
        assert sd.section.heading in sd.text
        assert not re.search(r"\d", sd.text.replace(sd.section.heading, ""))  # a note states no figure
        assert sd.status == "flagged"
        assert any("数据文件未提供本部分所需内容" in f for f in sd.flags)
        assert sd.text in text
    assert {"staff", "duties", "budget_basic"} <= set(record["flagged_sections"])
    assert "〔待补充〕" in text.splitlines()[2]  # the report's head note tells the reader to look for them


def test_missing_activities_note_the_work_section(tmp_path: Path) -> None:
    raw = example_data("ziyang-2021").model_dump(by_alias=True, exclude_none=True)
    raw["activities"] = []
    data = ReportData.model_validate(raw)
    _, draft = run_draft(data, only=["work"])
    sections = by_id(draft)
    assert [sd.section.id for sd in draft.sections] == ["performance", "work"]  # no theme subsections
    work = sections["work"]
    assert work.text.startswith("〔待补充") and work.status == "flagged" and work.flags


def test_same_data_gives_the_same_text_twice() -> None:
    for name in ("hengyang-2023", "yuelu-2021"):
        _, first = run_draft(example_data(name))
        _, second = run_draft(example_data(name))
        assert to_markdown(first) == to_markdown(second)
        assert [sd.text for sd in first.sections] == [sd.text for sd in second.sections]


def test_same_text_in_another_process_with_another_hash_seed(tmp_path: Path) -> None:
    """`pick` must not depend on Python's per-process string hashing: the CLI, elsewhere, writes the same."""
    _, draft = run_draft(example_data("hengyang-2023"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DRAFTER_"))}
    env.update(
        PYTHONHASHSEED="4242",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path),
        COLUMNS="250",
        NO_COLOR="1",
        TERM="dumb",
        PYTHONIOENCODING="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "drafter",
            "draft",
            str(data_path("hengyang-2023")),
            "-o",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    stdout = done.stdout.decode("utf-8")
    assert done.returncode == 0, stdout + done.stderr.decode("utf-8")
    assert stdout.splitlines()[0].startswith("writer: built-in template writer")
    assert (tmp_path / "out" / "report.md").read_text(encoding="utf-8") == to_markdown(draft)


UNSUPPORTED = (
    "较好地完成了年度各项任务",
    "采取资料核查、数据比对与实地了解相结合的方式",
    "精细化水平有待提升",
)


def test_no_sentence_is_the_same_in_every_units_report() -> None:
    """The performance opening, 存在问题 and 改进措施 are written from each unit's own data: no stock
    phrase claims what the data does not say, and no sentence recurs in all four examples."""
    drafts = {name: run_draft(example_data(name))[1] for name in EXAMPLE_NAMES}
    texts = {name: "\n".join(sd.text for sd in d.sections) for name, d in drafts.items()}
    for name, text in texts.items():
        assert not [p for p in UNSUPPORTED if p in text], name
    sentences = [{s for s in re.split(r"(?<=[。；])", t) if len(s) > 8} for t in texts.values()]
    assert set.intersection(*sentences) == set()
    for template in (ROOT / "prompts" / "writer").glob("*.j2"):
        assert not [p for p in UNSUPPORTED if p in template.read_text(encoding="utf-8")], template.name


def test_work_themes_are_written_as_numbered_points_keeping_every_bullet() -> None:
    """No "围绕X，重点做了以下工作。" lead pasted before the bullets: the bullets become 一是、二是… points,
    each bullet's words kept verbatim and in order (so every figure stays with its own activity)."""
    data = example_data("hengyang-2023")
    _, draft = run_draft(data, only=["work"])
    themes = [sd for sd in draft.sections if sd.section.kind == "work"]
    assert themes
    for sd in themes:
        assert "重点做了以下工作" not in sd.text
        assert sd.text.startswith("一是"), sd.text[:40]
        at = 0
        for bullet in data.activities[sd.section.theme].bullets:
            core = bullet.strip().rstrip("。；;，,")
            found = sd.text.find(core, at)
            assert found >= 0, core
            at = found + len(core)
        assert "二是" in sd.text


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_paragraph_ends_as_a_sentence(name: str) -> None:
    """Each line the built-in writer writes ends with sentence punctuation (or a mark), as report prose must;
    the data's own free-text notes are completed with 。 like the writer's other lists."""
    _, draft = run_draft(example_data(name))
    unfinished = [
        (sd.section.id, line[-30:])
        for sd in draft.sections
        for line in sd.text.splitlines()
        if line and line[-1] not in "。！？；：〕"
    ]
    assert unfinished == []
