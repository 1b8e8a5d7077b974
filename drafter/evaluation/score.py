"""Scoring one stored text (a report, or a draft's sections) with today's checker, in a process pool.

Scoring is separate from generation: an item names a data file and a stored text (report.txt or a
draft.json), never a model, so re-scoring a run calls no model. Each worker builds the Grounder of a
data file once (`grounder_for` is cached per process) and items are sorted by data file, so a pool of N
workers builds each at most N times.

Per number the checker's verdict is kept with its provenance (for the HTML report); per section, the
counts the metrics need: numbers judged and proved, problems by kind on the first answer and on the
shipped text, required facts stated, attempts, tokens, latency, numbers repair replaced or marked.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from drafter.check.causes import Cause
from drafter.check.ground import Grounder, check, make_grounder
from drafter.check.result import CheckResult, Verdict
from drafter.data.model import ReportData
from drafter.evaluation.corpus import Mistake, score

ERROR_KINDS = ("mismatch", "unsupported", "swap", "hedge", "unit", "rounding", "copied", "year")


@dataclass(frozen=True)
class ScoreItem:
    """One stored text to score: `source` is a report (.txt/.md) or a draft.json."""

    case: str
    data: str
    source: str
    kind: str  # report | draft
    model: str = "report"
    variant: str = "-"
    repeat: int = 1
    prompts: str | None = None  # the prompts folder the draft was written with (its outline)
    mistakes: tuple[Mistake, ...] | None = None
    known_audit: tuple[tuple[str, str], ...] | None = None

    @property
    def group(self) -> str:
        """What is compared: a model with a prompt variant (stored reports form their own group)."""
        return self.model if self.variant == "-" else f"{self.model} · {self.variant}"


@functools.lru_cache(maxsize=64)
def grounder_for(data_path: str) -> tuple[ReportData, Grounder]:
    from drafter.check.examples import example_numbers_for
    from drafter.data.load import load_data

    data = load_data(data_path)
    return data, make_grounder(data, example_numbers_for(data))


@functools.lru_cache(maxsize=8)
def _outline(prompts: str | None) -> Any:
    from drafter.writing.outline import load_outline

    path = Path(prompts) / "outline.yaml" if prompts else None
    return load_outline(path if path is not None and path.is_file() else None)


def error_kind(v: Verdict, grounder: Grounder) -> str:
    """The kind of a problem verdict, in the terms users ask about (ERROR_KINDS)."""
    m = v.mention
    if v.verdict == "hedge":
        return "hedge"
    if v.says(Cause.COPIED_FROM_EXAMPLE):
        return "copied"
    if v.says(Cause.UNIT_SUSPECT):
        return "unit"
    if v.verdict == "unsupported":
        return "unsupported"
    if m.kind in ("year", "period"):
        return "year"
    if v.expected_value is not None and m.value is not None and m.value != v.expected_value:
        if abs(m.value - v.expected_value) <= m.step:
            return "rounding"  # a fair rounding would have been accepted: this is one step off
        if any(f.value == m.value and f.dim == m.dim and f.id != v.fact_id for f in grounder.facts):
            return "swap"  # the figure of another fact of the data, put in this one's place
    return "mismatch"


def _judged(result: CheckResult) -> list[Verdict]:
    skip = ("ignored", "unreadable")
    return [v for v in result.verdicts if v.mention.is_quantity and v.verdict not in skip]


def _figures(result: CheckResult, grounder: Grounder) -> dict[str, Any]:
    judged = _judged(result)
    kinds = Counter(error_kind(v, grounder) for v in result.problems)
    return {
        "numbers": len(judged),
        "ok": sum(1 for v in judged if v.verdict == "ok"),
        "problems": len(result.problems),
        "kinds": dict(kinds),
        "missing": len(result.missing),
        "clean": not result.problems and not result.missing,
    }


def _marks(result: CheckResult, grounder: Grounder) -> list[list[Any]]:
    """[start, end, verdict, hover text] per number, for colouring the text in the HTML report."""
    out: list[list[Any]] = []
    for v in result.verdicts:
        if v.verdict == "ignored":
            continue
        if v.verdict == "ok":
            how = v.derivation or ("数据" if v.fact_id else v.reason)
            tip = f"✓ {v.fact_label or ''} [{v.fact_id or ''}] {how}".strip()
        else:
            kind = error_kind(v, grounder) if v.is_problem else v.verdict
            tip = f"✗ {kind}: {v.reason}" + (f" (应为 {v.expected})" if v.expected else "")
        out.append([v.mention.start, v.mention.end, v.verdict, tip])
    return out


def _section(
    sid: str, text: str, first_text: str, grounder: Grounder, required: set[str] | None
) -> tuple[dict[str, Any], CheckResult]:
    final = check(text, grounder, required=required)
    first = final if first_text == text else check(first_text, grounder, required=required)
    out = {"id": sid, "final": _figures(final, grounder), "first": _figures(first, grounder)}
    out["required"] = sum(1 for f in grounder.facts if f.required and (required is None or f.id in required))
    out["text"] = text
    out["marks"] = _marks(final, grounder)
    return out, final


def score_item(item: ScoreItem) -> dict[str, Any]:
    """Every figure of one stored text (see the module docstring)."""
    data, grounder = grounder_for(item.data)
    head = {
        "case": item.case,
        "model": item.model,
        "variant": item.variant,
        "repeat": item.repeat,
        "group": item.group,
        "kind": item.kind,
        "source": item.source,
    }
    path = Path(item.source)
    if item.kind == "report":
        text = path.read_text(encoding="utf-8")
        section, result = _section("report", text, text, grounder, None)
        section.update(attempts=0, prompt_tokens=0, completion_tokens=0, seconds=0.0)
        section.update(replaced=0, marked=0, writer="report")
        out = {**head, "sections": [section]}
        if item.mistakes is not None:
            s = score(item.case, result, list(item.mistakes), list(item.known_audit or []) or None)
            out["mistakes"] = {
                "listed": s.listed,
                "caught": len(s.caught),
                "false_alarms": len(s.false_alarms),
                "false_alarm_details": s.false_alarms,
            }
        return out
    record = json.loads(path.read_text(encoding="utf-8"))
    fact_ids = [f.id for f in grounder.facts]
    from drafter.writing.outline import plan, required_facts

    planned = {s.id: s for s in plan(_outline(item.prompts), data)}
    sections = []
    for sd in record.get("sections", []):
        text = sd.get("text") or ""
        if sd.get("status") == "heading" or not text.strip():
            continue
        spec = planned.get(sd.get("id"))
        required = required_facts(spec, fact_ids) if spec is not None and spec.empty is None else set()
        attempts = sd.get("attempts") or []
        first_text = next((a["text"] for a in attempts if a.get("text")), text)
        section, _ = _section(sd["id"], text, first_text, grounder, required)
        fixes = sd.get("fixes") or []
        section.update(
            heading=sd.get("heading", ""),
            writer=sd.get("writer", ""),
            status=sd.get("status", ""),
            attempts=len(attempts),
            prompt_tokens=sum(int(a.get("usage", {}).get("prompt_tokens", 0)) for a in attempts),
            completion_tokens=sum(int(a.get("usage", {}).get("completion_tokens", 0)) for a in attempts),
            seconds=sum(float(a.get("seconds", 0)) for a in attempts),
            replaced=sum(1 for f in fixes if f.get("action") == "replaced"),
            marked=sum(1 for f in fixes if f.get("action") == "marked"),
        )
        sections.append(section)
    return {**head, "sections": sections, "complete": bool(record.get("complete", True))}


def score_all(
    items: Iterable[ScoreItem], *, jobs: int = 1, on_done: Callable[[], None] | None = None
) -> list[dict[str, Any]]:
    """Score every item, in the given order; `jobs` > 1 uses a process pool of that many workers."""
    todo = list(items)
    order = sorted(range(len(todo)), key=lambda i: todo[i].data)  # a worker's Grounder cache hits
    results: list[dict[str, Any] | None] = [None] * len(todo)

    def collect(scored: Iterator[dict[str, Any]]) -> None:
        for i, result in zip(order, scored, strict=True):
            results[i] = result
            if on_done:
                on_done()

    ordered = [todo[i] for i in order]
    if jobs <= 1 or len(todo) < 2:
        collect(score_item(item) for item in ordered)
    else:
        import multiprocessing

        chunk = max(1, min(32, len(ordered) // (jobs * 4)))
        fork = "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if fork else None)
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            collect(pool.map(score_item, ordered, chunksize=chunk))
    return [r for r in results if r is not None]


def as_decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))
