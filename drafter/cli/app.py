"""The `drafter` command: thin. Each command calls one library function and prints its result.

One typer app; each command group is its own module (check + facts, draft, eval, export + init,
regen + show + review) whose `register` adds its commands here. No command module imports this one:
what they share is in drafter.cli.common.

One error boundary (`main`) turns expected errors (DrafterError) into a message with a hint and exit
code 2; set DRAFTER_DEBUG=1 to see the traceback instead.
"""

from __future__ import annotations

import os
import sys

import typer
from rich.text import Text

import drafter.cli.check as check_commands
import drafter.cli.draft as draft_commands
import drafter.cli.evaluation as eval_commands
import drafter.cli.office as office_commands
import drafter.cli.review as review_commands
from drafter.cli.common import QuietWhenClosed, new_console
from drafter.errors import DrafterError
from drafter.io.limits import printable

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Draft and check 部门整体支出绩效自评报告: every number in the draft is proved against the data.",
    pretty_exceptions_enable=False,
)

GROUPS = (check_commands, draft_commands, eval_commands, office_commands, review_commands)
for group in GROUPS:  # in the order `drafter --help` lists them
    group.register(app)


def main() -> None:
    """Entry point: the app (which handles usage errors itself, exit 2) inside one error boundary."""
    if not isinstance(sys.stdout, QuietWhenClosed):
        sys.stdout = QuietWhenClosed(sys.stdout)  # type: ignore[assignment]
    try:
        app()
    except DrafterError as exc:
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        console = new_console(stderr=True)
        console.print(  # messages hold [ ] paths: no markup; and no terminal escapes from the input
            Text.assemble(("error: ", "bold red"), printable(exc.message))
        )
        if exc.hint:
            console.print(Text.assemble(("  hint: ", "bold"), printable(exc.hint)))
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
