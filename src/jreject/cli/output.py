"""Consoles and error exits shared by the commands."""

from __future__ import annotations

import errno
import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "USAGE_ERROR",
    "cannot_write",
    "console",
    "error_console",
    "fail",
    "print_error",
    "standard_input",
]

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


def standard_input() -> BinaryIO:
    """Standard input's bytes, for a ``-`` argument; exit 2 when the process was started
    without one (``<&-``, some service managers), where Python has no ``sys.stdin``."""
    if sys.stdin is None:
        fail("standard input is closed: give a file instead of -, or pipe into jreject")
    return sys.stdin.buffer


def cannot_write(path: Path, exc: OSError) -> str:
    """``cannot write PATH: why``, without Python's ``[Errno 2] …: 'PATH'`` repeating it.

    Writing a file fails with "no such file" only when its directory is missing: say that.
    """
    if exc.errno == errno.ENOENT:
        return f"cannot write {path}: no such directory: {path.parent}"
    return f"cannot write {path}: {exc.strerror or exc}"
