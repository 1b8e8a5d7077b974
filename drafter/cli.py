"""The `drafter` command: thin. Each command calls one library function and prints its result.

One error boundary (`main`) turns expected errors (DrafterError) into a message with a hint and exit
code 2; set DRAFTER_DEBUG=1 to see the traceback instead.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from drafter.errors import DrafterError, InputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Draft and check 部门整体支出绩效自评报告: every number in the draft is proved against the data.",
    pretty_exceptions_enable=False,
)

REPORT_SUFFIXES = {".txt", ".md"}


def _console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


@app.command()
def check(
    report: Annotated[Path, typer.Argument(help="the report text to check (.txt or .md)")],
    data: Annotated[Path, typer.Option("--data", "-d", help="the data file it must agree with (.yaml/.json)")],
    as_json: Annotated[bool, typer.Option("--json", help="print the result as JSON for machines")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="problems only, without the coloured text")] = False,
    lexicon: Annotated[
        Path | None, typer.Option("--lexicon", help="extra proper nouns with numerals (YAML list or mapping)")
    ] = None,
) -> None:
    """Check every number of REPORT against DATA. Exit 0 when clean, 1 when problems are found."""
    from drafter.check import check as run_check
    from drafter.check.examples import example_numbers_for
    from drafter.data.load import load_data, read_text

    if report.suffix.lower() not in REPORT_SUFFIXES:
        raise InputError(f"{report}: unsupported report format {report.suffix or '(no suffix)'}",
                         "pass the report as .txt or .md (UTF-8 text)")  # fmt: skip
    text = read_text(report, "report")
    report_data = load_data(data)
    if lexicon is not None:
        report_data = report_data.model_copy(update={"lexicon": [*report_data.lexicon, *_read_lexicon(lexicon)]})
    result = run_check(text, report_data, examples=example_numbers_for(report_data))
    if as_json:
        payload = {"report": str(report), "data": str(data), **result.to_dict()}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        from drafter.render import print_result

        print_result(_console(), result, show_text=not quiet, title=f"{report} ⟷ {data}")
    raise typer.Exit(0 if result.ok else 1)


@app.command()
def facts(
    data: Annotated[Path, typer.Argument(help="the data file (.yaml/.json)")],
    as_json: Annotated[bool, typer.Option("--json", help="print as JSON")] = False,
) -> None:
    """List every fact of DATA (typed, from text, derived) and the data's own findings."""
    from rich.table import Table

    from drafter.data.audit import audit
    from drafter.data.facts import build_facts
    from drafter.data.load import load_data

    report_data = load_data(data)
    base = build_facts(report_data)
    findings = audit(report_data, base)
    if as_json:
        rows = [{"id": f.id, "label": f.label, "value": str(f.value), "unit": f.unit, "shown": f.shown(),
                 "origin": f.origin, "derivation": f.derivation} for f in base]  # fmt: skip
        out = {"facts": rows, "findings": [f.to_dict() for f in findings]}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"{data}: {len(base)} facts", expand=True)
    for col in ("id", "label", "value", "origin", "derivation"):
        table.add_column(col, overflow="fold")
    for f in base:
        table.add_row(f.id, f.label, f.shown(decimals=2 if f.origin == "derived" else None), f.origin, f.derivation)
    console = _console()
    console.print(table)
    for finding in findings:
        console.print(f"[red]{finding.severity}[/red] {finding.message}")


def _read_lexicon(path: Path) -> list[str]:
    import yaml

    from drafter.data.load import read_text

    try:
        loaded = yaml.safe_load(read_text(path, "lexicon file"))
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {exc}") from None
    if isinstance(loaded, list):
        return [str(t) for t in loaded]
    if isinstance(loaded, dict):
        return [str(t) for terms in loaded.values() for t in (terms or [])]
    raise InputError(f"{path}: expected a YAML list of terms, or a mapping of reason -> list of terms")


def main() -> None:
    """Entry point: the app (which handles usage errors itself, exit 2) inside one error boundary."""
    try:
        app()
    except DrafterError as exc:
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        from rich.text import Text

        console = _console(stderr=True)
        console.print(Text.assemble(("error: ", "bold red"), exc.message))  # messages hold [ ] paths: no markup
        if exc.hint:
            console.print(Text.assemble(("  hint: ", "bold"), exc.hint))
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
