"""`drafter eval` (thin, like drafter.cli.app): the work is in drafter.evaluation.

Registered on drafter.cli.app's app.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from drafter.cli.app import _console, app
from drafter.errors import InputError
from drafter.io.limits import printable


@app.command("eval")
def eval_command(
    cases: Annotated[
        list[Path] | None, typer.Argument(help="eval sets: case folders, folders of cases, YAML manifests")
    ] = None,
    model: Annotated[
        list[str] | None,
        typer.Option("--model", "-m", help="model to draft with (repeatable; builtin = the built-in writer)"),
    ] = None,
    prompts: Annotated[
        list[Path] | None, typer.Option("--prompts", help="prompt folder variant (repeatable)")
    ] = None,
    repeat: Annotated[
        int, typer.Option("--repeat", "-n", min=1, max=100, help="drafts per case × model × prompts")
    ] = 1,
    out: Annotated[Path, typer.Option("--out", "-o", help="run folder (drafts, cache, results)")] = Path(
        "eval-run"
    ),
    cache: Annotated[
        Path | None, typer.Option("--cache", help="answer cache folder (default OUT/cache)")
    ] = None,
    rescore: Annotated[
        Path | None, typer.Option("--rescore", help="score a stored run again; no model call")
    ] = None,
    mutate: Annotated[
        bool, typer.Option("--mutate", help="checker self-test: mutants and must-pass rewrites")
    ] = False,
    per_kind: Annotated[
        int, typer.Option("--per-kind", min=1, help="mutants per kind and text (--mutate)")
    ] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="print every figure as JSON")] = False,
    html: Annotated[
        Path | None, typer.Option("--html", help="HTML report path (default OUT/report.html)")
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="an earlier --json result to compare with")
    ] = None,
    threshold: Annotated[
        float, typer.Option("--threshold", min=0.0, help="regression beyond this rate change: exit 1")
    ] = 0.02,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="scoring processes (0: all cores)")] = 0,
    concurrency: Annotated[
        int, typer.Option("--concurrency", "-c", min=1, max=256, help="model calls in flight")
    ] = 4,
    max_repairs: Annotated[int, typer.Option("--max-repairs", min=0, max=10)] = 2,
    base_url: Annotated[str | None, typer.Option("--base-url", help="OpenAI-compatible endpoint")] = None,
    api_key: Annotated[str | None, typer.Option("--api-key", help="prefer OPENAI_API_KEY")] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="config file (default ./drafter.toml)")
    ] = None,
    max_tokens: Annotated[int | None, typer.Option("--max-tokens", min=64)] = None,
    temperature: Annotated[
        float | None,
        typer.Option("--temperature", min=0.0, max=2.0, help="sampling temperature (server default)"),
    ] = None,
    price_prompt: Annotated[
        str | None, typer.Option("--price-prompt", help="price per 1k prompt tokens")
    ] = None,
    price_completion: Annotated[
        str | None, typer.Option("--price-completion", help="per 1k completion tokens")
    ] = None,
) -> None:
    """Evaluate draft fidelity on CASES (and the checker itself with --mutate). Exit 1 on a regression."""
    from decimal import Decimal, InvalidOperation

    from drafter.evaluation.evaluate import EvalOptions, evaluate
    from drafter.evaluation.runner import BUILTIN
    from drafter.models.config import resolve_endpoint

    named = [m for m in (model or []) if m != BUILTIN]
    endpoint = None
    if named:  # the endpoint (flags, environment, drafter.toml) serves every named model
        endpoint = resolve_endpoint(base_url=base_url, api_key=api_key, model=named[0], config_path=config)
    try:
        prices = {"*": tuple(None if p is None else Decimal(p) for p in (price_prompt, price_completion))}
    except InvalidOperation:
        raise InputError(
            "--price-prompt/--price-completion: not a number", "e.g. --price-prompt 0.0008"
        ) from None
    if endpoint is not None and price_prompt is None and price_completion is None:
        prices = {"*": (endpoint.price_prompt_per_1k, endpoint.price_completion_per_1k)}
    settings = {"max_tokens": max_tokens, "temperature": temperature}
    opts = EvalOptions(
        sources=list(cases or []),
        models=list(model or []),
        prompts=list(prompts or []),
        repeat=repeat,
        out=out,
        cache=cache,
        rescore=rescore,
        mutate=mutate,
        per_kind=per_kind,
        jobs=jobs,
        concurrency=concurrency,
        max_repairs=max_repairs,
        endpoint=endpoint,
        prices=prices,  # type: ignore[arg-type]
        settings={k: v for k, v in settings.items() if v is not None},
        baseline=baseline,
        threshold=threshold,
        html=html,
    )
    from rich.progress import Progress

    err = _console(stderr=True)
    with Progress(console=err, transient=True, disable=as_json or not err.is_terminal) as progress:
        outcome = evaluate(opts, progress)
    if as_json:
        sys.stdout.write(json.dumps(outcome.payload, ensure_ascii=False, indent=1) + "\n")
    else:
        from drafter.evaluation.summary import print_summary

        console = _console()
        print_summary(console, outcome.payload)
        console.print(Text(printable(f"report: {outcome.html}  results: {outcome.run / 'results.json'}")))
    raise typer.Exit(1 if outcome.regressed else 0)
