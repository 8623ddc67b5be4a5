"""``jreject init``: write a commented ``jreject.toml`` with the recommended policy."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from jreject.cli.output import cannot_write, console, fail

__all__ = ["init", "register"]

EPILOG = """\
Examples:

  jreject init                       # ./jreject.toml

  jreject init config/jreject.toml --force

The file holds the policy jreject applies when there is no configuration (IE and the
old Edge get a modal, anything a year of releases behind a banner, no one is blocked),
with comments saying how to change it. See docs/configuration.md.
"""


def register(app: typer.Typer) -> None:
    """Add the ``init`` command to ``app``."""
    app.command(epilog=EPILOG)(init)


def init(
    path: Annotated[
        Path, typer.Argument(help="Where to write the file; - prints it.", dir_okay=False)
    ] = Path("jreject.toml"),
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the file if it exists.")
    ] = False,
) -> None:
    """Write a commented jreject.toml with the recommended policy."""
    from jreject.config import ConfigError, load_config
    from jreject.policy.recommended import RECOMMENDED_TOML

    if str(path) == "-":  # as `-` reads standard input elsewhere, it prints here
        sys.stdout.write(RECOMMENDED_TOML)
        return
    if path.exists() and not force:
        fail(f"{path} already exists; use --force to overwrite it")
    try:
        path.write_text(RECOMMENDED_TOML, encoding="utf-8")
    except OSError as exc:
        fail(cannot_write(path, exc))
    try:
        load_config(path)  # what we write must load; a failure here is our bug
    except ConfigError as exc:  # pragma: no cover - guarded by the tests
        fail(f"the written file does not load: {exc}")
    console().print(f"wrote {path}: the recommended policy, with comments")
    console().print(f'try it: jreject check "<User-Agent>" --policy {path}')
