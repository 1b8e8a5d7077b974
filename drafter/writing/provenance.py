"""Writer provenance: text that knows which fact each of its figures states.

The built-in writer never computes a figure: every number it writes comes from the fact base, through
a `Traced` string that records (start, end, fact id) for it. Rendering keeps those records (the writer's
Jinja environment wraps traced values in private-use markers and strips them afterwards), so the writer
returns its text together with the fact behind every number. A checker that binds one of those numbers
to another fact has a binding bug: the writer's record is the ground truth it is tested against.

`Traced` is a `str`: prompts, comparisons and joins see only the text; the spans ride along unseen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from drafter.facts.factbase import FactBase

_OPEN, _MID, _CLOSE = "\ue000", "\ue001", "\ue002"
_MARKED = re.compile(f"{_OPEN}([^{_MID}]*){_MID}([^{_CLOSE}]*){_CLOSE}")


@dataclass(frozen=True, slots=True)
class Span:
    """Characters [start, end) of a text state the fact `fact_id`."""

    start: int
    end: int
    fact_id: str

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "fact": self.fact_id}


class Traced(str):
    """A string for the reader with the fact behind each of its figures."""

    spans: tuple[Span, ...]

    def __new__(cls, text: str, spans: Iterable[Span] = ()) -> Traced:
        obj = super().__new__(cls, text)
        obj.spans = tuple(spans)
        return obj


def figure(text: str, fact_id: str | None) -> Traced | str:
    """One figure as written (534.51万元, 83.61%, 5) stating one fact; '' stays ''."""
    if not text or fact_id is None:
        return text
    return Traced(text, (Span(0, len(text), fact_id),))


def passage(text: str, source: str, facts: FactBase) -> Traced:
    """Free text of the data (a bullet, an award) written verbatim or with its end trimmed.

    Its numbers are the text facts the fact base read from the field `source`, at the same offsets;
    a number cut off by the trim is simply not recorded.
    """
    spans = [
        Span(f.mention.start, f.mention.end, f.id)
        for f in facts
        if f.origin == "text" and f.source == source and f.mention is not None and f.mention.end <= len(text)
    ]
    return Traced(text, spans)


def spans_of(value: object) -> tuple[Span, ...]:
    return value.spans if isinstance(value, Traced) else ()


def cat(*parts: object) -> Traced:
    """Concatenate text parts, keeping the spans of traced ones (shifted to their place)."""
    out: list[str] = []
    spans: list[Span] = []
    at = 0
    for part in parts:
        s = "" if part is None else str(part)
        spans += [Span(sp.start + at, sp.end + at, sp.fact_id) for sp in spans_of(part)]
        out.append(s)
        at += len(s)
    return Traced("".join(out), spans)


def join(sep: str, parts: Iterable[object]) -> Traced:
    items: list[object] = []
    for i, part in enumerate(parts):
        if i:
            items.append(sep)
        items.append(part)
    return cat(*items)


def rstrip(text: str, chars: str) -> Traced | str:
    """str.rstrip that keeps the spans still inside the text."""
    trimmed = str.rstrip(text, chars)
    if not isinstance(text, Traced):
        return trimmed
    return Traced(trimmed, [s for s in text.spans if s.end <= len(trimmed)])


# ----------------------------------------------------------------------------------- rendering


def encode(value: Any) -> Any:
    """Jinja `finalize`: a traced value is output with its spans as private-use markers."""
    if not isinstance(value, Traced) or not value.spans:
        return value
    out, at = [], 0
    for s in sorted(value.spans, key=lambda s: s.start):
        if s.start < at:  # overlapping records cannot be encoded: keep the first
            continue
        out += [value[at : s.start], _OPEN, s.fact_id, _MID, value[s.start : s.end], _CLOSE]
        at = s.end
    out.append(value[at:])
    return "".join(out)


def join_filter(value: Iterable[object], d: str = "") -> str:
    """The writer's `join`: each traced item keeps its markers."""
    return d.join(str(encode(v)) for v in value)


def decode(marked: str) -> Traced:
    """Rendered text with markers -> the clean text and its spans."""
    out: list[str] = []
    spans: list[Span] = []
    at, length = 0, 0
    for m in _MARKED.finditer(marked):
        before = marked[at : m.start()]
        out.append(before)
        length += len(before)
        figure_text = m.group(2)
        spans.append(Span(length, length + len(figure_text), m.group(1)))
        out.append(figure_text)
        length += len(figure_text)
        at = m.end()
    out.append(marked[at:])
    text = "".join(out)
    if any(c in text for c in (_OPEN, _MID, _CLOSE)):
        raise ValueError("unbalanced provenance markers in the writer's output")
    return Traced(text, spans)


def given_facts(ctx: Mapping[str, Any]) -> set[str]:
    """Every fact id a section's context carries: the values the section was given."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, Traced):
            found.update(s.fact_id for s in value.spans)
        elif isinstance(value, Mapping):
            if isinstance(value.get("id"), str) and "value" in value:  # an entry of ctx["facts"]
                found.add(value["id"])
            for v in value.values():
                walk(v)
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v)

    walk(ctx)
    return found
