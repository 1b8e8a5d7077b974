"""The opening paragraph and 落款 an outline prescribes: in report.md, draft.json, the Word file, and
kept by regen; checked like every other line."""

from __future__ import annotations

import io
import json
from pathlib import Path

from docx import Document

from drafter.check import check, make_grounder
from drafter.drafting.markdown import to_markdown
from drafter.drafting.store import draft_json
from drafter.export.docx import build
from drafter.writing.outline import load_outline, outline_path
from tests.drafting.helpers import example_data, run_draft
from tests.review.helpers import drafter as run_drafter


def test_a_hunan_report_opens_with_its_preamble_and_closes_with_the_units_name() -> None:
    data = example_data("hengyang-2023")
    _, draft = run_draft(data)
    text = to_markdown(draft)
    body = [line for line in text.split("\n") if line and not line.startswith(">")]
    assert body[0].startswith("# ") and body[1].startswith("为加强预算绩效管理")
    assert body[1].endswith("现将自评情况报告如下：") and "衡阳市妇联对本单位2023年度" in body[1]
    assert body[2].startswith("## 一、") and body[-1] == "衡阳市妇女联合会"
    result = check(body[1], make_grounder(data))
    assert result.problems == []  # the year it names is the report year
    record = draft_json(draft)
    assert record["preamble"] == body[1] and record["closing"] == "衡阳市妇女联合会"
    paragraphs = [p.text for p in Document(io.BytesIO(build(record, data))).paragraphs]
    assert body[1] in paragraphs and "衡阳市妇女联合会" in paragraphs


def test_the_yunnan_outline_has_no_preamble_its_summary_opens_the_report() -> None:
    data = example_data("hengyang-2023")
    yunnan = load_outline(outline_path("yunnan"))
    _, draft = run_draft(data, the_outline=yunnan)
    assert draft.preamble == "" and draft.closing == "衡阳市妇女联合会"
    assert to_markdown(draft).split("\n")[2].startswith(("## 摘要", "> "))


def test_regen_keeps_the_preamble(tmp_path: Path) -> None:
    data = str(Path(__file__).resolve().parents[2] / "examples" / "ziyang-2021" / "data.yaml")
    assert run_drafter(tmp_path, "draft", data, "-o", "out").returncode == 0
    before = json.loads((tmp_path / "out" / "draft.json").read_text(encoding="utf-8"))["preamble"]
    assert before.startswith("为加强预算绩效管理")
    done = run_drafter(tmp_path, "regen", "out", "--section", "problems")
    assert done.returncode == 0, done.output
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert before in report
