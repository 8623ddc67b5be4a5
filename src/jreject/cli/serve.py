"""``jreject serve``: the verdict service for nginx, Traefik and Envoy (docs/serve.md)."""

from __future__ import annotations

import stat
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from jreject.cli.output import fail, print_error

__all__ = ["LogFormat", "register"]

EPILOG = """\
Examples:

  jreject serve --config jreject.toml --port 8080 --workers 2

  jreject serve --uds /run/jreject.sock --log-format text

Endpoints: /healthz, /_jreject/auth/nginx, /_jreject/auth/traefik, /_jreject/auth/envoy/,
/_jreject/block, /_jreject/notice.js. See docs/serve.md for the proxy configurations.
"""


class LogFormat(StrEnum):
    """How log records are written to standard error."""

    json = "json"
    text = "text"


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""
    app.command(epilog=EPILOG)(serve)


#: uvicorn's start-up failure status, which docs/cli.md promises for an address in use.
_CANNOT_LISTEN = 3

_LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG", "TRACE")


def _check_uds(path: Path) -> None:
    if not path.parent.is_dir():
        fail(f"--uds {path}: the directory {path.parent} does not exist")
    # uvicorn removes the path when it stops, even after failing to bind over a file
    # that was there: a mistyped --uds (a pid file, a config) would be deleted.
    if path.exists() and not stat.S_ISSOCK(path.stat().st_mode):
        fail(f"--uds {path}: the file exists and is not a socket; give a new path")


def serve(
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            "-c",
            help="The jreject.toml (default: the nearest jreject.toml or pyproject.toml).",
            show_default=False,
        ),
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="Port.")] = 8080,
    uds: Annotated[
        str | None,
        typer.Option("--uds", help="Listen on this Unix socket instead.", show_default=False),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Worker processes (one per core).")
    ] = 1,
    log_format: Annotated[
        LogFormat, typer.Option("--log-format", help="json: one object per line.")
    ] = LogFormat.json,
    log_level: Annotated[str, typer.Option("--log-level", help="debug, info, warning…")] = "info",
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="Log every request.")
    ] = False,
    graceful_timeout: Annotated[
        int,
        typer.Option("--graceful-timeout", min=0, help="Seconds to finish requests on SIGTERM."),
    ] = 10,
    header_timeout: Annotated[
        float,
        typer.Option(
            "--header-timeout",
            min=0.1,
            help="Seconds a connection has to send a whole request (slow or idle clients).",
        ),
    ] = 10.0,
) -> None:
    """Answer nginx auth_request, Traefik forwardAuth and Envoy ext_authz with verdicts."""
    try:
        import uvicorn  # noqa: F401
    except ModuleNotFoundError:
        fail("jreject serve needs uvicorn: pip install 'jreject[serve]'")
    from jreject.config import ConfigError
    from jreject.serve.run import ServeOptions, run

    if config is not None and not config.is_file():
        fail(f"{config}: {'is a directory' if config.is_dir() else 'no such file'}")
    if uds is not None:
        _check_uds(Path(uds))
    if log_level.upper() not in _LOG_LEVELS:
        fail(f"--log-level {log_level!r}: expected one of {', '.join(_LOG_LEVELS).lower()}")
    options = ServeOptions(
        config=config,
        host=host,
        port=port,
        uds=uds,
        workers=workers,
        log_format=log_format.value,
        log_level=log_level.lower(),
        access_log=access_log,
        graceful_timeout=graceful_timeout,
        header_timeout=header_timeout,
    )
    try:
        run(options)  # validates the config before it binds the port
    except (ConfigError, ValueError, TypeError) as error:
        fail(str(error))
    except ImportError as error:  # the parser is warmed up before the port is bound
        fail(f"the User-Agent parser cannot be loaded ({error}); `jreject doctor` says what to fix")
    except OSError as error:
        # uvicorn exits 3 itself for a port it cannot bind, but lets a Unix socket's
        # error through: the same status, and the address rather than "the output".
        where = uds if uds is not None else f"{host}:{port}"
        print_error(f"cannot listen on {where}: {error.strerror or error}")
        raise typer.Exit(_CANNOT_LISTEN) from None
