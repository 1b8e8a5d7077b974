"""The scanner: every number in a text, in one pass, quantities and non-quantities alike.

Here the spans where a figure measures nothing are found first (page furniture, dates and document
numbers, the lexicon's names), then every other figure is handed to drafter.numbers.figure, which
decides what it is.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping

from drafter.numbers.figure import YI_WORD_HEADS, ignored, read_arabic, read_chinese
from drafter.numbers.furniture import Furniture, Shape, find_furniture
from drafter.numbers.mention import Mention
from drafter.numbers.vocabulary import (
    CANDIDATE,
    CN_CHARS,
    SPECIAL,
    Kind,
    fold_fullwidth,
    lexicon_regex,
    lexicon_terms,
)

# ---------------------------------------------------------------- the scanner


def extract(text: str, lexicon: Iterable[str] | Mapping[str, Iterable[str]] | None = None) -> list[Mention]:
    """Every number in `text`, in order, quantities and non-quantities alike.

    Three steps: the spans a figure inside cannot measure anything in (page furniture, dates and
    document numbers, names of the lexicon), then every other figure, read where it stands.
    """
    norm = fold_fullwidth(text)
    regex, reasons = lexicon_regex(lexicon_terms(lexicon))
    furniture = find_furniture(norm)
    held = [(f.start, f.end) for f in furniture]
    specials = _specials(text, norm, held)
    furniture, specials, names = _names(text, norm, regex, reasons, furniture, held, specials)
    mentions = [ignored(text, f.start, f.end, f.kind, f.reason) for f in furniture] + specials + names
    _add_figures(text, norm, mentions)
    mentions.sort(key=lambda x: x.start)
    return mentions


# what a match of SPECIAL is, by its group: (kind, reason)
_SPECIAL_KINDS: dict[str | None, tuple[Kind, str]] = {
    "docno": ("code", "document number"),
    "festival": ("date", "named day (月·日)"),
    "generation": ("proper", "generation (00后)"),
}
_ANNIVERSARY: tuple[Kind, str] = ("proper", "anniversary")


def _specials(text: str, norm: str, held: list[tuple[int, int]]) -> list[Mention]:
    """Dates, document numbers and 00后 outside the furniture: few in any report."""
    held_starts = [s for s, _ in held]
    specials: list[Mention] = []
    for m in SPECIAL.finditer(norm):
        if held and _overlaps(held, held_starts, m.start(), m.end()):
            continue
        kind, reason = _SPECIAL_KINDS.get(m.lastgroup, _ANNIVERSARY)
        specials.append(
            Mention(
                m.start(),
                m.end(),
                text[m.start() : m.end()],
                kind,
                reason=reason,
                num_start=m.start(),
                num_end=m.end(),
            )
        )
    return specials


def _names(
    text: str,
    norm: str,
    regex: re.Pattern[str],
    reasons: Mapping[str, str],
    furniture: list[Furniture],
    held: list[tuple[int, int]],
    specials: list[Mention],
) -> tuple[list[Furniture], list[Mention], list[Mention]]:
    """The lexicon's names in `norm`, and the furniture and specials left where a name holds them.

    A name wins over furniture only where it holds whole identifiers (4K演播室二期设备购置 holds 4K),
    and over a special only where it holds more (乐财预[2024]2 号, 6·26国际禁毒日).
    """
    held_starts = [s for s, _ in held]
    names: list[Mention] = []
    for m in regex.finditer(norm):
        start, end = m.span()
        if held and _overlaps(held, held_starts, start, end):
            # 12345 inside a phone number or a URL; but a name of the data that holds an identifier
            # whole (4K演播室二期设备购置 holds 4K) is the name, 二期 and all
            inner = [x for x in furniture if x.start < end and start < x.end]
            if not _holds_whole(inner, start, end) or not all(x.shape is Shape.IDENT for x in inner):
                continue
            furniture = [x for x in furniture if x not in inner]
        if not _names_a_number(norm, m.group(), start):
            continue
        clash = [x for x in specials if x.start < end and start < x.end]
        if clash:  # a listed name wins only where it holds more: 乐财预[2024]2 号, 6·26国际禁毒日
            if not _holds_whole(clash, start, end):
                continue
            specials = [x for x in specials if x not in clash]
        names.append(
            Mention(
                start, end, text[start:end], "proper", reason=reasons[m.group()], num_start=start, num_end=end
            )
        )
    return furniture, specials, names


def _holds_whole(spans: Iterable[Furniture | Mention], start: int, end: int) -> bool:
    """Does [start, end) hold each of `spans` whole, and more than it?"""
    return all(start <= x.start and x.end <= end and x.end - x.start < end - start for x in spans)


def _names_a_number(norm: str, name: str, start: int) -> bool:
    """Is a lexicon match at `start` a name holding a number (not 统一批复's 一批, not a word without one)?"""
    if name[0] == "一" and norm[start - 1 : start] in YI_WORD_HEADS:
        return False  # 统一批复 holds no 一批
    return any(c.isdigit() or c in CN_CHARS or c == "双" for c in name)


def _add_figures(text: str, norm: str, mentions: list[Mention]) -> None:
    """Every figure outside the spans of `mentions`, read where it stands and added to them."""
    taken = sorted((x.start, x.end) for x in mentions)
    starts = [s for s, _ in taken]
    pos = 0
    for m in CANDIDATE.finditer(norm):
        if m.start() < pos or _inside(taken, starts, m.start()):
            continue
        found = read_arabic(text, norm, m) if m.group("ar") else read_chinese(text, norm, m)
        for one in found if isinstance(found, list) else [found] if found is not None else []:
            if one.start < pos or _overlaps(taken, starts, one.start, one.end):
                continue  # a range or hedge reaching into a name (3-12338人): the name wins
            mentions.append(one)
            pos = one.end


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Does [start, end) meet any of `spans` (sorted, non-overlapping)?"""
    i = bisect.bisect_left(starts, end) - 1
    return i >= 0 and spans[i][1] > start


def _inside(spans: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


def quantities(
    text: str, lexicon: Iterable[str] | Mapping[str, Iterable[str]] | None = None
) -> list[Mention]:
    """The mentions of `text` that are quantities."""
    return [m for m in extract(text, lexicon) if m.is_quantity]
