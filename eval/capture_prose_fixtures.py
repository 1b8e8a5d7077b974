"""Turn a real model's rejected answers (draft.json attempts) into prose-check fixtures.

    python eval/capture_prose_fixtures.py OUT/draft.json --example ziyang-2021 [--to tests/fixtures/prose]

Every attempt of a model section that the prose check rejected (its problems name a `prose` reason)
is written, raw as the model gave it, to one JSON file with the reasons the check gave it then
(`expect`). Read them before committing: a fixture says "this answer must be rejected, for at least
these reasons" (or, with an empty `expect` and a `note`, "this one is report prose once tidied and
must pass"), and tests/prose/test_fixtures.py holds the check to it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fixtures(record: dict, example: str, model: str) -> list[dict]:
    out = []
    for section in record["sections"]:
        for attempt in section.get("attempts", []):
            fatal = [p["prose"] for p in attempt["problems"] if "prose" in p and p.get("fatal", True)]
            if not fatal:
                continue
            out.append(
                {
                    "example": example,
                    "section": section["id"],
                    "attempt": attempt["n"],
                    "model": model,
                    "finish_reason": attempt.get("finish_reason", ""),
                    "expect": sorted(set(fatal)),
                    "answer": attempt.get("raw") or attempt["text"],
                }
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("draft_json", type=Path)
    parser.add_argument("--example", required=True, help="the examples/ folder the draft was made from")
    parser.add_argument("--to", type=Path, default=ROOT / "tests" / "fixtures" / "prose")
    parser.add_argument("--tag", default="", help="added to the file names, to keep another run's fixtures")
    args = parser.parse_args()
    record = json.loads(args.draft_json.read_text(encoding="utf-8"))
    model = (record.get("endpoint") or {}).get("model", record.get("writer", ""))
    args.to.mkdir(parents=True, exist_ok=True)
    for fixture in fixtures(record, args.example, model):
        tag = f"-{args.tag}" if args.tag else ""
        name = f"{fixture['example']}-{fixture['section']}{tag}-{fixture['attempt']}.json"
        text = json.dumps(fixture, ensure_ascii=False, indent=1) + "\n"
        (args.to / name).write_text(text, encoding="utf-8")
        print(f"{name}: {', '.join(fixture['expect'])}")


if __name__ == "__main__":
    main()
