"""Running an eval: plan the items, draft what is missing (cached, bounded, resumable), record the run.

A run folder holds:

- run.json: the eval sets, the models and prompt variants, repeats, and every scored item (so
  `drafter eval --rescore RUN` can score the same texts again with today's checker, calling no model);
- drafts/<case>/<model>/<variant>/r<repeat>/draft.json (+ report.md): each generated draft;
- cache/: the model answers (drafter.evaluation.cache), unless --cache names another folder.

A draft already complete on disk is not drafted again, so an interrupted run resumes where it stopped;
an answer already cached costs no call, so a re-run with one more model only asks the new model.
Model calls are bounded by one semaphore across all drafts (`concurrency`), whatever the number of
cases and sections.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from drafter.data.load import load_data
from drafter.drafting.run import Drafter
from drafter.drafting.store import save, write_atomic
from drafter.errors import InputError
from drafter.evaluation.cache import AnswerCache, CachedModel
from drafter.evaluation.cases import Case, load_cases, slug
from drafter.evaluation.corpus import Mistake
from drafter.evaluation.score import ScoreItem
from drafter.io.files import read_text
from drafter.models.base import Generation, Model, Request
from drafter.models.config import Endpoint
from drafter.models.openai_compat import OpenAICompatible
from drafter.writing.outline import plan, select_outline, with_scoring

BUILTIN = "builtin"  # the model name that means the built-in template writer


@dataclass
class Variant:
    """A model with a prompt folder: one column of the comparison."""

    model: str
    prompts: Path | None = None

    @property
    def label(self) -> str:
        return "-" if self.prompts is None else self.prompts.name


@dataclass
class GenJob:
    case: Case
    variant: Variant
    repeat: int
    path: Path  # where its draft.json goes


@dataclass
class RunStats:
    """What generation did: drafts made and reused, model calls made and answered from the cache."""

    drafted: int = 0
    reused: int = 0
    calls: int = 0
    cached: int = 0
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)


class _Bounded:
    """A model whose calls share one semaphore with every other draft of the run."""

    def __init__(self, inner: Model, semaphore: asyncio.Semaphore) -> None:
        self.inner, self.name, self.semaphore = inner, inner.name, semaphore

    async def generate(self, request: Request) -> Generation:
        async with self.semaphore:
            return await self.inner.generate(request)


def plan_jobs(
    cases: Sequence[Case], variants: Sequence[Variant], repeat: int, run: Path, generate_all: bool
) -> list[GenJob]:
    """One job per case to draft × variant × repeat (the built-in writer is deterministic: once)."""
    jobs = []
    for case in cases:
        if case.kind != "data" and not generate_all:
            continue
        for variant in variants:
            for r in range(1, (1 if variant.model == BUILTIN else repeat) + 1):
                folder = (
                    run
                    / "drafts"
                    / slug(case.id)
                    / slug(variant.model)
                    / (slug(variant.label) if variant.prompts else "default")
                    / f"r{r}"
                )
                jobs.append(GenJob(case, variant, r, folder / "draft.json"))
    return jobs


def score_items(cases: Sequence[Case], jobs: Sequence[GenJob], generate_all: bool) -> list[ScoreItem]:
    """What gets scored: stored reports and drafts as they are, and every generated draft."""
    items: list[ScoreItem] = []
    for case in cases:
        if case.kind in ("report", "draft") and not generate_all:
            source = case.report or case.draft
            assert source is not None
            items.append(
                ScoreItem(
                    case.id,
                    str(case.data),
                    str(source),
                    case.kind,
                    mistakes=case.mistakes if case.kind == "report" else None,
                    known_audit=case.known_audit,
                )
            )
    for job in jobs:
        items.append(
            ScoreItem(
                job.case.id,
                str(job.case.data),
                str(job.path),
                "draft",
                model=job.variant.model,
                variant=job.variant.label,
                repeat=job.repeat,
                prompts=str(job.variant.prompts) if job.variant.prompts else None,
                mistakes=unlined(job.case.mistakes),
                known_audit=job.case.known_audit,
            )
        )
    return items


def unlined(mistakes: tuple[Mistake, ...] | None) -> tuple[Mistake, ...] | None:
    """A case's known mistakes, matched anywhere: a draft repeats the data's own mistakes on its own lines
    (the self-test then does not count them as false alarms)."""
    if mistakes is None:
        return None
    return tuple(Mistake(m.text, None, m.kind, m.expected) for m in mistakes)


async def generate(
    jobs: Sequence[GenJob],
    *,
    endpoint: Endpoint | None,
    cache: AnswerCache,
    concurrency: int = 4,
    max_repairs: int = 2,
    settings: dict[str, Any] | None = None,
    make_model: Callable[[Endpoint], Model] | None = None,
    on_done: Callable[[GenJob], None] | None = None,
) -> RunStats:
    """Draft every job whose draft.json is not complete yet; returns what it did."""
    run = _Drafting(
        endpoint=endpoint,
        cache=cache,
        max_repairs=max_repairs,
        settings=settings,
        make_model=make_model or _openai_maker(settings),
        on_done=on_done,
        semaphore=asyncio.Semaphore(max(1, concurrency)),
        job_slots=asyncio.Semaphore(max(1, concurrency)),
    )
    started = time.perf_counter()
    try:
        await asyncio.gather(*(run.one(job) for job in jobs))
    finally:
        run.stats.calls = sum(c.misses for c in run.counters)
        run.stats.cached = sum(c.hits for c in run.counters)
        run.stats.seconds = time.perf_counter() - started
    return run.stats


def _openai_maker(settings: dict[str, Any] | None) -> Callable[[Endpoint], Model]:
    """The default backend: an OpenAI-compatible endpoint, with the run's max_tokens and temperature."""

    def make_model(e: Endpoint) -> Model:
        given = settings or {}
        return OpenAICompatible(e, max_tokens=given.get("max_tokens"), temperature=given.get("temperature"))

    return make_model


