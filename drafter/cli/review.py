"""The reviewer's commands: `drafter regen`, `drafter show`, `drafter review` (thin, like drafter.cli.app).

Registered by drafter.cli.app (`register`); the work is in drafter.review.regen, drafter.review.show and
drafter.review.decisions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.text import Text

from drafter.cli.common import new_console
from drafter.drafting.codes import Code, code_of
from drafter.errors import InputError
from drafter.io.limits import printable
from drafter.text.plural import plural

if TYPE_CHECKING:
    from drafter.drafting.job import WriterChoice
    from drafter.review.regen import Change, Workspace


def register(app: typer.Typer) -> None:
    app.command()(regen)
    app.command()(show)
    app.command()(review)


def regen(
    outdir: Annotated[Path, typer.Argument(help="the folder `drafter draft -o` wrote")],
    section: Annotated[
        list[str] | None, typer.Option("--section", "-s", help="section id or part of its heading (repeat)")
    ] = None,
    failed: Annotated[bool, typer.Option("--failed", help="every flagged section")] = False,
    hint: Annotated[
        str, typer.Option("--hint", help="what the section should do better (for the model)")
    ] = "",
    undo: Annotated[bool, typer.Option("--undo", help="restore the version before the last regen")] = False,
    data: Annotated[
        Path | None, typer.Option("--data", "-d", help="the data file (default: as recorded)")
    ] = None,
    outline: Annotated[Path | None, typer.Option("--outline", help="the outline it was drafted with")] = None,
    model: Annotated[str | None, typer.Option("--model", "-m", help="model name (env DRAFTER_MODEL)")] = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="OpenAI-compatible endpoint")] = None,
    api_key: Annotated[str | None, typer.Option("--api-key", help="prefer OPENAI_API_KEY")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="config file")] = None,
    template_only: Annotated[bool, typer.Option("--template-only", help="use the built-in writer")] = False,
    max_repairs: Annotated[int, typer.Option("--max-repairs", min=0, max=10)] = 2,
    fewshot_tokens: Annotated[int, typer.Option("--fewshot-tokens", min=0)] = 1500,
    max_tokens: Annotated[int, typer.Option("--max-tokens", min=64)] = 2048,
    timeout: Annotated[float | None, typer.Option("--timeout")] = None,
    max_retries: Annotated[int | None, typer.Option("--max-retries")] = None,
) -> None:
    """Redraft chosen sections of OUTDIR (the rest stays byte for byte), or --undo the last regen."""
    from drafter.drafting.job import WriterChoice
    from drafter.drafting.outdir import OutputFolder
    from drafter.review.regen import assert_report_matches, open_workspace, resolve_sections
    from drafter.review.regen import undo as undo_sections
    from drafter.writing.outline import load_outline

    if not section and not failed and not undo:
        raise InputError("say which sections to redraft", "pass --section NAME (repeatable) or --failed")
    the_outline = load_outline(outline)
    console = new_console()
    writer = WriterChoice(template_only, base_url, api_key, model, timeout, max_retries, config)
    with OutputFolder(outdir) as folder:
        ws = open_workspace(outdir, data=data, outline=the_outline)
        assert_report_matches(ws)
        ids = resolve_sections(ws, section or [], failed) if (section or failed) else None
        if undo:
            changes = undo_sections(ws, ids)
        else:
            if not ids:
                console.print("no flagged section: nothing to redraft")
                return
            changes = _redraft(ws, ids, hint, writer, (max_repairs, fewshot_tokens, max_tokens), console)
        report, record = folder.save(ws.draft)
    _print_changes(console, changes)
    verb = "restored" if undo else "redrafted"
    console.print(Text(printable(f"{verb} {plural(len(changes), 'section')}; wrote {report} and {record}")))


def _redraft(
    ws: Workspace,
    ids: list[str],
    hint: str,
    writer: WriterChoice,
    limits: tuple[int, int, int],
    console: Console,
) -> list[Change]:
    """Draft sections `ids` again with the chosen writer (`limits`: repairs, few-shot and answer tokens)."""
    from drafter.drafting.run import Drafter
    from drafter.review.regen import regenerate, reviewer

    max_repairs, fewshot_tokens, max_tokens = limits
    endpoint = writer.endpoint()
    backend = None
    if endpoint is not None:
        from drafter.models.openai_compat import OpenAICompatible

        backend = OpenAICompatible(endpoint, max_tokens=max_tokens)
        ws.draft.writer = endpoint.model
        ws.draft.endpoint = {"base_url": endpoint.display_url, "model": endpoint.model}
    drafter = Drafter(
        ws.data,
        model=backend,
        endpoint=endpoint,
        max_repairs=max_repairs,
        fewshot_tokens=fewshot_tokens,
    )
    who = "built-in template writer" if endpoint is None else f"model {endpoint.model}"
    console.print(Text(printable(f"redrafting {', '.join(ids)} with the {who}")))
    return regenerate(ws, drafter, ids, hint, reviewer())


def _print_changes(console: Console, changes: list[Change]) -> None:
    """Each section's diff, its flags, and a hint the built-in writer could not follow."""
    from drafter.review.show import diff_text

    for change in changes:
        console.rule(Text(printable(f"{change.heading}  ({change.id})")))
        console.print(
            diff_text(change.old, change.new) if change.changed else Text("(text unchanged)", style="dim")
        )
        for flag in change.flags:
            console.print(Text.assemble(("! ", "yellow"), printable(flag)))
        for note in change.notes:
            if code_of(note) is Code.HINT_NOT_FOLLOWED:
                console.print(Text.assemble(("! ", "bold yellow"), printable(note)))


