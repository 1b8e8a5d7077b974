"""`drafter draft` as a library function: options in, a saved draft out, in named steps.

resolve the inputs (data, its sha, the outline, the sections to write) → the endpoint (None: the
built-in writer) → run (in the output folder, locked and checked before any model call; every
finished section saved at once; Ctrl-C and SIGTERM stop the run with its work saved) → write
(report.md and draft.json, the summary) → check (did a configured model write anything?). The
command line (drafter.cli.draft) only parses options and says what the outcome means.
"""

from __future__ import annotations

import asyncio
import hashlib
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from drafter.data.example import EXAMPLE, example_rows
from drafter.data.load import load_data
from drafter.data.model import ReportData
from drafter.drafting.outdir import OutputFolder, finished_sections
from drafter.drafting.progress import DraftProgress
from drafter.drafting.record import Draft, SectionDraft
from drafter.drafting.run import Drafter
from drafter.drafting.store import resume as resume_draft
from drafter.errors import InputError
from drafter.io.files import read_bytes
from drafter.io.limits import printable
from drafter.models.config import Endpoint, resolve_endpoint
from drafter.writing.builtin import NAME as TEMPLATE_WRITER
from drafter.writing.outline import Outline, Section, plan, select_outline, with_scoring

if TYPE_CHECKING:
    from drafter.models.base import Model


@dataclass(frozen=True)
class WriterChoice:
    """The writer a drafting command asks for: the built-in one, or a model endpoint resolved from
    these flags, the environment and drafter.toml (for draft and regen alike)."""

    template_only: bool = False
    base_url: str | None = None
    api_key: str | None = None
    model: str | None = None
    timeout: float | None = None
    max_retries: int | None = None
    config: Path | None = None

    def endpoint(self) -> Endpoint | None:
        """The endpoint to draft with (None: the built-in writer)."""
        if self.template_only:
            return None
        return resolve_endpoint(
            base_url=self.base_url,
            api_key=self.api_key,
            model=self.model,
            timeout=self.timeout,
            max_retries=self.max_retries,
            config_path=self.config,
        )


@dataclass(frozen=True)
class DraftOptions:
    """What `drafter draft` was asked for."""

    data: Path
    outdir: Path = Path("out")
    writer: WriterChoice = WriterChoice()
    sections: str | None = None  # comma-separated section ids (None: all)
    outline: str | None = None  # a name or a .yaml file (None: the data's, else by region)
    resume: bool = False
    max_repairs: int = 2
    concurrency: int = 4
    fewshot_tokens: int = 1500
    stream: bool = False
    max_tokens: int = 2048  # the cap: each small task asks for its own budget, never more
    small_tasks: bool = True  # a model section as a few small calls (drafter.writing.tasks)
    slots: bool = True  # their figures as slots the tool fills in (drafter.drafting.slots)


@dataclass(frozen=True)
class Inputs:
    """The data, its sha (which names what was drafted), the outline and the sections to write."""

    data: ReportData
    sha256: str
    outline: Outline
    todo: list[Section]


@dataclass(frozen=True)
class DraftOutcome:
    """How a draft run ended: the draft, the files it was saved to, and whether it was stopped."""

    draft: Draft
    report: Path
    record: Path
    stopped: str | None  # "interrupted" (Ctrl-C) or "terminated" (SIGTERM); None when it ran to the end

    @property
    def model_unused(self) -> bool:
        """A model was configured, and the built-in writer wrote every section meant for it."""
        return all_fell_back(self.draft)


def resolve_inputs(opts: DraftOptions) -> Inputs:
    """Read the data (bounded), choose its outline, and plan the sections asked for."""
    report_data = load_data(opts.data)
    refuse_example_rows(opts.data, report_data)
    data_bytes = read_bytes(opts.data, "data file")  # bounded like the load: the sha names what was drafted
    the_outline = select_outline(report_data, opts.outline, opts.data)
    report_data = with_scoring(report_data, the_outline)
    chosen = [s.strip() for s in opts.sections.split(",") if s.strip()] if opts.sections else None
    todo = plan(the_outline, report_data, chosen)
    return Inputs(report_data, hashlib.sha256(data_bytes).hexdigest(), the_outline, todo)


def refuse_example_rows(path: Path, report_data: ReportData) -> None:
    """Data that still holds the `drafter init` template's example rows would be drafted as if they
    were the unit's own (another unit's duties, goals, work): refused, naming where they are."""
    rows = example_rows(report_data)
    if rows:
        raise InputError(
            f"{path}: still holds the template's example rows in {', '.join(rows)}",
            "replace them with your unit's own content, or delete them (the example unit "
            f"{EXAMPLE.unit.name} itself drafts as it is)",
        )