@dataclass
class _Drafting:
    """One generate() call: its settings, the semaphores every draft shares, one backend per model
    name, the cache counters, and what it did."""

    endpoint: Endpoint | None
    cache: AnswerCache
    max_repairs: int
    settings: dict[str, Any] | None
    make_model: Callable[[Endpoint], Model]
    on_done: Callable[[GenJob], None] | None
    semaphore: asyncio.Semaphore  # model calls in flight, across all drafts
    job_slots: asyncio.Semaphore  # drafts in progress
    stats: RunStats = field(default_factory=RunStats)
    backends: dict[str, Model] = field(default_factory=dict)
    counters: list[CachedModel] = field(default_factory=list)

    async def one(self, job: GenJob) -> None:
        """Draft `job` unless its draft.json is complete already (an interrupted run resumes)."""
        async with self.job_slots:
            if _complete(job.path):
                self.stats.reused += 1
            else:
                await self._draft(job)
                self.stats.drafted += 1
            if self.on_done:
                self.on_done(job)

    async def _draft(self, job: GenJob) -> None:
        data = load_data(job.case.data)
        model, job_endpoint = self._model_for(job)
        # the outline `drafter draft` would choose (the data's, else by unit.region), unless the
        # variant's prompts bring their own: eval scores the report a user would get
        outline_path = job.variant.prompts / "outline.yaml" if job.variant.prompts else None
        explicit = outline_path if outline_path and outline_path.is_file() else None
        outline = select_outline(data, explicit, job.case.data)
        data = with_scoring(data, outline)
        drafter = Drafter(
            data,
            model=model,
            endpoint=job_endpoint,
            max_repairs=self.max_repairs,
            concurrency=8,
            prompts_dir=job.variant.prompts,
        )
        sha = hashlib.sha256(job.case.data.read_bytes()).hexdigest()
        draft = drafter.new_draft(outline, plan(outline, data), str(job.case.data), sha)
        await drafter.run(draft)
        save(draft, job.path.parent)

    def _model_for(self, job: GenJob) -> tuple[Model | None, Endpoint | None]:
        """The job's model (cached, sharing the run's semaphore) and endpoint; None, None for the
        template writer."""
        if job.variant.model == BUILTIN:
            return None, None
        if self.endpoint is None:
            raise InputError(
                f"model {job.variant.model!r} needs an endpoint",
                "pass --base-url (or set OPENAI_BASE_URL), or use --model builtin",
            )
        job_endpoint = Endpoint(**{**_endpoint_fields(self.endpoint), "model": job.variant.model})
        if job.variant.model not in self.backends:
            self.backends[job.variant.model] = self.make_model(job_endpoint)
        cached = CachedModel(
            self.backends[job.variant.model], self.cache, settings=self.settings, repeat=job.repeat
        )
        self.counters.append(cached)
        return _Bounded(cached, self.semaphore), job_endpoint


def _endpoint_fields(endpoint: Endpoint) -> dict[str, Any]:
    return {k: getattr(endpoint, k) for k in endpoint.__dataclass_fields__}


def _complete(path: Path) -> bool:
    try:
        return bool(json.loads(path.read_text(encoding="utf-8")).get("complete"))
    except (FileNotFoundError, json.JSONDecodeError):
        return False


def write_run(
    run: Path, sources: Sequence[Path], variants: Sequence[Variant], repeat: int, items: Sequence[ScoreItem]
) -> Path:
    """run.json: enough to score the same texts again (`--rescore`)."""
    record = {
        "sources": [str(p.resolve()) for p in sources],
        "variants": [{"model": v.model, "prompts": str(v.prompts) if v.prompts else None} for v in variants],
        "repeat": repeat,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "items": [
            {k: v for k, v in asdict(item).items() if k not in ("mistakes", "known_audit")} for item in items
        ],
    }
    path = run / "run.json"
    write_atomic(path, json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    return path


def read_run(run: Path) -> list[ScoreItem]:
    """The items of an earlier run, with their cases' known mistakes read again from the eval sets."""
    path = run / "run.json" if run.is_dir() else run
    try:
        record = json.loads(read_text(path, "eval run record"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not an eval run record ({exc.msg})", "pass the run folder") from None
    by_id = {}
    try:
        by_id = {c.id: c for c in load_cases(Path(p) for p in record.get("sources", []))}
    except InputError:
        pass  # the eval set moved: drafts are still scored, without the known mistakes
    items = []
    for raw in record.get("items", []):
        case = by_id.get(raw["case"])
        mistakes = None if case is None else case.mistakes
        items.append(
            ScoreItem(
                **raw,
                mistakes=mistakes if raw["kind"] == "report" else unlined(mistakes),
                known_audit=None if case is None else case.known_audit,
            )
        )
    missing = [i.source for i in items if not Path(i.source).is_file()]
    if missing:
        raise InputError(f"{path}: {len(missing)} stored texts are gone, e.g. {missing[0]}")
    return items
