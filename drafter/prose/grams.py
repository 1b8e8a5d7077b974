"""Character n-grams and sentences: the units every prose finding is measured in.

Chinese has no word boundaries, so overlap is measured in characters. Punctuation and spaces are taken
out first: a copy with its commas moved, or an echo with its list markers dropped, is still a copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

GRAM = 8  # characters: two or three words; a shared 8-gram is rarely chance, a shared 4-gram often is
_NOISE = re.compile(r"[\s\u3000，。、；：！？“”‘’（）《》〔〕【】「」,.;:!?()\[\]\"'·…—\-*#|>`]+")
_SENTENCE = re.compile(r"[^。！？；!?;\n]+")


def bare(text: str) -> str:
    """The text without punctuation, spaces or markup: what overlap is measured on."""
    return _NOISE.sub("", text)


def grams(text: str, n: int = GRAM) -> set[str]:
    """The distinct character n-grams of `bare(text)` (a text shorter than n gives none)."""
    b = bare(text)
    return {b[i : i + n] for i in range(len(b) - n + 1)}


def gram_list(text: str, n: int = GRAM) -> list[str]:
    """All character n-grams of `bare(text)`, repeats included, in order."""
    b = bare(text)
    return [b[i : i + n] for i in range(len(b) - n + 1)]


def union(texts: Iterable[str], n: int = GRAM) -> set[str]:
    out: set[str] = set()
    for text in texts:
        out |= grams(text, n)
    return out


def sentences(text: str) -> list[str]:
    """Sentences and lines, stripped; a line break ends a sentence as 。 does."""
    return [s.strip(" \t，,：:") for s in _SENTENCE.findall(text) if s.strip(" \t，,：:")]


def share_in(
    text: str, pool: set[str], without: set[str] | frozenset[str] = frozenset(), n: int = GRAM
) -> tuple[float, int]:
    """Which share of `text`'s n-grams (those not in `without`) stand in `pool`, and how many were counted."""
    own = grams(text, n) - without
    if not own:
        return 0.0, 0
    return len(own & pool) / len(own), len(own)
