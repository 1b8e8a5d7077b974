"""The live progress display of `drafter draft`: one row per section with state, attempts and tokens."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.live import Live
from rich.table import Table
from rich.text import Text

from drafter.drafting.codes import Code, code_of
from drafter.drafting.record import Draft
from drafter.io.limits import printable
from drafter.writing.builtin import NAME as TEMPLATE_WRITER

STATES = {
    "pending": ("等待", "dim"),
    "running": ("生成中", "cyan"),
    "ok": ("通过", "green"),
    "repaired": ("已改正", "yellow"),
    "flagged": ("待核实", "bold red"),
    "heading": ("", "dim"),
    "failed": ("失败", "bold red"),
}


class DraftProgress:
    def __init__(self, console: Console) -> None:
        self.console = console
        self._live: Live | None = None

    def table(self, draft: Draft) -> Table:
        table = Table(expand=False, show_edge=False, pad_edge=False)
        for col in ("section", "state", "attempts", "tokens", "writer"):
            table.add_column(col, no_wrap=True)
        for sd in draft.sections:
            label, style = STATES.get(sd.status, (sd.status, ""))
            if sd.status == "heading":
                continue
            tokens = sd.usage.total_tokens
            table.add_row(
                Text(("  " * (sd.section.level - 1)) + printable(sd.section.heading[:20])),
                Text(label, style=style),
                str(len(sd.attempts)) if sd.attempts else "",
                str(tokens) if tokens else "",
                Text(printable(sd.writer if sd.writer != TEMPLATE_WRITER else "template")),
            )
        return table

    @contextlib.contextmanager
    def live(self, draft: Draft) -> Iterator[None]:
        with Live(self.table(draft), console=self.console, refresh_per_second=8, transient=True) as live:
            self._live = live
            try:
                yield
            finally:
                live.update(self.table(draft))
                self._live = None

    def update(self, draft: Draft) -> None:
        if self._live is not None:
            self._live.update(self.table(draft))

    def summary(self, draft: Draft, report: Path, record: Path) -> None:
        self.console.print(self.table(draft))
        usage = draft.usage
        cost = f", cost {draft.cost}" if draft.cost is not None else ""
        self.console.print(
            f"tokens: {usage.prompt_tokens} prompt + {usage.completion_tokens} completion{cost}; "
            f"{draft.seconds:.1f} s"
        )
        for sd in draft.flagged:
            for flag in sd.flags:
                heading, flag = printable(sd.section.heading), printable(flag)
                self.console.print(Text.assemble(("! " + heading, "yellow"), f": {flag}"))
        for sd in draft.sections:  # answers the prose check sent back, and points a section left out
            for note in sd.notes:
                if code_of(note) is Code.PROSE:
                    heading, note = printable(sd.section.heading), printable(note)
                    self.console.print(Text.assemble(("~ " + heading, "dim"), f": {note}"))
        self.console.print(Text(f"wrote {report} and {record}"))
