"""The text of a report and the map from its lines back to the source document."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import InputError

TEXT_SUFFIXES = {".txt", ".md"}
SUFFIXES = {*TEXT_SUFFIXES, ".docx", ".pdf"}


@dataclass
class ReportText:
    """A report as text, one entry of `refs` per line of `text` ("" where a line has no source)."""

    text: str
    refs: list[str] = field(default_factory=list)
    # within a line of several cells ("a | b | c"): (offset in the line, reference) of each cell
    cells: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def from_lines(cls, lines: list[tuple[str, str | list[tuple[int, str]]]]) -> ReportText:
        """From (line, reference) pairs; a line must hold no line break of its own.

        A line of several table cells gives, instead of one reference, (offset, reference) per cell.
        """
        refs: list[str] = []
        cells: dict[int, list[tuple[int, str]]] = {}
        for i, (_, ref) in enumerate(lines):
            if isinstance(ref, list):
                cells[i] = ref
                ref = ref[0][1] if ref else ""
            refs.append(ref)
        return cls("\n".join(text for text, _ in lines) + "\n", refs, cells)

    def where(self, offset: int) -> str:
        """The source reference of the character at `offset` ("" for plain text)."""
        if not self.refs:
            return ""
        if not self._starts:
            at, self._starts = 0, []
            for line in self.text.split("\n"):
                self._starts.append(at)
                at += len(line) + 1
        i = bisect.bisect_right(self._starts, offset) - 1
        if not 0 <= i < len(self.refs):
            return ""
        if i in self.cells:
            within = offset - self._starts[i]
            return next((ref for start, ref in reversed(self.cells[i]) if start <= within), self.refs[i])
        return self.refs[i]


def read_report(path: Path) -> ReportText:
    """Read a report (.txt/.md as UTF-8 text, .docx paragraphs and tables, .pdf text layer)."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from drafter.data.load import read_text

        return ReportText(read_text(path, "report"))
    if suffix == ".docx":
        from drafter.readers.docx import read_docx

        return read_docx(path)
    if suffix == ".pdf":
        from drafter.readers.pdf import read_pdf

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


def ensure_file(path: Path, what: str, limit: int = 50_000_000) -> None:
    """Clear errors before a binary reader sees the file: missing, a folder, empty or huge."""
    if not path.exists():
        raise InputError(
            f"{path}: no such {what}", "check the path (relative paths start from the current folder)"
        )
    if path.is_dir():
        raise InputError(f"{path}: is a folder, expected a {what}", f"pass the {what} itself")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path}: the {what} is empty", f"check you passed the right {what}")
    if size > limit:
        raise InputError(f"{path}: {size:,} bytes is too large for a {what} (limit {limit:,})", "split it")
