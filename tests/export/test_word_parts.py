"""The Word file as a clerk uses it, read back from the .docx: heading styles with outline levels and the
公文 fonts, a 目录 field Word updates, the unit's properties, the reviewer's note as a comment, and a
自评表 that marks what the data lacks."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from docx.enum.text import WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.text.run import Run

from drafter.data.model import Goals, SelfEvaluation
from drafter.export import furniture, selftable
from drafter.export import gbt9704 as gb
from drafter.export.docx import NOTE, build
from tests.export.helpers import EXAMPLE_NAMES, drafted, example_data

EXPECTED = {1: ("黑体", False), 2: ("楷体_GB2312", False), 3: ("仿宋_GB2312", True)}


def _doc(name: str) -> docx.document.Document:
    return docx.Document(io.BytesIO(drafted(name)[2]))


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_headings_are_heading_styles_with_outline_levels_and_the_official_fonts(name: str) -> None:
    doc, record = _doc(name), drafted(name)[0]
    levels = {sd["heading"]: min(int(sd["level"]), 3) for sd in record["sections"]}
    headings = [p for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert [p.text for p in headings] == [sd["heading"] for sd in record["sections"]]
    for p in headings:
        level = levels[p.text]
        assert p.style.name == f"Heading {level}"  # 标题 1/2/3 in a Chinese Word
        ppr = p.style.element.pPr
        assert ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
        font, bold = EXPECTED[level]
        rpr = p.style.element.rPr
        rfonts = rpr.find(qn("w:rFonts"))
        assert {rfonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "cs")} == {font}
        assert not any("heme" in k for k in rfonts.attrib)  # no theme font, as in every run
        assert rpr.find(qn("w:color")) is None  # not the template's blue
        assert p.style.font.size.pt == 16 and bool(p.style.font.bold) is bold
        assert p.style.paragraph_format.line_spacing.twips == 579  # on the 22-line grid
        assert p.runs[0].font.bold is bold and p.runs[0].font.size.pt == 16
    assert {levels[p.text] for p in headings} >= {1, 2}
    # the body is not a heading, and the title is not in the 目录
    assert doc.paragraphs[0].style.name == "Normal"
    assert all(p.style.name == "Normal" for p in doc.paragraphs if p.text not in levels)


def test_a_toc_field_follows_the_title_and_word_updates_it_on_opening() -> None:
    doc = _doc("ziyang-2021")
    body = list(doc.element.body.iterchildren(qn("w:p")))
    instr = [el for el in doc.element.body.iter(qn("w:instrText")) if "TOC" in (el.text or "")]
    assert [el.text for el in instr] == [' TOC \\o "1-3" \\h \\z \\u ']
    toc = instr[0].getparent().getparent()
    first_heading = next(p for p in doc.paragraphs if p.style.name.startswith("Heading"))
    assert body.index(toc) < body.index(first_heading._p) and body.index(toc) <= 3
    kinds = [el.get(qn("w:fldCharType")) for el in toc.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert toc.find(f".//{qn('w:fldChar')}").get(qn("w:dirty")) == "true"
    settings = doc.settings.element
    update = settings.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    order = [child.tag for child in settings]  # schema order: updateFields before compat
    assert order.index(qn("w:updateFields")) < order.index(qn("w:compat"))
    for level in (1, 2, 3):  # the entries Word writes are in the body type, dot leaders to the page
        style = doc.styles[f"toc {level}"]
        assert style.style_id == f"TOC{level}" and style.element.get(qn("w:customStyle")) is None
        assert style.font.size.pt == 16 and style.paragraph_format.left_indent.pt == 16 * (level - 1)
        assert style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
        (tab,) = style.paragraph_format.tab_stops
        assert tab.position.twips == gb.TEXT_W and tab.leader == WD_TAB_LEADER.DOTS
    placeholder = "".join(t.text for t in toc.iter(qn("w:t")))
    assert placeholder == furniture.TOC_PLACEHOLDER and not any(c.isdigit() for c in placeholder)


def test_properties_name_the_report_and_the_unit_dated_when_written() -> None:
    data = example_data("hengyang-2023")
    record = drafted("hengyang-2023")[0]
    when = dt.datetime(2024, 3, 5, 9, 30, tzinfo=dt.UTC)
    doc = docx.Document(io.BytesIO(build(record, data, now=when)))
    cp = doc.core_properties
    assert cp.title == record["title"]
    assert cp.author == cp.last_modified_by == data.unit.name == "衡阳市妇女联合会"
    assert cp.subject == "2023年度部门整体支出绩效自评"
    assert cp.created == cp.modified == when
    assert cp.comments == "" and "python-docx" not in " ".join(
        str(v) for v in (cp.author, cp.comments, cp.last_modified_by, cp.title, cp.keywords)
    )
    app = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/docProps/app.xml")
    assert "<Company>衡阳市妇女联合会</Company>" in app.blob.decode("utf-8")
    # by default, now
    fresh = docx.Document(io.BytesIO(drafted("hengyang-2023")[2])).core_properties.created
    assert abs(fresh - dt.datetime.now(dt.UTC)) < dt.timedelta(hours=1)


def test_the_reviewers_note_is_a_comment_on_the_title_not_body_text() -> None:
    record = drafted("ziyang-2021")[0]
    flagged = {**record, "flagged_sections": [record["sections"][-1]["id"]]}
    doc = docx.Document(io.BytesIO(build(flagged, example_data("ziyang-2021"))))
    assert [(c.author, c.text) for c in doc.comments] == [("drafter", NOTE)]
    title = doc.paragraphs[0]._p
    assert title.find(qn("w:commentRangeStart")) is not None
    assert title.find(qn("w:commentRangeEnd")) is not None
    assert not any("drafter" in p.text for p in doc.paragraphs)
    clean = {**record, "flagged_sections": [], "complete": True}
    assert len(docx.Document(io.BytesIO(build(clean, None))).comments) == 0


def _cells(rows: list[selftable.Row]) -> list[str]:
    return [c.text for row in rows for c in row]


def test_the_self_evaluation_table_marks_what_the_data_lacks() -> None:
    full = example_data("yuelu-2021")
    assert not any("待补充" in t for t in _cells(selftable.rows(full)))
    bare = full.model_copy(
        update={
            "budget": type(full.budget)(),
            "goals": Goals(),
            "indicators": [],
            "self_evaluation": SelfEvaluation(),
        }
    )
    rows = selftable.rows(bare)
    assert len(rows) > 2  # it was the title and the unit's name, and nothing to fill in
    pending = [t for t in _cells(rows) if t.startswith("〔待补充")]
    assert pending == [
        "〔待补充：年初预算数、全年预算数、全年执行数〕",
        "〔待补充：年度预期目标〕",
        "〔待补充：目标实际完成情况〕",
        "〔待补充：绩效指标（一级、二级、三级指标，年度指标值，实际完成值，分值，得分）〕",
        "〔待补充：总分、自评得分、自评等级〕",
    ]
    assert all(sum(c.span for c in row) == selftable.COLUMNS for row in rows)
    # a total without its actual, a 总分 without its score: those cells are marked
    total = full.budget.total
    assert total is not None
    partial = full.model_copy(
        update={
            "budget": full.budget.model_copy(update={"total": total.model_copy(update={"actual": None})}),
            "self_evaluation": full.self_evaluation.model_copy(update={"score": None}),
        }
    )
    rows = selftable.rows(partial)
    total_row = next(r for r in rows if r[0].text == (total.label or "年度资金总额"))
    assert [c.text for c in total_row][3] == "〔待补充〕"
    assert [c.text for c in rows[-1]][2] == "〔待补充〕"


def test_pending_cells_are_highlighted_in_word_and_pass_the_check() -> None:
    from drafter.check import check

    full = example_data("ziyang-2021")
    bare = full.model_copy(update={"indicators": [], "goals": Goals()})
    doc = docx.Document(io.BytesIO(build(drafted("ziyang-2021")[0], bare)))
    runs = [Run(r, None) for r in doc.tables[0]._tbl.iter(qn("w:r"))]  # each cell once, merged or not
    marked = [r for r in runs if "待补充" in r.text]
    # ziyang states its spending but no 年度资金总额: that row is marked as well
    assert len(marked) == 4 and all(r.font.highlight_color is not None for r in marked)
    assert all(r.font.highlight_color is None for r in runs if "待补充" not in r.text)
    table_text = "\n".join(" | ".join(c.text for c in row) for row in selftable.rows(bare))
    assert not [v for v in check(table_text, bare).verdicts if v.is_problem]
