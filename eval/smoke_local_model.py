"""Smoke test against a real model (not a test, not in CI): draft the examples, count what the model kept.

    bash /work/shared/tools/local-llm.sh setup && bash /work/shared/tools/local-llm.sh start
    python eval/smoke_local_model.py [--examples ziyang-2021,…] [--variants slots,noslots,whole] [--out DIR]
    bash /work/shared/tools/local-llm.sh stop

Drafts each example with the model at --base-url (default: the local Qwen2.5 0.5B of local-llm.sh), one
call at a time, once per variant: `slots` (small tasks, figures as slots: drafter draft's default),
`noslots` (small tasks, figures written by the model), `whole` (one call per section, as before issue 19).
Per model section it prints the outcome: kept first time / kept after a re-ask (written by the model,
status 通过: no number replaced or marked, and the prose check run again on the final text finds
nothing fatal), or not kept (fell back to the built-in writer, or flagged, or repaired), with the
prose reasons raised on any answer, its calls, seconds and tokens per second. Then per example and
in total: sections meant for the model, kept, share kept, time and tokens per second, and the audit
that must be 0: kept sections the prose check rejects when run again on their final text.

Drafts (report.md, draft.json with every raw answer) go to OUT/<variant>/<example>, summary.json to
OUT: the captured answers are where tests/fixtures/prose/ come from (eval/capture_prose_fixtures.py
OUT/<variant>/<example>/draft.json --example <example> --tag <variant>). `--from-records` prints the same
from the draft.json files already in OUT (a run stopped part-way: the sections finished so far).

A call takes tens of seconds on two CPU cores; --max-tokens caps every answer (small tasks ask for less).
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
from drafter.drafting.record import SectionDraft  # noqa: E402
from drafter.drafting.run import Drafter  # noqa: E402
from drafter.drafting.store import draft_json, save  # noqa: E402
from drafter.facts.build import build_facts  # noqa: E402
from drafter.models.config import Endpoint  # noqa: E402
from drafter.models.openai_compat import OpenAICompatible  # noqa: E402
from drafter.prose import check_prose, fatal  # noqa: E402
from drafter.writing.builtin import NAME as TEMPLATE_WRITER  # noqa: E402
from drafter.writing.outline import load_outline, plan  # noqa: E402
from drafter.writing.prompts import render_prompt  # noqa: E402
from drafter.writing.sections import context  # noqa: E402

EXAMPLES = ("hengyang-2023", "laoting-2023", "yuelu-2021", "ziyang-2021")
VARIANTS = {"slots": (True, True), "noslots": (True, False), "whole": (False, False)}  # small tasks, slots
KEPT = ("kept first time", "kept after re-ask")


class Audit:
    """The prose check run again on a section's final text, against its whole-section brief."""

    def __init__(self, example: str, fewshot_tokens: int) -> None:
        self.data = load_data(ROOT / "examples" / example / "data.yaml")
        self.facts = build_facts(self.data)
        self.planned = {s.id: s for s in plan(load_outline(), self.data)}
        self.units = [n for n in (self.data.unit.name, self.data.unit.short_name) if n]
        self.fewshot_tokens = fewshot_tokens

    def rejects(self, section_id: str, text: str) -> list[str]:
        section = self.planned[section_id]
        ctx = context(section, self.data, self.facts)
        prompt = render_prompt(ctx, level=self.data.unit.level, exclude_units=self.units,
                               fewshot_tokens=self.fewshot_tokens)  # fmt: skip
        return sorted({str(f.reason) for f in fatal(check_prose(text, brief(prompt, ctx)))})


def meant_for_model(section: dict[str, Any], audit: Audit) -> bool:
    planned = audit.planned.get(section["id"])
    return planned is not None and planned.writer == "model" and planned.writes and planned.empty is None


def outcome(section: dict[str, Any], audited: list[str]) -> str:
    attempts = section["attempts"]
    if section["writer"] in (TEMPLATE_WRITER, "") or any(
        "error" in p for a in attempts for p in a["problems"]
    ):
        return "fell back"
    if section["status"] != "ok" or audited:
        return f"not kept ({section['status']})"
    tasks = len({a.get("task", 0) for a in attempts})
    return "kept first time" if len(attempts) == tasks else "kept after re-ask"


