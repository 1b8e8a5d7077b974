"""The facts of one data file, indexed for checking many texts: by term, by subject, by value, by words.

Built once per data file (make_grounder) and only read after: the binder asks it which subjects a
term names and which of a subject's facts a number could state; the judge asks it for facts by value
and for the audit's findings on a fact. Nothing here judges a number.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

from drafter.audit.rules import Finding, parts_figures
from drafter.check.layout import bigrams, squeeze
from drafter.check.match import compatible
from drafter.check.names import NearNames
from drafter.check.textindex import TextIndex
from drafter.check.wholes import speaks_of_whole, whole_clause
from drafter.facts.build import Fact, FactBase
from drafter.numbers import Mention, builtin_lexicon

NAME_IN_DATA = "name in the data"  # the lexicon group of the data's own names that hold numerals
_NUMERAL = re.compile(r"[\d一二三四五六七八九十两百千]")
_NAME_SHARE = 0.6  # share of a name's bigrams a row label must repeat to name it


class NameIndex:
    """Label terms by their bigrams (an inverted index): which subject a row label resembles most."""

    def __init__(self, term_subjects: Mapping[str, tuple[str, ...]]) -> None:
        self.terms = list(term_subjects)
        self.subjects = term_subjects
        self.size = [len(bigrams(t)) for t in self.terms]
        self.index: dict[str, list[int]] = defaultdict(list)
        for k, term in enumerate(self.terms):
            for g in bigrams(term):
                self.index[g].append(k)

    def best(self, label: str) -> tuple[str, ...]:
        counts: dict[int, int] = defaultdict(int)
        for g in bigrams(label):
            for k in self.index.get(g, ()):
                counts[k] += 1
        best_k, best_share = -1, 0.0
        for k, n in counts.items():
            share = n / self.size[k] if self.size[k] >= 2 else 0.0
            if share > best_share or (
                share == best_share and best_k >= 0 and self.size[k] > self.size[best_k]
            ):
                best_k, best_share = k, share
        if best_k < 0 or best_share < _NAME_SHARE:
            return ()
        return self.subjects[self.terms[best_k]]


class FactIndex:
    """What the facts of one FactBase are, by term, subject, dimension, value and bullet words."""

    def __init__(self, facts: FactBase, findings: Iterable[Finding] = ()) -> None:
        self.facts = facts
        # names in the data with numerals in them (残疾人两项补贴, 指标1：…) are names in the text too
        named = sorted(
            {t for f in facts if f.origin != "text" for t in f.terms if _NUMERAL.search(t) and len(t) >= 3}
        )
        self.lexicon: dict[str, list[str]] = {"user lexicon": list(facts.data.lexicon), NAME_IN_DATA: named}
        self._near_names: NearNames | None = None
        self.findings = list(findings)
        for fact in parts_figures(facts, self.findings):  # a mistyped total's right figure
            if facts.get(fact.id) is None:
                facts.add(fact)
        self.flagged = {f.fact_id: f for f in self.findings if f.severity == "error" and f.fact_id}
        grade = self.flagged.get("self_evaluation.grade")
        if grade is not None:  # a grade that does not follow the score: the printed score is in question too
            self.flagged.setdefault("self_evaluation.score", grade)
        self._index_terms(facts)
        unit = facts.data.unit
        names = (unit.name, unit.short_name, *unit.aliases)
        self.unit_names = tuple(sorted({squeeze(n) for n in names if n}, key=len, reverse=True))
        self._whole_clause = whole_clause(facts.data)
        # numbers from free text: bound by the weighted words of their clause
        self.text_index = TextIndex([f for f in facts if f.origin == "text"])
        self.by_dim: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            self.by_dim[fact.dim].append(fact)
        ordered = sorted(facts, key=lambda f: f.value)
        self._values = [f.value for f in ordered]
        self._ordered = ordered
        self.names = NameIndex(self.term_subjects)
        # each part's whole (a table's 合计 row is the whole of the rows above it)
        # (a part of two wholes, 按支出性质分 of 支出合计 and of 年度资金总额, keeps the first: 支出合计)
        self.whole_of: dict[str, str] = {}
        for _, whole, parts in facts.relations:
            for p in parts:
                self.whole_of.setdefault(p, whole)
        for subject in self.by_subject:  # indicators and their groups add up to the table's 总分
            if (
                subject.startswith(("indicators[", "indicators.level1["))
                and "." not in subject.split("]")[-1]
            ):
                self.whole_of.setdefault(subject, "indicators.total")

    def _index_terms(self, facts: FactBase) -> None:
        """Facts by subject, subjects by label term, and one pattern finding every term."""
        self.by_subject: dict[str, list[Fact]] = defaultdict(list)
        self._compat_cache: dict[tuple[str, str, str], list[Fact]] = {}
        term_subjects: dict[str, set[str]] = defaultdict(set)
        self.share_facts: list[Fact] = []
        for fact in facts:
            if fact.origin == "text" and fact.measure not in ("target", "achieved"):
                continue  # an indicator's 年度指标值/实际完成值 are also figures of the indicator
            self.by_subject[fact.subject].append(fact)
            for term in fact.terms:
                # a name the data ends with 。 is written without it in a table cell or a clause
                term = squeeze(term).rstrip("。；;.")
                if term:
                    term_subjects[term].add(fact.subject)
            if fact.measure == "share":
                self.share_facts.append(fact)
        self.term_subjects = {t: tuple(sorted(s)) for t, s in term_subjects.items()}
        terms = sorted(self.term_subjects, key=len, reverse=True)
        firsts = "".join(sorted({re.escape(t[0]) for t in terms}))
        self.term_re = re.compile(f"(?=[{firsts}])(?:{'|'.join(map(re.escape, terms))})") if terms else None

    def compatible_of(self, subject: str, m: Mention) -> list[Fact]:
        """The subject's facts a mention of this kind could state (cached: the same few kinds recur)."""
        key = (subject, m.dim, m.family)
        found = self._compat_cache.get(key)
        if found is None:
            found = self._compat_cache[key] = [f for f in self.by_subject[subject] if compatible(f, m)]
        return found

    def by_value(self, low: Decimal, high: Decimal) -> list[Fact]:
        """Facts whose value lies in [low, high]: the only ones an interval can contain."""
        i = bisect.bisect_left(self._values, low)
        j = bisect.bisect_right(self._values, high)
        return self._ordered[i:j]

    def speaks_of_whole(self, clause: str) -> bool:
        """Does a clause (squeezed) name only the unit itself and measure words (部门年初预算)?"""
        return speaks_of_whole(self._whole_clause, clause, self.term_re)

    @property
    def near_names(self) -> NearNames:
        """The data's numbered names, to catch one changed numeral (built on first use)."""
        if self._near_names is None:
            words = "\n".join(w for f in self.facts for w in (f.label, f.context, *f.terms))
            known = [t for t, _ in builtin_lexicon()] + self.lexicon[NAME_IN_DATA]
            self._near_names = NearNames(
                [*self.facts.data.lexicon, *self.lexicon[NAME_IN_DATA]], known, words
            )
        return self._near_names
