"""Draft every example and development-corpus data file with the built-in writer, check each draft,
and count what a finance-bureau reviewer would send back: failed checks, blank slots, 无 for a fund
the data does not state, "未发现…问题" when the data shows one, and the outline used per province.

    python eval/draft_corpus.py [--out DIR] [-v]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.check import check  # noqa: E402
from drafter.check.examples import example_numbers_for  # noqa: E402
from drafter.data.load import load_data  # noqa: E402
from drafter.drafting.markdown import to_markdown  # noqa: E402
from drafter.drafting.run import Drafter  # noqa: E402
from drafter.facts.build import build_facts  # noqa: E402
from drafter.writing.outline import plan, select_outline, with_scoring  # noqa: E402
from drafter.writing.problems import issues  # noqa: E402

# a slot left empty: a figure word followed directly by punctuation (执行数，执行率，) or 为“”
BLANK = re.compile(r"(预算数|执行数|执行率|实际完成|指标值为|得分)[，。；、）]|“”")
NO_PROBLEM = re.compile(r"未发现[^。]{0,8}问题|暂无问题")
FUND_HEADINGS = ("政府性基金", "国有资本经营", "社会保险基金")


def cases() -> list[Path]:
    return sorted((ROOT / "examples").glob("*/data.yaml")) + sorted(
        (ROOT / "eval" / "corpus").glob("*/data.yaml")
    )


def review(path: Path) -> dict[str, object]:
    data = load_data(path)
    outline = select_outline(data, None, path)
    data = with_scoring(data, outline)
    drafter = Drafter(data)
    draft = drafter.new_draft(outline, plan(outline, data), str(path))
    asyncio.run(drafter.run(draft))
    text = to_markdown(draft)
    result = check(text, data, examples=example_numbers_for(data))  # as `drafter check` does
    blanks = BLANK.findall(text)
    unstated_none = [
        sd.section.heading
        for sd in draft.sections
        if sd.section.kind in ("gov_fund", "state_capital", "social_insurance")
        and sd.text.strip() == "无。"
        and sd.section.kind not in data.budget.none
    ]
    contradicted = bool(NO_PROBLEM.search(text)) and bool(issues(data, build_facts(data)))
    return {
        "case": path.parent.name,
        "outline": outline.name,
        "region": data.unit.region or "",
        "ok": result.ok,
        "problems": [
            (v.mention.text, v.verdict, v.reason, v.sentence[:60]) for v in result.verdicts if v.is_problem
        ],
        # doubted numbers the data itself does not explain: a writer or a checker bug, never the data
        "doubted": [
            (v.mention.text, v.verdict, v.reason, v.sentence[:60])
            for v in result.verdicts
            if v.is_problem
            and "数据自身有误" not in v.reason
            and not (v.verdict == "hedge" and "互相矛盾" in v.reason)
        ],
        "data_errors": len(result.audit_errors),
        "blanks": blanks,
        "unstated_none": unstated_none,
        "contradicted": contradicted,
        "text": text,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "drafter-corpus-drafts")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = [review(p) for p in cases()]
    for r in rows:
        (args.out / f"{r['case']}.md").write_text(str(r["text"]), encoding="utf-8")
        flags = [
            "check ok"
            if r["ok"]
            else f"check FAIL ({len(r['problems'])} numbers, {r['data_errors']} data errors)",
            f"doubted {len(r['doubted'])}",  # type: ignore[arg-type]
            f"blanks {len(r['blanks'])}",  # type: ignore[arg-type]
            f"unstated 无 {len(r['unstated_none'])}",  # type: ignore[arg-type]
            "未发现问题 contradicted" if r["contradicted"] else "",
        ]
        print(f"{r['case']:32} {r['outline']:7} {'; '.join(f for f in flags if f)}")
        if args.verbose:
            for p in r["doubted"]:  # type: ignore[attr-defined]
                print("     ", p)
    passed = sum(1 for r in rows if r["ok"])
    clean = sum(1 for r in rows if not r["doubted"])
    print(
        f"\n{passed}/{len(rows)} drafts pass drafter check; {clean}/{len(rows)} have no doubted number the"
        f" data's own errors do not explain; drafts in {args.out}"
    )
    return 0 if clean == len(rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
