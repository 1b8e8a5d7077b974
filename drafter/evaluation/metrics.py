"""The eval's figures, per section, case, model (group) and overall, from the scored items.

- precision: the share of quantity mentions the checker proved (on the shipped text, and on the
  model's first answer), with a Wilson 95% interval: with few cases the interval says how much the
  figure could move;
- recall: the share of required facts the text states;
- errors by kind (drafter.evaluation.score.ERROR_KINDS), numbers repair replaced or marked;
- sections clean on the first answer and after repair; attempts; tokens (retries included); latency;
  cost at the prices the user set; for stored reports with known mistakes, caught and false alarms.

Ratios are computed with Decimal (4 places) and written to JSON as numbers; cost stays a Decimal
string, in whatever currency the prices are in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from drafter.evaluation.score import ERROR_KINDS

Z95 = Decimal("1.959963984540054")
_Q = Decimal("0.0001")

Prices = Mapping[str, tuple[Decimal | None, Decimal | None]]  # model -> per 1k prompt, completion


def ratio(num: int, den: int) -> float | None:
    return None if den == 0 else float((Decimal(num) / Decimal(den)).quantize(_Q))


def wilson(hits: int, n: int) -> list[float] | None:
    """Wilson score interval (95%) for hits out of n: sound for small n and for 0% or 100%."""
    if n == 0:
        return None
    p = Decimal(hits) / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * ((p * (1 - p) / n + z2 / (4 * n * n)).sqrt()) / (1 + z2 / n)
    low, high = max(Decimal(0), centre - half), min(Decimal(1), centre + half)
    return [float(low.quantize(_Q)), float(high.quantize(_Q))]


def _cost(model: str, prompt: int, completion: int, prices: Prices) -> Decimal | None:
    per = prices.get(model) or prices.get("*")
    if per is None or (per[0] is None and per[1] is None):
        return None
    return ((per[0] or Decimal(0)) * prompt + (per[1] or Decimal(0)) * completion) / 1000


def summarize(
    items: Iterable[Mapping[str, Any]], prices: Prices, sections: Iterable[Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """All figures over some scored items (or over only some of their sections)."""
    items = list(items)
    secs = list(sections) if sections is not None else [s for it in items for s in it["sections"]]
    total, kinds, first_kinds = _totals(secs)
    seconds = sum(Decimal(str(s["seconds"])) for s in secs)
    out = _figures(items, total, kinds, first_kinds, seconds)
    out.update(_costs(items, prices))
    mistakes = _mistakes(items)
    if mistakes is not None:
        out["mistakes"] = mistakes
    return out


def _totals(secs: list[Mapping[str, Any]]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """The sections' counts added up, and their errors by kind (on the shipped text, on the first answer)."""
    total: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    first_kinds: Counter[str] = Counter()
    for s in secs:
        f, a = s["final"], s["first"]
        total.update(
            numbers=f["numbers"],
            ok=f["ok"],
            first_numbers=a["numbers"],
            first_ok=a["ok"],
            required=s["required"],
            missing=f["missing"],
            sections=1,
            first_clean=int(a["clean"]),
            final_clean=int(f["clean"]),
            attempts=s["attempts"],
            prompt_tokens=s["prompt_tokens"],
            completion_tokens=s["completion_tokens"],
            replaced=s["replaced"],
            marked=s["marked"],
            problems=f["problems"],
            first_problems=a["problems"],
        )
        kinds.update(f["kinds"])
        first_kinds.update(a["kinds"])
    return total, kinds, first_kinds


