"""report.docx: the draft as a Word document in the GB/T 9704 style, with the 自评表 as a real table.

One paragraph per line of report.md (headings, body lines), so `drafter check report.docx` reads the
same text as `drafter check report.md`; a Markdown table of a section (drafter.export.mdtable) is a
Word table, read back one line a row as the checker reads a pipe table; the 自评表 follows as 附件 on
a new page, its rows built from the data (drafter.export.selftable). Headings are Word's heading
styles (navigation pane, 目录), a 目录 field follows the title, and drafter's note to the reviewer is
a comment on the title, not text (drafter.export.furniture). What a reviewer must look at is
highlighted: sentences marked 〔待核实〕 (with their mark), 〔待补充〕/〔未完成〕 marks, and numbers the
repair step replaced.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from drafter.data.load import load_data
from drafter.data.model import ReportData
from drafter.drafting.markdown import PENDING
from drafter.errors import InputError
from drafter.export import furniture, mdtable, selftable
from drafter.export import gbt9704 as gb
from drafter.io.atomic import write_bytes_atomic
from drafter.io.files import read_text

NOTE = "本稿由 drafter 生成。文中标注〔待核实〕〔待补充〕〔未完成〕之处需要人工处理，详见 draft.json。"
ATTACHMENT = "附件"
# a 〔待核实…〕 mark highlights its sentence too; 〔待补充…〕 and 〔未完成…〕 marks alone
_MARK = re.compile(r"〔(?:待核实|待补充|未完成)[^〔〕]*〕")
_SENTENCE_STOP = re.compile(r"[。！？；]")


def highlight_spans(text: str, replaced: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Character spans of `text` a reviewer must see: marked sentences, marks, replaced numbers."""
    spans: list[tuple[int, int]] = []
    for m in _MARK.finditer(text):
        start = m.start()
        if m.group().startswith("〔待核实"):  # the mark stands right after its sentence's stop
            before = text[: max(0, start - 1)]
            stops = [s.end() for s in _SENTENCE_STOP.finditer(before)]
            start = max([0, *stops, before.rfind("〕") + 1])
        spans.append((start, m.end()))
    for number in {r for r in replaced if r}:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(number), text)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


class _Writer:
    def __init__(self, fonts: gb.Fonts) -> None:
        self.fonts = fonts
        self.doc = Document()
        gb.setup_document(self.doc, fonts)
        body = self.doc.element.body
        for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
            body.remove(p)

    def paragraph(
        self,
        text: str,
        font: str,
        size: float = gb.BODY_PT,
        *,
        bold: bool = False,
        indent: int = 2,
        align: WD_ALIGN_PARAGRAPH | None = None,
        replaced: Iterable[str] = (),
        marks: bool = True,
        style: str | None = None,
    ) -> Any:
        p = self.doc.add_paragraph(style=style)
        gb.exact_lines(p, indent)
        if align is not None:
            p.alignment = align
        at = 0
        spacing = gb.CHAR_SPACING if size == gb.BODY_PT else 0
        spans = highlight_spans(text, replaced) if marks else []
        for a, b in [*spans, (len(text), len(text))]:
            for piece, marked in ((text[at:a], False), (text[a:b], True)):
                if piece:
                    run = p.add_run(piece)
                    gb.style_run(run, font, size, bold, spacing)
                    if marked:
                        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            at = b
        return p

    def page_break(self) -> None:
        p = self.doc.add_paragraph()
        gb.exact_lines(p)
        run = p.add_run()
        gb.style_run(run, self.fonts.body, gb.BODY_PT)
        run.add_break(WD_BREAK.PAGE)

    def _new_table(self, rows: int, grid: Sequence[int]) -> Any:
        """An empty bordered table (Table Grid), centred, of fixed column widths `grid` (twips)."""
        table = self.doc.add_table(rows=rows, cols=len(grid))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _fixed_widths(table, grid)
        return table

    def table(self, rows: Sequence[selftable.Row]) -> None:
        table = self._new_table(len(rows), selftable.WIDTHS)
        for r, row in enumerate(rows):
            col = 0
            for cell in row:
                target = table.cell(r, col)
                if cell.span > 1:
                    target = target.merge(table.cell(r, col + cell.span - 1))
                spans = [(0, len(cell.text))] if _MARK.search(cell.text) else []  # 〔待补充〕: fill in
                center = cell.header or _NUMERIC.fullmatch(cell.text) or cell.span == selftable.COLUMNS
                font = self.fonts.heading1 if cell.header else self.fonts.body
                _cell_text(target, cell.text, font, spans, center=bool(center))
                col += cell.span
        _merge_repeats(table, rows)
        _rows_whole(table)

    def md_table(self, source: mdtable.Table, replaced: Iterable[str] = ()) -> None:
        """A Markdown table of a section's text as a Word table: the 自评表's type and borders, the
        header row bold (and repeated on each page the table runs over), figures centred."""
        rows = [source.header, *source.rows]
        texts = [[*r.cells[:-1], " ".join(t for t in (r.cells[-1], r.note) if t)] for r in rows]
        table = self._new_table(len(rows), mdtable.widths(texts, gb.TEXT_W))
        for r, cells in enumerate(texts):
            header = r == 0
            marked = any("〔待核实" in t for t in cells)  # a row is its own sentence: all of it marked
            for c, text in enumerate(cells):
                spans = [(0, len(text))] if marked else highlight_spans(text, replaced)
                font = self.fonts.heading1 if header else self.fonts.body
                center = header or bool(_NUMERIC.fullmatch(text))
                _cell_text(table.cell(r, c), text, font, spans, center=center, bold=header)
        header_row = OxmlElement("w:tblHeader")
        table.rows[0]._tr.get_or_add_trPr().append(header_row)
        _rows_whole(table)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


