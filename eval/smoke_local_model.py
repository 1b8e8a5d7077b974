"""Smoke test against a real model (not a test, not in CI): draft the examples, count what the model kept.

    bash /work/shared/tools/local-llm.sh setup && bash /work/shared/tools/local-llm.sh start
    python eval/smoke_local_model.py [--examples ziyang-2021,…] [--out /tmp/drafter-smoke]
    bash /work/shared/tools/local-llm.sh stop

Drafts each example with the model at --base-url (default: the local Qwen2.5 0.5B of local-llm.sh),
one section at a time, and prints per model section: first-attempt clean (the first answer passed
the prose and the number check), repaired (the model's text kept after a re-ask, or with numbers
fixed or marked), fell back (the built-in writer's text), and the prose reasons raised on any of its
answers. Then the totals: the share of model sections the model wrote in the end, and the audit that
must be 0: sections marked 通过 (ok) whose final text still contains prompt text, a repeated block or
the re-ask's list, judged again by the prose check. Drafts (report.md, draft.json with every raw
answer) and summary.json go to --out: the captured answers are where tests/fixtures/prose/ came from
(eval/capture_prose_fixtures.py). `--from-records` prints the same from the draft.json files already
in --out (a run stopped part-way: the sections finished so far).

A section can take minutes on two CPU cores; --max-tokens caps a runaway answer (it is then cut off,
which the prose check rejects as truncated).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafter.data.load import load_data  # noqa: E402
from drafter.drafting.brief import brief  # noqa: E402
from drafter.drafting.record import Draft, SectionDraft  # noqa: E402
from drafter.drafting.run import Drafter  # noqa: E402
from drafter.drafting.store import save  # noqa: E402
from drafter.models.config import Endpoint  # noqa: E402
from drafter.models.openai_compat import OpenAICompatible  # noqa: E402
from drafter.prose import check_prose  # noqa: E402
from drafter.writing.builtin import NAME as TEMPLATE_WRITER  # noqa: E402
from drafter.writing.outline import load_outline, plan  # noqa: E402
from drafter.writing.sections import context  # noqa: E402

EXAMPLES = ("hengyang-2023", "laoting-2023", "yuelu-2021", "ziyang-2021")
AUDITED = ("echo_prompt", "echo_reask", "repetition")  # what a 通过 section must never contain


def outcome(sd: SectionDraft) -> str:
    if sd.writer == TEMPLATE_WRITER:
        return "fell back"
    return "first-attempt clean" if len(sd.attempts) == 1 and sd.status == "ok" else "repaired"


def prose_reasons(sd: SectionDraft) -> list[str]:
    seen: list[str] = []
    for a in sd.attempts:
        for p in a.problems:
            if "prose" in p and p["prose"] not in seen:
                seen.append(p["prose"])
    return seen


def audit(sd: SectionDraft, drafter: Drafter) -> list[str]:
    """Prompt text, repeated blocks or re-ask lists left in a section shipped as 通过."""
    if sd.status != "ok" or sd.prompt is None:
        return []
    ctx = context(sd.section, drafter.data, drafter.facts)
    found = check_prose(sd.text, brief(sd.prompt, ctx))
    return [f.reason for f in found if f.reason in AUDITED]


def summarise(example: str, draft: Draft, drafter: Drafter) -> list[dict[str, Any]]:
    rows = []
    for sd in draft.sections:
        if sd.section.writer != "model" or not sd.section.writes or sd.section.empty is not None:
            continue
        rows.append(
            {
                "example": example,
                "section": sd.section.id,
                "outcome": outcome(sd),
                "status": sd.status,
                "attempts": len(sd.attempts),
                "prose": prose_reasons(sd),
                "audit": audit(sd, drafter),
                "seconds": round(sum(a.seconds for a in sd.attempts), 1),
            }
        )
    return rows


async def draft_example(example: str, endpoint: Endpoint, args: argparse.Namespace) -> list[dict[str, Any]]:
    data = load_data(ROOT / "examples" / example / "data.yaml")
    model = OpenAICompatible(endpoint, max_tokens=args.max_tokens)
    outline = load_outline()
    drafter = Drafter(data, model=model, endpoint=endpoint, max_repairs=args.max_repairs, concurrency=1,
                      fewshot_tokens=args.fewshot_tokens)  # fmt: skip
    draft = drafter.new_draft(outline, plan(outline, data), str(ROOT / "examples" / example / "data.yaml"))
    out = args.out / example

    def update(sd: SectionDraft) -> None:
        if sd.done:
            save(draft, out)
            if sd.section.writer == "model" and sd.section.writes and sd.section.empty is None:
                print(f"  {example} {sd.section.id}: {sd.status} ({outcome(sd)})", flush=True)

    drafter.on_update = update
    await drafter.run(draft)
    save(draft, out)
    return summarise(example, draft, drafter)


def from_record(example: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    """The same rows from a draft.json already written (a run stopped part-way, or an earlier one)."""
    from drafter.facts.build import build_facts
    from drafter.writing.prompts import render_prompt

    record = json.loads((args.out / example / "draft.json").read_text(encoding="utf-8"))
    data = load_data(ROOT / "examples" / example / "data.yaml")
    facts = build_facts(data)
    planned = {s.id: s for s in plan(load_outline(), data)}
    units = [n for n in (data.unit.name, data.unit.short_name) if n]
    rows = []
    for s in record["sections"]:
        section = planned.get(s["id"])
        if section is None or section.writer != "model" or not section.writes or section.empty is not None:
            continue
        if s["status"] in ("pending", "running"):
            continue
        reasons = list(
            dict.fromkeys(p["prose"] for a in s["attempts"] for p in a["problems"] if "prose" in p)
        )
        model_kept = s["writer"] != TEMPLATE_WRITER
        audited: list[str] = []
        if s["status"] == "ok":
            ctx = context(section, data, facts)
            prompt = render_prompt(ctx, level=data.unit.level, exclude_units=units,
                                   fewshot_tokens=args.fewshot_tokens)  # fmt: skip
            audited = [f.reason for f in check_prose(s["text"], brief(prompt, ctx)) if f.reason in AUDITED]
        rows.append(
            {
                "example": example,
                "section": s["id"],
                "outcome": "fell back"
                if not model_kept
                else (
                    "first-attempt clean" if len(s["attempts"]) == 1 and s["status"] == "ok" else "repaired"
                ),
                "status": s["status"],
                "attempts": len(s["attempts"]),
                "prose": reasons,
                "audit": audited,
                "seconds": round(sum(a["seconds"] for a in s["attempts"]), 1),
            }
        )
    return rows


def print_table(rows: list[dict[str, Any]]) -> None:
    print(f"{'example':<15} {'section':<13} {'outcome':<20} {'status':<9} {'n':>2} {'s':>6}  prose reasons")
    for r in rows:
        flagged = "  AUDIT: " + ",".join(r["audit"]) if r["audit"] else ""
        print(
            f"{r['example']:<15} {r['section']:<13} {r['outcome']:<20} {r['status']:<9} {r['attempts']:>2} "
            f"{r['seconds']:>6}  {', '.join(r['prose']) or '-'}{flagged}"
        )


def totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    kinds = ("first-attempt clean", "repaired", "fell back")
    count = {k: sum(1 for r in rows if r["outcome"] == k) for k in kinds}
    kept = count["first-attempt clean"] + count["repaired"]
    reasons: dict[str, int] = {}
    for r in rows:
        for p in r["prose"]:
            reasons[p] = reasons.get(p, 0) + 1
    return {
        "model_sections": n,
        **count,
        "kept_by_model": kept,
        "share_kept_by_model": round(kept / n, 3) if n else 0.0,
        "sections_with_prose_findings": sum(1 for r in rows if r["prose"]),
        "prose_reasons": reasons,
        "passed_sections_with_prompt_text_repeats_or_reask_list": sum(1 for r in rows if r["audit"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8765/v1")
    parser.add_argument("--model", default="qwen2.5-0.5b")
    parser.add_argument("--api-key", default="local")
    parser.add_argument("--examples", default=",".join(EXAMPLES))
    parser.add_argument("--out", type=Path, default=Path("/tmp/drafter-smoke"))
    parser.add_argument("--max-tokens", type=int, default=512)
    parser.add_argument("--max-repairs", type=int, default=1)
    parser.add_argument("--fewshot-tokens", type=int, default=1500)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument(
        "--from-records", action="store_true", help="summarise OUT/*/draft.json, draft nothing"
    )
    args = parser.parse_args()
    names = [e.strip() for e in args.examples.split(",") if e.strip()]
    if args.from_records:
        rows = [r for e in names if (args.out / e / "draft.json").exists() for r in from_record(e, args)]
        print_table(rows)
        print(json.dumps(totals(rows), ensure_ascii=False, indent=1))
        return
    endpoint = Endpoint(base_url=args.base_url, api_key=args.api_key, model=args.model, timeout=args.timeout,
                        max_retries=0)  # fmt: skip
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    for example in names:
        print(f"drafting {example} …", flush=True)
        rows += asyncio.run(draft_example(example, endpoint, args))
        summary = {"sections": rows, "totals": totals(rows)}
        text = json.dumps(summary, ensure_ascii=False, indent=1)
        (args.out / "summary.json").write_text(text, encoding="utf-8")
    print_table(rows)
    print(json.dumps(totals(rows), ensure_ascii=False, indent=1))
    print(f"{time.perf_counter() - started:.0f} s; drafts and summary.json in {args.out}")


if __name__ == "__main__":
    main()
