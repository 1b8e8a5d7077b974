"""Mention.distinctive: which figures are specific enough to suggest copying from another report."""

from __future__ import annotations

import pytest

from drafter.numbers import quantities


@pytest.mark.parametrize(
    ("text", "distinctive"),
    [
        ("534.51万元", True),
        ("96769.85元", True),
        ("94.09%", True),
        ("1234人", True),
        ("12.5%", True),
        ("3.65万元", True),
        ("238场", True),
        ("0元", False),
        ("2人", False),
        ("04个", False),
        ("10个", False),
        ("100%", False),
        ("100.00%", False),
        ("1200人", False),  # round: two significant digits
        ("20.00万元", False),
        ("3.5分", False),
    ],
)
def test_distinctive(text: str, distinctive: bool) -> None:
    (m,) = quantities(text)
    assert m.distinctive is distinctive
