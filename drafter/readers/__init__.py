"""Reports in the formats users hand in (.docx, .pdf) turned into the plain text the checker reads.

Each reader returns a `ReportText`: the text, and for each of its lines where it stands in the source
("段落 12", "表 1 行 5 列 3", "第 2 页 第 7 行"), so a problem is reported where the user can find it.
"""

from drafter.readers.base import ReportText, read_report

__all__ = ["ReportText", "read_report"]