def row(example: str, variant: str, section: dict[str, Any], audit: Audit) -> dict[str, Any]:
    attempts = section["attempts"]
    seconds = sum(a["seconds"] for a in attempts)
    completion = sum(a["usage"]["completion_tokens"] for a in attempts)
    audited = audit.rejects(section["id"], section["text"]) if section["status"] == "ok" else []
    reasons = list(dict.fromkeys(str(p["prose"]) for a in attempts for p in a["problems"] if "prose" in p))
    return {
        "example": example, "variant": variant, "section": section["id"],
        "outcome": outcome(section, audited), "status": section["status"], "calls": len(attempts),
        "prose": reasons, "audit": audited,
        "seconds": round(seconds, 3), "completion_tokens": completion,
        "tokens_per_second": round(completion / seconds, 1) if seconds else 0.0,
    }  # fmt: skip


def rows_of(
    example: str, variant: str, record: dict[str, Any], args: argparse.Namespace
) -> list[dict[str, Any]]:
    audit = Audit(example, args.fewshot_tokens)
    return [
        row(example, variant, s, audit)
        for s in record["sections"]
        if meant_for_model(s, audit) and s["status"] not in ("pending", "running")
    ]


async def draft_example(
    example: str, variant: str, endpoint: Endpoint, args: argparse.Namespace
) -> dict[str, Any]:
    """Draft one example with one variant; its record (as draft.json holds it) and wall time."""
    small_tasks, slots = VARIANTS[variant]
    path = ROOT / "examples" / example / "data.yaml"
    data = load_data(path)
    model = OpenAICompatible(endpoint, max_tokens=args.max_tokens, stream=True)
    outline = load_outline()
    drafter = Drafter(data, model=model, endpoint=endpoint, max_repairs=args.max_repairs, concurrency=1,
                      fewshot_tokens=args.fewshot_tokens, small_tasks=small_tasks, slots=slots)  # fmt: skip
    draft = drafter.new_draft(outline, plan(outline, data), str(path))
    out = args.out / variant / example

    def update(sd: SectionDraft) -> None:
        if sd.done:
            save(draft, out)
            if sd.section.writer == "model" and sd.section.writes and sd.section.empty is None:
                print(
                    f"  {variant} {example} {sd.section.id}: {sd.status} ({len(sd.attempts)} calls)",
                    flush=True,
                )

    drafter.on_update = update
    started = time.perf_counter()
    await drafter.run(draft)
    save(draft, out)
    return {"record": draft_json(draft), "seconds": time.perf_counter() - started}


def print_rows(rows: list[dict[str, Any]]) -> None:
    print(
        f"{'variant':<8} {'example':<14} {'section':<13} {'outcome':<20} {'n':>2} {'s':>6} {'tok/s':>6}  "
        "prose reasons"
    )
    for r in rows:
        flagged = "  AUDIT: " + ",".join(r["audit"]) if r["audit"] else ""
        print(
            f"{r['variant']:<8} {r['example']:<14} {r['section']:<13} {r['outcome']:<20} {r['calls']:>2} "
            f"{r['seconds']:>6} {r['tokens_per_second']:>6}  {', '.join(r['prose']) or '-'}{flagged}"
        )


def totals(rows: list[dict[str, Any]], wall: float | None = None) -> dict[str, Any]:
    n = len(rows)
    kept = [r for r in rows if r["outcome"] in KEPT]
    seconds = sum(r["seconds"] for r in rows)
    tokens = sum(r["completion_tokens"] for r in rows)
    reasons: dict[str, int] = {}
    for r in rows:
        for p in r["prose"]:
            reasons[p] = reasons.get(p, 0) + 1
    return {
        "model_sections": n,
        "kept": len(kept),
        "kept_first_time": sum(1 for r in kept if r["outcome"] == KEPT[0]),
        "kept_after_reask": sum(1 for r in kept if r["outcome"] == KEPT[1]),
        "share_kept": round(len(kept) / n, 3) if n else 0.0,
        "fell_back": sum(1 for r in rows if r["outcome"] == "fell back"),
        "model_seconds": round(seconds, 1),
        **({"wall_seconds": round(wall, 1)} if wall is not None else {}),
        "tokens_per_second": round(tokens / seconds, 1) if seconds else 0.0,
        "prose_reasons": reasons,
        "kept_sections_the_prose_check_rejects_again": sum(
            1 for r in rows if r["audit"] and r["outcome"] in KEPT
        ),
    }