def _figures(
    items: list[Mapping[str, Any]],
    total: Counter[str],
    kinds: Counter[str],
    first_kinds: Counter[str],
    seconds: Decimal,
) -> dict[str, Any]:
    """Precision, recall, errors, clean sections, attempts, tokens and latency, from the totals."""
    stated = total["required"] - total["missing"]
    return {
        "cases": len({it["case"] for it in items}),
        "items": len(items),
        "sections": total["sections"],
        "numbers": total["numbers"],
        "proved": total["ok"],
        "precision": ratio(total["ok"], total["numbers"]),
        "precision_ci": wilson(total["ok"], total["numbers"]),
        "first_numbers": total["first_numbers"],
        "first_precision": ratio(total["first_ok"], total["first_numbers"]),
        "first_precision_ci": wilson(total["first_ok"], total["first_numbers"]),
        "required": total["required"],
        "stated": stated,
        "recall": ratio(stated, total["required"]),
        "recall_ci": wilson(stated, total["required"]),
        "problems": total["problems"],
        "first_problems": total["first_problems"],
        "errors": {k: kinds.get(k, 0) for k in ERROR_KINDS},
        "first_errors": {k: first_kinds.get(k, 0) for k in ERROR_KINDS},
        "error_rate": ratio(total["problems"], total["numbers"]),
        "first_error_rate": ratio(total["first_problems"], total["first_numbers"]),
        "replaced": total["replaced"],
        "marked": total["marked"],
        "first_clean": total["first_clean"],
        "final_clean": total["final_clean"],
        "first_clean_rate": ratio(total["first_clean"], total["sections"]),
        "first_clean_ci": wilson(total["first_clean"], total["sections"]),
        "final_clean_rate": ratio(total["final_clean"], total["sections"]),
        "attempts": total["attempts"],
        "attempts_per_section": ratio(total["attempts"], total["sections"]),
        "prompt_tokens": total["prompt_tokens"],
        "completion_tokens": total["completion_tokens"],
        "seconds": float(seconds.quantize(_Q)),
        "seconds_per_section": ratio(int(seconds * 1000), total["sections"] * 1000),
    }


def _costs(items: list[Mapping[str, Any]], prices: Prices) -> dict[str, str | None]:
    """The cost of the items at `prices`, in all and per case (None where no price is known)."""
    out: dict[str, str | None] = {}
    costs = [
        _cost(
            it["model"],
            sum(s["prompt_tokens"] for s in it["sections"]),
            sum(s["completion_tokens"] for s in it["sections"]),
            prices,
        )
        for it in items
    ]
    known = [c for c in costs if c is not None]
    out["cost"] = str(sum(known, Decimal(0))) if known else None
    per_case = (sum(known, Decimal(0)) / len(known)).quantize(Decimal("0.000001")) if known else None
    out["cost_per_case"] = None if per_case is None else str(per_case)
    return out


def _mistakes(items: list[Mapping[str, Any]]) -> dict[str, Any] | None:
    """For stored reports with known mistakes: how many the checker caught, and its false alarms."""
    scored = [it["mistakes"] for it in items if it.get("mistakes")]
    if not scored:
        return None
    listed = sum(m["listed"] for m in scored)
    caught = sum(m["caught"] for m in scored)
    alarms = sum(m["false_alarms"] for m in scored)
    return {
        "listed": listed,
        "caught": caught,
        "recall": ratio(caught, listed),
        "recall_ci": wilson(caught, listed),
        "false_alarms": alarms,
        "false_alarms_per_case": ratio(alarms, len(scored)),
        "cases_without_false_alarms": sum(1 for m in scored if not m["false_alarms"]),
    }


def aggregate(results: list[dict[str, Any]], prices: Prices) -> dict[str, Any]:
    """Figures overall, per group (model · prompts), per case within a group, per section id."""
    by_group: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        by_group[r["group"]].append(r)
    groups: dict[str, Any] = {}
    for name, items in by_group.items():
        by_case: dict[str, list[dict[str, Any]]] = defaultdict(list)
        by_section: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for it in items:
            by_case[it["case"]].append(it)
            for s in it["sections"]:
                by_section[s["id"]].append(s)
        groups[name] = {
            "model": items[0]["model"],
            "variant": items[0]["variant"],
            "overall": summarize(items, prices),
            "cases": {c: summarize(its, prices) for c, its in sorted(by_case.items())},
            "sections": {sid: _section_summary(secs) for sid, secs in sorted(by_section.items())},
        }
    return {"overall": summarize(results, prices), "groups": groups}


def _section_summary(secs: list[Mapping[str, Any]]) -> dict[str, Any]:
    full = summarize([], {}, secs)
    keep = (
        "sections",
        "numbers",
        "precision",
        "first_precision",
        "recall",
        "errors",
        "first_clean_rate",
        "final_clean_rate",
        "attempts_per_section",
        "replaced",
        "marked",
    )
    return {k: full[k] for k in keep}
