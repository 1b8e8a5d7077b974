"""Benchmark of `drafter eval` scoring (a benchmark, not a test): prints figures, asserts nothing.

    python eval/bench_eval.py [--cases 1000] [--jobs 0] [--distinct 100]

Cases are example-sized: each is one of the four example reports, scored against its data exactly
as `drafter eval` does (load the eval set from a manifest, score in a process pool, aggregate). Two
shapes of eval set:

- shared data: N cases over the four example data files (the usual eval: many drafts, models and
  repeats of one data file; each worker builds a data file's Grounder once);
- distinct data: every case has its own data file (a copy), so every case pays for loading the data
  and building its facts, audit and indexes as well: measured on --distinct cases and given per case.

Growth: the shared-data time for N/8, N/4, N/2 and N cases, as cases per second; flat is linear.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafter.evaluation.cases import load_cases  # noqa: E402
from drafter.evaluation.metrics import aggregate  # noqa: E402
from drafter.evaluation.runner import score_items  # noqa: E402
from drafter.evaluation.score import score_all  # noqa: E402

NAMES = ("hengyang-2023", "laoting-2023", "yuelu-2021", "ziyang-2021")


def manifest(folder: Path, n: int, distinct: bool) -> Path:
    lines = ["cases:"]
    for i in range(n):
        name = NAMES[i % len(NAMES)]
        data = ROOT / "examples" / name / "data.yaml"
        if distinct:
            own = folder / f"case-{i}"
            own.mkdir()
            shutil.copy(data, own / "data.yaml")
            data = own / "data.yaml"
        report = ROOT / "examples" / name / "report.txt"
        lines.append(f"  - {{id: case-{i}, data: '{data}', report: '{report}'}}")
    path = folder / f"set-{n}-{int(distinct)}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run(path: Path, jobs: int) -> tuple[float, int, float]:
    """Wall seconds, cases, and CPU seconds (workers included): on a shared machine the wall time
    depends on the other load, the CPU time does not; CPU / cores is the idle machine's wall time."""
    start, cpu = time.perf_counter(), _cpu()
    items = score_items(load_cases([path]), [], False)
    results = score_all(items, jobs=jobs)
    aggregate(results, {})
    return time.perf_counter() - start, len(results), _cpu() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=0, help="processes (0: all cores)")
    parser.add_argument("--distinct", type=int, default=100, help="cases for the distinct-data figure")
    args = parser.parse_args()
    jobs = args.jobs or len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"scoring with {jobs} processes on {os.cpu_count()} cores")
        sizes = sorted({max(1, args.cases // d) for d in (8, 4, 2, 1)})
        for n in sizes:
            seconds, done, cpu = run(manifest(folder, n, False), jobs)
            print(
                f"shared data:   {done:5d} cases in {seconds:6.2f} s = {done / seconds:6.1f} cases/s; "
                f"CPU {cpu:6.2f} s = {cpu / done * 1000:5.1f} ms per case"
            )
        if args.distinct:
            seconds, done, cpu = run(manifest(folder, args.distinct, True), jobs)
            print(
                f"distinct data: {done:5d} cases in {seconds:6.2f} s = {done / seconds:6.1f} cases/s; "
                f"CPU {cpu / done * 1000:5.1f} ms per case (each loads its data and builds its indexes)"
            )
        one, done, cpu = run(manifest(folder, min(args.cases, 200), False), 1)
        print(
            f"one process:   {done:5d} cases in {one:6.2f} s = {done / one:6.1f} cases/s; "
            f"CPU {cpu / done * 1000:5.1f} ms per case"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
