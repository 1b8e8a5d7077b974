"""Golden files for each outline's rendering by the built-in writer: any change to an outline, a writer
template or a section context shows up as a diff of tests/golden/outlines/<outline>-<case>.md.

After an intended change, regenerate them and review the diff:

    UPDATE_GOLDEN=1 python -m pytest tests/drafting/test_golden_outlines.py
"""

from __future__ import annotations

import asyncio
import difflib
import os
import re
from pathlib import Path

import pytest

from drafter.check import check
from drafter.check.examples import example_numbers_for
from drafter.data.load import load_data
from drafter.drafting.markdown import to_markdown
from drafter.drafting.run import Drafter
from drafter.writing.outline import plan, select_outline, with_scoring
from tests.drafting.helpers import ROOT

GOLDEN = ROOT / "tests" / "golden" / "outlines"
CASES = [
    ("hunan", "examples/hengyang-2023"),
    ("hunan", "eval/corpus/hn-xiangtan-jiaoyu-2023"),
    ("yunnan", "eval/corpus/yn-diannan-weijian-2023"),
    ("yunnan", "eval/corpus/cq-shilong-zhen-2023"),
    ("table", "eval/corpus/hn-qingshan-rongmeiti-2023"),
    ("table", "examples/yuelu-2021"),
]
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
# Numbers the writer wrote from the right fact that the checker still doubts (checker bugs, reported to
# the checker's owner), listed exactly so the test says when the checker is fixed. None at present.
KNOWN_CHECKER_DOUBTS: dict[str, list[tuple[str, str]]] = {}
BLANK = re.compile(r"(预算数|执行数|执行率|实际完成|指标值为|得分)[，。；、）]|“”|[，；]。")


def drafted(case: str) -> tuple[str, object, str]:
    path = ROOT / case / "data.yaml"
    data = load_data(path)
    outline = select_outline(data, None, path)
    data = with_scoring(data, outline)
    drafter = Drafter(data)
    draft = drafter.new_draft(outline, plan(outline, data), "data.yaml")
    asyncio.run(drafter.run(draft))
    return to_markdown(draft), data, outline.name


@pytest.mark.parametrize(("outline", "case"), CASES, ids=[f"{o}-{Path(c).name}" for o, c in CASES])
def test_outline_rendering_matches_its_golden_file(outline: str, case: str) -> None:
    text, _, chosen = drafted(case)
    assert chosen == outline  # chosen by the data (its province or its outline:)
    path = GOLDEN / f"{outline}-{Path(case).name}.md"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    golden = path.read_text(encoding="utf-8")
    if text != golden:
        diff = "".join(
            difflib.unified_diff(golden.splitlines(True), text.splitlines(True), "golden", "rendered")
        )
        pytest.fail(f"{path.name} differs (UPDATE_GOLDEN=1 to accept):\n{diff}")


@pytest.mark.parametrize(("outline", "case"), CASES, ids=[f"{o}-{Path(c).name}" for o, c in CASES])
def test_outline_drafts_are_clean(outline: str, case: str) -> None:
    """No blank slot, no 无 the data does not state, no "未发现问题" when the data shows one, and every
    number the checker doubts is one the data itself gets wrong (its audit says so)."""
    text, data, _ = drafted(case)
    assert not BLANK.search(text), BLANK.search(text)
    for kind, heading in (
        ("gov_fund", "政府性基金"),
        ("state_capital", "国有资本"),
        ("social_insurance", "社会保险基金"),
    ):
        block = re.search(rf"#+ [^\n]*{heading}[^\n]*\n\n([^\n]*)", text)
        if block and block.group(1) == "无。":
            assert kind in data.budget.none, kind  # type: ignore[attr-defined]
    assert not re.search(r"未发现[^。]{0,8}问题", text)
    result = check(text, data, examples=example_numbers_for(data))  # type: ignore[arg-type]
    doubted = [v for v in result.problems if "数据自身有误" not in v.reason and v.verdict != "hedge"]
    found = [(v.mention.text, v.reason) for v in doubted]
    assert found == KNOWN_CHECKER_DOUBTS.get(Path(case).name, []), [v.sentence[:60] for v in doubted]


def test_every_outline_golden_file_is_used() -> None:
    expected = {f"{o}-{Path(c).name}.md" for o, c in CASES}
    assert {p.name for p in GOLDEN.glob("*.md")} == expected


def test_finance_fields_are_written_and_proven_by_the_checker() -> None:
    """三公经费 (in 元), 机关运行经费, 政府采购, 固定资产 as typed fields: the writer's “三公”经费及财务管理
    section states each one, and the checker proves every figure of it from the same data."""
    from drafter.data.model import ReportData
    from drafter.writing.outline import load_outline

    base = load_data(ROOT / "eval/corpus/yn-diannan-weijian-2023/data.yaml")
    raw = base.model_dump(by_alias=True, exclude_none=True)
    raw["facts"] = [f for f in raw["facts"] if not f["id"].startswith(("sangong", "procurement", "assets"))]
    raw["budget"]["three_public"] = {
        "unit": "元",
        "total": {"budget": "186000.00", "actual": "152347.60", "last_year": "171205.30"},
        "overseas": {"actual": "0"},
        "vehicle_operation": {"actual": "98420.00"},
        "reception": {"actual": "53927.60"},
    }
    raw["budget"]["procurement"] = {"budget": "2150.00", "actual": "2036.48"}
    raw["budget"]["operating_cost"] = {"budget": "280.00", "actual": "266.45"}
    raw["budget"]["assets"] = {"total": "3520.16", "net": "1875.42", "vehicles": 6}
    data = ReportData.model_validate(raw)
    outline = load_outline()
    chosen = [s for s in plan(outline, data) if s.id == "finance_management"]
    assert [s.heading for s in chosen] == ["（三）“三公”经费及财务管理情况"]
    drafter = Drafter(data)
    draft = drafter.new_draft(outline, chosen, "data.yaml")
    asyncio.run(drafter.run(draft))
    text = draft.sections[0].text
    shown = ["实际支出152347.60元", "公务接待费53927.60元", "较上年减少18857.70元", "政府采购执行率94.72%"]
    shown += ["固定资产原值3520.16万元", "公务用车6辆", "机关运行经费预算280.00万元"]
    for words in shown:
        assert words in text, words
    result = check(text, data)
    assert result.problems == [], [(v.mention.text, v.reason) for v in result.problems]
    assert len([v for v in result.verdicts if v.verdict == "ok" and v.mention.kind == "quantity"]) == 14
