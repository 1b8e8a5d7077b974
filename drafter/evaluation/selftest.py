"""The checker's self-test (`drafter eval CASES --mutate`): how many wrong numbers it catches, and how
often it cries wolf.

On each faithful text (a case's report, or a generated draft's shipped text) every mutation kind of
the project's suite (drafter.evaluation.mutate and .wording) is made at many positions (evenly
spread, at most `per_kind` per kind and text); a mutant is caught when the checker flags every
changed span. Then the must-pass rewrites of drafter.evaluation.rewrites: the same facts written
another fair way (万元 as 元, rounded half-up, clauses reordered, full-width digits, Chinese numerals).
A problem a rewrite raises is a false alarm, and so is any problem on the unmutated text that no
known mistake explains.
"""

from __future__ import annotations

import multiprocessing
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from drafter.check.ground import Grounder, check
from drafter.data.fewshot import example_texts
from drafter.evaluation import mutate
from drafter.evaluation.corpus import Mistake, score
from drafter.evaluation.metrics import ratio, wilson
from drafter.evaluation.rewrites import CONTROLS, Rewrite, false_alarm, rewrites
from drafter.evaluation.score import grounder_for
from drafter.evaluation.wording import WORD_KINDS, word_mutants

KINDS = mutate.KINDS + WORD_KINDS
REWRITES = CONTROLS


def _spread(items: list[Any], n: int) -> list[Any]:
    """At most n items, evenly spread over the list (deterministic: the same run twice is the same)."""
    if n <= 0 or len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def selftest_text(
    case: str,
    text: str,
    grounder: Grounder,
    *,
    per_kind: int = 20,
    mistakes: list[Mistake] | None = None,
    known_audit: list[tuple[str, str]] | None = None,
    examples: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Detection per mutation kind and false alarms (unmutated, rewrites) on one faithful text."""
    base = check(text, grounder)
    if mistakes is not None:
        alarms = score(case, base, mistakes, known_audit).false_alarms
    else:
        alarms = [f"{v.mention.text} {v.verdict} ({v.reason})" for v in base.problems]
    by_kind: dict[str, list[mutate.Mutant]] = defaultdict(list)
    for mutant in [*mutate.mutants(text, grounder, examples), *word_mutants(text, grounder)]:
        by_kind[mutant.kind].append(mutant)
    detection: dict[str, list[int]] = {}
    missed: list[str] = []
    for kind in KINDS:
        chosen = _spread(by_kind.get(kind, []), per_kind)
        hits = 0
        for mutant in chosen:
            if mutate.caught(check(mutant.text, grounder), mutant):
                hits += 1
            elif len(missed) < 20:
                missed.append(f"{kind}: {mutant.description}")
        detection[kind] = [len(chosen), hits]
    by_rewrite: dict[str, list[Rewrite]] = defaultdict(list)
    for rw in rewrites(text, grounder):
        by_rewrite[rw.kind].append(rw)
    controls: dict[str, list[int]] = {}
    wolf: list[str] = []
    for kind in REWRITES:
        chosen = _spread(by_rewrite.get(kind, []), per_kind)
        raised = 0
        for rw in chosen:
            if false_alarm(check(rw.text, grounder), rw, base):
                raised += 1
                if len(wolf) < 20:
                    wolf.append(f"{kind}: {rw.description}")
        controls[kind] = [len(chosen), raised]
    return {
        "case": case,
        "detection": detection,
        "controls": controls,
        "false_alarms": len(alarms),
        "false_alarm_details": alarms[:20],
        "missed": missed,
        "rewrite_alarms": wolf,
    }


def _task(args: tuple[str, str, str, int, Any, Any]) -> dict[str, Any]:

    case, data_path, text, per_kind, mistakes, known = args
    data, grounder = grounder_for(data_path)
    names = [n for n in (data.unit.name, data.unit.short_name) if n]
    others = {k: t for k, t in example_texts().items() if not any(n in t for n in names)}
    return selftest_text(
        case,
        text,
        grounder,
        per_kind=per_kind,
        mistakes=list(mistakes) if mistakes is not None else None,
        known_audit=list(known) if known else None,
        examples=others,  # the copied kind: a number of another example report
    )


def run_selftest(
    texts: list[tuple[str, str, str, Any, Any]],
    *,
    per_kind: int = 20,
    jobs: int = 1,
    on_done: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """texts: (case, data path, faithful text, known mistakes or None, known audit or None)."""
    tasks = [(c, d, t, per_kind, m, k) for c, d, t, m, k in texts]
    results: list[dict[str, Any]] = []
    if jobs <= 1 or len(tasks) < 2:
        for task in tasks:
            results.append(_task(task))
            if on_done:
                on_done()
    else:
        fork = "fork" in multiprocessing.get_all_start_methods()
        with ProcessPoolExecutor(
            jobs, mp_context=multiprocessing.get_context("fork" if fork else None)
        ) as pool:
            for result in pool.map(_task, tasks):
                results.append(result)
                if on_done:
                    on_done()
    return summarize_selftest(results)


def summarize_selftest(results: list[dict[str, Any]]) -> dict[str, Any]:
    detection = {}
    for kind in KINDS:
        n = sum(r["detection"][kind][0] for r in results)
        hits = sum(r["detection"][kind][1] for r in results)
        detection[kind] = {"mutants": n, "caught": hits, "rate": ratio(hits, n), "ci": wilson(hits, n)}
    n_all = sum(d["mutants"] for d in detection.values())
    hits_all = sum(d["caught"] for d in detection.values())
    controls = {}
    for kind in REWRITES:
        n = sum(r["controls"][kind][0] for r in results)
        raised = sum(r["controls"][kind][1] for r in results)
        controls[kind] = {
            "rewrites": n,
            "false_alarms": raised,
            "rate": ratio(raised, n),
            "ci": wilson(raised, n),
        }
    alarms = sum(r["false_alarms"] for r in results)
    return {
        "texts": len(results),
        "detection": detection,
        "detection_overall": {
            "mutants": n_all,
            "caught": hits_all,
            "rate": ratio(hits_all, n_all),
            "ci": wilson(hits_all, n_all),
        },
        "controls": controls,
        "false_alarms_unmutated": alarms,
        "false_alarms_per_text": ratio(alarms, len(results)),
        "texts_without_false_alarms": sum(1 for r in results if not r["false_alarms"]),
        "cases": results,
    }
