from __future__ import annotations

import functools
from pathlib import Path

import pytest

from drafter.check import Grounder, make_grounder
from drafter.check.examples import example_numbers_for
from drafter.data.load import load_data
from drafter.data.model import ReportData

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ("hengyang-2023", "yuelu-2021", "laoting-2023", "ziyang-2021")


@functools.cache
def example(name: str) -> tuple[str, ReportData, Grounder]:
    """(report text, data, grounder) of an example, built once per test session."""
    data = load_data(EXAMPLES / name / "data.yaml")
    text = (EXAMPLES / name / "report.txt").read_text(encoding="utf-8")
    return text, data, make_grounder(data, example_numbers_for(data))


@pytest.fixture(params=NAMES)
def example_name(request: pytest.FixtureRequest) -> str:
    return request.param
