"""The `drafter` command line: one typer app, one module per command group (see drafter.cli.app)."""

from drafter.cli.app import app, main

__all__ = ["app", "main"]
