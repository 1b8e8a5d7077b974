"""Writing the unit's own bullets as report prose (公文 style), keeping the fact behind every figure.

A clerk's activity bullets are notes: "突出政治引领。坚持…", "推荐5人参加…". Pasted one after another they
read like a form. `work_paragraphs` writes them as a report does: bullets that open with a short 小标题
(突出政治引领。) start a point and the bullets after it belong to that point; otherwise each bullet is a
point, very short ones joined to the one before (so "推荐5人参加培训" does not stand alone as 一是).
Points are numbered 一是、二是… (any count), in one paragraph when short, one paragraph each when long.
The bullets' words are kept verbatim, so every figure stays with its own activity, and every span of
`Traced` text keeps pointing at its fact.

`clause_label` names a number in a prompt by its whole clause, never by a window cut mid-word.
"""

from __future__ import annotations

import re

from drafter.writing.outline import chinese_number
from drafter.writing.provenance import Span, Traced, cat, rstrip

# a bullet's own list marker: 1. 1、 （1） (一) 一、 一是 ①
_MARKER = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、是]|\d+[、.．](?!\d)|[①-⑳])\s*"
)
# a 小标题 that opens a bullet: up to 14 characters, no digits, ending the first sentence
_TITLE = re.compile(r"^[^\d。；，,：:]{2,14}[。：:]")
_END = "。；;，,"
SHORT_POINT = 18  # a bullet this short is joined to the point before it
ONE_PARAGRAPH = 240  # points written as one paragraph when all of them fit in this many characters
LONG_POINT = 80  # ... or when none is longer than this (a list of awards reads as one paragraph)
_CLAUSE_STOP = re.compile(r"[。；;！？!?\n，,：:]")


def drop_marker(text: Traced | str) -> Traced | str:
    """The bullet without its own list marker (the writer numbers points itself); spans shifted."""
    m = _MARKER.match(text)
    if not m or m.end() >= len(text):
        return text
    cut = m.end()
    spans = [
        Span(s.start - cut, s.end - cut, s.fact_id) for s in getattr(text, "spans", ()) if s.start >= cut
    ]
    return Traced(str(text)[cut:], spans)


def _points(bullets: list[Traced | str]) -> list[list[Traced | str]]:
    """Bullets grouped into points: a 小标题 bullet opens a point; without any, each bullet is one."""
    cleaned = [drop_marker(b) for b in bullets if str(b).strip()]
    titled = [bool(_TITLE.match(str(b))) and len(str(b)) > 15 for b in cleaned]
    points: list[list[Traced | str]] = []
    if sum(titled) >= 2 and titled[0]:
        for bullet, opens in zip(cleaned, titled, strict=True):
            if opens or not points:
                points.append([bullet])
            else:
                points[-1].append(bullet)
        return points
    for bullet in cleaned:
        if points and len(str(bullet)) <= SHORT_POINT:
            points[-1].append(bullet)
        else:
            points.append([bullet])
    return points


def _sentence(text: Traced | str) -> Traced:
    core = rstrip(text, _END + " ")
    return cat(core, "。")


def work_paragraphs(bullets: list[Traced | str]) -> list[Traced]:
    """The bullets of one theme as numbered points (一是…；二是…。), in one or several paragraphs."""
    points = [cat(*(_sentence(b) for b in group)) for group in _points(bullets)]
    if not points:
        return []
    if len(points) == 1:
        return [points[0]]
    short = sum(len(p) for p in points) <= ONE_PARAGRAPH or max(len(p) for p in points) <= LONG_POINT
    if short:
        items = [
            cat(f"{chinese_number(i + 1)}是", rstrip(p, "。") if i < len(points) - 1 else p)
            for i, p in enumerate(points)
        ]
        return [_join(items, "；")]
    return [cat(f"{chinese_number(i + 1)}是", p) for i, p in enumerate(points)]


def _join(items: list[Traced], sep: str) -> Traced:
    parts: list[object] = []
    for i, item in enumerate(items):
        if i:
            parts.append(sep)
        parts.append(item)
    return cat(*parts)


def clause_label(text: str, start: int, end: int, limit: int = 60) -> str:
    """The words a number stands in (its label in a prompt): its whole clause, or, when the clause lists
    several figures (评选三八红旗集体20个、三八红旗手30个), the listed item it belongs to. Cut only at
    clause stops and 、, never inside a word."""
    left = max((m.end() for m in _CLAUSE_STOP.finditer(text, 0, start)), default=0)
    stop = _CLAUSE_STOP.search(text, end)
    right = stop.start() if stop else len(text)
    clause = text[left:right]
    at = start - left
    items, pos = [], 0
    for item in clause.split("、"):
        items.append((pos, item))
        pos += len(item) + 1
    mine = next((item for p, item in items if p <= at < p + len(item) + 1), clause)
    if len(items) > 1 and sum(any(c.isdigit() for c in item) for _, item in items) > 1:
        clause = mine
    clause = clause.strip()
    if len(clause) > limit:  # a very long clause: the words just before the number, up to `limit`
        offset = text.find(clause, left)
        clause = clause[max(0, start - offset - limit + (end - start)) : end - offset + 1].strip()
    return clause


def bare_figure(value: object, units: tuple[str, ...] = ("万元", "元")) -> object:
    """A money figure without its unit, for a table whose header gives it (单位：万元); span kept."""
    text = str(value)
    for unit in units:
        if text.endswith(unit) and len(text) > len(unit):
            cut = len(text) - len(unit)
            spans = [
                Span(s.start, min(s.end, cut), s.fact_id)
                for s in getattr(value, "spans", ())
                if s.start < cut
            ]
            return Traced(text[:cut], spans)
    return value
