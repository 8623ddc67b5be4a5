"""Run the verdict service under uvicorn: validate first, then start the workers.

uvicorn's workers are separate processes that import the app by name
(:func:`jreject.serve.app.create_app`), so the configuration travels to them as a
path in ``JREJECT_CONFIG``. It is loaded and validated here first: a mistake stops
``jreject serve`` with the file, line and key before any port is bound.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from jreject.config import find_config
from jreject.serve.app import VerdictService
from jreject.serve.deadline import protocol
from jreject.serve.logs import log_config

__all__ = ["APP", "ServeOptions", "check_config", "run"]

#: The import string uvicorn's workers load (with ``factory=True``).
APP = "jreject.serve.app:create_app"


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """What ``jreject serve`` takes; the defaults suit one small machine behind a proxy."""

    config: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8080
    #: A Unix socket path instead of host and port (nginx: ``proxy_pass http://unix:…:``).
    uds: str | None = None
    workers: int = 1
    log_format: str = "json"
    log_level: str = "info"
    access_log: bool = False
    #: Seconds uvicorn waits for requests in flight after SIGTERM before closing them.
    graceful_timeout: int = 10
    #: Seconds a connection has to deliver a whole request, from when it opens or from
    #: the end of its previous answer (:mod:`jreject.serve.deadline`).
    header_timeout: float = 10.0


def check_config(path: Path | None) -> Path | None:
    """The config file to serve (``path``, else the nearest one), validated by building the app.

    Raises :class:`jreject.config.ConfigError` (or ``ValueError`` naming the key).
    """
    found = path if path is not None else find_config()
    VerdictService(str(found) if found is not None else None)
    return found.resolve() if found is not None else None


def run(options: ServeOptions) -> None:
    """Serve until SIGINT/SIGTERM; uvicorn then stops accepting, finishes what it has, exits."""
    import uvicorn

    found = check_config(options.config)
    if found is not None:
        os.environ["JREJECT_CONFIG"] = str(found)
    else:
        os.environ.pop("JREJECT_CONFIG", None)
    uvicorn.run(
        APP,
        # uvicorn calls it as it calls a protocol class (config=…, server_state=…).
        http=protocol(options.header_timeout),  # type: ignore[arg-type]
        factory=True,
        host=options.host,
        port=options.port,
        uds=options.uds,
        workers=options.workers,
        log_config=log_config(options.log_format, options.log_level),
        log_level=options.log_level,
        access_log=options.access_log,
        timeout_graceful_shutdown=options.graceful_timeout,
        # The proxies' X-Forwarded-* describe the visitor's request, which the app
        # reads itself; uvicorn must not rewrite the service's own client and scheme.
        proxy_headers=False,
        server_header=False,
    )
