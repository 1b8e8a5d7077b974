"""Checking a PDF: the fixture was rendered by LibreOffice from example-report.docx (eval/render_docx.sh)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.check import check
from drafter.data.example import EXAMPLE
from drafter.errors import InputError
from drafter.readers import read_report
from drafter.readers.pdf import drop_toc, unspace

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PDF, DOCX = FIXTURES / "example-report.pdf", FIXTURES / "example-report.docx"


def _verdicts(text: str) -> list[tuple[str, str, str | None]]:
    return [(v.mention.text.replace(" ", ""), v.verdict, v.fact_id) for v in check(text, EXAMPLE).verdicts]


def test_the_pdf_checks_like_the_word_file_it_was_printed_from() -> None:
    pdf, word = read_report(PDF), read_report(DOCX)
    assert _verdicts(pdf.text) == _verdicts(word.text)
    assert check(pdf.text, EXAMPLE).ok


def test_lines_are_rejoined_into_paragraphs_and_page_numbers_dropped() -> None:
    pdf, word = read_report(PDF), read_report(DOCX)
    pdf_lines = set(pdf.text.split("\n"))
    body = [
        line for line, ref in zip(word.text.split("\n"), word.refs, strict=False) if ref.startswith("段落")
    ]
    long_paragraphs = [line for line in body[1:] if len(line) > 28]  # more than one printed line
    # a space typed next to Chinese ("Excel 工作簿") prints as the layout's autospace does: the reader
    # drops both; a Latin word wrapped whole (YAML 文件：/ state_capital: none) goes on its paragraph
    assert any("Excel 工作簿" in line for line in long_paragraphs)
    assert long_paragraphs and all(unspace(line) in pdf_lines for line in long_paragraphs)
    assert any("state_capital: none" in line for line in pdf_lines)
    assert not any(line.strip().startswith("—") for line in pdf_lines)


def test_the_toc_libreoffice_printed_is_left_out_as_the_word_reader_leaves_out_the_field() -> None:
    pdf, word = read_report(PDF), read_report(DOCX)
    printed = pdftotext(PDF)
    assert re.search(r"一、部门（单位）基本情况\.{5,}\s*2", printed)  # the fixture prints its 目录
    headings = _headings(DOCX)
    assert len(headings) >= 10
    lines = pdf.text.split("\n")
    assert "目录" in lines and not any(re.search(r"[.…]{3,}\s*\d+$", line) for line in lines)
    for heading in headings:  # each heading once, as in the Word file, not again as a 目录 entry
        assert [line for line in lines if line.startswith(heading)] == [heading], heading
        assert word.text.split("\n").count(heading) == 1


def _headings(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name.startswith("Heading")]


def pdftotext(path: Path) -> str:
    """The PDF's text as pdfplumber prints it, 目录 included."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _lines(*texts: str) -> list[dict]:
    return [{"text": t} for t in texts]


def test_drop_toc_leaves_out_entries_and_wrapped_ones_and_goes_on_over_a_page_break() -> None:
    page1 = _lines(
        "示例县妇女联合会2024年度",
        "目 录",
        "一、部门（单位）基本情况……………………2",
        "（一）机构、人员情况 . . . . . . . . 2",
        "六、部门整体支出绩效情况（含各项绩效指标的完成",
        "情况及偏差原因分析）··················12",
    )
    kept, in_toc = drop_toc(page1)
    assert [ln["text"] for ln in kept] == ["示例县妇女联合会2024年度", "目 录"] and in_toc
    page2 = _lines(
        "七、存在的问题及原因分析 4",
        "自评结论    4",
        "一、部门（单位）基本情况",
        "2024年基本支出232.27万元。",
    )
    kept, in_toc = drop_toc(page2, in_toc)
    assert [ln["text"] for ln in kept] == ["一、部门（单位）基本情况", "2024年基本支出232.27万元。"]
    assert not in_toc
    # without a 目录 heading nothing is dropped: a line ending in a figure is text
    body = _lines("全年开展宣传活动共计 12", "其中：人员支出 200")
    assert drop_toc(body) == (body, False)


