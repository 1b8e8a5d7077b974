"""Numbers of the example reports, to flag a figure a model copied from a few-shot passage."""

from __future__ import annotations

import functools

from drafter.check.ground import ExampleNumbers
from drafter.data.model import ReportData


@functools.cache
def _texts() -> tuple[tuple[str, str], ...]:
    from drafter.fewshot import example_texts

    return tuple(sorted(example_texts().items()))


def example_numbers_for(data: ReportData) -> ExampleNumbers:
    """Quantities of every example report except the unit's own (its numbers are its data)."""
    names = [n for n in (data.unit.name, data.unit.short_name) if n]
    others = {rid: text for rid, text in _texts() if not any(name in text for name in names)}
    return ExampleNumbers.from_texts(others)
