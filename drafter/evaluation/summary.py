"""The eval's terminal summary: one rich table per view (models, self-test, baseline)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from drafter.evaluation.score import ERROR_KINDS
from drafter.io.limits import printable
from drafter.text.plural import plural


def _pct(x: float | None, ci: Sequence[float] | None = None) -> str:
    if x is None:
        return "–"
    return f"{x * 100:.1f}%" + (f" [{ci[0] * 100:.0f}–{ci[1] * 100:.0f}]" if ci else "")


def _safe(text: object) -> str:
    """A model name, case id or path as text: its control characters shown, its [brackets] not markup."""
    return escape(printable(str(text)))


_SHORT = {"mismatch": "wrong", "unsupported": "invented", "rounding": "round", "copied": "copy"}


def print_summary(console: Console, payload: Mapping[str, Any]) -> None:
    groups = payload["metrics"]["groups"]
    table = Table(title="draft fidelity (95% intervals)")
    for c in ("model · prompts", "cases", "numbers", "precision", "1st answer", "recall", "clean 1st→final"):
        table.add_column(c, justify="left" if c == "model · prompts" else "right")
    for name, g in groups.items():
        o = g["overall"]
        table.add_row(
            _safe(name),
            str(o["cases"]),
            str(o["numbers"]),
            _pct(o["precision"], o["precision_ci"]),
            _pct(o["first_precision"]),
            _pct(o["recall"]),
            f"{_pct(o['first_clean_rate'])}→{_pct(o['final_clean_rate'])}",
        )
    console.print(table)
    effort = Table(title="repair and cost")
    for c in ("model · prompts", "fixed", "marked", "attempts/sect.", "tokens in+out", "s/sect.", "cost"):
        effort.add_column(c, justify="left" if c == "model · prompts" else "right")
    for name, g in groups.items():
        o = g["overall"]
        effort.add_row(
            _safe(name),
            str(o["replaced"]),
            str(o["marked"]),
            str(o["attempts_per_section"]),
            f"{o['prompt_tokens']}+{o['completion_tokens']}",
            str(o["seconds_per_section"]),
            o["cost"] or "–",
        )
    console.print(effort)
    kinds = Table(title="errors by kind: first answer→shipped text")
    kinds.add_column("model · prompts")
    for k in ERROR_KINDS:
        kinds.add_column(_SHORT.get(k, k), justify="right")
    for name, g in groups.items():
        o = g["overall"]
        kinds.add_row(_safe(name), *(f"{o['first_errors'][k]}→{o['errors'][k]}" for k in ERROR_KINDS))
    console.print(kinds)
    for name, g in groups.items():
        m = g["overall"].get("mistakes")
        if m:
            console.print(
                f"{_safe(name)}: known mistakes caught {m['caught']}/{m['listed']} "
                f"({_pct(m['recall'], m['recall_ci'])}); "
                f"{m['false_alarms']} false alarms ({m['false_alarms_per_case']} per report, "
                f"{m['cases_without_false_alarms']} reports with none)"
            )
    gen, sc = payload["generation"], payload["scoring"]
    console.print(
        f"drafts: {gen['drafted']} drafted, {gen['reused']} reused; model calls: {gen['model_calls']} made, "
        f"{gen['cached_answers']} answered from the cache; scored {sc['texts']} texts in {sc['seconds']} s "
        f"({sc['processes']} processes)"
    )
    if payload.get("selftest"):
        print_selftest(console, payload["selftest"])
    if payload.get("baseline"):
        print_baseline(console, payload["baseline"])


def print_selftest(console: Console, st: Mapping[str, Any]) -> None:
    table = Table(title=f"checker self-test on {st['texts']} faithful texts")
    for c in ("mutation", "mutants", "caught", "detection [95% CI]"):
        table.add_column(c, justify="left" if c == "mutation" else "right")
    for kind, d in st["detection"].items():
        table.add_row(kind, str(d["mutants"]), str(d["caught"]), _pct(d["rate"], d["ci"]))
    o = st["detection_overall"]
    table.add_row("all", str(o["mutants"]), str(o["caught"]), _pct(o["rate"], o["ci"]), style="bold")
    console.print(table)
    alarms = Table(title="false alarms")
    for c in ("text", "texts", "false alarms", "rate [95% CI]"):
        alarms.add_column(c, justify="left" if c == "text" else "right")
    for kind, d in st["controls"].items():
        alarms.add_row(
            f"rewrite: {kind}", str(d["rewrites"]), str(d["false_alarms"]), _pct(d["rate"], d["ci"])
        )
    alarms.add_row(
        "unmutated",
        str(st["texts"]),
        str(st["false_alarms_unmutated"]),
        f"{st['false_alarms_per_text']} per text",
    )
    console.print(alarms)


def print_baseline(console: Console, cmp: Mapping[str, Any]) -> None:
    table = Table(title=f"against {_safe(cmp['baseline'])} (threshold {cmp['threshold']})")
    for c in ("group", "metric", "baseline", "now", "change", ""):
        table.add_column(c)
    for c in cmp["changes"]:
        mark = (
            "[bold red]REGRESSION[/]" if c["regression"] else "[green]better[/]" if c["improvement"] else ""
        )
        if mark or c["delta"]:
            table.add_row(
                _safe(c["group"]),
                c["metric"],
                f"{c['old']:.4g}",
                f"{c['new']:.4g}",
                f"{c['delta']:+.4f}",
                mark,
            )
    if table.row_count:
        console.print(table)
    elif cmp["compared_groups"]:  # an empty bordered table says nothing: say it
        console.print(f"against {_safe(cmp['baseline'])}: no metric changed")
    if cmp["regressions"]:
        count = plural(len(cmp["regressions"]), "regression")
        console.print(f"[bold red]{count} beyond {cmp['threshold']}[/]")
    elif not cmp["compared_groups"]:
        console.print("[yellow]no group of this run is in the baseline: nothing compared[/]")
