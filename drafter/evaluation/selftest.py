"""The checker's self-test (`drafter eval CASES --mutate`): how many wrong numbers it catches, and how
often it cries wolf.

On each faithful text (a case's report, or a generated draft's shipped text) every mutation kind of
drafter.evaluation.mutate is made at many positions (evenly spread, at most `per_kind` per kind and
text); a mutant is caught when the checker flags every changed span. Then the must-pass rewrites:
the same facts written another fair way (rounded to fewer decimals, 万元 as 元, counts in Chinese
numerals, a sentence's two clauses in the other order). A problem on a rewritten span is a false
alarm, and so is any problem on the unmutated text that no known mistake explains.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from drafter.check.ground import Grounder, check
from drafter.check.result import CheckResult, Verdict
from drafter.evaluation import mutate
from drafter.evaluation.corpus import Mistake, score
from drafter.evaluation.metrics import ratio, wilson

REWRITES = ("rounding", "unit", "chinese", "clause_order")
_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Rewrite:
    """A fair restatement of a faithful text: the checker must raise nothing on `spans`."""

    kind: str
    text: str
    spans: tuple[tuple[int, int], ...]
    description: str


def _chinese(n: int) -> str:
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def _verified(result: CheckResult) -> list[Verdict]:
    return [
        v
        for v in result.verdicts
        if v.verdict == "ok" and v.mention.is_quantity and not v.mention.chinese and not v.mention.hedge
    ]


def rewrites(text: str, base: CheckResult) -> Iterator[Rewrite]:
    """The must-pass rewrites of `text` (see the module docstring), one per verified number or sentence."""
    for v in _verified(base):
        m = v.mention
        digits = text[m.num_start : m.num_end]
        if m.number is None or not re.fullmatch(r"\d+(?:\.\d+)?", digits):
            continue
        if m.decimals >= 2 and m.dim in ("money", "percent"):
            shown = m.number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            if shown != 0:
                t = text[: m.num_start] + f"{shown:f}" + text[m.num_end :]
                span = (m.num_start, m.num_start + len(f"{shown:f}"))
                yield Rewrite("rounding", t, (span,), f"{digits} -> {shown:f}")
        unit_at = m.num_end + text[m.num_end : m.end].find("万元")
        if m.unit == "万元" and unit_at >= m.num_end and m.value:
            yuan = f"{m.value.normalize():f}"
            t = text[: m.num_start] + yuan + "元" + text[unit_at + 2 :]
            span = (m.num_start, m.num_start + len(yuan) + 1)
            yield Rewrite("unit", t, (span,), f"{digits}万元 -> {yuan}元")
        if m.dim == "count" and m.decimals == 0 and m.scale == 1 and 0 < m.number < 100:
            numeral = _chinese(int(m.number))
            t = text[: m.num_start] + numeral + text[m.num_end :]
            yield Rewrite(
                "chinese", t, ((m.num_start, m.num_start + len(numeral)),), f"{digits} -> {numeral}"
            )
    verified_at = [v.mention.start for v in _verified(base)]
    for sentence in re.finditer(r"(?<=[。\n])([^。\n，；]{4,60})，([^。\n，；]{4,60})。", text):
        a, b = sentence.group(1), sentence.group(2)
        s1, e2 = sentence.start(1), sentence.end(2)
        if re.match(r"(其中|占|较|比|同比|为|共|并|且|但|分别|均|上年|比上年)", b):
            continue  # the second clause leans on the first: not movable
        if not any(s1 <= p < sentence.end(1) for p in verified_at) or not any(
            sentence.start(2) <= p < e2 for p in verified_at
        ):
            continue
        t = text[:s1] + b + "，" + a + text[e2:]
        yield Rewrite("clause_order", t, ((s1, e2 + 1),), f"{a[:12]}…，{b[:12]}… swapped")


def _spread(items: list[Any], n: int) -> list[Any]:
    """At most n items, evenly spread over the list (deterministic: the same run twice is the same)."""
    if n <= 0 or len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def _flags(result: CheckResult, spans: Iterable[tuple[int, int]]) -> bool:
    problems = [(v.mention.start, v.mention.end) for v in result.problems]
    return any(s < pe and ps < e for s, e in spans for ps, pe in problems)


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
    for mutant in mutate.mutants(text, grounder, examples):
        by_kind[mutant.kind].append(mutant)
    detection: dict[str, list[int]] = {}
    missed: list[str] = []
    for kind in mutate.KINDS:
        chosen = _spread(by_kind.get(kind, []), per_kind)
        hits = 0
        for mutant in chosen:
            if mutate.caught(check(mutant.text, grounder), mutant):
                hits += 1
            elif len(missed) < 20:
                missed.append(f"{kind}: {mutant.description}")
        detection[kind] = [len(chosen), hits]
    by_rewrite: dict[str, list[Rewrite]] = defaultdict(list)
    for rw in rewrites(text, base):
        by_rewrite[rw.kind].append(rw)
    controls: dict[str, list[int]] = {}
    wolf: list[str] = []
    for kind in REWRITES:
        chosen = _spread(by_rewrite.get(kind, []), per_kind)
        raised = 0
        for rw in chosen:
            if _flags(check(rw.text, grounder), rw.spans):
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
    from drafter.evaluation.score import _grounder
    from drafter.fewshot import example_texts

    case, data_path, text, per_kind, mistakes, known = args
    data, grounder = _grounder(data_path)
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
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

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
    for kind in mutate.KINDS:
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
