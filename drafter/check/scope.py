"""Scope words: a sentence about another body, or about another measure, constrains what binds.

Two kinds of words move what a sentence's figures are about, each with where its scope ends:
- another body: 所属/下属/直属(事业)单位, 二级机构, 系统内, 全系统. From the word on, up to the end of
  its sentence or clause (；), or a word returning to the unit itself (局机关, 本级, 本单位), a figure
  is about that body: "所属事业单位15个…核定编制数320人，在职人员288人" states no 编制数 of the
  department. Only a fact that names such a body (下属单位数: its terms say 下属, 所属, 二级 …) may bind
  it there; one bound to the unit's own facts states nothing the data holds of that body, and is
  ignored (never a mismatch).
- another measure: 年初 at the head of a sentence (2021年初，…收入预算51587.78万元) makes its budgets
  the initial ones, up to a word that moves on to the adjusted figure (调整后, 年中, 追加, 全年 …).
  A 预算 bound there is the same subject's 年初预算数 when the data has one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from drafter.check.layout import Doc
from drafter.facts.build import Fact

OTHER_BODY = re.compile(
    r"(?:所属|下属|直属)(?:事业)?单位|(?:所属|下属)(?:机构|部门)|二级(?:机构|单位)|系统内|全系统"
)
# words that bring a sentence back to the unit itself
_OWN_BODY = re.compile(r"局机关|机关本级|本级|本单位|本部门|我(?:局|委|办|会|院|馆|中心|单位)")
_CLAUSE_END = re.compile(r"[；;]")
# words of a fact that is about another body: its terms name it
_BODY_MARKS = ("下属", "所属", "直属", "二级", "事业单位", "系统")

# 年初 opening a sentence (after a year and an opening bracket), not 年初以来 / 年初至今 (since January)
_INITIAL_HEAD = re.compile(r"[\s（(“\"]*(?:(?:19|20)\d\d年?)?年初(?!以来|至|到)")
# words after which a budget is the adjusted one again
_ADJUSTED = re.compile(r"调整|年中|追加|调增|调减|全年|最终|年末|决算")


def other_body(doc: Doc, at: int) -> bool:
    """Is the figure at `at` in the scope of a word that moves its sentence to another body?"""
    start = doc.sentence_start(at)
    before = doc.text[start:at]
    last = None
    for m in OTHER_BODY.finditer(before):
        last = m
    if last is None:
        return False
    rest = before[last.end() :]
    return not _CLAUSE_END.search(rest) and not _OWN_BODY.search(rest)


def names_other_body(fact: Fact) -> bool:
    """Does a fact name a body other than the unit itself (下属单位数, 全系统干部职工)?"""
    return any(mark in w for w in (fact.label, *fact.terms) for mark in _BODY_MARKS)


def initial_scope(doc: Doc, at: int) -> bool:
    """Is the figure at `at` in a sentence 年初 opens, before a word that moves on to the adjusted budget?"""
    start = doc.sentence_start(at)
    head = _INITIAL_HEAD.match(doc.text, start)
    return head is not None and head.end() <= at and not _ADJUSTED.search(doc.text, head.end(), at)


def as_initial(facts: Sequence[Fact], by_subject: Mapping[str, Sequence[Fact]]) -> list[Fact]:
    """Each budget fact as its subject's 年初预算数 where the data has one; the others as they are."""
    out: list[Fact] = []
    for fact in facts:
        if fact.measure == "budget":
            fact = next((f for f in by_subject.get(fact.subject, ()) if f.measure == "initial_budget"), fact)
        if fact not in out:
            out.append(fact)
    return out
