"""The deterministic checker: every number of a text grounded in the data."""

from drafter.check.ground import ExampleNumbers, Grounder, check, make_grounder
from drafter.check.result import CheckResult, Verdict

__all__ = ["CheckResult", "ExampleNumbers", "Grounder", "Verdict", "check", "make_grounder"]
