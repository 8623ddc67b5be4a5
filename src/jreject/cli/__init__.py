"""The ``jreject`` command line: one module per command, each a thin layer over library calls."""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

__all__ = ["COMMAND_MODULES", "app", "main"]

#: Each module defines ``register(app)``, which adds its command(s) to the Typer app.
COMMAND_MODULES: tuple[str, ...] = (
    "check",
    "demo",
    "query",
    "analyze",
    "data",
    "doctor",
    "serve",
    "migrate",
    "init",
    "preview",
    "export",
)

_MISSING_CLI = (
    "jreject: the command line needs the 'cli' extra (typer and rich).\n"
    "Install it with:  pip install 'jreject[cli]'\n"
)


def _build_app() -> typer.Typer:
    # Typer is imported here, not at module level, so that `main` can explain a
    # missing 'cli' extra instead of failing with an ImportError traceback.
    import typer

    from jreject._version import __version__

    app = typer.Typer(
        name="jreject",
        help="Decide on the server whether a visitor's browser is supported.",
        no_args_is_help=True,
        rich_markup_mode="rich",
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def version_callback(value: bool) -> None:
        if value:
            typer.echo(f"jreject {__version__}")
            raise typer.Exit()

    @app.callback()
    def root(
        version: bool = typer.Option(
            False,
            "--version",
            callback=version_callback,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ) -> None:
        """Decide on the server whether a visitor's browser is supported."""

    for name in COMMAND_MODULES:
        importlib.import_module(f"jreject.cli.{name}").register(app)
    return app


def __getattr__(name: str) -> object:
    if name == "app":
        return _build_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Console-script entry point."""
    try:
        app = _build_app()
    except ModuleNotFoundError as exc:
        if exc.name in {"typer", "rich", "click"}:
            sys.stderr.write(_MISSING_CLI)
            raise SystemExit(2) from None
        raise
    app()
