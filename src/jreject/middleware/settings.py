"""The middleware's options moved to :mod:`jreject.settings` (the config loader reads them
too, and must not import the middleware); this path keeps working for one release."""

from __future__ import annotations

from jreject.settings import CLIENT_HINTS, NonceSource, Settings

__all__ = ["CLIENT_HINTS", "NonceSource", "Settings"]
