"""Outlines: chosen by the data (explicit name or file, the data's outline:, the province), numbered by
position at any depth and count, scoring settings, and 无 only for what the data states is none."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.data.load import load_data
from drafter.data.model import ReportData
from drafter.errors import InputError
from drafter.writing.outline import (
    bare_heading,
    chinese_number,
    load_outline,
    numbered,
    outline_names,
    plan,
    select_outline,
    with_scoring,
)

ROOT = Path(__file__).resolve().parents[2]


def data(**fields) -> ReportData:
    raw = {"unit": {"name": "某单位", "level": "县", "year": 2023}, **fields}
    return ReportData.model_validate(raw)


def test_builtin_outlines() -> None:
    assert outline_names() == ["hunan", "table", "yunnan"]
    for name in outline_names():
        outline = load_outline(ROOT / "prompts" / "outlines" / f"{name}.yaml")
        assert outline.name == name and outline.sources and outline.description


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("云南省滇南州", "yunnan"),
        ("广西壮族自治区桂北县", "yunnan"),
        ("重庆市渝川区石龙镇", "yunnan"),
        ("贵州省乌蒙县", "yunnan"),
        ("湖南省衡阳市", "hunan"),
        ("浙江省云溪县", "hunan"),  # no outline names 浙江: the default
        (None, "hunan"),
    ],
)
def test_the_province_of_unit_region_chooses_the_outline(region: str | None, expected: str) -> None:
    d = data(unit={"name": "某单位", "level": "县", "year": 2023, "region": region})
    assert select_outline(d).name == expected


def test_the_datas_outline_then_the_command_line_win(tmp_path: Path) -> None:
    d = data(unit={"name": "某单位", "level": "县", "year": 2023, "region": "云南省某县"}, outline="table")
    assert select_outline(d).name == "table"
    assert select_outline(d, "hunan").name == "hunan"
    custom = tmp_path / "mine.yaml"
    custom.write_text(
        (ROOT / "prompts" / "outlines" / "yunnan.yaml")
        .read_text(encoding="utf-8")
        .replace("name: yunnan", "name: mine"),
        encoding="utf-8",
    )
    assert select_outline(d, str(custom)).name == "mine"
    relative = data(outline="mine.yaml")  # relative to the data file
    assert select_outline(relative, None, tmp_path / "data.yaml").name == "mine"


def test_an_unknown_outline_is_an_error_naming_the_choices() -> None:
    with pytest.raises(InputError) as info:
        select_outline(data(), "guangxi")
    assert "guangxi" in str(info.value) and "hunan, table, yunnan" in (info.value.hint or "")


ORDINALS = [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (99, "九十九")]
ORDINALS += [(100, "一百"), (105, "一百零五"), (110, "一百一十"), (123, "一百二十三")]


@pytest.mark.parametrize(("n", "text"), ORDINALS)
def test_chinese_ordinals(n: int, text: str) -> None:
    assert chinese_number(n) == text


def test_heading_styles_by_depth() -> None:
    assert numbered("摘要", 1, 1) == "一、摘要"
    assert numbered("基本支出", 2, 11) == "（十一）基本支出"
    assert numbered("积极救助", 3, 12) == "12.积极救助"
    assert numbered("细项", 4, 2) == "（2）细项"
    assert bare_heading("（一）积极救助贫困母亲") == "积极救助贫困母亲"
    assert bare_heading("一、部门概况") == "部门概况"
    assert bare_heading("1.坚持守正创新") == "坚持守正创新"
    assert bare_heading("2023年工作") == "2023年工作"  # a year is not a number prefix


def test_themes_are_numbered_below_their_parent_at_any_count() -> None:
    themes = [{"title": f"（{chinese_number(i)}）主题{i}", "bullets": ["做了工作。"]} for i in range(1, 13)]
    sections = plan(load_outline(), data(activities=themes))
    work = [s for s in sections if s.kind == "work"]
    parent = next(s for s in sections if s.id == "work")
    assert parent.heading == "（一）年度工作情况"
    assert [s.heading for s in work][:2] == ["1.主题1", "2.主题2"]
    assert work[-1].heading == "12.主题12"  # never （11） after （十）, no collision with （一）


def test_skipped_sections_leave_no_gap() -> None:
    sections = plan(load_outline(ROOT / "prompts" / "outlines" / "yunnan.yaml"), data())
    top = [s.heading for s in sections if s.level == 1]
    # 摘要 is printed unnumbered before 一、部门概况, as the province's format has it (issue 18)
    assert top[:3] == ["摘要", "一、部门概况", "二、部门整体支出绩效目标"]
    assert [h[:2] for h in top[1:]] == [f"{chinese_number(i)}、" for i in range(1, len(top))]


def test_table_outline_numbers_the_report_under_an_unnumbered_parent() -> None:
    sections = plan(load_outline(ROOT / "prompts" / "outlines" / "table.yaml"), data())
    headings = [s.heading for s in sections]
    assert headings[:3] == ["部门整体支出绩效自评表", "自评报告", "一、部门基本情况"]


def test_fund_sections_write_none_only_when_stated() -> None:
    hunan = load_outline()
    stated = {s.id: s.empty for s in plan(hunan, data(budget={"gov_fund": "none"}))}
    assert stated["gov_fund"] == "none" and stated["state_capital"] == "note"
    given = {
        s.id: s.empty for s in plan(hunan, data(budget={"gov_fund": [{"label": "彩票公益金", "actual": 3}]}))
    }
    assert given["gov_fund"] is None


def test_outline_scoring_applies_unless_the_data_sets_its_own(tmp_path: Path) -> None:
    text = (ROOT / "prompts" / "outlines" / "hunan.yaml").read_text(encoding="utf-8")
    strict = tmp_path / "strict.yaml"
    old = "scoring: {excellent: 90, good: 80, pass: 60, rate_of: adjusted}"
    new = "scoring: {excellent: 95, good: 85, pass: 70, rate_of: initial}"
    strict.write_text(text.replace(old, new), encoding="utf-8")
    outline = load_outline(strict)
    assert outline.scoring.rate_of == "initial"
    assert with_scoring(data(), outline).scoring.grade(Decimal(92)) == "良"
    own = data(scoring={"excellent": 90})
    assert with_scoring(own, outline).scoring.grade(Decimal(92)) == "优"


def test_outline_grade_bands_are_exact_and_checked(tmp_path: Path) -> None:
    text = (ROOT / "prompts" / "outlines" / "hunan.yaml").read_text(encoding="utf-8")
    exact = tmp_path / "exact.yaml"
    exact.write_text(text.replace("excellent: 90,", "excellent: 89.5,"), encoding="utf-8")
    assert load_outline(exact).scoring.excellent == Decimal("89.5")  # read exactly, never as a float
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("rate_of: adjusted", "rate_of: 年初"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_outline(bad)
    assert "rate_of" in str(info.value)


def test_every_example_and_corpus_case_gets_the_outline_its_case_names() -> None:
    import yaml

    for case in sorted((ROOT / "eval" / "corpus").glob("*/case.yaml")):
        wanted = yaml.safe_load(case.read_text(encoding="utf-8"))["outline"]
        wanted = "table" if wanted == "project-table" else wanted
        d = load_data(case.parent / "data.yaml")
        assert select_outline(d, None, case.parent / "data.yaml").name == wanted, case.parent.name
