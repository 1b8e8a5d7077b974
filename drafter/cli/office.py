"""`drafter export` and `drafter init` (thin, like drafter.cli.app): Word out, templates to fill in.

Registered by drafter.cli.app (`register`); the work is in drafter.export and drafter.export.templates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from drafter.cli.common import FONTS_HELP, new_console, write_docx
from drafter.errors import InputError
from drafter.io.limits import printable


def register(app: typer.Typer) -> None:
    app.command()(export)
    app.command()(init)


def export(
    outdir: Annotated[Path, typer.Argument(help="a draft's folder (with draft.json)")],
    docx: Annotated[Path, typer.Option("--docx", help="the Word file to write")],
    data: Annotated[
        Path | None, typer.Option("--data", "-d", help="data for the 自评表 (default: the draft's own)")
    ] = None,
    fonts: Annotated[str | None, typer.Option("--fonts", help=FONTS_HELP)] = None,
) -> None:
    """Write the draft in OUTDIR as a Word document in the GB/T 9704 style, with the 自评表."""
    write_docx(outdir / "draft.json", docx, data, fonts)


def init(
    xlsx: Annotated[
        Path | None, typer.Option("--xlsx", help="write the input workbook to fill in (Excel/WPS)")
    ] = None,
    yaml_path: Annotated[
        Path | None, typer.Option("--yaml", help="write the same template as commented YAML")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="replace a file that exists")] = False,
) -> None:
    """Write an input template (one example row of each kind) to fill in; every DATA option takes it."""
    from drafter.export.templates import write_templates

    if xlsx is None and yaml_path is None:
        raise InputError("init: nothing to write", "pass --xlsx data.xlsx and/or --yaml data.yaml")
    for written in write_templates(xlsx, yaml_path, force=force):
        new_console().print(Text(printable(f"wrote {written}")))
