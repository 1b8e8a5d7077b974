"""Scale benchmark (a benchmark, not a test): drafting and checking time against the number of figures.

    python eval/bench_scale.py [--sizes 1000,3000,10000]

For each size N it generates one data file with N figures (activity bullets with counts and amounts,
projects with budgets and spending), then times, in one process:
- load: reading and validating the data file;
- draft: `drafter draft --template-only` end to end in-process (facts, audit, every section written and
  checked), writing report.md and draft.json;
- check: `drafter check` of that report against the data (facts, audit, indexes built afresh).
Linear growth means 3k takes about 3x and 10k about 10x the time of 1k. The target: 10k under 10 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VERBS = ("开展", "举办", "组织", "走访", "培训", "慰问", "帮扶", "宣讲")
NOUNS = ("宣传活动", "专题培训", "家庭走访", "维权咨询", "志愿服务", "创业指导", "心理辅导", "法律援助")


def data_yaml(figures: int) -> str:
    """YAML for one unit with about `figures` figures: 2 per bullet, 5 per project."""
    projects = figures // 10  # 5 figures each: half the figures
    bullets = (figures - 5 * projects) // 2
    lines = [
        "unit: {name: 某市规模测试局, short_name: 规模局, level: 市, year: 2023}",
        "staff: {authorized: 40, actual: 38, retired: 6}",
        "budget:",
        "  projects:",
    ]
    for i in range(projects):
        budget = 10 + i
        lines.append(
            f"    - {{label: 第{i + 1}号专项工作经费, budget: {budget}.{i % 100:02d}, "
            f"received: {budget}.{i % 100:02d}, actual: {budget - 1}.{(i * 7) % 100:02d}, "
            f"last_year: {budget - 2}.{(i * 3) % 100:02d}, initial_budget: {budget}}}"
        )
    lines.append("activities:")
    per_theme = 25
    for t in range((bullets + per_theme - 1) // per_theme):
        lines.append(f"  - title: 第{t + 1}项重点工作")
        lines.append("    bullets:")
        for b in range(min(per_theme, bullets - t * per_theme)):
            k = t * per_theme + b
            verb, noun = VERBS[k % len(VERBS)], NOUNS[(k // len(VERBS)) % len(NOUNS)]
            lines.append(f"      - 在第{t + 1}片区{verb}{noun}{k + 3}场，服务群众{(k + 1) * 17}人次。")
    lines.append("self_evaluation: {score: 92}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000")
    args = parser.parse_args()
    import asyncio
    import hashlib

    from drafter.check import check
    from drafter.check.examples import example_numbers_for
    from drafter.data.load import load_data
    from drafter.drafting.outdir import OutputFolder
    from drafter.drafting.run import Drafter
    from drafter.facts.build import build_facts
    from drafter.io.files import read_text
    from drafter.writing.outline import load_outline, plan

    heads = ("figures", "facts", "load s", "draft s", "check s", "numbers", "verdict")
    print(" ".join(f"{h:>8}" for h in heads))
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"data-{size}.yaml"
            path.write_text(data_yaml(size), encoding="utf-8")

            start = time.perf_counter()
            data = load_data(path)
            loaded = time.perf_counter() - start

            start = time.perf_counter()
            outline = load_outline()
            drafter = Drafter(data)
            draft = drafter.new_draft(
                outline, plan(outline, data), str(path), hashlib.sha256(b"").hexdigest()
            )
            asyncio.run(drafter.run(draft))
            with OutputFolder(Path(tmp) / f"out-{size}") as folder:
                report, _ = folder.save(draft)
            drafted = time.perf_counter() - start

            start = time.perf_counter()
            text = read_text(report)
            fresh = load_data(path)
            result = check(text, fresh, examples=example_numbers_for(fresh))
            checked = time.perf_counter() - start
            numbers = sum(1 for v in result.verdicts if v.verdict != "ignored")
            verdict = "PASS" if result.ok else f"{len(result.problems)} bad"
            print(
                f"{size:>8} {len(build_facts(data)):>7} {loaded:>8.2f} {drafted:>8.2f} {checked:>8.2f} "
                f"{numbers:>8} {verdict:>8}"
            )


if __name__ == "__main__":
    main()
