"""A section's Markdown tables become Word tables: parsed only by Markdown's rule, sized to the page,
in the 自评表's type and borders with a bold header, and read back by `drafter check` row by row."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn

from drafter.export import gbt9704 as gb
from drafter.export.docx import build
from drafter.export.mdtable import EM, PADDING, Row, Table, blocks, widths
from drafter.readers import read_report
from tests.export.test_own_check import _drafted

TEXT = """（一）资金情况（单位：万元）
| 项目 | 年初预算数 | 全年预算数 |
| --- | :---: | ---: |
| 年度资金总额 | 486.20 | 552.38 |
| 财政拨款 | 394.20 |
| 总分 | 100 | 99.54 |〔待核实：本句数字所依据的数据自身有误，请核对原始数据〕
合计两项。"""


def _record(text: str) -> dict:
    section = {"heading": "部门整体支出绩效自评表", "level": 1, "status": "ok", "text": text, "fixes": []}
    return {"title": "某单位2023年度部门整体支出绩效自评报告", "sections": [section]}


def test_a_pipe_table_is_one_block_with_its_rows_fitted_to_the_header_and_its_mark_kept() -> None:
    out = blocks(TEXT)
    assert out[0] == "（一）资金情况（单位：万元）" and out[-1] == "合计两项。"
    table = out[1]
    assert isinstance(table, Table) and table.header == Row(("项目", "年初预算数", "全年预算数"))
    assert table.rows == [
        Row(("年度资金总额", "486.20", "552.38")),
        Row(("财政拨款", "394.20", "")),  # a short row padded
        Row(("总分", "100", "99.54"), "〔待核实：本句数字所依据的数据自身有误，请核对原始数据〕"),
    ]
    # more cells than the header: the rest joined into the last, none dropped; "\\|" is a bar in a cell
    assert blocks("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n| x \\| y | z |")[0].rows == [  # type: ignore[union-attr]
        Row(("1", "2 | 3")),
        Row(("x | y", "z")),
    ]


def test_bars_without_a_delimiter_row_are_lines_as_written() -> None:
    text = "| 项目 | 金额 |\n| 年度资金总额 | 486.20 |"
    assert blocks(text) == text.split("\n")
    assert blocks("| a | b |\n| --- |") == ["| a | b |", "| --- |"]  # delimiter of the wrong width


def test_widths_fill_the_line_and_never_narrow_a_figure_below_its_width() -> None:
    short = widths([["项目", "金额"], ["总额", "合计"]], gb.TEXT_W)
    assert sum(short) == gb.TEXT_W and abs(short[0] - short[1]) <= 1
    # more text than the line holds: short columns keep their text on one line, long ones share the rest
    header = ["一级指标", "三级指标", "年度指标值", "得分", "偏差原因分析及改进措施"]
    row = [
        "产出指标",
        "基本公共卫生服务资金拨付及时率" * 2,
        "≥32000人次",
        "49.82",
        "外出老人未按时返乡体检" * 4,
    ]
    grid = widths([header, row], gb.TEXT_W)
    assert sum(grid) == gb.TEXT_W
    assert grid[0] >= 4 * EM + PADDING and grid[3] >= 5 * EM * 0.6 + PADDING  # 产出指标, 49.82: one line
    assert grid[2] >= EM + 5 * EM * 0.6 + PADDING  # ≥32000 unbroken
    assert abs(grid[1] - grid[4]) <= 1 and grid[1] > grid[2]  # the long ones alike, and widest
    # figures wider together than the page: they share it in proportion, every column some of it
    many = widths([["12345.67"] * 11 + ["1"]], gb.TEXT_W)
    assert sum(many) == gb.TEXT_W and len(set(many[:10])) == 1 and many[0] > many[11] > 0


def _body_tables(blob: bytes) -> list:
    return docx.Document(io.BytesIO(blob)).tables


def test_the_word_table_has_borders_the_table_type_and_a_bold_header_repeated_on_each_page() -> None:
    (table,) = _body_tables(build(_record(TEXT), None))
    assert table.style.name == "Table Grid" and len(table.rows) == 4 and len(table.columns) == 3
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(grid) == gb.TEXT_W
    header, *rows = table.rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    for r, row in enumerate(table.rows):
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                fonts = run._element.rPr.find(qn("w:rFonts"))
                expected = "黑体" if r == 0 else "仿宋_GB2312"
                assert fonts.get(qn("w:eastAsia")) == expected and run.font.size.pt == gb.TABLE_PT
                assert bool(run.font.bold) is (r == 0)
    # the row its 〔待核实〕 mark follows is marked whole, the mark in its last cell; the others are not
    marked = rows[-1].cells
    assert marked[-1].text == "99.54 〔待核实：本句数字所依据的数据自身有误，请核对原始数据〕"
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for c in marked for r in c.paragraphs[0].runs)
    assert not any(r.font.highlight_color for c in rows[0].cells for r in c.paragraphs[0].runs)


def test_a_table_outline_draft_has_no_line_of_bars_and_reads_back_row_by_row(tmp_path: Path) -> None:
    report_md, blob = _drafted("eval/corpus/ah-qinggang-weishengyuan-2023/data.yaml")
    path = tmp_path / "report.docx"
    path.write_bytes(blob)
    document = docx.Document(str(path))
    assert not any(p.text.lstrip().startswith("|") for p in document.paragraphs)
    captions = [p for p in document.paragraphs if p.text.startswith(("（一）资金情况", "（三）绩效指标"))]
    assert len(captions) == 2 and all(p.paragraph_format.keep_with_next for p in captions)
    assert len(document.tables) == 4  # 资金, 年度总体目标, 绩效指标; then the 附件
    source = read_report(path)
    lines = dict(zip(source.text.split("\n"), source.refs, strict=False))
    assert lines["项目 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率"] == "表 1 行 1 列 1"
    assert lines["年度资金总额 | 486.20 | 552.38 | 532.04 | 96.32%"] == "表 1 行 2 列 1"
    md_rows = [
        line for line in report_md.split("\n") if line.startswith("| 产出指标 | 数量指标 | 门急诊人次")
    ]
    assert md_rows and "产出指标 | 数量指标 | 门急诊人次 | ≥32000人次 | 34860人次 | 8 | 8 | " in lines
    at = source.text.index("34860人次")
    assert source.where(at) == "表 3 行 3 列 5"
