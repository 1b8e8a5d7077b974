"""Expected errors: each says what went wrong and how to fix it.

The CLI has one error boundary that prints these as a message and an exit code; anything else is a
bug and shows a traceback (always with DRAFTER_DEBUG=1).
"""

from __future__ import annotations


class DrafterError(Exception):
    """An error the user can fix. `hint` says how."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"


class InputError(DrafterError):
    """A data file, report file or option is unusable: names the file, field and what was expected."""


class ModelError(DrafterError):
    """The model endpoint failed in a way the user has to act on (unreachable, key, model name...)."""