def draft_report(opts: DraftOptions, console: Console) -> DraftOutcome:
    """Draft the report `opts` asks for, saving as it goes; the outcome says how it ended."""
    inputs = resolve_inputs(opts)
    endpoint = opts.writer.endpoint()
    with OutputFolder(opts.outdir) as folder:  # checked and locked before any model call
        backend = open_backend(endpoint, opts, console)
        progress = DraftProgress(console, opts.concurrency)
        drafter = Drafter(
            inputs.data,
            model=backend,
            endpoint=endpoint,
            max_repairs=opts.max_repairs,
            concurrency=opts.concurrency,
            fewshot_tokens=opts.fewshot_tokens,
            small_tasks=opts.small_tasks,
            slots=opts.slots,
        )
        the_draft = drafter.new_draft(inputs.outline, inputs.todo, str(opts.data), inputs.sha256)
        if opts.resume:
            resume_from(folder, the_draft, console)
        drafter.on_update = saving(the_draft, folder, progress)
        stopped, report, record = run_and_write(
            drafter, the_draft, progress, lambda: write(folder, the_draft, opts, console)
        )
        progress.summary(the_draft, report, record)
    return DraftOutcome(the_draft, report, record, stopped)


def open_backend(endpoint: Endpoint | None, opts: DraftOptions, console: Console) -> Model | None:
    """The model for the narrative sections (None: the built-in writer), and which writer is used."""
    if endpoint is None:
        console.print(
            "writer: built-in template writer (no model endpoint configured; set OPENAI_BASE_URL "
            "and DRAFTER_MODEL, or pass --base-url and --model, to draft narrative sections with a model)"
        )
        return None
    from drafter.models.openai_compat import OpenAICompatible

    backend = OpenAICompatible(endpoint, stream=opts.stream, max_tokens=opts.max_tokens)
    console.print(
        Text(
            printable(
                f"writer: model {endpoint.model} at {endpoint.display_url} for narrative sections; "
                "built-in template writer for the figure sections"
            )
        )
    )
    return backend


def resume_from(folder: OutputFolder, the_draft: Draft, console: Console) -> None:
    """--resume: keep the finished sections of the folder's record of the same data."""
    record = folder.resume_record(the_draft.data_sha256)
    if record is not None:
        kept = resume_draft(the_draft, record)
        console.print(f"resuming: {kept} finished sections kept from {record}")


def saving(the_draft: Draft, folder: OutputFolder, progress: DraftProgress) -> Callable[[SectionDraft], None]:
    """The update hook: the progress display, and every finished section on disk at once."""

    def update(sd: SectionDraft) -> None:
        progress.update(the_draft)
        if getattr(sd, "done", False):
            folder.save(the_draft)  # every finished section is on disk at once: Ctrl-C loses nothing

    return update


def run_and_write(
    drafter: Drafter, the_draft: Draft, progress: DraftProgress, write_step: Callable[[], tuple[Path, Path]]
) -> tuple[str | None, Path, Path]:
    """Run the draft until it ends or Ctrl-C / SIGTERM stops it; the write step runs however it ends."""
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
        report, record = write_step()
    return stopped, report, record


def write(folder: OutputFolder, the_draft: Draft, opts: DraftOptions, console: Console) -> tuple[Path, Path]:
    """Save report.md and draft.json (beside the earlier ones when those are more complete: say so)."""
    report, record = folder.save(the_draft)
    if folder.kept_previous:
        console.print(
            f"kept the earlier, more complete report {opts.outdir / 'report.md'}; this run's draft "
            f"({finished_sections(the_draft)} sections finished) is in {report} and {record}"
        )
    return report, record


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


def all_fell_back(draft: Draft) -> bool:
    """True when sections meant for the model exist and every one of them was written by the fallback."""
    model_sections = [
        sd
        for sd in draft.sections
        if sd.section.writer == "model" and sd.section.empty is None and sd.section.writes and sd.done
    ]
    # a section the built-in writer wrote without a fallback was never asked of the model (存在问题 of
    # data that states none): it says nothing of whether the model's calls worked
    asked = [sd for sd in model_sections if sd.writer_fallback or sd.writer != TEMPLATE_WRITER]
    if not asked or draft.endpoint is None:
        return False
    return all(sd.restored is None and sd.writer_fallback for sd in asked)
