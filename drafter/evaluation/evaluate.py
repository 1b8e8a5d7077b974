"""`drafter eval` as one library call: plan, draft what is missing, score, self-test, compare, write.

The CLI only parses options into `EvalOptions` and prints what `evaluate` returns. Everything the
command writes goes to the run folder: run.json (for --rescore), drafts/, cache/, results.json (the
--json payload) and report.html.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from drafter.drafting.store import write_atomic
from drafter.errors import InputError
from drafter.evaluation.baseline import compare, load_baseline
from drafter.evaluation.cache import AnswerCache
from drafter.evaluation.cases import load_cases
from drafter.evaluation.html import render_html
from drafter.evaluation.metrics import aggregate
from drafter.evaluation.runner import (
    BUILTIN,
    RunStats,
    Variant,
    generate,
    plan_jobs,
    read_run,
    score_items,
    write_run,
)
from drafter.evaluation.score import ScoreItem, score_all
from drafter.evaluation.selftest import run_selftest
from drafter.models.base import Model
from drafter.models.config import Endpoint


@dataclass
class EvalOptions:
    sources: list[Path] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    prompts: list[Path] = field(default_factory=list)
    repeat: int = 1
    out: Path = Path("eval-run")
    cache: Path | None = None
    rescore: Path | None = None
    mutate: bool = False
    per_kind: int = 20
    jobs: int = 0  # scoring processes; 0: all cores
    concurrency: int = 4  # model calls in flight
    max_repairs: int = 2
    endpoint: Endpoint | None = None
    settings: dict[str, Any] = field(default_factory=dict)  # temperature, max_tokens: part of the cache key
    prices: dict[str, tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)
    baseline: Path | None = None
    threshold: float = 0.02
    html: Path | None = None
    make_model: Callable[[Endpoint], Model] | None = None  # tests: a backend other than OpenAICompatible


@dataclass
class EvalOutcome:
    payload: dict[str, Any]
    results: list[dict[str, Any]]
    run: Path
    html: Path
    stats: RunStats

    @property
    def regressed(self) -> bool:
        return bool((self.payload.get("baseline") or {}).get("regressions"))


def _jobs(n: int) -> int:
    return n if n > 0 else max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def evaluate(opts: EvalOptions, progress: Any = None) -> EvalOutcome:
    """Run the eval `opts` describe; `progress` is a rich Progress (or None) to report on.

    The steps: the items to score (a run read back, or cases drafted), scored; the payload, with the
    self-test and the comparison to a baseline when asked; results.json and report.html written.
    """
    if opts.rescore is not None:
        run = opts.rescore if opts.rescore.is_dir() else opts.rescore.parent
        items, stats = read_run(opts.rescore), RunStats()
    else:
        run = opts.out
        items, stats = _draft(opts, run, progress)
    task = progress.add_task("scoring", total=len(items)) if progress else None
    started = time.perf_counter()
    results = score_all(
        items, jobs=_jobs(opts.jobs), on_done=(lambda: progress.advance(task)) if progress else None
    )
    scoring_seconds = time.perf_counter() - started
    payload = _payload(opts, run, stats, results, scoring_seconds)
    if opts.mutate:
        payload["selftest"] = _selftest(opts, results, items, progress)
    if opts.baseline is not None:
        payload["baseline"] = compare(
            payload, load_baseline(opts.baseline), opts.threshold, str(opts.baseline)
        )
    payload["items"] = [
        {
            **{k: v for k, v in r.items() if k != "sections"},
            "sections": [{k: v for k, v in s.items() if k not in ("text", "marks")} for s in r["sections"]],
        }
        for r in results
    ]
    write_atomic(run / "results.json", json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    html = opts.html or run / "report.html"
    write_atomic(html, render_html(payload, results))
    return EvalOutcome(payload, results, run, html, stats)


def _draft(opts: EvalOptions, run: Path, progress: Any) -> tuple[list[ScoreItem], RunStats]:
    """The cases of `opts.sources`, drafted where the run folder lacks a draft, as items to score."""
    if not opts.sources:
        raise InputError("no eval set given", "pass a folder of cases (examples/) or a manifest")
    cases = load_cases(opts.sources)
    generate_all = bool(opts.models or opts.prompts)
    models = opts.models or [BUILTIN]
    variants = [Variant(m, p) for m in models for p in (opts.prompts or [None])]
    if any(m != BUILTIN for m in models) and opts.endpoint is None:
        raise InputError(
            f"--model {next(m for m in models if m != BUILTIN)} needs a model endpoint",
            "pass --base-url (or set OPENAI_BASE_URL / drafter.toml), or use --model builtin",
        )
    for p in opts.prompts:
        if not p.is_dir():
            raise InputError(f"--prompts {p}: not a folder", "a prompts folder like prompts/")
    jobs = plan_jobs(cases, variants, opts.repeat, run, generate_all)
    stats = RunStats()
    if jobs:
        task = progress.add_task("drafting", total=len(jobs)) if progress else None
        stats = asyncio.run(
            generate(
                jobs,
                endpoint=opts.endpoint,
                cache=AnswerCache(opts.cache or run / "cache"),
                concurrency=opts.concurrency,
                max_repairs=opts.max_repairs,
                settings=opts.settings,
                make_model=opts.make_model,
                on_done=(lambda _: progress.advance(task)) if progress else None,
            )
        )
    items = score_items(cases, jobs, generate_all)
    write_run(run, opts.sources, variants, opts.repeat, items)
    return items, stats


def _payload(
    opts: EvalOptions, run: Path, stats: RunStats, results: list[dict[str, Any]], scoring_seconds: float
) -> dict[str, Any]:
    """results.json's head: what was run, how long drafting and scoring took, and the metrics."""
    return {
        "title": ", ".join(str(p) for p in opts.sources) if opts.rescore is None else f"rescore of {run}",
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "run": str(run),
        "generation": {
            "drafted": stats.drafted,
            "reused": stats.reused,
            "model_calls": stats.calls,
            "cached_answers": stats.cached,
            "seconds": round(stats.seconds, 3),
        },
        "scoring": {
            "texts": len(results),
            "seconds": round(scoring_seconds, 3),
            "processes": _jobs(opts.jobs),
        },
        "metrics": aggregate(results, opts.prices),
    }


def _selftest(
    opts: EvalOptions, results: list[dict[str, Any]], items: list[ScoreItem], progress: Any
) -> dict[str, Any]:
    """The mutation self-test on every scored text (the checker's catch rate on these drafts)."""
    texts = [
        (
            r["case"] if r["kind"] == "report" else f"{r['case']} · {r['group']} · r{r['repeat']}",
            item.data,
            "\n\n".join(s["text"] for s in r["sections"]),
            item.mistakes,
            item.known_audit,
        )
        for r, item in zip(results, items, strict=True)
    ]
    task = progress.add_task("self-test", total=len(texts)) if progress else None
    return run_selftest(
        texts,
        per_kind=opts.per_kind,
        jobs=_jobs(opts.jobs),
        on_done=(lambda: progress.advance(task)) if progress else None,
    )
