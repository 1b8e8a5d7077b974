"""Comparing a run with an earlier one (`--baseline OLD.json`): what got better, what got worse.

Each group (model · prompts) present in both runs is compared on the figures a team gates on; a
change in the bad direction larger than `threshold` (an absolute difference of the rate: 0.02 is two
percentage points) is a regression, and `drafter eval` then exits 1, so CI can stop the change.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from drafter.errors import InputError
from drafter.io.files import read_text

# (path in a group's overall figures, +1 when higher is better, -1 when lower is better)
GATED: tuple[tuple[str, int], ...] = (
    ("precision", 1),
    ("first_precision", 1),
    ("recall", 1),
    ("first_clean_rate", 1),
    ("final_clean_rate", 1),
    ("error_rate", -1),
    ("mistakes.recall", 1),
    ("mistakes.false_alarms_per_case", -1),
)
SELFTEST: tuple[tuple[str, int], ...] = (
    ("detection_overall.rate", 1),
    ("false_alarms_per_text", -1),
)


def _get(figures: Mapping[str, Any], path: str) -> float | None:
    value: Any = figures
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return float(value) if isinstance(value, int | float) else None


def load_baseline(path: Path) -> dict[str, Any]:

    try:
        old = json.loads(read_text(path, "baseline"))
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: not JSON ({exc.msg})", "pass the --json output of an earlier run"
        ) from None
    if not isinstance(old, dict) or "metrics" not in old:
        raise InputError(f"{path}: not a `drafter eval --json` result", "no `metrics` in it")
    return old


def _changes(
    group: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    gated: tuple[tuple[str, int], ...],
    threshold: float,
) -> list[dict[str, Any]]:
    out = []
    for path, sign in gated:
        a, b = _get(old, path), _get(new, path)
        if a is None or b is None:
            continue
        delta = b - a
        worse = -delta * sign
        out.append(
            {
                "group": group,
                "metric": path,
                "old": a,
                "new": b,
                "delta": round(delta, 6),
                "regression": worse > threshold,
                "improvement": -worse > threshold,
            }
        )
    return out


def compare(new: Mapping[str, Any], old: Mapping[str, Any], threshold: float, name: str) -> dict[str, Any]:
    """The changes per group and metric, and the regressions among them."""
    changes: list[dict[str, Any]] = []
    old_groups = old["metrics"].get("groups", {})
    for group, figures in new["metrics"].get("groups", {}).items():
        if group in old_groups:
            changes += _changes(group, old_groups[group]["overall"], figures["overall"], GATED, threshold)
    if new.get("selftest") and old.get("selftest"):
        changes += _changes("checker self-test", old["selftest"], new["selftest"], SELFTEST, threshold)
    return {
        "baseline": name,
        "threshold": threshold,
        "compared_groups": sorted(set(old_groups) & set(new["metrics"].get("groups", {}))),
        "changes": changes,
        "regressions": [c for c in changes if c["regression"]],
        "improvements": [c for c in changes if c["improvement"]],
    }
