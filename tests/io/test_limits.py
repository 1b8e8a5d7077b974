"""The input limits one by one (the fault matrix in tests/faults runs them through the CLI)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.io.limits import (
    DuplicateKey,
    LimitError,
    bounded_decimal,
    json_line_index,
    number_problem,
    printable,
    strip_controls,
)


@pytest.mark.parametrize("text", ["999999999999", "999999999999.999999", "0.000001", "-5", "1E+11", "0"])
def test_figures_within_the_limits(text: str) -> None:
    assert number_problem(Decimal(text)) is None
    assert bounded_decimal(text) == Decimal(text)


@pytest.mark.parametrize("text", ["1000000000000", "0.0000001", "1E+12", "1e30", "1e-400", "Infinity", "NaN"])
def test_figures_beyond_the_limits(text: str) -> None:
    with pytest.raises(ValueError):
        bounded_decimal(text)


def test_too_many_digits_are_refused_before_decimal_sees_them() -> None:
    with pytest.raises(ValueError, match="too many digits"):
        bounded_decimal("1" * 1_000_000)


def test_control_characters() -> None:
    assert strip_controls("a\x1b[31mb\r\nc\u202ed\te") == "a[31mb\ncd\te"
    assert printable("a\x1bb\n") == "a\\x1bb\n"


def test_json_index_names_lines_and_paths() -> None:
    text = '{\n  "unit": {"name": "a"},\n  "list": [\n    1,\n    {"x": 2}\n  ]\n}'
    lines = json_line_index(text)
    assert lines[("unit",)] == 2 and lines[("unit", "name")] == 2
    assert lines[("list", 0)] == 4 and lines[("list", 1, "x")] == 5


def test_json_index_limits() -> None:
    with pytest.raises(DuplicateKey):
        json_line_index('{"a": 1, "b": {"c": 1}, "a": 2}')
    json_line_index('{"a": {"k": 1}, "b": {"k": 1}}')  # the same key in two objects is fine
    with pytest.raises(LimitError, match="nested"):
        json_line_index("[" * 100 + "]" * 100)
    with pytest.raises(LimitError, match="digits"):
        json_line_index('{"a": ' + "1" * 40 + "}")
