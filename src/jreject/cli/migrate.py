"""``jreject migrate``: jReject options or the Drupal module's settings → jreject.toml."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jreject.cli.output import cannot_write, error_console, fail, standard_input

if TYPE_CHECKING:
    from jreject.migrate import Migration

__all__ = ["Source", "register", "summary"]

EPILOG = """\
Examples:

  jreject migrate jreject-options.json > jreject.toml

  jreject migrate page-snippet.js --output jreject.toml

  drush vget jreject --format=json | jreject migrate - > jreject.toml

The input may be JSON, a JavaScript object literal or a whole $.reject({...}) call.
See docs/migrate.md.
"""


class Source(StrEnum):
    """What the input is."""

    auto = "auto"
    jquery = "jquery"
    drupal = "drupal"


def register(app: typer.Typer) -> None:
    """Add the ``migrate`` command to ``app``."""
    app.command(epilog=EPILOG)(migrate)


def migrate(
    source: Annotated[
        str, typer.Argument(help="The options or settings file; - reads standard input.")
    ],
    kind: Annotated[
        Source,
        typer.Option(
            "--from",
            help="jquery: $.reject() options; drupal: the module's settings (drush export); "
            "auto: Drupal when the keys start with jreject_.",
        ),
    ] = Source.auto,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of standard output."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --output.")] = False,
) -> None:
    """Write the jreject.toml equivalent of a jReject configuration, explaining every option."""
    from jreject.migrate import (
        DrupalError,
        OptionsError,
        migrate_drupal,
        migrate_options,
        read_options,
        read_settings,
        render,
    )
    from jreject.migrate.drupal import looks_like_drupal, looks_like_drupal_text

    text = _read(source)
    name = "standard input" if source == "-" else Path(source).name
    try:
        # An export that names the module's variables but does not parse is a broken
        # Drupal export: its parse error says more than "no options object found".
        drupal = kind is Source.drupal or (
            kind is Source.auto
            and (_drupal(text, looks_like_drupal) or looks_like_drupal_text(text))
        )
        if drupal:
            migration = migrate_drupal(read_settings(text), source=f"Drupal settings in {name}")
        else:
            migration = migrate_options(read_options(text), source=f"jReject options in {name}")
        toml = render(migration)
    except (OptionsError, DrupalError) as error:
        fail(f"{name}: {error}")
    except ValueError as error:  # the migrated file would not load: a value jreject refuses
        fail(f"{name}: cannot migrate: {error}")
    if output is None:
        sys.stdout.write(toml)
    else:
        if output.is_dir():
            fail(f"cannot write {output}: it is a directory")
        if output.exists() and not force:
            fail(f"{output} exists; add --force to overwrite it")
        try:
            output.write_text(toml, "utf-8")
        except OSError as error:
            fail(cannot_write(output, error))
    error_console().print(
        f"jreject migrate: {summary(migration)}{'' if output is None else f'; wrote {output}'}",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )


def summary(migration: Migration) -> str:
    """``1 reject key (2 more as comments), 3 options explained in comments``."""
    written = sum(rule.active and rule.value is not None for rule in migration.rules)
    commented = len(migration.rules) - written
    more = f" ({commented} more as comments)" if commented else ""
    return (
        f"{_count(written, 'reject key')}{more}, "
        f"{_count(len(migration.notes), 'option')} explained in comments"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _read(source: str) -> str:
    try:
        data = standard_input().read() if source == "-" else Path(source).read_bytes()
    except OSError as error:
        fail(f"cannot read {source}: {error.strerror or error}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _drupal(text: str, looks_like_drupal: object) -> bool:
    from jreject.migrate import DrupalError, read_settings

    try:
        settings = read_settings(text)
    except DrupalError:
        return False
    return bool(looks_like_drupal(settings))  # type: ignore[operator]
