"""Numbers of the example reports, to flag a figure a model copied from a few-shot passage."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from drafter.data.model import ReportData
from drafter.numbers import Mention, extract


@dataclass(frozen=True)
class ExampleNumbers:
    """Quantities that appear in the example reports, to recognise a number copied from one."""

    where: Mapping[tuple[str, Decimal], tuple[str, ...]]

    @classmethod
    def from_texts(cls, texts: Mapping[str, str]) -> ExampleNumbers:
        where: dict[tuple[str, Decimal], list[str]] = defaultdict(list)
        for report, text in texts.items():
            for m in extract(text):
                if m.is_quantity and m.value is not None and report not in where[(m.dim, m.value)]:
                    where[(m.dim, m.value)].append(report)
        return cls({k: tuple(v) for k, v in where.items()})

    def find(self, m: Mention) -> tuple[str, ...]:
        if m.value is None or not m.distinctive:  # 10个 or 100% in two reports proves nothing
            return ()
        return self.where.get((m.dim, m.value), ())


@functools.cache
def report_texts() -> tuple[tuple[str, str], ...]:
    # not a hidden circle (data sits below check): fewshot loads tiktoken, so only when examples are asked for
    from drafter.data.fewshot import example_texts

    return tuple(sorted(example_texts().items()))


def example_numbers_for(data: ReportData) -> ExampleNumbers:
    """Quantities of every example report except the unit's own (its numbers are its data)."""
    names = [n for n in (data.unit.name, data.unit.short_name) if n]
    others = {rid: text for rid, text in report_texts() if not any(name in text for name in names)}
    return ExampleNumbers.from_texts(others)
