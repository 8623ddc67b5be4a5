"""``jreject doctor``: is jreject installed and configured right here?

A thin layer over :mod:`jreject.health` and the integrations' reports: it imports the
Django settings / Flask app / ASGI app it is pointed at, runs their checks, and prints a
checklist with the fix for each problem.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from jreject.cli.output import console
from jreject.health import Check, ConfigSource, Report, run_checks
from jreject.health.checks import install_checks
from jreject.health.config import check_self_test

__all__ = ["Section", "diagnose", "import_app", "register"]

EPILOG = """\
Examples:

  jreject doctor

  jreject doctor --config deploy/jreject.toml --json

  jreject doctor --django-settings mysite.settings

  jreject doctor --flask-app shop:create_app --asgi-app api.main:app

Exit status: 0 healthy (warnings allowed), 1 when any check fails.
"""

#: How each status is shown: symbol and rich style.
MARKS: dict[str, tuple[str, str]] = {
    "ok": ("✔", "green"),
    "warning": ("⚠", "yellow"),
    "error": ("✖", "bold red"),
    "skipped": ("–", "dim"),
}
#: The statuses that are problems: shown with their id and fix.
PROBLEMS = ("warning", "error")
#: Names tried, in order, when an app path gives no attribute (as ``flask --app`` does).
APP_NAMES: tuple[str, ...] = ("app", "application", "create_app", "make_app")

Section = tuple[str, Report]


def register(app: typer.Typer) -> None:
    """Add the ``doctor`` command to ``app``."""
    app.command(epilog=EPILOG)(doctor)


def doctor(
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            "-c",
            help="The jreject.toml / pyproject.toml to check. Default: the nearest one "
            "upward from the current directory (skipped when an app option is given).",
            show_default=False,
        ),
    ] = None,
    django_settings: Annotated[
        str | None,
        typer.Option(
            "--django-settings",
            help="A Django settings module, e.g. mysite.settings: checks JREJECT and MIDDLEWARE.",
            show_default=False,
        ),
    ] = None,
    flask_app: Annotated[
        str | None,
        typer.Option(
            "--flask-app",
            help="A Flask app, 'module:app' or 'module:create_app' (called without arguments).",
            show_default=False,
        ),
    ] = None,
    asgi_app: Annotated[
        str | None,
        typer.Option(
            "--asgi-app",
            help="An ASGI app (Starlette, FastAPI, or wrapped by JRejectASGI), 'module:app'.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Check the installation, the data, the configuration and the middleware setup."""
    sections = diagnose(
        config=config, django_settings=django_settings, flask_app=flask_app, asgi_app=asgi_app
    )
    healthy = not any(report.errors for _, report in sections)
    if as_json:
        typer.echo(json.dumps(_as_json(sections, healthy), indent=2, ensure_ascii=False))
    else:
        _print(sections, healthy)
    raise typer.Exit(0 if healthy else 1)


def diagnose(
    *,
    config: Path | None = None,
    django_settings: str | None = None,
    flask_app: str | None = None,
    asgi_app: str | None = None,
    cwd: Path | None = None,
) -> list[Section]:
    """Every check, by section: the install once, then each configuration and app."""
    cwd = cwd or Path.cwd()
    # The same install checks as a framework's start-up (run_checks), said once.
    install = (*install_checks(), *check_self_test(None))
    sections: list[Section] = [("Installation", Report(install))]
    if config is not None:
        sections.append(("Configuration", run_checks(ConfigSource(path=config), install=False)[0]))
    elif not (django_settings or flask_app or asgi_app):
        found = ConfigSource(search_from=cwd)
        sections.append(("Configuration", run_checks(found, install=False)[0]))
    # The operator's code runs from here on: what it prints goes to standard error, so
    # that standard output stays the report (`--json > doctor.json`).
    with contextlib.redirect_stdout(sys.stderr):
        if django_settings:
            sections.append((f"Django settings {django_settings}", _django(django_settings, cwd)))
        if flask_app:
            sections.append((f"Flask app {flask_app}", _flask(flask_app, cwd)))
        if asgi_app:
            sections.append((f"ASGI app {asgi_app}", _asgi(asgi_app, cwd)))
    return sections


def import_app(path: str, cwd: Path) -> Any:
    """``module:attr`` (or ``module``, trying :data:`APP_NAMES`) → the object; factories called."""
    if str(cwd) not in sys.path:
        sys.path.insert(0, str(cwd))
    module_name, _, attr = path.partition(":")
    module = importlib.import_module(module_name)
    names = (attr,) if attr else APP_NAMES
    for name in names:
        target = getattr(module, name, None)
        if target is None:
            continue
        if name in ("create_app", "make_app") or attr.endswith("()"):
            return target()
        return target
    raise LookupError(f"{module_name} has no {' / '.join(names)}")


