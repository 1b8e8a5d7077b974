"""More mistakes made on purpose: the ones an independent mutation test found the checker missing.

Each kind takes a correct report's own verified numbers (so the mutant is wrong by construction) and
makes a mistake that a number-by-number value check cannot see:

- reused: an invented sentence reusing a figure of the report (帮助103人实现就业创业, where 103 is
  some other 人数): the value exists in the data, but nothing in the data says this;
- cn_measure: a count changed and written in Chinese numerals with its measure word (2人 -> 三人,
  临聘人员一人), or a Chinese numeral of the text changed (两地 -> 三地);
- cn_lexicon: the numeral inside a proper noun of the data's lexicon changed (七大文化 -> 八大文化);
- multi_swap: two figures of one line swapped inside a sentence naming several of its measures
  (年初预算为25万元，到位数20.00万元 -> 年初预算为20.00万元，到位数25万元);
- wrong_measure: a rate given the value of another kind of percentage the data has (执行率为100%
  where only a 占比 is 100%).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from decimal import Decimal

from drafter.check.ground import Grounder, check
from drafter.check.result import Verdict
from drafter.evaluation.mutate import Mutant, caught, fmt, rounds_to, swapped, verified_numbers
from drafter.numbers import builtin_lexicon

WORD_KINDS = ("reused", "cn_measure", "cn_lexicon", "multi_swap", "wrong_measure")

_CN = "零一二三四五六七八九"
_NEXT_NUMERAL = {"一": "二", "二": "三", "两": "三", "三": "四", "四": "五", "五": "六", "六": "七"}
_NEXT_NUMERAL |= {"七": "八", "八": "九", "九": "八"}


def chinese_numeral(n: int) -> str:
    """1..99999 as a Chinese numeral the way reports write counts: 2 两, 14 十四, 102 一百零二."""
    if not 0 < n < 100_000:
        raise ValueError(f"{n} is outside 1..99999")
    if n == 2:
        return "两"
    out: list[str] = []
    zero = False
    for unit_value, unit in ((10_000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit_value % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        if not (digit == 1 and unit == "十" and not out):  # 十四, not 一十四
            out.append(_CN[digit])
        out.append(unit)
    return "".join(out)


# invented sentences: words that name nothing in a department's data, one per kind of figure
_INVENTED = {
    "person": ("另帮助{}实现就业创业。", ("就业", "创业")),
    "count": ("另新建线上服务平台{}。", ("线上", "平台")),
    "money": ("另投入{}用于购置办公设备。", ("购置", "设备")),
    "percent": ("全年群众投诉办结率达{}。", ("投诉", "办结")),
}


def _invented_for(v: Verdict) -> tuple[str, tuple[str, ...]] | None:
    m = v.mention
    if m.dim == "count":
        return _INVENTED["person" if m.family == "person" else "count"]
    return _INVENTED.get(m.dim)


def _reused(text: str, grounder: Grounder, verified: list[Verdict]) -> Iterator[Mutant]:
    for v in verified:
        m = v.mention
        invented = _invented_for(v)
        if invented is None or not m.value or m.hedge:
            continue
        template, words = invented
        named = [
            f
            for f in grounder.facts
            if f.value == m.value and any(w in f.label + f.context + "".join(f.terms) for w in words)
        ]
        if named:  # the data does say something like it: not a mistake by construction
            continue
        end = text.find("\n", m.end)
        end = len(text) if end < 0 else end
        if text[end - 1 : end] != "。":  # only after a prose paragraph, never inside a table
            continue
        sentence = template.format(m.text.strip())
        at = sentence.index(m.text.strip())
        t = text[:end] + sentence + text[end:]
        span = (end + at, end + at + len(m.text.strip()))
        yield Mutant("reused", t, (span,), f"+“{sentence}” ({m.text.strip()} is {v.fact_id})")


def _cn_measure(text: str, verified: list[Verdict], base: list[Verdict]) -> Iterator[Mutant]:
    for v in verified:  # digits -> a different count in Chinese numerals
        m = v.mention
        if m.dim != "count" or m.hedge or m.scale != 1 or m.value is None or m.value != int(m.value):
            continue
        n = int(m.value)
        if not 0 < n < 1000 or not m.unit:
            continue
        # never to 1: 一个/一家 reads as an article (一家单位), which a checker rightly leaves alone
        wrong = n - 1 if n % 2 == 0 and n > 2 else n + 1
        t = text[: m.num_start] + chinese_numeral(wrong) + text[m.num_end :]
        span = (m.num_start, m.num_start + len(chinese_numeral(wrong)))
        yield Mutant("cn_measure", t, (span,), f"{m.text.strip()} -> {chinese_numeral(wrong)}{m.unit}")
    for v in base:  # a Chinese numeral of the text changed
        m = v.mention
        if v.verdict != "ok" or not m.is_quantity or not m.chinese or m.value is None or m.hedge:
            continue
        if m.scale != 1 or m.value != int(m.value) or not 0 < m.value < 1000:
            continue
        new = chinese_numeral(int(m.value) + 1)
        t = text[: m.num_start] + new + text[m.num_end :]
        yield Mutant("cn_measure", t, ((m.num_start, m.num_start + len(new)),), f"{m.text.strip()} -> {new}…")


def _cn_lexicon(text: str, grounder: Grounder) -> Iterator[Mutant]:
    own = [t for t in grounder.facts.data.lexicon if re.search(f"[{''.join(_NEXT_NUMERAL)}]", t)]
    known = set(grounder.facts.data.lexicon) | {t for t, _ in builtin_lexicon()}
    for term in sorted(set(own)):
        if term.startswith(("第", "首")):  # ordinals: another ordinal is a different, real name
            continue
        i = next(i for i, c in enumerate(term) if c in _NEXT_NUMERAL)
        changed = term[:i] + _NEXT_NUMERAL[term[i]] + term[i + 1 :]
        if changed in known or any(changed in k for k in known):
            continue
        for occurrence in re.finditer(re.escape(term), text):
            at = occurrence.start() + i
            t = text[:at] + changed[i] + text[at + 1 :]
            yield Mutant("cn_lexicon", t, ((at, at + 1),), f"{term} -> {changed}")


def _multi_swap(text: str, grounder: Grounder, verified: list[Verdict]) -> Iterator[Mutant]:
    by_sentence: dict[tuple[int, str], list[Verdict]] = {}
    for v in verified:
        if v.bound and v.fact_id and not v.mention.hedge and v.mention.dim in ("money", "percent"):
            line = text.count("\n", 0, v.mention.start)
            by_sentence.setdefault((line, v.sentence), []).append(v)
    for group in by_sentence.values():
        for a, b in itertools.combinations(group, 2):
            fa, fb = grounder.facts[a.fact_id or ""], grounder.facts[b.fact_id or ""]
            ma, mb = a.mention, b.mention
            if fa.subject != fb.subject or fa.measure == fb.measure or ma.dim != mb.dim:
                continue
            if ma.value == mb.value or rounds_to(ma, mb) or rounds_to(mb, ma):
                continue
            da, db = text[ma.num_start : ma.num_end], text[mb.num_start : mb.num_end]
            t, spans = swapped(text, ma, mb, da, db)
            yield Mutant("multi_swap", t, spans, f"{da} <-> {db} ({fa.measure}/{fb.measure} of {fa.subject})")


def _wrong_measure(text: str, grounder: Grounder, verified: list[Verdict]) -> Iterator[Mutant]:
    percents = [f for f in grounder.facts if f.dim == "percent" and f.value > 0]
    for v in verified:
        m = v.mention
        fact = grounder.facts.get(v.fact_id or "")
        if (
            fact is None
            or m.dim != "percent"
            or not v.bound
            or m.hedge
            or fact.measure not in ("rate", "share")
        ):
            continue
        same = [f.value for f in grounder.facts.of_subject(fact.subject) if f.measure == fact.measure]
        decimals = m.decimals
        for other in percents:
            if other.measure == fact.measure or other.measure not in ("rate", "share", "yoy"):
                continue
            new = fmt(other.value, decimals)
            step = Decimal(1).scaleb(-decimals)
            if any(abs(Decimal(new) - s) <= step for s in same):
                continue  # a value this measure could itself have: not wrong by construction
            t = text[: m.num_start] + new + text[m.num_end :]
            span = (m.num_start, m.num_start + len(new))
            yield Mutant(
                "wrong_measure", t, (span,), f"{m.text.strip()} -> {new}% (the {other.measure} {other.id})"
            )
            break


def word_mutants(text: str, grounder: Grounder) -> Iterator[Mutant]:
    """All mutants of `text` (a report its data verifies) of the kinds above."""
    base = check(text, grounder)
    verified = verified_numbers(base)
    yield from _reused(text, grounder, verified)
    yield from _cn_measure(text, verified, base.verdicts)
    yield from _cn_lexicon(text, grounder)
    yield from _multi_swap(text, grounder, verified)
    yield from _wrong_measure(text, grounder, verified)


def word_detection(text: str, grounder: Grounder) -> dict[str, tuple[int, int, list[Mutant]]]:
    """Per kind: (mutants, caught, the ones missed)."""
    out: dict[str, tuple[int, int, list[Mutant]]] = {k: (0, 0, []) for k in WORD_KINDS}
    for mutant in word_mutants(text, grounder):
        total, hits, missed = out[mutant.kind]
        if caught(check(mutant.text, grounder), mutant):
            out[mutant.kind] = (total + 1, hits + 1, missed)
        else:
            out[mutant.kind] = (total + 1, hits, [*missed, mutant])
    return out
