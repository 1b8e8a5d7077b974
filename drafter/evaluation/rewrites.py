"""Legal rewrites of a correct report: changes a checker must accept (its false alarms, measured).

A mutation suite that only plants mistakes rewards a checker that flags everything. These controls
rewrite verified numbers in ways that keep them true, and every problem they raise is a false alarm:

- wan_to_yuan: 万元 written out in 元 (31万元 -> 310000元);
- round_half_up: one decimal fewer, rounded half-up from the data's own value (15.5万人 -> 16万人,
  96769.85元 -> 96769.9元);
- clause_order: two clauses of one sentence in the other order, where each clause alone is proved by
  the same facts (开展活动40余场，覆盖2000人 -> 覆盖2000人，开展活动40余场);
- fullwidth: full-width digits (14人 -> １４人);
- cn_digits: a count in Chinese numerals (14人 -> 十四人).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from drafter.check.ground import Grounder, check
from drafter.check.layout import Doc
from drafter.check.result import CheckResult, Verdict
from drafter.evaluation.mutate import verified_numbers
from drafter.evaluation.wording import chinese_numeral

CONTROLS = ("wan_to_yuan", "round_half_up", "clause_order", "fullwidth", "cn_digits")
_FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")


@dataclass(frozen=True)
class Rewrite:
    kind: str
    text: str
    spans: tuple[tuple[int, int], ...]  # where the rewritten numbers stand in `text`
    description: str


def false_alarm(result: CheckResult, rewrite: Rewrite, base: CheckResult) -> bool:
    """The rewrite raised a problem: on a rewritten number, or anywhere beyond the base's problems."""
    flagged = [(v.mention.start, v.mention.end) for v in result.problems]
    on_span = any(s < fe and fs < e for fs, fe in flagged for s, e in rewrite.spans)
    return on_span or len(result.problems) > len(base.problems)


def _wan_to_yuan(text: str, verified: list[Verdict]) -> Iterator[Rewrite]:
    for v in verified:
        m = v.mention
        if m.unit != "万元" or m.hedge or m.number is None:
            continue
        rest = text[m.num_end : m.end]
        at = rest.find("万元")
        if at < 0 or rest[:at].strip():
            continue
        yuan = f"{(m.number * 10_000).normalize():f}"
        new = f"{yuan}元"
        t = text[: m.num_start] + new + text[m.num_end + at + 2 :]
        yield Rewrite(
            "wan_to_yuan", t, ((m.num_start, m.num_start + len(new)),), f"{m.text.strip()} -> {new}"
        )


def _round_half_up(text: str, grounder: Grounder, verified: list[Verdict]) -> Iterator[Rewrite]:
    for v in verified:
        m = v.mention
        if m.decimals < 1 or m.hedge or v.expected_value is None:
            continue
        exact = v.expected_value / m.scale
        fact = grounder.facts.get(v.fact_id or "")
        if m.dim == "number" and fact is not None and fact.dim == "money" and fact.unit == "万元":
            exact /= 10_000  # a bare table cell under a 万元 header states 万元
        new = f"{exact.quantize(Decimal(1).scaleb(-(m.decimals - 1)), rounding=ROUND_HALF_UP):f}"
        old = text[m.num_start : m.num_end]
        if new == old:
            continue
        t = text[: m.num_start] + new + text[m.num_end :]
        yield Rewrite("round_half_up", t, ((m.num_start, m.num_start + len(new)),), f"{old} -> {new}")


_CLAUSE = re.compile(r"[^，。；;：:！？\n]+")
_CELL_BORDER = re.compile(r"[|｜\t]")
_DEPENDENT = (
    "其中",
    "占",
    "分别",
    "同比",
    "较上年",
    "比上年",
    "均",
    "共计",
    "合计",
    "调整后",  # 调整后全年预算: after the adjustment of the budget just named
    "年中",
)  # lean on the clause before


