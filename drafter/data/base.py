"""The field types every part of the data model is built of: exact numbers, counts, strict models.

Split from drafter.data.model so that the model's parts (drafter.data.staff) share them without
importing the model.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from drafter.io.limits import MAX_DIGITS, NumberError, NumberProblem, bounded_decimal, number_problem


def _to_decimal(value: object) -> object:
    """Accept Decimal, int, or a numeric string ("83.6", "83.6%", "1,234.5"); refuse floats.

    Floats cannot hold 0.1 exactly; the loaders never produce them, so a float here means a caller
    bypassed the loaders. Refusing it keeps "numbers are exact" true for library users too.
    """
    if isinstance(value, bool):
        raise ValueError("expected a number, got a yes/no value")
    if isinstance(value, float):
        raise ValueError("floats are not accepted (inexact); pass a string or Decimal")
    if isinstance(value, int | Decimal):
        number = Decimal(value) if isinstance(value, int) else value
        problem = number_problem(number) if len(number.as_tuple().digits) <= MAX_DIGITS else "too many digits"
        if problem:
            raise ValueError(f"{problem}, got {_shown(str(value))}")
        return number
    if isinstance(value, str):
        text = value.strip().replace(",", "").removesuffix("%").removesuffix("％").strip()
        try:
            return bounded_decimal(text)
        except NumberError as exc:
            if exc.problem == NumberProblem.NOT_A_NUMBER:
                raise ValueError(f"expected a number, got {_shown(value)!s}") from None
            if exc.problem == NumberProblem.NOT_FINITE:
                raise ValueError(f"expected a finite number, got {_shown(value)}") from None
            raise ValueError(f"{exc}, got {_shown(value)}") from None
    return value


def _shown(text: str) -> str:
    """A value quoted for a message, cut short: a 100,000-digit number is not repeated in full."""
    return repr(text if len(text) <= 40 else text[:40] + "…")


Number = Annotated[Decimal, BeforeValidator(_to_decimal)]
Count = Annotated[int, Field(ge=0, le=999_999_999_999)]


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)
