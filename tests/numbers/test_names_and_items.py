"""Numerals that name rather than count: a class (公益一类), an item number glued to its figure, names."""

from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.numbers import extract


def kinds(text: str, lexicon: list[str] | None = None) -> list[tuple[str, str]]:
    return [(m.text, m.kind) for m in extract(text, lexicon)]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("本馆为公益一类事业单位，", "一类"),
        ("全县属三类地区，", "三类"),
        ("接种二类疫苗1200剂次。", "二类"),
    ],
)
def test_a_class_named_by_its_number_is_no_quantity(text: str, word: str) -> None:
    assert (word, "ordinal") in kinds(text)


def test_a_number_of_kinds_is_still_a_count() -> None:
    assert ("三类", "quantity") in kinds("问题主要分为三类，")


def test_an_item_number_glued_to_its_figure_is_split() -> None:
    text = "1.慢病随访1200人次\n2.孕产妇管理率93.5%\n3.80岁以上老人上门服务46人\n"
    found = [(m.text, m.kind, m.value) for m in extract(text) if m.kind in ("marker", "quantity")]
    assert ("3.", "marker", None) in found
    assert ("80岁以上", "quantity", Decimal(80)) in found
    assert ("93.5%", "quantity", Decimal("93.5")) in found  # a decimal inside a line stays whole


@pytest.mark.parametrize(
    "text",
    [
        "1.5万人次参加活动\n",  # no item before it: a figure
        "1.慢病随访\n4.52%的患者复诊\n",  # not the next item's number (2.)
        "1.慢病随访\n2.05万人次复诊\n",  # 2.05: a figure, an item number has no leading zero after it
    ],
)
def test_a_decimal_at_a_line_start_is_a_figure_otherwise(text: str) -> None:
    assert all(m.kind != "marker" or m.text.startswith("1.") for m in extract(text))
    assert any(m.kind == "quantity" and "." in m.text for m in extract(text))


def test_a_data_name_starting_with_an_identifier_and_followed_by_its_figure() -> None:
    got = kinds("其中4K演播室三期设备购置210.35万元。", ["4K演播室三期设备购置", "4K"])
    assert got == [("4K演播室三期设备购置", "proper"), ("210.35万元", "quantity")]


def test_a_tab_ends_the_figure_its_next_cell_is_not_its_unit() -> None:
    found = [(m.text, m.unit) for m in extract("10\t10\t部分乡镇未完成\n") if m.is_quantity]
    assert found == [("10", ""), ("10", "")]


def test_a_ratios_second_term_states_nothing() -> None:
    assert kinds("全校生师比18.5:1，") == [("18.5", "quantity"), ("1", "proper")]
    assert kinds("按1∶1比例配套资金") == [("1", "quantity"), ("1", "proper")]


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("1.工作\n2.工作\n3.工作\n4.92\n", "4.92"),  # a figure alone on its line: a cell, no item 4
        ("1.工作\n2.工作\n3.工作\n4.92\t良好\n", "4.92"),  # a cell before the next cell
        ("1.工作\n2.工作\n3.工作\n4.92万元\n", "4.92万元"),
        ("1、工作\n2、工作\n3、工作\n4.92%的群众满意\n", "4.92%"),  # a 3、 list does not go on with 4.
    ],
)
def test_a_decimal_after_numbered_lines_is_whole_without_an_items_text(text: str, figure: str) -> None:
    found = [(m.text.strip(), m.kind) for m in extract(text) if m.kind in ("marker", "quantity")]
    assert (figure, "quantity") in found
    assert not any(t.startswith("4.") and k == "marker" for t, k in found)


def test_the_glued_item_is_still_split_where_its_text_follows() -> None:
    found = [(m.text, m.kind) for m in extract("1.工作\n2.工作\n3.工作\n4.92%的群众表示满意\n")]
    assert ("4.", "marker") in found and ("92%", "quantity") in found


@pytest.mark.parametrize(
    "text", ["详见表1-1。", "详见表 1-1。", "如表 1－2所示", "见附件 2-3", "（见图 1-1）"]
)
def test_a_table_number_with_its_sub_number_counts_nothing(text: str) -> None:
    assert [m for m in extract(text) if m.is_quantity] == []
    assert [m.kind for m in extract(text)] == ["marker"]


def test_a_count_after_a_table_number_is_still_a_count() -> None:
    assert [m.text for m in extract("见表1-1，共3项。") if m.is_quantity] == ["3项"]


def test_a_pair_of_cells_after_an_indicator_word_is_two_figures() -> None:
    # a flattened 自评表 row: 实际完成值 达成预期指标, 分值 8, 得分 8, then the next row's 时效指标
    found = [(m.text.strip(), m.kind) for m in extract("完成及时率 100% 达成预期指标 8 8 时效指标\n")]
    assert found.count(("8", "quantity")) == 2
    # an indicator's own number stays a marker
    assert ("2", "marker") in [(m.text, m.kind) for m in extract("指标 2 落实情况\n")]
