"""``jreject data``: show where the browser data comes from, or update it from npm."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from jreject.cli.output import console, error_console, fail

__all__ = ["register", "status_record"]

STATUS_EPILOG = """\
Examples:

  jreject data status

  jreject data status --json

Shows the browser data in use (bundled, or the copy `jreject data update` installed),
its versions and age, and the bot lists in use. Warnings (stale data, a hand-kept table
due for review, an installed bots.json that cannot be used) go to standard error.

Exit status: 0, warnings or not; 2 when the browser data cannot be loaded.
"""

UPDATE_EPILOG = """\
Examples:

  jreject data update

  jreject data update --registry https://npm.example.com

  jreject data update --offline caniuse-lite-1.0.30001900.tgz

Exit status: 0 on success, 1 when the update failed (the data in use is unchanged, or the
message says what was installed),
2 for arguments that cannot work (an --offline file that is missing, given twice, or
of a package an update does not read; --registry with --offline; a registry that is
not an http(s) URL).
"""


def register(app: typer.Typer) -> None:
    """Add the ``data`` command group (``status``, ``update``) to ``app``."""
    group = typer.Typer(
        help="Browser data: where it comes from, how old it is, and updates from npm.",
        no_args_is_help=True,
    )
    group.command(epilog=STATUS_EPILOG)(status)
    group.command(epilog=UPDATE_EPILOG)(update)
    app.add_typer(group, name="data")


def status_record() -> dict[str, Any]:
    """What ``jreject data status --json`` prints."""
    from jreject.data import data_age_warning, load, tables_age_warning
    from jreject.data.bots import bot_data_source, load_bot_data

    data = load()
    bot_sources = load_bot_data()["sources"]
    in_use = bot_data_source()
    return {
        "source": data.source,
        "caniuse_lite": data.caniuse_lite,
        "browserslist": data.browserslist,
        "baseline_browser_mapping": data.baseline_browser_mapping,
        "generated": data.generated,
        "newest_release": data.latest_release.date().isoformat() if data.latest_release else None,
        "firefox_esr": list(data.firefox_esr),
        "browsers": len(data.agents),
        "warning": data_age_warning(),
        "tables_warning": tables_age_warning(),
        "bots": {name: source["version"] for name, source in bot_sources.items()},
        "bots_source": str(in_use.path or "bundled"),
        "bots_rejected": (
            {"path": str(in_use.rejected), "reason": in_use.reason} if in_use.rejected else None
        ),
    }


def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON object.")] = False,
) -> None:
    """Show which data is in use, its source versions and its age."""
    try:
        record = status_record()
    except (OSError, ValueError) as exc:
        fail(f"the browser data cannot be loaded: {exc}")
    if as_json:
        typer.echo(json.dumps(record, indent=2))
        return
    from rich.markup import escape

    out = console()
    out.print(f"source:          {record['source']}")
    out.print(f"caniuse-lite:    {record['caniuse_lite']}")
    out.print(f"browserslist:    {record['browserslist']}")
    out.print(f"baseline:        {record['baseline_browser_mapping']}")
    out.print(f"newest release:  {record['newest_release']}")
    out.print(f"generated:       {record['generated']}")
    bots = ", ".join(f"{name} {version}" for name, version in record["bots"].items())
    out.print(f"bots:            {bots} ({record['bots_source']})", highlight=False, soft_wrap=True)
    for key in ("warning", "tables_warning"):
        if record[key]:
            error_console().print(f"[yellow]{record[key]}[/]", soft_wrap=True)
    if record["bots_rejected"]:
        error_console().print(
            f"[yellow]{escape(_rejected_bots(record['bots_rejected']))}[/]", soft_wrap=True
        )


def _rejected_bots(rejected: dict[str, str]) -> str:
    return (
        f"jreject: the installed bot data {rejected['path']} cannot be used "
        f"({rejected['reason']}): the bundled bot data is in use. "
        "Run `jreject data update` to install it again."
    )


def update(
    registry: Annotated[
        str | None,
        typer.Option(
            "--registry",
            help="npm registry URL (default: $JREJECT_NPM_REGISTRY or registry.npmjs.org).",
            show_default=False,
        ),
    ] = None,
    offline: Annotated[
        list[Path] | None,
        typer.Option(
            "--offline",
            help="Install from downloaded npm tarballs (caniuse-lite, and optionally "
            "baseline-browser-mapping, and isbot with crawler-user-agents and "
            "es6-crawler-detect) instead of "
            "the registry. Repeatable.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Fetch the newest caniuse-lite, baseline-browser-mapping and bot lists; install them."""
    from rich.markup import escape

    from jreject.data.update import PartialUpdateError, UpdateError, UpdateUsageError
    from jreject.data.update import update as run_update

    try:
        result = run_update(registry=registry, offline=offline or None)
    except UpdateUsageError as exc:
        fail(f"{exc}; nothing was changed")
    except PartialUpdateError as exc:
        error_console().print(
            f"[bold red]jreject: update incomplete:[/] {escape(str(exc))}", soft_wrap=True
        )
        raise typer.Exit(1) from None
    except UpdateError as exc:
        error_console().print(
            f"[bold red]jreject: update failed:[/] {escape(str(exc))}\n"
            "The data in use is unchanged.",
            soft_wrap=True,
            markup=True,
        )
        raise typer.Exit(1) from None
    console().print(
        f"installed caniuse-lite {result.caniuse_lite} (was {result.previous}), "
        f"baseline-browser-mapping {result.baseline_browser_mapping}"
        + (f", {result.bots}" if result.bots else "")
        + f"\ninto {result.path}",
        soft_wrap=True,
        highlight=False,
        markup=False,
    )
