"""`drafter eval` (thin): the work is in drafter.evaluation.

Registered by drafter.cli.app (`register`). The options are typed once, here, as annotated aliases;
the command parses them into EvalOptions (`_endpoint`, `_prices`), evaluates, and prints.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from drafter.cli.common import new_console
from drafter.errors import InputError
from drafter.io.limits import printable

if TYPE_CHECKING:
    from drafter.evaluation.evaluate import EvalOptions
    from drafter.models.config import Endpoint

Cases = Annotated[
    list[Path] | None, typer.Argument(help="eval sets: case folders, folders of cases, YAML manifests")
]
Models = Annotated[
    list[str] | None,
    typer.Option("--model", "-m", help="model to draft with (repeatable; builtin = the built-in writer)"),
]
Prompts = Annotated[list[Path] | None, typer.Option("--prompts", help="prompt folder variant (repeatable)")]
Repeat = Annotated[
    int, typer.Option("--repeat", "-n", min=1, max=100, help="drafts per case × model × prompts")
]
Out = Annotated[Path, typer.Option("--out", "-o", help="run folder (drafts, cache, results)")]
Cache = Annotated[Path | None, typer.Option("--cache", help="answer cache folder (default OUT/cache)")]
Rescore = Annotated[Path | None, typer.Option("--rescore", help="score a stored run again; no model call")]
Mutate = Annotated[bool, typer.Option("--mutate", help="checker self-test: mutants and must-pass rewrites")]
PerKind = Annotated[int, typer.Option("--per-kind", min=1, help="mutants per kind and text (--mutate)")]
AsJson = Annotated[bool, typer.Option("--json", help="print every figure as JSON")]
Html = Annotated[Path | None, typer.Option("--html", help="HTML report path (default OUT/report.html)")]
Baseline = Annotated[Path | None, typer.Option("--baseline", help="an earlier --json result to compare with")]
Threshold = Annotated[
    float, typer.Option("--threshold", min=0.0, help="regression beyond this rate change: exit 1")
]
Jobs = Annotated[int, typer.Option("--jobs", "-j", min=0, help="scoring processes (0: all cores)")]
Concurrency = Annotated[
    int, typer.Option("--concurrency", "-c", min=1, max=256, help="model calls in flight")
]
MaxRepairs = Annotated[int, typer.Option("--max-repairs", min=0, max=10)]
BaseUrl = Annotated[str | None, typer.Option("--base-url", help="OpenAI-compatible endpoint")]
ApiKey = Annotated[str | None, typer.Option("--api-key", help="prefer OPENAI_API_KEY")]
Config = Annotated[Path | None, typer.Option("--config", help="config file (default ./drafter.toml)")]
MaxTokens = Annotated[int | None, typer.Option("--max-tokens", min=64)]
Temperature = Annotated[
    float | None,
    typer.Option("--temperature", min=0.0, max=2.0, help="sampling temperature (server default)"),
]
PricePrompt = Annotated[str | None, typer.Option("--price-prompt", help="price per 1k prompt tokens")]
PriceCompletion = Annotated[str | None, typer.Option("--price-completion", help="per 1k completion tokens")]


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)


def eval_command(
    cases: Cases = None,
    model: Models = None,
    prompts: Prompts = None,
    repeat: Repeat = 1,
    out: Out = Path("eval-run"),
    cache: Cache = None,
    rescore: Rescore = None,
    mutate: Mutate = False,
    per_kind: PerKind = 20,
    as_json: AsJson = False,
    html: Html = None,
    baseline: Baseline = None,
    threshold: Threshold = 0.02,
    jobs: Jobs = 0,
    concurrency: Concurrency = 4,
    max_repairs: MaxRepairs = 2,
    base_url: BaseUrl = None,
    api_key: ApiKey = None,
    config: Config = None,
    max_tokens: MaxTokens = None,
    temperature: Temperature = None,
    price_prompt: PricePrompt = None,
    price_completion: PriceCompletion = None,
) -> None:
    """Evaluate draft fidelity on CASES (and the checker itself with --mutate). Exit 1 on a regression."""
    from drafter.evaluation.evaluate import EvalOptions

    endpoint = _endpoint(model or [], base_url, api_key, config)
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
        prices=_prices(price_prompt, price_completion, endpoint),  # type: ignore[arg-type]
        settings={k: v for k, v in settings.items() if v is not None},
        baseline=baseline,
        threshold=threshold,
        html=html,
    )
    raise typer.Exit(_run(opts, as_json))


def _endpoint(
    models: list[str], base_url: str | None, api_key: str | None, config: Path | None
) -> Endpoint | None:
    """The endpoint (flags, environment, drafter.toml) serving every named model; None: builtin only."""
    from drafter.evaluation.runner import BUILTIN
    from drafter.models.config import resolve_endpoint

    named = [m for m in models if m != BUILTIN]
    if not named:
        return None
    return resolve_endpoint(base_url=base_url, api_key=api_key, model=named[0], config_path=config)


def _prices(
    price_prompt: str | None, price_completion: str | None, endpoint: Endpoint | None
) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    """Prices per 1k tokens: the flags, else the endpoint's configured ones."""
    try:
        prices = {"*": tuple(None if p is None else Decimal(p) for p in (price_prompt, price_completion))}
    except InvalidOperation:
        raise InputError(
            "--price-prompt/--price-completion: not a number", "e.g. --price-prompt 0.0008"
        ) from None
    if endpoint is not None and price_prompt is None and price_completion is None:
        prices = {"*": (endpoint.price_prompt_per_1k, endpoint.price_completion_per_1k)}
    return prices  # type: ignore[return-value]


def _run(opts: EvalOptions, as_json: bool) -> int:
    """Evaluate with a progress bar on a terminal, print the outcome; 1 on a regression."""
    from rich.progress import Progress

    from drafter.evaluation.evaluate import evaluate

    err = new_console(stderr=True)
    with Progress(console=err, transient=True, disable=as_json or not err.is_terminal) as progress:
        outcome = evaluate(opts, progress)
    if as_json:
        sys.stdout.write(json.dumps(outcome.payload, ensure_ascii=False, indent=1) + "\n")
    else:
        from drafter.evaluation.summary import print_summary

        console = new_console()
        print_summary(console, outcome.payload)
        console.print(Text(printable(f"report: {outcome.html}  results: {outcome.run / 'results.json'}")))
    return 1 if outcome.regressed else 0
