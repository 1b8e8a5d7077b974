"""Checking a PDF: the fixture was rendered by LibreOffice from example-report.docx (eval/render_docx.sh)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check import check
from drafter.data.example import EXAMPLE
from drafter.errors import InputError
from drafter.readers import read_report

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
    assert long_paragraphs and all(line in pdf_lines for line in long_paragraphs)
    assert not any(line.strip().startswith("—") for line in pdf_lines)


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


def _long_table_data():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_fixtures", FIXTURES.parents[1] / "eval" / "make_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.long_table_data()


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
