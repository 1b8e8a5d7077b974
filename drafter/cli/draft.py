"""`drafter draft` (thin): parse the options, call drafter.drafting.job.draft_report, say how it ended.

Registered by drafter.cli.app (`register`). The options are typed once, here, as annotated aliases.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from drafter.cli.common import FONTS_HELP, new_console, write_docx

EXIT_MODEL_UNUSED = 3  # a model was configured, and it wrote none of the sections meant for it

Data = Annotated[Path, typer.Argument(help="the data file (.yaml/.json/.xlsx)")]
Outdir = Annotated[Path, typer.Option("--outdir", "-o", help="where report.md and draft.json go")]
ModelName = Annotated[str | None, typer.Option("--model", "-m", help="model name (env DRAFTER_MODEL)")]
BaseUrl = Annotated[
    str | None, typer.Option("--base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1")
]
ApiKey = Annotated[
    str | None, typer.Option("--api-key", help="prefer the OPENAI_API_KEY environment variable")
]
Config = Annotated[Path | None, typer.Option("--config", help="config file (default ./drafter.toml)")]
Sections = Annotated[
    str | None, typer.Option("--sections", "-s", help="comma-separated section ids (default: all)")
]
OutlineName = Annotated[
    str | None,
    typer.Option(
        "--outline",
        help="outline: hunan, yunnan, table, or a .yaml file (default: the data's `outline:`, "
        "else by the province unit.region names, else hunan)",
    ),
]
Resume = Annotated[
    bool, typer.Option("--resume", help="keep the finished sections of OUTDIR/draft.json; draft the rest")
]
TemplateOnly = Annotated[
    bool, typer.Option("--template-only", help="use the built-in writer even if a model is configured")
]
MaxRepairs = Annotated[int, typer.Option("--max-repairs", min=0, max=10, help="re-asks per section")]
Concurrency = Annotated[int, typer.Option("--concurrency", "-j", min=1, max=64)]
FewshotTokens = Annotated[int, typer.Option("--fewshot-tokens", min=0, help="few-shot budget per prompt")]
Stream = Annotated[bool, typer.Option("--stream/--no-stream", help="stream answers (usage included)")]
MaxTokens = Annotated[
    int,
    typer.Option("--max-tokens", min=64, help="cap on each call's answer (tokens); small tasks ask for less"),
]
SmallTasks = Annotated[
    bool,
    typer.Option(
        "--small-tasks/--whole-sections",
        help="write a model section as a few short calls (a theme or group of points each) the tool "
        "assembles, or as one call",
    ),
]
Slots = Annotated[
    bool,
    typer.Option("--slots/--no-slots", help="small tasks: figures as slots 【F1】 the tool fills in exactly"),
]
Timeout = Annotated[float | None, typer.Option("--timeout", help="seconds per network step")]
MaxRetries = Annotated[int | None, typer.Option("--max-retries", help="retries on 429/5xx/timeouts")]
Docx = Annotated[Path | None, typer.Option("--docx", help="also write the draft as Word (GB/T 9704 style)")]
Fonts = Annotated[str | None, typer.Option("--fonts", help=FONTS_HELP)]


def register(app: typer.Typer) -> None:
    app.command()(draft)


def draft(
    data: Data,
    outdir: Outdir = Path("out"),
    model: ModelName = None,
    base_url: BaseUrl = None,
    api_key: ApiKey = None,
    config: Config = None,
    sections: Sections = None,
    outline: OutlineName = None,
    resume: Resume = False,
    template_only: TemplateOnly = False,
    max_repairs: MaxRepairs = 2,
    concurrency: Concurrency = 4,
    fewshot_tokens: FewshotTokens = 1500,
    stream: Stream = False,
    max_tokens: MaxTokens = 2048,
    small_tasks: SmallTasks = True,
    slots: Slots = True,
    timeout: Timeout = None,
    max_retries: MaxRetries = None,
    docx: Docx = None,
    fonts: Fonts = None,
) -> None:
    """Draft a full report from DATA: report.md and draft.json in OUTDIR."""
    from drafter.drafting.job import DraftOptions, WriterChoice, draft_report

    writer = WriterChoice(template_only, base_url, api_key, model, timeout, max_retries, config)
    opts = DraftOptions(
        data,
        outdir,
        writer,
        sections,
        outline,
        resume,
        max_repairs=max_repairs,
        concurrency=concurrency,
        fewshot_tokens=fewshot_tokens,
        stream=stream,
        max_tokens=max_tokens,
        small_tasks=small_tasks,
        slots=slots,
    )
    console = new_console()
    outcome = draft_report(opts, console)
    if outcome.stopped is not None:
        console.print(
            f"{outcome.stopped}: finished sections are saved; "
            "add --resume to the same command to draft the rest"
        )
        raise typer.Exit(130 if outcome.stopped == "interrupted" else 143)
    if docx is not None:
        write_docx(outcome.record, docx, data, fonts)
    if outcome.model_unused:
        console.print(
            Text(
                "no section was written by the model: every model call failed (see the flags above), "
                "so the built-in template writer wrote them all; exit status "
                f"{EXIT_MODEL_UNUSED}",
                style="bold red",
            )
        )
        raise typer.Exit(EXIT_MODEL_UNUSED)
