"""What every command module of drafter.cli shares: the console, the Word export, option help.

A command module imports this, never drafter.cli.app: the app imports the command modules.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from drafter.io.limits import printable

FONTS_HELP = "fonts for parts, e.g. body=仿宋,heading2=楷体,title=宋体 (without the GB2312 fonts)"


class QuietWhenClosed:
    """sys.stdout that, once its reader has gone (`drafter check … | head -1`), drops the rest.

    Without it the first write after the reader closes raises BrokenPipeError, which click turns into
    exit 1, the code that means "problems found": a clean report piped into head would say it failed.
    The command runs to its end instead and exits with its own code; stdout is pointed at os.devnull
    so the interpreter's last flush at exit does not raise again.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._gone = False

    def write(self, text: str) -> int:
        if not self._gone:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._went()
        return len(text)

    def flush(self) -> None:
        if not self._gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._went()

    def _went(self) -> None:
        self._gone = True
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)

    def __getattr__(self, name: str) -> Any:  # isatty, encoding, fileno … as the real stream's
        return getattr(self._stream, name)


def new_console(stderr: bool = False) -> Console:
    """The console commands print to: no highlighting, no soft wrap (paths and figures stay whole)."""
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def write_docx(record: Path, target: Path, data: Path | None, fonts: str | None) -> None:
    """Export a draft record as Word (GB/T 9704 style) and say where it went."""
    from drafter.export.docx import export as export_docx
    from drafter.export.gbt9704 import Fonts

    written = export_docx(record, target, data, Fonts.parse(fonts))
    new_console().print(Text(printable(f"wrote {written}")))
