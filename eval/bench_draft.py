"""Benchmark of drafting (a benchmark, not a test): prints figures, asserts nothing.

    python eval/bench_draft.py [--latency 0.5] [--example hengyang-2023]

- concurrency: every model-written section drafted by a fake model that takes a fixed time per call,
  all at once vs one at a time. Concurrent drafting should take about the time of one call.
- overhead: the same with a zero-latency model, per section: prompt rendering, few-shot selection
  (token counting included), checking, bookkeeping — everything drafter adds around a model call.
The fake model answers with the section's template-writer text, so answers are realistic in length
and pass the checker (no re-asks).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafter.data.load import load_data  # noqa: E402
from drafter.drafting.run import Drafter  # noqa: E402
from drafter.models.fake import FakeModel  # noqa: E402
from drafter.writing.outline import load_outline, plan  # noqa: E402
from drafter.writing.prompts import render_writer  # noqa: E402


def realistic(request) -> str:
    return render_writer(dict(request.context))


async def run(example: str, latency: float, concurrency: int) -> tuple[float, int, list[float]]:
    data = load_data(ROOT / "examples" / example / "data.yaml")
    model = FakeModel(latency=latency, default=realistic)
    outline = load_outline()
    sections = plan(outline, data)
    drafter = Drafter(data, model=model, concurrency=concurrency)
    draft = drafter.new_draft(outline, sections, example)
    start = time.perf_counter()
    await drafter.run(draft)
    elapsed = time.perf_counter() - start
    modelled = [s for s in draft.sections if s.writer == model.name]
    assert all(s.status == "ok" for s in modelled), [(s.section.id, s.status, s.flags) for s in modelled]
    return elapsed, len(modelled), [a.seconds for s in modelled for a in s.attempts]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--latency", type=float, default=0.5, help="fake model seconds per call")
    parser.add_argument("--example", default="ziyang-2021", help="an example whose data is consistent")
    args = parser.parse_args()

    asyncio.run(run(args.example, 0.0, 8))  # warm: corpus, encoding, templates
    sequential, n, _ = asyncio.run(run(args.example, args.latency, 1))
    concurrent, _, _ = asyncio.run(run(args.example, args.latency, 64))
    print(f"{args.example}: {n} model-written sections, fake model latency {args.latency:.2f} s per call")
    print(
        f"  one at a time: {sequential:.2f} s   all at once: {concurrent:.2f} s   "
        f"(one call: {args.latency:.2f} s; concurrent/one call = {concurrent / args.latency:.2f})"
    )

    overheads = []
    for _ in range(5):
        elapsed, n, _ = asyncio.run(run(args.example, 0.0, 1))
        overheads.append(elapsed / n)
    print(
        f"  tool overhead per section (render + few-shot + check + bookkeeping, zero-latency model): "
        f"median {statistics.median(overheads) * 1000:.1f} ms, max {max(overheads) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
