"""A demonstration eval (not a test): the built-in writer against a scripted "sloppy" model.

    python eval/demo_eval.py OUT

Starts the tests' stub OpenAI-compatible server on 127.0.0.1, scripts a model that invents a figure
in some sections and gets a percentage wrong in others (and writes the section cleanly when re-asked),
then runs `drafter eval examples/ --model builtin --model sloppy-7b --mutate` into OUT, with prices so
the cost chart has something to show. OUT/report.html is the report the README's screenshot shows.
"""

from __future__ import annotations

import hashlib
import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafter.evaluation.evaluate import EvalOptions, evaluate  # noqa: E402
from drafter.evaluation.summary import print_summary  # noqa: E402
from drafter.models.config import Endpoint  # noqa: E402
from tests.models.stub_server import run_stub_server  # noqa: E402

CLEAN = "本部门认真履行职责，各项工作有序推进，较好完成了年度目标任务。"
ANSWERS = (
    CLEAN,
    "本部门全年完成重点任务37项，较好完成了年度目标任务。",  # an invented count
    "本部门各项工作有序推进，群众满意度达到99.3%。",  # an invented rate
    CLEAN,
)


def sloppy(body: dict) -> str:
    messages = body["messages"]
    if len(messages) > 2:  # a re-ask: this model then writes the section cleanly
        return CLEAN
    digest = hashlib.sha256(json.dumps(messages, ensure_ascii=False).encode("utf-8")).digest()
    return ANSWERS[digest[0] % len(ANSWERS)]


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "eval-demo")
    from rich.console import Console

    with run_stub_server(("sloppy-7b",)) as stub:
        stub.default = sloppy
        endpoint = Endpoint(base_url=stub.base_url, api_key="none", model="sloppy-7b", max_retries=0)
        price = (Decimal("0.002"), Decimal("0.006"))
        outcome = evaluate(
            EvalOptions(
                sources=[ROOT / "examples"],
                models=["builtin", "sloppy-7b"],
                out=out,
                endpoint=endpoint,
                mutate=True,
                per_kind=10,
                prices={"sloppy-7b": price, "builtin": (Decimal(0), Decimal(0))},
            )
        )
    print_summary(Console(), outcome.payload)
    print(f"report: {outcome.html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
