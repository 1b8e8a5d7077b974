"""Figures and data text as a section context holds them: formatted for the reader, traced to facts.

Every context builder (drafter.writing.sections, .overview, .problems) writes money as 534.51万元,
rates as 83.61%, a money line as its budget/actual/rate figures, and the data's own sentences
trimmed, each a `Traced` string naming the fact it states. They live here, below the builders, so
the builders share them without importing one another.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from drafter.data.model import Money, ReportData
from drafter.facts.build import Fact, FactBase, source_texts
from drafter.writing.narrative import clause_label
from drafter.writing.outline import Section
from drafter.writing.provenance import Span, Traced, cat, figure, passage, rstrip

WAN = Decimal(10_000)

# fills a section's context with what its kind is written from (the registry: drafter.writing.sections)
ContextBuilder = Callable[[Section, ReportData, FactBase, dict[str, Any]], None]


def money(value: Decimal | None, unit: str = "万元") -> str:
    """534.51 -> 534.51万元 (two decimals, 四舍五入)."""
    if value is None:
        return ""
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}{unit}"


def pct(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


def plain(value: Decimal) -> str:
    """A score as a table prints it: 50, 49.2 (no trailing zeros)."""
    text = format(value.normalize(), "f")
    return text


def in_unit(base: Decimal, unit: str) -> str:
    """A money fact's value (stored in 元) written in the data's own unit: 万元 or 元, never another."""
    return money(base / WAN if unit == "万元" else base, unit)


def money_line(
    line: Money | None, label: str, path: str, rate_of: str = "adjusted", unit: str = "万元"
) -> dict[str, Any] | None:
    """A money line's figures for the reader, each traced to its fact (`path` is the line's fact path).

    `rate_of` is the outline's 执行率 rule: of the adjusted budget (调整后预算) or of the initial one.
    `unit` is the unit the data gives its money in (budget.unit): 元 data is written in 元, as given.
    """
    if line is None:
        return None
    initial = rate_of == "initial" and line.initial_budget and line.budget not in (None, line.initial_budget)
    use_budget = line.budget is not None and not initial
    budget = line.budget if use_budget else line.initial_budget
    budget_id = f"{path}.budget" if use_budget else f"{path}.initial_budget"
    rate = line.actual / budget * 100 if line.actual is not None and budget else None
    rate_id = f"{path}.rate_initial~" if initial else f"{path}.rate~"
    yoy = (
        (line.actual - line.last_year) / line.last_year * 100
        if line.actual is not None and line.last_year
        else None
    )
    return {
        "label": line.label or label,
        "budget": figure(money(budget, unit), budget_id),
        "actual": figure(money(line.actual, unit), f"{path}.actual"),
        "received": figure(money(line.received, unit), f"{path}.received"),
        "last_year": figure(money(line.last_year, unit), f"{path}.last_year"),
        "rate": figure(pct(rate), rate_id),
        "initial_budget": figure(money(line.initial_budget, unit), f"{path}.initial_budget")
        if line.initial_budget is not None and line.budget is not None
        else "",
        "yoy": figure(pct(abs(yoy)), f"{path}.yoy~") if yoy is not None else "",
        "yoy_up": yoy is not None and yoy >= 0,
        "yoy_diff": figure(money(abs(line.actual - line.last_year), unit), f"{path}.yoy_diff~")
        if yoy is not None and line.actual is not None
        else "",
    }


def share(part: Decimal | None, whole: Decimal | None, fact_id: str) -> Traced | str:
    if part is None or not whole:
        return ""
    return figure(pct(part / whole * 100), fact_id)


def count(value: int | None, fact_id: str) -> Traced | str | None:
    return None if value is None else figure(str(value), fact_id)


def facts_for(
    facts: FactBase, prefixes: tuple[str, ...], sources: tuple[str, ...] = ()
) -> list[dict[str, str]]:
    """The section's facts as a compact list for prompts: label, value as written, id."""
    out = []
    texts: dict[str, str] | None = None
    for f in facts:
        by_subject = f.origin != "text" and f.subject.startswith(prefixes)
        by_source = f.origin == "text" and f.source.startswith(sources) if sources else False
        if by_subject or by_source:
            label = f.label
            if f.origin == "text" and f.mention is not None:
                texts = texts if texts is not None else dict(source_texts(facts.data))
                text = texts.get(f.source)
                if text is not None:  # the number's whole clause, not a window cut mid-word
                    label = clause_label(text, f.mention.start, f.mention.end)
            out.append({"id": f.id, "label": label, "value": shown(f)})
    return out


def shown(f: Fact) -> str:
    """A fact's value as a prompt lists it: as the data wrote it, else formatted like the writer."""
    if f.mention is not None:
        return f.mention.text.strip()
    if f.dim == "money":
        return in_unit(f.value, f.unit if f.unit in ("万元", "元") else "万元")
    if f.dim == "percent":
        return pct(f.value)
    return f.shown()


def said(note: str) -> bool:
    """False for a note that says nothing (empty, 无)."""
    return note.strip() not in ("", "无", "无。")


def stripped(text: str, source: str, facts: FactBase) -> Traced:
    """The data's text without surrounding whitespace, its numbers still traced to their facts."""
    traced = passage(text, source, facts)
    lead = len(text) - len(text.lstrip())
    core = text.strip()
    return Traced(
        core,
        [
            Span(s.start - lead, s.end - lead, s.fact_id)
            for s in traced.spans
            if s.start >= lead and s.end - lead <= len(core)
        ],
    )


def trimmed(text: str, source: str, facts: FactBase, chars: str) -> Traced | str:
    return rstrip(passage(text, source, facts), chars)


def sentence(text: str, source: str, facts: FactBase) -> Traced:
    core = stripped(text, source, facts)
    return core if core.endswith(("。", "！", "？", "；")) else cat(core, "。")