def _load_failed(kind: str, path: str, exc: BaseException, hint: str) -> Report:
    if isinstance(exc, SystemExit):
        why = f"it called sys.exit({exc.code!r})"
    else:
        why = f"{type(exc).__name__}: {exc}"
    return Report((Check("jreject.E006", "error", kind, f"cannot load {path}: {why}", hint),))


def _not_an_app(kind: str, path: str, target: object, expected: str, hint: str) -> Report:
    found = type(target).__name__
    return Report(
        (
            Check(
                "jreject.E006",
                "error",
                kind,
                f"{path} is not {expected}: it is a {found}",
                hint,
                {"type": found},
            ),
        )
    )


def is_asgi_app(target: object) -> bool:
    """Could ``target`` be an ASGI 3 app: a callable taking ``(scope, receive, send)``?

    Judged by its signature; one that cannot be read (some C callables) gets the benefit
    of the doubt, since the middleware checks below still say what they find.
    """
    if not callable(target):
        return False
    try:
        inspect.signature(target).bind(None, None, None)
    except TypeError:
        return False
    except ValueError:
        return True
    return True


def _django(module: str, cwd: Path) -> Report:
    try:
        import django  # type: ignore[import-untyped]
    except ImportError as exc:
        return _load_failed("Django", module, exc, "Install it: pip install 'jreject[django]'.")
    os.environ["DJANGO_SETTINGS_MODULE"] = module
    if str(cwd) not in sys.path:
        sys.path.insert(0, str(cwd))
    try:
        django.setup()
    except (Exception, SystemExit) as exc:  # a settings module may sys.exit()
        return _load_failed(
            "Django settings",
            module,
            exc,
            "Run doctor from the directory with manage.py, and give the dotted settings "
            "module (e.g. mysite.settings).",
        )
    from jreject.django.checks import django_report

    return django_report(install=False)


def _flask(path: str, cwd: Path) -> Report:
    hint = "Give 'module:app' or 'module:create_app', importable from this directory."
    try:
        app = import_app(path, cwd)
        from flask import Flask

        from jreject.flask import flask_report
    except (Exception, SystemExit) as exc:  # an app module may sys.exit()
        return _load_failed("Flask app", path, exc, hint)
    if not isinstance(app, Flask):
        return _not_an_app("Flask app", path, app, "a Flask app", hint)
    return flask_report(app, install=False)


def _asgi(path: str, cwd: Path) -> Report:
    hint = (
        "Give 'module:app' naming an ASGI app (called with scope, receive, send), "
        "importable from this directory."
    )
    try:
        app = import_app(path, cwd)
        from jreject.starlette import asgi_report
    except (Exception, SystemExit) as exc:  # an app module may sys.exit()
        return _load_failed("ASGI app", path, exc, hint)
    if not is_asgi_app(app):
        return _not_an_app("ASGI app", path, app, "an ASGI app", hint)
    return asgi_report(app, install=False)


def _as_json(sections: list[Section], healthy: bool) -> dict[str, Any]:
    from jreject._version import __version__

    checks = [
        {"section": name, **check.as_dict()} for name, report in sections for check in report.checks
    ]
    return {
        "healthy": healthy,
        "version": __version__,
        "errors": sum(c["status"] == "error" for c in checks),
        "warnings": sum(c["status"] == "warning" for c in checks),
        "checks": checks,
    }


def _print(sections: list[Section], healthy: bool) -> None:
    from rich.markup import escape

    out = console()
    for name, report in sections:
        out.print(f"[bold]{escape(name)}[/]")
        for check in report.checks:
            mark, style = MARKS[check.status]
            out.print(
                f"  [{style}]{mark}[/] [bold]{escape(check.title)}[/]: {escape(check.message)}"
                + (f" [dim]({check.id})[/]" if check.status in PROBLEMS else ""),
                soft_wrap=True,
            )
            if check.hint and check.status in PROBLEMS:
                out.print(f"      [cyan]→ {escape(check.hint)}[/]", soft_wrap=True)
        out.print()
    errors = sum(len(report.errors) for _, report in sections)
    warnings = sum(len(report.warnings) for _, report in sections)
    if healthy:
        tail = f", {warnings} warning(s)" if warnings else ""
        out.print(f"[green]✔ jreject is healthy here{tail}.[/]")
    else:
        out.print(
            f"[bold red]✖ {errors} error(s), {warnings} warning(s): fix the ✖ items above.[/]"
        )
