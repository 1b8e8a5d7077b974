"""Benchmark of `drafter check` (a benchmark, not a test): prints figures, asserts nothing.

    python eval/bench_check.py [--seconds 3]

- reports/s: each example report checked against its own data (indexes built once per data file, as
  drafting and evaluation do), on one core;
- the same including building facts, audit and indexes from the data every time (as `drafter check`);
- growth: time for a report 10x longer (the text repeated) and for data with 10x more facts (every
  list in the data repeated with shifted figures), as ratios to the example. Linear growth is 10;
- the floor: a bare compiled-regex scan of the same texts for figures with units (FLOOR below), timed in
  the same run, and the check as a multiple of it. The machine's speed cancels out of that ratio, so it is
  the figure to compare between runs and machines (the goal: at most 40x).
"""

from __future__ import annotations

import argparse
import copy
import re
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafter.check import check, make_grounder  # noqa: E402
from drafter.data.load import load_data  # noqa: E402
from drafter.data.model import ReportData  # noqa: E402
from drafter.facts.build import build_facts  # noqa: E402

NAMES = ("hengyang-2023", "yuelu-2021", "laoting-2023", "ziyang-2021")

# The least a number checker must do: find each figure with its unit. Nothing is bound or judged.
FLOOR = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元|%|％|人次|人|个|项|次|场|家|户|件|名|辆|平方米|分)")


def timed(fn, seconds: float) -> float:
    """Median seconds per call over about `seconds` of repeated calls."""
    fn()
    runs: list[float] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(runs) < 5:
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def tenfold_facts(data: ReportData) -> ReportData:
    """The data with every list repeated 10 times, figures shifted so each copy is a distinct fact."""
    raw = data.model_dump(mode="python", by_alias=True)
    budget = raw["budget"]
    budget["projects"] = [
        {**p, "label": f"{p['label']}{k}", **{f: v + k for f, v in p.items() if isinstance(v, Decimal)}}
        for k in range(10)
        for p in budget["projects"]
    ]
    raw["activities"] = [
        {
            "title": f"{t['title']}{k}",
            "bullets": [b.replace("余", f"{k}余", 1) + f"另有{k + 7}项" for b in t["bullets"]],
        }
        for k in range(10)
        for t in raw["activities"]
    ]
    raw["indicators"] = [copy.deepcopy(i) for _ in range(10) for i in raw["indicators"]]
    raw["statements"] = [copy.deepcopy(s) for _ in range(10) for s in raw["statements"]]
    return ReportData.model_validate(raw)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=2.0, help="time spent per measurement")
    args = parser.parse_args()

    rows = []
    for name in NAMES:
        data = load_data(ROOT / "examples" / name / "data.yaml")
        text = (ROOT / "examples" / name / "report.txt").read_text(encoding="utf-8")
        grounder = make_grounder(data)
        one = timed(lambda t=text, g=grounder: check(t, g), args.seconds)
        cold = timed(lambda t=text, d=data: check(t, d), args.seconds)
        longer = timed(lambda t=text, g=grounder: check(t * 10, g), args.seconds)
        big = tenfold_facts(data)
        big_grounder = make_grounder(big)
        more = timed(lambda t=text, g=big_grounder: check(t, g), args.seconds)
        floor = timed(lambda t=text: FLOOR.findall(t), args.seconds / 4)
        rows.append(
            (name, len(text), len(build_facts(data)), len(build_facts(big)), one, cold, longer, more, floor)
        )

    print(
        f"{'report':15} {'chars':>6} {'facts':>6} {'ms/check':>9} {'reports/s':>10} {'ms cold':>8} "
        f"{'10x text':>9} {'10x facts':>10} {'floor µs':>9} {'x floor':>8}"
    )
    for name, chars, nfacts, nbig, one, cold, longer, more, floor in rows:
        print(
            f"{name:15} {chars:6} {nfacts:6} {one * 1000:9.2f} {1 / one:10.0f} {cold * 1000:8.2f} "
            f"{longer / one:8.1f}x {more / one:9.1f}x {floor * 1e6:9.1f} {one / floor:7.0f}x  ({nbig} facts)"
        )
    mean = statistics.mean(r[4] for r in rows)
    mean_cold = statistics.mean(r[5] for r in rows)
    longer = statistics.mean(r[6] / r[4] for r in rows)
    more = statistics.mean(r[7] / r[4] for r in rows)
    floor = statistics.mean(r[8] for r in rows)
    print(
        f"\nmean: {1 / mean:.0f} example reports/s with indexes built once; "
        f"{1 / mean_cold:.0f}/s building them every time; 10x text {longer:.1f}x, "
        f"10x facts {more:.1f}x (linear = 10x)"
    )
    print(
        f"floor: {floor * 1e6:.1f} µs per report for a bare regex scan of figures with units; "
        f"checking takes {mean / floor:.0f}x the floor (goal: at most 40x)"
    )


if __name__ == "__main__":
    main()
