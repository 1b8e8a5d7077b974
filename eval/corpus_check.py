"""The checker on a corpus of reports: false alarms and real mistakes caught, per report and in total.

    python eval/corpus_check.py [ROOT ...] [--json] [--details]

ROOT defaults to eval/corpus; each case folder holds report.txt, data.yaml and case.yaml (the real
mistakes; see drafter.evaluation.corpus). `examples` is accepted too: its mistakes are the ones
tests/check/test_examples.py asserts. Prints per report: numbers checked, problems, false alarms,
mistakes caught / listed; then the mean false alarms per report, the share of reports with none, and
recall. --details lists every false alarm and every missed mistake.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafter.evaluation.corpus import case_folders, score_folder, totals  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("roots", nargs="*", type=Path, default=[ROOT / "eval" / "corpus"])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--details", action="store_true", help="list each false alarm and missed mistake")
    args = parser.parse_args(argv)

    folders: list[Path] = []
    for root in args.roots:
        if not root.is_dir():
            print(f"error: {root} is not a folder of cases", file=sys.stderr)
            return 2
        folders.extend(case_folders(root) if not (root / "report.txt").is_file() else [root])
    if not folders:
        print(f"error: no case folders (report.txt + data.yaml) under {', '.join(map(str, args.roots))}")
        return 2
    scores = [score_folder(folder) for folder in folders]
    summary = totals(scores)
    if args.json:
        print(json.dumps({"cases": [s.to_dict() for s in scores], "totals": summary}, ensure_ascii=False))
        return 0
    width = max(len(s.case) for s in scores)
    print(f"{'report':{width}} {'checked':>7} {'problems':>8} {'false':>5} {'caught':>7} {'unread':>6}")
    for s in scores:
        print(
            f"{s.case:{width}} {s.checked:7} {s.problems:8} {len(s.false_alarms):5} "
            f"{len(s.caught):>3}/{s.listed:<3} {s.unreadable:6}"
        )
        if args.details:
            for alarm in s.false_alarms:
                print(f"    FA  {alarm}")
            for m in s.missed:
                print(f"    MISSED line {m.line}: {m.text} ({m.kind}, expected {m.expected})")
    print(
        f"\n{summary['reports']} reports, {summary['checked']} numbers: "
        f"{summary['mean_false_alarms']:.2f} false alarms per report, "
        f"{summary['share_without_false_alarms']:.0%} with none; "
        f"caught {summary['caught']} of {summary['listed']} mistakes (recall {summary['recall']:.0%}); "
        f"{summary['unreadable']} cells unreadable"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
