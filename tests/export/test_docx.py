"""The Word output: page, grid, fonts (every rFonts slot), page numbers, the 自评表, highlights."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import pytest
from docx.oxml.ns import qn

from drafter.errors import InputError
from drafter.export import gbt9704 as gb
from drafter.export import selftable
from drafter.export.docx import NOTE, build, highlight_spans, title_lines
from drafter.export.furniture import TOC_LABEL
from tests.export.helpers import EXAMPLE_NAMES, drafted, example_data


def _doc(name: str) -> docx.document.Document:
    return docx.Document(io.BytesIO(drafted(name)[2]))


def _fonts(run) -> dict[str, str]:
    rfonts = run._element.rPr.find(qn("w:rFonts"))
    return {k.split("}")[1]: v for k, v in rfonts.attrib.items()}


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_example_opens_with_a4_margins_and_the_22_line_grid(name: str) -> None:
    doc = _doc(name)
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [
        37,
        35,
        28,
        26,
    ]
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    # 22 pitches fill the type area (225 mm), 28 characters of 16 pt less 0.25 pt fit its width (156 mm)
    assert 22 * 579 <= gb.TEXT_H < 23 * 579
    assert 28 * (gb.BODY_PT * 20 + gb.CHAR_SPACING) <= gb.TEXT_W < 29 * (gb.BODY_PT * 20 + gb.CHAR_SPACING)
    body = [p for p in doc.paragraphs if p.text.strip()]
    assert all(p.paragraph_format.line_spacing.twips == 579 for p in body)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_fonts_fill_every_slot_with_the_east_asian_hint_and_no_theme(name: str) -> None:
    doc = _doc(name)
    record = drafted(name)[0]
    title = doc.paragraphs[0]
    assert title.text.replace("\n", "") == record["title"]
    assert title.runs[0].font.size.pt == 22 and _fonts(title.runs[0])["eastAsia"] == "方正小标宋简体"
    levels = {sd["heading"]: sd["level"] for sd in record["sections"]}
    expected_font = {1: "黑体", 2: "楷体_GB2312"}
    seen_levels = set()
    for p in doc.paragraphs[1:]:
        for run in p.runs:
            fonts = _fonts(run)
            assert set(fonts) == {"ascii", "hAnsi", "eastAsia", "cs", "hint"}, fonts
            assert (
                fonts["hint"] == "eastAsia"
                and len({fonts[k] for k in ("ascii", "hAnsi", "eastAsia", "cs")}) == 1
            )
            assert run.font.size.pt == 16
        if p.text in levels:
            seen_levels.add(levels[p.text])
            assert _fonts(p.runs[0])["eastAsia"] == expected_font.get(levels[p.text], "仿宋_GB2312")
        elif p.runs and p.text not in ("附件", TOC_LABEL):
            assert _fonts(p.runs[0])["eastAsia"] == "仿宋_GB2312"
    assert {1, 2} <= seen_levels
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    defaults = rpr.find(qn("w:rFonts")).attrib
    assert defaults[qn("w:eastAsia")] == "仿宋_GB2312"
    assert not any("Theme" in k or "theme" in k for k in defaults)


def test_a_long_title_breaks_where_the_words_allow() -> None:
    assert title_lines("衡阳市妇女联合会2023年度部门整体支出绩效自评报告") == [
        "衡阳市妇女联合会2023年度",
        "部门整体支出绩效自评报告",
    ]
    assert title_lines("某某省某某市某某区某某街道办事处部门整体支出绩效自评报告") == [
        "某某省某某市某某区某某街道办事处",
        "部门整体支出绩效自评报告",
    ]
    assert title_lines("短标题") == ["短标题"]
    long_name = "某" * 30 + "报告"  # no place to break: left to the word processor
    assert title_lines(long_name) == [long_name]
    doc = _doc("hengyang-2023")
    assert doc.paragraphs[0].runs[0]._element.xml.count("<w:br/>") == 1


def test_page_numbers_are_a_page_field_between_dashes_on_odd_and_even_pages() -> None:
    doc = _doc("hengyang-2023")
    assert doc.settings.odd_and_even_pages_header_footer
    for footer in (doc.sections[0].footer, doc.sections[0].even_page_footer):
        p = footer.paragraphs[0]
        xml = p._p.xml
        assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))
        assert xml.count("w:fldCharType") == 3
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert _fonts(p.runs[0])["eastAsia"] == "宋体" and p.runs[0].font.size.pt == 14


def test_the_self_evaluation_table_is_a_real_table_of_the_data() -> None:
    doc = _doc("yuelu-2021")
    data = example_data("yuelu-2021")
    assert len(doc.tables) == 1
    table = doc.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    header = next(r for r in rows if r[2] == "年初预算数")
    assert header[2:] == list(selftable.MONEY_HEADER)
    total = next(r for r in rows if r[0] == "资金来源合计")
    assert total[2:] == ["", "198.8", "212.64", "10", "106.87%", ""]
    source = next(r for r in rows if r[0] == "其中：财政拨款")
    assert source[3:5] == ["174.74", "204.67"]
    first = rows.index(next(r for r in rows if r[0] == "一级指标"))
    indicators = rows[first + 1 : first + 1 + len(data.indicators)]
    for row, ind in zip(indicators, data.indicators, strict=True):
        assert row[:5] == [ind.level1, ind.level2, ind.name, ind.target, ind.actual]
        assert row[5:7] == [f"{ind.weight:f}", f"{ind.score:f}"]
    assert rows[-1][5:7] == ["100", "100"]  # 总分
    # repeated 一级/二级指标 are one vertically merged cell, as in the source tables
    assert table._tbl.xml.count("<w:vMerge") >= 2
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == list(selftable.WIDTHS) and sum(grid) == int(
        table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w"))
    )
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert all(tc.tcPr.find(qn("w:tcW")) is not None for tc in table._tbl.iter(qn("w:tc")))
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


def test_rates_not_stated_are_computed_to_two_places() -> None:
    line = example_data("hengyang-2023").budget.basic
    assert line is not None and line.rate is None
    row = selftable._money_row("基本支出", line)
    expected = (line.actual * 100 / line.budget).quantize(Decimal("0.01")) if line.budget else None
    assert row[5].text == (f"{expected}%" if expected is not None else "")


def _record(text: str, fixes: list[dict] | None = None) -> dict:
    return {
        "title": "测试报告",
        "complete": True,
        "flagged_sections": ["s"],
        "sections": [
            {
                "id": "s",
                "heading": "一、基本情况",
                "level": 1,
                "status": "flagged",
                "text": text,
                "fixes": fixes or [],
            }
        ],
    }


def test_marked_sentences_and_replaced_numbers_are_highlighted_and_nothing_else() -> None:
    text = "全年支出534.51万元。其中人员支出90万元。〔待核实：本句有数字与数据不符〕公用支出87.62万元。"
    record = _record(text, [{"action": "replaced", "text": "87.6万元", "replacement": "87.62万元"}])
    doc = docx.Document(io.BytesIO(build(record, None)))
    body = next(p for p in doc.paragraphs if "534.51" in p.text)
    marked = "".join(r.text for r in body.runs if r.font.highlight_color is not None)
    assert marked == "其中人员支出90万元。〔待核实：本句有数字与数据不符〕87.62万元"
    assert body.text == text
    # the reviewer's note names the marks, as a comment on the title, not as text to delete
    assert [c.text for c in doc.comments] == [NOTE] and "待核实" in NOTE
    assert not any(NOTE in p.text for p in doc.paragraphs)


def test_highlight_spans_cover_the_sentence_before_a_mark_and_bare_marks() -> None:
    text = "甲。乙12人〔待核实：x〕丙〔待补充：y〕。"
    spans = highlight_spans(text)
    assert [text[a:b] for a, b in spans] == ["乙12人〔待核实：x〕", "〔待补充：y〕"]


def test_fonts_are_configurable_for_users_without_the_gb2312_fonts() -> None:
    fonts = gb.Fonts.parse("body=仿宋, heading2=楷体,title=宋体")
    assert (fonts.body, fonts.heading2, fonts.title, fonts.heading1) == ("仿宋", "楷体", "宋体", "黑体")
    doc = docx.Document(io.BytesIO(build(_record("正文12人。"), None, fonts)))
    assert _fonts(doc.paragraphs[0].runs[0])["eastAsia"] == "宋体"
    assert _fonts(next(p for p in doc.paragraphs if p.text == "正文12人。").runs[0])["eastAsia"] == "仿宋"
    for bad in ("body", "bodyfont=仿宋", "body="):
        with pytest.raises(InputError, match="--fonts"):
            gb.Fonts.parse(bad)


def test_a_spending_line_labelled_by_its_own_table_keeps_its_name_in_the_selftable() -> None:
    """A data file that labels 项目支出 合计 (the word of its report's project table) must not give the
    自评表 a row 合计 beside 调整后预算: Word's reader, and the checker, take that row for the total."""
    from drafter.data.model import ReportData

    data = ReportData.model_validate(
        {
            "unit": {"name": "某县某局", "level": "县", "year": 2022},
            "budget": {
                "total": {"label": "调整后预算", "budget": "742.85", "actual": "718.36"},
                "basic": {"actual": "236.48"},
                "projects_total": {"label": "合计", "budget": "497.90", "actual": "481.88"},
            },
        }
    )
    labels = [label for label, _ in selftable.money_lines(data)]
    assert labels == ["调整后预算", "基本支出", "项目支出"]