def report(rows: list[dict[str, Any]], walls: dict[tuple[str, str], float]) -> dict[str, Any]:
    """Per variant: per example and in total."""
    summary: dict[str, Any] = {}
    for variant in dict.fromkeys(r["variant"] for r in rows):
        mine = [r for r in rows if r["variant"] == variant]
        examples = list(dict.fromkeys(r["example"] for r in mine))
        summary[variant] = {
            "examples": {
                e: totals([r for r in mine if r["example"] == e], walls.get((variant, e))) for e in examples
            },
            "total": totals(mine, sum(walls.get((variant, e), 0.0) for e in examples) if walls else None),
        }
    return summary


def print_summary(summary: dict[str, Any]) -> None:
    print(
        f"\n{'variant':<8} {'example':<14} {'model':>5} {'kept':>4} {'share':>6} {'1st':>3} {'re-ask':>6} "
        f"{'s':>7} {'tok/s':>6}"
    )
    for variant, parts in summary.items():
        for name, t in [*parts["examples"].items(), ("TOTAL", parts["total"])]:
            seconds = t.get("wall_seconds", t["model_seconds"])
            print(
                f"{variant:<8} {name:<14} {t['model_sections']:>5} {t['kept']:>4} {t['share_kept']:>6.0%} "
                f"{t['kept_first_time']:>3} {t['kept_after_reask']:>6} {seconds:>7} "
                f"{t['tokens_per_second']:>6}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8765/v1")
    parser.add_argument("--model", default="qwen2.5-0.5b")
    parser.add_argument("--api-key", default="local")
    parser.add_argument("--examples", default=",".join(EXAMPLES))
    parser.add_argument("--variants", default="slots", help=f"comma-separated: {', '.join(VARIANTS)}")
    parser.add_argument("--out", type=Path, default=Path("/tmp/drafter-smoke"))
    parser.add_argument("--max-tokens", type=int, default=768)
    parser.add_argument("--max-repairs", type=int, default=1)
    parser.add_argument("--fewshot-tokens", type=int, default=1500)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument(
        "--from-records", action="store_true", help="summarise OUT/*/*/draft.json, draft nothing"
    )
    args = parser.parse_args()
    names = [e.strip() for e in args.examples.split(",") if e.strip()]
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        parser.error(f"unknown variant {unknown[0]!r}; choose from {', '.join(VARIANTS)}")
    rows: list[dict[str, Any]] = []
    walls: dict[tuple[str, str], float] = {}
    if args.from_records:
        for v in variants:
            for e in names:
                path = args.out / v / e / "draft.json"
                if path.exists():
                    rows += rows_of(e, v, json.loads(path.read_text(encoding="utf-8")), args)
    else:
        endpoint = Endpoint(
            base_url=args.base_url,
            api_key=args.api_key,
            model=args.model,
            timeout=args.timeout,
            max_retries=0,
        )
        for v in variants:
            for e in names:
                print(f"drafting {e} ({v}) …", flush=True)
                done = asyncio.run(draft_example(e, v, endpoint, args))
                walls[(v, e)] = done["seconds"]
                rows += rows_of(e, v, done["record"], args)
                summary = {"sections": rows, "summary": report(rows, walls)}
                text = json.dumps(summary, ensure_ascii=False, indent=1)
                (args.out / "summary.json").write_text(text, encoding="utf-8")
    print_rows(rows)
    summary = report(rows, walls)
    print_summary(summary)
    print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