_NUMERIC = re.compile(r"[\d.,%]+")


def _cell_text(
    cell: Any, text: str, font: str, spans: Sequence[tuple[int, int]], *, center: bool, bold: bool = False
) -> None:
    """A table cell's one paragraph: 五号 type off the grid, single-spaced, `spans` highlighted."""
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    p = cell.paragraphs[0]
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = 1.0
    gb.off_grid(p)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    at = 0
    for a, b in [*spans, (len(text), len(text))]:
        for piece, marked in ((text[at:a], False), (text[a:b], True)):
            if piece:
                run = p.add_run(piece)
                gb.style_run(run, font, gb.TABLE_PT, bold)
                if marked:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        at = max(at, b)


def _rows_whole(table: Any) -> None:
    """A row is never cut by a page break (and so is read back whole from a PDF too)."""
    for row in table.rows:
        cant_split = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().append(cant_split)


def _fixed_widths(table: Any, grid: Sequence[int]) -> None:
    """tblW, a fixed layout, gridCol and every tcW: WPS reads gridCol before tblW, Word the reverse."""
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:w"), str(sum(grid)))
    width.set(qn("w:type"), "dxa")
    layout = tbl_pr.find(qn("w:tblLayout"))  # python-docx writes it for autofit = False
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tbl_pr.append(layout)
    layout.set(qn("w:type"), "fixed")
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), grid, strict=True):
        col.set(qn("w:w"), str(w))
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = gb.Twips(grid[i])


def _merge_repeats(table: Any, rows: Sequence[selftable.Row]) -> None:
    """一级/二级指标 repeated on consecutive indicator rows become one vertically merged cell."""
    first = next((i for i, row in enumerate(rows) if row and row[0].text == "一级指标"), None)
    if first is None:
        return
    body = [r for r in range(first + 1, len(rows)) if len(rows[r]) == selftable.COLUMNS]
    for col in (0, 1):
        runs: list[list[int]] = []
        for r in body:
            key = tuple(rows[r][c].text for c in range(col + 1))
            if (
                runs
                and runs[-1][-1] == r - 1
                and key == tuple(rows[runs[-1][0]][c].text for c in range(col + 1))
            ):
                runs[-1].append(r)
            else:
                runs.append([r])
        for run in runs:
            if len(run) > 1 and rows[run[0]][col].text:
                for extra in run[1:]:
                    table.cell(extra, col).paragraphs[0].clear()
                top = table.cell(run[0], col).merge(table.cell(run[-1], col))
                _keep_one_paragraph(top)
                # at the top, so a merge that runs over a page break prints its label whole, once
                top.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def _keep_one_paragraph(cell: Any) -> None:
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)


TITLE_CHARS = gb.TEXT_W // (gb.TITLE_PT * 20)  # 二号 characters a line holds: 20
_TITLE_BREAKS = ("年度", "部门", "单位", "整体支出", "绩效")


