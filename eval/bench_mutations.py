"""The mutation suite on the example reports and the development set (a benchmark: it prints, asserts
nothing).

    python eval/bench_mutations.py [--examples] [--dev] [--roots corpus,round3] [--case SUBSTR]
                                   [--missed N] [--full | --sampled] [--sample N]

Per kind of planted mistake: mutants, caught, rate; per legal rewrite (control): rewrites, false
alarms. The bar (issue 6): at least 99% caught on every kind, no false alarm on any control. Each set
is measured twice: in full (every mutant: minutes) and on the fixed sample that
tests/check/test_mutation_thresholds.py holds to the bar (suite.sampled_tally: seconds).
The development set is every root of suite.DEV_ROOTS (eval/corpus).
`--missed N` lists up to N missed mutants and false alarms per kind, with their case; `--case SUBSTR`
keeps only the reports whose id contains SUBSTR (to inspect one report's misses in seconds).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafter.evaluation.suite import (  # noqa: E402
    DEV_ROOTS,
    SAMPLE,
    Case,
    Tally,
    corpus_cases,
    example_cases,
    sampled_tally,
    tally,
)

BAR = 0.99


def table(title: str, t: Tally, missed: int) -> None:
    print(f"\n== {title}")
    print(f"{'kind':<16}{'mutants':>9}{'caught':>9}{'rate':>9}")
    for kind, (total, hits) in t.kinds.items():
        rate = f"{t.rate(kind):.1%}" if total else "—"
        flag = "" if not total or t.rate(kind) >= BAR else "  < 99%"
        print(f"{kind:<16}{total:>9}{hits:>9}{rate:>9}{flag}")
        for case, m in t.missed[kind][:missed]:
            print(f"    missed [{case}] {m.description}")
    print(f"{'control':<16}{'rewrites':>9}{'alarms':>9}")
    for kind, (total, alarms) in t.controls.items():
        print(f"{kind:<16}{total:>9}{alarms:>9}{'  false alarms' if alarms else ''}")
        for case, r in t.alarms[kind][:missed]:
            print(f"    alarm [{case}] {r.description}")


def measure(name: str, cases: list[Case], args: argparse.Namespace) -> None:
    if not cases:
        print(f"\n== {name}: no cases")
        return
    if not args.sampled:
        start = time.perf_counter()
        full = tally(iter(cases))
        table(
            f"{name}, every mutant ({len(cases)} reports, {time.perf_counter() - start:.1f} s)",
            full,
            args.missed,
        )
    if not args.full:
        start = time.perf_counter()
        sampled = sampled_tally(cases, args.sample)
        took = time.perf_counter() - start
        table(
            f"{name}, sample of {args.sample} per kind ({len(cases)} reports, {took:.1f} s)",
            sampled,
            args.missed,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", action="store_true", help="only the example reports")
    parser.add_argument("--dev", "--corpus", action="store_true", help="only the development set")
    parser.add_argument(
        "--roots", default=",".join(DEV_ROOTS), help="the development set's roots under eval/"
    )
    parser.add_argument("--case", default="", help="only reports whose id contains this")
    parser.add_argument("--missed", type=int, default=0, help="list up to N misses per kind")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--full", action="store_true", help="every mutant only (no sample)")
    only.add_argument("--sampled", action="store_true", help="the CI test's sample only (fast)")
    parser.add_argument("--sample", type=int, default=SAMPLE, help="mutants per kind in the sample")
    args = parser.parse_args()
    both = not (args.examples or args.dev)
    start = time.perf_counter()
    if args.examples or both:
        measure("examples", [c for c in example_cases() if args.case in c.id], args)
    if args.dev or both:
        roots = tuple(r for r in args.roots.split(",") if r)
        measure(f"dev set ({'+'.join(roots)})", [c for c in corpus_cases(roots) if args.case in c.id], args)
    print(f"\n{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
