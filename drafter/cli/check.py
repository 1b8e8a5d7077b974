"""`drafter check` and `drafter facts` (thin): the work is in drafter.check, drafter.facts, drafter.audit.

Registered by drafter.cli.app (`register`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from drafter.cli.common import new_console
from drafter.errors import InputError
from drafter.io.limits import printable


def register(app: typer.Typer) -> None:
    app.command()(check)
    app.command()(facts)


def check(
    report: Annotated[Path, typer.Argument(help="the report to check (.docx, .pdf, .txt or .md)")],
    data: Annotated[
        Path, typer.Option("--data", "-d", help="the data it must agree with (.yaml/.json/.xlsx)")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="print the result as JSON for machines")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="problems only, without the coloured text")
    ] = False,
    lexicon: Annotated[
        Path | None, typer.Option("--lexicon", help="extra proper nouns with numerals (YAML list or mapping)")
    ] = None,
    review: Annotated[
        Path | None,
        typer.Option("--review", help="review decisions (default: review.json beside REPORT, if there)"),
    ] = None,
) -> None:
    """Check every number of REPORT against DATA. Exit 0 when clean, 1 when problems are found.

    Findings a reviewer decided (drafter review) are listed apart and do not count."""
    from drafter.check import check as run_check
    from drafter.check.examples import example_numbers_for
    from drafter.data.load import load_data
    from drafter.readers import read_report

    source = read_report(report)  # .txt/.md as text; .docx/.pdf with a map back to paragraphs and cells
    text = source.text
    report_data = load_data(data)
    if lexicon is not None:
        report_data = report_data.model_copy(
            update={"lexicon": [*report_data.lexicon, *_read_lexicon(lexicon)]}
        )
    result = run_check(text, report_data, examples=example_numbers_for(report_data))
    from drafter.review.decisions import review_file_for

    review_path = review_file_for(report, review)
    if review_path is not None:
        raise typer.Exit(_check_reviewed(report, data, result, review_path, as_json, quiet))
    if as_json:
        payload = {"report": str(report), "data": str(data), **result.to_dict()}
        if source.refs:
            for verdict, row in zip(result.verdicts, payload["verdicts"], strict=True):  # type: ignore[call-overload]
                row["where"] = source.where(verdict.mention.start)
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        from drafter.review.render import print_result

        where = source.where if source.refs else None
        title = printable(f"{report} ⟷ {data}")
        print_result(new_console(), result, show_text=not quiet, title=title, where=where)
    raise typer.Exit(0 if result.ok else 1)


def _check_reviewed(
    report: Path, data: Path, result: Any, review_path: Path, as_json: bool, quiet: bool
) -> int:
    """`drafter check` with decisions: decided findings listed apart; the exit counts open ones."""
    from drafter.review.decisions import ReviewFile, corrections_in, findings_of, sort_out

    decisions = ReviewFile.load(review_path, must_exist=True)
    corrections = []
    if (report.parent / "draft.json").is_file() and report.name == "report.md":
        from drafter.drafting.store import read_record

        corrections = corrections_in(read_record(report.parent / "draft.json", "draft again"))
    reviewed = sort_out(findings_of(result, corrections), decisions)
    if as_json:
        payload = {
            "report": str(report),
            "data": str(data),
            **result.to_dict(),
            "review": str(review_path),
            "open": [f.to_dict() for f in reviewed.open_checked],
            "decided": [{**f.to_dict(), **d.to_dict()} for f, d in reviewed.decided],
            "lapsed": [d.to_dict() for d in reviewed.lapsed],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        from drafter.review.show import print_checked

        title = printable(f"{report} ⟷ {data}")
        print_checked(new_console(), result, reviewed, show_text=not quiet, title=title, source=review_path)
    return 0 if not reviewed.open_checked else 1


def facts(
    data: Annotated[Path, typer.Argument(help="the data file (.yaml/.json/.xlsx)")],
    as_json: Annotated[bool, typer.Option("--json", help="print as JSON")] = False,
) -> None:
    """List every fact of DATA (typed, from text, derived) and the data's own findings."""
    from rich.table import Table

    from drafter.audit.rules import audit
    from drafter.data.load import load_data
    from drafter.facts.build import build_facts

    report_data = load_data(data)
    base = build_facts(report_data)
    findings = audit(report_data, base)
    if as_json:
        rows = [
            {
                "id": f.id,
                "label": f.label,
                "value": str(f.value),
                "unit": f.unit,
                "shown": f.shown(),
                "origin": f.origin,
                "derivation": f.derivation,
            }
            for f in base
        ]
        out = {"facts": rows, "findings": [f.to_dict() for f in findings]}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=Text(printable(f"{data}: {len(base)} facts")), expand=True)
    for col in ("id", "label", "value", "origin", "derivation"):
        table.add_column(col, overflow="fold")
    for f in base:
        shown = f.shown(decimals=2 if f.origin == "derived" else None)
        cells = (f.id, f.label, shown, f.origin, f.derivation)
        table.add_row(*(Text(printable(str(c))) for c in cells))  # plain text: no markup, no escapes
    console = new_console()
    console.print(table)
    for finding in findings:
        console.print(Text.assemble((finding.severity, "red"), " ", printable(finding.message)))


def _read_lexicon(path: Path) -> list[str]:
    from drafter.data.load import load_yaml
    from drafter.io.files import read_text

    loaded, _ = load_yaml(path, read_text(path, "lexicon file"), "lexicon file")  # bounded: no alias bombs
    if isinstance(loaded, list | dict):
        from drafter.numbers import lexicon_terms

        if isinstance(loaded, dict):
            loaded = {reason: terms or [] for reason, terms in loaded.items()}
        return [term for term, _ in lexicon_terms(loaded)]
    raise InputError(
        f"{path}: expected a YAML list of terms, or a mapping of reason -> list of terms",
        "see drafter/resources/lexicon.yaml for the format",
    )