def title_lines(title: str) -> list[str]:
    """The title in lines broken where the words allow (GB/T 9704: 回行时词意完整, 排列对称).

    The break goes after a year (…2023年度 / 部门整体支出…) or before a fixed part of the name, the
    most even of those that fit; a title that fits on one line, or has no such place, is left whole.
    """
    if len(title) <= TITLE_CHARS:
        return [title]
    cuts = set()
    for word in _TITLE_BREAKS:
        at = title.find(word)
        if at > 0:
            cuts.add(at + len(word) if word == "年度" else at)
    fitting = [c for c in cuts if c <= TITLE_CHARS and len(title) - c <= TITLE_CHARS]
    if not fitting:
        return [title]
    cut = min(fitting, key=lambda c: abs(len(title) - 2 * c))
    return [title[:cut], title[cut:]]


def build(
    record: dict[str, Any],
    data: ReportData | None,
    fonts: gb.Fonts | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """The .docx bytes of a draft record (draft.json's content) and, when given, its data's 自评表.

    `now` dates the document's properties (default: this moment).
    """
    fonts = fonts or gb.Fonts()
    w = _Writer(fonts)
    title = str(record.get("title", ""))
    heading = w.paragraph(
        "\n".join(title_lines(title)),  # a line break within one paragraph
        fonts.title,
        gb.TITLE_PT,
        indent=0,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    gb.off_grid(heading)
    w.paragraph("", fonts.body)  # the blank line between title and text
    furniture.add_toc(w.doc, fonts)
    if record.get("flagged_sections") or not record.get("complete", True):
        furniture.add_note(w.doc, heading, NOTE)
    if record.get("preamble"):
        w.paragraph(str(record["preamble"]), fonts.body)
    _sections(w, record.get("sections", []))
    if record.get("closing"):
        w.paragraph("", fonts.body)
        w.paragraph(str(record["closing"]), fonts.body, indent=0, align=WD_ALIGN_PARAGRAPH.RIGHT)
    if data is not None:
        w.page_break()
        w.paragraph(ATTACHMENT, fonts.heading1, indent=0)
        w.table(selftable.rows(data))
    unit = data.unit if data is not None else None
    furniture.set_properties(
        w.doc,
        title,
        unit.name if unit else "",
        unit.year if unit else None,
        now or dt.datetime.now(dt.UTC),
    )
    return w.save()


_DONE = {"ok", "repaired", "flagged", "heading"}


def _sections(w: _Writer, sections: Iterable[dict[str, Any]]) -> None:
    """Each section: its heading in the Heading style of its level, then its lines as body paragraphs."""
    for sd in sections:
        style, part, bold = gb.heading_style(int(sd.get("level", 1)))
        w.paragraph(str(sd.get("heading", "")), getattr(w.fonts, part), bold=bold, style=style)
        if sd.get("status") == "heading":
            continue
        body = str(sd.get("text", "")) if sd.get("status") in _DONE else PENDING
        replaced = [
            str(f.get("replacement") or "") for f in sd.get("fixes", []) if f.get("action") == "replaced"
        ]
        parts = mdtable.blocks(body)
        for block, after in zip(parts, [*parts[1:], None], strict=True):
            if isinstance(block, mdtable.Table):
                w.md_table(block, replaced)
                continue
            p = w.paragraph(block, w.fonts.body, replaced=replaced)
            if isinstance(after, mdtable.Table):  # a table's caption (（一）资金情况…) stays above it
                p.paragraph_format.keep_with_next = True


def write(path: Path, content: bytes) -> None:
    """Replace `path` atomically: a reader (or Word holding it open) sees the old file or the new."""
    write_bytes_atomic(path, content)


def export(
    record_path: Path, target: Path, data_path: Path | None = None, fonts: gb.Fonts | None = None
) -> Path:
    """Write a draft record (draft.json) as `target`, with the 自评表 of its data (or `data_path`'s)."""

    try:
        record = json.loads(read_text(record_path, "draft record"))
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{record_path}: not a draft record ({exc.msg})", "run drafter draft first"
        ) from None
    if not isinstance(record, dict) or "sections" not in record:
        raise InputError(f"{record_path}: not a draft record (no sections)", "run drafter draft first")
    source = data_path or Path(str(record.get("data") or ""))
    if not str(source) or not source.is_file():
        raise InputError(
            f"{record_path}: its data file {source or '(none recorded)'} is not there",
            "pass the data file with --data (the 自评表 is built from it)",
        )
    if data_path is None and record.get("data_sha256") not in (
        None,
        hashlib.sha256(source.read_bytes()).hexdigest(),
    ):
        raise InputError(
            f"{source} has changed since {record_path} was drafted",
            "draft again, or pass --data to build the 自评表 from the data as it is now",
        )
    write(target, build(record, load_data(source), fonts))
    return target
