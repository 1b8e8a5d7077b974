"""A report file read as text, whatever its format: the dispatch to the reader of each format."""

from __future__ import annotations

from pathlib import Path

from drafter.errors import InputError
from drafter.io.files import ensure_file, read_text
from drafter.readers.docx import read_docx
from drafter.readers.pdf import read_pdf
from drafter.readers.report_text import ReportText

__all__ = ["SUFFIXES", "TEXT_SUFFIXES", "ReportText", "ensure_file", "read_report"]

TEXT_SUFFIXES = {".txt", ".md"}
SUFFIXES = {*TEXT_SUFFIXES, ".docx", ".pdf"}


def read_report(path: Path) -> ReportText:
    """Read a report (.txt/.md as UTF-8 text, .docx paragraphs and tables, .pdf text layer)."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return ReportText(read_text(path, "report"))
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".pdf":
        return read_pdf(path)
    if suffix in {".doc", ".wps"}:
        raise InputError(
            f"{path}: {suffix} is the old binary Word format",
            "save it as .docx (Word: 另存为 → Word 文档 (*.docx); WPS: 另存为 → .docx) and check that",
        )
    raise InputError(
        f"{path}: unsupported report format {path.suffix or '(no suffix)'}",
        "pass the report as .docx, .pdf, .txt or .md",
    )
