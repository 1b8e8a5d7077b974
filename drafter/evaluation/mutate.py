"""Perturbations of a report that its checker must catch: the mistakes users fear, made on purpose.

Each `Mutant` is a report text with one kind of mistake and the spans where it was made; a checker
catches it when every one of those spans carries a problem verdict (not merely some problem elsewhere).
Kinds, taken from a correct report's own verified numbers:

- digit: one digit changed;                 - decimal: the decimal point moved one place;
- wan_yuan: 万元 written as 元;               - swap: two labelled numbers exchanged;
- hedge: a hedge inverted (余 <-> 近);        - percent: a percentage computed wrongly (×10, ÷10,
- invented: a number the data does not have;   100−p, the ratio upside down);
- copied: a number from another example report; - year: a year changed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from drafter.check.ground import Grounder, check
from drafter.check.result import CheckResult, Verdict
from drafter.numbers import Mention, extract

KINDS = ("digit", "decimal", "wan_yuan", "swap", "hedge", "percent", "invented", "copied", "year")


@dataclass(frozen=True)
class Mutant:
    kind: str
    text: str
    spans: tuple[tuple[int, int], ...]  # where the mistake stands in `text`
    description: str


def caught(result: CheckResult, mutant: Mutant) -> bool:
    """Every mutated span overlaps a number the checker flagged."""
    flagged = [(v.mention.start, v.mention.end) for v in result.problems]
    return all(any(s < fe and fs < e for fs, fe in flagged) for s, e in mutant.spans)


def _replace(text: str, start: int, end: int, new: str) -> tuple[str, tuple[int, int]]:
    return text[:start] + new + text[end:], (start, start + len(new))


def _digits(v: Verdict, text: str) -> str:
    return text[v.mention.num_start : v.mention.num_end]


def verified_numbers(result: CheckResult) -> list[Verdict]:
    """Quantities the checker proved against the data, written in Arabic digits."""
    return [
        v
        for v in result.verdicts
        if v.verdict == "ok"
        and v.mention.is_quantity
        and not v.mention.chinese
        and re.fullmatch(
            r"\d+(?:\.\d+)?",
            v.mention.text[v.mention.num_start - v.mention.start : v.mention.num_end - v.mention.start],
        )
    ]


def rounds_to(a: Mention, b: Mention) -> bool:
    """Is b's figure a rounding of a's (so writing b where a stood is not an error)?"""
    if a.value is None or b.value is None:
        return False
    step = b.step
    return (a.value / step).quantize(Decimal(1), rounding="ROUND_HALF_UP") * step == b.value


def fmt(value: Decimal, decimals: int) -> str:
    return (
        f"{value.quantize(Decimal(1).scaleb(-decimals)):f}" if decimals else f"{value.to_integral_value():f}"
    )


def mutants(text: str, grounder: Grounder, examples: Mapping[str, str] | None = None) -> Iterator[Mutant]:
    """All mutants of `text` (a report its data verifies) for every kind.

    Per verified number, each of NUMBER_KINDS in turn (so the mutants of one number stand together);
    then each of REPORT_KINDS over the whole report.
    """
    source = _source(text, grounder, examples)
    for v in source.verified:
        for generate in NUMBER_KINDS.values():
            yield from generate(source, v)
    for generate_all in REPORT_KINDS.values():
        yield from generate_all(source)


@dataclass(frozen=True)
class Source:
    """What every generator reads: the report, its data, the checker's verdicts on it, and the pool of
    other example reports (for `copied`)."""

    text: str
    grounder: Grounder
    base: CheckResult
    verified: list[Verdict]
    data_values: set[Decimal]
    examples: Mapping[str, str] | None


def _source(text: str, grounder: Grounder, examples: Mapping[str, str] | None) -> Source:
    base = check(text, grounder)
    return Source(text, grounder, base, verified_numbers(base), {f.value for f in grounder.facts}, examples)


# ---------------------------------------------------------------- one verified number at a time


def _digit(src: Source, v: Verdict) -> Iterator[Mutant]:
    """digit: change the last digit and the first."""
    text = src.text
    digits = _digits(v, text)
    s, e = v.mention.num_start, v.mention.num_end
    for pos in sorted({len(digits) - 1, 0}):
        if not digits[pos].isdigit():
            continue
        new_digit = str((int(digits[pos]) + (2 if pos == 0 and digits[pos] == "9" else 1)) % 10)
        changed = digits[:pos] + new_digit + digits[pos + 1 :]
        if re.match(r"0\d", changed):
            continue
        t, span = _replace(text, s, e, changed)
        yield Mutant("digit", t, (span,), f"{digits} -> {changed}")


def _decimal(src: Source, v: Verdict) -> Iterator[Mutant]:
    """decimal: the decimal point moved one place either way."""
    text = src.text
    digits = _digits(v, text)
    s, e = v.mention.num_start, v.mention.num_end
    whole, _, frac = digits.partition(".")
    shifted = {
        whole + frac[:1] + ("." + frac[1:] if frac[1:] else ""),
    }
    if len(whole) > 1:
        shifted.add(whole[:-1] + "." + whole[-1] + frac)
    for new in shifted - {digits}:
        if re.match(r"0\d", new):
            continue
        t, span = _replace(text, s, e, new)
        yield Mutant("decimal", t, (span,), f"{digits} -> {new}")


def _wan_yuan(src: Source, v: Verdict) -> Iterator[Mutant]:
    """wan_yuan: 万元 written as 元."""
    m = v.mention
    if m.unit == "万元" and m.value:  # 0万元 and 0元 are the same
        at = m.start + m.text.index("万", m.num_end - m.start)
        t = src.text[:at] + src.text[at + 1 :]
        yield Mutant("wan_yuan", t, ((m.start, m.end - 1),), f"{m.text} -> 元")


def _percent(src: Source, v: Verdict) -> Iterator[Mutant]:
    """percent: a percentage computed wrongly (×10, ÷10, 100−p, the ratio upside down)."""
    if not (v.mention.dim == "percent" and v.mention.value):
        return
    digits = _digits(v, src.text)
    p = v.mention.value
    d = max(v.mention.decimals, 1)
    wrong = {p * 10, p / 10, Decimal(100) - p}
    if v.expected_value and v.expected_value != 0:
        wrong.add(Decimal(10_000) / p)  # the ratio upside down
    for w in sorted(wrong):
        new = fmt(w, d)
        if Decimal(new) == p or Decimal(new) <= 0:
            continue
        t, span = _replace(src.text, v.mention.num_start, v.mention.num_end, new)
        yield Mutant("percent", t, (span,), f"{digits}% -> {new}%")


def _invented(src: Source, v: Verdict) -> Iterator[Mutant]:
    """invented: a value no fact has."""
    invented = fmt((v.mention.number or Decimal(1)) * Decimal("1.37") + 3, v.mention.decimals)
    if Decimal(invented) * v.mention.scale not in src.data_values:
        t, span = _replace(src.text, v.mention.num_start, v.mention.num_end, invented)
        yield Mutant("invented", t, (span,), f"{_digits(v, src.text)} -> {invented} (invented)")


# ---------------------------------------------------------------- the whole report


def _hedge(src: Source) -> Iterator[Mutant]:
    """hedge: a hedge inverted (余 <-> 近, 以上 -> 不足)."""
    text = src.text
    for v in src.base.verdicts:
        m = v.mention
        if v.verdict != "ok" or not m.is_quantity or m.hedge is None or m.hedge_conflict:
            continue
        if m.hedge in ("余", "多"):
            hedge_at = m.start + m.text.find(m.hedge, m.num_end - m.start)
            t = text[:hedge_at] + text[hedge_at + 1 :]
            t = t[: m.num_start] + "近" + t[m.num_start :]
            yield Mutant("hedge", t, ((m.start, m.end),), f"{m.text} -> 近…")
        elif m.hedge in ("近", "将近", "不足", "不到"):
            t = (
                text[: m.start]
                + text[m.num_start : m.num_end]
                + "余"
                + text[m.num_end : m.end]
                + text[m.end :]
            )
            yield Mutant("hedge", t, ((m.start, m.end - len(m.hedge) + 1),), f"{m.text} -> …余")
        elif m.hedge in ("以上", "超过", "逾"):
            t = text[: m.start] + "不足" + text[m.num_start : m.end].replace(m.hedge, "") + text[m.end :]
            yield Mutant(
                "hedge", t, ((m.start, m.start + 2 + m.num_end - m.num_start),), f"{m.text} -> 不足…"
            )


def _swap(src: Source) -> Iterator[Mutant]:
    """swap: two labelled numbers exchanged, neighbours of one kind within a paragraph.

    Fair only where the words or the table say which figure is which: each number must be bound (its
    label names a fact), of different facts and values, neither a rounding of the other. A swap the
    words cannot tell apart would be two numbers whose labels are the same words (开展活动12次，…开展活动
    15次); on the examples and the development set every such pair is still told apart by its column or
    clause, so none is left out — each miss there is the checker's (a label naming a subject but not
    which figure).
    """
    text = src.text
    bound = [v for v in src.verified if v.bound and not v.mention.hedge]
    for a, b in itertools.pairwise(bound):
        ma, mb = a.mention, b.mention
        if ma.dim != mb.dim or ma.value == mb.value or text.count("\n", ma.end, mb.start) > 6:
            continue
        if a.fact_id == b.fact_id or rounds_to(ma, mb) or rounds_to(mb, ma):
            continue  # 0.86 <-> 0.9: one side is then a fair rounding, not a wrong number
        da, db = _digits(a, text), _digits(b, text)
        t, spans = swapped(text, ma, mb, da, db)
        yield Mutant("swap", t, spans, f"{da} <-> {db}")


def _copied(src: Source) -> Iterator[Mutant]:
    """copied: a number from another example report, in place of a verified one of the same kind."""
    if not src.examples:
        return
    pool: dict[str, list[str]] = {}
    for other in src.examples.values():
        for m in extract(other):
            if m.is_quantity and not m.chinese and m.value not in src.data_values and m.value:
                pool.setdefault(m.dim, []).append(other[m.num_start : m.num_end])
    for i, v in enumerate(src.verified):
        choices = pool.get(v.mention.dim) or []
        if not choices:
            continue
        new = choices[i % len(choices)]
        if Decimal(new.replace(",", "")) * v.mention.scale in src.data_values:
            continue
        t, span = _replace(src.text, v.mention.num_start, v.mention.num_end, new)
        yield Mutant("copied", t, (span,), f"{_digits(v, src.text)} -> {new} (from an example)")


def _year(src: Source) -> Iterator[Mutant]:
    """year: a year changed to one the data does not allow."""
    allowed = src.grounder.facts.allowed_years
    for v in src.base.verdicts:
        m = v.mention
        if m.kind != "year" or v.verdict != "ok" or len(m.years) != 1:
            continue
        year = m.years[0]
        new_year = next(
            y
            for y in (year - 2, year + 2, year - 3, year + 3, year - 5, year + 5, year - 9)
            if y not in allowed
        )
        digits_at = src.text.find(str(year), m.start)
        if digits_at < 0:
            continue
        t, span = _replace(src.text, digits_at, digits_at + 4, str(new_year))
        yield Mutant("year", t, (span,), f"{year} -> {new_year}")


# The generators by kind, in the order their mutants are made (the sampled suite hashes what a mutant
# is, not where it comes, but the full listing and eval/bench_mutations.py keep this order).
NUMBER_KINDS: dict[str, Callable[[Source, Verdict], Iterator[Mutant]]] = {
    "digit": _digit,
    "decimal": _decimal,
    "wan_yuan": _wan_yuan,
    "percent": _percent,
    "invented": _invented,
}
REPORT_KINDS: dict[str, Callable[[Source], Iterator[Mutant]]] = {
    "hedge": _hedge,
    "swap": _swap,
    "copied": _copied,
    "year": _year,
}
assert set(NUMBER_KINDS) | set(REPORT_KINDS) == set(KINDS)


def detection(
    text: str, grounder: Grounder, examples: Mapping[str, str] | None = None
) -> dict[str, tuple[int, int, list[Mutant]]]:
    """Per kind: (mutants, caught, the ones missed)."""
    out: dict[str, tuple[int, int, list[Mutant]]] = {k: (0, 0, []) for k in KINDS}
    for mutant in mutants(text, grounder, examples):
        total, hits, missed = out[mutant.kind]
        if caught(check(mutant.text, grounder), mutant):
            out[mutant.kind] = (total + 1, hits + 1, missed)
        else:
            out[mutant.kind] = (total + 1, hits, [*missed, mutant])
    return out


def swapped(
    text: str, ma: Mention, mb: Mention, da: str, db: str
) -> tuple[str, tuple[tuple[int, int], tuple[int, int]]]:
    """`text` with the digits `da` of `ma` and `db` of `mb` (ma before mb) exchanged, and the new spans."""
    t = text[: ma.num_start] + db + text[ma.num_end : mb.num_start] + da + text[mb.num_end :]
    shift = len(db) - len(da)
    spans = ((ma.num_start, ma.num_start + len(db)), (mb.num_start + shift, mb.num_start + shift + len(da)))
    return t, spans
