"""WSGI and ASGI middleware that act on the verdict: warn, block or log."""

from __future__ import annotations

from typing import Any

from jreject.middleware.asgi import JRejectASGI
from jreject.middleware.build import VerdictSource
from jreject.middleware.log import Counters
from jreject.middleware.wsgi import JRejectWSGI
from jreject.settings import Settings

__all__ = [
    "Counters",
    "JRejectASGI",
    "JRejectWSGI",
    "Settings",
    "VerdictSource",
]


def __getattr__(name: str) -> Any:
    if name == "JRejectMiddleware":  # deprecated alias, see jreject.middleware.asgi
        from jreject.middleware import asgi

        return asgi.__getattr__(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
