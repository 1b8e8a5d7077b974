"""A numeral changed inside a phrase (三级联动 -> 四级联动, 七大文化 -> 八大文化, 两地 -> 三地) is checked.

The lexicon shields a phrase only as written; the changed one is a number again, and the checker flags it.
"""

from __future__ import annotations

import pytest

from drafter.check import check
from tests.check.conftest import example


@pytest.mark.parametrize(
    ("name", "phrase", "changed", "figure"),
    [
        ("ziyang-2021", "三级联动", "四级联动", "四级"),
        ("ziyang-2021", "七大文化", "八大文化", "八大"),
        ("hengyang-2023", "两地妇联", "三地妇联", "三地"),
        ("hengyang-2023", "四级执委", "五级执委", "五级"),
    ],
)
def test_a_changed_numeral_in_a_phrase_is_flagged(name: str, phrase: str, changed: str, figure: str) -> None:
    text, _, grounder = example(name)
    assert phrase in text
    verdicts = check(text.replace(phrase, changed, 1), grounder).verdicts
    hit = [v for v in verdicts if v.mention.text.strip() == figure]
    assert hit, f"{figure} not read as a number"
    assert all(v.verdict not in ("ok", "ignored") for v in hit)


@pytest.mark.parametrize(("name", "phrase"), [("ziyang-2021", "三级联动"), ("hengyang-2023", "两地妇联")])
def test_the_phrase_as_written_passes(name: str, phrase: str) -> None:
    text, _, grounder = example(name)
    start = text.index(phrase)
    verdicts = check(text, grounder).verdicts
    at = [v for v in verdicts if v.mention.start <= start < v.mention.end]
    assert at and all(v.verdict in ("ok", "ignored") for v in at)
