"""The `drafter` command: thin. Each command calls one library function and prints its result.

One error boundary (`main`) turns expected errors (DrafterError) into a message with a hint and exit
code 2; set DRAFTER_DEBUG=1 to see the traceback instead.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from drafter.errors import DrafterError, InputError
from drafter.io.limits import printable

if TYPE_CHECKING:
    from drafter.models.config import Endpoint

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Draft and check 部门整体支出绩效自评报告: every number in the draft is proved against the data.",
    pretty_exceptions_enable=False,
)


def model_endpoint(
    template_only: bool,
    base_url: str | None,
    api_key: str | None,
    model: str | None,
    timeout: float | None,
    max_retries: int | None,
    config: Path | None,
) -> Endpoint | None:
    """The endpoint a drafting command uses (None: the built-in writer), for draft and regen alike."""
    if template_only:
        return None
    from drafter.models.config import resolve_endpoint

    return resolve_endpoint(
        base_url=base_url,
        api_key=api_key,
        model=model,
        timeout=timeout,
        max_retries=max_retries,
        config_path=config,
    )


FONTS_HELP = "fonts for parts, e.g. body=仿宋,heading2=楷体,title=宋体 (without the GB2312 fonts)"


def _console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


@app.command()
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
        print_result(_console(), result, show_text=not quiet, title=title, where=where)
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
        print_checked(_console(), result, reviewed, show_text=not quiet, title=title, source=review_path)
    return 0 if not reviewed.open_checked else 1


@app.command()
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
    console = _console()
    console.print(table)
    for finding in findings:
        console.print(Text.assemble((finding.severity, "red"), " ", printable(finding.message)))


@app.command()
def draft(
    data: Annotated[Path, typer.Argument(help="the data file (.yaml/.json/.xlsx)")],
    outdir: Annotated[Path, typer.Option("--outdir", "-o", help="where report.md and draft.json go")] = Path(
        "out"
    ),
    model: Annotated[str | None, typer.Option("--model", "-m", help="model name (env DRAFTER_MODEL)")] = None,
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1"),
    ] = None,
    api_key: Annotated[
        str | None, typer.Option("--api-key", help="prefer the OPENAI_API_KEY environment variable")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="config file (default ./drafter.toml)")
    ] = None,
    sections: Annotated[
        str | None, typer.Option("--sections", "-s", help="comma-separated section ids (default: all)")
    ] = None,
    outline: Annotated[
        str | None,
        typer.Option(
            "--outline",
            help="outline: hunan, yunnan, table, or a .yaml file (default: the data's `outline:`, "
            "else by the province unit.region names, else hunan)",
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="keep the finished sections of OUTDIR/draft.json; draft the rest")
    ] = False,
    template_only: Annotated[
        bool, typer.Option("--template-only", help="use the built-in writer even if a model is configured")
    ] = False,
    max_repairs: Annotated[int, typer.Option("--max-repairs", min=0, max=10, help="re-asks per section")] = 2,
    concurrency: Annotated[int, typer.Option("--concurrency", "-j", min=1, max=64)] = 4,
    fewshot_tokens: Annotated[
        int, typer.Option("--fewshot-tokens", min=0, help="few-shot budget per prompt")
    ] = 1500,
    stream: Annotated[
        bool, typer.Option("--stream/--no-stream", help="stream answers (usage included)")
    ] = False,
    max_tokens: Annotated[
        int, typer.Option("--max-tokens", min=64, help="longest answer per call (tokens)")
    ] = 2048,
    timeout: Annotated[float | None, typer.Option("--timeout", help="seconds per network step")] = None,
    max_retries: Annotated[
        int | None, typer.Option("--max-retries", help="retries on 429/5xx/timeouts")
    ] = None,
    docx: Annotated[
        Path | None, typer.Option("--docx", help="also write the draft as Word (GB/T 9704 style)")
    ] = None,
    fonts: Annotated[str | None, typer.Option("--fonts", help=FONTS_HELP)] = None,
) -> None:
    """Draft a full report from DATA: report.md and draft.json in OUTDIR."""
    import asyncio
    import hashlib

    from drafter.data.load import load_data, read_bytes
    from drafter.drafting.outdir import OutputFolder
    from drafter.drafting.progress import DraftProgress
    from drafter.drafting.run import Drafter
    from drafter.drafting.store import resume as resume_draft
    from drafter.writing.outline import plan, select_outline, with_scoring

    report_data = load_data(data)
    data_bytes = read_bytes(data, "data file")  # bounded like the load: the sha names what was drafted
    the_outline = select_outline(report_data, outline, data)
    report_data = with_scoring(report_data, the_outline)
    chosen = [s.strip() for s in sections.split(",") if s.strip()] if sections else None
    todo = plan(the_outline, report_data, chosen)
    endpoint = model_endpoint(template_only, base_url, api_key, model, timeout, max_retries, config)
    console = _console()
    with OutputFolder(outdir) as folder:  # checked and locked before any model call
        backend = None
        if endpoint is None:
            console.print(
                "writer: built-in template writer (no model endpoint configured; set OPENAI_BASE_URL "
                "and DRAFTER_MODEL, or pass --base-url and --model, to draft narrative sections with a model)"
            )
        else:
            from drafter.models.openai_compat import OpenAICompatible

            backend = OpenAICompatible(endpoint, stream=stream, max_tokens=max_tokens)
            console.print(
                Text(
                    printable(
                        f"writer: model {endpoint.model} at {endpoint.display_url} for narrative sections; "
                        "built-in template writer for the figure sections"
                    )
                )
            )
        progress = DraftProgress(console)
        drafter = Drafter(
            report_data,
            model=backend,
            endpoint=endpoint,
            max_repairs=max_repairs,
            concurrency=concurrency,
            fewshot_tokens=fewshot_tokens,
        )
        the_draft = drafter.new_draft(the_outline, todo, str(data), hashlib.sha256(data_bytes).hexdigest())
        if resume:
            record = folder.resume_record(the_draft.data_sha256)
            if record is not None:
                kept = resume_draft(the_draft, record)
                console.print(f"resuming: {kept} finished sections kept from {record}")

        def update(sd: object) -> None:
            progress.update(the_draft)
            if getattr(sd, "done", False):
                folder.save(the_draft)  # every finished section is on disk at once: Ctrl-C loses nothing

        drafter.on_update = update
        stopped: str | None = None
        previous_handler = _on_sigterm(_terminate)
        try:
            with progress.live(the_draft):
                asyncio.run(drafter.run(the_draft))
        except Terminated:
            stopped = "terminated"
        except KeyboardInterrupt:
            stopped = "interrupted"
        finally:
            if previous_handler is not None:
                _on_sigterm(previous_handler)
            report, record = folder.save(the_draft)
            if folder.kept_previous:
                console.print(
                    f"kept the earlier, more complete report {outdir / 'report.md'}; this run's draft "
                    f"({_finished(the_draft)} sections finished) is in {report} and {record}"
                )
        progress.summary(the_draft, report, record)
    if stopped is not None:
        console.print(
            f"{stopped}: finished sections are saved; add --resume to the same command to draft the rest"
        )
        raise typer.Exit(130 if stopped == "interrupted" else 143)
    if docx is not None:
        _write_docx(record, docx, data, fonts)
    if _all_fell_back(the_draft):
        console.print(
            Text(
                "no section was written by the model: every model call failed (see the flags above), "
                "so the built-in template writer wrote them all; exit status "
                f"{EXIT_MODEL_UNUSED}",
                style="bold red",
            )
        )
        raise typer.Exit(EXIT_MODEL_UNUSED)


EXIT_MODEL_UNUSED = 3  # a model was configured, and it wrote none of the sections meant for it


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so the run saves its work and the live display restores the cursor."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _on_sigterm(handler: Any) -> Any:
    """Install a SIGTERM handler (main thread only: elsewhere, as from a library caller, leave it)."""
    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:
        return None


def _finished(draft: object) -> int:
    from drafter.drafting.outdir import finished_sections

    return finished_sections(draft)  # type: ignore[arg-type]


def _all_fell_back(draft: object) -> bool:
    """True when sections meant for the model exist and every one of them was written by the fallback."""
    model_sections = [
        sd
        for sd in getattr(draft, "sections", [])
        if sd.section.writer == "model" and sd.section.empty is None and sd.section.writes and sd.done
    ]
    if not model_sections or getattr(draft, "endpoint", None) is None:
        return False
    return all(sd.restored is None and sd.writer_fallback for sd in model_sections)


def _write_docx(record: Path, target: Path, data: Path | None, fonts: str | None) -> None:
    from drafter.export.docx import export as export_docx
    from drafter.export.gbt9704 import Fonts

    written = export_docx(record, target, data, Fonts.parse(fonts))
    _console().print(Text(printable(f"wrote {written}")))


def _read_lexicon(path: Path) -> list[str]:
    from drafter.data.load import load_yaml, read_text

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


import drafter.cli.evaluation  # noqa: E402
import drafter.cli.office  # noqa: E402
import drafter.cli.review  # noqa: E402,F401 - register their commands on `app`


def main() -> None:
    """Entry point: the app (which handles usage errors itself, exit 2) inside one error boundary."""
    try:
        app()
    except DrafterError as exc:
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        console = _console(stderr=True)
        console.print(  # messages hold [ ] paths: no markup; and no terminal escapes from the input
            Text.assemble(("error: ", "bold red"), printable(exc.message))
        )
        if exc.hint:
            console.print(Text.assemble(("  hint: ", "bold"), printable(exc.hint)))
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