def test_in_the_cells_layout_each_cell_is_a_line_with_its_row_and_column(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from drafter.readers import docx as docx_reader

    monkeypatch.setattr(docx_reader, "TABLE_LAYOUT", "cells")
    pdf = read_report(PDF)
    at = pdf.text.index("\n282.27\n") + 1
    assert pdf.where(at).endswith("表 1 行 4 列 5")
    assert pdf.where(pdf.text.index("年初预算数")).endswith("行 3 列 3")


def test_in_the_rows_layout_the_default_each_cell_of_a_row_keeps_its_column() -> None:
    pdf, word = read_report(PDF), read_report(DOCX)
    row = next(line for line in pdf.text.split("\n") if line.startswith("年度资金总额 | "))
    assert row in word.text.split("\n")  # the same row from the PDF as from the Word file
    at = pdf.text.index(row) + row.index("282.27")
    assert pdf.where(at).endswith("表 1 行 4 列 5")


@pytest.mark.parametrize("layout", ["cells", "rows"])
def test_a_table_over_page_breaks_reads_as_one_table(monkeypatch: pytest.MonkeyPatch, layout: str) -> None:
    """long-table.pdf: 14 绩效指标 rows over several pages, 一级/二级指标 merged across the breaks."""
    from drafter.readers import docx as docx_reader

    monkeypatch.setattr(docx_reader, "TABLE_LAYOUT", layout)
    pdf, word = read_report(FIXTURES / "long-table.pdf"), read_report(FIXTURES / "long-table.docx")

    def table(source):
        return [
            line.replace(" ", "")
            for line, ref in zip(source.text.split("\n"), source.refs, strict=False)
            if "表" in ref
        ]

    assert table(pdf) == table(word)
    pages = {ref.split(" 表")[0] for ref in pdf.refs if "表" in ref}
    assert len(pages) >= 3 and {ref.split(" 行")[0].split(" ")[-1] for ref in pdf.refs if "表" in ref} == {
        "1"
    }
    data = _long_table_data()
    assert _verdicts_of(pdf.text, data) == _verdicts_of(word.text, data)


def _make_fixtures():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_fixtures", FIXTURES.parents[1] / "eval" / "make_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _long_table_data():
    return _make_fixtures().long_table_data()


def _verdicts_of(text: str, data) -> list[tuple[str, str, str | None]]:
    return [(v.mention.text.replace(" ", ""), v.verdict, v.fact_id) for v in check(text, data).verdicts]


def test_a_scan_without_a_text_layer_is_refused(tmp_path: Path) -> None:
    import pypdfium2

    scan = pypdfium2.PdfDocument.new()
    scan.new_page(595, 842)
    path = tmp_path / "scan.pdf"
    scan.save(str(path))
    with pytest.raises(InputError, match="no text layer") as exc:
        read_report(path)
    assert "OCR" in (exc.value.hint or "")


def test_a_file_that_is_not_a_pdf_is_named(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_text("not a pdf", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable PDF"):
        read_report(path)


def test_a_header_row_repeated_at_the_top_of_the_next_page_is_read_once() -> None:
    from drafter.readers.pdf import _Table

    header = [(0, "一级指标"), (1, "分值"), (2, "得分")]
    table = _Table(1, 3)
    table.add(1, [header, [(0, "产出指标"), (1, "50"), (2, "49.82")]])
    table.continue_with(2, [list(header), [(0, "效益指标"), (1, "30"), (2, "30")]])
    assert [text for text, _ in table.lines()] == [
        "一级指标 | 分值 | 得分",
        "产出指标 | 50 | 49.82",
        "效益指标 | 30 | 30",
    ]
    assert [ref[0][1] for _, ref in table.lines()][-1] == "第 2 页 表 1 行 3 列 1"
