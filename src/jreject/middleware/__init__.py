"""WSGI and ASGI middleware that act on the verdict: warn, block or log."""

from __future__ import annotations

from jreject.middleware.asgi import JRejectASGI, JRejectMiddleware
from jreject.middleware.build import VerdictSource
from jreject.middleware.log import Counters
from jreject.middleware.settings import Settings
from jreject.middleware.wsgi import JRejectWSGI

__all__ = [
    "Counters",
    "JRejectASGI",
    "JRejectMiddleware",
    "JRejectWSGI",
    "Settings",
    "VerdictSource",
]
