"""``jreject query``: resolve a browserslist query, printed as ``npx browserslist`` prints it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from jreject.cli.output import fail

__all__ = ["register"]

EPILOG = """\
Examples:

  jreject query "defaults and not dead"

  jreject query "> 1% in US, last 2 versions" --min

  jreject query --features css-grid,es6-module,fetch

  jreject query --json            # the project's .browserslistrc / package.json

  jreject query "> 0.5% in my stats" --stats browserslist-stats.json

Exit status: 0 on success, 2 for a query or config error.
"""


def register(app: typer.Typer) -> None:
    """Add the ``query`` command to ``app``."""
    app.command(epilog=EPILOG)(query)


def query(
    queries: Annotated[
        str | None,
        typer.Argument(
            help="A browserslist query; without one, the project's config or `defaults`.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help='Print {"browsers": [...]} as npx browserslist --json.')
    ] = False,
    minimum: Annotated[
        bool, typer.Option("--min", help="Print only the oldest selected version per browser.")
    ] = False,
    features: Annotated[
        str | None,
        typer.Option(
            "--features",
            help="Comma-separated caniuse feature ids: print the minimum version per browser "
            "that supports them all.",
            show_default=False,
        ),
    ] = None,
    partial: Annotated[
        bool, typer.Option("--partial", help="With --features, count partial support.")
    ] = False,
    mobile_to_desktop: Annotated[
        bool, typer.Option("--mobile-to-desktop", help="Use desktop versions for mobile agents.")
    ] = False,
    ignore_unknown_versions: Annotated[
        bool, typer.Option("--ignore-unknown-versions", help="Skip unknown versions, no error.")
    ] = False,
    env: Annotated[
        str | None, typer.Option("--env", help="Config environment (section) to use.")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Read queries from this config file.")
    ] = None,
    path: Annotated[
        Path | None,
        typer.Option("--path", help="Look for the config from here upward (default: cwd)."),
    ] = None,
    stats: Annotated[
        Path | None,
        typer.Option(
            "--stats",
            help="Usage file for 'in my stats' (browserslist's format, e.g. written by "
            "jreject analyze --browserslist-stats). Default: $BROWSERSLIST_STATS or a "
            "browserslist-stats.json found upward.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Resolve a browserslist query with the bundled caniuse data."""
    from jreject.browserslist import BrowserslistError, Options, browserslist
    from jreject.browserslist.features import feature_minimums, minimum_versions

    if features is not None and queries is not None:
        fail("give a query or --features, not both: --features answers for the features alone")
    try:
        if features is not None:
            names = [name.strip() for name in features.split(",") if name.strip()]
            if not names:
                fail("--features needs at least one caniuse feature id, e.g. css-grid,fetch")
            browsers = feature_minimums(names, partial=partial, mobile_to_desktop=mobile_to_desktop)
        else:
            opts = Options(
                mobile_to_desktop=mobile_to_desktop,
                ignore_unknown_versions=ignore_unknown_versions,
                path=str(path or os.getcwd()),
                env=env,
                config=str(config) if config else None,
                stats=str(stats) if stats else None,
            )
            browsers = browserslist(queries, opts)
            if minimum:
                browsers = minimum_versions(browsers)
    except BrowserslistError as exc:
        fail(str(exc))
    if as_json:
        typer.echo(json.dumps({"browsers": browsers}, indent=2))
    else:
        for browser in browsers:
            typer.echo(browser)
