"""Where a number stands: its sentence, clause and line, and for a flattened table its row and column.

A report's text is read as written (spaces, quotes and line breaks included); labels are matched in a
"squeezed" copy without them, so 资金\n来源\n合计 still names 资金来源合计. `Doc` indexes a text's
boundaries once, so each number's window is a bisect, not a rescan.
"""

from __future__ import annotations

import bisect
import re

from drafter.check.columns import header_measure, is_label_header
from drafter.check.tables import Tables
from drafter.numbers import Mention
from drafter.numbers.vocabulary import fold_fullwidth
from drafter.text.script import to_simplified

_KEPT_RUN = re.compile(r"[^\s“”\"‘’'「」『』《》〈〉（）()\[\]【】·]+")  # the complement of _SQUEEZE
_SQUEEZE = re.compile(r"[\s“”\"‘’'「」『』《》〈〉（）()\[\]【】·]")
_DIGIT = re.compile(r"\d")
SENTENCE_STOP = re.compile(r"[。！？!?；;]|(?<![，,、])\n")  # a line ending in ， runs on (a PDF wrap)
CLAUSE_STOP = re.compile(r"[，,：:、]")


class Doc:
    """A text with its sentence and line boundaries found once (bisect, not rescans, per number)."""

    __slots__ = ("_kept", "_squeezed", "_tables", "_terms", "headers", "lines", "stops", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.stops = [m.end() for m in SENTENCE_STOP.finditer(text)]
        self.lines = [m.start() for m in re.finditer("\n", text)]
        self.headers: dict[int, list[str]] = {}
        self._kept: list[int] = []
        self._squeezed = ""
        self._terms: dict[int, tuple[list[int], list[tuple[int, int, str]]]] = {}
        self._tables: Tables | None = None

    def tables(self) -> Tables:
        """The text's grid tables (pipe, tab or space separated), read once."""
        if self._tables is None:
            # full-width figures (３２０．００) read as the number reader reads them; one for one, so
            # the cells' positions are the text's
            folded = fold_fullwidth(self.text)
            self._tables = Tables(folded)
        return self._tables

    def squeezed(self) -> tuple[str, list[int]]:
        """The text without spaces, quotes and line breaks, and where each kept character stood."""
        if not self._kept and self.text:
            runs = list(_KEPT_RUN.finditer(self.text))  # by runs: C does the per-character work
            for run in runs:
                self._kept.extend(range(run.start(), run.end()))
            self._squeezed = "".join(run.group() for run in runs)
        return self._squeezed, self._kept

    def terms(self, term_re: re.Pattern[str], start: int, end: int) -> list[tuple[int, str]]:
        """Label terms wholly inside squeezed [start, end), as (end relative to start, term).

        Found once per text and label set: every number's window is then a bisect, and no window can
        cut a label in half.
        """
        found = self._terms.get(id(term_re))
        if found is None:
            squeezed, _ = self.squeezed()
            spans = [(o.start(), o.end(), o.group()) for o in term_re.finditer(squeezed)]
            found = self._terms[id(term_re)] = ([a for a, _, _ in spans], spans)
        starts, spans = found
        i = bisect.bisect_left(starts, start)
        out = []
        for a, b, term in spans[i:]:
            if a >= end:
                break
            if b <= end:
                out.append((b - start, term))
        return out

    def raw_at(self, squeezed_at: int) -> int:
        """Position in the text of the squeezed character at `squeezed_at`."""
        return self._kept[squeezed_at]

    def raw_after(self, squeezed_end: int) -> int:
        """Position in the text just after the squeezed character at `squeezed_end` − 1."""
        return self._kept[squeezed_end - 1] + 1

    def sentence_start(self, at: int) -> int:
        i = bisect.bisect_right(self.stops, at) - 1
        return self.stops[i] if i >= 0 else 0

    def sentence_end(self, at: int) -> int:
        i = bisect.bisect_left(self.stops, at + 1)
        return self.stops[i] if i < len(self.stops) else len(self.text)

    def line(self, start: int, end: int) -> str:
        i = bisect.bisect_left(self.lines, start)
        line_start = self.lines[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(self.lines, end)
        line_end = self.lines[j] if j < len(self.lines) else len(self.text)
        return self.text[line_start:line_end]


# a pinyin gloss inside a word, as some pages print rare or traditional characters: 服務(wù)體系
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = re.compile(
    rf"(?<=[\u4e00-\u9fff])[(（](?:[a-zü]*[{_TONED}][a-zü{_TONED}]*|[a-zü]{{1,6}}(?=[)）][\u4e00-\u9fff]))[)）]"
)


def segment(text: str) -> Doc:
    """The layout stage: the text as the checker reads it, its sentences, lines and tables found once.

    預算 reads as 预算 and a pinyin gloss (wù) is layout, read as the squeezed copy's ignored "·", so
    公共文化服務(wù)體系 names 公共文化服务体系: one character for one, every span found is the text's own.
    """
    simple = to_simplified(text)
    if "(" in simple or "（" in simple:
        simple = _GLOSS.sub(lambda m: "·" * len(m.group()), simple)
    return Doc(simple)


def squeeze(text: str) -> str:
    return _SQUEEZE.sub("", text)


_NOT_WORDS = re.compile(r"[\s“”\"‘’'「」『』《》〈〉（）()\[\]【】·\d.%万元余多近约]")


def bigrams(text: str) -> set[str]:
    s = _NOT_WORDS.sub("", text)
    return {s[i : i + 2] for i in range(len(s) - 1)}


_HEADER_TRIGGERS = ("预算数", "执行数", "分值", "指标值", "完成值", "得分")
_CELL = re.compile(r"^\s*(?:[-－—–/／]+|\d[\d,]*(?:\.\d+)?\s*%?)\s*$")
_FRAGMENT = re.compile(r"^[^\d/／]{1,12}$")


def column_measure(doc: Doc, m: Mention, label_end: int) -> str | None:
    """In a flattened table (one cell per line), the column a number cell stands in.

    The header is the nearest run of header cells before it (预算数/执行数/分值/指标值 …, a cell broken
    over two lines joined: 年初 / 预算数); the column is the count of cells between the row's label
    (ending at `label_end`) and this one, counted over the header's figure columns.
    """
    text = doc.text
    header_at = max(text.rfind(w, max(0, m.start - 3000), m.start) for w in _HEADER_TRIGGERS)
    if header_at < 0 or header_at < label_end - 3000:
        return None
    line_start = text.rfind("\n", 0, header_at) + 1
    columns = doc.headers.get(line_start)
    if columns is None:
        columns = doc.headers[line_start] = _header(text, line_start)
    if label_end < line_start:
        return None  # the label stands before the header: another table
    own_line = text.rfind("\n", 0, m.start) + 1
    cells = [c for c in text[label_end:own_line].split("\n")[1:] if c.strip()]
    if any("。" in c or len(c.strip()) > 60 for c in cells):
        return None
    measure = columns[len(cells)] if len(cells) < len(columns) else None
    return measure if measure not in (None, "text") else None


def _header(text: str, line_start: int) -> list[str]:
    """The measures of a flattened header's figure columns, in order (label columns left out)."""
    while line_start > 0:  # back to the header's first cell
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        prev = text[prev_start : line_start - 1].strip()
        if prev and not _FRAGMENT.match(prev):
            break
        line_start = prev_start
    cells = [c.strip() for c in text[line_start : line_start + 600].split("\n") if c.strip()]
    columns: list[str] = []
    k = 0
    while k < len(cells):
        cell = cells[k]
        if not _FRAGMENT.match(cell):
            if columns:
                break
            k += 1
            continue
        nxt = cells[k + 1] if k + 1 < len(cells) else ""
        joined = cell + nxt
        if nxt and _FRAGMENT.match(nxt) and not is_label_header(nxt) and header_measure(cell) is None:
            if header_measure(joined) is not None:
                cell, k = joined, k + 1  # a header cell broken over two lines (年初 / 预算数)
        measure = header_measure(cell)
        if measure is not None:
            columns.append(measure)
        elif columns and not is_label_header(cell) and len(cell) > 6:
            break
        k += 1
    return columns


def in_text_cell(text: str, at: int, limit: int) -> bool:
    """Does the term ending at `at` stand in a text cell rather than a row label?

    A text cell is prose (it holds 。) or has its own number after the term on its line.
    """
    line_end = text.find("\n", at, limit)
    line_end = line_end if line_end >= 0 else limit
    # a name may end in 。 itself (…无超出规定用途的支出。): only what follows the term counts
    return "。" in text[at:line_end].lstrip("。") or bool(_DIGIT.search(text, at, line_end))


def closed_aside(text: str, at: int, limit: int) -> bool:
    """Does a parenthesis open before `at` close between `at` and `limit`? (The term stands in an aside.)

    基本支出612.37万元（人员经费498.65万元，公用经费113.72万元），占5.83%: 公用经费 is inside the
    aside, so the 占 is said of 基本支出.
    """
    close = min((i for i in (text.find("）", at, limit), text.find(")", at, limit)) if i >= 0), default=-1)
    if close < 0:
        return False  # nothing closes: no aside (the common case, found by C)
    depth = 0
    for c in text[at : close + 1]:
        if c in "（(":
            depth += 1
        elif c in "）)":
            depth -= 1
            if depth < 0:
                return True
    return False
