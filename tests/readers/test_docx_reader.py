"""Checking a Word file: the same verdicts as report.md, table cells by row and column, clear errors."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from drafter.check import check
from drafter.check.examples import example_numbers_for
from drafter.errors import InputError
from drafter.readers import read_report
from drafter.readers.docx import read_docx
from tests.export.helpers import EXAMPLE_NAMES, drafted, example_data


def _write(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(drafted(name)[2])
    return path


def _verdicts(text: str, name: str):
    data = example_data(name)
    return check(text, data, examples=example_numbers_for(data)).verdicts


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_check_of_the_docx_agrees_with_the_check_of_report_md(tmp_path: Path, name: str) -> None:
    source = read_report(_write(tmp_path, name))
    md = [(v.mention.text, v.verdict, v.fact_id) for v in _verdicts(drafted(name)[1], name)]
    verdicts = _verdicts(source.text, name)
    body = [
        (v.mention.text, v.verdict, v.fact_id)
        for v in verdicts
        if source.where(v.mention.start).startswith("段落")
    ]
    assert body == md
    table = [v for v in verdicts if source.where(v.mention.start).startswith("表")]
    assert table, "the 自评表's numbers are checked too"
    # the table states the data: a problem there can only be one the data itself has (yuelu's 198.8)
    assert all("数据自身有误" in v.reason for v in table if v.is_problem)


def test_a_line_becomes_a_paragraph_or_table_cell_reference(tmp_path: Path) -> None:
    path = _write(tmp_path, "yuelu-2021")
    source = read_report(path)
    doc = docx.Document(str(path))
    at = source.text.index(" | 198.8 | ") + len(" | ")  # one line a row: "label | … | 198.8 | …"
    ref = source.where(at)
    assert ref.startswith("表 1 行 ") and " 列 " in ref
    row, col = (int(x) for x in ref.removeprefix("表 1 行 ").split(" 列 "))
    assert doc.tables[0].cell(row - 1, col - 1).text == "198.8"
    title_at = source.text.index(doc.paragraphs[0].text)
    assert source.where(title_at) == "段落 1"
    heading = next(i for i, p in enumerate(doc.paragraphs, 1) if p.text == "（一）机构、人员情况")
    assert source.where(source.text.index("（一）机构、人员情况")) == f"段落 {heading}"


def test_merged_cells_are_read_once_across_and_repeated_down(tmp_path: Path) -> None:
    doc = docx.Document()
    table = doc.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "部门（单位）名称"
    table.cell(1, 0).text = "产出指标"
    table.cell(1, 0).merge(table.cell(2, 0))
    for r, (name, value) in enumerate((("数量指标", "12次"), ("质量指标", "3家")), start=1):
        table.cell(r, 1).text, table.cell(r, 2).text = name, value
    path = tmp_path / "t.docx"
    doc.save(str(path))
    cells, rows = read_docx(path, "cells"), read_docx(path, "rows")
    assert cells.text.split("\n")[:1] == ["部门（单位）名称"]
    assert "产出指标\n数量指标\n12次\n\n产出指标\n质量指标\n3家" in cells.text
    assert rows.text.split("\n")[:3] == [
        "部门（单位）名称",
        "产出指标 | 数量指标 | 12次",
        "产出指标 | 质量指标 | 3家",
    ]
    assert rows.where(rows.text.index("质量指标")) == "表 1 行 3 列 2"
    assert rows.where(rows.text.index("3家")) == "表 1 行 3 列 3"
    assert rows.where(rows.text.index("产出指标 | 质量")) == "表 1 行 3 列 1"


def test_bad_word_files_are_named_with_what_to_do(tmp_path: Path) -> None:
    fake = tmp_path / "report.docx"
    fake.write_text("这不是 Word 文件", encoding="utf-8")
    with pytest.raises(InputError, match=r"not a Word \.docx file"):
        read_report(fake)
    old = tmp_path / "report.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match="old binary Word format") as exc:
        read_report(old)
    assert "另存为" in (exc.value.hint or "")
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        read_report(empty)
    blank = tmp_path / "blank.docx"
    docx.Document().save(str(blank))
    with pytest.raises(InputError, match="no text"):
        read_report(blank)
    with pytest.raises(InputError, match="no such report"):
        read_report(tmp_path / "missing.docx")


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_report_typed_into_word_checks_like_its_text(tmp_path: Path, name: str) -> None:
    """Each example's report.txt, one Word paragraph a line (the flattened 自评表 of yuelu included)."""
    from tests.drafting.helpers import EXAMPLES

    text = (EXAMPLES / name / "report.txt").read_text(encoding="utf-8")
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "typed.docx"
    document.save(str(path))
    source = read_report(path)
    assert [(v.mention.text.strip(), v.verdict, v.fact_id) for v in _verdicts(source.text, name)] == [
        (v.mention.text.strip(), v.verdict, v.fact_id) for v in _verdicts(text, name)
    ]


def _field_char(paragraph, kind: str, instr: str = "") -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    el = OxmlElement("w:instrText" if instr else "w:fldChar")
    if instr:
        el.text = instr
    else:
        el.set(qn("w:fldCharType"), kind)
    run._element.append(el)


def test_a_toc_word_filled_in_is_not_read_its_page_numbers_are_no_data(tmp_path: Path) -> None:
    """What Word saves after updating the export's 目录: entries with page numbers inside the field."""
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    for name in ("toc 1", "toc 2"):
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("某单位2023年度部门整体支出绩效自评报告")
    first = document.add_paragraph(style="toc 1")
    _field_char(first, "begin")
    _field_char(first, "", ' TOC \\o "1-3" \\h \\z \\u ')
    _field_char(first, "separate")
    first.add_run("一、部门概况\t3")
    document.add_paragraph("（一）机构情况\t3", style="toc 2")
    last = document.add_paragraph("二、部门整体支出情况\t5", style="toc 1")
    _field_char(last, "end")
    after = document.add_paragraph()  # text after the field's end in its paragraph is the report's
    _field_char(after, "begin")
    _field_char(after, "", " TOC \\o ")
    _field_char(after, "separate")
    after.add_run("（目录）")
    _field_char(after, "end")
    after.add_run("一、部门概况")
    document.add_paragraph("编制数12人。")
    document.add_paragraph("二、部门整体支出情况\t7", style="toc 1")  # a 目录 pasted as text
    page = document.add_paragraph("共")
    _field_char(page, "begin")
    _field_char(page, "", " NUMPAGES ")
    _field_char(page, "separate")
    page.add_run("4")  # another field's result is text as before
    _field_char(page, "end")
    path = tmp_path / "toc.docx"
    document.save(str(path))
    assert read_docx(path).text.split("\n") == [
        "某单位2023年度部门整体支出绩效自评报告",
        "一、部门概况",
        "编制数12人。",
        "共4",
        "",
    ]
