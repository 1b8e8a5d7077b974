"""Coverage: does the answer say what the unit gave it to say?

A section is written from the unit's points (a theme's activity bullets). A point is covered when
one of its figures (`_figures`: 440, 7名) stands in the answer, or when at least `KEY_SHARE` of its
character 4-grams do (its key terms, reworded around), or `CLAUSE_SHARE` of those of one of its
clauses (a long bullet summed up by one clause). Coverage is reported, not a rejection: a short
answer may be right, and one that is about something else altogether is caught by what it is (an
echo, a loop, a copy). An answer that covers less than `COVERAGE_MIN` of its points is for the
reviewer (`Finding.review`: the section is flagged, not 通过); one that covers more but not all is
recorded in the section's notes. Both name the points left out.

Thresholds from the example reports: each example's own section text, judged against the points its
data file gives (taken from that text), covers every point; a section written for another theme of
the same unit covers almost none (tests/prose/test_good_answers.py).
"""

from __future__ import annotations

import re

from drafter.prose.finding import Brief, Finding, ProseCheck, excerpt
from drafter.prose.grams import bare, grams, share_in

KEY_N = 4
KEY_SHARE = 0.3
CLAUSE_MIN = 8
CLAUSE_SHARE = 0.5
_CLAUSE = re.compile(r"[，。；：,;:]")
COVERAGE_MIN = 0.5
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)([^\d\s，。、；：,.;:（）()“”]?)")


def _figures(point: str) -> list[str]:
    """The point's figures as searched for: digits alone from two digits up (a swapped or rounded
    figure still says the point is there: its value is the number check's business), a single digit
    with its unit character (7名), which alone would match anywhere."""
    return [d if len(d) >= 2 else d + u for d, u in _FIGURE.findall(point) if len(d) >= 2 or u]


def covered(point: str, text: str, text_grams: set[str] | None = None) -> bool:
    flat = bare(text)
    if any(f in flat for f in _figures(point)):
        return True
    pool = text_grams if text_grams is not None else grams(text, KEY_N)
    share, counted = share_in(point, pool, n=KEY_N)
    if counted > 0 and share >= KEY_SHARE:
        return True
    clauses = (c for c in _CLAUSE.split(point) if len(bare(c)) >= CLAUSE_MIN)
    return any(share_in(c, pool, n=KEY_N)[0] >= CLAUSE_SHARE for c in clauses)


def recall(points: tuple[str, ...], text: str) -> tuple[float, list[str]]:
    """Share of the points the text covers, and the points it leaves out."""
    if not points:
        return 1.0, []
    text_grams = grams(text, KEY_N)
    left = [p for p in points if not covered(p, text, text_grams)]
    return 1 - len(left) / len(points), left


def coverage(text: str, brief: Brief) -> list[Finding]:
    if not brief.coverage or not brief.material:
        return []
    share, left = recall(brief.material, text)
    if not left:
        return []
    written = len(brief.material) - len(left)
    message = f"只写到了 {written}/{len(brief.material)} 条要点"
    review = share < COVERAGE_MIN
    if review:
        message += "，大部分要点没有写"
    evidence = "未写到：" + excerpt("；".join(left), 120)
    return [Finding(ProseCheck.COVERAGE, message, evidence, fatal=False, review=review)]
