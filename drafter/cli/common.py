"""What every command module of drafter.cli shares: the console, the Word export, option help.

A command module imports this, never drafter.cli.app: the app imports the command modules.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.text import Text

from drafter.io.limits import printable

FONTS_HELP = "fonts for parts, e.g. body=仿宋,heading2=楷体,title=宋体 (without the GB2312 fonts)"


def new_console(stderr: bool = False) -> Console:
    """The console commands print to: no highlighting, no soft wrap (paths and figures stay whole)."""
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def write_docx(record: Path, target: Path, data: Path | None, fonts: str | None) -> None:
    """Export a draft record as Word (GB/T 9704 style) and say where it went."""
    from drafter.export.docx import export as export_docx
    from drafter.export.gbt9704 import Fonts

    written = export_docx(record, target, data, Fonts.parse(fonts))
    new_console().print(Text(printable(f"wrote {written}")))
