"""fold_fullwidth: the fast path of full-width folding gives exactly what str.translate gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from drafter.numbers.vocabulary import FULLWIDTH, fold_fullwidth

_ALPHABET = "０１２３４５６７８９．％－～萬億個兩點項場條年预算万元 1.5%"


@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_fold_fullwidth_is_translate(text: str) -> None:
    assert fold_fullwidth(text) == text.translate(FULLWIDTH)


def test_a_text_in_full_width_throughout() -> None:
    text = "０１２３４５６７８９．％－～萬億個" * 50
    assert fold_fullwidth(text) == text.translate(FULLWIDTH)
