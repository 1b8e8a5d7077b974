"""The mutation suite on the example reports and the corpus (a benchmark: it prints, asserts nothing).

    python eval/bench_mutations.py [--examples] [--corpus] [--case SUBSTR] [--missed N]

Per kind of planted mistake: mutants, caught, rate; per legal rewrite (control): rewrites, false
alarms. The bar (issue 6): at least 99% caught on every kind, no false alarm on any control.
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

from drafter.evaluation.suite import Tally, corpus_cases, example_cases, tally  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", action="store_true", help="only the example reports")
    parser.add_argument("--corpus", action="store_true", help="only the corpus (eval/corpus)")
    parser.add_argument("--case", default="", help="only reports whose id contains this")
    parser.add_argument("--missed", type=int, default=0, help="list up to N misses per kind")
    args = parser.parse_args()
    both = not (args.examples or args.corpus)
    start = time.perf_counter()
    if args.examples or both:
        examples = [c for c in example_cases() if args.case in c.id]
        table(f"examples ({len(examples)} reports)", tally(iter(examples)), args.missed)
    if args.corpus or both:
        cases = [c for c in corpus_cases() if args.case in c.id]
        if cases:
            table(f"corpus ({len(cases)} reports)", tally(iter(cases)), args.missed)
        else:
            print("\n== corpus: eval/corpus has no cases")
    print(f"\n{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