def show(
    outdir: Annotated[Path, typer.Argument(help="the folder `drafter draft -o` wrote")],
    section: Annotated[list[str] | None, typer.Option("--section", "-s", help="section id (repeat)")] = None,
    why: Annotated[bool, typer.Option("--why", help="each number's provenance")] = False,
    data: Annotated[
        Path | None, typer.Option("--data", "-d", help="the data file (default: as recorded)")
    ] = None,
) -> None:
    """The report with each number coloured by verdict, each section's status and review decisions."""
    from drafter.review.show import open_view, print_show

    view = open_view(outdir, data)
    known = [str(s.get("id")) for s in view.record["sections"]]
    unknown = [s for s in section or [] if s not in known]
    if unknown:
        raise InputError(f"unknown section {', '.join(unknown)}", f"sections are: {', '.join(known)}")
    print_show(new_console(), view, section or None, why)


def review(
    outdir: Annotated[Path, typer.Argument(help="the folder `drafter draft -o` wrote")],
    accept: Annotated[list[str] | None, typer.Option("--accept", help="finding id confirmed by hand")] = None,
    dismiss: Annotated[
        list[str] | None, typer.Option("--dismiss", help="finding id that is a false alarm")
    ] = None,
    reopen: Annotated[list[str] | None, typer.Option("--reopen", help="finding id to open again")] = None,
    note: Annotated[str, typer.Option("--note", help="why (required with --accept / --dismiss)")] = "",
    by: Annotated[str | None, typer.Option("--by", help="who (default: $DRAFTER_REVIEWER or $USER)")] = None,
    data: Annotated[
        Path | None, typer.Option("--data", "-d", help="the data file (default: as recorded)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="list the findings as JSON")] = False,
) -> None:
    """List open findings with short ids, or record a decision in OUTDIR/review.json.

    Exit 0 when no finding is open, 1 when some are."""
    from drafter.drafting.outdir import OutputFolder
    from drafter.io.limits import strip_controls
    from drafter.review.decisions import find
    from drafter.review.regen import now, reviewer
    from drafter.review.show import open_view, print_findings

    console = new_console()
    if not (accept or dismiss or reopen):
        view = open_view(outdir, data)
        if as_json:
            r = view.reviewed
            payload = {
                "open": [f.to_dict() for f in r.open],
                "decided": [{**f.to_dict(), **d.to_dict()} for f, d in r.decided],
                "lapsed": [d.to_dict() for d in r.lapsed],
            }
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        else:
            print_findings(console, view.reviewed)
        raise typer.Exit(0 if not view.reviewed.open else 1)
    if (accept or dismiss) and not note.strip():
        raise InputError("a decision needs a reason", 'add --note "…" (e.g. 已与财务科核对)')
    with OutputFolder(outdir):
        view = open_view(outdir, data)
        who = strip_controls(by) if by else reviewer()
        for ids, decision in ((accept or [], "confirmed"), (dismiss or [], "dismissed")):
            for wanted in ids:
                finding = find(view.findings, view.review, wanted)
                view.review.decide(finding, decision, strip_controls(note.strip()), who, now())
                console.print(
                    Text(
                        printable(
                            f"{finding.id} {decision}: {finding.number} in {finding.section or 'the data'}"
                        )
                    )
                )
        for wanted in reopen or []:
            finding = find(view.findings, view.review, wanted)
            if view.review.reopen(finding.fingerprint) is None:
                raise InputError(f"finding {finding.id} has no decision to reopen")
            console.print(Text(printable(f"{finding.id} open again")))
        view.review.save()
    console.print(Text(printable(f"wrote {view.review.path}")))
