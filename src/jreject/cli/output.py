"""Consoles and error exits shared by the commands."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["USAGE_ERROR", "console", "error_console", "fail", "print_error"]

#: Exit status for usage and configuration errors (1 means "rejected" for check).
USAGE_ERROR = 2


@functools.cache
def console() -> Console:
    """The console for results (standard output)."""
    from rich.console import Console

    return Console(highlight=False)


@functools.cache
def error_console() -> Console:
    """The console for messages (standard error)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def fail(message: str) -> NoReturn:
    """Print ``jreject: error: message`` to stderr and exit with status 2 (no traceback)."""
    print_error(message)
    raise typer.Exit(USAGE_ERROR)


def print_error(message: str) -> None:
    """Print ``jreject: error: message`` to stderr."""
    from rich.markup import escape

    # The message quotes user input (file names, header values): never read it as markup.
    error_console().print(f"[bold red]jreject: error:[/] {escape(message)}", soft_wrap=True)