def _clause_order(text: str, grounder: Grounder, base: CheckResult) -> Iterator[Rewrite]:
    """Adjacent clauses (split at ，) of one sentence, each proved alone, by its own labels, by the facts
    that prove it in place; a clause that leans on the one before (其中…, 占…) is never moved, nor two
    clauses with a table's cell border between them (the rewrite would move words into another column)."""
    ok = [v for v in base.verdicts if v.verdict == "ok" and v.mention.is_quantity and v.fact_id]
    problems = {(v.mention.start, v.mention.end) for v in base.problems}
    clauses = [(c.start(), c.end()) for c in _CLAUSE.finditer(text)]
    for (s1, e1), (s2, e2) in itertools.pairwise(clauses):
        if text[e1:s2] != "，" or text[s2:e2].lstrip().startswith(_DEPENDENT):
            continue
        if text[s1:e1].lstrip().startswith(_DEPENDENT):
            continue  # 其中A、B，C -> C，其中A、B: the 其中 list would lean on another clause
        if re.match(r"\s*(?:\d+|[一二三四五六七八九十]+)[.．、]", text[s1:e1]):
            continue  # a numbered item: its marker belongs at the front
        if _CELL_BORDER.search(text, s1, e2):
            continue  # “ | 开展活动46场” carries a table's cell border: moved, its cells change columns
        in1 = [v for v in ok if s1 <= v.mention.start and v.mention.end <= e1]
        in2 = [v for v in ok if s2 <= v.mention.start and v.mention.end <= e2]
        if not in1 or not in2 or any(s1 <= a and b <= e2 for a, b in problems):
            continue
        if not (_self_contained(text[s1:e1], in1, s1) and _self_contained(text[s2:e2], in2, s2)):
            continue
        if not (_alone(text[s1:e1], in1, s1, grounder) and _alone(text[s2:e2], in2, s2, grounder)):
            continue
        t = text[:s1] + text[s2:e2] + "，" + text[s1:e1] + text[e2:]
        first = e2 - s2 + 1  # where the old first clause now starts, relative to s1
        spans = tuple((v.mention.start - s2 + s1, v.mention.end - s2 + s1) for v in in2) + tuple(
            (v.mention.start + first, v.mention.end + first) for v in in1
        )
        yield Rewrite("clause_order", t, spans, f"“{text[s1:e1]}” <-> “{text[s2:e2]}”")


_PAIRS = ("（）", "()", "“”", "《》", "【】")


def _self_contained(clause: str, verdicts: list[Verdict], offset: int) -> bool:
    """Balanced brackets and quotes, and words of its own (at least 4 characters) before its first number."""
    if any(clause.count(a) != clause.count(b) for a, b in _PAIRS):
        return False
    head = clause[: min(v.mention.start for v in verdicts) - offset]
    return len(re.findall(r"[\u4e00-\u9fff]", head)) >= 4


def _alone(clause: str, verdicts: list[Verdict], offset: int, grounder: Grounder) -> bool:
    """Is the clause, as a sentence of its own, proved by the same facts (so it carries its own labels)?"""
    result = check(clause + "。", grounder)
    found = {(v.mention.start + offset, v.fact_id) for v in result.verdicts if v.verdict == "ok" and v.bound}
    return all((v.mention.start, v.fact_id) in found for v in verdicts) and not result.problems


def _fullwidth(text: str, verified: list[Verdict]) -> Iterator[Rewrite]:
    for v in verified:
        m = v.mention
        old = text[m.num_start : m.num_end]
        new = old.translate(_FULL)
        t = text[: m.num_start] + new + text[m.num_end :]
        yield Rewrite("fullwidth", t, ((m.num_start, m.num_end),), f"{old} -> {new}")


def _cn_digits(text: str, verified: list[Verdict]) -> Iterator[Rewrite]:
    """Counts of prose only: a table's cells hold digits (续聘生态护林员 | 860名 | 860名), and a cell
    in Chinese numerals is no legal rewrite (nor one a report makes): its row reads as other columns."""
    tables = Doc(text).tables()
    for v in verified:
        m = v.mention
        if tables.at(m.start) is not None:
            continue
        if m.dim != "count" or m.hedge or m.scale != 1 or m.value is None or m.value != int(m.value):
            continue
        if not 0 < m.value < 100_000 or not m.unit:
            continue
        new = chinese_numeral(int(m.value))
        t = text[: m.num_start] + new + text[m.num_end :]
        yield Rewrite("cn_digits", t, ((m.num_start, m.num_start + len(new)),), f"{m.text.strip()} -> {new}")


def rewrites(text: str, grounder: Grounder) -> Iterator[Rewrite]:
    """Every legal rewrite of `text` (a report its data verifies) of the kinds above."""
    base = check(text, grounder)
    verified = verified_numbers(base)
    yield from _wan_to_yuan(text, verified)
    yield from _round_half_up(text, grounder, verified)
    yield from _clause_order(text, grounder, base)
    yield from _fullwidth(text, verified)
    yield from _cn_digits(text, verified)


def controls(text: str, grounder: Grounder) -> Mapping[str, tuple[int, int, list[Rewrite]]]:
    """Per control: (rewrites, false alarms, the rewrites that raised them)."""
    base = check(text, grounder)
    out: dict[str, tuple[int, int, list[Rewrite]]] = {k: (0, 0, []) for k in CONTROLS}
    for rewrite in rewrites(text, grounder):
        total, alarms, raised = out[rewrite.kind]
        if false_alarm(check(rewrite.text, grounder), rewrite, base):
            out[rewrite.kind] = (total + 1, alarms + 1, [*raised, rewrite])
        else:
            out[rewrite.kind] = (total + 1, alarms, raised)
    return out
