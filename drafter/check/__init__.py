"""The deterministic checker: every number of a text grounded in the data.

The pipeline (drafter.check.ground.check): segment → mentions → bind → verdict → later passes.
"""

from drafter.check.causes import Cause
from drafter.check.ground import ExampleNumbers, Grounder, check, make_grounder
from drafter.check.result import Binding, BindKind, CheckResult, Verdict

__all__ = [
    "BindKind",
    "Binding",
    "Cause",
    "CheckResult",
    "ExampleNumbers",
    "Grounder",
    "Verdict",
    "check",
    "make_grounder",
]
