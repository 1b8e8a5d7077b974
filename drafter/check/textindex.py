"""Bind a number to an activity bullet's figure by the words of its clause.

A bullet's figure (组织培训12场) has no typed label: what names it is the words around it. Each bullet
figure is indexed by the character bigrams of its clause (left words weigh 1, right words 0.5, each by
its rarity), and a number of the text binds to the bullets whose clause words it repeats, so a count
moved to another activity is caught like a swapped budget line.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence

from drafter.check.layout import bigrams
from drafter.check.match import compatible
from drafter.facts.build import Fact, clause_context
from drafter.numbers import Mention

TEXT_BIND = 0.55  # weighted share of a bullet number's clause words the text must repeat
TEXT_TIE = 0.12  # bullets scoring this close to the best are bound too (the same words twice)
# Scale: a bigram shared by more bullet numbers than this names none of them (a stop-word, like 服务 or
# 人次 in a data file of thousands of bullets). It does not nominate candidates, which keeps binding
# linear in the number of figures; it still scores the candidates the rarer bigrams nominate. The
# bundled examples' longest posting is 10, so they bind exactly as without the cap.
POSTINGS_CAP = 100


TARGET = re.compile(r"goals\.target\[|indicators\[\d+\]\.target$")  # where a goal's figures are
ACHIEVED = re.compile(r"goals\.achieved\[|indicators\[\d+\]\.actual$")  # and where its results are


class TextIndex:
    """The bullet figures of one FactBase, indexed by their clause bigrams."""

    def __init__(self, text_facts: Sequence[Fact]):
        self.facts = list(text_facts)
        df: dict[str, int] = defaultdict(int)
        self.left: list[set[str]] = []
        self.right: list[set[str]] = []
        for fact in self.facts:
            left, _, right = fact.context.partition("\u2016")
            if fact.terms and not left.strip() and not right.strip():  # a bare value (2860人): its name
                left = fact.terms[0]
            lb, rb = bigrams(left[-14:]), bigrams(right[:6])
            self.left.append(lb)
            self.right.append(rb)
            for g in lb | rb:
                df[g] += 1
        n = max(1, len(self.facts))
        self.idf = {g: math.log(1 + n / c) for g, c in df.items()}
        self.index: dict[str, list[int]] = defaultdict(list)
        for i, (lb, rb) in enumerate(zip(self.left, self.right, strict=True)):
            for g in lb | rb:
                self.index[g].append(i)
        self.norm = [
            sum(self.idf[g] for g in lb) + 0.5 * sum(self.idf[g] for g in rb)
            for lb, rb in zip(self.left, self.right, strict=True)
        ]
        self.at = {f.id: i for i, f in enumerate(self.facts)}
        self.around = [bigrams(f.around) for f in self.facts]

    def match(self, text: str, m: Mention, floor: float | None = None) -> tuple[list[Fact], float]:
        """Bullet numbers whose clause words the text repeats, and the best score.

        With `floor`, every candidate scoring at least that (within the tie window of the threshold)
        is returned, best first, not only the ones that bind.
        """
        if not self.facts:
            return [], 0.0
        left, right = clause_context(text, m.start, m.end)
        lb, rb = bigrams(left[-14:]), bigrams(right[:6])
        scores: dict[int, float] = defaultdict(float)
        common: list[tuple[str, float, list[set[str]]]] = []  # (bigram, weight, side) over the cap
        index, idf = self.index, self.idf
        for grams, weight, side in ((lb, 1.0, self.left), (rb, 0.5, self.right)):
            for g in grams:
                postings = index.get(g, ())
                if len(postings) > POSTINGS_CAP:
                    common.append((g, weight, side))
                    continue
                if postings:
                    w = weight * idf[g]
                    for i in postings:
                        if g in side[i]:
                            scores[i] += w
        for i in scores:  # candidates get the common bigrams' share too: their scores stay exact
            for g, weight, side in common:
                if g in side[i]:
                    scores[i] += weight * idf[g]
        # only facts near the binding threshold can bind: test units for those alone
        close = TEXT_BIND - TEXT_TIE
        ranked = sorted(
            (r, i)
            for i, s in scores.items()
            if self.norm[i] > 0 and (r := s / self.norm[i]) >= close and compatible(self.facts[i], m)
        )
        ranked.reverse()
        if floor is not None:
            return [self.facts[i] for r, i in ranked if r >= floor], ranked[0][0] if ranked else 0.0
        if not ranked or ranked[0][0] < TEXT_BIND:
            return [], ranked[0][0] if ranked else 0.0
        best = ranked[0][0]
        return [self.facts[i] for r, i in ranked if r >= best - TEXT_TIE], best
