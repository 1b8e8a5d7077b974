"""Issue 18's clerk data: 元 money, a 三公 block with only its unit, no 编制数, a facts: entry."""

from __future__ import annotations

import pytest

from drafter.data.example import EXAMPLE
from drafter.data.model import ReportData
from drafter.drafting.codes import Code
from drafter.drafting.job import refuse_example_rows
from drafter.errors import InputError
from drafter.writing.outline import load_outline, outline_path
from tests.drafting.helpers import by_id, run_draft

CLERK = ReportData.model_validate(
    {
        "unit": {"name": "某县市场监督管理局", "short_name": "县市场监管局", "level": "县", "year": 2024},
        "staff": {"departments_count": 12, "notes": ["县市场监管局是县人民政府工作部门。"]},
        "duties": ["负责市场综合监督管理"],
        "budget": {
            "unit": "元",
            "total": {"budget": "7800000.00", "actual": "7686456.33"},
            "basic": {"actual": "5967100.39"},
            "projects_total": {"actual": "1719355.94"},
            "three_public": {"unit": "元"},
        },
        "facts": [{"id": "cars", "label": "公务用车", "value": 0, "unit": "辆"}],
        "self_evaluation": {"score": 92},
    }
)


def _draft():
    _, draft = run_draft(CLERK, the_outline=load_outline(outline_path("yunnan")))
    return by_id(draft)


def test_yuan_money_is_written_in_yuan() -> None:
    text = "\n".join(sd.text for sd in _draft().values())
    assert "7686456.33元" in text and "5967100.39元" in text and "万元" not in text


def test_missing_required_staff_counts_are_asked_for_and_flagged() -> None:
    staff = _draft()["staff"]
    assert "〔待补充：数据文件未提供编制数、实有人数" in staff.text
    assert staff.status == "flagged" and staff.flagged_for(Code.DATA_GAP)
    assert staff.text.startswith("县市场监管局是县人民政府工作部门。内设机构12个。")


def test_a_facts_entry_is_written_and_a_unit_alone_is_no_three_public_material() -> None:
    finance = _draft()["finance_management"]
    assert finance.text == "公务用车0辆。"  # the entry made the section; the empty 三公 block wrote nothing


def test_no_problem_in_the_data_is_asked_for_never_made_up() -> None:
    sections = _draft()
    for sid in ("problems", "improvements", "evaluation", "experience"):
        assert sections[sid].text.startswith("〔待补充：") and sections[sid].status == "flagged", sid


def test_the_yunnan_summary_is_unnumbered() -> None:
    headings = [sd.section.heading for sd in _draft().values() if sd.section.level == 1]
    assert headings[:2] == ["摘要", "一、部门概况"]


def test_example_rows_left_in_a_clerks_data_are_refused(tmp_path) -> None:
    raw = EXAMPLE.model_dump(by_alias=True, exclude_none=True)
    raw["unit"] = {**raw["unit"], "name": "某县市场监督管理局"}
    with pytest.raises(InputError, match="example rows in duties"):
        refuse_example_rows(tmp_path / "data.yaml", ReportData.model_validate(raw))
    refuse_example_rows(tmp_path / "data.yaml", EXAMPLE)  # the untouched example drafts as it is
