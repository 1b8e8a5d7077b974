"""The live progress display of `drafter draft`: one row per section with state, attempts, tokens and
tokens per second (while an answer streams in, then for the section's calls), and, once the first model
section is done, an estimate of the time left, printed once and kept in the table's caption.

The estimate is the model sections' mean time so far, times those left, over the concurrency: the
built-in writer's sections take no time worth counting.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.live import Live
from rich.table import Table
from rich.text import Text

from drafter.drafting.codes import Code, code_of
from drafter.drafting.record import Draft, SectionDraft
from drafter.io.limits import printable
from drafter.text.plural import plural
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


def model_sections(draft: Draft) -> list[SectionDraft]:
    """The sections this run asks the model for (none kept from an earlier run)."""
    return [
        sd
        for sd in draft.sections
        if sd.section.writer == "model"
        and sd.section.writes
        and sd.section.empty is None
        and sd.restored is None
    ]


def tokens_per_second(sd: SectionDraft, now: float | None = None) -> float | None:
    """While an answer streams: its pieces so far over its time; after: completion tokens over seconds."""
    if sd.status == "running" and sd.streamed:
        spent = (time.perf_counter() if now is None else now) - sd.stream_started
        return sd.streamed / spent if spent > 0 else None
    seconds = sum(a.seconds for a in sd.attempts if a.usage.completion_tokens)
    tokens = sum(a.usage.completion_tokens for a in sd.attempts)
    return tokens / seconds if tokens and seconds > 0 else None


def estimate(draft: Draft, concurrency: int) -> tuple[float, int] | None:
    """Seconds left, and the model sections left, from the model sections done so far (None: none yet)."""
    mine = model_sections(draft)
    done = [sd for sd in mine if sd.done and sd.attempts]
    if draft.endpoint is None or not done:
        return None
    left = sum(1 for sd in mine if not sd.done)
    mean = sum(sum(a.seconds for a in sd.attempts) for sd in done) / len(done)
    return mean * left / max(1, min(concurrency, left or 1)), left


def duration(seconds: float) -> str:
    """90 → 2 min; 40 → 40 s; 5400 → 1 h 30 min."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes = int(seconds / 60 + 0.5)  # half up
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60} min"


class DraftProgress:
    def __init__(self, console: Console, concurrency: int = 1) -> None:
        self.console = console
        self.concurrency = concurrency
        self.estimated = False  # the estimate is printed once, after the first model section
        self._live: Live | None = None

    def table(self, draft: Draft) -> Table:
        table = Table(expand=False, show_edge=False, pad_edge=False)
        for col in ("section", "state", "attempts", "tokens", "tok/s", "writer"):
            table.add_column(col, no_wrap=True)
        left = estimate(draft, self.concurrency)
        if left is not None and left[1]:
            table.caption = f"about {duration(left[0])} left"
        for sd in draft.sections:
            label, style = STATES.get(sd.status, (sd.status, ""))
            if sd.status == "heading":
                continue
            tokens = sd.usage.total_tokens
            speed = tokens_per_second(sd)
            table.add_row(
                Text(("  " * (sd.section.level - 1)) + printable(sd.section.heading[:20])),
                Text(label, style=style),
                str(len(sd.attempts)) if sd.attempts else "",
                str(tokens) if tokens else "",
                f"{speed:.1f}" if speed else "",
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
        if not self.estimated:
            self.print_estimate(draft)
        if self._live is not None:
            self._live.update(self.table(draft))

    def print_estimate(self, draft: Draft) -> None:
        """After the first model section: how long the rest will take, at this speed."""
        left = estimate(draft, self.concurrency)
        if left is None:
            return
        self.estimated = True
        seconds, sections = left
        if sections:
            self.console.print(
                f"estimate: about {duration(seconds)} for the {plural(sections, 'model section')} left "
                f"(at {self.concurrency} at a time)"
            )

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
