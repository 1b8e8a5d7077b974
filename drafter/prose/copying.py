"""Sentences copied from the few-shot passages: another unit's report, verbatim or nearly.

The passages have no digits of ours for the number check to catch, but they describe another unit's
year. A sentence of the answer counts as copied when

- it contains a clause of a passage of `COPY_MIN` characters or more verbatim (a shorter shared
  phrase is idiom, a longer one is copying), or
- at least `NEAR_COPY` of its character 8-grams stand in the passages: a near-copy, the model having
  changed a word or a figure. The narrative sentences of one example, judged against the passages of
  all the others, reach 0.33 at most (shared phrases of the genre: 乡村振兴巾帼行动), but for one
  theme title two 妇联 share (0.58), which is the unit's own material in its prompt and not counted.

In both cases text that also stands in the unit's own material does not count: the unit's points may
be written as given. A few copied sentences are re-asked, then marked 〔待核实〕 by the loop; when they
make up more than `COPY_SHARE` (half) of the answer it is not this unit's text at all, and is
rejected. (The examples' own sections copy nothing from the passages their prompts show.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from drafter.prose.finding import Brief, Finding, ProseCheck, excerpt
from drafter.prose.grams import bare, grams, share_in, union

COPY_MIN = 12
NEAR_COPY = 0.5
COPY_SHARE = 0.5
_CLAUSE = re.compile(r"[。；！？!?;\n]")
_ANSWER_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")


def copied_sentences(answer: str, passages: Iterable[str], own: str = "") -> list[str]:
    """The answer's sentences (as written in it, without end punctuation) copied from the passages."""
    passages = list(passages)
    clauses = {
        c
        for p in passages
        for raw in _CLAUSE.split(p)
        if len(c := raw.strip(" \t，,：:")) >= COPY_MIN and c not in own
    }
    own_grams = grams(own) if own else set()
    pool = union(passages) - own_grams
    found: list[str] = []
    for m in _ANSWER_SENTENCE.finditer(answer):
        sentence = m.group().strip(" \t，,：:").rstrip("。！？；!?;")
        if len(sentence) < COPY_MIN or sentence in found:
            continue
        verbatim = any(c in sentence for c in clauses)
        share, counted = share_in(sentence, pool, own_grams)
        if verbatim or (counted >= 3 and share >= NEAR_COPY):
            found.append(sentence)
    return found


def copying(text: str, brief: Brief) -> list[Finding]:
    copied = copied_sentences(text, brief.passages, brief.own)
    if not copied:
        return []
    share = sum(len(bare(s)) for s in copied) / max(1, len(bare(text)))
    fatal = share > COPY_SHARE
    return [
        Finding(
            ProseCheck.COPIED,
            f"{len(copied)} 句照抄了参考范文（另一个单位的报告）" + ("，占回答的大部分" if fatal else ""),
            excerpt(copied[0]),
            fatal=fatal,
            sentences=tuple(copied),
        )
    ]
